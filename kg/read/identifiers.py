"""The shapes an identifier may take before it becomes part of an IRI, a file name or a link.

Identifiers from sources and reference tables end up in IRIs (``id/country/KHM``), in
links the query editor and the explorer draw, and in paths. Each kind has one pattern,
ASCII only, matched against the whole value; anything else is refused with its file
and line before it reaches a graph. Text meant for people (names, labels) is not an
identifier: it stays a literal and every page escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError


@dataclass(frozen=True)
class Kind:
    """A kind of identifier: its pattern and how to describe it in an error."""

    pattern: re.Pattern[str]
    description: str

    def check(self, value: str, path: Path, line: int, what: str) -> str:
        """Return ``value`` if it has this shape, else raise a DataError at ``path:line``."""
        if not self.pattern.fullmatch(value):
            raise DataError(f"{what} {value!r} is not {self.description}", path, line)
        return value


def _kind(pattern: str, description: str) -> Kind:
    return Kind(re.compile(pattern, re.ASCII), description)


# A source's folder name and the key of a reference dataset: lower case, digits, single dashes.
SLUG = _kind(r"[a-z0-9]+(?:-[a-z0-9]+)*", "a slug (lower-case letters, digits and single dashes)")
# One or more keys of sources.yaml, separated by single spaces (a row that rests on two pages).
SLUGS = _kind(
    r"[a-z0-9]+(?:-[a-z0-9]+)*(?: [a-z0-9]+(?:-[a-z0-9]+)*)*", "one or more source keys separated by spaces"
)
# The slug of a reference row (persons, organisations, posts, places): case is kept (IDN-president).
NAME = _kind(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", "a slug (letters, digits and single dashes)")
NAMES = _kind(
    r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?: [A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)*",
    "one or more names separated by spaces",
)
ISO_ALPHA3 = _kind(r"[A-Z]{3}", "an ISO 3166-1 alpha-3 code (three capital letters)")
ISO_ALPHA2 = _kind(r"[A-Z]{2}", "an ISO 3166-1 alpha-2 code (two capital letters)")
ISO_NUMERIC = _kind(r"[0-9]{3}", "an ISO 3166-1 numeric code (three digits)")
WIKIDATA = _kind(r"Q[1-9][0-9]{0,11}", "a Wikidata item (Q and digits, such as Q424)")
GEONAMES = _kind(r"[1-9][0-9]{0,11}", "a GeoNames id (digits)")
DECIMAL = _kind(r"-?[0-9]{1,3}(?:\.[0-9]{1,10})?", "a decimal number such as -8.4964")
DATE = _kind(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date YYYY-MM-DD")
# A date of the precision a page gives: a year, a month or a day.
ANY_DATE = _kind(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", "a date YYYY, YYYY-MM or YYYY-MM-DD")
YEAR = _kind(r"(?:19|20)[0-9]{2}", "a year YYYY")
ORDINAL = _kind(r"[1-9][0-9]{0,3}", "an ordinal number (1 to 9999)")
# The id of a thing a source's facts may also name: kind/slug (event/2023-05-42nd-asean-summit).
THING = _kind(
    r"[a-z]+(?:-[a-z]+)*/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", "an id kind/slug such as event/42nd-asean-summit"
)
# Any node the reference tables make: kind and one to five slugs, such as
# event/2011-03-4th-bali-process-ministerial-conference or
# tenure/surin-pitsuwan/THA-minister-of-foreign-affairs/1997-11-14.
NODE = _kind(
    r"[a-z]+(?:-[a-z]+)*(?:/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*){1,5}",
    "the id of a row's node, kind/slug or kind/part/part (as its IRI after /id/)",
)
# A file a source names: a plain name in the source's own folder, no path, not hidden.
FILE_NAME = _kind(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*", "a file name in the source's folder")
# A web address shown as a link: http or https only, no spaces, quotes or angle brackets.
URL = _kind(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[^\s\"'<>\\^`{|}]*)?", "an http(s) URL")
LANGUAGE = _kind(r"[a-z]{2,3}", "a language code such as id or en")


def optional(kind: Kind, value: str, path: Path, line: int, what: str) -> str:
    """Check ``value`` against ``kind`` unless it is empty (an unknown value)."""
    return kind.check(value, path, line, what) if value else value
