"""The timeline: dates resolved against publication, events merged across sources, inferred dates.

Every article text here is invented for these tests (fictional towns, people and outlets).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import newsweave
from newsweave.align import SentenceRef
from newsweave.brief import MIN_SENTENCE_WORDS
from newsweave.embed import default_encoder
from newsweave.models import Article, TimelineEntry
from newsweave.nlp import parse
from newsweave.timeline import build_timeline, resolve_date, story_dates
from builders import make_article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "story"
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")

FRIDAY = date(2024, 6, 7)  # a Friday

def timeline(articles: list[Article]) -> tuple[list[TimelineEntry], dict[str, str]]:
    refs = [SentenceRef(i, j, s.text) for i, a in enumerate(articles) for j, s in enumerate(a.sentences)
            if len(s.text.split()) >= MIN_SENTENCE_WORDS]
    embeddings = default_encoder().encode([r.text for r in refs])
    return build_timeline(articles, parse([a.text for a in articles]), refs, embeddings)


# ── resolving one expression ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("expression", "base", "expected"), [
    ("Friday", FRIDAY, "2024-06-07"),  # in Friday's paper, "on Friday" is that day
    ("Tuesday", FRIDAY, "2024-06-04"),  # the Tuesday before
    ("last month", FRIDAY, "2024-05"),
    ("in December", FRIDAY, "2023-12"),  # the most recent December before publication
    ("in 2009", FRIDAY, "2009"),
    ("three years ago", FRIDAY, "2021"),
    ("Jan. 25", date(2013, 1, 25), "2013-01-25"),
    ("March 2", date(2025, 3, 14), "2025-03-02"),
    ("March 20", date(2025, 3, 14), "2025-03-20"),  # a few days ahead: a scheduled event
    ("March 3, after months", date(2025, 3, 14), "2025-03-03"),
    ("January 25, 2013", None, "2013-01-25"),
    ("last January", date(2013, 1, 25), "2012-01"),
    ("yesterday", FRIDAY, "2024-06-06"),
    ("December 15 of this year", date(2013, 9, 27), "2013-12-15"),  # the year is told, in words
    ("December 15", date(2013, 9, 27), "2012-12-15"),  # ... without them, the most recent one
    ("March 3 of next year", date(2013, 9, 27), "2014-03-03"),
])
def test_resolve_date(expression: str, base: date | None, expected: str) -> None:
    assert resolve_date(expression, base).value == expected


def test_resolve_date_future_and_missing_base() -> None:
    assert resolve_date("Saturday", date(2025, 3, 14), future=True).value == "2025-03-15"
    assert resolve_date("Saturday", date(2025, 3, 14)).value == "2025-03-08"
    assert resolve_date("Friday", None) is None  # a weekday needs a publication date
    assert resolve_date("March 2", None) is None  # so does a day with no year
    assert resolve_date("the Harrow Lane bridge", FRIDAY) is None


def test_story_dates_infers_the_missing_ones() -> None:
    articles = [make_article("One.", "A", date(2024, 6, 7)), make_article("Two.", "B"),
                make_article("Three.", "C", date(2024, 6, 7)), make_article("Four.", "D", date(2024, 6, 8))]
    bases, warnings = story_dates(articles)
    assert bases == [date(2024, 6, 7)] * 3 + [date(2024, 6, 8)]
    assert warnings == {articles[1].id: "publication date unknown; inferred 2024-06-07 from the other articles"}
    assert story_dates([make_article("One.", "A")]) == ([None], {})


# ── a whole story ──────────────────────────────────────────────────────────────────────────────

BRIDGE_A = (
    "The Harrow Lane bridge in Corrin reopened to traffic on Friday after a two-year repair.\n\n"
    "The bridge was built in 1932 and closed in March 2022, when engineers found cracks in two of its piers.\n\n"
    "The council expects about 9,000 cars to cross it each day. Work on new footpaths will start on June 17."
)
BRIDGE_B = (
    "Traffic was allowed back over Corrin's Harrow Lane bridge on Friday, ending a closure that lasted two years.\n\n"
    "Engineers shut the bridge in March 2022 after they discovered cracks in its piers.\n\n"
    "Last month the council voted to name the bridge after Edith Marr, a local engineer who died in 2019 "
    "aged 88. A ribbon is cut each year on the anniversary of its opening."
)


@pytest.fixture(scope="module")
def bridge() -> tuple[list[Article], list[TimelineEntry], dict[str, str]]:
    articles = [make_article(BRIDGE_A, "Corrin Courier", FRIDAY), make_article(BRIDGE_B, "Harrow Herald")]
    entries, warnings = timeline(articles)
    return articles, entries, warnings


def test_entries_are_ordered_and_dated(bridge) -> None:
    _, entries, _ = bridge
    dates = [e.date for e in entries]
    assert dates[0] == "1932"
    assert "2022-03" in dates and "2024-06-07" in dates and "2019" in dates and "2024-05" in dates
    firsts = [e.date.ljust(10, "0") for e in entries]
    assert firsts == sorted(firsts)


def test_same_event_from_two_sources_is_one_entry(bridge) -> None:
    articles, entries, _ = bridge
    reopened = [e for e in entries if e.date == "2024-06-07"]
    assert len(reopened) == 1 and set(reopened[0].sources) == {a.id for a in articles}
    closed = [e for e in entries if e.date == "2022-03"]
    assert len(closed) == 1 and len(closed[0].sources) == 2


def test_unknown_publication_date_is_inferred_with_a_warning(bridge) -> None:
    articles, entries, warnings = bridge
    assert warnings == {articles[1].id: "publication date unknown; inferred 2024-06-07 from the other articles"}
    last_month = next(e for e in entries if e.date == "2024-05")  # "Last month" in the undated article
    assert last_month.sources == [articles[1].id] and "name the bridge" in last_month.text


def test_future_events_and_what_is_not_an_event(bridge) -> None:
    _, entries, _ = bridge
    assert any(e.date == "2024-06-17" and "footpaths" in e.text for e in entries)  # "will start on June 17"
    texts = " ".join(e.text for e in entries)
    assert "ribbon" not in texts  # "each year"
    assert not any("two-year" in e.text and e.date != "2024-06-07" for e in entries)  # a span, not a date
    assert all(len(e.date) in (4, 7, 10) for e in entries)


def test_without_any_publication_date_only_absolute_dates_are_kept() -> None:
    articles = [make_article(BRIDGE_A, "Corrin Courier"), make_article(BRIDGE_B, "Harrow Herald")]
    entries, warnings = timeline(articles)
    assert warnings == {}
    assert {e.date for e in entries} == {"1932", "2022-03", "2019"}


# ── the bundled example and the seeds ──────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def example() -> tuple[list[Article], list[TimelineEntry], dict[str, str]]:
    articles = newsweave.read([str(EXAMPLE)]).articles
    entries, warnings = timeline(articles)
    return articles, entries, warnings


def test_example_timeline(example) -> None:
    articles, entries, warnings = example
    outlet = {a.id: a.outlet for a in articles}
    assert set(outlet[i] for i in warnings) == {"The Daily Meridian", "The Valley Observer"}
    assert all("inferred 2025-03-14" in w for w in warnings.values())
    by_date: dict[str, list[TimelineEntry]] = {}
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
    start = by_date["2025-03-02"]
    assert len(start) == 1 and {outlet[s] for s in start[0].sources} == {
        "Harbour Wire", "Coastline News", "The Portvale Record"}
    assert {outlet[s] for s in by_date["2025-03-03"][0].sources} == {"The Valley Observer"}
    vote = by_date["2025-03-20"]
    assert len(vote) == 1 and len(vote[0].sources) == 5
    deal = max(by_date["2025-03-14"], key=lambda e: len(e.sources))
    assert len(deal.sources) >= 3
    assert "2025-03-15" in by_date  # work resumes "on Saturday", told on Friday: the day after
    assert "2025-01-05" in by_date and "2016" in by_date
    assert "2028" not in by_date  # "before 2028" is a bound, not an event


@needs_seeds
def test_seeds_timeline() -> None:
    articles = newsweave.read([str(SEEDS)]).articles
    entries, warnings = timeline(articles)
    assert len(warnings) == sum(1 for a in articles if a.published is None) >= 1
    assert all("inferred 2013-01-25" in w for w in warnings.values())
    dates = [e.date for e in entries]
    assert "2009" in dates and "2013-01-25" in dates
    assert all(d <= "2013-01-25" for d in dates)
    withdrawal = [e for e in entries if e.date == "2013-01-25"]
    assert max(len(e.sources) for e in withdrawal) >= 2


def test_one_persons_statement_on_one_day_is_one_event() -> None:
    # the two outlets report different parts of the statement: their sentences are not alike, the saying is one
    entries, _ = timeline([
        make_article("The ferry pier is unsafe and must close, harbour master Ines Kolb said in a statement on "
                     "Tuesday.", "Larkhill Courier", FRIDAY),
        make_article("On Tuesday, Ines Kolb said that the town council could not pay for new cranes, wider berths "
                     "or the dredging the harbour needs.", "Fenmoor Post", FRIDAY),
        make_article("Tom Reyes said on Tuesday that the fishing fleet would stay in port until the pier reopens.",
                     "Valley Times", FRIDAY)])
    tuesday = [e for e in entries if e.date == "2024-06-04"]
    assert sorted(len(e.sources) for e in tuesday) == [1, 2], "Kolb's statement once, Reyes's apart"


def test_a_long_sentence_is_shown_around_its_date_as_written() -> None:
    words = " ".join(f"word{k}" for k in range(30))
    entries, _ = timeline([make_article(f"The pier, {words}, closed in 2009, after that {words} and more.",
                                        "Larkhill Courier", FRIDAY)])
    assert entries[0].date == "2009"
    assert "closed in 2009, after" in entries[0].text and entries[0].text.startswith("… ")


def test_one_things_start_is_one_event() -> None:
    entries, _ = timeline([
        make_article("The ferry board was set up in 2019 after a long campaign by island residents for cheaper fares.",
                     "Larkhill Courier", FRIDAY),
        make_article("Tom Reyes now chairs the ferry board, one of 12 boards convened in 2019 by the county to oversee "
                     "its harbours.", "Fenmoor Post", FRIDAY),
        make_article("The county's new pier opened in 2019, two years late.", "Valley Times", FRIDAY)])
    assert sorted(len(e.sources) for e in entries if e.date == "2019") == [1, 2], "the board's start once, the pier's apart"
