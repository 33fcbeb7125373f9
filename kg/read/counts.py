"""Counts with their qualifiers: exact, more than, at least, fewer than, between.

Bounds are always inclusive integers: "more than 1,100" has minValue 1101;
"<5" (fewer than 5) has minValue 1 when the source implies a non-zero count.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.namespaces import TPPO

# No count of persons or cases exceeds the world's population (about 8.2 billion in 2025):
# a larger number is a typo, and engines disagree on numbers past 64 bits.
LARGEST_COUNT = 10_000_000_000


@dataclass(frozen=True)
class Count:
    """A count as a source states it, with inclusive bounds."""

    qualifier: URIRef
    value: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    stated_as: str | None = None

    def __post_init__(self) -> None:
        for number in (self.value, self.minimum, self.maximum):
            if number is not None and number < 0:
                raise ValueError(f"a count cannot be negative ({number})")
            if number is not None and number > LARGEST_COUNT:
                raise ValueError(
                    f"a count cannot exceed {LARGEST_COUNT:,}, more than any population ({number})"
                )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"bounds are reversed ({self.minimum} > {self.maximum})")


def _number(text: str) -> int:
    cleaned = text.strip().replace("_", "")
    if not cleaned.lstrip("-").isdigit() or len(cleaned) > 20:
        raise ValueError(f"{text!r} is not a whole number of a plausible size")
    return int(cleaned)


def parse_count(spec: dict[str, str] | str) -> Count:
    """Read a count from a facts file.

    Accepts a bare number ("361"), or a mapping with one of ``exactly``,
    ``more_than``, ``at_least``, ``fewer_than``, or ``min`` and ``max``,
    plus an optional ``stated_as`` with the source's own words.
    """
    if isinstance(spec, str):
        n = _number(spec)
        return Count(TPPO.Exactly, value=n, minimum=n, maximum=n)
    stated = spec.get("stated_as")
    keys = set(spec) - {"stated_as"}
    if keys == {"exactly"}:
        n = _number(spec["exactly"])
        return Count(TPPO.Exactly, value=n, minimum=n, maximum=n, stated_as=stated)
    if keys == {"more_than"}:
        return Count(TPPO.MoreThan, minimum=_number(spec["more_than"]) + 1, stated_as=stated)
    if keys == {"at_least"}:
        return Count(TPPO.AtLeast, minimum=_number(spec["at_least"]), stated_as=stated)
    if keys == {"fewer_than"}:
        top = _number(spec["fewer_than"]) - 1
        if top < 0:
            raise ValueError("fewer than 0 is not a count")
        return Count(TPPO.FewerThan, minimum=0, maximum=top, stated_as=stated)
    if keys == {"min", "max"}:
        return Count(
            TPPO.Between, minimum=_number(spec["min"]), maximum=_number(spec["max"]), stated_as=stated
        )
    raise ValueError(
        "a count is a number or one of exactly / more_than / at_least / fewer_than / min+max"
        f" (got keys {sorted(spec)})"
    )
