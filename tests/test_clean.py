"""Cleaning scraped text: furniture out of the body and kept with a reason, metadata into fields, nothing lost."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsweave.articles import read, to_article
from newsweave.clean import classify_line, clean_text, parse_timestamp
from newsweave.models import RawDocument

from conftest import BODY, assert_nothing_lost

# An invented newspaper page, scraped the way real pages come out: furniture around and inside the body.
GAZETTE_PAGE = """\
Tidewater Gazette logo
Skip to content
Council votes to rebuild the old stone bridge
February 12, 2021 / 9:05 AM / 3 years ago
By Maria Velasquez, Tidewater Gazette
Photo: John Carrow/Tidewater Gazette
0 : 0
• compact-phone-only
• extra-wide-desktop-and-larger
We use cookies to improve your experience. By continuing you accept our cookie policy.

BRIDGEFORD — The town council voted on Monday to rebuild the old stone bridge over the river Wend, which has been closed to traffic since floods damaged its piers last winter.

Engineers told the council the new span would keep the original arches and would be wide enough for two lanes of traffic and a footpath on each side.
Related articles:
Flood barriers finished ahead of schedule
\u201cWe owe it to the people who cross it every day,\u201d said councillor Peter Hale, who proposed the motion.The work should take about eighteen months.
Read more
The council will pay for most of the project from its reserve fund, with the rest coming from a regional grant approved last year. (Reporting by Maria Velasquez; Editing by Sam Ott)
Sign up for our morning newsletter to get the latest news in your inbox.
The Tidewater Gazette depends on readers like you. Please support independent journalism and donate today.
Share this article
\u00a9 2021 Tidewater Gazette. All rights reserved.
"""

GAZETTE_JUNK = {
    "Tidewater Gazette logo": "logo",
    "Skip to content": "navigation",
    "February 12, 2021 / 9:05 AM / 3 years ago": "timestamp",
    "By Maria Velasquez, Tidewater Gazette": "byline",
    "Photo: John Carrow/Tidewater Gazette": "photo-credit",
    "0 : 0": "share-counter",
    "\u2022 compact-phone-only": "css-breakpoint",
    "\u2022 extra-wide-desktop-and-larger": "css-breakpoint",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.": "cookie-notice",
    "BRIDGEFORD \u2014": "dateline",
    "Related articles:": "related-links",
    "Flood barriers finished ahead of schedule": "related-links",
    "Read more": "related-links",
    "(Reporting by Maria Velasquez; Editing by Sam Ott)": "wire-credit",
    "Sign up for our morning newsletter to get the latest news in your inbox.": "newsletter",
    "The Tidewater Gazette depends on readers like you. Please support independent journalism and donate today.":
        "appeal",
    "Share this article": "share-counter",
    "\u00a9 2021 Tidewater Gazette. All rights reserved.": "copyright",
}

GAZETTE_BODY = [
    "The town council voted on Monday to rebuild the old stone bridge over the river Wend, which has been closed "
    "to traffic since floods damaged its piers last winter.",
    "Engineers told the council the new span would keep the original arches and would be wide enough for two lanes "
    "of traffic and a footpath on each side.",
    '"We owe it to the people who cross it every day," said councillor Peter Hale, who proposed the motion. '
    "The work should take about eighteen months.",
    "The council will pay for most of the project from its reserve fund, with the rest coming from a regional grant "
    "approved last year.",
]

# An invented wire report: repeated headline, highlight bullets, agency dateline, credit line, breakpoints.
WIRE_PAGE = """\
Harbour Wire logo
Grain exports resume from Kessel port after two-week halt
March 3, 2022 / 6:14 PM / 2 years ago

Grain exports resume from Kessel port after two-week halt

* Port reopens after storm damage repaired

* First ships leave with wheat and barley

By Oskar Lind

KESSEL, March 3 (Reuters) - Grain exports resumed from the port of Kessel on Thursday after a two-week halt caused by storm damage to its loading cranes, the port operator said.

Three bulk carriers loaded with wheat and barley left the harbour in the afternoon, and four more were expected to sail by the weekend, according to a statement from the operator.

Traders said the halt had pushed up local grain prices by about a tenth, and that prices would probably ease now that shipments were moving again. (Writing by Oskar Lind; Editing by Petra Holm)

