"""Near-duplicate detection: syndicated copies of one text (a wire story republished by several sites).

A copy differs from its original only in furniture, headline and small edits, so the word 5-gram sets of
the two clean texts overlap almost entirely. Each article gets a MinHash `signature` of those shingles;
`CopyIndex` finds, through MinHash LSH, the earliest indexed article a new one is a copy of.
"""

from __future__ import annotations

import re
from typing import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
# Jaccard similarity of 5-gram sets (estimated from the signatures) at which an article is a copy of an earlier
# one. Measured: of 1,247 pairs of distinct documents in one Multi-News val cluster (same event, different
# outlets) none reaches 0.36 except boilerplate and verbatim copies (0.62, 1.0); of 1,035 pairs among 46 outlets'
# reports of one story (inflation-2022) only a republished wire text reaches it (0.97). A copy that drops a
# paragraph or two of a 400-word text stays near 0.8. A truncated excerpt (a teaser of the first paragraphs)
# falls below any safe threshold: the brief's own containment check (align.outlet_keys) still merges those.
COPY_THRESHOLD = 0.6
_WORD = re.compile(r"[a-z0-9']+")


def shingles(text: str, n: int = SHINGLE_WORDS) -> set[str]:
    """Word n-grams of the normalised text (lowercase words, punctuation and spacing dropped)."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    if len(words) < n:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def signature(text: str) -> LeanMinHash:
    """MinHash signature (`NUM_PERM` permutations) of the text's word 5-gram shingles.

    Args:
        text (str): an article's clean text.

    Returns:
        LeanMinHash: compact, picklable signature; `to_bytes` / `from_bytes` store it.
    """
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return LeanMinHash(minhash)


def to_bytes(sig: LeanMinHash) -> bytes:
    """A signature as bytes, for the store."""
    buffer = bytearray(sig.bytesize())
    sig.serialize(buffer)
    return bytes(buffer)


def from_bytes(data: bytes) -> LeanMinHash:
    """A signature back from `to_bytes`."""
    return LeanMinHash.deserialize(bytearray(data))


class CopyIndex:
    """Which earlier article a new one is a copy of, by MinHash LSH over the signatures added so far.

    The index lives in memory; the store keeps each article's signature and original, and
    `CopyIndex.rebuild` (or `insert`, row by row) restores the index from them when a corpus is reopened.
    """

    def __init__(self, threshold: float = COPY_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def find(self, sig: LeanMinHash) -> str | None:
        """The original (earliest added article) the signature is a copy of, or None; adds nothing."""
        best: str | None = None
        for candidate in self._lsh.query(sig):
            if self._signatures[candidate].jaccard(sig) < self.threshold:
                continue  # an LSH false positive
            original = self._original.get(candidate, candidate)
            if best is None or self._order[original] < self._order[best]:
                best = original
        return best

    def add(self, article_id: str, sig: LeanMinHash | None) -> str | None:
        """Index an article; return the id of the original it is a copy of (earliest added), or None.

        Args:
            article_id (str): the article's id; adding an id again changes nothing and returns its original.
            sig (LeanMinHash | None): its `signature`; None (no text) indexes nothing.

        Returns:
            str | None: the original's id, or None when the article is an original itself.
        """
        if article_id in self._signatures or sig is None:
            return self._original.get(article_id)
        original = self.find(sig)
        self.insert(article_id, sig, original)
        return self._original.get(article_id)

    def insert(self, article_id: str, sig: LeanMinHash | None, original: str | None) -> None:
        """Index an article whose original is already known (None: it is one), e.g. as stored; no lookup."""
        if article_id in self._signatures or sig is None:
            return
        if original == article_id:
            original = None
        self._order[article_id] = len(self._order)
        self._signatures[article_id] = sig
        if original is not None:
            self._order.setdefault(original, -1)  # an original not (yet) indexed still ranks first
            self._original[article_id] = original
        self._lsh.insert(article_id, sig, check_duplication=False)  # `_signatures` already rules out repeats

    def original(self, article_id: str) -> str | None:
        """The original of an indexed article, or None."""
        return self._original.get(article_id)

    @classmethod
    def rebuild(cls, rows: Iterable[tuple[str, bytes | LeanMinHash | None, str | None]],
                threshold: float = COPY_THRESHOLD) -> "CopyIndex":
        """An index restored from stored (article id, signature, copy_of) rows, in the order they were added."""
        index = cls(threshold)
        for article_id, sig, copy_of in rows:
            if isinstance(sig, (bytes, bytearray, memoryview)):
                sig = from_bytes(bytes(sig))
            index.insert(article_id, sig, copy_of)
        return index


__all__ = ["NUM_PERM", "COPY_THRESHOLD", "signature", "shingles", "to_bytes", "from_bytes", "CopyIndex"]
