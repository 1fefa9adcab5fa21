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
from .nlp import lemma

LOGGER = logging.getLogger(__name__)

# Two dated sentences of different articles with the same date and at least this cosine similarity
# (all-MiniLM-L6-v2) tell the same event: one entry with both sources.
SAME_EVENT_SIMILARITY = 0.6
# With no explicit year, "March 20" is the last one before publication, unless the next one is at most
# this many days after it ("members vote on March 20"), or the sentence speaks of the future (then within a year).
NEAR_FUTURE_DAYS = 14
# ... or, on one day, when most content words of the shorter one are in the other.
SAME_EVENT_WORDS = 0.6
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
    rf"|(?P<y>(?<![\d,.$])(?:(?:early|mid|late)[- ])?{_YEAR}"
    rf"(?![\d,]*\s*(?:%|percent|per cent|people|dollars))))\b", re.I)
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
_FUTURE_MARKERS = {"expected", "due", "scheduled", "set", "plans", "planned", "going", "poised", "slated"}
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
        year_word = re.match(r",?\s*(?:of\s+)?(this|next|last)\s+year\b", text[match.end():].lstrip(), re.I)
        if not has_year and year_word:  # "December 15 of this year": the year is told, only not as a number
            part = f"{part} {base.year + {'this': 0, 'next': 1, 'last': -1}[year_word.group(1).lower()]}"
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
    """dateparser's reading of a text: the datetime and its period (day, week, month, year)."""
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
    words: frozenset[str] = frozenset()  # lemmas of the content words of `text`
    speaker: str | None = None  # surname of who spoke then, when the date is of a saying ("X said Friday")
    founded: str | None = None  # what was set up then, when the date is of a start ("the group was set up in 2009")


