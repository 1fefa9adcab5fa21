"""The multi-document summariser, on invented sentences and hand-built unit vectors (no model)."""

from __future__ import annotations

import numpy as np

from newsweave.summarise import REDUNDANT_SIMILARITY, Candidate, summarise, support

DIM = 384


def vector(*parts: tuple[int, float]) -> np.ndarray:
    """A unit vector mixing basis directions: vector((0, 1.0), (7, 0.2))."""
    v = np.zeros(DIM, dtype=np.float32)
    for axis, weight in parts:
        v[axis] += weight
    return v / np.linalg.norm(v)


def build(rows: list[tuple[str, int, int, str, np.ndarray]]) -> tuple[list[Candidate], np.ndarray]:
    """Candidates and their embeddings from (text, doc, position, outlet, vector) rows."""
    candidates = [Candidate(text=t, doc=d, position=p, outlet=o) for t, d, p, o, _ in rows]
    return candidates, np.stack([v for *_, v in rows])


def flood_story() -> tuple[list[Candidate], np.ndarray]:
    """Four outlets on a dam failure; one detail is echoed by three outlets, another by one only."""
    event, rescue, bakery, reservoir = 0, 1, 2, 3  # directions of meaning
    return build(
        [
            (
                "The Riverton dam burst on Tuesday, flooding three villages in the valley below.",
                0, 0, "a", vector((event, 1), (10, 0.2)),
            ),
            (
                "A dam near Riverton gave way on Tuesday and flood water swept through three villages.",
                1, 0, "b", vector((event, 1), (11, 0.2)),
            ),
            (
                "Three villages were flooded on Tuesday after the Riverton dam burst.",
                2, 0, "c", vector((event, 1), (12, 0.2)),
            ),
            (
                "Officials said the Riverton reservoir had been rising for weeks before the dam failed.",
                3, 0, "d", vector((event, 0.6), (reservoir, 1)),
            ),
            (
                "Rescue teams have moved more than two thousand residents to a school gym in Hollis.",
                0, 3, "a", vector((rescue, 1), (20, 0.2)),
            ),
            (
                "More than two thousand residents were moved by rescue teams to a gym in nearby Hollis.",
                1, 4, "b", vector((rescue, 1), (21, 0.2)),
            ),
            (
                "Rescuers took over two thousand people from the flooded villages to a Hollis school.",
                2, 3, "c", vector((rescue, 1), (22, 0.2)),
            ),
            (
                "A local bakery owner told reporters that she lost every oven in the cellar of her shop.",
                3, 3, "d", vector((bakery, 1)),
            ),
        ]
    )


def test_empty_input_gives_nothing() -> None:
    assert summarise([], np.zeros((0, DIM), dtype=np.float32)) == []


def test_budget_is_respected_and_sentences_are_whole() -> None:
    candidates, embeddings = flood_story()
    for budget in (5, 14, 20, 30, 45, 200):
        picked = summarise(candidates, embeddings, words=budget)
        assert sum(len(candidates[i].text.split()) for i in picked) <= budget
        assert len(set(picked)) == len(picked)
    assert summarise(candidates, embeddings, words=30)  # one sentence fits, so there is a summary


def test_no_near_duplicate_pair_is_selected() -> None:
    candidates, embeddings = flood_story()
    picked = summarise(candidates, embeddings, words=200)
    similarity = embeddings[picked] @ embeddings[picked].T
    off_diagonal = similarity[~np.eye(len(picked), dtype=bool)]
    assert (off_diagonal < REDUNDANT_SIMILARITY).all()
    leads = ("The Riverton", "A dam", "Three villages")  # one event told by three outlets
    assert sum(candidates[i].text.startswith(leads) for i in picked) == 1


def test_corroborated_sentence_beats_uncorroborated_one() -> None:
    candidates, embeddings = flood_story()
    picked = summarise(candidates, embeddings, words=32)  # room for the opener and one more
    texts = [candidates[i].text for i in picked]
    assert len(texts) == 2
    assert "thousand" in texts[1]  # the rescue, told by three outlets, not the bakery (one outlet)


def test_first_sentence_is_the_most_corroborated_lead() -> None:
    candidates, embeddings = flood_story()
    picked = summarise(candidates, embeddings, words=120)
    first = candidates[picked[0]]
    assert first.position == 0 and first.outlet in {"a", "b", "c"}  # not the lone reservoir lead of "d"


def test_copies_of_one_outlet_count_once() -> None:
    dam, rescue = vector((0, 1)), vector((1, 1))
    candidates, embeddings = build(
        [
            ("The wire story about the dam appears here in the first paper.", 0, 0, "wire", dam),
            ("The wire story about the dam appears here in the second paper.", 1, 0, "wire", dam),
            ("The wire story about the dam appears here in the third paper.", 2, 0, "wire", dam),
            ("An independent report on the rescue effort by one newspaper.", 3, 0, "times", rescue),
            ("Another independent report on the rescue effort by a radio station.", 4, 0, "radio", rescue),
        ]
    )
    backing = support(candidates, embeddings @ embeddings.T, threshold=0.7)
    assert backing[0] == 0.0  # three copies of one wire story back nothing
    assert backing[3] == backing[4] == 0.5  # one of the two other outlets says the same


def test_questions_fragments_and_quote_pieces_are_skipped() -> None:
    dam, rescue = 0, 1
    candidates, embeddings = build(
        [
            (
                "The Riverton dam burst on Tuesday, flooding three villages in the valley below.",
                0, 0, "a", vector((dam, 1)),
            ),
            (
                "Could the Riverton dam burst have been prevented by the valley authorities?",
                1, 0, "b", vector((dam, 1), (5, 0.5)),
            ),
            ("The dam burst.", 2, 0, "c", vector((dam, 1), (6, 0.5))),
            (
                'The water came so fast that nobody in the three villages had time to think," he said.',
                1, 1, "b", vector((dam, 1), (7, 0.5)),
            ),
            (
                "Rescue teams moved two thousand residents of the flooded villages to Hollis.",
                2, 1, "c", vector((rescue, 1)),
            ),
        ]
    )
    picked = summarise(candidates, embeddings, words=100)
    assert sorted(picked) == [0, 4]
