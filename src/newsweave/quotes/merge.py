"""The story's quotes: attributions of every article, speakers resolved, renderings of one statement across
outlets merged into one `Quote`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..embed import Encoder
from ..models import Article, Entity, Quote, Variant
from .article import Attribution
from .finder import find_attributions
from .resolve import _resolve, _ROLE_STOP

#: Cosine similarity of two renderings' embeddings from which they are taken as one statement.
MERGE_SIMILARITY = 0.7
#: ... or from which two renderings by one named speaker are, when they share words that tell the statement apart
#: (`_telling_words`): two translations of one sentence ("we deeply regret that we've been deprived of one of the
#: formats of dialogue" / "it causes regret when we lose any format for dialogue") come out at about 0.6, as do
#: two different statements of one speaker about one topic, which share only the topic's words.
SAME_SPEAKER_SIMILARITY = 0.6
TELLING_WORDS = 2
_EMBED_WORDS = 60  # renderings are cut to this many words for the encoder: the opening says what it is
_STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been being it its this
that these those he she they we you i his her their our your my not no will would could should can may might has have
had do does did so than then there here who whom which what when where while said says about into over after
before also just very more most some any all one""".split())


@dataclass
class _Item:
    article: int
    order: int
    attribution: Attribution
    speaker: str | None
    role: str | None
    described: str | None  # head noun of an unresolved description ("agents" of "shipping agents")
    parts: list[str]
    stems: set[str]


def extract_quotes(articles: Sequence[Article], docs: Sequence, entities: Sequence[Entity],
                   encoder: Encoder) -> list[Quote]:
    """Who said what: direct and indirect quotes of the story's articles, speakers resolved to canonical entities,
    the same statement across outlets merged into one Quote with every rendering in `variants`.

    Args:
        articles (Sequence[Article]): the story's articles.
        docs (Sequence[spacy.tokens.Doc]): `docs[i]` is the parsed `articles[i].text`.
        entities (Sequence[Entity]): the story's canonical entities (`newsweave.entities.extract_entities`).
        encoder (Encoder): sentence encoder giving unit vectors.

    Returns:
        list[Quote]: by number of sources (most first), then first appearance. A statement reported inside
        another one ("X said he would recommend that …") is part of that one, not a quote of its own.
    """
    items: list[_Item] = []
    for index, (article, doc) in enumerate(zip(articles, docs)):
        for order, attribution in enumerate(find_attributions(doc)):
            if attribution.nested or not re.search(r"\w", attribution.text):
                continue
            speaker, role = _resolve(attribution, entities, article.id)
            described = None
            if speaker is None and attribution.description:
                words = [w for w in re.findall(r"[a-z]+", attribution.description.lower()) if w not in _ROLE_STOP]
                described = words[-1] if words else None
            parts = _parts(attribution)
            items.append(_Item(index, order, attribution, speaker, role, described, parts, _stems(" ".join(parts))))
    if not items:
        return []
    quotes = []
    for members in _merge(items, encoder):
        members.sort(key=lambda k: (items[k].article, items[k].order))
        group = [items[k] for k in members]
        speaker = next((g.speaker for g in group if g.speaker), None)
        role = next((g.role for g in group if g.speaker == speaker and g.role), None) \
            or next((g.role for g in group if g.role), None)
        representative = _representative(group)
        sources = list(dict.fromkeys(articles[g.article].id for g in group))
        variants, seen = [], set()
        for g in group:
            key = (g.attribution.text, articles[g.article].id)
            if key not in seen:
                seen.add(key)
                variants.append(Variant(text=g.attribution.text, source=articles[g.article].id))
        quotes.append((len(sources), (group[0].article, group[0].order), Quote(
            text=representative.attribution.text, speaker=speaker, role=role,
            kind="direct" if representative.attribution.kind == "direct" else "indirect",
            sources=sources, variants=variants)))
    quotes.sort(key=lambda q: (-q[0], q[1]))
    return [q[2] for q in quotes]


def _representative(group: list[_Item]) -> _Item:
    """The rendering most sources share (after normalising), direct before reported, then the earliest."""
    counts: dict[str, set[int]] = {}
    for g in group:
        counts.setdefault(_norm(g.attribution.text), set()).add(g.article)
    return min(group, key=lambda g: (-len(counts[_norm(g.attribution.text)]), g.attribution.kind != "direct",
                                     g.article, g.order))


