"""Quote marks: paragraphs, quote-mark spans paired across paragraphs, and the display text of quoted content."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .lexicon import _FORM_TO_BASE, SPEECH_VERBS

_QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb'
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"
_DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}


@dataclass
class _QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end of an unclosed quote)
    pieces: list[tuple[int, int]]
    standalone: bool = True
    tokens: tuple[int, int] = (0, 0)  # token range [first, last + 1)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text) if m.group(0).strip()]
    return spans or [(0, len(text))]


_MARK = re.compile(r"``|''|[\"\u201c\u201d\u201e\u00ab\u00bb]")


def _quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[_QuoteSpan]:
    """Quote-mark spans, paired per paragraph; an unclosed quote continues into a next paragraph opening with one.

    Marks are straight or curly double quotes, guillemets and the two-character ``TeX'' marks; a straight mark
    opens before a word and closes after one.
    """
    found: list[_QuoteSpan] = []
    carry: _QuoteSpan | None = None
    for p_start, p_end in paragraphs:
        opened: int | None = None
        marks = [(m.start(), m.end()) for m in _MARK.finditer(text, p_start, p_end)]
        starts_with_quote = bool(marks) and not text[p_start:marks[0][0]].strip()
        if carry is not None and not starts_with_quote:
            found.append(carry)
            carry = None
        for i, j in marks:
            mark = text[i:j]
            before = text[i - 1] if i > p_start else " "
            after = text[j] if j < p_end else " "
            can_open = mark in _OPENERS or mark == "``" or (
                mark not in _CLOSERS and not after.isspace()
                and (before.isspace() or before in "([{\u2014\u2013-:/" or i == p_start))
            can_close = mark in _CLOSERS or (mark not in _OPENERS and mark != "``" and not before.isspace())
            if opened is None:
                if can_open:
                    opened = i
                continue
            if can_close:
                span = (opened, j)
                if carry is not None:
                    carry.pieces.append(span)
                    carry.end = j
                    found.append(carry)
                    carry = None
                else:
                    found.append(_QuoteSpan(opened, j, [span]))
                opened = None
            elif can_open:
                opened = i  # a stray opening mark before: restart here
        if opened is not None:
            end = len(text[:p_end].rstrip())
            piece = (opened, end)
            if carry is not None:
                carry.pieces.append(piece)
                carry.end = end
            else:
                carry = _QuoteSpan(opened, end, [piece])
        elif carry is not None:
            found.append(carry)
            carry = None
    if carry is not None:
        found.append(carry)
    for quote in found:
        quote.standalone = _standalone(text, quote)
    return found


def _standalone(text: str, quote: _QuoteSpan) -> bool:
    """A quote that is a statement of its own, not a phrase quoted inside a sentence ('called it "a disgrace"')."""
    inner = text[quote.pieces[0][0] + 1:quote.pieces[0][1] - 1]
    if len(re.findall(r"\w+", " ".join(text[a:b] for a, b in quote.pieces))) < 3:
        return False
    before = text[:quote.start].rstrip(" ")
    if not before or before.endswith(("\n", ":", ",", ".", "!", "?", ";", "(", "\u2014", "\u2013", "-", "\u2015")):
        return True
    word = re.search(r"(\w+)$", before)
    if word and word.group(1).lower() in _FORM_TO_BASE and _FORM_TO_BASE[word.group(1).lower()] in SPEECH_VERBS:
        return True  # 'said "we will …"'
    # a quoted whole sentence after a short lead-in is still a statement when it ends the sentence,
    # but a title ('on Fox News's "Fox and Friends."') is not
    words = re.findall(r"[A-Za-z]{3,}", inner)
    if len(words) < 4 or all(w[0].isupper() for w in words):
        return False
    return bool(re.match(r"[A-Z]", inner.lstrip())) and inner.rstrip().endswith((".", "!", "?", ","))


def _join_pieces(text: str, pieces: Iterable[tuple[int, int]]) -> str:
    """One display text of a quote's pieces: '"We held the line," … "and it held."' → 'We held the line, and it held.'"""
    out = ""
    for a, b in pieces:
        piece = _EDGE_MARKS.sub("", " ".join(text[a:b].split()))
        if out and piece[:1].isupper() and out.endswith(","):
            out = out[:-1] + "."
        out = f"{out} {piece}".strip()
    return _clean(out)


_EDGE_MARKS = re.compile(r"^(?:``|''|[\"\u201c\u201d\u201e\u00ab\u00bb\s])+|(?:``|''|[\"\u201c\u201d\u201e\u00ab\u00bb\s])+$")


def _clean(text: str) -> str:
    """Display text of a content span: one line, straight quote marks, no enclosing ones, no dangling comma or "that"."""
    text = re.sub(r"``|''|[\u201c\u201d\u201e\u00ab\u00bb]", '"', " ".join(text.split()))
    text = re.sub(r"^(?:that|whether)\s+", "", text).strip(" ;:")
    if text.count('"') == 1 or (text.startswith('"') and text.endswith('"') and text.count('"') == 2):
        text = text.replace('"', "").strip(" ;:")
    text = text.lstrip(",").strip()
    return re.sub(r"\s*,$", ".", text)  # '"We won," he said' → "We won."
