"""The corpus store: raw inputs, articles, stories and cached briefs in SQLite (a file) or PostgreSQL (a URL).

This module alone knows the tables. Everything else calls `Store` methods, and writes go through
`Store.transaction()`: one atomic unit (a batch of articles with their raw inputs and story assignments),
serialised across processes, so two ingests into one database both finish and a killed one leaves nothing
half-written. Writes of many rows are one executemany statement each (SQLAlchemy Core), not a statement per row.
The schema is managed by Alembic; `Store(url)` upgrades the database to the newest revision on open.

    raw_inputs       sha256 (PK) of the raw document, its source, its content, fetched_at
    articles         id (PK = Article.id), raw input, Article JSON, outlet, title, published, language,
                     vector, entities, MinHash signature, copy_of, junk_reason, story_id, seq, created_at
    stories          id, title, size, first/last date, outlets, updated_at, version (bumped on every change)
    briefs           story_id, version, Brief JSON (valid while the story keeps that version)
    clusterer_state  one row: a checkpoint of the story clusterer's JSON state, the `seq` of the last article it
                     covers (later articles are replayed from their stored vectors), and a version
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from .errors import NewsweaveError, UsageError
from .models import Article, Brief, display_name

LOGGER = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another process's transaction before giving up
_PG_LOCK = 0x6E657773  # advisory lock key ("news") serialising writers on PostgreSQL, as SQLite's write lock does


class StoreError(NewsweaveError):
    """The database cannot be opened, read or written (corrupt, read-only, full, unreachable, too new)."""


# ── Tables (mirrors migrations/versions; tests check that the two agree) ───────────────────────────────────

METADATA = sa.MetaData()

RAW_INPUTS = sa.Table(
    "raw_inputs", METADATA,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("content", sa.LargeBinary(), nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
)
STORIES = sa.Table(
    "stories", METADATA,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("size", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("first_date", sa.Date(), nullable=True),
    sa.Column("last_date", sa.Date(), nullable=True),
    sa.Column("outlets", sa.JSON(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
)
ARTICLES = sa.Table(
    "articles", METADATA,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("raw_sha256", sa.String(64), sa.ForeignKey("raw_inputs.sha256"), nullable=False, index=True),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("data", sa.Text(), nullable=False),
    sa.Column("outlet", sa.Text(), nullable=True),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("published", sa.Date(), nullable=True),
    sa.Column("language", sa.String(16), nullable=True),
    sa.Column("vector", sa.LargeBinary(), nullable=True),
    sa.Column("entities", sa.JSON(), nullable=False),
    sa.Column("signature", sa.LargeBinary(), nullable=True),
    sa.Column("copy_of", sa.String(64), sa.ForeignKey("articles.id"), nullable=True),
    sa.Column("junk_reason", sa.Text(), nullable=True),
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), nullable=True, index=True),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_seq", "seq", unique=True),
)
BRIEFS = sa.Table(
    "briefs", METADATA,
    sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("data", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
CLUSTERER_STATE = sa.Table(
    "clusterer_state", METADATA,
    sa.Column("id", sa.Integer(), primary_key=True),
    sa.Column("state", sa.Text(), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


# ── What the store hands out ─────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the Article plus what the corpus knows about it."""

    article: Article
    raw_sha256: str
    story_id: str | None
    copy_of: str | None
    junk_reason: str | None
    entities: frozenset[str]
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    signature: bytes | None = field(default=None, compare=False, repr=False)
    seq: int = 0

    @property
    def id(self) -> str:
        """The article's id."""
        return self.article.id


@dataclass(frozen=True)
class StoryInfo:
    """A stored story: what `newsweave stories` lists."""

    id: str
    title: str | None
    size: int
    outlets: list[str]
    first_date: date | None
    last_date: date | None
    version: int
    updated_at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields (dates as ISO strings)."""
        return {"id": self.id, "title": self.title, "size": self.size, "outlets": list(self.outlets),
                "first_date": self.first_date.isoformat() if self.first_date else None,
                "last_date": self.last_date.isoformat() if self.last_date else None, "version": self.version}


@dataclass(frozen=True)
class CopyRow:
    """An article's dedupe record: enough to rebuild a `dedupe.CopyIndex`."""

    id: str
    signature: bytes | None
    copy_of: str | None
    seq: int


