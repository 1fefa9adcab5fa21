"""Corpus ingest: counts, idempotence, resume after SIGKILL, concurrent ingests, copies, junk, CLI.

The per-article engine and the story clusterer are replaced by the small fakes of corpus_fakes.py (fast and
deterministic); `test_real_engine_*` runs the real ones when they are installed. Invented article text only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from conftest import BODY, OTHER_BODY
from corpus_fakes import StoryClusterer, install, story_text, write_corpus
from test_store import BACKENDS, drop_postgres, fresh_postgres, postgres_admin  # noqa: F401 (a fixture)

from newsweave.cli import cli
from newsweave.ingest import IngestReport, ingest, raw_sha256
from newsweave.models import RawDocument
from newsweave.store import Store, StoreError

TESTS = Path(__file__).resolve().parent
COPY_OF_BODY = ("Valley Post logo\nCouncil backs new Bridgeford bridge\nShare this article\n"
                + BODY.replace("on Monday", "on Monday evening")
                + "\n\nThe council will publish the tender documents next month.\nRead more:")
COOKIE_WALL = ("We and our partners use cookies to give you the best experience on our site, to measure how it is used "
               "and to show you news and offers we think you will like. By continuing to browse you agree to our cookie "
               "policy and to the use of cookies for analytics and advertising on this and other sites. Manage your "
               "cookie settings or accept all cookies to continue reading the news you trust.")
TWEET_EMBED = ("Tweet with a location. You can add location information to your tweets, such as your city or precise "
               "location, from the web and via third-party applications. You always have the option to delete your "
               "tweet location history.")


@pytest.fixture
def fakes(monkeypatch) -> None:
    install(monkeypatch)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Invented inputs: 3 stories × 3 reports, a bridge report and its copy, a water report, two junk pages, and
    (in a folder of its own: the reader stops reading a folder at an unreadable file) an empty file."""
    folder = tmp_path_factory.mktemp("inputs")
    write_corpus(folder / "corpus", stories=3, per_story=3)
    (folder / "bridge.txt").write_text("Bridge Gazette logo\nBridge to be rebuilt\n" + BODY, encoding="utf-8")
    (folder / "bridge_copy.txt").write_text(COPY_OF_BODY, encoding="utf-8")
    (folder / "water.txt").write_text(OTHER_BODY, encoding="utf-8")
    (folder / "cookies.txt").write_text(COOKIE_WALL, encoding="utf-8")
    (folder / "tweet.txt").write_text(TWEET_EMBED, encoding="utf-8")
    (folder.parent / f"{folder.name}_bad").mkdir()
    (folder.parent / f"{folder.name}_bad" / "empty.txt").write_text("", encoding="utf-8")
    return folder


def everything(inputs: Path) -> list[str]:
    return [str(inputs), str(inputs.parent / f"{inputs.name}_bad" / "empty.txt")]


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    admin = request.getfixturevalue("postgres_admin")
    name, url = fresh_postgres(admin)
    try:
        yield url
    finally:
        drop_postgres(admin, name)


def check_consistent(store: Store) -> None:
    """No half-written state: every article has its raw input; story sizes match their articles; junk has no story."""
    articles = store.articles()
    for stored in articles:
        assert store.has_raw(stored.raw_sha256)
        if stored.junk_reason:
            assert stored.story_id is None and stored.copy_of is None
        else:
            assert stored.story_id is not None
    stories = store.stories()
    for story in stories:
        assert story.size == sum(1 for a in articles if a.story_id == story.id)
    assert {a.story_id for a in articles if a.story_id} == {s.id for s in stories}


# ── What one ingest does ─────────────────────────────────────────────────────────────────────────────────────

