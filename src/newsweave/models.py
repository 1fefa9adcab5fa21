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
        """A short human name: the outlet, else the file or host it came from."""
        if self.outlet:
            return self.outlet
        return self.source.rstrip("/").rsplit("/", 1)[-1] or self.source


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
