"""Cleaning scraped text: page furniture out of the body (kept, with reasons), metadata into fields."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import date

from .models import RemovedLine
from .segment import normalise_quotes, unglue

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_NEWSROOM_WORDS = (
    "Times|Post|News|Journal|Herald|Tribune|Guardian|Observer|Telegraph|Gazette|Daily|Review|Chronicle|"
    "Independent|Express|Mirror|Star|Sun|Globe|Mail|Wire|Press|Today|Insider|Monitor|Standard|Record|"
    "Courier|Examiner|Inquirer|Register|Bulletin|Reporter|Magazine|Weekly|Dispatch|Sentinel|Agency|Network"
)

# A line that is only a date and/or time, with an optional "Updated"/"Published" label.
_TIMESTAMP = re.compile(
    rf"^(?:(?:updated|published|posted|last updated|first published)\s*(?:on|at)?:?\s*)?"
    rf"(?:(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}:\d{{2}}(?:\s*[AP]\.?M\.?)?(?:\s+[A-Z]{{2,4}})?|"
    rf"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|"
    rf"an? (?:hour|day|week|month|year) ago|updated|published|at|on)[\s,/|·•-]*)+$", re.I)

# One rule a line: (reason, pattern). Patterns see the stripped line; order matters only for the reason shown.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("logo", re.compile(r"^[\w .&'-]{1,40}\blogo$", re.I)),
    ("css-breakpoint", re.compile(
        r"^[•*·\-]?\s*(?:[a-z]+-)+(?:browser|phone|tablet|desktop|larger|above|below|wide|narrow|mobile|portrait|landscape)(?:-[a-z]+)*$")),
    ("share-counter", re.compile(
        r"^(?:\d+\s*:\s*\d+|\d+\s+(?:shares?|comments?|likes?)|(?:share|tweet|email|print|comment|copy link|"
        r"share (?:this|on) [\w ]{1,20}|share this (?:article|story|page))s?:?)$", re.I)),
    ("appeal", re.compile(
        r"support us|support (?:our|independent) journalism|your support|please support|donat(?:e|ion)|"
        r"(?:we|you) (?:have|can) a small favou?r|small favou?r to ask|not ready to (?:support|donate|subscribe)|"
        r"remind me later|enjoying ad-free|paiment methods|payment methods|become a (?:member|subscriber|supporter)|"
        r"subscribe (?:now|today|for)|already a subscriber|unlimited (?:digital )?access|"
        r"(?:keep|help) (?:us )?(?:providing|going)|our journalism is|journalism is banned|"
        r"(?:to|will) silence our|refuse to be silenced|support (?:us )?(?:monthly|today)|"
        r"this commitment costs us|fill the gap|starting from just|disabled (?:all )?ads|ad ?blockers?|"
        r"improve your reading experience|enjoying this article\?|free to read because|funded by (?:our )?readers",
        re.I)),
    ("related-links", re.compile(
        r"^(?:related(?: articles| stories| coverage| content| news| reading)?|read more|read next|see also|"
        r"more from [\w ]+|more on this story|recommended(?: for you)?|most (?:read|popular|viewed)|"
        r"trending(?: now)?|you may also like|more stories|also read|top stories|latest news)\s*:?$", re.I)),
    ("cookie-notice", re.compile(r"\bcookies?\b.*\b(?:accept|consent|policy|use|settings|agree)|"
                                 r"\b(?:accept|manage)\b.*\bcookies?\b", re.I)),
    ("photo-credit", re.compile(
        r"^(?:\(?(?:photo|image|picture|video|graphic|illustration)s?(?: credit)?\s*(?:by|:)|\(image credit|"
        r"credit:)|^[\w .,'-]{2,60}/(?:getty images|ap(?: photo)?|reuters|afp|istock|shutterstock|epa(?:-efe)?|"
        r"bloomberg|[A-Z][\w ]{1,30})(?:/[\w ]{2,30})*\)?$", re.I)),
    ("newsletter", re.compile(
        r"sign up (?:for|to)|newsletter|in your inbox|delivered to your inbox|get the latest .* (?:email|inbox)", re.I)),
    ("navigation", re.compile(
        r"^(?:skip to (?:main )?content|sign in|log in|sign up|menu|search|home|subscribe|close|advertisement|"
        r"advertising|ad|sponsored(?: content)?|back to top|listen to this article.*|\d+ min(?:ute)? read|"
        r"follow us(?: on [\w ]+)?|show comments|view comments|loading\W*|continue reading|click here.*)\.?$", re.I)),
    ("breadcrumb", re.compile(r"^[\w&'. -]{1,30}(?:\s[›»>]\s[\w&'. -]{1,30}){1,4}$")),  # "Business › Shipping"
    ("copyright", re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved|^.{0,150}©.{0,150}$", re.I)),
    ("publisher-notice", re.compile(
        r"^our standards:|trust principles|a version of this article appears in print|order reprints|"
        r"today's paper|^corrections? (?:&|and) clarifications|^editor's note:|^this (?:article|story) (?:was|has been) "
        r"(?:updated|corrected|amended)|^(?:report|suggest) a correction|^(?:contact|email) the (?:author|reporter)", re.I)),
    ("timestamp", _TIMESTAMP),
]

_WIRE_CREDIT = re.compile(
    r"\s*\((?:(?:additional )?reporting|writing|editing|compiled|edited|written|research(?:ing)?|"
    r"graphics?)(?: by)?\b[^()]*(?:\([^()]*\)[^()]*)*\)\s*$", re.I)
_BYLINE = re.compile(
    r"^(?:by|words by|written by)\s+([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|da|van|von|der|la|le|,))*)"
    r"(?:\s*(?:,|\||\band\b|-|—|for)\s*(.+))?$", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)"
    rf"(?:,\s*(?P<day>{_MONTH}\s+\d{{1,2}}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&'-]{1,40})\))?\s*[-—–]{1,2}\s+(?=[\"'(]?[A-Z0-9])")
_BULLET = re.compile(r"^\s*[*•·▪–-]\s+\S")
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|tells|added|declined|according|asked|stated|wrote)\b", re.I)
_PRONOUN_START = re.compile(r"^(?:he|she|it|they|we|i|you|this|that|there|these|those|his|her|its|their)\b", re.I)
_SELF_MENTION = re.compile(
    rf"\b((?:The\s+)?(?:[A-Z][\w'-]+\s+){{0,3}}(?:{_NEWSROOM_WORDS})(?:\s+(?!The\b)[A-Z][a-z][\w'-]*)?)\b")
_LOGO = re.compile(r"^(.{1,40}?)\s+logo$", re.I)


@dataclass
class CleanText:
    """What cleaning found: the body paragraphs, what was removed, and the metadata the text gave."""

    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    byline_outlet: str | None = None
    dateline: str | None = None
    dateline_outlet: str | None = None
    logo_outlet: str | None = None
    masthead: str | None = None
    timestamps: list[str] = field(default_factory=list)  # date/time lines removed, in order: publication date
    self_mention: str | None = None

    @property
    def text(self) -> str:
        """Clean body: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "\u3002", "\uff01", "\uff1f")


