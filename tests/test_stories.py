"""StoryClusterer on hand-made article vectors: events apart, names and dates weighed, bridges merged, state resumed.

The "articles" here are invented: a base direction per event plus noise, and invented entity keys.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from newsweave.stories import StoryClusterer

DIM = 64


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def near(base: np.ndarray, rng: np.random.Generator, noise: float = 0.25) -> np.ndarray:
    return unit(base + noise * rng.normal(size=base.shape) / np.sqrt(base.shape[0]))


def mixed(a: np.ndarray, b: np.ndarray, cosine: float) -> np.ndarray:
    """A unit vector at `cosine` from unit vector `a`, in the plane of a and b."""
    orthogonal = unit(b - (b @ a) * a)
    return unit(cosine * a + np.sqrt(1 - cosine**2) * orthogonal)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(7)


def events(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Three invented events, far apart in meaning: a dock strike, a reservoir drought, a library reopening."""
    return {name: unit(rng.normal(size=DIM)) for name in ("strike", "drought", "library")}


def stream(rng: np.random.Generator, per_event: int = 6) -> list[tuple[str, str, np.ndarray, frozenset[str], date]]:
    bases = events(rng)
    names = {"strike": {"portvale", "saltmere terminals", "iusuf okafor"},
             "drought": {"wend valei water board", "lowmor"},
             "library": {"northfield", "walter bins"}}
    items = []
    for i in range(per_event):
        for event, base in bases.items():
            items.append((f"{event}-{i}", event, near(base, rng), frozenset(names[event]),
                          date(2025, 3, 14) + timedelta(days=i % 3)))
    return items


def test_articles_of_one_event_share_a_story_and_events_stay_apart(rng):
    clusterer = StoryClusterer()
    placed = {article: (event, clusterer.add(article, vector, names, day))
              for article, event, vector, names, day in stream(rng)}
    story_of_event: dict[str, set[str]] = {}
    for event, story in placed.values():
        story_of_event.setdefault(event, set()).add(story)
    assert all(len(stories) == 1 for stories in story_of_event.values()), story_of_event
    assert len({next(iter(s)) for s in story_of_event.values()}) == 3
    assert len(clusterer) == 3
    assert clusterer.merged() == {}


def test_a_story_is_named_after_the_article_that_opened_it(rng):
    clusterer = StoryClusterer()
    base = unit(rng.normal(size=DIM))
    assert clusterer.add("first", near(base, rng), frozenset(), None) == "first"
    assert clusterer.add("second", near(base, rng), frozenset(), None) == "first"


def test_adding_an_article_again_returns_its_story_and_counts_it_once(rng):
    clusterer = StoryClusterer()
    base = unit(rng.normal(size=DIM))
    vector = near(base, rng)
    story = clusterer.add("a", vector, frozenset({"portvale"}), None)
    assert clusterer.add("a", vector, frozenset({"portvale"}), None) == story
    assert clusterer.state()["stories"][0]["count"] == 1


def test_shared_rare_names_carry_an_article_over_the_threshold(rng):
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.40)  # below the 0.45 join threshold on meaning alone
    without = StoryClusterer(join_threshold=0.45, entity_weight=0.1)
    without.add("x", a, frozenset({"noise one"}), None)
    assert without.add("y", b, frozenset({"noise two"}), None) == "y"
    with_names = StoryClusterer(join_threshold=0.45, entity_weight=0.1)
    with_names.add("x", a, frozenset({"iusuf okafor", "portvale"}), None)
    assert with_names.add("y", b, frozenset({"iusuf okafor", "portvale"}), None) == "x"


def test_a_story_silent_for_a_month_takes_no_new_articles(rng):
    clusterer = StoryClusterer(retire_days=30)
    base = unit(rng.normal(size=DIM))
    assert clusterer.add("march", near(base, rng), frozenset({"portvale"}), date(2025, 3, 14)) == "march"
    assert clusterer.add("march-2", near(base, rng), frozenset({"portvale"}), date(2025, 3, 16)) == "march"
    # the same strike words, three months later: another strike
    assert clusterer.add("june", near(base, rng), frozenset({"portvale"}), date(2025, 6, 20)) == "june"


def test_the_time_penalty_grows_with_the_gap(rng):
    base = unit(rng.normal(size=DIM))
    vector = mixed(base, unit(rng.normal(size=DIM)), 0.55)
    close, far = StoryClusterer(retire_days=0), StoryClusterer(retire_days=0)
    for clusterer in (close, far):
        clusterer.add("first", base, frozenset(), date(2025, 3, 14))
    assert close.add("next-day", vector, frozenset(), date(2025, 3, 15)) == "first"
    assert far.add("weeks-later", vector, frozenset(), date(2025, 4, 30)) == "weeks-later"


