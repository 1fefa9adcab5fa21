"""People: cleaning a name and telling whether two names can be one person."""

from __future__ import annotations

import re
from functools import lru_cache


_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|dame|gen|lt|col|capt|sen|rep|gov|rev|president|"
                         r"minister|king|queen|prince|princess|pope|sgt|cpl|pvt|det|insp|supt|maj|cmdr|adm)\.?\s+",
                         re.I)


def _clean_name(text: str) -> str:
    """A name without a possessive ending or the honorifics before it; empty when it is only an honorific ("Sgt.")."""
    name = re.sub(r"'s$", "", text.strip())
    while _HONORIFICS.match(name + " "):
        name = _HONORIFICS.sub("", name + " ").strip()
    return name.strip(" ,.")


def _name_key(name: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 1)


@lru_cache(maxsize=100_000)
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