def _words(line: str) -> int:
    """Word count; Chinese, Japanese and Korean text, written without spaces, counts two characters a word."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when the text was wrapped at a fixed width (wire copy), so line ends are not paragraph ends."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 6:
        return False
    width = max(lengths)
    full = sum(1 for n in lengths if n >= 0.75 * width)
    unended = sum(1 for line in lines if line.strip() and not line.rstrip().endswith((".", '"', "'", "?", "!", ":")))
    return width <= 100 and full / len(lengths) >= 0.6 and unended / len(lengths) >= 0.4


def reflow(text: str) -> list[str]:
    """Lines of scraped text as paragraphs: hard-wrapped blocks joined, one paragraph a line otherwise."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not is_hard_wrapped(lines):
        return [line.strip() for line in lines]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        starts_indented = line[:1].isspace() and line.strip()
        if not line.strip() or starts_indented:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if not line.strip():
                paragraphs.append("")
                continue
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def classify_line(line: str) -> str | None:
    """The junk reason of one stripped line, or None when it may be article text."""
    if _words(line) > 60:
        return None  # page furniture is short; long lines are prose even when they mention cookies
    if _WIRE_CREDIT.fullmatch(" " + line):
        return "wire-credit"
    for reason, pattern in _LINE_RULES:
        if pattern.search(line):
            if reason in ("cookie-notice", "newsletter") and _words(line) > 35:
                continue  # prose that mentions cookies or newsletters is not a banner
            if reason in ("appeal", "cookie-notice", "newsletter") and (
                    _REPORTING_VERB.search(line) and '"' in line):
                continue  # prose, or a quoted statement about donations or newsletters, is news, not furniture
            return reason
    return None