def _parts(attribution: Attribution) -> list[str]:
    """Texts to compare for matching: the whole statement, its sentences and the quoted pieces of a reported one."""
    parts = [attribution.text]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", attribution.text) if len(s.split()) >= 4]
    if len(sentences) > 1:
        parts += sentences
    clauses = [c for c in re.split(r",?\s+(?:and|but)\s+that\s+|;\s+|,\s+(?:and|but)\s+", attribution.text)
               if len(c.split()) >= 4]
    if len(clauses) > 1:  # "X said A, and that B", "A, and B": A and B each may be what another outlet quotes
        parts += clauses
    parts += [f for f in attribution.fragments if f != attribution.text]
    return list(dict.fromkeys(parts))


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP}


def _contains(a: str, b: str) -> bool:
    """One rendering holds the other (at least five words) after normalising."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small.split()) >= 5 and f" {small} " in f" {large} "


def _compatible(a: _Item, b: _Item) -> bool:
    """Could the two be one speaker? Same entity; or a description that fits the entity's role; or no speaker."""
    if a.speaker and b.speaker:
        return a.speaker == b.speaker
    if a.speaker or b.speaker:
        named, other = (a, b) if a.speaker else (b, a)
        if other.described is None:
            return True
        return bool(named.role) and other.described in re.findall(r"[a-z]+", named.role.lower())
    if a.described and b.described:
        return a.described == b.described
    return True


def _telling_words(items: list[_Item]) -> list[set[str]]:
    """Per rendering, the words (stems) no other statement of its speaker in its article uses: the words that tell
    this statement apart from the speaker's others. Statements of one article are never one statement, so the
    words they share are the topic's, not the statement's."""
    others: dict[tuple[int, str], list[int]] = {}
    for k, item in enumerate(items):
        if item.speaker:
            others.setdefault((item.article, item.speaker), []).append(k)
    telling = []
    for k, item in enumerate(items):
        same = others.get((item.article, item.speaker), []) if item.speaker else []
        telling.append(item.stems.difference(*(items[o].stems for o in same if o != k)))
    return telling


def _merge(items: list[_Item], encoder: Encoder) -> list[list[int]]:
    """Clusters of renderings of one statement: containment or embedding similarity, compatible speakers only.

    Pairs are cheap-filtered first (compatible speakers, different articles, two shared content words) so only
    renderings that could match are embedded. Clusters grow best pair first and never join two statements of one
    article, so two different statements of one speaker stay apart even when a third rendering resembles both.
    """
    norms = [[_norm(p) for p in item.parts] for item in items]
    telling = _telling_words(items)
    decided: list[tuple[float, int, int]] = []
    open_pairs: list[tuple[int, int]] = []
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            first, second = items[a], items[b]
            if not _compatible(first, second):
                continue
            contained = any(_contains(x, y) for x in norms[a] for y in norms[b])
            if contained:
                decided.append((1.0, a, b))
            elif first.article != second.article:
                shared = len(first.stems & second.stems)
                if shared >= min(3, max(1, min(len(first.stems), len(second.stems)) // 2)):
                    open_pairs.append((a, b))  # renderings of one statement share some words, even translated
    if open_pairs:
        needed = sorted({k for pair in open_pairs for k in pair})
        texts = list(dict.fromkeys(p for k in needed for p in items[k].parts))
        row = {t: r for r, t in enumerate(texts)}
        vectors = encoder.encode([" ".join(t.split()[:_EMBED_WORDS]) for t in texts])
        similarity = vectors @ vectors.T
        for a, b in open_pairs:
            score = max(float(similarity[row[x], row[y]]) for x in items[a].parts for y in items[b].parts)
            if score >= MERGE_SIMILARITY or (score >= SAME_SPEAKER_SIMILARITY and items[a].speaker
                                             and items[a].speaker == items[b].speaker
                                             and len(telling[a] & telling[b]) >= TELLING_WORDS):
                decided.append((score, a, b))
    parent = list(range(len(items)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    members: dict[int, list[int]] = {k: [k] for k in range(len(items))}
    for _, a, b in sorted(decided, key=lambda p: (-p[0], p[1], p[2])):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        left, right = members[ra], members[rb]
        if not all(_compatible(items[x], items[y]) for x in left for y in right):
            continue
        if any(items[x].article == items[y].article and not any(_contains(p, q) for p in norms[x] for q in norms[y])
               for x in left for y in right):
            continue  # two statements of one article never merge through a third rendering
        parent[rb] = ra
        members[ra] = left + right
        del members[rb]
    return [m for k, m in members.items() if find(k) == k]
