"""The story's timeline: dated events from every article, normalised against each publication date."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Sequence

import numpy as np

from .align import SentenceRef
from .models import Article, TimelineEntry

LOGGER = logging.getLogger(__name__)

# Two dated sentences of different articles with the same date and at least this cosine similarity
# (all-MiniLM-L6-v2) tell the same event: one entry with both sources.
SAME_EVENT_SIMILARITY = 0.6
# With no explicit year, "March 20" is the last one before publication, unless the next one is at most
# this many days after it ("members vote on March 20"), or the sentence speaks of the future (then within a year).
NEAR_FUTURE_DAYS = 14
MAX_ENTRY_WORDS = 40

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
          r"sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NUMBER_WORD = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                r"forty|fifty|a few|several|a couple of)")
_UNIT = r"(?:day|week|month|year|decade|century|centurie|hour|minute)s?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# A date a sentence can mean on its own (no publication date needed), or relative to it.
_ABSOLUTE = re.compile(
    rf"\b(?:(?P<iso>{_YEAR}-\d\d-\d\d)|(?P<md>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?)"
    rf"|(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"
    rf"|(?P<my>{_MONTH},?\s+{_YEAR})"
    rf"|(?P<y>(?<![\d,.$])(?:(?:early|mid|late)[- ])?{_YEAR}(?![\d,]*\s*(?:%|percent|per cent|people|dollars))))\b", re.I)
_RELATIVE = re.compile(
    rf"\b(?:(?P<ago>{_NUMBER_WORD}\s+{_UNIT}\s+ago)"
    rf"|(?P<wd>(?:last|this|next)?\s*{_WEEKDAY})"
    rf"|(?P<rel>(?:last|this|next|past)\s+(?:week|month|year|{_MONTH})|yesterday|today|tonight|tomorrow)"
    rf"|(?P<mon>{_MONTH}))\b", re.I)
# Expressions that are not events on a date: recurrences, spans, ages.
_NOT_AN_EVENT = re.compile(
    rf"\b(?:each|every|per|a|an)\s+(?:{_UNIT}|{_WEEKDAY}|{_MONTH})\b|\b(?:for|over|during|within|in)\s+(?:the\s+)?"
    rf"(?:past|last|next|coming)\s+(?:\w+\s+)?{_UNIT}\b|\b(?:annual|daily|weekly|monthly|yearly)\b|"
    rf"-(?:year|month|day|week)-old\b|\b{_UNIT}\s+old\b|\baged\b", re.I)
_FUTURE_MARKERS = {"will", "'ll", "shall", "would", "expected", "due", "scheduled", "plans", "planned", "set", "to"}
_AMBIGUOUS_MONTHS = {"may", "march", "sat", "sun", "wed", "jan", "mar", "june", "jun", "august"}


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date, month or year an expression means, with its first and last day."""

    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    first: date
    last: date
    relative: bool  # needed the publication date to be placed


def story_dates(articles: Sequence[Article]) -> tuple[list[date | None], dict[str, str]]:
    """The date each article is read against: its own publication date, else one inferred from the others.

    Args:
        articles (Sequence[Article]): the story's articles.

    Returns:
        the reference date per article (None when no article of the story has one), and a warning per
        article whose date was inferred, by article id.
    """
    known = [a.published for a in articles if a.published]
    if not known:
        return [None] * len(articles), {}
    counts = Counter(known)
    top = max(counts.values())
    inferred = min(d for d, n in counts.items() if n == top)  # most common; the earliest of equally common ones
    warnings = {a.id: f"publication date unknown; inferred {inferred.isoformat()} from the other articles"
                for a in articles if not a.published}
    return [a.published or inferred for a in articles], warnings


def resolve_date(expression: str, base: date | None, *, future: bool = False) -> ResolvedDate | None:
    """The date an expression means, read against a publication date.

    Args:
        expression (str): a temporal expression ("March 2", "Jan. 25, 2013", "in 2009", "last month",
            "three years ago", "Friday"); a hedge ("nearly", "early") is ignored.
        base (date, optional): the publication date; without it only absolute expressions resolve.
        future (bool, optional): the sentence speaks of what is to come ("will vote on Saturday").

    Returns:
        ResolvedDate | None: the date with its granularity, or None when the expression names no date.
    """
    text = _clean_expression(expression)
    if not text:
        return None
    match = _ABSOLUTE.search(text)
    if match:
        part = match.group(0)
        if match.group("y"):
            year = int(re.search(_YEAR, part).group(0))
            return ResolvedDate(str(year), date(year, 1, 1), date(year, 12, 31), False)
        has_year = bool(re.search(rf"\b{_YEAR}\b", part))
        if not has_year and base is None:
            return None
        return _parse(part, base, future=future, relative=not has_year)
    match = _RELATIVE.search(text)
    if not match or base is None:
        return None
    part = match.group(0).strip()
    if match.group("wd"):
        return _weekday(part, base, future=future)
    if match.group("mon") and part.lower() in _AMBIGUOUS_MONTHS and part[0].islower():
        return None  # "may", "march" as words
    if match.group("ago"):
        part = re.sub(r"\b(?:a couple of|a few|several)\b", "3", part, flags=re.I)
    return _parse(part, base, future=future, relative=True)


