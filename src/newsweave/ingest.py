"""Corpus ingest: inputs → raw documents → processed articles → the store, a batch of articles per transaction.

    read (reader)  →  skip raw inputs already stored (one query per READ_AHEAD documents)
                   →  engine.process (clean, embed, entities, signature, junk)
                   →  batches of up to COMMIT_EVERY articles (fewer when COMMIT_SECONDS pass), each one transaction:
                      raw inputs + articles + copy links or story assignments + stories (one statement per table),
                      and every CHECKPOINT_EVERY placed articles the story clusterer's state

Idempotent: a raw input whose SHA-256 is stored, or an article whose id is stored, adds nothing. Resumable: a
killed ingest loses at most the batch in flight, never part of an article; running it again finishes the job. Two
ingests into one database both finish: writes are serialised by the store, and each ingest picks up what the other
added (stored articles to replay into its story clusterer, new dedupe signatures) at the start of each transaction.
Why batches: a transaction per article (a dozen statements and a commit each) cost ~6 ms of CPU an article more.
Measured on 1,000 generated articles of `benchmarks/scale.py`, per-article work replaced by the fakes of
tests/corpus_fakes.py (no embedding): 11.3 CPU s one transaction per article, 4.9 CPU s in batches.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel, Field

from .dedupe import CopyIndex, from_bytes, to_bytes
from .models import InputProblem, RawDocument
from .read import iter_documents
from .settings import Settings
from .store import NewArticle, Store, StoreError, Transaction

LOGGER = logging.getLogger(__name__)
_HASHED_FIELDS = ("text", "html", "title", "url", "outlet", "published", "byline")
COMMIT_EVERY = 256  # articles per transaction
COMMIT_SECONDS = 2.0  # ... or fewer, once the first of them has waited this long (a slow feed still lands soon)
CHECKPOINT_EVERY = 2000  # placed articles between two saves of the story clusterer's state
READ_AHEAD = 256  # raw documents checked against the store in one query


class IngestReport(BaseModel):
    """What an ingest did. Every document read lands in exactly one of new, duplicate, copies, junk, failed."""

    read: int = Field(0, description="Documents read from the inputs (and inputs that failed to read).")
    new: int = Field(0, description="New articles stored and placed in a story.")
    duplicate: int = Field(0, description="Documents already stored (same raw input, or same clean text).")
    copies: int = Field(0, description="New articles stored as syndicated copies of an earlier article.")
    junk: int = Field(0, description="New documents stored but flagged as not news (kept out of stories).")
    failed: int = Field(0, description="Documents or inputs that could not be read or cleaned.")
    failures: list[InputProblem] = Field(default_factory=list, description="Each failure: the input and the reason.")
    warnings: list[InputProblem] = Field(default_factory=list, description="Inputs skipped with a caveat.")
    junk_reasons: dict[str, int] = Field(default_factory=dict, description="Junk documents per reason.")
    stories: list[str] = Field(default_factory=list, description="Stories that gained articles.")
    elapsed_s: float = 0.0
    timings: dict[str, float] = Field(default_factory=dict, description=(
        "Seconds in each step: 'engine' waiting for processed articles (reading, the skip check, per-article work), "
        "'global' copy lookups and story clustering, 'store' database writes and reads, 'checkpoint' saving the "
        "story clusterer's state."))

    @property
    def done(self) -> int:
        """Documents accounted for so far."""
        return self.new + self.duplicate + self.copies + self.junk + self.failed

    def summary(self) -> str:
        """One line: the counts."""
        return (f"read {self.read}: {self.new} new, {self.duplicate} duplicate, {self.copies} copies, "
                f"{self.junk} junk, {self.failed} failed; {len(self.stories)} stories updated")


def raw_sha256(raw: RawDocument) -> str:
    """SHA-256 of a raw document's content (text/HTML and given metadata; not where it was read from)."""
    payload = {name: getattr(raw, name) for name in _HASHED_FIELDS}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def raw_content(raw: RawDocument) -> bytes:
    """The raw document as kept in the store: its JSON (content, metadata, source, warnings)."""
    return raw.model_dump_json().encode("utf-8")


