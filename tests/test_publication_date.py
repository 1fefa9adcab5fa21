"""An article's own date line (above the story) is its publication date when the input gave none."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.articles import to_article
from newsweave.clean import clean_text, is_date_line
from newsweave.models import RawDocument

from conftest import BODY, assert_nothing_lost

HEADLINE = "Council votes to rebuild the old stone bridge"


def _article(text: str, **fields):
    return to_article(RawDocument(source="mem", text=text, **fields))


def _timestamps(article) -> list[str]:
    return [r.text for r in article.removed if r.reason == "timestamp"]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("January 25, 2013", date(2013, 1, 25)),
        ("Friday, January 25, 2013", date(2013, 1, 25)),
        ("25 Jan 2013 14:02 GMT", date(2013, 1, 25)),
        # tokenised corpora space their punctuation out
        ("May 03 , 2013", date(2013, 5, 3)),
        ("May 3rd , 2013 2 : 00pm EDT", date(2013, 5, 3)),
        ("Updated : November 11 , 2011 20 : 09 IST", date(2011, 11, 11)),
        ("9 : 53 AM , MON 22 JUL 2013", date(2013, 7, 22)),
        ("DECEMBER 16 , 2008", date(2008, 12, 16)),
    ],
)
@pytest.mark.parametrize("above_headline", [False, True], ids=["under-headline", "above-headline"])
def test_a_date_line_in_the_header_is_the_publication_date(line, day, above_headline):
    header = [line, HEADLINE] if above_headline else [HEADLINE, line]
    text = "\n".join(header) + "\n" + BODY
    article = _article(text)
    assert article.published == day
    assert article.title == HEADLINE  # a date line is never taken for the headline
    assert _timestamps(article) == [line]  # removed, as the line the date came from
    assert line not in article.text
    assert article.warnings == []
    assert_nothing_lost(text, article)


def test_the_first_date_line_naming_a_day_wins():
    article = _article(f"{HEADLINE}\nUpdated 5 : 40 p . m . ET\nMay 3 , 2013\nMay 9 , 2013\n{BODY}")
    assert article.published == date(2013, 5, 3)
    assert _timestamps(article) == ["Updated 5 : 40 p . m . ET", "May 3 , 2013", "May 9 , 2013"]


@pytest.mark.parametrize("line", ["2013", "March 2013", "May 2013"])
def test_a_year_or_a_month_is_no_publication_date(line):
    article = _article(f"{HEADLINE}\n{line}\n{BODY}")
    assert article.published is None
    assert article.warnings == ["no publication date found"]
    assert line not in article.text.split("\n")  # still header furniture, as before


@pytest.mark.parametrize(
    "text",
    [
        # a date inside the story's first sentence
        "The council first met on May 3, 2013, to discuss the future of the old stone bridge over the river Wend.\n"
        + BODY,
        # a headline that opens with a date
        f"27 / 09 / 2013 - {HEADLINE}\n{BODY}",
        # a date in a short line that is more than a date
        f"{HEADLINE}\nCouncil meeting of May 3, 2013\n{BODY}",
    ],
    ids=["in-a-sentence", "in-a-headline", "in-a-phrase"],
)
def test_a_date_inside_other_text_is_not_taken(text):
    article = _article(text)
    assert article.published is None
    assert _timestamps(article) == []


def test_the_input_date_wins_over_the_date_line():
    article = _article(f"{HEADLINE}\nMay 03 , 2013\n{BODY}", published="2021-06-01")
    assert article.published == date(2021, 6, 1)
    assert _timestamps(article) == ["May 03 , 2013"]  # still furniture, not body
    assert article.warnings == []


def test_an_unreadable_input_date_falls_back_to_the_date_line():
    article = _article(f"{HEADLINE}\nMay 03 , 2013\n{BODY}", published="sometime soon")
    assert article.published == date(2013, 5, 3)
    assert article.warnings == ["publication date 'sometime soon' could not be read"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 2 , 2013 | 5 : 03pm", True), ("05 / 02 / 2013", True), ("Published May 03 , 2013", True),
        ("Updated 5 : 40 p . m . ET", True),  # a date line, though it names no day
        ("Updated", False), ("2013", False), ("The vote was held on May 3, 2013.", False),
    ],
)
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


def test_a_date_line_inside_the_body_is_left_to_the_body_rules():
    # only the header zone (above the first prose line) is read for the date line
    cleaned = clean_text(f"{BODY}\nMay 03 , 2013\n{BODY}")
    assert cleaned.timestamps == []
