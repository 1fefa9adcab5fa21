"""Extractive multi-document summary: corroborated, central, lead-like sentences, without repeats."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Weights and thresholds below were tuned on duc2004/dev (ROUGE-2 F1 at 100 words).
SUPPORT_SIMILARITY = 0.65  # cosine above which another outlet's sentence "says the same thing"
WEIGHT_SUPPORT = 1.0  # share of other outlets that corroborate the sentence
WEIGHT_CENTRALITY = 1.0  # cosine to the cluster centroid
WEIGHT_POSITION = 0.5  # lead bias: 1 for an article's first sentence, decaying after
POSITION_DECAY = 0.3  # how fast the lead bias fades with the sentence index
WEIGHT_LENGTH = 0.2  # mild preference for informative, full-length sentences
PENALTY_OPENER = 0.3  # sentences opening with a pronoun or connective read badly out of context
MMR_LAMBDA = 0.7  # relevance vs. novelty trade-off of the greedy selection
REDUNDANT_SIMILARITY = 0.75  # never pick a sentence this close to one already picked
LEAD_MAX_POSITION = 1  # the opening sentence is chosen among the first sentences of the articles

WEIGHT_TERMS = 1.0  # how many outlets share the sentence's content words and bigrams
WEIGHT_COVERAGE = 1.0  # corroborated terms the sentence adds that the summary lacks, per word
MIN_TERM_SHARE = 0.5  # a term counts as corroborated once this share of the outlets use it
COVERAGE_LENGTH_EXPONENT = 1.0  # the coverage gain is divided by the length to this power

MIN_WORDS = 6
MAX_WORDS = 50
FULL_LENGTH_WORDS = 20  # length bonus saturates here

_OPENERS = frozenset(
    """he she it they them his her its their this these those that there we us our i you
    but however also and or so yet still meanwhile moreover furthermore besides instead
    then thus therefore hence nonetheless nevertheless otherwise such both""".split()
)
_WORD = re.compile(r"[A-Za-z0-9']+")
_QUOTES = re.compile(r"[\"“”]|``|''")


@dataclass(frozen=True)
class Candidate:
    """One sentence that may enter the summary.

    Args:
        text: one sentence.
        doc: index of the article it comes from.
        position: index of the sentence within its article (0 = first).
        outlet: outlet key; copies of the same outlet or wire count once for support.
    """

    text: str
    doc: int
    position: int
    outlet: str


def _words(text: str) -> int:
    return len(text.split())


def _usable(text: str) -> bool:
    """Whether a sentence can stand in a summary at all (not a question, fragment or run-on)."""
    n = _words(text)
    if n < MIN_WORDS or n > MAX_WORDS:
        return False
    stripped = text.strip()
    if stripped.endswith("?") or stripped.rstrip("\"'”’").endswith("?"):
        return False
    # A sentence that is mostly quotation is someone's voice, not the news.
    quoted = sum(len(m) for m in re.findall(r"[\"“]([^\"”]*)[\"”]", stripped))
    return quoted < 0.6 * len(stripped)


def _bad_opener(text: str) -> bool:
    first = _WORD.search(text)
    return bool(first) and first.group(0).lower() in _OPENERS


def support(candidates: Sequence[Candidate], similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Share of the other outlets that have a sentence similar to each candidate.

    Args:
        candidates: the sentences.
        similarity: their pairwise cosine similarities (n × n).
        threshold: cosine above which two sentences count as saying the same thing.

    Returns:
        For each candidate, the number of distinct other outlets backing it, divided by the
        number of other outlets (0 when there is only one outlet).
    """
    outlets = sorted({c.outlet for c in candidates})
    if len(outlets) < 2:
        return np.zeros(len(candidates))
    index = {o: k for k, o in enumerate(outlets)}
    columns = np.array([index[c.outlet] for c in candidates])
    # Best match of each sentence within each outlet; an outlet counts once however often it repeats.
    best = np.full((len(candidates), len(outlets)), -1.0)
    for k in range(len(outlets)):
        best[:, k] = similarity[:, columns == k].max(axis=1)
    backed = best > threshold
    backed[np.arange(len(candidates)), columns] = False
    return backed.sum(axis=1) / (len(outlets) - 1)


