"""Extractive multi-document summary: corroborated, central, lead-like sentences, without repeats.

What several outlets report independently is what happened; a single-document summariser cannot
see that. Each sentence is scored by corroboration (how many other outlets say the same thing, by
meaning and by wording), centrality, lead position and length; the summary opens with the best
lead sentence and grows greedily (MMR) with sentences that add corroborated terms it still lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Weights and thresholds tuned on duc2004/dev (ROUGE-2 F1 at 100 words). With MIN_TERM_SHARE at 0.5
# the score is flat (within ±0.3 ROUGE-2) around these values; they were picked mid-plateau.
SUPPORT_SIMILARITY = 0.6  # cosine above which another outlet's sentence "says the same thing"
WEIGHT_SUPPORT = 0.25  # share of the other outlets with a sentence of the same meaning
WEIGHT_TERMS = 8.0  # mean share of outlets using the sentence's words and word pairs
MIN_TERM_SHARE = 0.5  # a word or pair counts as corroborated once half the outlets use it
WEIGHT_CENTRALITY = 2.0  # cosine to the cluster centroid
WEIGHT_POSITION = 1.0  # lead bias: 1 for an article's first sentence, decaying after
POSITION_DECAY = 0.3  # how fast the lead bias fades with the sentence index
WEIGHT_LENGTH = 0.5  # preference for full-length, informative sentences
PENALTY_OPENER = 0.5  # a pronoun or connective opener reads badly out of its article
LEAD_MAX_POSITION = 1  # the opening sentence is one of the first two of an article
MMR_LAMBDA = 0.6  # relevance vs. novelty in the greedy selection
WEIGHT_COVERAGE = 4.0  # corroborated terms a sentence adds to the summary, per word
COVERAGE_LENGTH_EXPONENT = 0.75  # the added terms are divided by the length to this power
REDUNDANT_SIMILARITY = 0.7  # never pick a sentence this close in meaning to one already picked

MIN_WORDS = 6
MAX_WORDS = 50
FULL_LENGTH_WORDS = 20  # the length preference stops growing here

_OPENERS = frozenset(
    """he she it they them his her its their this these those that there we us our i you
    but however also and or so yet still meanwhile moreover furthermore besides instead
    then thus therefore hence nonetheless nevertheless otherwise such both""".split()
)
_WORD = re.compile(r"[A-Za-z0-9']+")
_QUOTE_MARK = re.compile(r"[\"“”]")
_QUOTED = re.compile(r"[\"“]([^\"”]*)[\"”]")


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
    """Whether a sentence can stand in a summary (not a question, fragment, quote or run-on)."""
    if not MIN_WORDS <= _words(text) <= MAX_WORDS:
        return False
    stripped = text.strip()
    if stripped.rstrip("\"'”’)").endswith("?"):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"“"):
        return False  # starts mid-sentence: a splitting leftover
    if len(_QUOTE_MARK.findall(stripped)) % 2:
        return False  # one end of a quotation running over several sentences
    # A sentence that is mostly quotation is someone's voice, not the news.
    quoted = sum(len(q) for q in _QUOTED.findall(stripped))
    return quoted < 0.6 * len(stripped)


def _bad_opener(text: str) -> bool:
    first = _WORD.search(text)
    return bool(first) and first.group(0).lower() in _OPENERS


def support(candidates: Sequence[Candidate], similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Share of the other outlets that have a sentence similar in meaning to each candidate.

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
    column = {o: k for k, o in enumerate(outlets)}
    own = np.array([column[c.outlet] for c in candidates])
    # Best match within each outlet: an outlet counts once however many copies it ran.
    best = np.stack([similarity[:, own == k].max(axis=1) for k in range(len(outlets))], axis=1)
    backed = best > threshold
    backed[np.arange(len(candidates)), own] = False
    return backed.sum(axis=1) / (len(outlets) - 1)


def _terms(text: str) -> set[str]:
    """Content words, and word pairs holding one, lower-cased with a crude plural strip."""
    tokens = [t.lower().removesuffix("'s") for t in _WORD.findall(text)]
    tokens = [t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t for t in tokens]
    content = [t not in ENGLISH_STOP_WORDS for t in tokens]
    terms = {t for t, c in zip(tokens, content) if c}
    pairs = zip(tokens, tokens[1:], content, content[1:])
    terms.update(f"{a} {b}" for a, b, ca, cb in pairs if ca or cb)
    return terms


def term_weights(candidates: Sequence[Candidate]) -> tuple[list[set[str]], dict[str, float]]:
    """Lexical corroboration: the terms of each candidate and each term's weight.

    Returns:
        The terms of each candidate, and for every term the share of outlets using it, or 0
        when fewer than MIN_TERM_SHARE of them (and always when only one) do.
    """
    terms = [_terms(c.text) for c in candidates]
    users: dict[str, set[str]] = {}
    for candidate, its_terms in zip(candidates, terms):
        for term in its_terms:
            users.setdefault(term, set()).add(candidate.outlet)
    n = len({c.outlet for c in candidates})
    enough = max(2, MIN_TERM_SHARE * n)
    weights = {t: len(o) / n if len(o) >= enough else 0.0 for t, o in users.items()}
    return terms, weights


def scores(
    candidates: Sequence[Candidate],
    embeddings: np.ndarray,
    similarity: np.ndarray,
    terms: list[set[str]],
    weights: dict[str, float],
) -> np.ndarray:
    """Salience of each candidate: corroboration, centrality, lead position, length and opener."""
    shared = np.array([sum(weights[t] for t in ts) / max(len(ts), 1) for ts in terms])
    centroid = embeddings.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    positions = np.array([c.position for c in candidates], dtype=float)
    lengths = np.array([_words(c.text) for c in candidates], dtype=float)
    openers = np.array([_bad_opener(c.text) for c in candidates], dtype=float)
    return (
        WEIGHT_SUPPORT * support(candidates, similarity, SUPPORT_SIMILARITY)
        + WEIGHT_TERMS * shared
        + WEIGHT_CENTRALITY * (embeddings @ centroid)
        + WEIGHT_POSITION * np.exp(-POSITION_DECAY * positions)
        + WEIGHT_LENGTH * np.minimum(lengths / FULL_LENGTH_WORDS, 1.0)
        - PENALTY_OPENER * openers
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
    similarity = embeddings @ embeddings.T
    terms, weights = term_weights(candidates)
    salience = scores(candidates, embeddings, similarity, terms, weights)
    lengths = [_words(c.text) for c in candidates]
    pool = [i for i, c in enumerate(candidates) if _usable(c.text) and lengths[i] <= words]
    if not pool:
        return []

    # The opening sentence must say what happened: the most salient lead sentence.
    leads = [i for i in pool if candidates[i].position <= LEAD_MAX_POSITION] or pool
    chosen = [max(leads, key=lambda i: salience[i])]
    used = lengths[chosen[0]]
    covered = set(terms[chosen[0]])

    remaining = [i for i in pool if i != chosen[0]]
    while True:
        # What no longer fits or repeats a chosen sentence stays out for good: the summary only grows.
        remaining = [
            i
            for i in remaining
            if used + lengths[i] <= words and similarity[i, chosen].max() < REDUNDANT_SIMILARITY
        ]
        if not remaining:
            break
        redundancy = similarity[np.ix_(remaining, chosen)].max(axis=1)
        added = np.array([sum(weights[t] for t in terms[i] - covered) for i in remaining])
        gain = added / np.array([lengths[i] for i in remaining], dtype=float) ** COVERAGE_LENGTH_EXPONENT
        mmr = MMR_LAMBDA * (salience[remaining] + WEIGHT_COVERAGE * gain) - (1 - MMR_LAMBDA) * redundancy
        best = remaining.pop(int(np.argmax(mmr)))
        chosen.append(best)
        used += lengths[best]
        covered |= terms[best]

    # Reading order: the opener, then the others in the order they come in their articles.
    rest = sorted(chosen[1:], key=lambda i: (candidates[i].position, candidates[i].doc))
    return [chosen[0], *rest]
