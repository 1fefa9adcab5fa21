"""Entities: spaCy NER over every article, mentions merged into canonical people, organisations and places."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Sequence

from .models import Article, Entity

ENTITY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"}
_TITLES = re.compile(
    r"^(?:(?:the|former|then|late|u\.?s\.?|russian|american|british|chinese|prime|deputy|vice|acting|"
    r"president|presidents|minister|secretary|senator|sen\.|rep\.|representative|gov\.|governor|mayor|"
    r"mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?|gen\.?|general|judge|justice|king|queen|prince|princess|pope|chancellor|"
    r"ambassador|spokesman|spokeswoman|spokesperson|chief|director|chairman|chairwoman|ceo|leader|premier|"
    r"foreign|defense|defence|interior|finance|transport|labor|labour|state|sir|dame|lord|lady|saint|st\.)\s+)+",
    re.I)
# Last words of organisations' names that the small model at times reads as people ("Saltmere Terminals", "Harbour
# Wire"); surnames that are also such words (Court, Post, Banks) are left out.
_ORGANISATION_WORDS = {
    "terminals", "holdings", "industries", "airlines", "airways", "shipping", "lines", "motors", "systems",
    "services", "partners", "group", "inc", "ltd", "corp", "corporation", "company", "co", "plc", "gmbh", "bank",
    "news", "wire", "press", "media", "radio", "television", "network", "agency", "union", "party", "council",
    "authority", "ministry", "university", "institute", "foundation", "association", "commission", "committee"}
_POSSESSIVE = re.compile(r"(?:'s|')$")
_MIDDLE_INITIAL = re.compile(r"\s[A-Z]\.(?=\s)")
# Place names written several ways; the first is canonical.
_PLACE_ALIASES = [
    ("United States", {"us", "u.s.", "u.s", "usa", "u.s.a.", "america", "united states of america", "the united states"}),
    ("United Kingdom", {"uk", "u.k.", "u.k", "britain", "great britain", "the united kingdom"}),
    ("European Union", {"eu", "e.u.", "the european union"}),
    ("United Nations", {"un", "u.n.", "u.n", "the united nations"}),
]


@dataclass
class _Group:
    type: str
    names: Counter = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    mentions: int = 0


def name_key(name: str) -> str:
    """A spelling-tolerant key: accents, case, punctuation and y/i, ks/x transliteration choices removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z ]", "", text)
    text = text.replace("ks", "x").replace("y", "i").replace("ou", "u").replace("ph", "f")
    return re.sub(r"(.)\1", r"\1", " ".join(text.split()))


def bare_name(text: str) -> str:
    """A mention without titles, possessives and middle initials ("President Vladimir V. Putin's" → "Vladimir Putin")."""
    text = " ".join(text.replace("\n", " ").split()).strip(" ,.;:\"'()")
    text = _POSSESSIVE.sub("", text)
    text = _TITLES.sub("", text)
    return _MIDDLE_INITIAL.sub("", f" {text} ").strip()


def _place_name(text: str) -> str:
    lowered = text.lower()
    for canonical, aliases in _PLACE_ALIASES:
        if lowered in aliases or lowered == canonical.lower():
            return canonical
    return text


