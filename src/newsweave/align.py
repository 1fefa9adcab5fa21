"""Alignment: sentences of different outlets that state the same thing, grouped into facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .models import Article, Fact, UniqueFact, Variant

# Cosine similarity (all-MiniLM-L6-v2) at which two sentences of different outlets, each the other's
# closest match, state the same fact.
FACT_SIMILARITY = 0.6
# An article whose similarity to the centroid of the other articles falls below this is about another event
# (on duc2004/dev, 2% of articles fall below 0.51 against their own cluster; intruders have a median of 0.25).
STORY_SIMILARITY = 0.45
# Two articles whose word 5-gram sets overlap this much are copies of one story (a wire text republished).
COPY_OVERLAP = 0.6
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class SentenceRef:
    """A sentence of the story, located in its article."""

    article: int
    index: int
    text: str


def outlet_keys(articles: Sequence[Article]) -> list[str]:
    """One key per article: articles of the same outlet, and copies of one text, share a key."""
    shingles = [_shingles(a.text) for a in articles]
    keys: list[str] = []
    for i, article in enumerate(articles):
        key = (article.outlet or article.id).strip().lower()
        for j in range(i):
            if _overlap(shingles[i], shingles[j]) >= COPY_OVERLAP:
                key = keys[j]
                break
        keys.append(key)
    return keys


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def _overlap(a: set, b: set) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def off_topic(vectors: np.ndarray) -> list[int]:
    """Indices of articles about another event than the rest, from unit article vectors (mean of sentences)."""
    kept = list(range(len(vectors)))
    dropped: list[int] = []
    while len(kept) > 1:
        scores = []
        for i in kept:
            others = vectors[[j for j in kept if j != i]].mean(axis=0)
            scores.append(float(vectors[i] @ others / (np.linalg.norm(others) or 1.0)))
        worst = int(np.argmin(scores))
        if scores[worst] >= STORY_SIMILARITY:
            break
        if len(kept) == 2:
            worst = 1  # two unrelated articles: keep the first one given
        dropped.append(kept.pop(worst))
    return sorted(dropped)


def cluster_sentences(embeddings: np.ndarray, articles: Sequence[int],
                      threshold: float = FACT_SIMILARITY) -> list[list[int]]:
    """Groups of sentence indices that state the same thing across articles.

    Two sentences of different articles are linked when each is the other's closest sentence in its
    article and their cosine similarity reaches `threshold`; groups are the connected components.
    Mutual best matches keep one article's sentence from pulling in several unrelated ones.
    """
    count = len(embeddings)
    similarity = embeddings @ embeddings.T if count else np.zeros((0, 0))
    owner = np.asarray(articles)
    members = {a: np.flatnonzero(owner == a) for a in sorted(set(articles))}
    links = []
    for a, rows in members.items():
        for b, cols in members.items():
            if b <= a:
                continue
            block = similarity[np.ix_(rows, cols)]
            best_in_b, best_in_a = block.argmax(axis=1), block.argmax(axis=0)
            links += [(int(rows[r]), int(cols[c])) for r, c in enumerate(best_in_b)
                      if best_in_a[c] == r and block[r, c] >= threshold]
    return connected_groups(count, links)


def connected_groups(count: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The connected components of `count` items joined by `links`, each in ascending order, ordered by their
    first item."""
    if count == 0:
        return []
    rows, cols = zip(*links) if links else ((), ())
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for item, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(item)
    return list(groups.values())


def align(articles: Sequence[Article], refs: Sequence[SentenceRef], embeddings: np.ndarray,
          keys: Sequence[str]) -> tuple[list[Fact], list[UniqueFact], list[list[int]]]:
    """Facts several outlets state, and what only one outlet reports.

    Args:
        articles: the story's articles.
        refs: every candidate sentence, located in its article.
        embeddings: unit vectors of `refs`, one row each.
        keys: outlet key per article (`outlet_keys`).

    Returns:
        facts (most corroborated first), unique facts (most informative first per source), and the
        sentence groups themselves (indices into `refs`) for later stages.
    """
    groups = cluster_sentences(embeddings, [r.article for r in refs])
    facts: list[tuple[tuple, Fact]] = []
    unique: list[tuple[tuple, UniqueFact]] = []
    for group in groups:
        outlets = {keys[refs[i].article] for i in group}
        if len(outlets) >= 2:
            members = sorted(group, key=lambda i: (refs[i].article, refs[i].index))
            centre = embeddings[members].mean(axis=0)
            # rounded: two members are equally close to their mean, and float noise must not pick one
            representative = max(members, key=lambda i: (round(float(embeddings[i] @ centre), 5), -refs[i].index))
            sources = list(dict.fromkeys(articles[refs[i].article].id for i in members))
            fact = Fact(
                text=refs[representative].text, sources=sources, corroboration=len(outlets),
                variants=[Variant(text=refs[i].text, source=articles[refs[i].article].id) for i in members])
            first_seen = min(refs[i].index for i in members)
            facts.append(((-len(outlets), first_seen), fact))
        else:
            for i in group:
                ref = refs[i]
                unique.append(((ref.article, -informativeness(ref.text), ref.index),
                               UniqueFact(source=articles[ref.article].id, text=ref.text)))
    return [f for _, f in sorted(facts, key=lambda p: p[0])], [u for _, u in sorted(unique, key=lambda p: p[0])], groups


def informativeness(text: str) -> float:
    """How much a sentence tells: capitalised names, numbers and length, less for quotes and questions."""
    words = text.split()
    names = sum(1 for w in words[1:] if w[:1].isupper())
    numbers = sum(1 for w in words if any(c.isdigit() for c in w))
    score = names + 1.5 * numbers + 0.1 * min(len(words), 40)
    if text.endswith("?") or text.startswith('"'):
        score -= 2
    return score
