"""Disagreements: the same fact stated by sources of different outlets with values that cannot all be true.

Values (counts, amounts, percentages, quantities, dates, weekdays, lengths of time and ages, people) are read
from the spaCy entities of each candidate sentence (plus numbers the recogniser missed) and normalised to
intervals: "more than 300" is [300, ∞), "about 20" is [18, 22], "nearly two weeks" is [11.9, 14] days,
"three years" is 2.5-3.5 years, "in 2009" is the whole year, "9%" and "9 percent" are one value.

Two values are compared only when

* their sentences state the same fact: cosine >= 0.7, or >= 0.55 inside one alignment group, or half their
  content words shared (names and values left out, since they are what differs);
* they play the same role there: the noun they count ("workers", "dockworkers"), the verb they date, the
  title a person holds, the words right around them; and nothing sets them apart: other places named next
  to them ("in Honduras" / "in Nicaragua"), other dates in their clause ("by Thursday" / "by Monday"),
  verbs of different outcomes (killed / injured), different people the clause is about, or the other
  sentence also stating the value ("13-, 12- and 11-year terms").

The only comparison across otherwise different sentences is a near miss on one event's day ("the walkout
began on March 3" / "the strike began on March 2"). Values whose intervals overlap agree; an article that
itself states both values is no rival of either. Precision comes first: when the role is unclear, nothing
is reported.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Sequence

import numpy as np

from .align import SentenceRef
from .models import Article, Disagreement, DisagreementValue
from .timeline import WEEKDAYS, resolve_date, story_dates

LOGGER = logging.getLogger(__name__)

# Sentences of different outlets this similar (all-MiniLM-L6-v2 cosine) state the same fact.
SAME_FACT_SIMILARITY = 0.7
# ... or this similar when alignment already put them in one group of sentences stating one fact.
GROUPED_SIMILARITY = 0.55
# Outside sentences stating one fact, two dates of one event (same verb and subject) this close are compared.
NEAR_MISS_DAYS = 7
# Sentences this similar, each with a single value of one kind, state that value for one fact.
ALONE_SIMILARITY = 0.7
# ... or sentences sharing this share of their content words (Dice), names and values left out.
SAME_WORDS = 0.5
SAME_WORDS_SIMILARITY = 0.5
# Values with no noun of their own ("rose to 30") are compared only in sentences this similar.
BARE_VALUE_SIMILARITY = 0.8
# Two speakers are credited with one statement only in sentences this similar (or quoting the same words).
SPEAKER_SIMILARITY = 0.85
# "about 20": ±10%, at least ±1; "nearly 20": [85%, 100%].
APPROX = 0.1
ESTIMATE = 0.15  # "an estimated 9,000": estimates are looser
CONVERSION_TOLERANCE = 0.05  # values converted between units (miles, kilometres) were rounded by the writer
NEARLY = 0.85
MAX_ABOUT_WORDS = 14
CONTEXT_WORDS = 2  # content words read on each side of a value

_VALUE_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "PERSON"}

# ── numbers ─────────────────────────────────────────────────────────────────────────────────────

_SMALL = {"zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "dozen": 12, "half": 0.5, "single": 1, "couple": 2}
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3,
           "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
# Words that make a count vague rather than a number: "dozens", "hundreds of", "thousands".
_VAGUE = {"dozens": (24, 144), "scores": (40, 200), "hundreds": (200, 1000), "thousands": (2000, 1e4),
          "tens of thousands": (2e4, 1e5), "hundreds of thousands": (2e5, 1e6), "millions": (2e6, 1e7),
          "several": (3, 9), "a few": (2, 5), "few": (2, 5), "several hundred": (200, 999),
          "several thousand": (2000, 9999), "a handful": (2, 6), "numerous": (3, math.inf), "many": (3, math.inf)}
_NUMBER_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+|[a-z]+")

# Hedges, longest first; each makes the value a range.
_HEDGES: list[tuple[str, str]] = sorted([
    ("about", "approx"), ("around", "approx"), ("some", "approx"), ("roughly", "approx"), ("approximately", "approx"),
    ("an estimated", "estimate"), ("estimated", "estimate"), ("circa", "approx"), ("or so", "approx"),
    ("close to", "nearly"), ("nearly", "nearly"), ("almost", "nearly"), ("just under", "nearly"),
    ("not quite", "nearly"), ("approaching", "nearly"), ("just shy of", "nearly"),
    ("more than", "above"), ("over", "above"), ("at least", "above"), ("upwards of", "above"), ("above", "above"),
    ("in excess of", "above"), ("just over", "above"), ("exceeding", "above"), ("no fewer than", "above"),
    ("no less than", "above"), ("as much as", "below"), ("as many as", "below"), ("up to", "below"),
    ("less than", "below"), ("fewer than", "below"), ("under", "below"), ("below", "below"), ("at most", "below"),
    ("no more than", "below"), ("as few as", "above"), ("only", "exact"), ("just", "exact"), ("exactly", "exact"),
    ("precisely", "exact"), ("a total of", "exact"), ("the", "exact"), ("a", "exact"), ("an", "exact"),
], key=lambda h: -len(h[0]))

# Units of time in days, of quantities in a base unit per dimension.
_TIME_UNITS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14,
               "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525}
_QUANTITY_UNITS = {
    "km": ("length", 1000), "kilometer": ("length", 1000), "kilometre": ("length", 1000), "mile": ("length", 1609.34),
    "meter": ("length", 1), "metre": ("length", 1), "m": ("length", 1), "foot": ("length", 0.3048),
    "feet": ("length", 0.3048), "ft": ("length", 0.3048), "yard": ("length", 0.9144), "inch": ("length", 0.0254),
    "inches": ("length", 0.0254), "cm": ("length", 0.01), "centimeter": ("length", 0.01),
    "centimetre": ("length", 0.01), "mm": ("length", 0.001), "kg": ("mass", 1), "kilogram": ("mass", 1),
    "kilo": ("mass", 1), "gram": ("mass", 0.001), "g": ("mass", 0.001), "pound": ("mass", 0.4536),
    "lb": ("mass", 0.4536), "ton": ("mass", 1000), "tonne": ("mass", 1000), "hectare": ("area", 1e4),
    "acre": ("area", 4046.86), "square mile": ("area", 2.59e6), "square kilometer": ("area", 1e6),
    "square kilometre": ("area", 1e6), "sq km": ("area", 1e6), "liter": ("volume", 1), "litre": ("volume", 1),
    "gallon": ("volume", 3.785), "barrel": ("volume", 159), "mph": ("speed", 1.609), "kph": ("speed", 1),
    "km/h": ("speed", 1), "knot": ("speed", 1.852), "degree": ("degree", 1),
}
_CURRENCIES = [("us$", "USD"), ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("dlrs", "USD"),
               ("dlr", "USD"), ("dollar", "USD"), ("pound", "GBP"), ("sterling", "GBP"), ("euro", "EUR"),
               ("yen", "JPY"), ("yuan", "CNY"), ("renminbi", "CNY"), ("rupee", "INR"), ("rouble", "RUB"),
               ("ruble", "RUB"), ("franc", "CHF"), ("mark", "DEM"), ("peso", "MXN"), ("won", "KRW"),
               ("riel", "KHR"), ("lira", "ITL"), ("rand", "ZAR")]
_DATE_BOUNDS = {"by", "before", "after", "until", "till", "through", "thru", "within", "beyond", "past"}
_FLOATING_YEAR_BASE = date(2000, 12, 31)  # any leap year's last day: every month and day falls in that year
_CURRENCY_WORDS = {"$", "us$", "dlrs", "dlr", "£", "€", "¥"}
_CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}

_TITLE_WORDS = {
    "minister", "president", "prime", "premier", "secretary", "spokesman", "spokeswoman", "spokesperson", "leader",
    "chief", "director", "chairman", "chairwoman", "chair", "head", "governor", "mayor", "ambassador", "general",
    "commander", "judge", "senator", "representative", "officer", "executive", "ceo", "king", "queen", "prince",
    "pope", "envoy", "negotiator", "coach", "captain", "manager", "founder", "owner", "ombudsman", "commissioner",
    "attorney", "prosecutor", "lawyer", "sheriff", "chancellor", "deputy", "assistant", "vice", "co-chair",
    "cochairman", "co-chairman", "correspondent", "editor", "analyst", "professor", "adviser", "advisor",
}
_SPEECH_VERBS = {"say", "tell", "add", "state", "announce", "declare", "insist", "note", "explain", "warn",
                 "claim", "write", "argue", "report", "confirm", "deny", "acknowledge", "contend"}
# Nouns news reports use for one thing (lemmas); nouns match when equal, one ends with the other
# ("dockworkers", "workers"), or they share a set here.
_SYNONYMS = [
    {"strike", "walkout", "stoppage"}, {"deal", "agreement", "accord", "pact", "settlement"},
    {"talk", "negotiation"}, {"worker", "employee", "staff", "staffer"}, {"people", "person"},
    {"death", "fatality"}, {"soldier", "troop"}, {"bombing", "blast", "explosion"},
    {"earthquake", "quake", "temblor"}, {"election", "vote", "poll", "ballot"},
    {"plane", "aircraft", "jet", "airliner"}, {"ship", "vessel"}, {"company", "firm"}, {"home", "house"},
    {"protest", "demonstration", "rally"}, {"child", "kid"}, {"car", "vehicle"}, {"official", "officer"},
    {"passenger", "traveler", "traveller"}, {"inmate", "prisoner"}, {"ballot", "vote"},
]
_SYNONYM_OF = {word: index for index, group in enumerate(_SYNONYMS) for word in group}
_GENERIC_NOUNS = {"one", "ones", "time", "times", "number", "total", "part", "share", "percent", "percentage",
                  "point", "points", "per", "cent"}


@dataclass
class Value:
    """A normalised value: its kind, interval in a base unit, and how to show it."""

    kind: str  # count, percent, money, quantity, duration, date, weekday, clock, person
    low: float
    high: float
    display: str
    unit: str = ""  # currency, dimension, or the normalised name of a person
    hedge: str = "exact"
    centre: float = 0.0
    source_unit: str = ""  # the unit as written, before conversion
    written: str = ""  # the number, year or weekday as written, for "the other sentence says it too"

    def agrees(self, other: Value) -> bool:
        """Whether both can be true at once: same person, or overlapping intervals."""
        if self.kind == "person":
            return names_match(self.display, other.display)
        if self.kind == "weekday":
            return self.low == other.low
        if self.unit != other.unit:
            return True  # different currencies or units we cannot convert: no claim either way
        slack = 1e-9 * max(1.0, abs(self.centre), abs(other.centre))
        if self.kind == "quantity" and self.source_unit != other.source_unit:
            slack = CONVERSION_TOLERANCE * max(abs(self.centre), abs(other.centre))  # 40 km is "25 miles"
        return self.low <= other.high + slack and other.low <= self.high + slack

    @property
    def key(self) -> tuple:
        """Values with the same key are one value for the reader ("some 1,200" and "1,200")."""
        if self.kind == "person":
            return ("person", self.unit)
        hedge = "exact" if self.hedge in ("exact", "approx", "estimate") else self.hedge
        return (self.kind, self.unit, round(self.centre, 6), hedge)


@dataclass
class Mention:
    """One value in one candidate sentence, with the words that give it its role."""

    ref: int
    article: int
    value: Value
    start: int
    end: int
    noun: str | None = None  # lemma of the noun the value counts, measures or modifies
    noun_text: str | None = None
    noun_names: frozenset[str] = field(default_factory=frozenset)  # proper-noun modifiers: "Central" Council
    subject_person: str | None = None  # the person the clause is about ("Xu Wenli was sentenced to ...")
    relation: str = ""  # "mod" (1,200 workers), "part" (two of its berths), or the dependency label
    verb: str | None = None  # lemma of the governing verb
    verb_text: str | None = None
    subject: str | None = None
    subject_text: str | None = None
    participants: frozenset[str] = field(default_factory=frozenset)  # lemmas of subject, object and agent
    titles: frozenset[str] = field(default_factory=frozenset)
    title_head: str | None = None
    title_names: frozenset[str] = field(default_factory=frozenset)  # "Egyptian" President, "Wyoming" Gov.
    left: tuple = ()  # content words before the value
    right: tuple = ()  # ... and after it
    places: frozenset[str] = field(default_factory=frozenset)  # places named around the value
    settings: frozenset[str] = field(default_factory=frozenset)  # unnamed ones: "on the island", "in the region"
    times: frozenset[str] = field(default_factory=frozenset)  # other dates in the value's clause
    verb_index: int = -1
    alone: bool = False  # the only value of its kind in its sentence
    title_text: str | None = None
    speaker: bool = False
    quote: str = ""  # what a speaker said, in quotation marks around the name


def parse_number(text: str) -> tuple[float, float] | None:
    """A number written in digits or words, and its precision (half its last written unit).

    Args:
        text (str): "1,200", "three", "twenty-five", "a dozen", "1.2 million", "$5bn", "half a million".

    Returns:
        tuple[float, float] | None: value and precision, or None when the text holds no number.
    """
    tokens = _NUMBER_TOKEN.findall(text.lower().replace("-", " "))
    total, current, seen, precision, decimals_scale = 0.0, 0.0, False, 0.0, None
    half_of = False
    for token in tokens:
        if token[0].isdigit() or token[0] == ".":
            if seen and current:
                break  # a second number ("2 to 3"): the first one only
            number = token.replace(",", "")
            current = float(number)
            decimals = len(number.split(".")[1]) if "." in number else 0
            decimals_scale = 10.0 ** -decimals / 2 if decimals else None
            seen = True
        elif token in _SMALL:
            if token in ("a", "an") and seen:
                continue
            if token == "half":
                half_of = True
                continue
            value = _SMALL[token]
            if token in ("a", "an", "single", "couple") and not any(t in _SCALES or t == "dozen" for t in tokens):
                if token in ("a", "an"):
                    continue
            if token == "dozen":
                current = (current or 1) * 12
            else:
                current += value
            seen = True
        elif token in _SCALES and seen or token in ("hundred", "thousand", "million", "billion", "trillion"):
            scale = _SCALES[token]
            current = current or 1
            if decimals_scale is not None and scale >= 1e3:
                precision = decimals_scale * scale
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0.0
            seen = True
        elif token in ("and", "point"):
            continue
        elif seen:
            break
    if not seen:
        return None
    value = total + current
    if half_of:
        value *= 0.5
    return value, precision


def _format_number(value: float) -> str:
    if value >= 1e6 and value % 1e4 == 0 and value % 1e6:
        return f"{value / 1e6:g} million" if value < 1e9 else f"{value / 1e9:g} billion"
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e6 == 0:
        return f"{value / 1e6:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _hedge_of(text: str) -> tuple[str, str, str]:
    """(hedge class, hedge words, rest of the text) of a value's text."""
    lowered = text.lower().strip()
    words = ""
    kind = "exact"
    changed = True
    while changed:
        changed = False
        for phrase, hedge in _HEDGES:
            if lowered.startswith(phrase + " ") or lowered.startswith(phrase + "-"):
                lowered = lowered[len(phrase) + 1:].lstrip()
                if hedge != "exact":
                    kind, words = hedge, (words + " " + phrase).strip()
                changed = True
                break
    if re.search(r"\bor so$|\s*-?plus$|\+$", lowered):
        kind = "approx" if "or so" in lowered else "above"
        words = words or ("about" if kind == "approx" else "more than")
        lowered = re.sub(r"\s*(?:or so|-?plus|\+)$", "", lowered)
    return kind, words, lowered


