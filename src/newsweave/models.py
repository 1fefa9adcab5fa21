"""The data model: every type that flows through newsweave, in one place."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1.0"


class Span(BaseModel):
    """A stretch of an article's clean text, by character offsets."""

    text: str
    start: int
    end: int


class Sentence(Span):
    """One sentence of an article's clean text."""

    paragraph: int = Field(0, description="Index of the paragraph holding the sentence.")


class RemovedLine(BaseModel):
    """A piece of the input kept out of the article body, with the reason why."""

    text: str
    reason: str


class Article(BaseModel):
    """One news report, read, cleaned and segmented."""

    id: str = Field(description="Stable content hash of the clean text.")
    source: str = Field(description="Path or URL the article was read from.")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: date | None = None
    language: str | None = None
    text: str = ""
    paragraphs: list[Span] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    removed: list[RemovedLine] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the file it came from."""
        return display_name(self.outlet, self.source)

    def quoted_at(self, sentence: int, position: int) -> bool:
        """Whether a character position in a sentence lies inside a quotation: an odd number of quotation marks
        (cleaning straightens them all) before it in its paragraph."""
        paragraph = self.paragraphs[self.sentences[sentence].paragraph]
        return self.text.count('"', paragraph.start, position) % 2 == 1


def display_name(outlet: str | None, source: str) -> str:
    """The outlet's name, else the last part of the path or URL the article came from."""
    if outlet:
        return outlet
    return source.rstrip("/").rsplit("/", 1)[-1] or source


def content_id(text: str) -> str:
    """Stable id of an article: a hash of its whitespace-normalised clean text."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


class InputProblem(BaseModel):
    """An input that could not be read, or was read with a caveat."""

    source: str
    reason: str
    level: Literal["error", "warning"] = "error"


class RawDocument(BaseModel):
    """One input document as a reader found it, before cleaning: text or HTML plus any metadata given."""

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    warnings: list[str] = Field(default_factory=list)


class ReadResult(BaseModel):
    """Articles read from a set of inputs, and the inputs that failed (with reasons)."""

    articles: list[Article] = Field(default_factory=list)
    problems: list[InputProblem] = Field(default_factory=list)


# ── The brief ────────────────────────────────────────────────────────────────────────────────────


class ArticleRef(BaseModel):
    """An article as the brief lists it among its sources."""

    id: str
    source: str
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    warnings: list[str] = Field(default_factory=list, description="Caveats, e.g. a publication date inferred.")

    @property
    def label(self) -> str:
        """A short human name: the outlet, else the file it came from."""
        return display_name(self.outlet, self.source)

    def quoted_at(self, sentence: int, position: int) -> bool:
        """Whether a character position in a sentence lies inside a quotation: an odd number of quotation marks
        (cleaning straightens them all) before it in its paragraph."""
        paragraph = self.paragraphs[self.sentences[sentence].paragraph]
        return self.text.count('"', paragraph.start, position) % 2 == 1


class Variant(BaseModel):
    """One source's own wording of a fact or a statement."""

    text: str
    source: str = Field(description="Article id.")


class SummarySentence(BaseModel):
    """A sentence of the summary, with every article that supports it."""

    text: str
    sources: list[str]


class Fact(BaseModel):
    """A statement several sources make: representative wording, each source's variant, supporting articles."""

    text: str
    sources: list[str]
    variants: list[Variant]
    corroboration: int = Field(description="Distinct outlets behind the fact; copies of one wire story count once.")


class UniqueFact(BaseModel):
    """Something only one source reports."""

    source: str
    text: str


class Entity(BaseModel):
    """A person, organisation or place, merged across its name variants and articles."""

    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    sources: list[str] = Field(default_factory=list)
    mentions: int = 0


class Quote(BaseModel):
    """A statement and its speaker, with every rendering across sources."""

    text: str
    speaker: str | None = None
    role: str | None = None
    kind: Literal["direct", "indirect"] = "direct"
    sources: list[str] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)


class DisagreementValue(BaseModel):
    """One side of a disagreement: the value, the wording, the sources stating it."""

    value: str
    text: str
    sources: list[str]


class Disagreement(BaseModel):
    """A fact the sources state with different values."""

    about: str
    values: list[DisagreementValue]


class TimelineEntry(BaseModel):
    """An event placed on a date (YYYY, YYYY-MM or YYYY-MM-DD)."""

    date: str
    text: str
    sources: list[str]


class ExcludedArticle(BaseModel):
    """An input article left out of the brief, and why."""

    id: str
    source: str
    reason: str


class Brief(BaseModel):
    """What the sources of one story say, together: the documented JSON output of `newsweave brief`."""

    schema_version: str = SCHEMA_VERSION
    title: str | None = None
    articles: list[ArticleRef] = Field(default_factory=list)
    excluded: list[ExcludedArticle] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    unique: list[UniqueFact] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="Plain statements about the brief (e.g. a single source).")
    stats: dict[str, float] = Field(default_factory=dict, description="Stage timings in seconds and counts.")
