"""What an amount is counted over: a rate ("$22 million per season", "an average annual value of $21 million"), a
span of events ("43 RBIs in 54 games", "in their five operations so far") or a part of the whole ("two other
rifles", "their last 10 games", "the 12 worst-hit villages", "420 passengers and crew"). Two amounts of one noun
over different scopes are two facts, however alike their sentences: a season's total against one month's, one
raid's haul against all raids'."""

from __future__ import annotations

from typing import Callable

from ..nlp import lemma
from .values import _TIME_UNITS

# Units a rate is given per, by the word written ("per season", "a year", "annually", "annual"): a season is a year.
_RATE_UNITS = {"year": "year", "season": "year", "annum": "year", "month": "month", "week": "week", "day": "day",
               "hour": "hour", "game": "game", "share": "share", "head": "person", "person": "person",
               "capita": "person"}
_RATE_WORDS = {"annually": "year", "yearly": "year", "annual": "year", "monthly": "month", "weekly": "week",
               "daily": "day", "hourly": "hour", "apiece": "each", "average": "average", "median": "average"}
# Prepositions that give the events an amount was counted over, when their object is itself counted: "in 54 games"
# (but not a length of time: "a 9% rise over two years" is one rise, however the parse hangs the years).
_SPAN_PREPOSITIONS = {"in", "over", "during", "across", "through", "throughout"}
# Words that make an amount a running total: "so far", "to date", "overall", "a combined 157 games".
_TOTAL_WORDS = {"overall", "altogether", "combined", "cumulative"}
_TOTAL = "all so far"
# A part set apart from the rest ("two other rifles", "12 more people"), and a part in order ("the last 10 games").
_APART_WORDS = {"other", "another", "additional", "remaining", "further", "more", "extra"}
_ORDER_WORDS = {"first", "last", "next", "previous", "past", "final", "initial", "opening", "latest", "second",
                "third"}
# ... the top of a ranking ("the 12 worst-hit villages", "the ten largest banks"), and a set joined with another
# ("some 420 passengers and crew"): neither is the whole kind.
_TOP = "top of a ranking"
_JOINED = "joined with another kind"


def rate_of(span, doc, noun) -> str:
    """The unit an amount is given per ("year" for "$22 million per season", "$5 million a year" or "an annual
    value of $5 million"; "average" for "an average of 12"), or "" for a total.

    Args:
        span: the amount's entity.
        doc: the Doc holding it.
        noun: the noun it counts or measures (`mentions._counted_noun`), if any.
    """
    end = noun.i + 1 if noun is not None and noun.i >= span.end else span.end
    after = doc[end:end + 2]
    if len(after) and after[0].lower_ in _RATE_WORDS and after[0].lower_ != "average":
        return _RATE_WORDS[after[0].lower_]
    if len(after) == 2 and after[0].lower_ in ("per", "a", "an", "each", "every"):
        unit = lemma(after[1])
        if unit in _RATE_UNITS:
            return _RATE_UNITS[unit]
        if after[0].lower_ == "per" and after[1].pos_ == "NOUN":
            return unit
    modifiers = [lemma(c) for t in (noun, span.root) if t is not None for c in t.children
                 if c.dep_ in ("amod", "compound", "advmod") and not span.start <= c.i < span.end]
    units = [_RATE_WORDS[m] for m in modifiers if m in _RATE_WORDS]
    return next((u for u in units if u != "average"), units[0] if units else "")


def spans_of(span, noun, verb) -> frozenset[str]:
    """The events an amount was counted over: the counted nouns of "in 54 games", "during the five operations"
    (their lemmas), and _TOTAL for a running total ("so far", "to date", "overall"); empty for neither.

    Args:
        span: the amount's entity.
        noun: the noun it counts or measures, if any.
        verb: the verb of its clause, if any.
    """
    tokens = [span.root]
    for token in span.root.ancestors:
        tokens.append(token)
        if token is verb:
            break
    if noun is not None:
        tokens += [noun, *noun.conjuncts]  # "13 homers and 43 RBIs in 54 games": both over the 54 games
    own = {t for t in (span.root, noun, verb) if t is not None}
    found = set()
    for token in tokens:
        for child in token.children:
            if span.start <= child.i < span.end:
                continue
            word = child.lower_
            objects = [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else []
            if word in _SPAN_PREPOSITIONS and any(o.pos_ == "NOUN" and lemma(o) not in _TIME_UNITS and any(
                    n.dep_ == "nummod" and not span.start <= n.i < span.end for n in o.children) for o in objects):
                found.update(lemma(o) for o in objects)
            elif token in own and (word in _TOTAL_WORDS or word == "far" and any(
                    c.lower_ in ("so", "thus") for c in child.children) or word in ("to", "in") and any(
                    o.lower_ in ("date", "all", "total") for o in objects)):
                found.add(_TOTAL)  # said of the amount, its noun or its verb: not "an overall record of ..."
    return frozenset(found)


def parts_of(span, noun) -> frozenset[str]:
    """Words that make an amount a part of its kind: "other", "more" ("two other rifles", "12 more people",
    "another 13 percent"), "last", "next" ("their last 10 games"); not the hedge "more than 300". Also _TOP for
    the top of a ranking ("the 12 worst-hit villages") and _JOINED for a set joined with another ("420 passengers
    and crew")."""
    def part_word(token) -> bool:
        return token.lower_ in _APART_WORDS | _ORDER_WORDS and not (
            token.i + 1 < len(token.doc) and token.nbor().lower_ == "than")
    modifiers = [c for t in (noun, span.root) if t is not None for c in t.children
                 if c.dep_ in ("amod", "advmod", "det", "quantmod")]
    found = {t.lower_ for t in [*modifiers, *span] if part_word(t)}
    if any(t.tag_ in ("JJS", "RBS") for m in modifiers if m.dep_ == "amod" for t in m.subtree):
        found.add(_TOP)
    if noun is not None and any(_joined(noun, c) for c in noun.children):
        found.add(_JOINED)
    return frozenset(found)


def _joined(noun, other) -> bool:
    """Whether `other` is a bare noun joined to `noun` by "and" ("passengers and crew", "passengers and crew
    members"), not another item of a list with its own number or article ("rifles, a launcher and 13 magazines")."""
    between = noun.doc[noun.i + 1:other.left_edge.i]
    return other.dep_ == "conj" and other.pos_ == "NOUN" and [t.lower_ for t in between] == ["and"] and not any(
        t.dep_ in ("nummod", "quantmod", "det", "poss") for t in other.subtree if t.i < other.i)


def scopes_differ(a, b, same_noun: Callable[[str, str], bool]) -> bool:
    """Whether two amounts (`Mention`s) are counted over different scopes: per different units, one over a span
    of events the other is not (`same_noun` compares the events' nouns), one a part set apart ("other") and the
    other not, or parts in different orders."""
    if a.rate != b.rate:
        return True
    if (a.spans or b.spans) and not any(same_noun(x, y) for x in a.spans for y in b.spans):
        return True
    if any(bool(a.parts & kind) != bool(b.parts & kind) for kind in (_APART_WORDS, {_TOP}, {_JOINED})):
        return True
    order_a, order_b = a.parts & _ORDER_WORDS, b.parts & _ORDER_WORDS
    return bool(order_a and order_b and order_a != order_b)
