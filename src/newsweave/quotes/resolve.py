"""Speakers resolved to the story's canonical entities: names, then descriptions through roles."""

from __future__ import annotations

import re
from typing import Sequence

from ..entities import bare_name, name_key
from ..models import Entity
from .article import Attribution
from .lexicon import _FEMALE, _MALE, _NO_ANTECEDENT, _PERSON_NOUNS, _PERSONAL


def _resolve(attribution: Attribution, entities: Sequence[Entity], article_id: str) -> tuple[str | None, str | None]:
    """The canonical speaker name and role of an attribution (None when no speaker is found)."""
    if attribution.name:
        entity = _entity_by_name(attribution.name, entities)
        if entity is not None:
            return entity.name, entity.role or _role_from_text(attribution)
        bare = bare_name(attribution.name)
        if bare and bare[0].isupper():
            return bare, _role_from_text(attribution)
        return None, _role_from_text(attribution)
    if attribution.description:
        entity = _entity_by_description(attribution.description, entities, article_id, attribution.gender)
        if entity is not None:
            return entity.name, entity.role or (_clean_role(attribution.description) if entity.type == "PERSON" else None)
        return None, _clean_role(attribution.description)
    return None, None


def _role_from_text(attribution: Attribution) -> str | None:
    if attribution.speaker and attribution.name and attribution.speaker != attribution.name:
        role = attribution.speaker.replace(attribution.name, "").strip(" ,")
        role = _clean_role(role)
        if role and len(role.split()) <= 12 and role.lower() not in _PERSONAL and role.lower() not in _NO_ANTECEDENT:
            return role
    return None


def _clean_role(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,"), flags=re.I)
    return text or None


def _entity_by_name(name: str, entities: Sequence[Entity]) -> Entity | None:
    key = name_key(bare_name(re.sub(r"^the\s+", "", name, flags=re.I)))
    if not key:
        return None
    for entity in entities:
        if any(name_key(bare_name(n)) == key for n in [entity.name, *entity.aliases]):
            return entity
    tokens = key.split()
    people = [e for e in entities if e.type == "PERSON"]
    by_surname = [e for e in people if name_key(bare_name(e.name)).split()[-1:] == tokens[-1:]]
    if len(tokens) >= 2:
        by_surname = [e for e in by_surname if name_key(bare_name(e.name)).split()[0][:1] == tokens[0][:1]]
    if len(by_surname) == 1:
        return by_surname[0]
    others = [e for e in entities if e.type != "PERSON"
              and (f" {key} " in f" {name_key(e.name)} " or f" {name_key(e.name)} " in f" {key} ")]
    if len(others) == 1:
        return others[0]
    return None


_ROLE_STOP = {"the", "a", "an", "of", "for", "and", "to", "in", "its", "his", "her", "their", "'s", "s"}


def _words(text: str) -> list[str]:
    """Lower-cased content words, "U.S." as "us", possessives and function words dropped."""
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)|(?<=\b[a-z]\.[a-z])\.", "", text.lower())
    return [w for w in re.findall(r"[a-z]+", text.replace("'s", "")) if w not in _ROLE_STOP and len(w) > 1]


def _entity_by_description(description: str, entities: Sequence[Entity], article_id: str,
                           gender: str | None) -> Entity | None:
    """The one entity a description fits: a person whose role (with name) holds every word of it ("the
    spokesman", "Putin's spokesman", "union spokeswoman"), or an organisation whose name does ("the ministry")."""
    words = _words(description)
    if not words:
        return None
    head = words[-1]
    if head in _PERSON_NOUNS or head in _FEMALE or head in _MALE:
        people = []
        for entity in entities:
            if entity.type != "PERSON" or not entity.role:
                continue
            known = set(_words(" ".join([entity.role, entity.name, *entity.aliases])))
            if all(w in known for w in words):
                people.append((article_id in entity.sources, entity))
        here = [p for p in people if p[0]] or people
        return here[0][1] if len(here) == 1 else None
    orgs = [e for e in entities if e.type in {"ORG", "GPE"} and all(w in set(_words(e.name)) for w in words)]
    return orgs[0] if len(orgs) == 1 else None
