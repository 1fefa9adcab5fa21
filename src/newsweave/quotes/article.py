"""One parsed article: the `Attribution` record and the token, sentence, paragraph and quote indices the
finder's parts share."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..segment import sentence_spans
from .marks import _paragraph_spans, _quote_spans


@dataclass
class Attribution:
    """One statement in one article: content and speaker with character offsets in the article text.

    `start`/`end` cover the whole content (quote marks included for direct quotes); `spans` lists its pieces
    (a quote split by a speech tag has two). `speaker` is the speaker as written ("he", "the spokesman",
    "Putin's spokesman"); `name` the person or organisation it names, by apposition or, for a pronoun, the
    nearest compatible person before it (None when there is none); `description` the speaker's common-noun
    phrase when the speaker is not a name ("union spokeswoman"). `nested` marks a statement reported inside
    another one's content ("X said he would recommend that …").
    """

    start: int
    end: int
    spans: list[tuple[int, int]]
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    name: str | None = None
    description: str | None = None
    cue: str | None = None
    nested: bool = False
    cue_index: int | None = field(default=None, repr=False)
    fragments: list[str] = field(default_factory=list, repr=False)  # quoted pieces of a reported statement
    gender: str | None = field(default=None, repr=False)
    pronoun: bool = field(default=False, repr=False)
    label: str | None = field(default=None, repr=False)


class _ParsedArticle:
    """The article text with, per token, its paragraph, its sentence and whether it is inside a quote."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.paragraphs = _paragraph_spans(self.text)
        self.sentences = [span for start, end in self.paragraphs for span in sentence_spans(self.text[start:end], start)]
        self.token_paragraph = _index_tokens(doc, [a for a, _ in self.paragraphs])
        self.token_sentence = _index_tokens(doc, [a for a, _ in self.sentences])
        self.sent_starts = [int(np.searchsorted(self.token_sentence, k)) for k in range(len(self.sentences))]
        self.quotes = _quote_spans(self.text, self.paragraphs)
        self.in_quote = np.zeros(len(doc), dtype=bool)
        for quote in self.quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            quote.tokens = (span.start, span.end)
            self.in_quote[span.start:span.end] = True
        self.ent_at: dict[int, object] = {t: e for e in doc.ents for t in range(e.start, e.end)}

    def _sentence_tokens(self, sentence: int) -> list[int]:
        out = []
        i = self.sent_starts[sentence]
        while i < len(self.doc) and self.token_sentence[i] == sentence:
            out.append(i)
            i += 1
        return out

    def _token_at(self, offset: int) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and len(span):
            return span.start
        for token in self.doc:
            if token.idx + len(token) > offset:
                return token.i
        return len(self.doc) - 1


def _index_tokens(doc, starts: list[int]) -> np.ndarray:
    """For every token, the index of the block (paragraph, sentence) it falls in, given the blocks' start offsets."""
    offsets = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    return np.maximum(np.searchsorted(np.asarray(starts, dtype=np.int64), offsets, side="right") - 1, 0)
