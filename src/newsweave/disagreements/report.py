"""From compared values to `Disagreement` entries: rival values grouped per fact, supporters added, and
what the fact is, in a few words."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence

from ..align import SentenceRef, connected_groups
from ..models import Article, Disagreement, DisagreementValue
from .mentions import Mention
from .properties import AGE, TOTAL
from .roles import _overlapping_names, _stem_match


MAX_ABOUT_WORDS = 14


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
    # rival values of one fact, with the sources that agree with either side when they state the same value
    links = conflicts + [(i, j) for i, j, agrees in edges if agrees and mentions[i].value.key == mentions[j].value.key]
    in_conflict = {i for pair in conflicts for i in pair}
    components = [members for members in connected_groups(len(mentions), links) if in_conflict & set(members)]
    result: list[tuple[tuple, Disagreement]] = []
    for members in components:
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
    # a value that fits two rival values ("one of about 20" against 19 and 20) takes neither side
    values = [mentions[m].value for m in members]
    members = [m for m in members if not any(
        mentions[m].value.agrees(v) and mentions[m].value.agrees(w) and not v.agrees(w)
        for x, v in enumerate(values) for w in values[x + 1:])]
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
    thing = _most_common(m.thing_text for m in members if m.thing_text)
    if members[0].property == AGE and thing:
        return f"age of the {thing}"
    if members[0].property == TOTAL and thing:
        return f"how many {thing if thing.endswith('s') else thing + 's'} in all"
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
        return _ABOUT_NOUN[kind].format(noun=noun)
    word = {"date": "date", "weekday": "day", "clock": "time"}.get(kind, _KIND_WORD.get(kind, "value"))
    if kind in ("date", "weekday", "clock") and verb:
        who = subject or noun
        if not who:
            return f"{word} {verb}"
        # a person's name takes no article: "day Dana Orrick entered", "date the strike began"
        named = any(m.subject_person and m.subject_text == who for m in members)
        return f"{word} {'' if named else 'the '}{who} {verb}"
    if verb and subject:
        return f"{word}: {subject} {verb}"
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