def _process(raws: Iterable[RawDocument], settings: Settings, *, engine: str, scheduler: str | None) -> Iterator[Any]:
    from .engine import process

    return process(raws, settings, engine=engine, scheduler=scheduler)


def _new_clusterer(state: dict | None) -> Any:
    from .stories import StoryClusterer

    return StoryClusterer(state)


class _Corpus:
    """The in-memory side of a store during an ingest: the dedupe index and the story clusterer, kept in step with
    the database at the start of each transaction (so articles another process added since are taken into account).

    The clusterer's state is checkpointed every `CHECKPOINT_EVERY` placed articles (and at the end); articles placed
    after the checkpoint are replayed from their stored vectors, entities and dates, in the order they were added.
    The clusterer is deterministic, so the replay places them where they were placed. Story merges and splits the
    clusterer makes are written in the transaction of the article that caused them.
    """

    def __init__(self, store: Store, timings: dict[str, float]):
        self.store = store
        self.timings = timings
        self.copies = CopyIndex()
        self.copies_seq = 0  # articles up to this seq are in `copies`
        self.clusterer: Any = None
        self.clustered_seq = 0  # articles up to this seq are in `clusterer`
        self.since_checkpoint = 0
        self.touched: set[str] = set()  # stories in the report

    def sync(self, tx: Transaction) -> None:
        """Catch up with the articles stored since the last transaction (by this or another process)."""
        for row in tx.copy_rows(self.copies_seq):
            self.copies.insert(row.id, from_bytes(row.signature) if row.signature else None, row.copy_of)
            self.copies_seq = row.seq
        if self.clusterer is None:
            self.clustered_seq, state = tx.clusterer_checkpoint()
            self.clusterer = _new_clusterer(state)
            self.since_checkpoint = 0
        for row in tx.clustered_after(self.clustered_seq):
            self.clusterer.add(row.id, row.vector, row.entities, row.published)
            self.clustered_seq = row.seq
            self.since_checkpoint += 1

    def checkpoint(self, tx: Transaction) -> float:
        """Save the clusterer's state as covering every article stored so far (call after `sync`); the seconds."""
        started = time.perf_counter()
        tx.save_clusterer_state(self.clusterer.state(), self.clustered_seq)
        self.since_checkpoint = 0
        spent = time.perf_counter() - started
        _add_time(self.timings, "checkpoint", spent)
        return spent

    def finish(self) -> None:
        """A last checkpoint, when articles were placed since the one before."""
        if self.clusterer is not None and self.since_checkpoint:
            try:
                with self.store.transaction() as tx:
                    self.sync(tx)
                    self.checkpoint(tx)
            except BaseException:
                self.forget()
                raise

    def forget(self) -> None:
        """Drop the in-memory state (it may hold articles of a rolled-back batch); the next `sync` reloads it."""
        self.clusterer = None
        self.copies = CopyIndex()
        self.copies_seq = 0

    def store_batch(self, batch: list[tuple[Any, RawDocument | None, str]], report: IngestReport) -> None:
        """Processed articles (with their raw documents and SHA-256s) into the store in one transaction; counts
        each in the report."""
        started = time.perf_counter()
        placing = checkpointing = 0.0
        try:
            with self.store.transaction() as tx:
                self.sync(tx)
                stored = tx.stored_articles([item.article.id for item, _, _ in batch])
                merged_before, moved_before = self.clusterer.merged(), self.clusterer.moved()
                placed: dict[str, str] = {}  # article id → story, for copies of this batch's articles
                new: list[NewArticle] = []
                outcomes: list[tuple[str, Any]] = []
                for item, _, sha in batch:
                    article = item.article
                    if article.id in stored:
                        outcomes.append(("duplicate", item))
                        continue
                    stored.add(article.id)
                    fields = NewArticle(article, sha, item.vector, item.entities, _sig_bytes(item.signature))
                    if item.junk:
                        new.append(replace(fields, junk_reason=item.junk))
                        outcomes.append(("junk", item))
                        continue
                    step = time.perf_counter()
                    outcome, story, original = self._place(tx, item, placed)
                    placing += time.perf_counter() - step
                    placed[article.id] = story
                    new.append(replace(fields, copy_of=original, story_id=story))
                    outcomes.append((outcome, item))
                merged, moved = self.clusterer.merged(), self.clusterer.moved()
                moved = {article: story for article, story in moved.items() if moved_before.get(article) != story}
                in_batch = {n.article.id for n in new}
                # an article a split moved, and its copies, go to the story holding it now
                new = [replace(n, story_id=moved.get(n.article.id) or moved.get(n.copy_of or "")
                               or _resolve(n.story_id, merged)) if n.story_id else n for n in new]
                tx.add_raws([_raw_row(item, raw, sha) for item, raw, sha in batch])
                tx.add_articles(new)
                for old, survivor in merged.items():
                    if merged_before.get(old) != survivor:
                        tx.merge_story(old, _resolve(survivor, merged))
                for article, story in moved.items():  # stored earlier, in a story that has split since
                    if article not in in_batch:
                        tx.move_article(article, story)
                self.copies_seq = self.clustered_seq = tx.last_seq()
                self.since_checkpoint += sum(outcome == "new" for outcome, _ in outcomes)
                if self.since_checkpoint >= CHECKPOINT_EVERY:
                    checkpointing = self.checkpoint(tx)
        except BaseException:
            self.forget()
            raise
        _add_time(self.timings, "global", placing)
        _add_time(self.timings, "store", time.perf_counter() - started - placing - checkpointing)
        stories = {n.article.id: n.story_id for n in new}
        for outcome, item in outcomes:
            _count(report, outcome, item)
            story = stories.get(item.article.id) if outcome in ("new", "copy") else None
            if story and story not in self.touched:
                self.touched.add(story)
                report.stories.append(story)

    def _place(self, tx: Transaction, item: Any, placed: dict[str, str]) -> tuple[str, str, str | None]:
        """Where an article goes: ("copy", story, original) for a syndicated copy of an article in a story, else
        ("new", story, None) from the clusterer; indexes it for copy lookups."""
        original = self.copies.find(item.signature) if item.signature is not None else None
        if original is not None:
            story = placed.get(original) or tx.story_of(original)
            if story is not None:
                self.copies.insert(item.article.id, item.signature, original)
                return "copy", story, original
        story = self.clusterer.add(item.article.id, item.vector, frozenset(item.entities), item.article.published)
        self.copies.insert(item.article.id, item.signature, None)
        return "new", story, None

    def current(self) -> Callable[[str], str]:
        """The surviving id of a story that may have been merged into another."""
        merged = self.clusterer.merged() if self.clusterer is not None else {}
        return lambda story: _resolve(story, merged)


