"""The corpus store: migrations, atomic writes, stories, cached briefs, and one clear error for a bad database.

SQLite tests use temp files. PostgreSQL tests run when NEWSWEAVE_TEST_POSTGRES_URL names a server where the user
may create databases (`.ci/run` starts one); each test gets a fresh database. Invented article text only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from datetime import date
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
import sqlalchemy as sa
from conftest import BODY, OTHER_BODY
from corpus_fakes import HashEncoder

from newsweave.errors import NewsweaveError, UsageError
from newsweave.models import Article, content_id
from newsweave.store import METADATA, Store, StoreError, database_url
from builders import make_article

POSTGRES_URL = os.environ.get("NEWSWEAVE_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not POSTGRES_URL, reason="set NEWSWEAVE_TEST_POSTGRES_URL to run the PostgreSQL tests (.ci/run does)"))]

@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def fresh_postgres(admin: sa.Engine) -> tuple[str, str]:
    name = f"nw_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    return name, database_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def drop_postgres(admin: sa.Engine, name: str) -> None:
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    admin = request.getfixturevalue("postgres_admin")
    name, url = fresh_postgres(admin)
    try:
        yield url
    finally:
        drop_postgres(admin, name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


def add(store: Store, article: Article, story: str | None = None, **fields) -> None:
    with store.transaction() as tx:
        tx.add_raw(f"raw-{article.id}", article.source, article.text.encode())
        tx.add_article(article, raw_sha256=f"raw-{article.id}", story_id=story, **fields)


# ── Migrations ────────────────────────────────────────────────────────────────────────────────────────────────

def test_migrations_upgrade_a_fresh_database_to_head(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(Path(__import__("newsweave.store").store.MIGRATIONS))).get_current_head()
    assert store.schema_revision() == head
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), METADATA)
    assert differences == [], "the migrations and store.METADATA disagree"


def test_reopening_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "reopen.db"
    with Store(path) as first:
        add(first, make_article(BODY, "Bridge Gazette"), "s1")
    with Store(path) as second:
        assert second.counts()["articles"] == 1
        assert second.story("s1").size == 1


def test_a_database_from_a_newer_newsweave_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="newer newsweave"):
        Store(path)


def test_migrations_ship_inside_the_package() -> None:
    import newsweave.store as store_module

    folder = Path(store_module.MIGRATIONS)
    assert (folder / "env.py").is_file() and (folder / "script.py.mako").is_file()
    assert list((folder / "versions").glob("0001_*.py"))


# ── Writes and reads ──────────────────────────────────────────────────────────────────────────────────────────

def test_article_round_trip_and_story_fields(store: Store) -> None:
    first = make_article(BODY, "Bridge Gazette", date(2025, 3, 2), "Bridge to be rebuilt")
    second = make_article(BODY + "\n\nWork starts in May.", "Valley Post", date(2025, 3, 4))
    add(store, first, "s1", vector=np.ones(4) / 2, entities={"bridgeford", "peter hale"})
    add(store, second, "s1", copy_of=first.id)
    stored = store.article(first.id)
    assert stored.article == first
    assert stored.entities == frozenset({"bridgeford", "peter hale"})
    assert np.allclose(stored.vector, 0.5) and stored.vector.dtype == np.float32
    assert store.article(second.id).copy_of == first.id
    story = store.story("s1")
    assert (story.size, story.title, story.outlets) == (2, "Bridge to be rebuilt", ["Bridge Gazette", "Valley Post"])
    assert (story.first_date, story.last_date) == (date(2025, 3, 2), date(2025, 3, 4))
    assert story.version == 2  # one bump per change
    assert [a.id for a in store.articles("s1")] == [first.id, second.id]
    assert store.has_article(first.id) and store.has_raw(f"raw-{first.id}") and not store.has_raw("nope")


def test_adding_twice_adds_nothing(store: Store) -> None:
    article = make_article(BODY, "Bridge Gazette")
    add(store, article, "s1")
    with store.transaction() as tx:
        assert tx.add_raw(f"raw-{article.id}", "again", b"x") is False
        assert tx.add_article(article, raw_sha256=f"raw-{article.id}", story_id="s1") is False
    assert store.counts() == {"raw_inputs": 1, "articles": 1, "copies": 0, "junk": 0, "stories": 1}


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    article = make_article(BODY, "Bridge Gazette")
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            tx.add_raw("raw-1", "a.txt", b"raw bytes")
            tx.add_article(article, raw_sha256="raw-1", story_id="s1")
            raise RuntimeError("killed half-way")
    assert store.counts() == {"raw_inputs": 0, "articles": 0, "copies": 0, "junk": 0, "stories": 0}


def test_merging_stories_moves_articles_and_drops_the_old_story(store: Store) -> None:
    add(store, make_article(BODY, "Bridge Gazette"), "s1")
    add(store, make_article(OTHER_BODY, "Valley Post"), "s2")
    with store.transaction() as tx:
        tx.merge_story("s2", "s1")
    assert store.story("s2") is None
    assert store.story("s1").size == 2
    assert {a.story_id for a in store.articles()} == {"s1"}


def test_clusterer_checkpoints_and_the_articles_to_replay(store: Store) -> None:
    assert store.clusterer_checkpoint() == (0, None)
    first, second = make_article(BODY, "Bridge Gazette", date(2025, 3, 2)), make_article(OTHER_BODY, "Valley Post")
    add(store, first, "s1", vector=[1.0, 0.0], entities={"bridgeford"})
    with store.transaction() as tx:
        assert tx.save_clusterer_state({"a": [1, 2]}, tx.last_seq()) == 1
    add(store, second, "s2", vector=[0.0, 1.0])
    add(store, make_article(BODY + "\n\nMore.", "Copy Post"), "s1", copy_of=first.id)
    add(store, make_article("Please enable JavaScript.", "Nowhere"), junk_reason="page needs JavaScript")
    seq, state = store.clusterer_checkpoint()
    assert (seq, state) == (1, {"a": [1, 2]})
    with store.transaction() as tx:
        replay = tx.clustered_after(seq)  # neither the copy nor the junk page went through the clusterer
        assert [(r.id, r.vector.tolist(), r.entities, r.seq) for r in replay] == [(second.id, [0.0, 1.0], frozenset(), 2)]
        assert [r.id for r in tx.clustered_after(0)] == [first.id, second.id]
        assert tx.save_clusterer_state({"a": [3]}, 4) == 2
    assert store.clusterer_checkpoint() == (4, {"a": [3]})


def test_junk_articles_belong_to_no_story(store: Store) -> None:
    add(store, make_article(BODY, "Bridge Gazette"), "s1")
    add(store, make_article("Please enable JavaScript to view this page.", "Nowhere"), None,
        junk_reason="page needs JavaScript or another browser")
    assert [a.id for a in store.articles(include_junk=False)] == [content_id(BODY)]
    assert store.counts()["junk"] == 1 and store.story("s1").size == 1


# ── Briefs: cached per story version; copies count once ──────────────────────────────────────────────────────

@pytest.fixture
def counted_briefs(monkeypatch) -> list:
    import importlib

    brief_module = importlib.import_module("newsweave.brief")  # the module; `newsweave.brief` is the function
    calls: list = []
    real = brief_module.brief

    def fake(articles, settings=None, *, encoder=None):
        calls.append(len(articles))
        return real(articles, settings, encoder=HashEncoder())

    monkeypatch.setattr(brief_module, "brief", fake)
    return calls


def test_brief_is_cached_until_the_story_changes(tmp_path: Path, counted_briefs: list) -> None:
    with Store(tmp_path / "briefs.db") as store:
        add(store, make_article(BODY, "Bridge Gazette", title="Bridge to be rebuilt"), "s1")
        first = store.brief_for("s1")
        assert store.brief_for("s1") == first and counted_briefs == [1]
        own = ("Councillors in Bridgeford agreed to replace the stone crossing over the Wend that floods left unsafe. "
               "Peter Hale, who tabled the proposal, said residents had waited long enough.")
        add(store, make_article(own, "Valley Post"), "s1")
        second = store.brief_for("s1")
        assert counted_briefs == [1, 2] and len(second.articles) + len(second.excluded) == 2
        assert store.brief_for("s1", refresh=True) and counted_briefs == [1, 2, 2]


def test_copies_count_once_in_a_stored_story_brief(tmp_path: Path, counted_briefs: list) -> None:
    original = make_article(BODY, "Bridge Gazette")
    copy = make_article(BODY + "\n\nThe council will publish the tender next month.", "Valley Post")
    with Store(tmp_path / "copies.db") as store:
        add(store, original, "s1")
        add(store, copy, "s1", copy_of=original.id)
        result = store.brief_for("s1")
    assert {a.id for a in result.articles} == {original.id, copy.id}
    assert any("Only one source" in note for note in result.notes)
    assert all(fact.corroboration <= 1 for fact in result.facts)


def test_brief_of_an_unknown_story_is_a_usage_error(store: Store) -> None:
    with pytest.raises(UsageError, match="no story 'nope'"):
        store.brief_for("nope")


# ── Bad databases: one clear error ───────────────────────────────────────────────────────────────────────────

def test_a_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not an SQLite database, just some bytes " * 200)
    with pytest.raises(StoreError, match="not a newsweave database, or the file is corrupt"):
        Store(path)


def test_a_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    with Store(path) as store:
        for n in range(30):
            add(store, make_article(f"{BODY}\n\nNote {n}: " + "filler words here " * 200, f"Outlet {n}"), "s1")
    data = bytearray(path.read_bytes())
    data[4096:len(data)] = b"\xff" * (len(data) - 4096)  # every page after the first overwritten
    path.write_bytes(bytes(data))
    with pytest.raises(NewsweaveError, match="corrupt|not a newsweave database|database error"):
        with Store(path) as store:
            store.articles()


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such folder"):
        Store(tmp_path / "absent" / "corpus.db")


def test_a_missing_file_is_an_error_when_only_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no corpus database"):
        Store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_an_unsupported_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        Store("mysql://user@localhost/news")


def _mount_tmpfs(path: Path, options: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_read_only_location_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    if _mount_tmpfs(folder, "size=4m"):
        try:
            with Store(folder / "corpus.db") as store:
                add(store, make_article(BODY, "Bridge Gazette"), "s1")
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
            with pytest.raises(StoreError, match="read-only|cannot open"):
                with Store(folder / "corpus.db") as store:
                    add(store, make_article(OTHER_BODY, "Valley Post"), "s2")
            with pytest.raises(StoreError, match="read-only|cannot open"):
                Store(folder / "new.db")
        finally:
            _umount(folder)
    elif os.geteuid() != 0:
        folder.mkdir()
        with Store(folder / "corpus.db") as store:
            add(store, make_article(BODY, "Bridge Gazette"), "s1")
        (folder / "corpus.db").chmod(0o444)
        folder.chmod(0o555)
        try:
            with pytest.raises(StoreError, match="read-only|cannot open"):
                with Store(folder / "corpus.db") as store:
                    add(store, make_article(OTHER_BODY, "Valley Post"), "s2")
        finally:
            folder.chmod(0o755)
    else:
        pytest.skip("root without mount: no way to make a read-only folder")


def _fill_until_full(store: Store) -> int:
    added = 0
    with pytest.raises(StoreError, match="disk full"):
        for n in range(10_000):
            text = f"{BODY}\n\nNote {n}: " + " ".join(f"word{n}x{i}" for i in range(800))
            add(store, make_article(text, f"Outlet {n}"), "s1")
            added += 1
    return added


def _assert_nothing_half_written(store: Store, added: int) -> None:
    counts = store.counts()
    assert counts["articles"] == added and counts["raw_inputs"] == added
    assert store.story("s1").size == added


def test_a_full_database_is_a_clear_error_and_nothing_is_half_written(tmp_path: Path) -> None:
    path = tmp_path / "full.db"
    Store(path).close()
    with Store(path) as store:
        @sa.event.listens_for(store.engine, "connect")
        def _limit(dbapi_connection, _record):  # SQLite's own size cap stands in for a full disk
            dbapi_connection.execute("PRAGMA max_page_count = 120")

        store.engine.dispose()
        added = _fill_until_full(store)
        assert added > 0
    with Store(path) as store:
        _assert_nothing_half_written(store, added)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_full_disk_is_a_clear_error_and_nothing_is_half_written(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    if not _mount_tmpfs(folder, "size=1m"):
        pytest.skip("needs root and mount for a size-limited tmpfs")
    try:
        with Store(folder / "corpus.db") as store:
            added = _fill_until_full(store)
        assert added > 0
        with Store(folder / "corpus.db") as store:
            _assert_nothing_half_written(store, added)
    finally:
        _umount(folder)