def _is_prose(line: str) -> bool:
    line = _WIRE_CREDIT.sub("", line)  # "… from a regional grant. (Reporting by …)" is prose
    return _words(line) >= 12 and line.rstrip('"\')').endswith(_SENTENCE_END)


def _is_caption(line: str) -> bool:
    """A photo caption: one short sentence, no quotation, right under the photo credit."""
    return _words(line) <= 20 and '"' not in line and len(re.findall(r"[.!?](?:\s|$)", line)) <= 1


def _is_teaser(line: str) -> bool:
    """A short standalone headline-like line inside the body: an embedded link to another story."""
    return (
        2 <= _words(line) <= 8
        and '"' not in line
        and not re.search(r"\d", line)
        and not _REPORTING_VERB.search(line)
        and not _PRONOUN_START.search(line)
        and not line.endswith((":", "?"))
    )


def clean_text(raw: str, *, extracted: bool = False, title: str | None = None) -> CleanText:
    """Split scraped text into body paragraphs, removed furniture and metadata.

    Args:
        raw (str): the text as scraped, one paragraph a line (or hard-wrapped).
        extracted (bool): the text is an HTML extractor's output; the page's layout is gone, so only
            line patterns apply, not the header/body/footer zones (which would cut subheadings and lists).
        title (str, optional): the headline already known (page metadata, record field); a body line
            repeating it is removed as a duplicate headline.

    Returns:
        CleanText: body paragraphs (quotes normalised, glued sentences repaired) and everything removed.
    """
    result = CleanText(title=normalise_quotes(" ".join(title.split())) if title and title.strip() else None)
    lines = [normalise_quotes(unglue(line)) for line in reflow(raw)]
    lines = [re.sub(r"\s+", " ", line).strip() for line in lines]
    kinds: list[str | None] = [classify_line(line) if line else "blank" for line in lines]

    prose = [i for i, line in enumerate(lines) if kinds[i] is None and (_is_prose(line) or _DATELINE.match(line))]
    if not prose:  # a short text (a brief, a feed summary): its whole sentences are the body
        prose = [i for i, line in enumerate(lines) if kinds[i] is None and _words(line) >= 3
                 and line.rstrip('"\')').endswith((".", "!", "?"))]
    anchors = set(prose)
    first_body = prose[0] if prose else len(lines)
    last_body = prose[-1] if prose else -1
    if extracted or not prose:  # no layout to read zones from: keep every line no pattern catches
        first_body, last_body = 0, len(lines)
    in_related_list = False
    previous: str | None = None

    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind == "blank":
            continue
        if kind is None and in_related_list and not _is_prose(line) and not extracted:
            kind = "related-links"  # the headlines listed under "Related articles:" / "Most read"
        if kind is None and previous == "photo-credit" and _is_caption(line):
            kind = "caption"
        if kind is None:
            kind = _metadata_or_zone(result, line, i, first_body, last_body, i in anchors or extracted)
        in_related_list = kind == "related-links" or (in_related_list and kind is not None)
        previous = kind
        if kind is None:
            result.paragraphs.append(_strip_wire_credit(result, _strip_dateline(result, line)))
        elif kind == "timestamp":
            result.timestamps.append(line)
            result.removed.append(RemovedLine(text=line, reason=kind))
        else:
            if kind == "logo" and (m := _LOGO.match(line)):
                result.logo_outlet = result.logo_outlet or m.group(1).strip()
            result.removed.append(RemovedLine(text=line, reason=kind))

    result.paragraphs = [p for p in result.paragraphs if p]
    result.self_mention = _self_mention(result.removed)
    return result


