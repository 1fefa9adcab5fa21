"""The sentence encoder and the memory of vectors a brief already computed."""

from __future__ import annotations

import numpy as np

from newsweave.embed import BATCH_LENGTH_RATIO, KnownVectors, default_encoder

SENTENCES = [
    "The council of Bridgeford voted to rebuild the old stone bridge.",
    "Engineers said the new span would keep the original arches.",
    "The water board said reservoir levels had fallen to a ten-year low.",
]


class CountingEncoder:
    """The real encoder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, *, batch_size: int = 16) -> np.ndarray:
        self.seen += list(texts)
        return default_encoder().encode(texts, batch_size=batch_size)


def test_encoder_gives_unit_vectors_closer_for_related_sentences() -> None:
    vectors = default_encoder().encode(SENTENCES)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_known_vectors_encode_only_new_texts_once() -> None:
    inner = CountingEncoder()
    known = KnownVectors(inner, SENTENCES[:2], default_encoder().encode(SENTENCES[:2]))
    new = "Officials urged households to cut their use of water by a fifth."
    vectors = known.encode([SENTENCES[1], new, new, SENTENCES[0]])
    assert inner.seen == [new]
    expected = default_encoder().encode([SENTENCES[1], new, new, SENTENCES[0]])
    assert np.allclose(vectors, expected, atol=1e-5)
    known.encode([new])
    assert inner.seen == [new]
    assert known.encode([]).shape == (0, 384)


def test_repeated_texts_get_the_same_row_in_input_order() -> None:
    texts = [SENTENCES[2], SENTENCES[0], SENTENCES[2], SENTENCES[1], SENTENCES[0]]
    vectors = default_encoder().encode(texts)
    assert vectors.shape == (5, 384)
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[1], vectors[4])
    assert np.allclose(vectors[[1, 3, 0]], default_encoder().encode(SENTENCES), atol=1e-5)


def test_batches_hold_texts_of_like_token_counts_and_workers_share_the_tokens() -> None:
    encoder = default_encoder()
    words = "the river council voted on the new bridge plan after a long debate about its cost".split()
    texts = [" ".join(words[: 3 + k % 14]) + f" ({k})" for k in range(60)] + [" ".join(words * 12)]
    shares = encoder._shares(texts, 16)
    tokenizer = encoder.models[0].tokenizer
    tokens = [len(tokenizer(t)["input_ids"]) for t in texts]
    batches = [batch for share in shares for batch in share]
    assert sorted(k for batch in batches for k in batch) == list(range(len(texts)))
    assert all(len(batch) <= 16 for batch in batches)
    for batch in batches:  # padded to the longest: every text has most of its tokens
        assert min(tokens[k] for k in batch) >= BATCH_LENGTH_RATIO * max(tokens[k] for k in batch)
    if len(shares) > 1:
        cost = {id(batch): max(tokens[k] for k in batch) * len(batch) for batch in batches}
        loads = [sum(cost[id(batch)] for batch in share) for share in shares]
        assert max(loads) - min(loads) <= max(cost.values())  # balanced to within one batch
    # the order of batches and workers leaves every text's vector where it belongs
    assert np.allclose(encoder.encode(texts)[[5, 60]], encoder.encode([texts[5], texts[60]]), atol=1e-5)