0 : 0
  \u2022 small-tablet-portrait
  \u2022 large-desktop-and-above
"""

# An invented page of an outlet that names itself only in its donation appeal.
KESTREL_PAGE = """\
Enjoying ad-free pages on the Kestrel? Readers like you pay for them.
Three islands, one newsroom: your support keeps the ferry timetables and council votes in print.
Become a member

Ferry company cancels winter timetable

The Saltmarsh ferry company said on Tuesday it would cancel its winter timetable and run only two crossings a day until March because of a shortage of crew.

Passengers who had booked tickets for cancelled crossings would get a full refund, the company said in a statement.

Related articles:

One small favour to ask before you go: The Kestrel Times has covered the islands since the lighthouse was built, and readers keep it going.
Every reporter at The Kestrel Times answers to readers, not advertisers, so please support independent journalism.
Not ready to donate this month?
Donate once
"""


# ---------------------------------------------------------------- junk out, kept with its reason


@pytest.fixture(scope="module")
def gazette():
    return clean_text(GAZETTE_PAGE)


@pytest.mark.parametrize(("line", "reason"), list(GAZETTE_JUNK.items()))
def test_junk_is_removed_and_kept_with_its_reason(gazette, line, reason):
    assert any(r.text == line and r.reason == reason for r in gazette.removed), gazette.removed
    assert line not in gazette.text


def test_gazette_body_is_exactly_the_article(gazette):
    assert gazette.paragraphs == GAZETTE_BODY
    assert gazette.title == "Council votes to rebuild the old stone bridge"
    assert {r.text for r in gazette.removed} == set(GAZETTE_JUNK) | {gazette.title}


def test_gazette_metadata(gazette):
    assert gazette.byline == "Maria Velasquez"
    assert gazette.byline_outlet == "Tidewater Gazette"
    assert gazette.logo_outlet == "Tidewater Gazette"
    assert gazette.dateline == "BRIDGEFORD"
    assert gazette.timestamps == ["February 12, 2021 / 9:05 AM / 3 years ago"]


@pytest.mark.parametrize("page", [GAZETTE_PAGE, WIRE_PAGE, KESTREL_PAGE, BODY], ids=["gazette", "wire", "kestrel", "plain"])
def test_nothing_is_lost(page):
    assert_nothing_lost(page, clean_text(page))


def test_wire_report_furniture_and_metadata(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE_PAGE, encoding="utf-8")
    [article] = read(str(path)).articles
    reasons = {r.reason for r in article.removed}
    assert {"logo", "headline", "timestamp", "duplicate-headline", "highlights", "byline", "dateline", "wire-credit",
            "share-counter", "css-breakpoint"} <= reasons
    assert [r.text for r in article.removed if r.reason == "highlights"] == [
        "* Port reopens after storm damage repaired", "* First ships leave with wheat and barley"]
    assert article.title == "Grain exports resume from Kessel port after two-week halt"
    assert article.byline == "Oskar Lind"
    assert article.dateline == "KESSEL"
    assert article.outlet == "Reuters"  # the dateline's agency beats the logo
    assert article.published == date(2022, 3, 3)
    assert article.language == "en"
    assert article.text.startswith("Grain exports resumed from the port of Kessel on Thursday")
    assert article.text.endswith("now that shipments were moving again.")
    assert "Writing by" not in article.text and "Reuters" not in article.text
    assert [r.text for r in article.removed if r.reason == "dateline"] == ["KESSEL, March 3 (Reuters) -"]
    assert_nothing_lost(WIRE_PAGE, article)


def test_appeal_lines_removed_and_outlet_found_from_self_mention(tmp_path):
    path = tmp_path / "kestrel.txt"
    path.write_text(KESTREL_PAGE, encoding="utf-8")
    [article] = read(str(path)).articles
    assert article.paragraphs[0].text.startswith("The Saltmarsh ferry company said on Tuesday")
    assert len(article.paragraphs) == 2
    appeals = [r.text for r in article.removed if r.reason == "appeal"]
    assert len(appeals) == 7
    assert "Become a member" in appeals and "Donate once" in appeals
    assert article.outlet == "The Kestrel Times"
    assert article.title == "Ferry company cancels winter timetable"
    assert_nothing_lost(KESTREL_PAGE, article)


# ---------------------------------------------------------------- single-line rules


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Coastline News logo", "logo"),
        ("mini-phone-and-below", "css-breakpoint"),
        ("\u2022 roomy-desktop-browser", "css-breakpoint"),
        ("12 : 4", "share-counter"),
        ("35 shares", "share-counter"),
        ("Tweet", "share-counter"),
        ("Please consider making a donation to keep our reporting free.", "appeal"),
        ("Already a subscriber? Log in for unlimited access.", "appeal"),
        ("Related stories", "related-links"),
        ("Read more:", "related-links"),
        ("You may also like", "related-links"),
        ("This site uses cookies. Manage your cookie settings.", "cookie-notice"),
        ("Accept all cookies", "cookie-notice"),
        ("Photograph by Ana Ruiz", None),  # not a recognised credit form; stays for the zone rules
        ("Photo by Ana Ruiz", "photo-credit"),
        ("Image credit: Ana Ruiz", "photo-credit"),
        ("Ana Ruiz/Getty Images", "photo-credit"),
        ("Get our free newsletter, delivered to your inbox every morning.", "newsletter"),
        ("Updated: March 4, 2022 10:15 AM", "timestamp"),
        ("2022-03-04", "timestamp"),
        ("Published 4 hours ago", "timestamp"),
        ("Advertisement", "navigation"),
        ("4 min read", "navigation"),
        ("Copyright 2022 Kessel Post", "copyright"),
        ("Business › Shipping", "breadcrumb"),
        ("Home » World » Europe", "breadcrumb"),
    ],
)
def test_classify_line(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        # News that mentions the furniture words is still news.
        '"We will donate every penny to the children\'s hospital," the organiser said on Sunday.',
        "The council said it would publish a report on the use of cookies by its websites after complaints from "
        "residents, many of whom said they had never been asked to accept them, and the report is due by the end "
        "of the year after a long consultation that began in the spring with a public meeting at the town hall "
        "attended by more than two hundred people.",
        "The minister said the logo of the new agency would be chosen by public vote.",
        "Shares of the company rose 4% on Tuesday.",
        "Inflation > 8% for a third month",  # a comparison in a headline is no breadcrumb
    ],
)
def test_news_lines_are_not_junk(line):
    assert classify_line(line) is None
    cleaned = clean_text(line)
    assert cleaned.paragraphs == [line]


def test_wire_credit_split_off_the_end_of_a_body_paragraph():
    raw = ("The ministry said the bridge would reopen to lorries in May after engineers finished checking its piers "
           "and approaches. (Additional reporting by Ada Blum in Kessel; Writing by Tom Reyes; Editing by Jo Pike)")
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == [raw.split(" (Additional")[0]]
    assert cleaned.removed[0].reason == "wire-credit"
    assert cleaned.removed[0].text.startswith("(Additional reporting by Ada Blum")


def test_a_parenthesis_that_is_not_a_credit_stays():
    raw = ("The ministry said the bridge would reopen to lorries in May after engineers finished checking its piers "
           "(the third such check this year).")
    assert clean_text(raw).paragraphs == [raw]


# ---------------------------------------------------------------- datelines, bylines, dates


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("MOSCOW \u2014 The talks ended without a deal on Friday after both sides refused to give ground on prices.",
         "MOSCOW", None),
        ("MOSCOW, Jan 25 (Reuters) - The talks ended without a deal on Friday after both sides refused to give ground.",
         "MOSCOW", "Reuters"),
        ("PORT LOUIS, Mauritius (AP) \u2014 The talks ended without a deal on Friday after both sides refused to move.",
         "PORT LOUIS, Mauritius", "AP"),
        ("NEW YORK -- The talks ended without a deal on Friday after both sides refused to give ground on prices.",
         "NEW YORK", None),
    ],
)
def test_dateline_found_and_stripped(line, place, agency):
    cleaned = clean_text(line)
    assert cleaned.dateline == place
    assert cleaned.dateline_outlet == agency
    assert cleaned.paragraphs[0].startswith("The talks ended")
    assert cleaned.removed[0].reason == "dateline"


def test_an_ordinary_sentence_is_not_a_dateline():
    line = "NATO - the alliance said on Friday - would meet again next week to discuss the plan for the region."
    assert clean_text(line).dateline is None


@pytest.mark.parametrize(
    ("line", "byline", "outlet"),
    [
        ("By Maria Velasquez", "Maria Velasquez", None),
        ("By Maria Velasquez and Tom Reyes", "Maria Velasquez and Tom Reyes", None),
        ("By Maria Velasquez, Tidewater Gazette", "Maria Velasquez", "Tidewater Gazette"),
        ("by Maria Velasquez | The Kessel Post", "Maria Velasquez", "The Kessel Post"),
    ],
)
def test_byline(line, byline, outlet):
    cleaned = clean_text(line + "\n" + BODY)
    assert cleaned.byline == byline
    assert cleaned.byline_outlet == outlet
    assert [r.reason for r in cleaned.removed] == ["byline"]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("January 26, 2014 / 5:31 PM / 4 years ago", date(2014, 1, 26)),
        ("Updated: 4 March 2022", date(2022, 3, 4)),
        ("2021-11-30 08:00", date(2021, 11, 30)),
        ("5 years ago", None),
        ("25/01/2013", date(2013, 1, 25)),
        ("31/02/2020", None),  # no such day: not today's month and day in 2020
        ("2020", None), ("March 2024", None),  # no day: not a publication date
        (None, None),
    ],
)
def test_parse_timestamp(stamp, day):
    assert parse_timestamp(stamp) == day


# ---------------------------------------------------------------- where the outlet comes from


def _article(**fields):
    return to_article(RawDocument(source="mem", **fields))


def test_outlet_from_logo():
    assert _article(text="Kessel Post logo\n" + BODY).outlet == "Kessel Post"


def test_outlet_from_byline():
    assert _article(text="By Ada Blum, Kessel Post\n" + BODY).outlet == "Kessel Post"


def test_outlet_from_wire_dateline_is_canonical():
    article = _article(text="KESSEL, March 3 (REUTERS) - " + BODY)
    assert article.outlet == "Reuters"
    assert article.dateline == "KESSEL"


def test_outlet_from_record_field_beats_the_text():
    article = _article(text="Kessel Post logo\n" + BODY, outlet="The Valley Herald")
    assert article.outlet == "The Valley Herald"


def test_outlet_from_url_host():
    article = _article(text=BODY, url="https://www.valleyherald.example/news/bridge")
    assert article.outlet == "valleyherald.example"
    assert article.url == "https://www.valleyherald.example/news/bridge"


def test_outlet_from_json_source_field(tmp_path):
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"text": BODY, "source": "Kessel Post"}), encoding="utf-8")
    assert read(str(path)).articles[0].outlet == "Kessel Post"


def test_no_outlet_evidence_gives_none():
    article = _article(text=BODY)
    assert article.outlet is None
    assert article.label == "mem"


def test_language_recorded_and_published_from_timestamp():
    article = _article(text="March 3, 2022 / 6:14 PM\n" + BODY)
    assert article.language == "en"
    assert article.published == date(2022, 3, 3)
    assert article.warnings == []
    assert _article(text=BODY).warnings == ["no publication date found"]


def test_unreadable_date_field_gives_a_warning():
    article = _article(text=BODY, published="sometime soon")
    assert article.published is None
    assert article.warnings == ["publication date 'sometime soon' could not be read"], "one note about the date"


def test_all_furniture_and_no_body_is_an_input_error():
    from newsweave.errors import InputError

    with pytest.raises(InputError) as caught:
        _article(text="Kessel Post logo\nSkip to content\n0 : 0\nRead more\n")
    assert caught.value.source == "mem"
    assert "no article text" in caught.value.reason


@pytest.mark.parametrize(
    ("raw", "body", "title"),
    [
        ("Buses will run every twenty minutes.", ["Buses will run every twenty minutes."], None),
        ("Kessel mayor steps down\nThe mayor resigned on Friday.\nHe gave no reason.",
         ["The mayor resigned on Friday.", "He gave no reason."], "Kessel mayor steps down"),
    ],
)
def test_a_short_brief_is_body_not_furniture(raw, body, title):
    # With no long prose line to anchor the body, whole short sentences are still the article.
    cleaned = clean_text(raw)
    assert cleaned.paragraphs == body
    assert cleaned.title == title
