"""Whole documents that are not news: consent walls, "enable JavaScript", social-embed boilerplate, paywall stubs,
error pages, web-archive notices, video-player messages, sign-up forms, and texts too short to report anything.

The cleaner (clean.py) drops furniture line by line; what it keeps can still be a page with no report in it. `reason`
splits the clean text into sentences, marks those that match a boilerplate pattern, and calls the document junk
when boilerplate makes up most of it or too little prose is left. Junk articles are stored, flagged, and kept out
of stories. Measured by `benchmarks/junk_documents.py`.
"""

from __future__ import annotations

import re
from collections import Counter

from .models import Article

# Fewer words of prose than this (after boilerplate) and there is no report. A news brief, the shortest
# news form, runs to 40+ words; Multi-News keeps 10 sources of 25-35 words that are truncated excerpts.
MIN_WORDS = 25
# A document whose words are this much boilerplate is a wall, a stub or a form, whatever prose is around it.
BOILERPLATE_SHARE = 0.5
# Boilerplate sentences are short; a long "sentence" that matches is prose with an embed glued in (a quoted tweet
# ending in its pic.twitter.com link), so at most this many of its words count as boilerplate.
MAX_BOILERPLATE_SENTENCE = 40

# (reason, pattern) — one sentence matching a pattern is boilerplate of that kind. Reasons are shown to users.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("cookie or consent wall", re.compile(
        r"\bcookies?\b.{0,80}\b(?:accept|consent|agree|settings|preferences|policy|use)|"
        r"\b(?:accept|allow|manage|reject)\b.{0,30}\bcookies?\b|\bwe (?:and our partners )?(?:use|store) cookies\b|"
        r"\byour privacy (?:choices|settings)\b|\bwe value your privacy\b|\bconsent to (?:the use|our use)\b", re.I)),
    ("page needs JavaScript or another browser", re.compile(
        r"\b(?:enable|turn on|activate)\b.{0,20}\bjavascript\b|\bjavascript (?:is )?(?:disabled|required|is not enabled)\b|"
        r"\brequires javascript\b|\bupdate your browser\b|\bbrowser (?:is not|isn't) supported\b|"
        r"\binstall (?:the latest )?(?:adobe )?flash\b|\bunsupported browser\b|\blegacy twitter\b", re.I)),
    ("social-media embed boilerplate", re.compile(
        r"\btweet with a location\b|\badd (?:a )?location (?:information )?to your tweets\b|\blocation history\b|"
        r"\bsee more of .{1,60} on facebook\b|\bpic\.twitter\.com/|\bfollow us on (?:twitter|facebook|instagram)\b|"
        r"\bthis (?:tweet|post) (?:is unavailable|was deleted)\b|\bview this post on instagram\b", re.I)),
    ("paywall stub", re.compile(
        r"\b(?:subscribe|log in|sign in|register) to (?:continue|read|keep reading|unlock|access)\b|"
        r"\bthis (?:article|content|story) is (?:for|available to|only available to|reserved for) "
        r"(?:subscribers|members|premium)|\balready (?:a )?(?:subscriber|member)\b|\bsubscribers? only\b|"
        r"\byou(?:'ve| have) (?:reached|read) (?:your|all your|the) (?:limit|free articles?)\b|"
        r"\bfree articles? (?:left|remaining)\b|\bfor personal,? non-commercial use only\b|\border reprints?\b|"
        r"\byou must (?:log|sign) in\b|\bto continue,? please (?:log|sign) in\b", re.I)),
    ("error page", re.compile(
        r"\bpage (?:you (?:are|were|'re) looking for|you requested|requested) (?:cannot|can't|could not|was not|is not|"
        r"does not|doesn't|no longer)|\b(?:404|page|article|story) (?:error|not found)\b|"
        r"\b(?:page|article|story|content) (?:is|you requested is) no longer available\b|\bsomething went wrong\b|"
        r"\bwas unparseable\b|\baccess denied\b|\bdefault index\.html\b|\bwelcome to nginx\b|"
        r"\binternal server error\b|\bare you a robot\b|\bcomplete the captcha\b", re.I)),
    ("web-archive notice", re.compile(
        r"\b(?:internet archive|wayback machine|web ?crawls?|crawl data|warc files?)\b|archive-it\b|"
        r"\b(?:these|this|focused|daily|wide) crawls?\b|\bcrawl of\b|\bweb (?:page )?captures\b", re.I)),
    ("video-player message", re.compile(
        r"\binteractive transcript\b|\bwhen the video has been rented\b|\bthis feature is not available right now\b|"
        r"\bvideo (?:is )?(?:unavailable|not available)\b|\bmedia requires javascript\b|\bplease try again later\b|"
        r"\bautoplay\b|\bsubscribe to (?:our|the|my) (?:youtube )?channel\b", re.I)),
    ("sign-up or comment form", re.compile(
        r"\b(?:sign up|subscribe) (?:for|to) (?:our|the) (?:free )?(?:newsletter|mailing list|daily|weekly)|"
        r"\bjoin our mailing list\b|\bthank you for (?:subscribing|signing up)\b|\binvalid email\b|"
        r"\benter your e-?mail\b|\bappear next to (?:all of )?your comments\b|\bcontact details in the form\b|"
        r"\bcould not subscribe\b|\byou can only react\b|\bverification (?:e-?mail|message)\b|"
        r"\bcheck your (?:spam|junk) folder\b|\bdelivered (?:to your inbox|weekday mornings)\b", re.I)),
]
# Kinds a page is when its first sentence is one: a news report does not open with an error message, a web
# archive's description of its crawl, or a video player's notice (cookie, sign-up and paywall lines, by
# "enable JavaScript to watch this video", by contrast, often sit on top of a real report).
LEAD_KINDS = {"error page", "web-archive notice", "video-player message"}
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|ly)/\S*", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(article: Article) -> list[str]:
    if article.sentences:
        return [s.text for s in article.sentences]
    return [s for s in _SENTENCE_END.split(article.text) if s.strip()]


def classify(sentence: str) -> str | None:
    """The kind of boilerplate a sentence is (a `reason`), or None when it reads as prose."""
    for reason, pattern in _RULES:
        if pattern.search(sentence):
            return reason
    words = len(_WORD.findall(sentence))
    if words and len(_URL.findall(sentence)) * 8 >= words and len(_URL.findall(sentence)) >= 2:
        return "link list or video description"
    return None


def reason(article: Article) -> str | None:
    """Why a whole document is not news, or None when it reads as a news report.

    Args:
        article (Article): a clean article.

    Returns:
        str | None: e.g. "social-media embed boilerplate", "too short (12 words)"; None for news.
    """
    kinds: Counter[str] = Counter()
    total = prose = 0
    sentences = _sentences(article)
    lead = classify(sentences[0]) if sentences else None
    if lead in LEAD_KINDS:
        return lead
    for sentence in sentences:
        words = len(_WORD.findall(sentence))
        total += words
        kind = classify(sentence)
        if kind:
            kinds[kind] += min(words, MAX_BOILERPLATE_SENTENCE)
            prose += max(0, words - MAX_BOILERPLATE_SENTENCE)
        else:
            prose += words
    if total == 0:
        return "no text"
    boilerplate = total - prose
    if kinds and boilerplate >= BOILERPLATE_SHARE * total:
        return kinds.most_common(1)[0][0]
    if prose < MIN_WORDS:
        if kinds:
            return f"{kinds.most_common(1)[0][0]} (only {prose} words of prose)"
        return f"too short ({prose} words)"
    return None


__all__ = ["reason", "classify", "MIN_WORDS", "BOILERPLATE_SHARE"]