def build_timeline(articles: Sequence[Article], docs: Sequence, refs: Sequence[SentenceRef],
                   embeddings: np.ndarray) -> tuple[list[TimelineEntry], dict[str, str]]:
    """Dated events of the story, oldest first, each with every article that reports it.

    Temporal expressions (spaCy DATE entities, plus weekdays, months and "three years ago" the entity
    recogniser missed) are resolved against each article's publication date, or one inferred from the
    other articles; recurrences ("each year"), spans ("two weeks"), ages, bounds ("before 2028") and bare
    datelines are left out. Sentences of several articles with the same date and close meaning are one event.

    Args:
        articles: the story's articles.
        docs: the spaCy Doc of each article's text (`newsweave.nlp.parse`).
        refs: candidate sentences, located in their articles.
        embeddings: unit vectors of `refs`, one row each.

    Returns:
        the timeline entries, and a warning per article (by id) whose publication date was inferred.
    """
    bases, warnings = story_dates(articles)
    texts = [doc.text for doc in docs]  # Doc.text joins every token anew at each access: read it once per doc
    dates = [[(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"] for doc in docs]
    dated: list[_Dated] = []
    for n, ref in enumerate(refs):
        sentence = articles[ref.article].sentences[ref.index]
        doc, text = docs[ref.article], texts[ref.article]
        seen: set[str] = set()
        expressions = _expressions(dates[ref.article], text, sentence.start, sentence.end)
        for start, end in expressions:
            expression = text[start:end]
            if _not_an_event(text, start, end, sentence.start):
                continue
            resolved = resolve_date(expression, bases[ref.article], future=_speaks_of_future(doc, start, end))
            if resolved is None or resolved.value in seen:
                continue
            if _is_publication_stamp(sentence.text, expression):
                continue
            seen.add(resolved.value)
            entry = sentence.text if len(expressions) == 1 and len(sentence.text.split()) <= MAX_ENTRY_WORDS \
                else _clause(doc, text[sentence.start:sentence.end], start, end, sentence.start)
            verb = _date_verb(doc, start, end)
            dated.append(_Dated(n, ref.article, resolved, entry, ref.index, _words(doc, text, entry, start),
                                _speaker(verb), _founded(verb)))
    return _merge(dated, articles, embeddings), warnings


def _expressions(dates: Sequence[tuple[int, int]], doc_text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the temporal expressions in a sentence: DATE entities (`dates`, the doc's character
    spans), then what the regexes add."""
    spans = [(a, b) for a, b in dates if a >= start and b <= end]
    text = doc_text[start:end]
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
    """Recurrences, spans of time, ages and bounds: no event happens on them."""
    expression = text[start:end]
    before = text[max(sentence_start, start - 20):start]
    if _NOT_AN_EVENT.search(before[-12:] + expression):
        return True
    if re.search(r"\b(?:before|until|till|through|within|throughout|during|for|over)\s*$", before, re.I) and \
            not re.search(r"\bago\b", expression, re.I):
        return True  # "before 2028", "for three years", "over the last year": a bound or a span
    stripped = re.sub(r"^the\s+(?:past|last|next|first|final|coming)\s+", "", expression.strip(), flags=re.I)
    if re.fullmatch(rf"(?:(?:nearly|about|some|almost|more than|over|at least)\s+)?(?:{_NUMBER_WORD}[\s-]+)*"
                    rf"{_UNIT}(?:[\s-]+(?:long|old))?", stripped, re.I):
        return True  # a duration or an age: "two weeks", "12-day", "the past 18 months", "three-year-old"
    return bool(re.search(rf"\b(?:each|every)\s+$", before, re.I))


def _speaks_of_future(doc, start: int, end: int) -> bool:
    """Whether the clause of an expression looks ahead: "will vote on Saturday", "are expected to begin"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    while verb is not None:
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"will", "'ll", "shall", "would"} or verb.lower_ in _FUTURE_MARKERS:
            return True
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head is verb:
            return False
        verb = verb.head  # "are expected to begin docking on Saturday"
    return False


def _is_publication_stamp(sentence: str, expression: str) -> bool:
    """A dateline or timestamp line ("January 25, 2013 / 4:26 PM") carries no event of its own."""
    words = re.findall(r"[A-Za-z]+", sentence.replace(expression, " "))
    content = [w for w in words if w.lower() not in {"am", "pm", "a", "m", "p", "updated", "gmt", "utc", "est",
                                                      "edt", "ago", "years", "year", "published", "by"}]
    return len(content) <= 2


def _clause(doc, sentence: str, start: int, end: int, sentence_start: int) -> str:
    """The clause holding a temporal expression: its verb with subject and objects, without the other
    clauses of the sentence ("a strike that began on March 2", not the whole sentence)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None) \
        if span is not None else None
    if verb is None:
        return _window(sentence, start - sentence_start, end - sentence_start)
    skip = {"advcl", "ccomp", "conj", "relcl", "parataxis", "cc", "mark", "punct"}
    tokens = {verb.i}
    for child in verb.children:
        if child.dep_ not in skip or span.start <= child.i < span.end or any(
                span.start <= t.i < span.end for t in child.subtree):
            tokens.update(t.i for t in child.subtree)
    if verb.dep_ in ("relcl", "acl") and verb.head.i < verb.i:  # "a strike that began on March 2"
        noun = verb.head
        tokens.update(range(noun.left_edge.i, verb.i))
    inside = sorted(i for i in tokens if sentence_start <= doc[i].idx < sentence_start + len(sentence))
    first, last = inside[0], inside[-1]
    while last > first and doc[last].is_punct:
        last -= 1
    text = doc[first:last + 1].text
    if len(text.split()) < 4 or len(text.split()) > MAX_ENTRY_WORDS:
        return _window(sentence, start - sentence_start, end - sentence_start)
    return text[0].upper() + text[1:]


def _words(doc, doc_text: str, text: str, near: int) -> frozenset[str]:
    """Lemmas of the nouns and verbs of an entry's text (found in the doc, whose text is `doc_text`, around `near`)."""
    begin = doc_text.rfind(text.lstrip("… ")[:40], 0, near + 1)
    if begin < 0:
        begin = max(0, near - len(text))
    span = doc.char_span(begin, min(len(doc_text), begin + len(text)), alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(lemma(token) for token in span if token.pos_ in ("NOUN", "VERB", "PROPN") and token.is_alpha
                     and not token.is_stop and token.ent_type_ not in ("DATE", "TIME", "CARDINAL"))


def _window(sentence: str, start: int, end: int) -> str:
    """The words around an expression, as written, when the sentence is too long to show whole."""
    if len(sentence.split()) <= MAX_ENTRY_WORDS:
        return sentence
    before = [m.start() for m in re.finditer(r"\S+", sentence[:start])]
    after = [m.end() for m in re.finditer(r"\S+", sentence[end:])]
    first = before[-(MAX_ENTRY_WORDS // 2)] if len(before) > MAX_ENTRY_WORDS // 2 else 0
    last = end + after[MAX_ENTRY_WORDS // 2 - 1] if len(after) > MAX_ENTRY_WORDS // 2 else len(sentence)
    return ("… " if first else "") + sentence[first:last] + (" …" if last < len(sentence) else "")


def _date_verb(doc, start: int, end: int):
    """The verb a temporal expression (character span) belongs to, if any."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return next((t for t in [span.root, *span.root.ancestors] if t.pos_ == "VERB"), None) if span is not None else None


def _speaker(verb) -> str | None:
    """The surname of the person whose saying a date is the day of ("Melia said in a statement Friday")."""
    if verb is None or lemma(verb) not in _SAYING:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    names = [t for t in subject.subtree if t.ent_type_ == "PERSON"] if subject is not None else []
    return names[-1].lower_ if names else None


_SAYING = {"say", "announce", "tell", "state"}


def _founded(verb) -> str | None:
    """The noun of what a date is the start of ("the working group was set up in 2009", "groups convened in 2009",
    "established nearly four years ago"), as a lemma."""
    if verb is None or lemma(verb) not in FOUNDING_VERBS or lemma(verb) == "set" and not any(
            c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        return None
    thing = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if thing is None and verb.dep_ in ("acl", "relcl"):
        thing = verb.head  # "20 groups convened in 2009"
        if thing.lower_ == "one":  # "one of 20 groups convened in 2009"
            thing = next((p for c in thing.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                          if p.dep_ == "pobj"), None)
    return lemma(thing) if thing is not None and thing.pos_ == "NOUN" else None


#: Verbs (lemmas) whose date is a thing's start: "the group was set up in 2009", "founded four years ago".
FOUNDING_VERBS = {"establish", "found", "create", "form", "launch", "set", "convene", "start", "inaugurate"}


def _same_words(a: _Dated, b: _Dated) -> bool:
    """Two entries on one day whose shorter text says little more than what the other says too
    ("a strike that began on March 2" / "The strike began on March 2 and left 27 ships ...")."""
    if len(a.resolved.value) != 10 or not a.words or not b.words:
        return False
    shared = a.words & b.words
    return len(shared) >= 2 and len(shared) / min(len(a.words), len(b.words)) >= SAME_EVENT_WORDS


def _same_occasion(a: _Dated, b: _Dated) -> bool:
    """One person's statement on one day, however each outlet tells what was in it; or one thing's start ("the
    working group was set up in 2009" / "20 groups convened in 2009")."""
    return len(a.resolved.value) == 10 and a.speaker is not None and a.speaker == b.speaker or \
        a.founded is not None and a.founded == b.founded


def _merge(dated: list[_Dated], articles: Sequence[Article], embeddings: np.ndarray) -> list[TimelineEntry]:
    entries: list[tuple[tuple, list[_Dated]]] = []
    by_date: dict[str, list[list[_Dated]]] = {}
    for item in dated:
        clusters = by_date.setdefault(item.resolved.value, [])
        best, best_score = None, SAME_EVENT_SIMILARITY
        for cluster in clusters:
            if any(member.article == item.article for member in cluster):
                continue
            score = max(max(float(embeddings[item.ref] @ embeddings[m.ref]), SAME_EVENT_SIMILARITY if _same_words(
                item, m) or _same_occasion(item, m) else 0.0) for m in cluster)
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
        centre = embeddings[[m.ref for m in cluster]].mean(axis=0)
        representative = max(cluster, key=lambda d: (d.text.rstrip('"\'').endswith((".", "!", "?")) and
                                                     len(d.text.split()) >= 6, float(embeddings[d.ref] @ centre)))
        sources = list(dict.fromkeys(articles[d.article].id for d in cluster))
        result.append(TimelineEntry(date=cluster[0].resolved.value, text=representative.text, sources=sources))
    return result
