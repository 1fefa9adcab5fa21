"""Facts across sources: which wording stands for a fact."""

from __future__ import annotations

import numpy as np

from newsweave.align import SentenceRef, align, outlet_keys
from builders import make_article


def test_representative_of_two_wordings_does_not_depend_on_float_noise() -> None:
    first = make_article("The mayor opened the new library on Monday. Crowds lined the street outside.", "Gazette")
    second = make_article("Crowds lined the street. On Monday the mayor opened a new library in town.", "Herald")
    refs = [SentenceRef(0, 0, first.sentences[0].text), SentenceRef(1, 1, second.sentences[1].text)]
    base = np.array([[0.8, 0.6, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32)
    texts = set()
    for noise in (1e-7, -1e-7):  # the same two vectors as two batchings of the encoder may give them
        embeddings = base + np.array([[noise, 0, 0], [0, noise, 0]], dtype=np.float32)
        facts, unique, _ = align([first, second], refs, embeddings, outlet_keys([first, second]))
        assert len(facts) == 1 and unique == []
        texts.add(facts[0].text)
    assert texts == {first.sentences[0].text}  # equally central: the earlier sentence
