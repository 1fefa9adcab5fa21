"""Near-duplicate detection: syndicated copies linked to the earliest original; distinct reports left apart."""

from __future__ import annotations

import pickle

import pytest
from conftest import BODY, OTHER_BODY
from corpus_fakes import story_text

from newsweave.dedupe import NUM_PERM, CopyIndex, from_bytes, shingles, signature, to_bytes

# The same invented report as republished elsewhere: another headline, an extra closing paragraph, an edit.
COPY = ("Bridgeford bridge rebuild approved\n\n" + BODY.replace("on Monday", "on Monday evening")
        + "\n\nThe council will publish the tender documents next month.")
# Another outlet's own report of the same event: different words throughout.
OWN_REPORT = (
    "Councillors in Bridgeford have agreed to replace the stone crossing over the Wend that floodwater left unsafe "
    "last winter. Peter Hale, who tabled the proposal, said residents had waited long enough. The new bridge will "
    "have two traffic lanes and footpaths, and builders expect the job to last a year and a half.")


def test_signature_is_stable_and_round_trips() -> None:
    first, second = signature(BODY), signature(BODY)
    assert len(first.hashvalues) == NUM_PERM
    assert first.jaccard(second) == 1.0
    restored = from_bytes(to_bytes(first))
    assert restored.jaccard(first) == 1.0
    assert pickle.loads(pickle.dumps(first)).jaccard(first) == 1.0


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    assert shingles("The  Council, said: YES to the bridge!") == shingles("the council said yes to the bridge")
    assert shingles("too short") == {"too short"}
    assert shingles("") == set()


def test_copy_is_linked_to_its_original_and_other_reports_are_not() -> None:
    index = CopyIndex()
    assert index.add("original", signature(BODY)) is None
    assert index.add("other-event", signature(OTHER_BODY)) is None
    assert index.add("own-report", signature(OWN_REPORT)) is None
    assert index.add("copy", signature(COPY)) == "original"
    assert index.original("copy") == "original"
    assert len(index) == 4


def test_copy_of_a_copy_points_at_the_earliest_original() -> None:
    index = CopyIndex()
    index.add("a", signature(BODY))
    index.add("b", signature(COPY))
    again = COPY + "\n\nTraffic will use the ferry until then."
    assert index.add("c", signature(again)) == "a"


def test_adding_an_id_again_changes_nothing() -> None:
    index = CopyIndex()
    index.add("a", signature(BODY))
    assert index.add("b", signature(COPY)) == "a"
    assert index.add("b", signature(COPY)) == "a"
    assert index.add("a", signature(BODY)) is None
    assert len(index) == 2


def test_find_does_not_index() -> None:
    index = CopyIndex()
    index.add("a", signature(BODY))
    assert index.find(signature(COPY)) == "a"
    assert "copy" not in index and len(index) == 1


def test_rebuild_from_stored_rows_gives_the_same_answers() -> None:
    rows = [("a", to_bytes(signature(BODY)), None), ("b", to_bytes(signature(COPY)), "a"),
            ("w", to_bytes(signature(OTHER_BODY)), None), ("x", None, None)]
    index = CopyIndex.rebuild(rows)
    assert index.original("b") == "a"
    assert index.find(signature(COPY + "\n\nMore later.")) == "a"
    assert index.find(signature(OWN_REPORT)) is None


@pytest.mark.parametrize("story", range(5))
def test_reports_of_one_invented_story_are_not_copies(story: int) -> None:
    index = CopyIndex()
    for article in range(4):
        assert index.add(f"{story}-{article}", signature(story_text(story, article))) is None