def _interval(value: float, precision: float, hedge: str) -> tuple[float, float]:
    """The values a hedged number allows: "about" ±10% (at least ±1), "nearly" 85-100%, "more than" up."""
    low, high = value - precision, value + precision
    if hedge in ("approx", "estimate"):
        spread = max((APPROX if hedge == "approx" else ESTIMATE) * value, 1.0, precision)
        return value - spread, value + spread
    if hedge == "nearly":
        return value * NEARLY, value
    if hedge == "above":
        return low, math.inf
    if hedge == "below":
        return 0.0, high
    return low, high


# ── reading values from entities ────────────────────────────────────────────────────────────────


def _lemma(token) -> str:
    """The token's lemma from the (otherwise disabled) rule lemmatizer, reading the token in its sentence."""
    key = (token.lower_, token.tag_)
    cached = _LEMMAS.get(key)
    if cached is None:
        cached = token.lower_
        try:
            from .nlp import load_nlp

            lemmas = load_nlp().get_pipe("lemmatizer").rule_lemmatize(token)
            if lemmas and lemmas[0].strip():
                cached = lemmas[0].lower()
        except (KeyError, ValueError, AttributeError):
            pass
        if len(_LEMMAS) < 50000:
            _LEMMAS[key] = cached
    return cached


_LEMMAS: dict[tuple[str, str], str] = {}


