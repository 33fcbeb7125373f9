"""The columns of each reference table in ``data/reference/`` and what each may hold.

Every column that becomes part of an IRI or a link has a pattern (``kg.read.identifiers``):
codes, slugs, Wikidata items, GeoNames ids, dates and coordinates. Names and labels
are free text: they stay literals, and every page escapes them.
"""

from __future__ import annotations

from kg.read.identifiers import (
    ANY_DATE,
    DATE,
    DECIMAL,
    GEONAMES,
    ISO_ALPHA2,
    ISO_ALPHA3,
    ISO_NUMERIC,
    NAME,
    NAMES,
    NODE,
    ORDINAL,
    SLUG,
    SLUGS,
    THING,
    WIKIDATA,
    YEAR,
)
from kg.read.tables import TEXT, Column, optional, required

SOURCE = required(SLUG)  # a key of sources.yaml
SOURCES = required(SLUGS)  # one or more keys of sources.yaml
COUNTRY_COLUMNS: dict[str, Column] = {
    "iso3": required(ISO_ALPHA3),
    "iso2": required(ISO_ALPHA2),
    "numeric": optional(ISO_NUMERIC),
    "name_en": TEXT,
    "name_id": TEXT,
    "aliases": TEXT,
    "wikidata": optional(WIKIDATA),
    "geonames": optional(GEONAMES),
    "capital": TEXT,
    "capital_lat": optional(DECIMAL),
    "capital_lon": optional(DECIMAL),
    "code_source": SOURCE,
}
PERSON_COLUMNS = {
    "slug": required(NAME),
    "name": TEXT,
    "alternate_names": TEXT,
    "source": SOURCE,
    "wikidata": optional(WIKIDATA),
    "wikidata_source": optional(SLUG),  # the page that shows the item, a key of sources.yaml
}
ORGANISATION_COLUMNS = {
    "slug": required(NAME),
    "type": TEXT,
    "name_en": TEXT,
    "name_id": TEXT,
    "country": optional(ISO_ALPHA3),
    "parent": optional(NAME),
    "source": SOURCE,
    "wikidata": optional(WIKIDATA),
    "wikidata_source": optional(SLUG),
}
POST_COLUMNS = {
    "slug": required(NAME),
    "role": optional(NAMES),  # HeadOfState, HeadOfGovernment, ForeignMinister; a president may be both heads
    "name_en": TEXT,
    "name_id": TEXT,
    "organisation": required(NAME),
    "source": SOURCES,  # the pages that name the post (and its roles)
}
TENURE_COLUMNS = {
    "person": required(NAME),
    "post": required(NAME),
    "start": required(ANY_DATE),  # at the precision the page gives: a day, a month or a year
    "end": optional(ANY_DATE),
    "capacity": TEXT,  # empty, or "acting" (acting, interim or caretaker)
    "source": SOURCES,
}
MEMBERSHIP_COLUMNS = {
    "member": required(ISO_ALPHA3),
    "organisation": required(NAME),
    "start": required(DATE),
    "end": optional(DATE),
    "source": SOURCE,
}
PLACE_COLUMNS = {
    "slug": required(NAME),
    "type": TEXT,
    "name_en": TEXT,
    "name_id": TEXT,
    "country": optional(ISO_ALPHA3),
    "contained_in": optional(NAME),
    "geonames": optional(GEONAMES),
    "lat": optional(DECIMAL),
    "lon": optional(DECIMAL),
    "source": SOURCE,
}
SERIES_COLUMNS = {
    "slug": required(SLUG),
    "type": TEXT,  # what its meetings are: Summit | MinisterialMeeting
    "name_en": TEXT,
    "name_id": TEXT,
    "source": SOURCE,
}
SUMMIT_COLUMNS = {
    "id": required(THING),
    "series": required(SLUG),
    "ordinal": optional(ORDINAL),
    "name_en": TEXT,
    "name_id": TEXT,
    "start": optional(ANY_DATE),
    "end": optional(ANY_DATE),
    "host": optional(ISO_ALPHA3),
    "city": optional(NAME),
    "wikidata": optional(WIKIDATA),
    "source": SOURCES,
    "note": TEXT,
}
AGREEMENT_COLUMNS = {
    "id": required(THING),
    "type": TEXT,
    "name_en": TEXT,
    "name_id": TEXT,
    "adopted_by": optional(NAME),
    "adopted_at": optional(THING),
    "made": optional(ANY_DATE),
    "in_force": optional(ANY_DATE),
    "about": TEXT,  # trafficking | transnational-crime
    "wikidata": optional(WIKIDATA),
    "source": SOURCES,
    "note": TEXT,
}
TREATY_ACTION_COLUMNS = {
    "agreement": required(THING),
    "party": required(ISO_ALPHA3),
    "kind": TEXT,
    "date": required(ANY_DATE),
    "source": SOURCE,
    "note": TEXT,
}
TIER_COLUMNS = {
    "country": required(ISO_ALPHA3),
    "report_year": required(YEAR),
    "tier": TEXT,
    "source": SOURCE,
    "note": TEXT,
}
ALTERNATIVE_COLUMNS = {
    "subject": required(NODE),  # the node whose value another page gives otherwise
    "column": TEXT,  # which value: start, end, made, in_force or date
    "value": required(ANY_DATE),  # what the other page gives, at its precision
    "source": SOURCE,  # the other page
    "note": TEXT,  # why the graph prefers the tables' value (required)
}
