"""How much of a curated facts file a draft recovers: type, key references, date and count.

A curated fact is recovered when some draft fact of the same type agrees on every key
field the curated one has (participants, author, parties, origin, destination, who
adopted or repatriated, the date, made, period, as-of date and the count). Places are
recovered by type and name.
"""

from __future__ import annotations

import re
from typing import Any

KEY_FIELDS = ("participant", "author", "party", "origin", "destination", "adopted_by", "repatriated_from",
              "date", "made", "period", "as_of", "count")  # fmt: skip
PLACE_TYPES = {"Hotel", "Place", "City"}


def _norm(value: Any) -> Any:
    if isinstance(value, str) and "/" in value:
        return [value]
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    if isinstance(value, dict):
        return sorted((k, str(v)) for k, v in value.items() if k != "stated_as")
    return str(value)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _place_name(fact: dict[str, Any]) -> set[str]:
    label = fact.get("label")
    names = label.values() if isinstance(label, dict) else [str(label)]
    return set().union(*(_words(str(n)) for n in names))


def recovered(curated: dict[str, Any], draft: list[dict[str, Any]]) -> bool:
    """True when some draft fact matches the curated one."""
    for fact in draft:
        if fact.get("type") != curated.get("type"):
            continue
        if curated["type"] in PLACE_TYPES:
            mine = _place_name(fact)
            if mine and mine <= _place_name(curated):
                return True
            continue
        if all(k in fact and _norm(fact[k]) == _norm(curated[k]) for k in KEY_FIELDS if k in curated):
            return True
    return False


def recovery(curated: list[dict[str, Any]], draft: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """How many curated facts the draft recovers, and the ids of those it misses."""
    missed = [str(f.get("id")) for f in curated if not recovered(f, draft)]
    return len(curated) - len(missed), missed