def _resolve(story: str, merged: dict[str, str]) -> str:
    seen: set[str] = set()
    while story in merged and story not in seen:
        seen.add(story)
        story = merged[story]
    return story


def _raw_row(item: Any, raw: RawDocument | None, sha: str) -> tuple[str, str, bytes]:
    if raw is not None:
        return sha, raw.source, raw_content(raw)
    return sha, item.source, json.dumps({"source": item.source}).encode()  # not one we sent: keep its trace


def _count(report: IngestReport, outcome: str, item: Any) -> None:
    if outcome == "junk":
        kind = item.junk.split(" (", 1)[0]
        report.junk_reasons[kind] = report.junk_reasons.get(kind, 0) + 1
    field = {"new": "new", "copy": "copies", "junk": "junk", "duplicate": "duplicate"}[outcome]
    setattr(report, field, getattr(report, field) + 1)


def _add_time(timings: dict[str, float], step: str, seconds: float) -> None:
    timings[step] = timings.get(step, 0.0) + seconds


def _sig_bytes(signature: Any) -> bytes | None:
    return None if signature is None else to_bytes(signature)


def ingest(inputs: str | Iterable[str], store: Store, settings: Settings | None = None, *, engine: str = "local",
           scheduler: str | None = None, progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read inputs into the corpus: new articles placed in stories, copies linked, junk flagged, repeats skipped.

    Args:
        inputs (str | Iterable[str]): paths, folders, URLs, feeds, '-' — anything `newsweave.read` takes.
        store (Store): the corpus database.
        settings (Settings, optional): options; defaults to `Settings()`.
        engine (str, optional): "local" (this process) or "dask". Defaults to "local".
        scheduler (str, optional): Dask scheduler address for engine "dask".
        progress (Callable[[IngestReport], None], optional): called with the counts so far as documents are
            accounted for (a skipped or failed one at once, stored ones after their batch is committed).

    Returns:
        IngestReport: counts (read / new / duplicate / copies / junk / failed), the failures' reasons, timings.

    Raises:
        StoreError: the database cannot be written (full, read-only, gone); every batch committed before stays,
            and the exception's `report` holds the counts up to there.
    """
    settings = settings or Settings()
    if isinstance(inputs, str):
        inputs = [inputs]
    started = time.perf_counter()
    report = IngestReport()
    corpus = _Corpus(store, report.timings)
    pending: dict[str, RawDocument] = {}  # raw documents sent to the engine, by SHA-256, until processed
    by_source: dict[str, str] = {}
    unstored: set[str] = set()  # SHA-256s read in this run and not committed (in flight, or failed): repeats skip

    def tick() -> None:
        report.elapsed_s = round(time.perf_counter() - started, 3)
        if progress is not None:
            progress(report)

    def fresh(chunk: list[tuple[str, RawDocument]]) -> Iterator[RawDocument]:
        stored = store.stored_raws([sha for sha, _ in chunk])
        for sha, raw in chunk:
            if sha in stored or sha in unstored:
                report.duplicate += 1
                tick()
                continue
            unstored.add(sha)
            pending[sha] = raw
            by_source[raw.source] = sha
            yield raw

    def fresh_raws() -> Iterator[RawDocument]:
        chunk: list[tuple[str, RawDocument]] = []
        for item in iter_documents(inputs, settings):
            if isinstance(item, InputProblem):
                if item.level == "warning":
                    report.warnings.append(item)
                    continue
                report.read += 1
                report.failed += 1
                report.failures.append(item)
                tick()
                continue
            report.read += 1
            chunk.append((raw_sha256(item), item))
            if len(chunk) >= READ_AHEAD:
                yield from fresh(chunk)
                chunk = []
        yield from fresh(chunk)

    batch: list[tuple[Any, RawDocument | None, str]] = []
    batch_started = 0.0

    def flush() -> None:
        if batch:
            corpus.store_batch(batch, report)
            unstored.difference_update(sha for _, _, sha in batch)
            batch.clear()
            tick()

    try:
        processed = iter(_process(fresh_raws(), settings, engine=engine, scheduler=scheduler))
        while True:
            waited = time.perf_counter()
            item = next(processed, None)
            _add_time(report.timings, "engine", time.perf_counter() - waited)
            if item is None:
                break
            sha = item.raw_sha256 if item.raw_sha256 in pending else by_source.get(item.source)
            raw = pending.pop(sha, None) if sha else None
            by_source.pop(item.source, None)
            if item.article is None:
                report.failed += 1
                report.failures.append(item.problem or InputProblem(source=item.source, reason="could not be processed"))
                tick()
                continue
            if not batch:
                batch_started = time.perf_counter()
            batch.append((item, raw, sha or item.raw_sha256))  # one hash for the raw input: ours, or the engine's
            if len(batch) >= COMMIT_EVERY or time.perf_counter() - batch_started >= COMMIT_SECONDS:
                flush()
        flush()
        corpus.finish()
    except StoreError as exc:
        report.elapsed_s = round(time.perf_counter() - started, 3)
        exc.report = report  # type: ignore[attr-defined]
        raise
    report.elapsed_s = round(time.perf_counter() - started, 3)
    current = corpus.current()
    report.stories = list(dict.fromkeys(current(story) for story in report.stories))
    report.timings.update({step: round(seconds, 3) for step, seconds in report.timings.items()})
    LOGGER.info("%s: %s", store.name, report.summary())
    return report


__all__ = ["ingest", "IngestReport", "raw_sha256", "raw_content"]
