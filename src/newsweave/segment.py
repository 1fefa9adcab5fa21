"""Segmentation: quote normalisation, glued-sentence repair, paragraphs and sentences with offsets."""

from __future__ import annotations

import re

from .models import Sentence, Span

# Curly, low-9, guillemet and TeX quote marks all become straight ones, so every later stage
# (quote finding, matching wordings across outlets) sees one convention.
_DOUBLE_QUOTES = re.compile(r"``|''|[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_SINGLE_QUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032`]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")

# Words that end in a period without ending the sentence.
_ALWAYS_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "maj",
    "adm", "brig", "cmdr", "det", "insp", "supt", "hon", "rev", "fr", "st", "mt", "ft",
    "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "vol", "ave", "blvd", "rd", "gov", "atty", "pres", "messrs", "mme", "dept",
}
# Abbreviations that are also common words ("said no."): abbreviations only before a number ("No. 5").
_NUMBER_ABBREVIATIONS = {"no", "nos"}
# Words that may or may not end a sentence: split only before a typical sentence opener.
_SOMETIMES_ABBREVIATIONS = {"inc", "corp", "co", "ltd", "jr", "sr", "etc", "plc", "llc", "bros"}
_SENTENCE_OPENERS = {
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This", "That",
    "There", "These", "Those", "His", "Her", "Its", "Their", "Our", "On", "At", "As", "After",
    "Before", "When", "While", "However", "Meanwhile", "Mr.", "Mrs.", "Ms.", "Dr.", "Some", "Many",
    "If", "For", "Since", "Last", "Earlier", "Later", "According", "By", "Now", "Then", "Still", "So",
}

# A sentence-final mark, optional closing quotes/brackets, whitespace, then something that can open a sentence.
_BOUNDARY = re.compile(r"""([.!?]+)(["')\]]*)(\s+)(?=["'(\[]?[A-Z0-9])""")
# Glued sentences: "groups.The", "groups.\u201cIt", "Washington.\u201dBut" - lowercase or digit before the mark.
_GLUED = re.compile(r"""(?<=[a-z0-9%)])([.!?])([\u201c\u201d"]?)(?=[\u201c"]?[A-Z](?:[a-z'\u2019]|\s))""")


def normalise_quotes(text: str) -> str:
    """Straighten every kind of quote mark and drop invisible characters.

    Args:
        text (str): any text.

    Returns:
        str: the text with ``TeX'', curly and guillemet quotes as straight ones.
    """
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    return _SINGLE_QUOTES.sub("'", text)


def unglue(text: str) -> str:
    """Put back the space lost between two sentences ("groups.The" → "groups. The").

    Run before `normalise_quotes`: curly quotes tell an opening quote from a closing one.
    """

    def repair(match: re.Match[str]) -> str:
        mark, quote = match.group(1), match.group(2)
        word = _word_before(text, match.start())
        if "." in word or word.lower() in _ALWAYS_ABBREVIATIONS:
            return match.group(0)
        if quote == "\u201d" or (quote == '"' and text.count('"', 0, match.start()) % 2 == 1):
            return f"{mark}{quote} "  # closing quote stays with the sentence it closes
        return f"{mark} {quote}"

    return _GLUED.sub(repair, text)


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "\"'(":
        start -= 1
    return text[start:end]


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group(1) != ".":
        return True  # "!", "?" and "..." followed by a capital end a sentence
    word = _word_before(text, match.start())
    bare = word.rstrip(".").lower()
    if bare in _ALWAYS_ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", bare):
        return False  # "Mr. Putin", "Jan. 25", "Dmitri A. Medvedev"
    if bare in _NUMBER_ABBREVIATIONS:
        return not (match.group(2) == "" and text[match.end():match.end() + 1].isdigit())
    if bare in _SOMETIMES_ABBREVIATIONS or "." in word:
        # "U.S.", "p.m.", "Inc." end a sentence only before a typical sentence opener
        following = text[match.end():].lstrip("\"'([").split(" ", 1)[0]
        return following in _SENTENCE_OPENERS
    return True


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Start and end offsets of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match):
            end = match.start(3)
            if text[start:end].strip():
                spans.append((start, end))
            start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    spans = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in spans]  # no leading blanks
    return [(offset + a, offset + b) for a, b in spans]


def segment(text: str) -> tuple[list[Span], list[Sentence]]:
    """Paragraphs (blank-line separated) and sentences of a clean text, with character offsets.

    Args:
        text (str): clean text, one paragraph per block, blocks separated by a blank line.

    Returns:
        tuple[list[Span], list[Sentence]]: paragraphs and sentences; `text[s.start:s.end] == s.text`.
    """
    paragraphs: list[Span] = []
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        block = match.group(0)
        if not block.strip():
            continue
        index = len(paragraphs)
        paragraphs.append(Span(text=block, start=match.start(), end=match.end()))
        for start, end in sentence_spans(block, match.start()):
            sentences.append(Sentence(text=text[start:end], start=start, end=end, paragraph=index))
    return paragraphs, sentences


def split_sentences(text: str) -> list[str]:
    """Sentences of any raw text: glue repaired, quotes normalised, lines re-flowed."""
    flowed = normalise_quotes(unglue(text))
    return [s.text for s in segment(flowed)[1]]