def _clean_expression(expression: str) -> str:
    text = " ".join(expression.replace("’", "'").split())
    text = re.sub(r"^(?:on|in|at|by|since|from|until|till|before|after|during|of|the|nearly|almost|about|around|"
                  r"some|more than|over|at least|roughly|early|late|mid|earlier|later)\b[\s-]*", "", text, flags=re.I)
    return text.strip(" ,.;:")


@lru_cache(maxsize=4096)
def _parse(text: str, base: date | None, *, future: bool, relative: bool) -> ResolvedDate | None:
    last = re.match(rf"last\s+({_MONTH})$", text, re.I)
    if last and base is not None:  # "last January": the January of the previous year when it is January now
        parsed = _dateparser(last.group(1), base, "past")
        if parsed is None:
            return None
        when = parsed[0].date()
        if (when.year, when.month) >= (base.year, base.month):
            when = when.replace(year=when.year - 1, day=1)
        return _from_period(when, "month", True)
    parsed = _dateparser(text, base, "past")
    if parsed is None:
        return None
    when, period = parsed
    if relative and base is not None and re.search(_MONTH, text, re.I) \
            and not re.search(r"\b(?:last|next|this|ago)\b", text, re.I):
        ahead = _dateparser(text, base, "future")
        current = period != "day" and (when.year, when.month) == (base.year, base.month)
        if ahead is not None and ahead[0].date() > base and not current:
            days = (ahead[0].date() - base).days
            if (period == "day" and days <= NEAR_FUTURE_DAYS) or (future and days <= 365):
                when, period = ahead
    return _from_period(when.date(), period, relative)


def _dateparser(text: str, base: date | None, prefer: str) -> tuple[datetime, str] | None:
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True, "STRICT_PARSING": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    try:
        data = _parser(tuple(sorted(settings.items()))).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


@lru_cache(maxsize=64)
def _parser(settings: tuple):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def _from_period(day: date, period: str, relative: bool) -> ResolvedDate:
    if period == "year":
        return ResolvedDate(f"{day.year:04d}", date(day.year, 1, 1), date(day.year, 12, 31), relative)
    if period == "month":
        last = (date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1))
        return ResolvedDate(f"{day.year:04d}-{day.month:02d}", date(day.year, day.month, 1), last, relative)
    if period == "week":
        start = day - timedelta(days=day.weekday())
        return ResolvedDate(f"{start.year:04d}-{start.month:02d}", start, start + timedelta(days=6), relative) \
            if start.month == (start + timedelta(days=6)).month else \
            ResolvedDate(f"{day.year:04d}", start, start + timedelta(days=6), relative)
    return ResolvedDate(day.isoformat(), day, day, relative)


def _weekday(text: str, base: date, *, future: bool) -> ResolvedDate | None:
    name = re.search(_WEEKDAY, text, re.I).group(0).lower()
    target = WEEKDAYS.index(name)
    lowered = text.lower()
    if target == base.weekday() and not lowered.startswith(("last", "next")):
        return ResolvedDate(base.isoformat(), base, base, True)  # "on Friday" in Friday's paper: that day
    prefer = "future" if (future or lowered.startswith("next")) and not lowered.startswith("last") else "past"
    parsed = _dateparser(name, base, prefer)
    if parsed is None:
        return None
    day = parsed[0].date()
    return ResolvedDate(day.isoformat(), day, day, True)


# ── Timeline ─────────────────────────────────────────────────────────────────────────────────────


@dataclass
class _Dated:
    ref: int
    article: int
    resolved: ResolvedDate
    text: str
    start: int  # sentence order within the article, for stable ordering


def build_timeline(articles: Sequence[Article], docs: Sequence, refs: Sequence[SentenceRef],
                   embeddings: np.ndarray) -> tuple[list[TimelineEntry], dict[str, str]]:
    """Dated events of the story, oldest first, each with every article that reports it.

    Args:
        articles: the story's articles.
        docs: the spaCy Doc of each article's text (`newsweave.nlp.parse`).
        refs: candidate sentences, located in their articles.
        embeddings: unit vectors of `refs`, one row each.

    Returns:
        the timeline entries, and a warning per article (by id) whose publication date was inferred.
    """
    bases, warnings = story_dates(articles)
    dated: list[_Dated] = []
    for n, ref in enumerate(refs):
        article = articles[ref.article]
        sentence = article.sentences[ref.index]
        doc = docs[ref.article]
        seen: set[str] = set()
        for start, end in _expressions(doc, sentence.start, sentence.end):
            expression = doc.text[start:end]
            if _not_an_event(doc.text, start, end, sentence.start):
                continue
            future = _speaks_of_future(doc, start, end)
            resolved = resolve_date(expression, bases[ref.article], future=future)
            if resolved is None or resolved.value in seen:
                continue
            if _is_publication_stamp(resolved, article, sentence.text, expression):
                continue
            seen.add(resolved.value)
            dated.append(_Dated(n, ref.article, resolved, _clause(sentence.text, start - sentence.start,
                                                                     end - sentence.start), ref.index))
    return _merge(dated, articles, embeddings), warnings


