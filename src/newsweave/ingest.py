"""Corpus ingest: inputs → raw documents → processed articles → the store, each article in one transaction.

    read (reader)  →  skip raw inputs already stored  →  engine.process (clean, embed, entities, signature, junk)
                   →  per article, one transaction: raw input + article + copy link or story assignment
                      + clusterer state

Idempotent: a raw input whose SHA-256 is stored, or an article whose id is stored, adds nothing. Resumable: a
killed ingest loses at most the article in flight; running it again finishes the job. Two ingests into one
database both finish: writes are serialised by the store, and each ingest picks up what the other added
(new story-clusterer state, new dedupe signatures) before its own next write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel, Field

from .dedupe import CopyIndex, from_bytes, to_bytes
from .models import InputProblem, RawDocument
from .read import iter_documents
from .settings import Settings
from .store import Store, StoreError, Transaction

LOGGER = logging.getLogger(__name__)
_HASHED_FIELDS = ("text", "html", "title", "url", "outlet", "published", "byline")
CHECKPOINT_EVERY = 100  # placed articles between two saves of the story clusterer's state


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
    the database inside each transaction (so articles another process added since are taken into account).

    The clusterer's state is checkpointed every `CHECKPOINT_EVERY` articles (and at the end); articles placed after
    the checkpoint are replayed from their stored vectors, entities and dates, in the order they were added. The
    clusterer is deterministic, so the replay places them where they were placed.
    """

    def __init__(self, store: Store):
        self.store = store
        self.copies = CopyIndex()
        self.copies_seq = 0  # articles up to this seq are in `copies`
        self.clusterer: Any = None
        self.clustered_seq = 0  # articles up to this seq are in `clusterer`
        self.since_checkpoint = 0

    def sync(self, tx: Transaction) -> None:
        """Catch up with the articles stored since the last transaction (by this or another process)."""
        for row in tx.copy_rows(self.copies_seq):
            self.copies.add(row.id, from_bytes(row.signature) if row.signature else None, copy_of=row.copy_of)
            self.copies_seq = row.seq
        if self.clusterer is None:
            self.clustered_seq, state = tx.clusterer_checkpoint()
            self.clusterer = _new_clusterer(state)
            self.since_checkpoint = 0
        for row in tx.clustered_after(self.clustered_seq):
            self.clusterer.add(row.id, row.vector, row.entities, row.published)
            self.clustered_seq = row.seq
            self.since_checkpoint += 1

    def checkpoint(self, tx: Transaction) -> None:
        """Save the clusterer's state as covering every article stored so far."""
        self.sync(tx)
        tx.save_clusterer_state(self.clusterer.state(), self.clustered_seq)
        self.since_checkpoint = 0

    def finish(self) -> None:
        """A last checkpoint, when articles were placed since the one before."""
        if self.clusterer is not None and self.since_checkpoint:
            try:
                with self.store.transaction() as tx:
                    self.checkpoint(tx)
            except BaseException:
                self.clusterer = None
                raise

    def store_article(self, item: Any, raw: RawDocument | None, sha: str, report: IngestReport) -> None:
        """One processed article into the store, in one transaction; counts it in the report."""
        article = item.article
        original: str | None = None
        seq = 0
        try:
            with self.store.transaction() as tx:
                if raw is not None:
                    tx.add_raw(sha, raw.source, raw_content(raw))
                elif not tx.has_raw(sha):  # the engine handed back a document we did not send: keep its trace
                    tx.add_raw(sha, item.source, json.dumps({"source": item.source}).encode())
                if tx.has_article(article.id):
                    outcome, story = "duplicate", None
                elif item.junk:
                    tx.add_article(article, raw_sha256=sha, vector=item.vector, entities=item.entities,
                                   signature=_sig_bytes(item.signature), junk_reason=item.junk)
                    outcome, story = "junk", None
                else:
                    self.sync(tx)
                    outcome, story, original, merges = self._place(tx, item)
                    tx.add_article(article, raw_sha256=sha, vector=item.vector, entities=item.entities,
                                   signature=_sig_bytes(item.signature), copy_of=original, story_id=story)
                    for old, new in merges.items():
                        tx.merge_story(old, new)
                    seq = tx.last_seq()
                    if outcome == "new":
                        self.clustered_seq = seq
                        self.since_checkpoint += 1
                        if self.since_checkpoint >= CHECKPOINT_EVERY:
                            self.checkpoint(tx)
        except BaseException:
            self.clusterer = None  # it may hold a placement that was rolled back: reload it before the next one
            raise
        if outcome in ("new", "copy"):
            self.copies.add(article.id, item.signature, copy_of=original)
            self.copies_seq = seq  # every earlier article was synced inside the transaction
        if outcome == "duplicate":
            report.duplicate += 1
        elif outcome == "junk":
            report.junk += 1
            kind = item.junk.split(" (", 1)[0]
            report.junk_reasons[kind] = report.junk_reasons.get(kind, 0) + 1
        else:
            report.new += outcome == "new"
            report.copies += outcome == "copy"
            if story and story not in report.stories:
                report.stories.append(story)

    def _place(self, tx: Transaction, item: Any) -> tuple[str, str | None, str | None, dict[str, str]]:
        """Where an article goes: ("copy", story, original, {}) for a syndicated copy of a stored article in a
        story, else ("new", story, None, merges) from the clusterer (merges: story ids merged away → survivor)."""
        if item.signature is not None:
            original = self.copies.find(item.signature)
            if original is not None and (story := tx.story_of(original)) is not None:
                return "copy", story, original, {}
        before = dict(self.clusterer.merged())
        story = self.clusterer.add(item.article.id, item.vector, frozenset(item.entities), item.article.published)
        after = self.clusterer.merged()
        merges = {old: self.current(new) for old, new in after.items() if before.get(old) != new}
        return "new", self.current(story), None, merges

    def current(self, story: str) -> str:
        """The surviving id of a story that may have been merged into another."""
        merged = self.clusterer.merged() if self.clusterer is not None else {}
        seen: set[str] = set()
        while story in merged and story not in seen:
            seen.add(story)
            story = merged[story]
        return story


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
        progress (Callable[[IngestReport], None], optional): called after each document with the counts so far.

    Returns:
        IngestReport: counts (read / new / duplicate / copies / junk / failed) and the failures' reasons.

    Raises:
        StoreError: the database cannot be written (full, read-only, gone); everything committed so far stays
            (one transaction per article), and the exception's `report` holds the counts up to there.
    """
    settings = settings or Settings()
    if isinstance(inputs, str):
        inputs = [inputs]
    started = time.perf_counter()
    report = IngestReport()
    corpus = _Corpus(store)
    pending: dict[str, RawDocument] = {}
    by_source: dict[str, str] = {}

    def tick() -> None:
        report.elapsed_s = round(time.perf_counter() - started, 3)
        if progress is not None:
            progress(report)

    def fresh_raws() -> Iterator[RawDocument]:
        seen: set[str] = set()
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
            sha = raw_sha256(item)
            if sha in seen or store.has_raw(sha):
                report.duplicate += 1
                tick()
                continue
            seen.add(sha)
            pending[sha] = item
            by_source[item.source] = sha
            yield item

    try:
        for item in _process(fresh_raws(), settings, engine=engine, scheduler=scheduler):
            sha = item.raw_sha256 if item.raw_sha256 in pending else by_source.get(item.source)
            raw = pending.pop(sha, None) if sha else None
            by_source.pop(item.source, None)
            if item.article is None:
                problem = item.problem or InputProblem(source=item.source, reason="could not be processed")
                report.failed += 1
                report.failures.append(problem)
            else:  # one hash for the raw input, ours, whoever else computed one
                corpus.store_article(item, raw, sha or item.raw_sha256, report)
            tick()
        corpus.finish()
    except StoreError as exc:
        report.elapsed_s = round(time.perf_counter() - started, 3)
        exc.report = report  # type: ignore[attr-defined]
        raise
    report.elapsed_s = round(time.perf_counter() - started, 3)
    report.stories = list(dict.fromkeys(corpus.current(story) for story in report.stories))
    LOGGER.info("%s: %s", store.name, report.summary())
    return report


__all__ = ["ingest", "IngestReport", "raw_sha256", "raw_content"]