def _hedge_before(doc, span) -> tuple[str, str]:
    """A hedge in the few words before an entity ("more than" 300 when NER left it out)."""
    start = span.start
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = doc[start - size:start].text.lower()
        word = doc[start - 1]
        if size == 1 and (word.dep_ in ("prt", "agent", "mark") or (word.dep_ == "prep" and word.lower_ == "over"
                                                                      and word.head.pos_ in ("VERB", "AUX"))):
            continue  # "hand over 13 percent", "spread over two years": not a hedge ("fell below 50" is one)
        for phrase, hedge in _HEDGES:
            if words == phrase and hedge != "exact":
                return hedge, phrase
    return "exact", ""


def _number_value(kind: str, text: str, hedge: str, words: str, *, unit: str = "") -> Value | None:
    lowered = text.lower()
    for vague, (low, high) in sorted(_VAGUE.items(), key=lambda v: -len(v[0])):
        if re.fullmatch(rf"(?:of\s+)?{vague}(?:\s+of)?", lowered):
            return Value(kind, low, high, vague, unit=unit, hedge="vague", centre=(low + high) / 2)
    if re.search(r"\b(?:one|a)\s+(?:half|third|quarter|fifth)\b|\bthirds?\b|\bquarters?\b", lowered):
        return None  # fractions: "a third" of something, not a count
    parts = re.split(r"\s+(?:and|to|or)\s+|\s*[-–]\s*(?=\d)", re.sub(r"^between\s+", "", lowered), maxsplit=1)
    if len(parts) == 2:
        first, second = parse_number(parts[0]), parse_number(parts[1])
        if first is None or second is None:
            pass
        elif re.search(r"\band\b", lowered) and not lowered.startswith("between"):
            return None  # "13 and 11 years": two values, one for each of two things
        else:
            low, high = first[0], second[0]
            scale = re.search(r"\b(?:thousand|million|billion)\b", parts[1])
            if scale and not re.search(r"\b(?:thousand|million|billion)\b", parts[0]):
                low *= _SCALES[scale.group(0)]  # "4.5 to 5 million"
            if low < high:
                display = f"{_format_number(low)}–{_format_number(high)}"
                return Value(kind, low, high, display, unit=unit, hedge="range", centre=(low + high) / 2)
    parsed = parse_number(lowered)
    if parsed is None:
        return None
    number, precision = parsed
    low, high = _interval(number, precision, hedge)
    display = _format_number(number)
    return Value(kind, low, high, f"{words} {display}".strip(), unit=unit, hedge=hedge, centre=number,
                 written=_format_number(number))


def read_value(span, doc, base: date | None, *, base_inferred: bool = False) -> Value | None:
    """The normalised value of one spaCy entity, or None when it holds nothing comparable.

    Args:
        span: a spaCy entity (CARDINAL, QUANTITY, MONEY, PERCENT, DATE, TIME or PERSON).
        doc: the Doc holding it.
        base (date, optional): the publication date the article's dates are read against.
        base_inferred (bool, optional): `base` was inferred from other articles: words that need the exact
            day of publication ("yesterday", "Friday", "last week") are then not compared.

    Returns:
        Value | None: the value, its interval and display string.
    """
    label = span.label_
    text = " ".join(span.text.replace("’", "'").split())
    if label == "PERSON":
        name = _clean_name(text)
        if not name or len(name) < 3 or not name[0].isupper():
            return None
        return Value("person", 0, 0, name, unit=_name_key(name))
    hedge, words, rest = _hedge_of(text)
    if hedge == "exact":
        hedge, words = _hedge_before(doc, span)
    if label == "PERCENT":
        rest = re.sub(r"\s*(?:%|percent|per cent|percentage points?|pct)\b\.?", "", rest).strip()
        value = _number_value("percent", rest, hedge, words)
        if value and value.hedge != "vague":
            value.display += "%"
            return value
        return None
    if label == "MONEY":
        sign = doc[span.start - 1].lower_ if span.start > 0 and doc[span.start - 1].lower_ in _CURRENCY_WORDS else ""
        return _money(f"{sign} {rest}".strip(), hedge, words)
    if label == "QUANTITY":
        return _quantity(rest, hedge, words)
    if label == "CARDINAL" and span.start > 0 and doc[span.start - 1].lower_ in _CURRENCY_WORDS:
        return _money(doc[span.start - 1].lower_ + " " + rest, hedge, words)  # "dlrs 70 billion"
    if label == "CARDINAL":
        if re.fullmatch(r"(?:1[89]|20)\d\d", rest):
            return None  # a year tagged as a number
        return _number_value("count", rest, hedge, words)
    if label in ("DATE", "TIME"):
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _DATE_BOUNDS or re.match(r"(?:by|before|after|until|till|through)\b", text.lower()):
            return None  # "by 2000", "until 2028": a deadline or a bound, not when something happened
        return _temporal(rest, hedge, words, label, base, base_inferred)
    return None


def _money(text: str, hedge: str, words: str) -> Value | None:
    lowered = text.lower()
    currency = next((code for sign, code in _CURRENCIES
                     if (sign in lowered if not sign.isalpha() else re.search(rf"\b{sign}s?\b", lowered))), "")
    if not currency:
        return None
    cents = re.search(r"\bcents?\b", lowered) and not re.search(r"[$£€]", lowered)
    stripped = re.sub(r"us\$|[$£€¥]|\bdlrs?\b|\b(?:u\.?s\.?|american|hong kong|canadian|australian)\b", " ", lowered)
    value = _number_value("money", stripped, hedge, words, unit=currency)
    if value is None or value.hedge == "vague":
        return None
    if cents:
        value.low, value.high, value.centre = value.low / 100, value.high / 100, value.centre / 100
    sign = _CURRENCY_SIGNS.get(currency)
    amount = _format_number(value.centre) if value.hedge != "range" else value.display
    shown = f"{sign}{amount}" if sign else f"{amount} {currency}"
    value.display = f"{words} {shown}".strip()
    return value


def _quantity(text: str, hedge: str, words: str) -> Value | None:
    lowered = text.lower()
    unit_match = None
    for name in sorted(_QUANTITY_UNITS, key=len, reverse=True):
        found = re.search(rf"(?<![a-z]){re.escape(name)}(?:e?s)?\b", lowered)
        if found:
            unit_match = name
            break
    value = _number_value("quantity", lowered, hedge, words)
    if value is None or value.hedge == "vague":
        return None
    if unit_match is None:
        tail = re.sub(r"[\d.,]+|\b(?:" + "|".join(_SMALL) + r")\b", " ", lowered).split()
        if not tail:
            return None
        value.unit = tail[-1].rstrip("s")
        value.display = f"{value.display} {tail[-1]}"
        return value
    dimension, factor = _QUANTITY_UNITS[unit_match]
    shown = value.display
    value.low, value.high, value.centre = value.low * factor, value.high * factor, value.centre * factor
    value.unit = dimension
    value.source_unit = unit_match
    value.display = f"{shown} {unit_match}"
    return value


_NUMBERISH = r"(?:[\d.,]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|" \
    r"thousand|half|a half|couple of|dozen|and)"
_DURATION = re.compile(
    rf"^(?:the\s+(?:past|last|next|first|final)\s+)?(?P<num>(?:{_NUMBERISH}[\s-]*)*?)[\s-]*(?P<unit>second|minute|"
    rf"hour|day|week|fortnight|month|year|decade|century|centurie)s?(?P<tail>[\s-]+(?:old|long))?$")
_HAS_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\b(?:1[89]|20)\d\d\b|"
                       r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b")


