"""Whole-document junk flag: pages that are not news are named; news, even with some furniture left, is not."""

from __future__ import annotations

import pytest
from conftest import BODY, OTHER_BODY

from newsweave.articles import to_article
from newsweave.junk import classify, reason
from newsweave.models import Article, RawDocument
from newsweave.segment import segment


def article(text: str) -> Article:
    paragraphs, sentences = segment(text)
    return Article(id="x", source="test.txt", text=text, paragraphs=paragraphs, sentences=sentences)


@pytest.mark.parametrize("text, expected", [
    ("We use cookies to give you the best experience. By continuing to browse you agree to our cookie policy. "
     "Manage your cookie settings or accept all cookies to continue.", "cookie or consent wall"),
    ("We've detected that JavaScript is disabled in your browser. Please enable JavaScript to continue, "
     "or switch to a supported browser.", "page needs JavaScript or another browser"),
    ("Tweet with a location. You can add location information to your tweets, such as your city or precise "
     "location. You always have the option to delete your tweet location history.", "social-media embed boilerplate"),
    ("This article is for subscribers only. Subscribe to continue reading. Already a subscriber? Log in to read "
     "the full story.", "paywall stub"),
    ("We're sorry, the page you are looking for cannot be found. It may have been removed or moved. Return to "
     "the home page to find the latest news.", "error page"),
    ("Rating is available when the video has been rented. This feature is not available right now. "
     "Please try again later.", "video-player message"),
    ("Starting in 1996 the archive has been collecting web crawls. These crawls are added to the Wayback Machine "
     "after an embargo period.", "web-archive notice"),
    ("Thank you for subscribing! Enter your email to join our mailing list and get the newsletter every "
     "morning.", "sign-up or comment form"),
])
def test_non_news_pages_are_named(text: str, expected: str) -> None:
    assert (reason(article(text)) or "").split(" (", 1)[0] == expected


def test_too_short_after_cleaning() -> None:
    assert reason(article("Council votes on bridge. More soon.")) == "too short (6 words)"


def test_news_is_not_junk() -> None:
    assert reason(article(BODY)) is None
    assert reason(article(OTHER_BODY)) is None


def test_news_with_some_furniture_left_is_not_junk() -> None:
    text = BODY + "\n\nSign up for our newsletter to get the latest local news delivered to your inbox."
    assert reason(article(text)) is None


def test_a_long_sentence_with_a_glued_tweet_is_prose() -> None:
    glued = ("Residents reacted online within minutes, and " + "many of them praised the council for acting "
             "quickly after months of delay and said the old arches deserved to be kept " * 3
             + "pic.twitter.com/abc123 — Bridgeford Resident (@bridge) March 3, 2025")
    assert classify(glued) == "social-media embed boilerplate"
    assert reason(article(BODY + "\n\n" + glued)) is None


def test_reason_works_on_articles_from_the_reader() -> None:
    wall = "Breaking news\n\nPlease enable JavaScript to view this page. Your browser is not supported."
    assert reason(to_article(RawDocument(source="wall.txt", text=wall + "\n\n" + wall.replace("Breaking", "Top")))) \
        == "page needs JavaScript or another browser"
    assert reason(to_article(RawDocument(source="news.txt", text=BODY))) is None