def _expressions(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the temporal expressions in a sentence: DATE entities, then what the regexes add."""
    spans = [(e.start_char, e.end_char) for e in doc.ents
             if e.label_ == "DATE" and e.start_char >= start and e.end_char <= end]
    text = doc.text[start:end]
    for pattern in (_ABSOLUTE, _RELATIVE):
        for match in pattern.finditer(text):
            a, b = start + match.start(), start + match.end()
            if not any(a < y and x < b for x, y in spans):
                if pattern is _RELATIVE and match.group("mon") and not _month_as_date(text, match):
                    continue
                spans.append((a, b))
    return sorted(spans)


def _month_as_date(text: str, match: re.Match[str]) -> bool:
    word = match.group(0)
    if word[0].islower():
        return False
    before = text[:match.start()].rstrip().lower().split()[-1:] or [""]
    return before[0] in {"in", "since", "until", "by", "last", "this", "of", "from", "early", "late", "mid"}


def _not_an_event(text: str, start: int, end: int, sentence_start: int) -> bool:
    window = text[max(sentence_start, start - 30):min(len(text), end + 12)]
    expression = text[start:end]
    if _NOT_AN_EVENT.search(expression):
        return True
    if re.fullmatch(rf"(?:the\s+)?(?:{_NUMBER_WORD}|nearly|about|some|almost|more than)?[\s-]*{_NUMBER_WORD}?[\s-]*"
                    rf"{_UNIT}(?:\s+long)?", expression.strip(), re.I):
        return True  # a duration: "two weeks", "12 days"
    local = window[max(0, start - max(sentence_start, start - 30) - 12):]
    return bool(re.search(rf"\b(?:each|every)\s+{re.escape(expression)}", local, re.I))


def _speaks_of_future(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} | {verb.lower_}
    if words & {"will", "'ll", "shall", "would"}:
        return True
    head = verb.head if verb.dep_ in ("xcomp",) else None
    return head is not None and head.lower_ in {"expected", "due", "scheduled", "set", "plans", "planned", "going"}


def _is_publication_stamp(resolved: ResolvedDate, article: Article, sentence: str, expression: str) -> bool:
    """A dateline or timestamp line ("January 25, 2013 / 4:26 PM") carries no event of its own."""
    words = re.findall(r"[A-Za-z]+", sentence.replace(expression, " "))
    content = [w for w in words if w.lower() not in {"am", "pm", "a", "m", "p", "updated", "gmt", "utc", "est",
                                                      "edt", "ago", "years", "year", "published", "by"}]
    return len(content) <= 2


def _clause(sentence: str, start: int, end: int) -> str:
    """The sentence, or the clause around the expression when the sentence is long."""
    words = sentence.split()
    if len(words) <= MAX_ENTRY_WORDS:
        return sentence
    pieces = re.split(r"(?<=[;:])\s+|,\s+(?=(?:and|but|while|when|after|before|as|which|who)\b)", sentence)
    offset = 0
    for piece in pieces:
        found = sentence.find(piece, offset)
        if found <= start < found + len(piece) + 1:
            piece_words = piece.split()
            if len(piece_words) <= MAX_ENTRY_WORDS:
                return piece.strip()
            break
        offset = found + len(piece)
    # still too long: the words around the expression
    before = sentence[:start].split()[-MAX_ENTRY_WORDS // 2:]
    after = sentence[end:].split()[:MAX_ENTRY_WORDS // 2]
    return ("… " if len(sentence[:start].split()) > len(before) else "") + " ".join(
        before + [sentence[start:end]] + after) + (" …" if len(sentence[end:].split()) > len(after) else "")


def _merge(dated: list[_Dated], articles: Sequence[Article], embeddings: np.ndarray) -> list[TimelineEntry]:
    entries: list[tuple[tuple, list[_Dated]]] = []
    by_date: dict[str, list[list[_Dated]]] = {}
    for item in dated:
        clusters = by_date.setdefault(item.resolved.value, [])
        best, best_score = None, SAME_EVENT_SIMILARITY
        for cluster in clusters:
            if any(member.article == item.article for member in cluster):
                continue
            score = max(float(embeddings[item.ref] @ embeddings[m.ref]) for m in cluster)
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append([item])
        else:
            best.append(item)
    for value, clusters in by_date.items():
        for cluster in clusters:
            first = cluster[0].resolved.first
            entries.append(((first, len(value), -len(cluster), cluster[0].article, cluster[0].start), cluster))
    result = []
    for _, cluster in sorted(entries, key=lambda e: e[0]):
        representative = max(cluster, key=lambda d: (float(embeddings[d.ref] @ embeddings[[m.ref for m in cluster]]
                                                            .mean(axis=0)), -len(d.text)))
        sources = list(dict.fromkeys(articles[d.article].id for d in cluster))
        result.append(TimelineEntry(date=cluster[0].resolved.value, text=representative.text, sources=sources))
    return result