@dataclass(frozen=True)
class ClusterRow:
    """What the story clusterer was given for an article: enough to replay it."""

    id: str
    vector: np.ndarray | None
    entities: frozenset[str]
    published: date | None
    seq: int


@dataclass(frozen=True)
class NewArticle:
    """An article to store (`Transaction.add_articles`) with what the corpus knows about it."""

    article: Article
    raw_sha256: str
    vector: Any = None
    entities: Iterable[str] = ()
    signature: bytes | None = None
    copy_of: str | None = None
    junk_reason: str | None = None
    story_id: str | None = None


IN_CHUNK = 500  # values per IN (…) list: far below SQLite's and PostgreSQL's bound-parameter limits


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), IN_CHUNK):
        yield values[start:start + IN_CHUNK]


def _outlet_order(name: str) -> tuple[str, str]:
    return name.lower(), name


def _vector_bytes(vector: Any) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def _vector(data: bytes | None) -> np.ndarray | None:
    return None if data is None else np.frombuffer(bytes(data), dtype=np.float32).copy()


# ── URL handling and errors ──────────────────────────────────────────────────────────────────────────────────

def database_url(target: str | Path) -> sa.URL:
    """A SQLAlchemy URL from a file path, `sqlite:///…`, or `postgresql://…` (psycopg 3 driver).

    Raises:
        StoreError: a URL of another kind of database.
    """
    text = str(target)
    if not re.match(r"^[a-z][a-z0-9+]*://", text, re.I):
        return sa.URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().absolute()))
    try:
        url = sa.make_url(text)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError and friends
        raise StoreError(f"{text}: not a database URL ({exc})") from exc
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    raise StoreError(f"{url.render_as_string(hide_password=True)}: unsupported database "
                     "(use a file path, sqlite:///FILE or postgresql://…)")


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def _translate(exc: BaseException, where: str, timeout: float) -> StoreError:
    reason = _reason(exc)
    low = reason.lower()
    if "file is not a database" in low or "malformed" in low or "not a database" in low:
        message = f"{where} is not a newsweave database, or the file is corrupt ({reason})"
    elif "readonly" in low or "read-only" in low or "read only" in low:
        message = f"{where} is read-only: newsweave needs to write to it ({reason})"
    elif "unable to open database file" in low:
        message = f"cannot open {where}: its folder is missing or not writable ({reason})"
    elif "full" in low or "no space" in low or "disk i/o" in low:
        message = f"{where}: disk full (or the database hit its size limit); the unfinished article was not kept ({reason})"
    elif "locked" in low or "busy" in low:
        message = f"{where} is busy: another process held it for more than {timeout:g} s ({reason})"
    elif "connection" in low or "could not" in low or "password" in low or "does not exist" in low:
        message = f"cannot connect to {where} ({reason})"
    else:
        message = f"database error on {where} ({reason})"
    return StoreError(message)


# ── The store ────────────────────────────────────────────────────────────────────────────────────────────────

