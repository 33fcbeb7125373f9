"""IRIs: minting the names of things, and shortening IRIs for people to read.

The namespaces and prefix tables are in ``kg.namespaces``; this module is the one place that
puts a name together (a country, a figure, a thing of a kind) or takes one apart (``tppo:``,
``country/KHM``), so that the build, the import, the queries and the views agree.
"""

from __future__ import annotations

import functools

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Identifier

from kg.namespaces import ALL_PREFIXES, ID, PREFIXES, RDF, SDO, TPPO

# --- minting ---------------------------------------------------------------------------------

COUNTRIES = str(ID["country/"])  # every country's IRI starts with it

MEASURE_SLUGS = {str(TPPO.VictimsDetected): "detected", str(TPPO.VictimsRepatriated): "repatriated"}


def thing(path: str) -> URIRef:
    """``.../id/<kind>/<slug>``: a thing of ours, ``path`` being ``kind/slug`` (or a longer path)."""
    return ID[path]


def country(code: str) -> URIRef:
    """``.../id/country/KHM``: ``code`` is ISO 3166-1 alpha-3."""
    return ID[f"country/{code}"]


def country_code(iri: object) -> str | None:
    """``KHM`` for a country's IRI, else None."""
    text = str(iri) if iri is not None else ""
    return text[len(COUNTRIES) :] if text.startswith(COUNTRIES) else None


def figure_iri(
    origin: str, destination: str, period: str | None, as_of: str | None, measure: str | None
) -> str:
    """One name for each figure: a corridor, a period (or the date of a cumulative total) and a
    measure: ``.../id/figure/IDN-KHM/2024/repatriated``, ``.../as-of-2024-01-04/repatriated``,
    ``.../undated/unspecified``; codes are ISO 3166-1 alpha-3, dates as stated.

    Claims about the same figure are put side by side and counted together, so the name must
    separate what is not the same quantity: victims detected and victims repatriated are two
    measures; a total reached by a date ("more than 1,100 by 4 January 2024") is not the count
    of that year; a month is not its year.
    """
    when = period if period else f"as-of-{as_of}" if as_of else "undated"
    slug = MEASURE_SLUGS.get(measure or "", "unspecified")
    return str(ID[f"figure/{origin}-{destination}/{when}/{slug}"])


def node(iri: Identifier | str) -> ox.NamedNode:
    """An IRI as a pyoxigraph term."""
    return ox.NamedNode(str(iri))


RDF_TYPE = node(RDF.type)

# --- shortening ------------------------------------------------------------------------------

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def prefixed(iri: str) -> str:
    """``tppo:Corridor``, ``id:country/KHM``: the longest namespace of ``PREFIXES`` that the
    IRI starts with, else the IRI as it is (for tables and the ontology's page)."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@functools.lru_cache(maxsize=65536)
def compact(iri: str) -> str:
    """``country:KHM``: the longest namespace of ``ALL_PREFIXES`` (the kinds of things too)
    that leaves a non-empty local name not starting with ``//``, else the IRI (JSON-LD)."""
    best = ""
    for prefix, ns in ALL_PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(ALL_PREFIXES.get(best, "")):
            rest = iri[len(ns) :]
            if rest and not rest.startswith("//"):
                best = prefix
    return f"{best}:{iri[len(ALL_PREFIXES[best]) :]}" if best else iri


def id_path(iri: Identifier | str) -> str:
    """``country/KHM`` for ``.../id/country/KHM``; other IRIs as they are (the explorer's keys)."""
    text = str(iri)
    return text[len(str(ID)) :] if text.startswith(str(ID)) else text


_IN_MESSAGES = ((str(ID), ""), (str(TPPO._NS), "tppo:"), (str(SDO._NS), "schema:"))


def in_message(term: object) -> str:
    """A term in a validation problem: our things by path (``country/KHM``), ``tppo:`` and
    ``schema:`` terms prefixed, anything else in full."""
    text = str(term)
    for namespace, short in _IN_MESSAGES:
        if text.startswith(namespace):
            return short + text[len(namespace) :]
    return text
