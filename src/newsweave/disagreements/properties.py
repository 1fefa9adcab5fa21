"""Properties of one thing, whichever sentence states them: how old it is ("a three-year-old project", "was
established nearly four years ago") and how many of its kind there are ("one of 20 groups", "the third panel, out
of a total of 19"). The thing, not the sentence, gives such a value its role, so these are compared across any two
sentences of different outlets, where other values are compared only in sentences stating one fact."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..nlp import lemma
from ..timeline import FOUNDING_VERBS
from .mentions import Mention, written_phrase
from .roles import _HUMAN_NOUNS, _stem_match
from .values import _hedge_of, _temporal

AGE = "age"
TOTAL = "total"

_AGE = re.compile(r"^(.+?)[\s-]+(year|month|week|decade)s?[\s-]+old$", re.I)
_AGO = re.compile(r"^(.+?)\s+ago$", re.I)
# Words for people: a set of them ("one of 12 people killed") is seldom one set across outlets, and a person's age
# is compared with the person's other values.
_PEOPLE = _HUMAN_NOUNS | {"boy", "girl", "son", "daughter", "student", "victim", "candidate", "passenger", "patient"}


def thing_properties(mentions: Sequence[Mention], docs: Sequence) -> list[Mention]:
    """Copies of the mentions that state a thing's age or the size of a set it is one of, with the property,
    the thing and (for an age) the age as a length of time: "nearly four years ago" is "nearly four years".

    Args:
        mentions: the story's mentions (`extract_mentions`).
        docs: the spaCy Doc of each article's text.
    """
    found = []
    for mention in mentions:
        span = docs[mention.article].char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if mention.value.kind == "count":
            thing = _set_member(span)
            if thing is not None:
                found.append(replace(mention, property=TOTAL, thing=lemma(thing), thing_text=_compound(thing)))
        elif mention.value.kind in ("duration", "date"):
            age = _age(mention, span)
            if age is not None:
                found.append(age)
    return found


def same_property(a: Mention, b: Mention) -> bool:
    """Whether two property mentions state one property of one thing (an age, once at least from its start)."""
    if a.property != b.property or not _stem_match(a.thing, b.thing):
        return False
    return a.property != AGE or a.founding or b.founding


def _set_member(span):
    """The thing a count is the size of a set of: "one of 20 groups" (groups), "the working group was one of about
    20" (group), "the third panel, out of a total of 19" (panel); None when the count is no such total."""
    root = span.root
    counted = root.head if root.dep_ == "nummod" and root.head.pos_ == "NOUN" else None
    of = (counted or root).head if (counted or root).dep_ == "pobj" else None
    if of is None or of.lower_ != "of":
        return None
    above = of.head
    if above.lower_ == "total" and above.dep_ == "pobj" and above.head.lower_ == "of":
        above = above.head.head  # "out of a total of 19", "one of a total of 19"
    if above.lower_ == "out":
        member = above.head
    elif above.lower_ == "one" and above.dep_ in ("attr", "appos", "nsubj", "dobj", "pobj"):
        member = counted or _subject_of(above)
    else:
        return None
    if member is None or member.pos_ != "NOUN" or lemma(member) in _PEOPLE:
        return None
    return member


def _subject_of(token):
    """The subject of the clause a complement belongs to ("the group was one of …": group)."""
    verb = token.head if token.dep_ == "attr" else None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None


def _age(mention: Mention, span) -> Mention | None:
    """A thing's age: "a three-year-old project" (the project, or what it stands in apposition to) or "the group was
    set up nearly four years ago" (the group), as a length of time."""
    text = span.text.strip()
    age = _AGE.match(text)
    if age and mention.value.kind == "duration" and span.root.dep_ == "amod" and span.root.head.pos_ == "NOUN":
        thing = span.root.head
        thing = thing.head if thing.dep_ == "appos" and thing.head.pos_ == "NOUN" else thing  # "X, a 3-year-old Y"
        length, founding = f"{age.group(1)} {age.group(2)}s", False
    else:
        ago = _AGO.match(text)
        verb = span.root.head if span.root.dep_ in ("advmod", "npadvmod") else None
        if not ago or mention.value.kind != "date" or verb is None or lemma(verb) not in FOUNDING_VERBS or (
                lemma(verb) == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)):
            return None
        thing = next((c for c in verb.children if c.dep_ == ("nsubjpass" if any(
            c.dep_ == "auxpass" for c in verb.children) else "dobj")), None)
        length, founding = ago.group(1), True
    if thing is None or thing.pos_ != "NOUN" or lemma(thing) in _PEOPLE:
        return None
    hedge, words, rest = _hedge_of(length)
    value = _temporal(rest, hedge, words, "DATE", None, False)
    if value is None or value.kind != "duration":
        return None
    return replace(mention, value=value, property=AGE, thing=lemma(thing), thing_text=_compound(thing),
                   founding=founding)


def _compound(noun) -> str:
    return written_phrase([*(c for c in noun.children if c.dep_ == "compound" and c.i < noun.i), noun])