def test_ingest_counts_every_document_once(fakes, inputs: Path, db_url: str) -> None:
    with Store(db_url) as store:
        report = ingest(everything(inputs), store)
        assert (report.read, report.new, report.copies, report.junk, report.failed, report.duplicate) == (15, 11, 1, 2, 1, 0)
        assert report.read == report.done
        assert [f.source for f in report.failures] == [everything(inputs)[1]]
        assert "empty" in report.failures[0].reason
        assert set(report.junk_reasons) == {"cookie or consent wall", "social-media embed boilerplate"}
        check_consistent(store)
        stories = store.stories()
        assert len(stories) == 5  # three invented stories, the bridge, the water board
        assert sorted(s.size for s in stories) == [1, 2, 3, 3, 3]
        assert store.counts() == {"raw_inputs": 14, "articles": 14, "copies": 1, "junk": 2, "stories": 5}


def test_reingesting_the_same_content_adds_nothing(fakes, inputs: Path, db_url: str) -> None:
    with Store(db_url) as store:
        ingest(everything(inputs), store)
        before = (store.counts(), [(s.id, s.size, s.version) for s in store.stories()])
        again = ingest(everything(inputs), store)
        assert (again.new, again.copies, again.junk, again.duplicate, again.failed) == (0, 0, 0, 14, 1)
        assert (store.counts(), [(s.id, s.size, s.version) for s in store.stories()]) == before