def _temporal(rest: str, hedge: str, words: str, label: str, base: date | None, base_inferred: bool) -> Value | None:
    lowered = rest.lower().strip()
    if re.search(r"\b(?:each|every|per|a|an)\s+(?:day|week|month|year)\b|\b(?:daily|weekly|monthly|annual|yearly)\b",
                 lowered) and not re.search(r"\bago\b", lowered):
        return None
    if _HAS_DATE.search(lowered):
        age = duration = None
    else:
        age = re.fullmatch(rf"((?:{_NUMBERISH}[\s-]*)+?)[\s-]+years?[\s-]+old", lowered)
        duration = _DURATION.match(lowered)
    if (duration or age) and not re.search(r"\bago\b", lowered):
        if age:
            number, unit, is_age = age.group(1), "year", True
        else:
            tail = duration.group("tail") or ""
            number, unit, is_age = duration.group("num"), duration.group("unit"), "old" in tail
        number = number.strip() or "one"
        if re.search(r"\d\S*\s+(?:and|or|to)\s+|\b(?:and|or|to)\s+\d", number):
            return None  # "13 and 11 years", "two to three weeks": several spans
        parsed = parse_number(number)
        if parsed is None:
            return None
        count = parsed[0]
        days = _TIME_UNITS["century" if unit.startswith("centur") else unit]
        if is_age:
            low, high = count, count + 0.99  # a three-year-old is three until the day it turns four
            if hedge != "exact":
                low, high = _interval(count, 0.49, hedge)
        else:
            spread = 0.49 if unit not in ("second", "minute", "hour", "day") else 0.0
            low, high = _interval(count, spread, hedge)
        shown = f"{_format_number(count)} {unit}{'s' if count != 1 else ''}" + (" old" if is_age else "")
        return Value("duration", low * days, high * days, f"{words} {shown}".strip(), hedge=hedge, centre=count * days,
                     written=_format_number(count))
    if label == "TIME":
        clock = re.fullmatch(r"(\d{1,2})(?::(\d\d))?\s*([ap])\.?m\.?", lowered)
        if clock:
            hour = int(clock.group(1)) % 12 + (12 if clock.group(3) == "p" else 0)
            minutes = hour * 60 + int(clock.group(2) or 0)
            low, high = (minutes - 30, minutes + 30) if hedge != "exact" else (minutes, minutes)
            if hedge in ("above",):
                low, high = minutes, 24 * 60
            return Value("clock", low, high, f"{words} {rest}".strip(), hedge=hedge, centre=minutes)
        return None
    weekday = re.fullmatch(r"(?:on\s+)?(?:last\s+|this\s+|next\s+|early\s+|late\s+)?(" + "|".join(WEEKDAYS) +
                           r")(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?", lowered)
    if weekday:
        index = WEEKDAYS.index(weekday.group(1))
        return Value("weekday", index, index, weekday.group(1).capitalize(), centre=index, written=weekday.group(1))
    named_month = _HAS_DATE.search(lowered) is not None
    if base_inferred and not named_month:
        return None  # "yesterday", "last week" against a guessed publication day
    resolved = resolve_date(rest, base)
    if resolved is None and base is None and re.search(r"\d", lowered) and named_month:
        # no publication date in the story: "Sept. 24" is compared by month and day, in no particular year
        resolved = resolve_date(rest, _FLOATING_YEAR_BASE)
        if resolved is None or len(resolved.value) != 10:
            return None
        low, high = float(resolved.first.toordinal()), float(resolved.last.toordinal())
        display = resolved.first.strftime("%B ") + str(resolved.first.day)
        return Value("date", low, high, f"{words} {display}".strip() if hedge != "exact" else display,
                     unit="floating", hedge=hedge, centre=low)
    if resolved is None:
        return None
    low, high = float(resolved.first.toordinal()), float(resolved.last.toordinal())
    if re.search(r"\bago\b", lowered) and hedge == "nearly":
        # nearly four years ago: a little after the date four years back
        low, high = low, high + 0.2 * (base.toordinal() - low if base else 0)
    elif hedge == "above" and re.search(r"\bago\b", lowered):
        low = -math.inf
    elif hedge in ("above", "below", "nearly", "approx") and not re.search(r"\bago\b", lowered):
        return None  # "before 2028", "by March": a bound, not the date itself
    display = f"{words} {resolved.value}".strip() if hedge != "exact" else resolved.value
    if re.search(r"\bago\b", lowered):
        display = f"{words} {lowered} (~{resolved.value})".strip()
    return Value("date", low, high, display, hedge=hedge, centre=(low + high) / 2 if math.isfinite(low) else high,
                 written=str(resolved.first.year) if len(resolved.value) == 4 else "")


# ── people ──────────────────────────────────────────────────────────────────────────────────────

_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|gen|lt|col|capt|sen|rep|gov|rev|president|"
                         r"minister|king|queen|prince|princess|pope)\.?\s+", re.I)


def _clean_name(text: str) -> str:
    name = re.sub(r"'s$", "", text.strip())
    while _HONORIFICS.match(name):
        name = _HONORIFICS.sub("", name)
    return name.strip(" ,.")


def _name_key(name: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 1)


def names_match(a: str, b: str) -> bool:
    """Whether two names can be one person: the same family name, allowing spelling variants (Yusuf and
    Yousef Okafor, Dmitri and Dmitry Peskov), or one name given alone that is part of the other ("Varga",
    "Xu"). A shared first name is not enough (Igor Ivanov, Igor Sergeyev)."""
    parts_a = [w for w in re.findall(r"[a-z]+", a.lower()) if len(w) > 1]
    parts_b = [w for w in re.findall(r"[a-z]+", b.lower()) if len(w) > 1]
    if not parts_a or not parts_b:
        return True
    if len(parts_a) == 1 or len(parts_b) == 1:
        single, other = (parts_a, parts_b) if len(parts_a) == 1 else (parts_b, parts_a)
        return any(_same_name_part(single[0], part) for part in other)
    return _same_name_part(parts_a[-1], parts_b[-1]) or (
        _same_name_part(parts_a[0], parts_b[0]) and _same_name_part(parts_a[-1], parts_b[-1]))


def _same_name_part(x: str, y: str) -> bool:
    import jellyfish

    return x == y or (min(len(x), len(y)) >= 4 and jellyfish.jaro_winkler_similarity(x, y) >= 0.88)


# ── roles ───────────────────────────────────────────────────────────────────────────────────────


