"""Values read from entities and normalised to intervals: counts, amounts, percentages, quantities, dates,
weekdays, clock times and lengths of time, with hedges ("about", "more than", "nearly") as ranges."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

from ..timeline import WEEKDAYS, resolve_date
from .people import _clean_name, _name_key, names_match


# "about 20": ±10%, at least ±1; "nearly 20": [85%, 100%].
APPROX = 0.1
ESTIMATE = 0.15  # "an estimated 9,000": estimates are looser
CONVERSION_TOLERANCE = 0.05  # values converted between units (miles, kilometres) were rounded by the writer
NEARLY = 0.85
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
    "square kilometre": ("area", 1e6), "sq km": ("area", 1e6), "square meter": ("area", 1),
    "square metre": ("area", 1), "square foot": ("area", 0.0929), "square feet": ("area", 0.0929),
    "sq ft": ("area", 0.0929), "liter": ("volume", 1), "litre": ("volume", 1),
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
    age: bool = False  # a duration that is someone's or something's age: "the 37-year-old"

    def agrees(self, other: Value) -> bool:
        """Whether both can be true at once: same person, or overlapping intervals."""
        if self.kind == "person":
            return names_match(self.display, other.display)
        if self.kind == "weekday":  # days of a week, which wraps round: late Sunday meets early Monday
            return any(self.low <= other.high + shift and other.low + shift <= self.high for shift in (-7, 0, 7))
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


def parse_number(text: str) -> tuple[float, float] | None:
    """A number written in digits or words, and its precision (half its last written unit).

    Args:
        text (str): "1,200", "three", "twenty-five", "a dozen", "1.2 million", "$5bn", "half a million".

    Returns:
        tuple[float, float] | None: value and precision, or None when the text holds no number.
    """
    fraction = re.match(r"\s*(?:(\d+)[\s-]+)?(\d+)/(\d+)\b", text)
    if fraction and int(fraction.group(3)):
        return int(fraction.group(1) or 0) + int(fraction.group(2)) / int(fraction.group(3)), 0.0  # "3 1/2"
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


def _plus_after(doc, span) -> bool:
    """Whether "-plus" or "+" follows a number written apart from it by the tokenizer: "six-plus rounds"."""
    after = doc[span.end:span.end + 2]
    if not len(after) or doc[span.end - 1].whitespace_:
        return False
    return after[0].text == "+" or after[0].text == "-" and len(after) == 2 and after[1].lower_ == "plus"


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


def _part_of_day(text: str, span, doc) -> str:
    """A weekday with the part of the day the recogniser left outside it: "late (on) Thursday", "early Friday",
    "Thursday night" (tagged "Thursday" + "night"). The small hours belong to two days (`_temporal`)."""
    if text.lower() not in WEEKDAYS:
        return text
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
    part = next((w for w in ("late", "early") if before[-1:] == [w] or before == [w, "on"]), None)
    if part:
        return f"{part} {text}"
    return f"{text} night" if span.end < len(doc) and doc[span.end].lower_ == "night" else text


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
    if hedge == "exact" and _plus_after(doc, span):
        hedge, words = "above", "more than"  # "six-plus rounds"
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
        if span.start > 0 and doc[span.start - 1].lower_ in ("minus", "negative"):
            return None  # "minus 20": a reading on a scale (a temperature), not a count
        if re.fullmatch(r"\.\d+", rest):
            return None  # ".301": an average written the way sport writes it, not a count
        return _number_value("count", rest, hedge, words)
    if label in ("DATE", "TIME"):
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in _DATE_BOUNDS or re.match(r"(?:by|before|after|until|till|through|as of)\b", text.lower()) or \
                doc[max(0, span.start - 2):span.start].text.lower() == "as of":
            return None  # "by 2000", "until 2028", "as of 4 p.m.": a deadline or a bound, not when something happened
        return _temporal(_part_of_day(rest, span, doc), hedge, words, label, base, base_inferred)
    return None


def read_listed(text: str, base: date | None, *, base_inferred: bool = False) -> Value | None:
    """One length of time of a list the recogniser tagged as one date, written out with the list's unit: "11 years"
    of "13 and 11 years"."""
    return _temporal(text, "exact", "", "DATE", base, base_inferred)


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
    spaced = lowered.replace("-", " ")  # "a 15,800-square-metre building"
    unit_match = None
    for name in sorted(_QUANTITY_UNITS, key=len, reverse=True):
        found = re.search(rf"(?<![a-z]){re.escape(name)}(?:e?s)?\b", spaced)
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


_NUMBERISH = r"(?:[\d.,/]+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|" \
    r"thousand|half|a half|couple of|dozen|and)"
_DURATION = re.compile(
    rf"^(?P<lead>(?:past|last|next|first|final)\s+)?(?P<num>(?:{_NUMBERISH}[\s-]*)*?)[\s-]*"
    rf"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|century|centurie)s?(?P<tail>[\s-]+(?:old|long))?$")
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
        if duration and duration.group("lead") and not duration.group("num").strip():
            duration = None  # "last year", "next week": a time; a number makes a length ("the past eight weeks")
    if (duration or age) and not re.search(r"\bago\b", lowered):
        if age:
            number, unit, is_age = age.group(1), "year", True
        else:
            tail = duration.group("tail") or ""
            number, unit, is_age = duration.group("num"), duration.group("unit"), "old" in tail
        if not number.strip() and re.search(rf"\b{unit}s\b", lowered):
            return None  # "for decades", "for years": no number of them
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
            if hedge == "nearly" and count < 10:  # "nearly four years" is more than three and a half
                low = max(low, count - 0.5)
        shown = f"{_format_number(count)} {unit}{'s' if count != 1 else ''}" + (" old" if is_age else "")
        return Value("duration", low * days, high * days, f"{words} {shown}".strip(), hedge=hedge, centre=count * days,
                     written=_format_number(count), age=is_age)
    weekday = re.fullmatch(r"(?:on\s+)?(?:last\s+|this\s+|next\s+|early\s+|late\s+|earlier\s+|later\s+)?(" + "|".join(WEEKDAYS) +
                           r")(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?", lowered)
    if weekday:
        index = WEEKDAYS.index(weekday.group(1))
        # the small hours belong to two days: "late Thursday" (or "Thursday night") and "early Friday" can be one time
        low = index - 0.5 if lowered.startswith(("early", "on early")) else index
        high = index + 0.5 if re.search(r"^(?:on\s+)?late\b|\bnight$", lowered) else index
        return Value("weekday", low, high, weekday.group(1).capitalize(), centre=index, written=weekday.group(1))
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
    named_month = _HAS_DATE.search(lowered) is not None
    years_ago = re.search(r"\b(?:years?|decades?)\s+ago\b", lowered) is not None  # a day or a month off matters not
    if base_inferred and not named_month and not years_ago:
        return None  # "yesterday", "last week" against a guessed publication day
    if base is None and years_ago:  # no publication date in the story: years back from one fixed day, for all
        resolved = resolve_date(rest, _FLOATING_YEAR_BASE)
        if resolved is None:
            return None
        low, high = float(resolved.first.toordinal()), float(resolved.last.toordinal())
        return Value("date", low, high, f"{words} {lowered}".strip(), unit="years ago", hedge=hedge,
                     centre=(low + high) / 2)
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
