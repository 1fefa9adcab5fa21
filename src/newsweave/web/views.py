"""One context dict per page, built from `Store` methods; the routes send it to a template or out as JSON."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

from ..models import Article, RawDocument
from ..store import Store, StoredArticle, StoryInfo

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_SEARCH_WORDS = 12  # one query each: a pasted paragraph must not become hundreds of scans


def valid_id(value: str) -> bool:
    """Whether a story or article id has the shape ids have (letters, digits, '-', '_'; at most 64)."""
    return bool(ID_PATTERN.fullmatch(value))


# ── Stories list ─────────────────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class StoryFilter:
    """What the stories list is narrowed to: words (in the title or outlets, the articles' titles or the names
    they mention), one outlet, a date range."""

    q: str = ""
    outlet: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    @property
    def words(self) -> list[str]:
        """The search words, lower-cased, each once; the first `MAX_SEARCH_WORDS` of them."""
        return list(dict.fromkeys(self.q.lower().split()))[:MAX_SEARCH_WORDS]

    def matches(self, story: StoryInfo, found: Mapping[str, set[str]] | None = None) -> bool:
        """Whether a story passes every filter (a story with no dates fails a date filter).

        Args:
            story (StoryInfo): the story.
            found (Mapping[str, set[str]], optional): word → ids of the stories whose articles match it
                (`search.stories_by_word`); without it the words are looked for in the story row only.
        """
        if self.q:
            haystack = " ".join([story.title or "", story.id, *story.outlets]).lower()
            found = found or {}
            if not all(word in haystack or story.id in found.get(word, ()) for word in self.words):
                return False
        if self.outlet and self.outlet.lower() not in {o.lower() for o in story.outlets}:
            return False
        if self.date_from and not (story.last_date and story.last_date >= self.date_from):
            return False
        if self.date_to and not (story.first_date and story.first_date <= self.date_to):
            return False
        return True

    def as_query(self, **changes) -> dict[str, str]:
        """The filter as query parameters (empty ones left out), with `changes` applied."""
        values = {"q": self.q, "outlet": self.outlet, "from": self.date_from.isoformat() if self.date_from else "",
                  "to": self.date_to.isoformat() if self.date_to else "", "page": str(self.page)}
        values.update({k: str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v and not (k == "page" and v == "1")}


def parse_date(value: str | None, name: str) -> date | None:
    """An ISO date from a query parameter (blank → None).

    Raises:
        ValueError: not a YYYY-MM-DD date (the message names the parameter).
    """
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{name}' must be a date as YYYY-MM-DD, not {value.strip()[:40]!r}") from None


def filter_stories(store: Store, story_filter: StoryFilter) -> tuple[list[StoryInfo], list[StoryInfo]]:
    """(every story, the stories that pass the filter), largest and most recent first."""
    from .search import stories_by_word

    stories = store.stories()
    by_word = stories_by_word(store, story_filter.words) if story_filter.words else {}
    return stories, [s for s in stories if story_filter.matches(s, by_word)]


def stories_context(store: Store, story_filter: StoryFilter, page_size: int) -> dict:
    """The stories list page: the stories that pass the filter (one page of them), every outlet, counts."""
    stories, found = filter_stories(store, story_filter)
    pages = max(1, -(-len(found) // page_size))
    page = min(max(1, story_filter.page), pages)
    outlets = sorted({o for s in stories for o in s.outlets}, key=str.lower)
    return {"stories": found[(page - 1) * page_size: page * page_size], "total": len(stories), "found": len(found),
            "page": page, "pages": pages, "filter": story_filter, "outlets": outlets}


# ── Story page ───────────────────────────────────────────────────────────────────────────────────────────────

def story_articles(store: Store, story_id: str) -> list[StoredArticle]:
    """The stored articles of a story, junk left out, in the order they were added."""
    return store.articles(story_id, include_junk=False)


def story_context(store: Store, story: StoryInfo, brief, articles: Sequence[StoredArticle]) -> dict:
    """The story page: the story, its brief with supporting sentences and source matrix, its articles."""
    from .evidence import brief_view

    by_id = {a.id: a.article for a in articles}
    context = brief_view(brief, by_id, stored=set(by_id))
    context.update(story=story, articles=articles)
    return context


# ── Article page ─────────────────────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Block:
    """A piece of the article page in reading order: a paragraph of the clean text, or a removed line."""

    text: str
    reason: str | None = None  # None: kept in the article; else why it was removed

    @property
    def removed(self) -> bool:
        """Whether this block was kept out of the article."""
        return self.reason is not None


def _find(haystack: str, text: str, start: int = 0) -> int:
    """Where `text` (its first words, whitespace- and case-insensitive) sits in `haystack`; -1 when absent."""
    words = re.findall(r"\w+", text)[:8]
    if not words:
        return -1
    match = re.compile(r"\W+".join(map(re.escape, words)), re.I).search(haystack, start)
    return match.start() if match else -1


def reading_order(article: Article, raw_text: str | None) -> list[Block]:
    """The clean paragraphs with the removed lines put back where they were in the raw input.

    Paragraphs keep their order. A removed line found in the raw input goes before the first paragraph that
    came after it there; one that cannot be placed (no raw input, or rewritten) goes at the top.
    """
    paragraphs = [p.text for p in article.paragraphs] or [t for t in article.text.split("\n\n") if t.strip()]
    if not raw_text:
        return [Block(r.text, r.reason) for r in article.removed] + [Block(p) for p in paragraphs]
    positions: list[int] = []
    cursor = 0
    for paragraph in paragraphs:  # monotonic: a paragraph not found sits right after the one before
        found = _find(raw_text, paragraph, cursor)
        cursor = found if found >= 0 else cursor
        positions.append(cursor)
        cursor += 1
    placed: list[tuple[float, int, Block]] = []
    unplaced: list[Block] = []
    for order, line in enumerate(article.removed):
        found = raw_text.find(line.text)
        if found < 0:
            found = _find(raw_text, line.text)
        if found < 0:
            unplaced.append(Block(line.text, line.reason))
        else:
            placed.append((found - 0.5, order, Block(line.text, line.reason)))
    placed += [(position, len(article.removed) + n, Block(p)) for n, (position, p) in enumerate(zip(positions, paragraphs))]
    placed.sort(key=lambda item: (item[0], item[1]))
    return unplaced + [block for _, _, block in placed]


def raw_text(store: Store, stored: StoredArticle) -> str | None:
    """The raw input an article was read from (its text or HTML), when the store kept it."""
    content = store.raw_content(stored.raw_sha256)
    if content is None:
        return None
    try:
        raw = RawDocument.model_validate_json(content)
    except ValueError:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return raw.text or raw.html


def article_context(store: Store, stored: StoredArticle) -> dict:
    """The article page: metadata, the clean text in reading order with removed lines, its story and original."""
    article = stored.article
    story = store.story(stored.story_id) if stored.story_id else None
    original = store.article(stored.copy_of) if stored.copy_of else None
    return {"stored": stored, "article": article, "story": story, "original": original,
            "blocks": reading_order(article, raw_text(store, stored)),
            "url": article.url if article.url and re.match(r"^https?://", article.url, re.I) else None}


def article_json(stored: StoredArticle) -> str:
    """An article as the API returns it: the Article fields plus story_id, copy_of and junk_reason."""
    data = stored.article.model_dump(mode="json")
    data.update(story_id=stored.story_id, copy_of=stored.copy_of, junk_reason=stored.junk_reason)
    return json.dumps(data, ensure_ascii=False)