def _metadata_or_zone(
        result: CleanText, line: str, i: int, first_body: int, last_body: int, anchor: bool = False) -> str | None:
    """Reason to remove a line no junk rule caught: metadata, header/footer furniture, teaser; else None."""
    if _words(line) <= 12 and (m := _BYLINE.match(line)):
        if result.byline is None:
            result.byline = m.group(1).strip(" ,")
            result.byline_outlet = (m.group(2) or "").strip() or None
        return "byline"
    if result.title is not None and line.rstrip(".").lower() == result.title.rstrip(".").lower():
        return "duplicate-headline"
    if i < first_body:
        if is_date_line(line):
            return "timestamp"  # a date above the story is its date, not its headline
        if _BULLET.match(line):
            return "highlights"
        if result.masthead is None and _SELF_MENTION.fullmatch(line):
            result.masthead = line
            return "masthead"
        if result.title is None and 4 <= _words(line) <= 25 and not line.endswith("."):
            result.title = line
            return "headline"
        if _words(line) < 12 and not _is_prose(line):
            return "header-furniture"
        return None
    if i > last_body:
        if _BULLET.match(line) or (_words(line) < 8 and not line.endswith((".", '"', "!", "?"))):
            return "footer-furniture"
        return None
    if not anchor and _is_teaser(line) and not _is_prose(line):
        return "teaser"
    return None


def _strip_dateline(result: CleanText, line: str) -> str:
    if result.dateline is not None or not (m := _DATELINE.match(line)):
        return line
    place = m.group("place").strip()
    if len(place.replace(" ", "")) < 3 or place in {"AP", "AFP", "UPI"}:
        return line
    result.dateline = place
    result.dateline_outlet = m.group("agency")
    result.removed.append(RemovedLine(text=m.group(0).strip(), reason="dateline"))
    return line[m.end():]


def _strip_wire_credit(result: CleanText, line: str) -> str:
    if not (m := _WIRE_CREDIT.search(line)):
        return line
    result.removed.append(RemovedLine(text=m.group(0).strip(), reason="wire-credit"))
    return line[: m.start()].rstrip()


def _self_mention(removed: list[RemovedLine]) -> str | None:
    """The outlet named in its own page furniture ("the journalists of The Moscow Times")."""
    names: list[str] = []
    for line in removed:
        if line.reason in ("appeal", "newsletter", "copyright", "navigation", "footer-furniture", "header-furniture",
                           "publisher-notice"):
            names += [m.group(1) for m in _SELF_MENTION.finditer(line.text)]
    if not names:
        return None
    return statistics.mode(names)


# Tokenised text (ECB+ and other corpora) spaces out the punctuation of its dates: "May 03 , 2013 | 5 : 03 p . m .".
_SPACED_DATE_PUNCTUATION = re.compile(r"\s+(?=[,:/.])|(?<=[:/])\s+(?=\d)|(?<=\.)\s+(?=m\b)", re.I)
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)


def _date_text(line: str) -> str:
    """A date line in the spelling the timestamp rule and dateparser read: "May 3rd , 2013 ." → "May 3, 2013"."""
    return _ORDINAL_SUFFIX.sub("", _SPACED_DATE_PUNCTUATION.sub("", line)).rstrip(" .")


def is_date_line(line: str) -> bool:
    """True when the whole line is a date and/or time ("Friday , January 25 , 2013", "25 Jan 2013 14:02 GMT"),
    not a sentence or headline that holds one."""
    return bool(re.search(r"\d", line)) and bool(_TIMESTAMP.match(_date_text(line)))


def parse_timestamp(line: str | None) -> date | None:
    """The calendar date in a timestamp line ("January 25, 2013 / 4:26 PM / 5 years ago")."""
    if not line:
        return None
    import dateparser  # heavy import, paid only when a timestamp is present

    line = _date_text(line)
    # the whole line first ("25/01/2013"), then its parts; a day is required: "2020" alone is no publication date
    # (dateparser would fill in today's month and day)
    for part in [line, *re.split(r"\s*[/|·•]\s*|\s+-\s+", line)]:
        part = re.sub(r"^(?:updated|published|posted|last updated|first published)\s*(?:on|at)?:?\s*", "", part, flags=re.I)
        if not re.search(rf"\d{{4}}|{_MONTH}\s+\d", part, re.I) or re.search(r"\bago\b", part, re.I):
            continue  # "5 years ago" is relative to the scrape, not to the story
        parsed = dateparser.parse(part, languages=["en"], settings={
            "PREFER_DATES_FROM": "past", "STRICT_PARSING": False, "REQUIRE_PARTS": ["day", "month", "year"]})
        if parsed is not None and re.search(r"\d{4}", part):
            return parsed.date()
    return None