def _role_of(ent) -> str | None:
    """The role a text gives a person by apposition: "Thomas Melia, U.S. deputy assistant secretary …"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1 and child.ent_type_ != "PERSON":
            tokens = [t for t in child.subtree if t.i >= ent.end and not (t.dep_ == "punct" and t.i == child.right_edge.i)]
            role = "".join(t.text_with_ws for t in tokens).strip(" ,")
            if 1 <= len(role.split()) <= 14:
                return role
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON":
        head = root.head
        tokens = [t for t in head.subtree if t.i < ent.start and t.dep_ != "punct" or (t.i < ent.start and t.text == "'s")]
        role = " ".join(t.text for t in tokens).replace(" 's", "'s").strip(" ,")
        if 1 <= len(role.split()) <= 10:
            return role
    # "U.S. Deputy Assistant Secretary of State Thomas Melia": a title written before the name
    prefix = [t for t in ent.doc[max(0, ent.start - 8): ent.start]]
    while prefix and not (prefix[0].is_title or prefix[0].text.isupper()):
        prefix.pop(0)
    if prefix and any(t.lower_ in {"secretary", "minister", "spokesman", "spokeswoman", "president", "director",
                                   "ambassador", "chief", "chairman", "governor", "mayor", "senator"} for t in prefix):
        if all(t.is_title or t.text.isupper() or t.lower_ in {"of", "for", "the", "and"} for t in prefix):
            return " ".join(t.text for t in prefix)
    return None


def extract_entities(articles: Sequence[Article], docs: Sequence) -> list[Entity]:
    """Canonical entities of a story from the spaCy Docs of its articles (one Doc per article text).

    Returns:
        list[Entity]: people first, then organisations and places; each with aliases, role, sources, mentions.
    """
    mentions: list[tuple[str, str, str, str | None]] = []  # (type, name, article id, role)
    for article, doc in zip(articles, docs):
        for ent, text in _named_spans(doc):
            kind = ENTITY_TYPES.get(ent.label_)
            if kind is None:
                continue
            name = bare_name(text) if kind == "PERSON" else re.sub(r"^the\s+", "", " ".join(text.split()), flags=re.I)
            name = _POSSESSIVE.sub("", name).strip(" ,.;:\"'()")
            if kind in ("GPE", "LOC", "ORG"):
                name = _place_name(name)
            if len(name) < 2 or not any(c.isupper() for c in name):
                continue
            if kind == "PERSON" and _organisation_name(name):
                kind = "ORG"
            role = _role_of(ent) if kind == "PERSON" else None
            mentions.append((kind, name, article.id, role))
    return _merge(mentions)


def _named_spans(doc) -> list[tuple[object, str]]:
    """The doc's entities with their text, an organisation the small model cut in two put back together ("the U.S.
    Agency for" + "International Development", "the Bureau of Democracy, Human Rights" and "Labor"), and the office
    in a title left out ("Secretary of State": no organisation "State")."""
    pieces: list[list] = []  # [first entity, last entity] of each name, its pieces when the model cut it
    text = doc.text
    for ent in doc.ents:
        if ent.label_ == "ORG" and len(ent) == 1 and ent.start >= 2 and doc[ent.start - 1].lower_ == "of" \
                and doc[ent.start - 2].lower_ in _OFFICE_HOLDERS:
            continue
        if pieces and ent.label_ == "ORG" and pieces[-1][1].label_ == "ORG":
            previous = pieces[-1][1]
            gap = text[previous.end_char:ent.start_char].strip()
            # cut after its "for" or "of", or at "for" after a body's name ("Agency" for "International
            # Development"); or the last item of a list in the name after "and" ("Democracy, Human Rights and
            # Labor": two organisations, "the State Department and the Pentagon", have no list before it)
            if previous[-1].lower_ in _NAME_JOINERS and not gap or ent[0].is_title and (
                    gap == "for" and previous[-1].lower_ in _BODIES or gap in ("and", "&") and "," in previous.text):
                pieces[-1][1] = ent
                continue
        pieces.append([ent, ent])
    return [(first, text[first.start_char:last.end_char]) for first, last in pieces]


_NAME_JOINERS = {"for", "of", "and", "&"}
_BODIES = _ORGANISATION_WORDS | {"office", "center", "centre", "bureau", "department", "fund", "endowment", "alliance"}
_OFFICE_HOLDERS = {"secretary", "minister", "ministers", "secretaries", "undersecretary"}


def _organisation_name(name: str) -> bool:
    """Whether a name of two words or more ends in a word that names an organisation ("Saltmere Terminals")."""
    words = name.lower().split()
    return len(words) > 1 and words[-1].strip(".") in _ORGANISATION_WORDS


def _merge(mentions: list[tuple[str, str, str, str | None]]) -> list[Entity]:
    groups: dict[tuple[str, str], _Group] = {}
    # Longest names first, so "Putin" can attach to "Vladimir Putin" by surname.
    for kind, name, source, role in sorted(mentions, key=lambda m: -len(m[1].split())):
        key = _find_group(groups, kind, name)
        group = groups.setdefault(key, _Group(type=kind))
        group.names[name] += 1
        group.sources.add(source)
        group.mentions += 1
        if role:
            group.roles[role] += 1
    _fold_mistyped_names(groups)
    entities = []
    for group in groups.values():
        canonical = max(group.names, key=lambda n: (len(n.split()) if group.type == "PERSON" else 0, group.names[n], len(n)))
        entities.append(Entity(
            name=canonical, type=group.type, aliases=sorted(n for n in group.names if n != canonical),
            role=re.sub(r"^(?:the|a|an)\s+", "", group.roles.most_common(1)[0][0]) if group.roles else None,
            sources=sorted(group.sources), mentions=group.mentions))
    order = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "FAC": 5}
    return sorted(entities, key=lambda e: (order.get(e.type, 9), -len(e.sources), -e.mentions, e.name))


def _fold_mistyped_names(groups: dict[tuple[str, str], _Group]) -> None:
    """Give a person the mentions NER typed as a place or organisation ("Melia" tagged GPE once)."""
    people = {key: group for (kind, key), group in groups.items() if kind == "PERSON"}
    surnames = {key.split()[-1]: key for key in people}
    for kind, key in [k for k in groups if k[0] != "PERSON"]:
        bare = name_key(bare_name(max(groups[(kind, key)].names, key=len)))
        target = people.get(bare) or people.get(surnames.get(bare, ""))
        if target is not None:
            group = groups.pop((kind, key))
            target.names.update(group.names)
            target.sources |= group.sources
            target.mentions += group.mentions


def _find_group(groups: dict[tuple[str, str], _Group], kind: str, name: str) -> tuple[str, str]:
    key = name_key(name)
    if (kind, key) in groups:
        return (kind, key)
    if kind == "PERSON":
        tokens = key.split()
        for (other_kind, other_key) in groups:
            if other_kind != "PERSON":
                continue
            other = other_key.split()
            # "Putin" → "Vladimir Putin"; "Dmitri Medvedev" ~ "Dmitry Medvedev" already share a key
            if len(tokens) == 1 and other[-1] == tokens[0]:
                return (other_kind, other_key)
            if len(tokens) >= 2 and len(other) >= 2 and tokens[-1] == other[-1] and tokens[0][0] == other[0][0]:
                return (other_kind, other_key)
    if kind == "ORG":
        for (other_kind, other_key) in groups:
            if other_kind == "ORG" and (other_key.endswith(" " + key) or key.endswith(" " + other_key)):
                return (other_kind, other_key)
    return (kind, key)
