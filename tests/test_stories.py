"""StoryClusterer on hand-made article vectors: events apart, names and dates weighed, bridges merged, state resumed.

The "articles" here are invented: a base direction per event plus noise, and invented entity keys.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from newsweave.stories import SHOW_CHECKS, SMALL_STORY, StoryClusterer

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
    b = mixed(a, unit(rng.normal(size=DIM)), 0.40)  # below the 0.45 needed to join a one-article story
    without = StoryClusterer(open_threshold=0.45, entity_weight=0.1)
    without.add("x", a, frozenset({"noise one"}), None)
    assert without.add("y", b, frozenset({"noise two"}), None) == "y"
    with_names = StoryClusterer(open_threshold=0.45, entity_weight=0.1)
    with_names.add("x", a, frozenset({"iusuf okafor", "portvale"}), None)
    assert with_names.add("y", b, frozenset({"iusuf okafor", "portvale"}), None) == "x"


def test_a_story_silent_for_a_month_takes_no_new_articles(rng):
    clusterer = StoryClusterer(retire_days=30, retire_articles=0)
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
    assert far.add("months-later", vector, frozenset(), date(2025, 9, 30)) == "months-later"


def test_an_old_article_arriving_late_still_joins_its_story(rng):
    """A backfill: the story is a month older than the newest article, but it took an article only a few arrivals
    ago, so it is not retired yet."""
    clusterer = StoryClusterer(retire_days=30, retire_articles=5)
    base = unit(rng.normal(size=DIM))
    clusterer.add("march", near(base, rng), frozenset({"portvale"}), date(2025, 3, 14))
    clusterer.add("june", unit(rng.normal(size=DIM)), frozenset(), date(2025, 6, 20))
    assert clusterer.add("march-late", near(base, rng), frozenset({"portvale"}), date(2025, 3, 15)) == "march"
    for i in range(6):  # the stream moves on: the March story is now silent in dates and in arrivals
        clusterer.add(f"later-{i}", unit(rng.normal(size=DIM)), frozenset(), date(2025, 6, 21 + i))
    assert clusterer.add("march-last", near(base, rng), frozenset({"portvale"}), date(2025, 3, 16)) == "march-last"


def test_a_bridge_article_merges_two_stories(rng):
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.5)
    # each story is tight (cohesion ≈ 1): the other, at cosine 0.5, is far below the 0.55 × 1 it asks for
    clusterer = StoryClusterer(cohesion_share=0.55, entity_weight=0)
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
    clusterer = StoryClusterer(open_threshold=0.8, cohesion_share=0.55)
    clusterer.add("a0", a, frozenset(), None)
    clusterer.add("b0", b, frozenset(), None)
    clusterer.add("bridge", unit(a + b), frozenset(), None)
    resumed = StoryClusterer(json.loads(json.dumps(clusterer.state())))
    assert resumed.resolve("b0") == clusterer.resolve("b0")
    assert resumed.open_threshold == 0.8  # parameters travel with the state
    assert StoryClusterer(clusterer.state(), open_threshold=0.6).open_threshold == 0.6


def two_events_paired_early(rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """Two events' first reports at cosine 0.5 (over the 0.45 that pairs two lone articles), then two more reports
    of each, close to their own event's first."""
    a = unit(rng.normal(size=DIM))
    b = mixed(a, unit(rng.normal(size=DIM)), 0.5)
    return [("a1", a), ("b1", b), ("a2", near(a, rng, 0.05)), ("b2", near(b, rng, 0.05)),
            ("a3", near(a, rng, 0.05)), ("b3", near(b, rng, 0.05))]


def test_a_story_of_two_events_paired_early_splits_when_later_reports_show_two_groups(rng):
    clusterer = StoryClusterer()
    items = two_events_paired_early(rng)
    assert clusterer.add("a1", items[0][1], frozenset(), None) == "a1"
    assert clusterer.add("b1", items[1][1], frozenset(), None) == "a1"  # the early, wrong pairing
    for article, vector in items[2:]:
        clusterer.add(article, vector, frozenset(), None)
    assert {clusterer.story_of(f"a{i}") for i in (1, 2, 3)} == {"a1"}
    assert {clusterer.story_of(f"b{i}") for i in (1, 2, 3)} == {"b1"}
    assert clusterer.moved() == {"b1": "b1", "b2": "b1"}  # placed in "a1" when they arrived
    assert clusterer.add("b1", items[1][1], frozenset(), None) == "b1"  # where it is now
    assert clusterer.story_of("elsewhere") is None