def _terms(text: str) -> set[str]:
    """Content words and the word pairs holding at least one of them, lower-cased and crudely stemmed."""
    tokens = [t.lower().removesuffix("'s") for t in _WORD.findall(text)]
    tokens = [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]
    content = [t not in ENGLISH_STOP_WORDS for t in tokens]
    terms = {t for t, c in zip(tokens, content) if c}
    terms.update(f"{a} {b}" for a, b, ca, cb in zip(tokens, tokens[1:], content, content[1:]) if ca or cb)
    return terms


def term_weights(candidates: Sequence[Candidate]) -> tuple[list[set[str]], dict[str, float]]:
    """Terms of each candidate, and each term's share of outlets using it (0 below MIN_TERM_SHARE)."""
    terms = [_terms(c.text) for c in candidates]
    outlets: dict[str, set[str]] = {}
    for c, ts in zip(candidates, terms):
        for t in ts:
            outlets.setdefault(t, set()).add(c.outlet)
    n = len({c.outlet for c in candidates})
    enough = max(2, MIN_TERM_SHARE * n)  # one outlet alone never corroborates
    weights = {t: len(o) / n if len(o) >= enough else 0.0 for t, o in outlets.items()}
    return terms, weights


def scores(
    candidates: Sequence[Candidate], embeddings: np.ndarray, terms: list[set[str]], weights: dict[str, float]
) -> np.ndarray:
    """Salience of each candidate: corroboration, centrality, lead position and length."""
    shared = np.array([sum(weights[t] for t in ts) / max(len(ts), 1) for ts in terms])
    similarity = embeddings @ embeddings.T
    centroid = embeddings.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    centrality = embeddings @ centroid
    positions = np.array([c.position for c in candidates], dtype=float)
    lengths = np.array([_words(c.text) for c in candidates], dtype=float)
    openers = np.array([_bad_opener(c.text) for c in candidates], dtype=float)
    return (
        WEIGHT_SUPPORT * support(candidates, similarity, SUPPORT_SIMILARITY)
        + WEIGHT_CENTRALITY * centrality
        + WEIGHT_POSITION * np.exp(-POSITION_DECAY * positions)
        + WEIGHT_LENGTH * np.minimum(lengths / FULL_LENGTH_WORDS, 1.0)
        - PENALTY_OPENER * openers
        + WEIGHT_TERMS * shared
    )


def summarise(candidates: Sequence[Candidate], embeddings: np.ndarray, *, words: int = 120) -> list[int]:
    """Pick the sentences of a brief about one event from several reports of it.

    Args:
        candidates: sentences of all the reports.
        embeddings: unit-length rows, one per candidate (n × d).
        words: word budget (whitespace words); the summary never exceeds it.

    Returns:
        Indices into candidates: the summary, in reading order, within the word budget.
    """
    if not candidates or words <= 0:
        return []
    embeddings = np.asarray(embeddings, dtype=np.float64)
    terms, weights = term_weights(candidates)
    salience = scores(candidates, embeddings, terms, weights)
    similarity = embeddings @ embeddings.T
    lengths = [_words(c.text) for c in candidates]
    pool = [i for i, c in enumerate(candidates) if _usable(c.text) and lengths[i] <= words]
    if not pool:
        return []

    # The opening sentence must say what happened: the most salient lead sentence.
    leads = [i for i in pool if candidates[i].position <= LEAD_MAX_POSITION] or pool
    chosen = [max(leads, key=lambda i: salience[i])]
    used = lengths[chosen[0]]
    covered = set(terms[chosen[0]])

    # Greedy MMR over what is left, skipping what would not fit or would repeat.
    remaining = [i for i in pool if i != chosen[0]]
    while remaining:
        redundancy = similarity[np.ix_(remaining, chosen)].max(axis=1)
        gain = np.array([sum(weights[t] for t in terms[i] - covered) / lengths[i] ** COVERAGE_LENGTH_EXPONENT for i in remaining])
        mmr = MMR_LAMBDA * (salience[remaining] + WEIGHT_COVERAGE * gain) - (1 - MMR_LAMBDA) * redundancy
        best = None
        for k in np.argsort(-mmr):
            i = remaining[k]
            if redundancy[k] < REDUNDANT_SIMILARITY and used + lengths[i] <= words:
                best = i
                break
        if best is None:
            break
        chosen.append(best)
        used += lengths[best]
        covered |= terms[best]
        remaining = [i for i in remaining if i != best and used + lengths[i] <= words]

    # Reading order: the opener first, then the others as they appear in their articles.
    rest = sorted(chosen[1:], key=lambda i: (candidates[i].position, candidates[i].doc))
    return [chosen[0], *rest]