def test_a_bridge_article_merges_two_stories(rng):
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.5)
    clusterer = StoryClusterer(join_threshold=0.8, merge_threshold=0.7, merge_centroids=0.5)
    for i in range(3):
        assert clusterer.add(f"a{i}", near(a, rng, 0.05), frozenset(), None) == "a0"
    for i in range(2):
        assert clusterer.add(f"b{i}", near(b, rng, 0.05), frozenset(), None) == "b0"
    assert len(clusterer) == 2
    story = clusterer.add("bridge", unit(a + b), frozenset(), None)
    assert story == "a0"  # the larger story survives
    assert clusterer.merged() == {"b0": "a0"}
    assert clusterer.resolve("b0") == "a0"
    assert len(clusterer) == 1
    assert clusterer.add("late", near(unit(a + b), rng, 0.05), frozenset(), None) == "a0"


def test_resuming_from_state_places_the_rest_exactly_as_one_run_would(rng):
    items = stream(rng, per_event=8)
    whole = StoryClusterer()
    first = StoryClusterer()
    for article, _, vector, names, day in items[:10]:
        whole.add(article, vector, names, day)
        first.add(article, vector, names, day)
    state = json.loads(json.dumps(first.state()))  # what a store keeps
    resumed = StoryClusterer(state)
    for article, _, vector, names, day in items[10:]:
        assert resumed.add(article, vector, names, day) == whole.add(article, vector, names, day)
    assert resumed.state() == whole.state()
    assert resumed.merged() == {}  # merges since construction only


def test_state_keeps_merges_and_retired_stories(rng):
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.5)
    clusterer = StoryClusterer(join_threshold=0.8, merge_threshold=0.7, merge_centroids=0.5)
    clusterer.add("a0", a, frozenset(), None)
    clusterer.add("b0", b, frozenset(), None)
    clusterer.add("bridge", unit(a + b), frozenset(), None)
    resumed = StoryClusterer(json.loads(json.dumps(clusterer.state())))
    assert resumed.resolve("b0") == clusterer.resolve("b0")
    assert resumed.join_threshold == 0.8  # parameters travel with the state
    assert StoryClusterer(clusterer.state(), join_threshold=0.6).join_threshold == 0.6


def test_a_story_of_two_events_scores_lower_than_a_tight_one_on_average_linkage(rng):
    """Mean cosine to the members, not cosine to the centroid: a story mixing two events draws less."""
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.35)
    between = unit(a + b)  # the centroid of the mixed story itself
    for linkage, expected in (("centroid", "ab"), ("average", "between")):
        clusterer = StoryClusterer(join_threshold=0.3, merge_threshold=9, entity_weight=0, linkage=linkage)
        clusterer.add("ab", a, frozenset(), None)
        assert clusterer.add("b", b, frozenset(), None) == "ab"
        clusterer.join_threshold = 0.9
        assert clusterer.add("between", between, frozenset(), None) == expected


def test_thousands_of_stories_retire_and_compact_without_losing_track(rng):
    clusterer = StoryClusterer(retire_days=10)
    start = date(2024, 1, 1)
    live = unit(rng.normal(size=DIM))
    for i in range(3000):
        day = start + timedelta(days=i // 20)
        clusterer.add(f"n{i}", unit(rng.normal(size=DIM)), frozenset({f"name {i}"}), day)
        if i % 50 == 0:  # one long-running story, fed all along
            clusterer.add(f"live{i}", near(live, rng, 0.05), frozenset({"portvale"}), day)
    assert len(clusterer) < 400  # the rest retired
    end = start + timedelta(days=150)
    assert clusterer.add("live-end", near(live, rng, 0.05), frozenset({"portvale"}), end) == "live0"
    state = json.loads(json.dumps(clusterer.state()))
    assert len(state["stories"]) == len(clusterer)
    assert StoryClusterer(state).add("live-more", near(live, rng, 0.05), frozenset({"portvale"}), end) == "live0"


def test_vectors_of_another_dimension_are_refused(rng):
    clusterer = StoryClusterer()
    clusterer.add("a", unit(rng.normal(size=DIM)), frozenset(), None)
    with pytest.raises(ValueError, match="dimensions"):
        clusterer.add("b", unit(rng.normal(size=DIM + 1)), frozenset(), None)


def test_a_state_of_another_version_is_refused():
    with pytest.raises(ValueError, match="version"):
        StoryClusterer({"version": 999})