def test_same_text_from_another_input_is_a_duplicate(fakes, inputs: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere.txt"
    other.write_text("Another Site logo\nBridge to be rebuilt\n" + BODY + "\nShare this article", encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        ingest([str(inputs / "bridge.txt")], store)
        report = ingest([str(other)], store)
        assert (report.new, report.duplicate) == (0, 1)
        assert store.counts()["raw_inputs"] == 2  # the second raw input is kept, so it is skipped next time


def test_copies_are_linked_to_their_original_in_its_story(fakes, inputs: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        ingest([str(inputs / "bridge.txt"), str(inputs / "water.txt"), str(inputs / "bridge_copy.txt")], store)
        articles = {a.article.source.rsplit("/", 1)[-1]: a for a in store.articles()}
        original, copy = articles["bridge.txt"], articles["bridge_copy.txt"]
        assert copy.copy_of == original.id and original.copy_of is None
        assert copy.story_id == original.story_id != articles["water.txt"].story_id
        story = store.story(original.story_id)
        assert story.size == 2 and story.outlets == ["Bridge Gazette", "Valley Post"]


def test_copies_are_found_across_ingests_and_processes(fakes, inputs: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store(path) as store:
        ingest([str(inputs / "bridge.txt")], store)
    with Store(path) as store:  # a new process would start from the store alone
        report = ingest([str(inputs / "bridge_copy.txt")], store)
        assert report.copies == 1


def test_junk_is_stored_flagged_and_kept_out_of_stories(fakes, inputs: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        report = ingest([str(inputs / "cookies.txt"), str(inputs / "tweet.txt"), str(inputs / "water.txt")], store)
        assert (report.junk, report.new) == (2, 1)
        junk = [a for a in store.articles() if a.junk_reason]
        assert len(junk) == 2 and all(a.story_id is None for a in junk)
        assert [s.size for s in store.stories()] == [1]
        assert all(not a.junk_reason for a in store.articles(store.stories()[0].id))


def test_progress_is_reported_after_each_document(fakes, inputs: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    with Store(tmp_path / "c.db") as store:
        report = ingest(everything(inputs), store, progress=lambda r: seen.append(r.done))
    assert seen == sorted(seen) and seen[-1] == report.read == 15


@pytest.mark.parametrize("commit_every", [2, 256])  # the merged story stored in an earlier batch, or in the same one
def test_story_merges_move_stored_articles(monkeypatch, inputs: Path, tmp_path: Path, commit_every: int) -> None:
    import newsweave.ingest as ingest_module

    class MergingClusterer(StoryClusterer):
        """Merges the first story into the second when the fourth article arrives."""

        def add(self, article_id, vector, entities, published):
            story = super().add(article_id, vector, entities, published)
            if sum(self.sizes.values()) == 4 and len(self.centroids) >= 2:
                first, second = sorted(self.centroids)[:2]
                self.merge(first, second)
                return second if story == first else story
            return story

    install(monkeypatch)
    monkeypatch.setattr(ingest_module, "_new_clusterer", MergingClusterer)
    monkeypatch.setattr(ingest_module, "COMMIT_EVERY", commit_every)
    with Store(tmp_path / "c.db") as store:
        report = ingest([str(inputs / "corpus")], store)
        stories = store.stories()
        assert report.new == 9 and "s0001" not in {s.id for s in stories}
        first_story = {a.story_id for a in store.articles() if "/s00_" in a.article.source}
        assert first_story == {"s0002"} and store.story("s0002").size >= 4  # s0001's articles moved
        assert set(report.stories) == {s.id for s in stories}
        check_consistent(store)


@pytest.mark.parametrize("commit_every", [2, 256])  # the moved article stored in an earlier batch, or in the same one
def test_articles_a_split_moves_are_moved_in_the_store(monkeypatch, inputs: Path, tmp_path: Path,
                                                       commit_every: int) -> None:
    import newsweave.ingest as ingest_module

    class SplittingClusterer(StoryClusterer):
        """Moves the first article it placed into a story of its own when the fourth article arrives."""

        def add(self, article_id, vector, entities, published):
            self.placed = getattr(self, "placed", []) + [article_id]
            story = super().add(article_id, vector, entities, published)
            if len(self.placed) == 4:
                self.move(self.placed[0], "split-1")
            return story

    install(monkeypatch)
    monkeypatch.setattr(ingest_module, "_new_clusterer", SplittingClusterer)
    monkeypatch.setattr(ingest_module, "COMMIT_EVERY", commit_every)
    with Store(tmp_path / "c.db") as store:
        ingest([str(inputs / "corpus")], store)
        placed = [a for a in store.articles(include_junk=False) if a.copy_of is None]
        first = min(placed, key=lambda a: a.seq)
        assert first.story_id == "split-1"
        copies = [a for a in store.articles() if a.copy_of == first.id]
        assert all(a.story_id == "split-1" for a in copies) and store.story("split-1").size == 1 + len(copies)
        assert all(a.story_id != "split-1" for a in placed if a is not first)
        check_consistent(store)


def _partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for stored in store.articles(include_junk=False):
        groups.setdefault(stored.story_id, set()).add(stored.article.source.rsplit("/", 1)[-1])
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("clusterer", ["fake", "real"])
def test_checkpoints_and_replay_place_articles_as_one_run_does(monkeypatch, inputs: Path, tmp_path: Path,
                                                                clusterer: str) -> None:
    import newsweave.ingest as ingest_module

    install(monkeypatch)
    if clusterer == "real":
        stories = pytest.importorskip("newsweave.stories")
        monkeypatch.setattr(ingest_module, "_new_clusterer", stories.StoryClusterer)
    files = sorted(str(p) for p in (inputs / "corpus").iterdir()) + [str(inputs / n) for n in ("bridge.txt", "water.txt")]
    with Store(tmp_path / "one.db") as store:
        ingest(files, store)
        expected = _partition(store)
    monkeypatch.setattr(ingest_module, "CHECKPOINT_EVERY", 2)
    with Store(tmp_path / "parts.db") as store:
        for start in range(0, len(files), 3):  # separate ingests: each starts from the checkpoint and replays
            ingest(files[start:start + 3], store)
        assert _partition(store) == expected
        seq, state = store.clusterer_checkpoint()
        assert state is not None and seq == store.counts()["articles"]
        check_consistent(store)
    assert len(expected) == 5


def test_raw_hash_ignores_where_a_document_was_read_from() -> None:
    one = RawDocument(source="a.txt", text=BODY)
    assert raw_sha256(one) == raw_sha256(RawDocument(source="b/c.txt", text=BODY))
    assert raw_sha256(one) != raw_sha256(RawDocument(source="a.txt", text=BODY, outlet="Valley Post"))


# ── A database that fails mid-ingest; a killed ingest; two ingests at once ─────────────────────────────────────

def test_a_full_database_stops_the_ingest_with_a_clear_error(fakes, inputs: Path, tmp_path: Path,
                                                             monkeypatch) -> None:
    import sqlalchemy as sa

    import newsweave.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "COMMIT_EVERY", 2)

    path = tmp_path / "full.db"
    Store(path).close()
    with Store(path) as store:
        @sa.event.listens_for(store.engine, "connect")
        def _limit(dbapi_connection, _record):
            dbapi_connection.execute("PRAGMA max_page_count = 40")

        store.engine.dispose()
        big = tmp_path / "big"
        big.mkdir()
        for n in range(40):
            (big / f"{n:02d}.txt").write_text(story_text(n, 0) + "\n\n" + f"Extra note {n}. " * 300, encoding="utf-8")
        with pytest.raises(StoreError, match="disk full") as caught:
            ingest([str(big)], store)
        partial: IngestReport = caught.value.report
        assert 0 < partial.new < 40 and partial.new % 2 == 0  # whole batches, none half-written
    with Store(path) as store:
        assert store.counts()["articles"] == partial.new
        check_consistent(store)


SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {tests!r})
    import corpus_fakes
    import newsweave.ingest as ingest_module
    ingest_module._process = lambda raws, settings, *, engine, scheduler: corpus_fakes.process(raws, settings)
    ingest_module._new_clusterer = corpus_fakes.StoryClusterer
    ingest_module.COMMIT_EVERY = 2  # a batch per 2 articles: something is committed before the kill
    from newsweave.store import Store
    with Store(sys.argv[1]) as store:
        print(ingest_module.ingest(sys.argv[2:], store).model_dump_json())
""")


def run_ingest(script: Path, db: Path, inputs: list[str], delay: float = 0.0) -> subprocess.Popen:
    env = dict(os.environ, NEWSWEAVE_FAKE_DELAY=str(delay))
    return subprocess.Popen([sys.executable, str(script), str(db), *inputs], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "ingest_script.py"
    path.write_text(SCRIPT.format(tests=str(TESTS)), encoding="utf-8")
    return path


def _articles_in(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_ingest_resumes_and_leaves_nothing_half_written(inputs: Path, tmp_path: Path, script: Path) -> None:
    db = tmp_path / "killed.db"
    process = run_ingest(script, db, [str(inputs)], delay=0.15)
    deadline = time.monotonic() + 60
    while _articles_in(db) < 4 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    with Store(db) as store:
        stored = store.counts()["articles"]
        assert 4 <= stored < 14
        check_consistent(store)
    rerun = run_ingest(script, db, [str(inputs)])
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err
    report = IngestReport.model_validate_json(out)
    assert report.duplicate == stored and report.new + report.copies + report.junk == 14 - stored
    with Store(db) as store:
        assert store.counts() == {"raw_inputs": 14, "articles": 14, "copies": 1, "junk": 2, "stories": 5}
        check_consistent(store)


def test_two_ingests_into_one_sqlite_file_both_finish(inputs: Path, tmp_path: Path, script: Path) -> None:
    db = tmp_path / "shared.db"
    Store(db).close()
    corpus = sorted(str(p) for p in (inputs / "corpus").iterdir())
    first = run_ingest(script, db, corpus[:6] + [str(inputs / "bridge.txt")], delay=0.05)
    second = run_ingest(script, db, corpus[3:] + [str(inputs / "bridge_copy.txt")], delay=0.05)
    reports = []
    for process in (first, second):
        out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err
        reports.append(IngestReport.model_validate_json(out))
    assert sum(r.new + r.copies for r in reports) == 11  # 9 reports, the bridge and its copy, each stored once
    assert sum(r.duplicate for r in reports) == 3  # the overlap, stored by whichever came first
    with Store(db) as store:
        check_consistent(store)
        assert sorted(s.size for s in store.stories()) == [2, 3, 3, 3]  # the bridge story holds its copy


# ── The CLI ──────────────────────────────────────────────────────────────────────────────────────────────────

def test_cli_ingest_stories_and_brief(fakes, inputs: Path, tmp_path: Path, monkeypatch) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(inputs / "corpus"), everything(inputs)[1], "--db", db])
    assert result.exit_code == 0, result.output
    assert "new" in result.output and "empty input" in result.output
    listed = runner.invoke(cli, ["stories", "--db", db, "--format", "json"])
    assert listed.exit_code == 0
    stories = json.loads(listed.output)
    assert len(stories) == 3 and {s["size"] for s in stories} == {3}
    assert set(stories[0]) == {"id", "title", "size", "outlets", "first_date", "last_date", "version"}
    assert stories[0]["first_date"] == "2025-03-10" and stories[0]["last_date"] == "2025-03-12"
    table = runner.invoke(cli, ["stories", "--db", db])
    assert table.exit_code == 0 and stories[0]["id"] in table.output

    import importlib

    from corpus_fakes import HashEncoder
    brief_module = importlib.import_module("newsweave.brief")
    real = brief_module.brief
    monkeypatch.setattr(brief_module, "brief", lambda a, s=None, *, encoder=None: real(a, s, encoder=HashEncoder()))
    shown = runner.invoke(cli, ["brief", "--db", db, "--story", stories[0]["id"], "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.output)["articles"]) + len(json.loads(shown.output)["excluded"]) == 3
    report = runner.invoke(cli, ["ingest", str(inputs / "corpus"), "--db", db, "--format", "json"])
    assert report.exit_code == 0 and json.loads(report.output)["duplicate"] == 9


@pytest.mark.parametrize("args, message", [
    (["stories", "--db", "{tmp}/absent.db"], "no corpus database"),
    (["brief", "--db", "{tmp}/cli.db", "--story", "nope"], "no story 'nope'"),
    (["ingest", "{inputs}_bad/empty.txt", "--db", "{tmp}/cli.db"], "empty input"),
    (["ingest", "{inputs}/water.txt", "--db", "{tmp}/no/such/folder/x.db"], "no such folder"),
    (["ingest", "{inputs}/water.txt", "--db", "{tmp}/corrupt.db"], "corrupt"),
    (["stories", "--db", "{tmp}/corrupt.db"], "corrupt"),
])
def test_cli_errors_are_one_line_and_exit_1(fakes, inputs: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "corrupt.db").write_bytes(b"garbage, not a database " * 100)
    Store(tmp_path / "cli.db").close()
    args = [a.format(tmp=tmp_path, inputs=inputs) for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["brief", "--db", str(tmp_path / "x.db")]).exit_code == 2  # --db without --story
    assert runner.invoke(cli, ["brief"]).exit_code == 2
    assert runner.invoke(cli, ["ingest", "--db", str(tmp_path / "x.db")]).exit_code == 2
    assert runner.invoke(cli, ["ingest", "x", "--engine", "spark"]).exit_code == 2


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "newsweave"
    if not command.exists():
        pytest.skip("the newsweave console script is not installed next to this Python")
    (tmp_path / "corrupt.db").write_bytes(b"garbage, not a database " * 100)
    done = subprocess.run([str(command), "stories", "--db", str(tmp_path / "corrupt.db")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "corrupt" in done.stderr and "Traceback" not in done.stderr


# ── The real engine and clusterer, when installed ────────────────────────────────────────────────────────────

def _real_parts_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("newsweave.engine", "newsweave.stories"))


@pytest.mark.skipif(not _real_parts_installed(), reason="newsweave.engine / newsweave.stories not installed yet")
def test_real_engine_ingests_the_example_story(tmp_path: Path) -> None:
    example = TESTS.parent / "examples" / "story"
    with Store(tmp_path / "real.db") as store:
        report = ingest([str(example)], store)
        assert report.failed == 0 and report.new + report.copies + report.junk == 5
        assert report.junk == 0
        stories = store.stories()
        assert stories[0].size == 5, [(s.title, s.size) for s in stories]
        check_consistent(store)
        again = ingest([str(example)], store)
        assert again.duplicate == 5 and again.new == 0