def test_a_split_resumes_exactly_from_state(rng):
    items = two_events_paired_early(rng)
    whole, first = StoryClusterer(), StoryClusterer()
    for article, vector in items[:3]:
        whole.add(article, vector, frozenset(), None)
        first.add(article, vector, frozenset(), None)
    state = json.loads(json.dumps(first.state()))
    assert [len(story["members"]) for story in state["stories"]] == [3]
    resumed = StoryClusterer(state)
    for article, vector in items[3:]:
        assert resumed.add(article, vector, frozenset(), None) == whole.add(article, vector, frozenset(), None)
    assert resumed.state() == whole.state()
    assert resumed.moved() == whole.moved() == {"b1": "b1", "b2": "b1"}


def test_a_story_grown_past_small_keeps_only_its_sums(rng):
    clusterer = StoryClusterer()
    base = unit(rng.normal(size=DIM))
    for i in range(SMALL_STORY + 1):
        clusterer.add(f"a{i}", near(base, rng), frozenset(), None)
    assert len(clusterer) == 1
    assert "members" not in clusterer.state()["stories"][0]


def test_a_story_absorbs_a_lone_article_its_names_carry(rng):
    """A lone article a little short of a story on meaning alone is absorbed when the story grows and shares its
    names: merges weigh the names as joins do."""
    s1, s2, lone = with_cosines(rng, s1_s2=0.6, s1_lone=0.38, s2_lone=0.44)
    names = frozenset({"iusuf okafor", "portvale"})
    for entity_weight, story in ((0.0, "lone"), (0.05, "s1")):
        clusterer = StoryClusterer(entity_weight=entity_weight)
        assert clusterer.add("lone", lone, names, None) == "lone"
        assert clusterer.add("s1", s1, names, None) == "s1"  # 0.38 (+ 0.05 names): under the 0.45 to pair
        clusterer.add("s2", s2, names, None)  # joins s1; the two then ask 0.7 × 0.62 of the lone article: 0.435
        assert clusterer.story_of("lone") == story  # its mean cosine 0.41, + 0.05 for the names


def story_and_lone_report(rng: np.random.Generator, lone_names: frozenset[str],
                          reports: int = 1) -> tuple[StoryClusterer, np.ndarray]:
    """A story of five close reports naming a port and its union leader; then `reports` close reports at cosine
    0.55 to them (under the 0.7 × ~0.97 they ask, over 0.7 of it) naming `lone_names`; then other events' reports,
    one each, until the small story has waited its first look again."""
    clusterer = StoryClusterer()
    base = unit(rng.normal(size=DIM))
    for i in range(5):
        clusterer.add(f"a{i}", near(base, rng), frozenset({"portvale", "iusuf okafor"}), None)
    lone = mixed(base, unit(rng.normal(size=DIM)), 0.55)
    assert clusterer.add("lone", lone, lone_names, None) == "lone"
    for i in range(1, reports):
        assert clusterer.add(f"lone{i}", near(lone, rng, 0.05), lone_names, None) == "lone"
    for i in range(SHOW_CHECKS[0]):
        clusterer.add(f"other{i}", unit(rng.normal(size=DIM)), frozenset({f"place {i}"}), None)
    return clusterer, lone


def test_a_lone_report_is_shown_in_the_story_it_names_until_its_own_event_follows(rng):
    clusterer, lone = story_and_lone_report(rng, frozenset({"portvale", "saltmere terminals"}))
    assert clusterer.story_of("lone") == "a0"
    assert clusterer.moved() == {"lone": "a0"}
    # a second report of the lone one's own event finds it, and takes it back
    assert clusterer.add("follow-up", near(lone, rng, 0.05), frozenset({"saltmere terminals"}), None) == "lone"
    assert clusterer.story_of("lone") == "lone"
    assert clusterer.moved() == {"lone": "lone"}