def _role(mention: Mention, span, doc, sentence_start: int, sentence_end: int) -> None:
    """Fill the mention's noun, predicate, subject, context words and titles from the dependency parse."""
    root = span.root
    in_sentence = lambda t: sentence_start <= t.idx < sentence_end  # noqa: E731
    mention.left, mention.right = _context(doc, span, sentence_start, sentence_end)
    mention.places, mention.settings = _places(doc, span, sentence_start, sentence_end)
    noun = None
    if mention.value.kind == "person":
        _person_role(mention, span, doc, sentence_start, sentence_end)
    else:
        noun, mention.relation = _counted_noun(span, doc, in_sentence)
    if noun is not None:
        mention.noun = _lemma(noun)
        modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i
                     and not (span.start <= c.i < span.end) and c.pos_ != "NUM" and c.ent_type_ not in _VALUE_LABELS]
        mention.noun_text = " ".join([m.text for m in modifiers] + [noun.text])
        mention.noun_names = frozenset(m.lower_ for m in modifiers if m.pos_ == "PROPN")
    verb = next((t for t in [root, *root.ancestors] if t.pos_ in ("VERB", "AUX") and in_sentence(t)), None)
    if verb is None:
        return
    mention.verb = _lemma(verb)
    mention.verb_index = verb.i
    if mention.verb == "be":  # "16 percent of children are malnourished": the complement is the predicate
        complement = next((c for c in verb.children if c.dep_ in ("acomp", "attr") and not
                           (span.start <= c.i < span.end)), None)
        mention.verb = _lemma(complement) if complement is not None else "be"
    auxiliaries = [c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    mention.verb_text = " ".join(auxiliaries + [verb.text])
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (subject is None or subject.lower_ in ("that", "which", "who")) and verb.dep_ in ("relcl", "acl") \
            and verb.head.pos_ in ("NOUN", "PROPN"):
        subject = verb.head
    actors = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + [
        p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subject is not None:
        actors.append(subject)
    mention.participants = frozenset(_lemma(t) for t in actors if t.pos_ in ("NOUN", "PROPN")
                                     and not span.start <= t.i < span.end)
    if subject is not None and not (span.start <= subject.i < span.end):
        person = next((e.text for e in doc.ents if e.label_ == "PERSON" and (e.start <= subject.i < e.end or any(
            c.dep_ == "appos" and e.start <= c.i < e.end for c in subject.children))), None)
        mention.subject_person = _clean_name(person) if person else None
    if subject is not None and subject.pos_ in ("NOUN", "PROPN") and not (span.start <= subject.i < span.end):
        mention.subject = _lemma(subject)
        modifiers = [c.text for c in subject.children if c.dep_ in ("compound", "amod") and c.i < subject.i]
        mention.subject_text = " ".join(modifiers + [subject.text])


_LOCATIVE = {"in", "on", "at", "near", "throughout", "across", "inside", "outside", "around"}
# Place nouns that, against a named place, tell another place ("on that small island" / "in Mexico").
_SETTINGS = {"island", "region", "area", "country", "province", "state", "city", "town", "village", "capital",
             "coast", "north", "south", "east", "west", "district", "county", "valley", "border", "world"}


def _places(doc, span, sentence_start: int, sentence_end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Where a value holds: the places named in locative phrases on its noun or verb ("6,076 people in
    Honduras"), or as the subject of its verb ("Mexico reported one death"); and the unnamed settings of
    such phrases ("on that small island")."""
    found, settings = set(), set()
    root = span.root
    anchors = [root, root.head] + [t for t in root.ancestors if t.pos_ in ("VERB", "AUX")][:1]
    verb = anchors[-1] if anchors[-1].pos_ in ("VERB", "AUX") else None
    if verb is not None:  # "Mexico reported one death": the place is the subject
        for subject in verb.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.ent_type_ in ("GPE", "LOC") and \
                    sentence_start <= subject.idx < sentence_end:
                found.add(next((e.text.lower().removeprefix("the ") for e in doc.ents
                                if e.start <= subject.i < e.end), subject.lower_))
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE and sentence_start <= prep.idx < sentence_end:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if pobj.ent_type_ in ("GPE", "LOC", "FAC") or (pobj.pos_ == "PROPN" and not pobj.ent_type_):
                        found.add(pobj.lower_ if not pobj.ent_type_ else
                                  next((e.text.lower().removeprefix("the ") for e in doc.ents
                                        if e.start <= pobj.i < e.end), pobj.lower_))
                    elif pobj.pos_ == "NOUN" and not pobj.ent_type_ and pobj.lower_ in _SETTINGS:
                        named = [t for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for t in c.children if t.dep_ == "pobj" and t.pos_ == "PROPN"]
                        if named:  # "in the village of Larkhill"
                            found.update(t.lower_ for t in named)
                        else:
                            settings.add(pobj.lower_)
    return frozenset(found), frozenset(settings)


def _counted_noun(span, doc, in_sentence) -> tuple[object | None, str]:
    """The noun a value counts or modifies, and how: "mod" (1,200 workers), "part" (two of its berths),
    "of" (a strike of two weeks), "hyphen" (a two-party opposition: the noun is the outer one)."""
    root = span.root
    head = root.head
    of_child = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun, relation = None, root.dep_
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "poss") and head is not root \
            and head.pos_ in ("NOUN", "PROPN") and in_sentence(head) and head.i > root.i:
        noun, relation = head, "mod"
        hyphenated = span.end < len(doc) and doc[span.end - 1].i + 1 < len(doc) and (
            "-" in span.text or doc[span.end].text == "-")
        if hyphenated and head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.i > head.i:
            noun, relation = head.head, "hyphen"
    elif of_child is not None:
        pobj = next((c for c in of_child.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
            noun, relation = pobj, "part"
    elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and in_sentence(head.head):
        noun, relation = head.head, "of"  # "a strike of nearly two weeks"
    if noun is not None and (noun.lower_ in _GENERIC_NOUNS or noun.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY")):
        return None, root.dep_
    return noun, relation


def _context(doc, span, sentence_start: int, sentence_end: int, size: int = CONTEXT_WORDS) -> tuple[tuple, tuple]:
    """Lemmas of the content words just before and just after a value, within its clause."""
    def words(indices) -> tuple:
        found = []
        for i in indices:
            token = doc[i]
            if not sentence_start <= token.idx < sentence_end or token.is_punct or token.text == "_" or \
                    token.lower_ in ("but", "while", "which", "who", "whom", "whose", "that", "when", "where"):
                break
            if token.is_alpha and not token.is_stop and not (token.ent_type_ and token.ent_iob_ != "O"
                                                             and token.ent_type_ in _VALUE_LABELS):
                found.append(_lemma(token))
                if len(found) == size:
                    break
        return tuple(found)

    return words(range(span.start - 1, max(-1, span.start - 12), -1)), words(range(span.end, min(len(doc),
                                                                                              span.end + 12)))


def _person_role(mention: Mention, span, doc, sentence_start: int, sentence_end: int) -> None:
    """The role a name holds: a title before it ("Transport Minister X"), a noun in apposition ("X, a
    resident of ...", "Britain's home secretary, X"), the thing it owns ("X's party"), or what it said."""
    in_sentence = lambda t: sentence_start <= t.idx < sentence_end  # noqa: E731
    before: list = []
    i = span.start - 1
    while i >= 0 and in_sentence(doc[i]) and (doc[i].pos_ in ("NOUN", "PROPN", "ADJ") or doc[i].lower_ in ("-",)) \
            and doc[i].ent_type_ in ("", "NORP", "ORG", "GPE"):
        before.insert(0, doc[i])
        i -= 1
    root = span.root
    appositive = next((c for c in root.children if c.dep_ == "appos" and in_sentence(c) and c.pos_ == "NOUN"), None)
    if appositive is None and root.dep_ == "appos" and root.head.pos_ == "NOUN" and in_sentence(root.head):
        appositive = root.head
    title_words = [t for t in before if t.lower_ in _TITLE_WORDS or _lemma(t) in _TITLE_WORDS or
                   (t.pos_ == "NOUN" and not t.ent_type_ and t.is_lower)]  # "former Chilean dictator X"
    words = {_lemma(t) for t in before if (t.pos_ in ("NOUN", "ADJ") and not t.ent_type_) or t in title_words} \
        if title_words else set()  # "Defense Minister" is not "Foreign Minister"
    head = None
    if appositive is not None:
        head = _lemma(appositive)
        words |= {head} | {_lemma(c) for c in appositive.children if c.dep_ in ("compound", "amod")}
        mention.title_text = " ".join([c.text for c in appositive.children if c.dep_ in ("compound", "amod")
                                       and c.i < appositive.i] + [appositive.text])
    elif title_words:
        head = _lemma(title_words[-1])
        mention.title_text = " ".join(t.text for t in before if t.pos_ in ("NOUN", "PROPN", "ADJ"))[:60] or None
    mention.titles = frozenset(words)
    mention.title_head = head
    owners = [t for t in before if t.ent_type_ in ("NORP", "GPE", "ORG")]
    if appositive is not None:  # "Bill Gates, Microsoft's chairman"
        owners += [t for c in appositive.children if c.dep_ in ("poss", "compound", "amod")
                   for t in c.subtree if t.ent_type_ in ("NORP", "GPE", "ORG")]
    mention.title_names = frozenset(t.lower_ for t in owners if t.is_alpha)
    verb = root.head if root.dep_ in ("nsubj", "nsubjpass") else None
    if verb is not None and _lemma(verb) in _SPEECH_VERBS:
        mention.speaker = True
        quoted = re.findall(r'"([^"]{12,})"', doc.text[sentence_start:sentence_end])
        mention.quote = " ".join(quoted)[:400]
    if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") and in_sentence(root.head):
        mention.noun, mention.noun_text, mention.relation = _lemma(root.head), root.head.text, "poss"


# ── the detector ────────────────────────────────────────────────────────────────────────────────


def extract_mentions(articles: Sequence[Article], refs: Sequence[SentenceRef], docs: Sequence,
                     bases: Sequence[date | None] | None = None) -> list[Mention]:
    """Every comparable value in the candidate sentences, with its role.

    Args:
        articles: the story's articles.
        refs: candidate sentences, located in their articles.
        docs: the spaCy Doc of each article's text.
        bases: the date each article's dates are read against (`timeline.story_dates`).

    Returns:
        list[Mention]: the values, in sentence order.
    """
    if bases is None:
        bases = story_dates(articles)[0]
    inferred = [a.published is None for a in articles]
    mentions: list[Mention] = []
    by_article: dict[int, list] = defaultdict(list)
    for article_index in {r.article for r in refs}:
        doc = docs[article_index]
        by_article[article_index] = sorted([e for e in doc.ents if e.label_ in _VALUE_LABELS] + _untagged_numbers(doc),
                                           key=lambda e: e.start)
    for n, ref in enumerate(refs):
        sentence = articles[ref.article].sentences[ref.index]
        doc = docs[ref.article]
        for span in by_article[ref.article]:
            if span.start_char < sentence.start or span.end_char > sentence.end:
                continue
            if _is_identifier(span, doc) or _is_conversion(span, doc):
                continue
            try:
                value = read_value(span, doc, bases[ref.article], base_inferred=inferred[ref.article])
            except (ValueError, OverflowError, TypeError) as exc:  # an odd number or date: skip it
                LOGGER.debug("unreadable value %r: %s", span.text, exc)
                continue
            if value is None:
                continue
            mention = Mention(n, ref.article, value, span.start_char, span.end_char)
            _role(mention, span, doc, sentence.start, sentence.end)
            mentions.append(mention)
    by_ref: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_ref[mention.ref].append(mention)
    for members in by_ref.values():
        kinds = Counter((m.value.kind, m.value.unit if m.value.kind in ("money", "quantity") else "") for m in members)
        for mention in members:
            mention.alone = kinds[(mention.value.kind, mention.value.unit if mention.value.kind in ("money", "quantity")
                                   else "")] == 1
            mention.times = frozenset(m.value.display for m in members if m is not mention and m.value.kind in
                                      ("date", "weekday") and m.verb_index == mention.verb_index >= 0)
            if mention.value.kind not in ("date", "weekday") and mention.verb_index >= 0:
                doc = docs[mention.article]
                mention.times |= frozenset(_time_words(e.text) for e in doc.ents if e.label_ in ("DATE", "TIME")
                                           and _governing_verb(e) == mention.verb_index)
                mention.times -= {""}
    return mentions


_TIME_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "decade",
               "decades", "minute", "minutes"}


def _governing_verb(span) -> int:
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    return verb.i if verb is not None else -1


def _time_words(text: str) -> str:
    """A clause's point in time, as a word to compare: "by early Thursday" → "thursday"."""
    found = re.search("|".join(WEEKDAYS) + r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d+|"
                      r"(?:1[89]|20)\d\ds?", text.lower())
    return found.group(0) if found else ""


def _untagged_numbers(doc) -> list:
    """Numbers the entity recogniser missed ("from dlrs 176 billion", "eight times"), as entity-like spans."""
    from spacy.tokens import Span

    spans = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.ent_iob_ != "O" or not token.like_num or token.lower_ in ("one", "a", "an"):
            i += 1
            continue
        start, end = i, i + 1
        while end < len(doc) and doc[end].ent_iob_ == "O" and (doc[end].lower_ in _SCALES or doc[end].like_num) \
                and doc[end].lower_ not in ("and",):
            end += 1
        label = "CARDINAL"
        if start > 0 and doc[start - 1].lower_ in _CURRENCY_WORDS and doc[start - 1].ent_iob_ == "O":
            start, label = start - 1, "MONEY"
        elif end < len(doc) and doc[end].lower_ in ("%", "percent") and doc[end].ent_iob_ == "O":
            end, label = end + 1, "PERCENT"
        elif end < len(doc) and doc[end].lower_ in _TIME_WORDS and doc[end].ent_iob_ == "O":
            end, label = end + 1, "DATE"
        spans.append(Span(doc, start, end, label=label))
        i = end
    return spans


def _is_conversion(span, doc) -> bool:
    """A value in brackets right after another one: "120 mph (193 kph)" states one thing twice."""
    if span.start < 2 or doc[span.start - 1].text != "(":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ in _VALUE_LABELS or before.like_num or before.lower_ in _QUANTITY_UNITS


def _is_identifier(span, doc) -> bool:
    """Numbers that name rather than count: "Berth 3", "No. 5", "Flight 370", a score "3-1", a phone number."""
    if span.label_ not in ("CARDINAL", "QUANTITY"):
        return False
    root = span.root
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _CURRENCY_WORDS:
        return False  # "dlrs 70 billion"
    if before is not None and (before.text[:1].isupper() and before.pos_ in ("PROPN", "NOUN") and
                               root.head.i == before.i or before.lower_ in ("no.", "no", "number", "#", "route")):
        return True
    if root.dep_ == "appos" or (root.head.i < root.i and root.head.pos_ == "PROPN" and root.dep_ in ("nummod",
                                                                                                  "compound")):
        return True
    return bool(re.fullmatch(r"\d+[-:]\d+", span.text))


def _stem_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if a in _SYNONYM_OF and _SYNONYM_OF[a] == _SYNONYM_OF.get(b):
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and longer.endswith(shorter)


_WEAK_VERBS = {"be", "have", "do", "make", "get", "give", "take", "include", "add", "come", "go", "put", "see",
               "place", "hold", "keep"}
_SAY = {"say", "tell", "announce", "report", "state", "add", "confirm"}
_OUTCOMES = [{"kill", "die", "dead", "death", "perish", "claim"}, {"injure", "wound", "hurt", "injured", "wounded"},
             {"arrest", "detain", "hold", "jail", "imprison"}, {"release", "free"}, {"miss", "missing"},
             {"evacuate", "flee", "displace", "homeless", "leave"}, {"rescue", "save"}, {"survive"},
             {"raise", "increase", "rise", "grow", "climb"}, {"cut", "reduce", "fall", "drop", "decline", "lose"},
             {"win", "gain"}, {"vote", "elect"}, {"sentence", "convict"}, {"charge", "indict"}]
_OUTCOME_OF = {word: index for index, group in enumerate(_OUTCOMES) for word in group}


def _context_overlap(a: Mention, b: Mention) -> int:
    """Content words shared on the same side of two values, not counting the noun they count (which is
    compared on its own): "wounding 21" / "wounding 24 people" share one."""
    noun_words = {w for m in (a, b) for w in ([m.noun] + (m.noun_text or "").lower().split()) if w}
    return len((set(a.left) & set(b.left)) - noun_words) + len((set(a.right) & set(b.right)) - noun_words)


def _predicates(a: Mention, b: Mention) -> str:
    """"match", "differ" (both have a telling verb, and they differ), "contrast" (verbs of outcomes news
    reports count apart: killed / injured / arrested / missing ...) or "unknown"."""
    if not a.verb or not b.verb or a.verb in _WEAK_VERBS or b.verb in _WEAK_VERBS:
        return "unknown"
    if _stem_match(a.verb, b.verb) or (a.verb in _SAY and b.verb in _SAY):
        return "match"
    outcome_a, outcome_b = _OUTCOME_OF.get(a.verb), _OUTCOME_OF.get(b.verb)
    if outcome_a is not None and outcome_b is not None:
        return "match" if outcome_a == outcome_b else "contrast"
    return "differ"


_HUMAN_NOUNS = {"people", "person", "man", "woman", "child", "resident", "civilian", "member", "citizen"}


def _same_role(a: Mention, b: Mention, sentence_similarity: float, same_fact: bool) -> float:
    """How surely two values play one role in their sentences (0 = they do not).

    Sentences must state the same fact (`same_fact`); then the value's own words must agree: the noun it
    counts, the verb it dates, the title a person holds, or the words right around it; and nothing may
    set the two apart (different places named next to them, other dates in their clauses, verbs of
    different outcomes such as killed and injured). Outside such sentences only a near miss on one
    event's date counts ("the walkout began on March 3" against "the strike began on March 2").
    """
    kind = a.value.kind
    if kind != b.value.kind or a.value.unit != b.value.unit and kind in ("money", "quantity", "date"):
        return 0.0
    if not same_fact:
        return _near_miss_date(a, b)
    if a.places and b.places and not _overlapping_names(a.places, b.places):
        return 0.0  # "in Honduras" / "in Nicaragua": two facts
    if (a.places and b.settings and not b.places) or (b.places and a.settings and not a.places) or (
            a.settings and b.settings and not a.settings & b.settings and not (a.places or b.places)):
        return 0.0  # "in southern Mexico" / "on that small island" / "in the region"
    if a.times and b.times and not _times_overlap(a.times, b.times):
        return 0.0  # "by Thursday" / "by Monday": one figure at two moments
    if kind != "person" and a.subject_person and b.subject_person and not names_match(a.subject_person,
                                                                                        b.subject_person):
        return 0.0  # "Wang was sentenced to 11 years" / "Xu was sentenced to 13 years"
    if a.noun_names and b.noun_names and a.noun_names - b.noun_names and b.noun_names - a.noun_names:
        return 0.0  # "the 124-member Central Council" / "the 600-member National Council"
    context = _context_overlap(a, b)
    predicates = _predicates(a, b)
    both_alone = a.alone and b.alone and sentence_similarity >= ALONE_SIMILARITY
    if predicates == "contrast" or (predicates == "differ" and context < 2 and (
            not both_alone or kind in ("date", "weekday", "clock"))):
        return 0.0  # "died Monday" / "was mourned Friday": two events
    subjects_differ = _participants_differ(a, b)
    bonus = (predicates == "match") + 0.1 * context
    if kind in ("count", "quantity", "money", "percent", "duration"):
        if a.noun and b.noun:
            if not _stem_match(a.noun, b.noun):
                return 0.0
            if a.relation != b.relation and {"part", "hyphen"} & {a.relation, b.relation}:
                return 0.0
            if a.noun in _HUMAN_NOUNS and predicates != "match" and context < 2 and not both_alone:
                return 0.0  # "people" alone says little: 14 people died there, 6 elsewhere
            return 2.0 + bonus
        if (a.noun and not b.noun and a.noun in b.right) or (b.noun and not a.noun and b.noun in a.right):
            return 2.0 + bonus  # "a dozen fishing boats": the noun the parse did not attach
        if context >= 2 or both_alone and not (a.noun or b.noun):
            return 1.0 + bonus
        if predicates == "match" and a.relation == b.relation and not (a.noun or b.noun) and \
                sentence_similarity >= BARE_VALUE_SIMILARITY:
            return 1.0 + bonus
        return 0.0
    if kind == "date":
        if a.noun and b.noun and a.relation == b.relation == "mod" and _stem_match(a.noun, b.noun):
            return 2.0 + bonus  # "the March 2 strike"
        if predicates == "match" and a.verb not in _SAY and (not subjects_differ or context >= 2):
            return 1.5 + bonus
        if (context >= 2 or both_alone) and not subjects_differ:
            return 1.0 + bonus
        return 0.0
    if kind in ("weekday", "clock"):
        if subjects_differ and context < 2:
            return 0.0
        if a.verb in _SAY or b.verb in _SAY:  # "said on Friday": the same speaker making the same statement
            same_speaker = a.subject and b.subject and not subjects_differ
            return 1.0 + bonus if same_speaker and predicates == "match" and \
                sentence_similarity >= SAME_FACT_SIMILARITY else 0.0
        if predicates == "match" or context >= 2 or both_alone:
            return 1.0 + bonus
        return 0.0
    if kind == "person":
        if a.title_names and b.title_names and not a.title_names & b.title_names:
            return 0.0  # "Egyptian President X" / "Syrian President Y"
        if a.title_head and a.title_head == b.title_head and a.titles == b.titles:
            return 2.0 + bonus
        if a.noun and a.relation == b.relation == "poss" and _stem_match(a.noun, b.noun):
            return 1.5 + bonus  # "Hun Sen's party won ..."
        if a.speaker and b.speaker and (sentence_similarity >= SPEAKER_SIMILARITY or _same_words(a.quote, b.quote)):
            return 1.5 + bonus  # one statement, two speakers
        return 0.0
    return 0.0


def _same_words(a: str, b: str, least: float = 0.8) -> bool:
    words_a, words_b = set(re.findall(r"[a-z']+", a.lower())), set(re.findall(r"[a-z']+", b.lower()))
    return len(words_a) >= 4 and len(words_b) >= 4 and len(words_a & words_b) / len(words_a | words_b) >= least


def _participants_differ(a: Mention, b: Mention) -> bool:
    """Whether two clauses are about different actors or things. Passive and active voice, and a verb
    against its noun, are the same event: "Pinochet was placed under arrest by police" / "police arrested
    Pinochet"; "Xu was arrested Monday" / "the arrests of Xu ... Thursday"."""
    if not a.participants or not b.participants:
        return False
    if any(_stem_match(x, y) for x in a.participants for y in b.participants):
        return False
    return not (a.verb in b.participants or b.verb in a.participants)


def _times_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two clauses' points in time can be one ("since 1974" and "in the 1970s" can)."""
    def span(text: str) -> tuple[str, int, int]:
        decade = re.fullmatch(r"(1[89]\d|20\d)0s", text)
        if decade:
            return "year", int(decade.group(1)) * 10, int(decade.group(1)) * 10 + 9
        if re.fullmatch(r"(?:1[89]|20)\d\d", text):
            return "year", int(text), int(text)
        return text, 0, 0

    for x in a:
        for y in b:
            kx, lx, hx = span(x)
            ky, ly, hy = span(y)
            if kx == ky and lx <= hy and ly <= hx:
                return True
    return False


def _overlapping_names(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x == y or x in y or y in x for x in a for y in b)


def _near_miss_date(a: Mention, b: Mention) -> float:
    """One event's day, told with different words: same verb, same (or synonymous) subject, days apart."""
    if a.value.kind != "date" or a.value.hedge != "exact" or b.value.hedge != "exact":
        return 0.0
    if a.value.low != a.value.high or b.value.low != b.value.high or abs(a.value.low - b.value.low) > NEAR_MISS_DAYS:
        return 0.0
    if _predicates(a, b) == "match" and a.verb not in _SAY and _stem_match(a.subject, b.subject):
        return 1.0
    return 0.0


def find_disagreements(articles: Sequence[Article], refs: Sequence[SentenceRef], embeddings: np.ndarray,
                       keys: Sequence[str], docs: Sequence, *,
                       groups: Sequence[Sequence[int]] | None = None) -> list[Disagreement]:
    """Facts that sources of different outlets state with different values.

    Args:
        articles: the story's articles.
        refs: candidate sentences, located in their articles.
        embeddings: unit vectors of `refs`, one row each.
        keys: outlet key per article (`align.outlet_keys`): copies of one text never disagree.
        docs: the spaCy Doc of each article's text (`newsweave.nlp.parse`).
        groups (optional): sentence groups from `align.cluster_sentences`; computed when not given.

    Returns:
        list[Disagreement]: each fact with its values, the wording and the sources of each; the facts most
        sources speak of first.
    """
    if len(refs) == 0 or len({*keys}) < 2:
        return []
    if groups is None:
        from .align import cluster_sentences

        groups = cluster_sentences(embeddings, [r.article for r in refs])
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    mentions = extract_mentions(articles, refs, docs)
    if not mentions:
        return []
    similarity = embeddings @ embeddings.T
    words = {m.ref: _content_words(articles, refs[m.ref], docs) for m in mentions}
    written = {m.ref: _written_values(articles, refs[m.ref], docs) for m in mentions}
    by_ref: dict[int, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        by_ref[mention.ref].append(index)
    edges: list[tuple[int, int, bool]] = []
    ref_ids = sorted(by_ref)
    for x, ref_a in enumerate(ref_ids):
        for ref_b in ref_ids[x + 1:]:
            article_a, article_b = refs[ref_a].article, refs[ref_b].article
            if keys[article_a] == keys[article_b]:
                continue
            sentence_sim = float(similarity[ref_a, ref_b])
            same_fact = sentence_sim >= SAME_FACT_SIMILARITY or (
                group_of.get(ref_a) == group_of.get(ref_b) and sentence_sim >= GROUPED_SIMILARITY) or (
                _dice(words[ref_a], words[ref_b]) >= SAME_WORDS and sentence_sim >= SAME_WORDS_SIMILARITY)
            candidates = []
            for i in by_ref[ref_a]:
                for j in by_ref[ref_b]:
                    score = _same_role(mentions[i], mentions[j], sentence_sim, same_fact)
                    if score <= 0:
                        continue
                    agrees = mentions[i].value.agrees(mentions[j].value)
                    if not agrees and (mentions[i].value.written in written[ref_b] or
                                       mentions[j].value.written in written[ref_a]):
                        continue  # the other sentence states this value too ("13-, 12- and 11-year terms")
                    if not agrees and mentions[i].value.kind == "person" and (
                            _named_in(mentions[i], mentions, by_ref[ref_b]) or _named_in(mentions[j], mentions,
                                                                                         by_ref[ref_a])):
                        continue  # both people are in both sentences: two people, not two names for one
                    candidates.append((agrees, score + sentence_sim, i, j))
            used: set[int] = set()
            # agreeing pairs first: a value that matches its counterpart is explained, not a rival
            for agrees, _, i, j in sorted(candidates, key=lambda c: (not c[0], -c[1])):
                if i in used or j in used:
                    continue
                used.update((i, j))
                edges.append((i, j, agrees))
    return _report(articles, refs, mentions, edges)


def _content_words(articles: Sequence[Article], ref: SentenceRef, docs: Sequence) -> frozenset[str]:
    """Lemmas of a sentence's nouns, verbs and adjectives, leaving out names and values (which differ
    exactly where sources disagree, and pull the sentence vectors apart)."""
    sentence = articles[ref.article].sentences[ref.index]
    doc = docs[ref.article]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return frozenset()
    return frozenset(_lemma(t) for t in span if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and t.is_alpha
                     and not t.is_stop and t.ent_type_ not in _VALUE_LABELS)


def _written_values(articles: Sequence[Article], ref: SentenceRef, docs: Sequence) -> frozenset[str]:
    """Every number, year and weekday a sentence writes, whether or not it was read as a value."""
    sentence = articles[ref.article].sentences[ref.index]
    found = set()
    tokens = list(docs[ref.article].char_span(sentence.start, sentence.end, alignment_mode="expand") or [])
    for k, token in enumerate(tokens):
        text = token.lower_.rstrip("-")
        if token.like_num or text.replace(",", "").replace(".", "").isdigit():
            scale = tokens[k + 1].lower_ if k + 1 < len(tokens) and tokens[k + 1].lower_ in _SCALES else ""
            for written in {text, f"{text} {scale}".strip()}:
                parsed = parse_number(written)
                if parsed is not None:
                    found.add(_format_number(parsed[0]))
        elif text in WEEKDAYS:
            found.add(text)
        year = re.fullmatch(r"(1[89]\d\d|20\d\d)s?", text)
        if year:
            found.add(year.group(1))
    found.discard("")
    return frozenset(found)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if len(a) >= 4 and len(b) >= 4 else 0.0


def _named_in(person: Mention, mentions: Sequence[Mention], others: Sequence[int]) -> bool:
    return any(mentions[k].value.kind == "person" and person.value.agrees(mentions[k].value) for k in others)


def _report(articles: Sequence[Article], refs: Sequence[SentenceRef], mentions: Sequence[Mention],
            edges: Sequence[tuple[int, int, bool]]) -> list[Disagreement]:
    # An article that itself states both values (a toll that "rose from 30 to 45") is no rival of either.
    agreeing: dict[int, set[int]] = defaultdict(set)  # mention → articles with an agreeing counterpart
    for i, j, agrees in edges:
        if agrees:
            agreeing[i].add(mentions[j].article)
            agreeing[j].add(mentions[i].article)
    conflicts = [(i, j) for i, j, agrees in edges if not agrees
                 and mentions[j].article not in agreeing[i] and mentions[i].article not in agreeing[j]]
    if not conflicts:
        return []
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in conflicts:
        parent[root(i)] = root(j)
    for i, j, agrees in edges:  # the sources that agree with one side join it, when they state the same value
        if agrees and mentions[i].value.key == mentions[j].value.key:
            parent[root(i)] = root(j)
    components: dict[int, list[int]] = defaultdict(list)
    for i, j in conflicts:
        components.setdefault(root(i), [])
    for index in range(len(mentions)):
        if root(index) in components:
            components[root(index)].append(index)
    result: list[tuple[tuple, Disagreement]] = []
    for members in components.values():
        members.extend(_supporters(mentions, members))
        disagreement = _disagreement(articles, refs, mentions, members)
        if disagreement is not None:
            first = min((mentions[m].article, refs[mentions[m].ref].index) for m in members)
            result.append(((-len({s for v in disagreement.values for s in v.sources}), first), disagreement))
    return [d for _, d in sorted(result, key=lambda r: r[0])]


def _supporters(mentions: Sequence[Mention], members: Sequence[int]) -> list[int]:
    """Mentions elsewhere in the story that state one of the values for the same noun ("some 1,200
    dockworkers" in a sentence that is not otherwise close to the rival one): they add sources, never values."""
    keys = {mentions[m].value.key for m in members}
    kind = mentions[members[0]].value.kind
    nouns = {mentions[m].noun for m in members if mentions[m].noun}
    places = frozenset().union(*(mentions[m].places for m in members))
    if len(nouns) == 0 or kind not in ("count", "money", "quantity", "percent"):
        return []
    taken = set(members)
    return [index for index, mention in enumerate(mentions)
            if index not in taken and mention.value.kind == kind and mention.value.key in keys
            and any(_stem_match(mention.noun, noun) for noun in nouns)
            and not (mention.places and places and not _overlapping_names(mention.places, places))]


def _disagreement(articles: Sequence[Article], refs: Sequence[SentenceRef], mentions: Sequence[Mention],
                  members: Sequence[int]) -> Disagreement | None:
    entries: dict[tuple, list[int]] = {}
    for m in sorted(members, key=lambda m: (mentions[m].value.hedge not in ("exact",), mentions[m].article)):
        entries.setdefault(mentions[m].value.key, []).append(m)
    if len(entries) < 2:
        return None
    values = []
    for key, items in entries.items():
        first = mentions[items[0]]
        sources = list(dict.fromkeys(articles[mentions[m].article].id for m in items))
        values.append(DisagreementValue(value=first.value.display, text=refs[first.ref].text, sources=sources))
    # every source once: a source stating two values of one fact keeps only its first
    seen: set[str] = set()
    for value in values:
        value.sources = [s for s in value.sources if s not in seen]
        seen.update(value.sources)
    values = [v for v in values if v.sources]
    if len(values) < 2:
        return None
    return Disagreement(about=_about([mentions[m] for m in members], refs), values=values)


def _about(members: Sequence[Mention], refs: Sequence[SentenceRef]) -> str:
    """What the fact is, in a few words: "number of workers", "date the strike began", "name of the
    fire chief"; the representative sentence, trimmed, when the parse gives nothing better."""
    kind = members[0].value.kind
    noun = _most_common(m.noun_text for m in members)
    subject = _most_common(m.subject_text for m in members)
    verb = _most_common(m.verb_text for m in members)
    sentence = _trim(refs[members[0].ref].text)
    if kind == "person":
        title = _most_common(m.title_text for m in members)
        if title:
            return f"name of the {title if title[:1].isupper() and ' ' not in title else title.lower()}"
        return f"who said: {sentence}" if any(m.speaker for m in members) else f"name: {sentence}"
    if noun and kind in _ABOUT_NOUN:
        return _ABOUT_NOUN[kind].format(noun=noun if noun.split()[0][:1].isupper() and len(noun.split()) > 1
                                         else noun.lower())
    word = {"date": "date", "weekday": "day", "clock": "time"}.get(kind, _KIND_WORD.get(kind, "value"))
    if kind in ("date", "weekday", "clock") and verb:
        who = subject or noun
        return f"{word} {'the ' + who.lower() + ' ' if who else ''}{verb}"
    if verb and subject:
        return f"{word}: {subject.lower()} {verb}"
    return f"{word}: {sentence}"


_ABOUT_NOUN = {"count": "number of {noun}", "money": "amount: {noun}", "percent": "percentage: {noun}",
               "duration": "length of the {noun}", "quantity": "quantity: {noun}"}
_KIND_WORD = {"count": "number", "money": "amount", "percent": "percentage", "duration": "length",
              "quantity": "quantity"}


def _most_common(items) -> str | None:
    counts = Counter(i for i in items if i)
    return counts.most_common(1)[0][0] if counts else None


def _trim(text: str) -> str:
    words = text.split()
    return text if len(words) <= MAX_ABOUT_WORDS else " ".join(words[:MAX_ABOUT_WORDS]) + " …"