class Store:
    """A newsweave corpus in a database: `Store("newsweave.db")` or `Store("postgresql://user@host/db")`.

    Args:
        url (str | Path): a SQLite file path (created if missing), `sqlite:///FILE`, or `postgresql://…`.
        busy_timeout (float, optional): seconds a write waits for another process. Defaults to 60.
        create (bool, optional): create a missing SQLite file; when False, a missing file is an error (for
            commands that only read a corpus). Defaults to True.

    Raises:
        StoreError: the database cannot be opened, is corrupt, read-only, missing, or from a newer newsweave.
    """

    def __init__(self, url: str | Path, *, busy_timeout: float = BUSY_TIMEOUT, create: bool = True):
        self.url = database_url(url)
        self.busy_timeout = busy_timeout
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.name = (self.url.database if self.is_sqlite
                     else self.url.set(drivername="postgresql").render_as_string(hide_password=True))
        if self.is_sqlite and self.url.database not in (None, "", ":memory:"):
            folder = Path(self.url.database).parent
            if not folder.is_dir():
                raise StoreError(f"cannot open {self.name}: no such folder {folder}")
            if not create and not Path(self.url.database).is_file():
                raise StoreError(f"no corpus database at {self.name} (create one with `newsweave ingest`)")
        self.engine = self._create_engine()
        try:
            self._migrate()
        except BaseException:
            self.engine.dispose()
            raise

    # lifecycle

    def _create_engine(self) -> Engine:
        if not self.is_sqlite:
            return sa.create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
        engine = sa.create_engine(self.url, connect_args={"timeout": self.busy_timeout})
        timeout_ms = int(self.busy_timeout * 1000)

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.isolation_level = None  # newsweave emits BEGIN itself (below)
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
                cursor.execute("PRAGMA foreign_keys = ON")
                mode = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
                if mode and str(mode[0]).lower() != "wal":
                    LOGGER.info("%s: journal mode %s (WAL not available)", self.name, mode[0])
                cursor.execute("PRAGMA synchronous = NORMAL")
            finally:
                cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the write lock up front (BEGIN IMMEDIATE), so two processes never both read and then
            # fail to upgrade to writing; the busy timeout makes the second one wait for the first.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("newsweave_write") else "BEGIN")

        return engine

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            raise _translate(exc, self.name, self.busy_timeout) from exc

    def _alembic_config(self):
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def _migrate(self) -> None:
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = self._alembic_config()
        script = ScriptDirectory.from_config(config)
        head = script.get_current_head()
        known = {rev.revision for rev in script.walk_revisions()}
        with self._write_connection() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head:
                return
            if current is not None and current not in known:
                raise StoreError(f"{self.name} was written by a newer newsweave (schema revision {current}); "
                                 "upgrade newsweave to use it")
            LOGGER.info("%s: upgrading the schema from %s to %s", self.name, current or "empty", head)
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        from alembic.runtime.migration import MigrationContext

        with self._read_connection() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @contextmanager
    def _write_connection(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(newsweave_write=True)
            with conn.begin():
                if not self.is_sqlite:
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
                yield conn

    @contextmanager
    def _read_connection(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def transaction(self) -> Iterator["Transaction"]:
        """One atomic write: all of it is committed at the end, or none of it (on any exception).

        Writers are serialised across processes (SQLite's write lock, a PostgreSQL advisory lock); a
        writer waits up to `busy_timeout` seconds for another.
        """
        with self._write_connection() as conn:
            yield Transaction(conn)

    # reads

    def has_raw(self, sha256: str) -> bool:
        """Whether a raw input with this SHA-256 is stored."""
        with self._read_connection() as conn:
            return Transaction(conn).has_raw(sha256)

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        with self._read_connection() as conn:
            return Transaction(conn).has_article(article_id)

    def stored_raws(self, sha256s: Sequence[str]) -> set[str]:
        """Which of these raw-input SHA-256s are stored (one query per IN_CHUNK of them)."""
        with self._read_connection() as conn:
            return Transaction(conn).stored_raws(sha256s)

    def raw_content(self, sha256: str) -> bytes | None:
        """The stored content of a raw input, or None."""
        with self._read_connection() as conn:
            value = conn.execute(sa.select(RAW_INPUTS.c.content).where(RAW_INPUTS.c.sha256 == sha256)).scalar()
            return None if value is None else bytes(value)

    def article(self, article_id: str) -> StoredArticle | None:
        """One stored article, or None."""
        with self._read_connection() as conn:
            row = conn.execute(sa.select(ARTICLES).where(ARTICLES.c.id == article_id)).mappings().first()
            return _stored_article(row) if row else None

    def articles(self, story_id: str | None = None, *, include_junk: bool = True) -> list[StoredArticle]:
        """Stored articles in the order they were added; those of one story when `story_id` is given."""
        query = sa.select(ARTICLES).order_by(ARTICLES.c.seq)
        if story_id is not None:
            query = query.where(ARTICLES.c.story_id == story_id)
        if not include_junk:
            query = query.where(ARTICLES.c.junk_reason.is_(None))
        with self._read_connection() as conn:
            return [_stored_article(row) for row in conn.execute(query).mappings()]

    def stories(self) -> list[StoryInfo]:
        """Every story, largest and most recent first."""
        query = sa.select(STORIES).order_by(STORIES.c.size.desc(), STORIES.c.last_date.desc(), STORIES.c.id)
        with self._read_connection() as conn:
            return [_story(row) for row in conn.execute(query).mappings()]

    def story(self, story_id: str) -> StoryInfo | None:
        """One story, or None."""
        with self._read_connection() as conn:
            row = conn.execute(sa.select(STORIES).where(STORIES.c.id == story_id)).mappings().first()
            return _story(row) if row else None

    def copy_rows(self, after_seq: int = 0) -> list[CopyRow]:
        """Dedupe records (signature, original) of the news articles added after `after_seq`, in order."""
        with self._read_connection() as conn:
            return Transaction(conn).copy_rows(after_seq)

    def clusterer_checkpoint(self) -> tuple[int, dict | None]:
        """The last saved story-clusterer state and the seq of the last article it covers ((0, None) if none)."""
        with self._read_connection() as conn:
            return Transaction(conn).clusterer_checkpoint()

    def counts(self) -> dict[str, int]:
        """How many raw inputs, articles, copies, junk articles and stories are stored."""
        with self._read_connection() as conn:
            count = lambda query: int(conn.execute(query).scalar() or 0)  # noqa: E731
            return {
                "raw_inputs": count(sa.select(sa.func.count()).select_from(RAW_INPUTS)),
                "articles": count(sa.select(sa.func.count()).select_from(ARTICLES)),
                "copies": count(sa.select(sa.func.count()).select_from(ARTICLES).where(ARTICLES.c.copy_of.is_not(None))),
                "junk": count(sa.select(sa.func.count()).select_from(ARTICLES).where(ARTICLES.c.junk_reason.is_not(None))),
                "stories": count(sa.select(sa.func.count()).select_from(STORIES)),
            }

    # briefs

    def cached_brief(self, story_id: str) -> Brief | None:
        """The stored brief of a story if it is still valid (made at the story's current version)."""
        with self._read_connection() as conn:
            row = conn.execute(
                sa.select(BRIEFS.c.data).select_from(BRIEFS.join(STORIES, STORIES.c.id == BRIEFS.c.story_id))
                .where(BRIEFS.c.story_id == story_id, BRIEFS.c.version == STORIES.c.version)).first()
        return Brief.model_validate_json(row[0]) if row else None

    def brief_for(self, story_id: str, settings=None, *, encoder=None, refresh: bool = False) -> Brief:
        """The brief of a stored story: the cached one while the story is unchanged, else made and cached.

        Copies are briefed along with their originals: the brief merges them into one outlet (they count once).

        Args:
            story_id (str): the story's id (`stories()`).
            settings (Settings, optional): options of the brief.
            encoder (Encoder, optional): sentence encoder for `newsweave.brief`.
            refresh (bool, optional): make it anew even if a valid one is cached. Defaults to False.

        Raises:
            UsageError: no such story.
        """
        story = self.story(story_id)
        if story is None:
            raise UsageError(f"no story {story_id!r} in {self.name} (see `newsweave stories`)")
        if not refresh and (cached := self.cached_brief(story_id)) is not None:
            return cached
        from .brief import brief

        articles = [stored.article for stored in self.articles(story_id, include_junk=False)]
        result = brief(articles, settings, encoder=encoder)
        with self.transaction() as tx:
            tx.save_brief(story_id, story.version, result)
        return result


class Transaction:
    """The writes (and reads) of one open transaction; made by `Store.transaction()`."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def has_raw(self, sha256: str) -> bool:
        """Whether a raw input with this SHA-256 is stored."""
        return self.conn.execute(sa.select(RAW_INPUTS.c.sha256).where(RAW_INPUTS.c.sha256 == sha256)).first() is not None

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return self.conn.execute(sa.select(ARTICLES.c.id).where(ARTICLES.c.id == article_id)).first() is not None

    def stored_raws(self, sha256s: Sequence[str]) -> set[str]:
        """Which of these raw-input SHA-256s are stored."""
        return self._stored(RAW_INPUTS.c.sha256, sha256s)

    def stored_articles(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored."""
        return self._stored(ARTICLES.c.id, article_ids)

    def _stored(self, column: sa.Column, values: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(values))):
            found.update(self.conn.execute(sa.select(column).where(column.in_(chunk))).scalars())
        return found

    def add_raw(self, sha256: str, source: str, content: bytes, fetched_at: datetime | None = None) -> bool:
        """Store a raw input unless one with this SHA-256 is there; True when it was added."""
        return self.add_raws([(sha256, source, content)], fetched_at) == 1

    def add_raws(self, raws: Sequence[tuple[str, str, bytes]], fetched_at: datetime | None = None) -> int:
        """Store raw inputs (sha256, source, content) in one statement, skipping those already stored (or repeated);
        returns how many were added."""
        stored = self.stored_raws([sha for sha, _, _ in raws])
        when = fetched_at or _now()
        rows = {}
        for sha, source, content in raws:
            if sha not in stored and sha not in rows:
                rows[sha] = {"sha256": sha, "source": source, "content": content, "fetched_at": when}
        if rows:
            self.conn.execute(sa.insert(RAW_INPUTS), list(rows.values()))
        return len(rows)

    def add_article(self, article: Article, *, raw_sha256: str, vector: Any = None,
                    entities: Iterable[str] = (), signature: bytes | None = None, copy_of: str | None = None,
                    junk_reason: str | None = None, story_id: str | None = None) -> bool:
        """Store an article (its raw input must be stored) and update its story; True when it was added.

        Args:
            article (Article): the clean article.
            raw_sha256 (str): the raw input it was made from.
            vector (array, optional): unit article vector (stored as float32).
            entities (Iterable[str]): entity name keys.
            signature (bytes, optional): `dedupe.to_bytes` of its MinHash signature.
            copy_of (str, optional): id of the original it is a syndicated copy of.
            junk_reason (str, optional): why it is not news (then it belongs to no story).
            story_id (str, optional): its story (created if new).
        """
        return self.add_articles([NewArticle(article, raw_sha256, vector, entities, signature, copy_of, junk_reason,
                                             story_id)]) == 1

    def add_articles(self, new: Sequence[NewArticle]) -> int:
        """Store articles in order (their raw inputs must be stored) in one statement, skipping those already
        stored (or repeated), and update their stories (created if new) once each; returns how many were added."""
        stored = self.stored_articles([item.article.id for item in new])
        fresh: dict[str, NewArticle] = {}
        for item in new:
            if item.article.id not in stored and item.article.id not in fresh:
                fresh[item.article.id] = item
        if not fresh:
            return 0
        gained: dict[str, list[NewArticle]] = {}
        for item in fresh.values():
            if item.story_id is not None:
                gained.setdefault(item.story_id, []).append(item)
        self._ensure_stories(list(gained))
        first = self.last_seq() + 1
        now = _now()
        self.conn.execute(sa.insert(ARTICLES), [
            {"id": item.article.id, "raw_sha256": item.raw_sha256, "source": item.article.source,
             "data": item.article.model_dump_json(), "outlet": item.article.outlet, "title": item.article.title,
             "published": item.article.published, "language": item.article.language,
             "vector": _vector_bytes(item.vector), "entities": sorted(item.entities), "signature": item.signature,
             "copy_of": item.copy_of, "junk_reason": item.junk_reason, "story_id": item.story_id,
             "seq": first + offset, "created_at": now}
            for offset, item in enumerate(fresh.values())])
        self._grow_stories(gained)
        return len(fresh)

    def story_of(self, article_id: str) -> str | None:
        """The story an article belongs to."""
        return self.conn.execute(sa.select(ARTICLES.c.story_id).where(ARTICLES.c.id == article_id)).scalar()

    def _ensure_stories(self, story_ids: Sequence[str]) -> None:
        present = self._stored(STORIES.c.id, story_ids)
        missing = [story for story in dict.fromkeys(story_ids) if story not in present]
        if missing:
            now = _now()
            self.conn.execute(sa.insert(STORIES), [{"id": story, "size": 0, "outlets": [], "updated_at": now,
                                                    "version": 0} for story in missing])

    def _grow_stories(self, gained: dict[str, list[NewArticle]]) -> None:
        """Add new articles to their stories' size, outlets, dates and title (first title in order), one statement
        for all; bump each story's version. Equal to `refresh_story` when the articles are the newest."""
        if not gained:
            return
        current = {}
        for chunk in _chunks(list(gained)):
            current.update({row.id: row for row in self.conn.execute(
                sa.select(STORIES.c.id, STORIES.c.title, STORIES.c.size, STORIES.c.first_date, STORIES.c.last_date,
                          STORIES.c.outlets).where(STORIES.c.id.in_(chunk)))})
        now = _now()
        rows = []
        for story, items in gained.items():
            row = current[story]
            articles = [item.article for item in items]
            dates = [d for d in [row.first_date, row.last_date, *(a.published for a in articles)] if d is not None]
            outlets = set(row.outlets or ()) | {display_name(a.outlet, a.source) for a in articles}
            rows.append({"b_id": story, "b_size": row.size + len(articles),
                         "b_title": row.title or next((a.title for a in articles if a.title), None),
                         "b_outlets": sorted(outlets, key=_outlet_order), "b_first": min(dates) if dates else None,
                         "b_last": max(dates) if dates else None, "b_now": now})
        self.conn.execute(sa.update(STORIES).where(STORIES.c.id == sa.bindparam("b_id")).values(
            title=sa.bindparam("b_title"), size=sa.bindparam("b_size"), outlets=sa.bindparam("b_outlets"),
            first_date=sa.bindparam("b_first"), last_date=sa.bindparam("b_last"), updated_at=sa.bindparam("b_now"),
            version=STORIES.c.version + 1), rows)

    def refresh_story(self, story_id: str) -> None:
        """Recompute a story's size, title, outlets and dates from its articles and bump its version (drop it if empty)."""
        rows = self.conn.execute(
            sa.select(ARTICLES.c.outlet, ARTICLES.c.source, ARTICLES.c.title, ARTICLES.c.published)
            .where(ARTICLES.c.story_id == story_id).order_by(ARTICLES.c.seq)).all()
        if not rows:
            self.conn.execute(sa.delete(BRIEFS).where(BRIEFS.c.story_id == story_id))
            self.conn.execute(sa.delete(STORIES).where(STORIES.c.id == story_id))
            return
        dates = [r.published for r in rows if r.published is not None]
        outlets = sorted({display_name(r.outlet, r.source) for r in rows}, key=_outlet_order)
        self._ensure_stories([story_id])
        self.conn.execute(sa.update(STORIES).where(STORIES.c.id == story_id).values(
            title=next((r.title for r in rows if r.title), None), size=len(rows), outlets=outlets,
            first_date=min(dates) if dates else None, last_date=max(dates) if dates else None,
            updated_at=_now(), version=STORIES.c.version + 1))

    def merge_story(self, old: str, new: str) -> None:
        """Move every article of story `old` into story `new` and drop `old`."""
        if old == new:
            return
        self._ensure_stories([new])
        self.conn.execute(sa.update(ARTICLES).where(ARTICLES.c.story_id == old).values(story_id=new))
        self.conn.execute(sa.delete(BRIEFS).where(BRIEFS.c.story_id == old))
        self.conn.execute(sa.delete(STORIES).where(STORIES.c.id == old))
        self.refresh_story(new)

    def move_article(self, article_id: str, story_id: str) -> None:
        """Move an article, and its stored copies, into another story (a split of the story it was in)."""
        old = self.story_of(article_id)
        if old is None or old == story_id:
            return
        self._ensure_stories([story_id])
        copies_too = sa.or_(ARTICLES.c.id == article_id, ARTICLES.c.copy_of == article_id)
        self.conn.execute(sa.update(ARTICLES).where(copies_too).values(story_id=story_id))
        self.refresh_story(old)
        self.refresh_story(story_id)

    def last_seq(self) -> int:
        """The sequence number of the newest article (0 when there is none)."""
        return int(self.conn.execute(sa.select(sa.func.coalesce(sa.func.max(ARTICLES.c.seq), 0))).scalar())

    def copy_rows(self, after_seq: int = 0) -> list[CopyRow]:
        """Dedupe records of the news (not junk) articles added after `after_seq`, in order."""
        query = (sa.select(ARTICLES.c.id, ARTICLES.c.signature, ARTICLES.c.copy_of, ARTICLES.c.seq)
                 .where(ARTICLES.c.seq > after_seq, ARTICLES.c.junk_reason.is_(None)).order_by(ARTICLES.c.seq))
        return [CopyRow(r.id, None if r.signature is None else bytes(r.signature), r.copy_of, r.seq)
                for r in self.conn.execute(query)]

    def clustered_after(self, seq: int) -> list[ClusterRow]:
        """Articles the story clusterer placed (neither junk nor a copy), added after `seq`, in order."""
        query = (sa.select(ARTICLES.c.id, ARTICLES.c.vector, ARTICLES.c.entities, ARTICLES.c.published, ARTICLES.c.seq)
                 .where(ARTICLES.c.seq > seq, ARTICLES.c.junk_reason.is_(None), ARTICLES.c.copy_of.is_(None))
                 .order_by(ARTICLES.c.seq))
        return [ClusterRow(r.id, _vector(r.vector), frozenset(r.entities or ()), r.published, r.seq)
                for r in self.conn.execute(query)]

    def clusterer_checkpoint(self) -> tuple[int, dict | None]:
        """The last saved story-clusterer state and the seq of the last article it covers ((0, None) if none)."""
        row = self.conn.execute(sa.select(CLUSTERER_STATE.c.state, CLUSTERER_STATE.c.seq)
                                .where(CLUSTERER_STATE.c.id == 1)).first()
        return (0, None) if row is None else (int(row.seq), json.loads(row.state))

    def save_clusterer_state(self, state: dict, seq: int) -> int:
        """Checkpoint the story-clusterer state as covering every article up to `seq`; returns its version."""
        current = self.conn.execute(sa.select(CLUSTERER_STATE.c.version).where(CLUSTERER_STATE.c.id == 1)).scalar()
        values = {"state": json.dumps(state, separators=(",", ":")), "seq": seq, "updated_at": _now()}
        if current is None:
            self.conn.execute(sa.insert(CLUSTERER_STATE).values(id=1, version=1, **values))
            return 1
        self.conn.execute(sa.update(CLUSTERER_STATE).where(CLUSTERER_STATE.c.id == 1)
                          .values(version=int(current) + 1, **values))
        return int(current) + 1

    def save_brief(self, story_id: str, version: int, result: Brief) -> bool:
        """Cache a story's brief made at `version`; nothing when the story changed since (True when saved)."""
        current = self.conn.execute(sa.select(STORIES.c.version).where(STORIES.c.id == story_id)).scalar()
        if current != version:
            return False
        self.conn.execute(sa.delete(BRIEFS).where(BRIEFS.c.story_id == story_id))
        self.conn.execute(sa.insert(BRIEFS).values(story_id=story_id, version=version,
                                                   data=result.model_dump_json(), created_at=_now()))
        return True


def _stored_article(row) -> StoredArticle:  # noqa: ANN001
    return StoredArticle(
        article=Article.model_validate_json(row["data"]), raw_sha256=row["raw_sha256"], story_id=row["story_id"],
        copy_of=row["copy_of"], junk_reason=row["junk_reason"], entities=frozenset(row["entities"] or ()),
        vector=_vector(row["vector"]), signature=None if row["signature"] is None else bytes(row["signature"]),
        seq=row["seq"])


def _story(row) -> StoryInfo:  # noqa: ANN001
    return StoryInfo(id=row["id"], title=row["title"], size=row["size"], outlets=list(row["outlets"] or []),
                     first_date=row["first_date"], last_date=row["last_date"], version=row["version"],
                     updated_at=row["updated_at"])


__all__ = ["Store", "StoreError", "StoredArticle", "StoryInfo", "CopyRow", "ClusterRow", "NewArticle", "Transaction",
           "database_url", "METADATA"]
