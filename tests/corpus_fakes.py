"""Small stand-ins for the per-article engine and the story clusterer, for corpus tests (fast, deterministic).

They follow the interfaces of `newsweave.engine.process` / `Processed` and `newsweave.stories.StoryClusterer`:
vectors are hashed bags of words, entities are capitalised words, and a story is every article whose vector is
close to the story's centroid. Invented text only.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from datetime import date
from typing import Iterable, Iterator

import numpy as np

from newsweave import junk
from newsweave.articles import to_article
from newsweave.dedupe import signature
from newsweave.engine import Processed
from newsweave.errors import InputError
from newsweave.models import InputProblem, RawDocument

DIM = 256
STORY_SIMILARITY = 0.4


def vector(text: str) -> np.ndarray:
    """A unit bag-of-words vector (words hashed into DIM buckets; the invented corpus's frame words left out)."""
    v = np.zeros(DIM, dtype=np.float32)
    for word in re.findall(r"[a-z]{4,}", text.lower()):
        if word in _FRAME_WORDS:
            continue
        v[int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    norm = np.linalg.norm(v)
    return v / norm if norm else v


def process(raws: Iterable[RawDocument], settings, *, engine: str = "local", scheduler: str | None = None) -> Iterator[Processed]:
    """Fake `engine.process`; sleeps NEWSWEAVE_FAKE_DELAY seconds per document (for kill tests)."""
    from newsweave.ingest import raw_sha256

    delay = float(os.environ.get("NEWSWEAVE_FAKE_DELAY", "0"))
    for raw in raws:
        if delay:
            time.sleep(delay)
        sha = raw_sha256(raw)
        try:
            article = to_article(raw)
        except InputError as exc:
            yield Processed(sha, raw.source, None, InputProblem(source=exc.source, reason=exc.reason), None,
                            frozenset(), None, None)
            continue
        yield Processed(sha, raw.source, article, None, vector(article.text),
                        frozenset(w.lower() for w in re.findall(r"\b[A-Z][a-z]{3,}\b", article.text)),
                        signature(article.text), junk.reason(article))


class StoryClusterer:
    """Fake `stories.StoryClusterer`: nearest centroid above STORY_SIMILARITY, else a new story."""

    def __init__(self, state: dict | None = None):
        state = state or {}
        self.centroids = {k: np.array(v, dtype=np.float32) for k, v in state.get("centroids", {}).items()}
        self.sizes = dict(state.get("sizes", {}))
        self.counter = int(state.get("counter", 0))
        self._merged: dict[str, str] = {}
        self._moved: dict[str, str] = {}

    def add(self, article_id: str, vector, entities: frozenset[str], published: date | None) -> str:
        vector = np.asarray(vector, dtype=np.float32)
        best, score = None, STORY_SIMILARITY
        for story, centroid in self.centroids.items():
            similarity = float(vector @ centroid / (np.linalg.norm(centroid) or 1.0))
            if similarity >= score:
                best, score = story, similarity
        if best is None:
            self.counter += 1
            best = f"s{self.counter:04d}"
            self.centroids[best] = np.zeros_like(vector)
            self.sizes[best] = 0
        self.centroids[best] = self.centroids[best] + vector
        self.sizes[best] += 1
        return best

    def merge(self, old: str, new: str) -> None:
        """Test hook: merge story `old` into `new`."""
        self.centroids[new] = self.centroids[new] + self.centroids.pop(old)
        self.sizes[new] += self.sizes.pop(old)
        self._merged[old] = new

    def merged(self) -> dict[str, str]:
        return dict(self._merged)

    def move(self, article_id: str, story: str) -> None:
        """Test hook: a split moved `article_id` into `story` (opened when new)."""
        self.sizes[story] = self.sizes.get(story, 0) + 1
        self.centroids.setdefault(story, np.zeros(DIM, dtype=np.float32))
        self._moved[article_id] = story

    def moved(self) -> dict[str, str]:
        return dict(self._moved)

    def state(self) -> dict:
        return {"centroids": {k: v.tolist() for k, v in self.centroids.items()}, "sizes": self.sizes,
                "counter": self.counter}


def install(monkeypatch) -> None:
    """Route newsweave.ingest through these fakes."""
    import newsweave.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "_process", lambda raws, settings, *, engine, scheduler: process(raws, settings))
    monkeypatch.setattr(ingest_module, "_new_clusterer", StoryClusterer)


class HashEncoder:
    """Fake sentence encoder for briefs (bag-of-words vectors), so store tests need no model."""

    def encode(self, texts, *, batch_size: int = 64) -> np.ndarray:
        return np.stack([vector(t) for t in texts]) if len(texts) else np.zeros((0, DIM), dtype=np.float32)


# ── An invented corpus: stories of made-up words, so bag-of-words vectors separate them cleanly ────────────────

_OUTLETS = ["Harbour Wire", "Valley Post", "Northfield Courier", "Daily Meridian", "Coastline News", "Record"]
_FRAMES = [
    "The {0} council of {1} said on Monday that the {2} {3} would {4} the {5} before the end of {6}.",
    "Officials from {1} told reporters that {7} {8} had been {9} after weeks of {10} near the {11}.",
    "Residents of {1} said the {12} {13} was the biggest {14} the {15} had seen in a generation.",
    "A spokeswoman for the {16} said the {17} {18} would {19} its {20} plans within a month.",
    "Critics argued that the {21} {22} could {23} the {24} and asked the {0} council to {25} the {26}.",
]

_FRAME_WORDS = set(re.findall(r"[a-z]{4,}", " ".join(_FRAMES).lower()))


def _word(rng) -> str:
    syllables = ["ka", "lo", "mir", "vet", "san", "dro", "pel", "quin", "tor", "bal", "zen", "rua", "fim", "gor"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))


def story_text(story: int, article: int) -> str:
    """Invented report `article` of invented story `story`: shares its story's vocabulary, differs in wording."""
    import random

    vocabulary = [_word(random.Random(f"story-{story}-{i}")) for i in range(27)]
    vocabulary[1] = vocabulary[1].capitalize()
    rng = random.Random(f"article-{story}-{article}")
    sentences = []
    for frame in rng.sample(_FRAMES, 4):
        words = list(vocabulary)
        for _ in range(5):  # each report swaps a few words for its own
            words[rng.randrange(2, 27)] = _word(rng)
        sentences.append(frame.format(*words))
    paragraphs = [" ".join(sentences[:2]), " ".join(sentences[2:])]
    return "\n\n".join(paragraphs)


def write_corpus(folder, stories: int = 3, per_story: int = 3) -> list:
    """One JSON record file per invented article (title, outlet, published, text); returns the paths."""
    import json
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in range(stories):
        for a in range(per_story):
            record = {"title": f"Report {a} on story {s}", "outlet": _OUTLETS[(s + a) % len(_OUTLETS)],
                      "published": f"2025-03-{10 + a:02d}", "text": story_text(s, a)}
            path = folder / f"s{s:02d}_a{a:02d}.json"
            path.write_text(json.dumps(record), encoding="utf-8")
            paths.append(path)
    return paths
