"""The web app's state and the work its routes ask for: the store, caches of rendered stories, brief slots."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from ..errors import NewsweaveError
from ..models import Brief, ReadResult
from ..settings import Settings
from ..store import Store, StoryInfo
from .config import WebSettings
from .inputs import Submission, Upload, ingest_submission, read_submission

LOGGER = logging.getLogger(__name__)


class NotFound(NewsweaveError):
    """No story or article with that id (HTTP 404)."""


class InvalidId(NewsweaveError):
    """An id that cannot be a story or article id (HTTP 422)."""


class Busy(NewsweaveError):
    """Every brief slot stayed taken for too long (HTTP 503)."""


class _LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class WebService:
    """What the routes call: stored stories and articles, briefs (cached), new briefs and ingests.

    Args:
        store (Store): the corpus.
        settings (Settings): options of reading and briefing.
        web (WebSettings): limits of the web app.
    """

    def __init__(self, store: Store, settings: Settings, web: WebSettings):
        self.store, self.settings, self.web = store, settings, web
        self._slots = threading.BoundedSemaphore(web.max_concurrent_briefs)
        self._story_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self.pages = _LRU(web.cache_size)  # (kind, story id, version, extra) → bytes
        self._seen: dict[str, tuple[float, StoryInfo]] = {}  # story id → (when read, story): the version check

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the brief slots (model work is CPU-bound: only a few run at once).

        Raises:
            Busy: no slot freed within `web.brief_wait` seconds.
        """
        if not self._slots.acquire(timeout=self.web.brief_wait):
            raise Busy("the server is busy making other briefs; try again in a minute")
        try:
            yield
        finally:
            self._slots.release()

    def _story_lock(self, story_id: str) -> threading.Lock:
        with self._locks_lock:
            return self._story_locks.setdefault(story_id, threading.Lock())

    def story(self, story_id: str) -> StoryInfo:
        """A stored story.

        Raises:
            InvalidId: not the shape of an id. NotFound: no such story.
        """
        _require_valid_id("story", story_id)
        story = self.store.story(story_id)
        if story is None:
            self._seen.pop(story_id, None)
            raise NotFound(f"no story {story_id!r} in this corpus")
        if self.web.story_ttl > 0 and self.web.cache_size > 0:
            if len(self._seen) > 4 * self.web.cache_size:
                self._seen.clear()
            self._seen[story_id] = (time.monotonic(), story)
        return story

    def fresh(self, kind: str, story_id: str, extra: str = "") -> bytes | None:
        """Bytes `cached` for a story read less than `web.story_ttl` seconds ago, without touching the store
        (cheap enough for the event loop); None when they must be made or checked."""
        seen = self._seen.get(story_id)
        if seen is None or time.monotonic() - seen[0] >= self.web.story_ttl:
            return None
        return self.pages.get((kind, story_id, seen[1].version, extra))

    def article(self, article_id: str):
        """A stored article (`StoredArticle`).

        Raises:
            InvalidId: not the shape of an id. NotFound: no such article.
        """
        _require_valid_id("article", article_id)
        stored = self.store.article(article_id)
        if stored is None:
            raise NotFound(f"no article {article_id!r} in this corpus")
        return stored

    def brief(self, story: StoryInfo) -> Brief:
        """A story's brief: the store's cached one, else made now (one maker per story, in a brief slot)."""
        cached = self.store.cached_brief(story.id)
        if cached is not None:
            return cached
        with self._story_lock(story.id):
            cached = self.store.cached_brief(story.id)  # made by another request while this one waited
            if cached is not None:
                return cached
            with self.slot():
                LOGGER.info("making the brief of story %s", story.id)
                return self.store.brief_for(story.id, self.settings)

    def cached(self, kind: str, story: StoryInfo, make: Callable[[], bytes], extra: str = "") -> bytes:
        """Bytes made once per story version (a rendered page, the brief's JSON)."""
        key = (kind, story.id, story.version, extra)
        value = self.pages.get(key)
        if value is None:
            value = make()
            self.pages.put(key, value)
        return value

    def new_brief(self, submission: Submission, uploads: Sequence[Upload]) -> tuple[Brief | None, ReadResult]:
        """Read a submission and brief it, storing nothing; (None, result) when no article could be read."""
        settings = self.settings
        if submission.words is not None:
            settings = settings.model_copy(update={"summary_words": submission.words})
        with self.slot():
            result = read_submission(submission, uploads, settings, self.web)
            if not result.articles:
                return None, result
            from ..brief import brief

            return brief(result, settings), result

    def ingest(self, submission: Submission, uploads: Sequence[Upload]):
        """Ingest a submission into the store; the `IngestReport`."""
        with self.slot():
            return ingest_submission(submission, uploads, self.store, self.settings, self.web)


def _require_valid_id(kind: str, value: str) -> None:
    """Raises InvalidId when `value` is not the shape of a story or article id."""
    from .views import valid_id

    if not valid_id(value):
        raise InvalidId(f"{value[:80]!r} is not a valid {kind} id (letters, digits, '-' and '_', at most 64)")
