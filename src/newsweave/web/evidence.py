"""What the story page shows beside the brief: each cited source's supporting sentence, the source matrix,
disagreement and quote cards with outlet names. Pure functions over a `Brief` and its articles."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..models import Article, Brief

_WORD = re.compile(r"[\w%]+(?:[.,'][\w]+)*")
_STOPWORDS = frozenset(
    "a an the and or but of to in on at by for with from as is was were be been being are that this these those it its "
    "he she they them his her their we our you your i had has have will would could should said says say after "
    "before over into about than then there which who whom what when where while also not no".split())


def _tokens(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)


def similarity(a: str, b: str) -> float:
    """Word overlap of two sentences (cosine of their content-word sets), 0..1."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / math.sqrt(len(ta) * len(tb))


def best_match(text: str, candidates: Sequence[str]) -> tuple[str | None, float]:
    """The candidate closest in wording to `text`, and its score (an identical sentence scores 1)."""
    best, score = None, -1.0
    for candidate in candidates:
        value = 1.0 if candidate == text else similarity(text, candidate)
        if value > score:
            best, score = candidate, value
    return best, max(score, 0.0)


@dataclass(frozen=True)
class SourceRef:
    """A cited article as the page names it: citation number, outlet label, article id."""

    number: int
    label: str
    id: str
    stored: bool = False


@dataclass(frozen=True)
class Support:
    """One source's backing of a summary sentence: its own sentence closest to the summary's."""

    source: SourceRef
    sentence: str | None
    exact: bool = False


@dataclass
class MatrixRow:
    """A fact and, per source in citation order, that source's wording (None: the source is silent)."""

    text: str
    corroboration: int
    cells: list[str | None] = field(default_factory=list)


@dataclass
class SourceMatrix:
    """Facts × sources: who states what and who is silent."""

    sources: list[SourceRef]
    rows: list[MatrixRow]

    def stated(self, column: int) -> int:
        """How many of the facts the source in `column` states."""
        return sum(1 for row in self.rows if row.cells[column] is not None)


def source_refs(brief: Brief, stored: frozenset[str] | set[str] = frozenset()) -> dict[str, SourceRef]:
    """Article id → SourceRef, in citation order ([1], [2], … as `render.brief.cite` numbers them)."""
    return {a.id: SourceRef(n, a.label, a.id, a.id in stored) for n, a in enumerate(brief.articles, 1)}


def refs_for(refs: Mapping[str, SourceRef], sources: Sequence[str]) -> list[SourceRef]:
    """The known sources among article ids, in citation order."""
    return sorted((refs[s] for s in set(sources) if s in refs), key=lambda r: r.number)


def supporting_sentences(brief: Brief, articles: Mapping[str, Article],
                         refs: Mapping[str, SourceRef] | None = None) -> list[list[Support]]:
    """For each summary sentence, each cited source with the sentence of its own that supports it.

    The candidates are first the source's wordings of the fact the summary sentence belongs to (a fact whose
    text or one of whose variants is that sentence), else every sentence of the source's article; the one
    closest in wording wins.

    Args:
        brief (Brief): the brief.
        articles (Mapping[str, Article]): the story's articles by id (missing ones give `sentence=None`
            unless a fact variant names their wording).
        refs (Mapping[str, SourceRef], optional): citation numbers and labels; from `source_refs` by default.

    Returns:
        list[list[Support]]: one list per summary sentence, sources in citation order.
    """
    refs = refs if refs is not None else source_refs(brief)
    out: list[list[Support]] = []
    for sentence in brief.summary:
        variants: dict[str, list[str]] = {}
        for fact in brief.facts:
            if fact.text == sentence.text or any(v.text == sentence.text for v in fact.variants):
                for variant in fact.variants:
                    variants.setdefault(variant.source, []).append(variant.text)
        row = []
        for ref in refs_for(refs, sentence.sources):
            candidates = variants.get(ref.id) or [s.text for s in getattr(articles.get(ref.id), "sentences", [])]
            best, score = best_match(sentence.text, candidates)
            row.append(Support(ref, best, exact=best == sentence.text))
        out.append(row)
    return out


def source_matrix(brief: Brief, refs: Mapping[str, SourceRef] | None = None) -> SourceMatrix:
    """The corroborated facts against every source: each cell is the source's wording closest to the fact."""
    refs = refs if refs is not None else source_refs(brief)
    columns = sorted(refs.values(), key=lambda r: r.number)
    rows = []
    for fact in brief.facts:
        by_source: dict[str, list[str]] = {}
        for variant in fact.variants:
            by_source.setdefault(variant.source, []).append(variant.text)
        for source in fact.sources:  # a source the fact cites without giving its wording still states it
            by_source.setdefault(source, [fact.text])
        cells = [best_match(fact.text, by_source[c.id])[0] if c.id in by_source else None for c in columns]
        rows.append(MatrixRow(fact.text, fact.corroboration, cells))
    return SourceMatrix(columns, rows)


def brief_view(brief: Brief, articles: Mapping[str, Article], stored: frozenset[str] | set[str] = frozenset()) -> dict:
    """Everything the story sections of a page need beside the brief itself (one dict for the template).

    Args:
        brief (Brief): the brief.
        articles (Mapping[str, Article]): the story's articles by id.
        stored (set[str]): ids of articles that have their own page (stored in the corpus).
    """
    refs = source_refs(brief, stored)
    return {
        "brief": brief,
        "refs": refs,
        "support": supporting_sentences(brief, articles, refs),
        "matrix": source_matrix(brief, refs),
        "people": [e for e in brief.entities if e.type in ("PERSON", "ORG")],
        "places": [e for e in brief.entities if e.type not in ("PERSON", "ORG")],
    }