def test_a_small_story_is_shown_in_the_story_it_names_with_all_its_reports(rng):
    clusterer, _ = story_and_lone_report(rng, frozenset({"portvale", "saltmere terminals"}), reports=2)
    assert clusterer.story_of("lone") == clusterer.story_of("lone1") == "a0"
    assert clusterer.moved() == {"lone": "a0", "lone1": "a0"}


def test_a_lone_report_naming_nothing_the_story_names_stays_alone(rng):
    clusterer, _ = story_and_lone_report(rng, frozenset({"northfield", "walter bins"}))
    assert clusterer.story_of("lone") == "lone"
    assert clusterer.moved() == {}


def test_a_lone_report_shown_in_a_story_resumes_from_state(rng):
    clusterer, lone = story_and_lone_report(rng, frozenset({"portvale", "saltmere terminals"}))
    resumed = StoryClusterer(json.loads(json.dumps(clusterer.state())))
    assert resumed.state() == clusterer.state()
    assert resumed.add("follow-up", near(lone, rng, 0.05), frozenset({"saltmere terminals"}), None) == "lone"
    assert resumed.moved() == {"lone": "lone"}  # taken back: the caller had it in "a0"


def with_cosines(rng: np.random.Generator, **cosines: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three unit vectors with the given pairwise cosines (s1_s2, s1_lone, s2_lone)."""
    gram = np.array([[1, cosines["s1_s2"], cosines["s1_lone"]], [cosines["s1_s2"], 1, cosines["s2_lone"]],
                     [cosines["s1_lone"], cosines["s2_lone"], 1]])
    basis, _ = np.linalg.qr(rng.normal(size=(DIM, 3)))
    vectors = basis @ np.linalg.cholesky(gram).T
    return vectors[:, 0], vectors[:, 1], vectors[:, 2]


def test_a_tight_story_asks_more_of_an_article_than_a_loose_one(rng):
    """The mean cosine needed is a share of the story's own cohesion, not one threshold for every story."""
    a = unit(rng.normal(size=DIM))
    article = mixed(a, unit(rng.normal(size=DIM)), 0.55)
    tight = StoryClusterer(open_threshold=0.2, entity_weight=0)
    for i in range(3):
        tight.add(f"t{i}", near(a, rng, 0.05), frozenset(), None)  # cohesion ≈ 1
    assert tight.add("x", article, frozenset(), None) == "x"
    loose = StoryClusterer(open_threshold=0.2, entity_weight=0)
    for i in range(3):
        loose.add(f"l{i}", mixed(a, unit(rng.normal(size=DIM)), 0.6), frozenset(), None)  # pairs ≈ 0.36
    assert len(loose) == 1
    assert loose.add("x", article, frozenset(), None) == "l0"


def test_a_similar_but_different_event_keeps_its_own_story(rng):
    """Two earthquakes in one region: the second one's reports are close to the first story, not as close as that
    story's own reports are to each other; they open a story of their own and the two never merge."""
    region = unit(rng.normal(size=DIM))
    first = mixed(region, unit(rng.normal(size=DIM)), 0.75)
    second = mixed(region, unit(rng.normal(size=DIM)), 0.75)  # cosine ≈ 0.56 to the first: above OPEN_THRESHOLD
    clusterer = StoryClusterer()
    stories = {clusterer.add(f"first-{i}", near(first, rng, 0.1), frozenset({"tarvo"}), None) for i in range(4)}
    stories |= {clusterer.add(f"second-{i}", near(second, rng, 0.1), frozenset({"tarvo"}), None) for i in range(4)}
    assert stories == {"first-0", "second-0"}
    assert len(clusterer) == 2 and clusterer.merged() == {}


def test_a_same_kind_event_naming_other_places_and_people_keeps_apart(rng):
    """Two warehouse fires told in the same words (cosine 0.48, above the 0.45 a story of one article asks) in
    different towns, with different people: the names the second report shares with the first story fall short of
    the name floor, so it opens a story of its own, and the stories stay apart as both grow."""
    first = unit(rng.normal(size=DIM))
    second = mixed(first, unit(rng.normal(size=DIM)), 0.48)
    fire_one = frozenset({"kelmarsby", "ana vostrel"})
    fire_two = frozenset({"brisenfeld", "tomas warl"})
    blind = StoryClusterer(name_penalty=0)
    blind.add("one-0", first, fire_one, None)
    assert blind.add("two-0", second, fire_two, None) == "one-0"
    clusterer = StoryClusterer()
    assert clusterer.add("one-0", first, fire_one, None) == "one-0"
    assert clusterer.add("two-0", second, fire_two, None) == "two-0"
    for i in range(1, 4):
        assert clusterer.add(f"one-{i}", near(first, rng, 0.05), fire_one, None) == "one-0"
        assert clusterer.add(f"two-{i}", near(second, rng, 0.05), fire_two, None) == "two-0"
    assert clusterer.merged() == {}
    # the same words naming the first fire's town and people: its report
    assert clusterer.add("one-more", mixed(first, unit(rng.normal(size=DIM)), 0.8), fire_one, None) == "one-0"


def test_a_follow_up_weeks_later_stays_in_its_story_when_the_names_agree(rng):
    """Charges filed five weeks after a shooting name the same deputy and town: the names stretch the days without
    time penalty from FREE_DAYS to LINKED_FREE_DAYS. The same words five weeks later naming others are another
    event."""
    shooting = unit(rng.normal(size=DIM))
    later = mixed(shooting, unit(rng.normal(size=DIM)), 0.55)
    names = frozenset({"deputy ruel arvane", "harlow gardens"})
    linked = StoryClusterer(retire_days=0)
    unlinked = StoryClusterer(retire_days=0)
    for clusterer in (linked, unlinked):
        clusterer.add("shooting", shooting, names, date(2025, 3, 1))
        clusterer.add("shooting-2", near(shooting, rng, 0.05), names, date(2025, 3, 2))
    assert linked.add("charges", later, names, date(2025, 4, 5)) == "shooting"
    assert unlinked.add("other", later, frozenset({"deputy sol medrane", "corwick"}), date(2025, 4, 5)) == "other"
    short = StoryClusterer(retire_days=0, linked_free_days=7)  # the window stays a week whatever the names
    short.add("shooting", shooting, names, date(2025, 3, 1))
    short.add("shooting-2", near(shooting, rng, 0.05), names, date(2025, 3, 2))
    assert short.add("charges", later, names, date(2025, 4, 5)) == "charges"


def test_name_parameters_travel_with_the_state_and_older_states_take_the_defaults(rng):
    clusterer = StoryClusterer(name_penalty=0.1, linked_free_days=30)
    clusterer.add("a", unit(rng.normal(size=DIM)), frozenset({"portvale"}), date(2025, 3, 14))
    state = json.loads(json.dumps(clusterer.state()))
    resumed = StoryClusterer(state)
    assert (resumed.name_penalty, resumed.linked_free_days) == (0.1, 30)
    for name in ("name_penalty", "name_floor", "linked_free_days", "link_share"):
        del state["params"][name]  # a state saved before these rules
    older = StoryClusterer(state)
    assert (older.name_penalty, older.linked_free_days) == (StoryClusterer().name_penalty,
                                                            StoryClusterer().linked_free_days)


def test_thousands_of_stories_retire_and_compact_without_losing_track(rng):
    clusterer = StoryClusterer(retire_days=10, retire_articles=200)
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


def test_a_version_1_state_resumes_with_its_stories_under_the_current_rules(rng):
    clusterer = StoryClusterer()
    base = unit(rng.normal(size=DIM))
    for i in range(3):
        clusterer.add(f"a{i}", near(base, rng), frozenset({"portvale"}), date(2025, 3, 14))
    old = json.loads(json.dumps(clusterer.state()))
    old["version"] = 1
    old["params"] = {"linkage": "average", "join_threshold": 0.35, "merge_threshold": 0.4, "merge_centroids": 0.4,
                     "entity_weight": 0.1, "free_days": 3, "time_weight": 0.1, "retire_days": 30}
    resumed = StoryClusterer(old)
    assert resumed.open_threshold == StoryClusterer().open_threshold
    assert resumed.add("a3", near(base, rng), frozenset({"portvale"}), date(2025, 3, 15)) == "a0"
    assert resumed.state()["version"] == StoryClusterer().state()["version"]


def test_a_state_of_another_version_is_refused():
    with pytest.raises(ValueError, match="version"):
        StoryClusterer({"version": 999})
