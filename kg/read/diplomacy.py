"""Background of the diplomacy: meeting series and summits, agreements, treaty actions, TIP tiers.

Four reference tables in ``data/reference/``, read after the other tables (they refer to
countries, places and sources): ``event-series.csv``, ``summits.csv``, ``agreements.csv``,
``treaty-actions.csv`` and ``tip-tiers.csv``. Every row cites a key of ``sources.yaml``; a
summit or an agreement that a source's facts also describe keeps the source's id
(``event/2023-05-42nd-asean-summit``), so that it stays one node.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.errors import DataError
from kg.namespaces import ID, OWL, QB, RDF, RDFS, SDO, TPPO, XSD
from kg.read.dates import date_at
from kg.read.refcolumns import (
    AGREEMENT_COLUMNS,
    SERIES_COLUMNS,
    SUMMIT_COLUMNS,
    TIER_COLUMNS,
    TREATY_ACTION_COLUMNS,
)
from kg.read.tables import Table

if TYPE_CHECKING:
    from kg.read.reference import Reference

AGREEMENT_TYPES = {
    "Convention": TPPO.Convention,
    "Protocol": TPPO.Protocol,
    "Declaration": TPPO.Declaration,
    "PlanOfAction": TPPO.PlanOfAction,
    "MemorandumOfUnderstanding": TPPO.MemorandumOfUnderstanding,
    "Agreement": TPPO.Agreement,
}
# Instruments that bind (or commit) their parties when signed: the signature makes a party.
BINDING_ON_SIGNATURE = {"MemorandumOfUnderstanding", "Agreement"}
TOPICS = {"trafficking": TPPO.TraffickingInPersons, "transnational-crime": TPPO.TransnationalCrime}
ACTION_KINDS = {"signature": TPPO.Signature, "ratification": TPPO.Ratification, "accession": TPPO.Accession}
TIERS = {"1": TPPO.Tier1, "2": TPPO.Tier2, "2WL": TPPO.Tier2WatchList, "3": TPPO.Tier3}
TIP_DATASET = ID["dataset/us-tip-report"]


def _wikidata(ref: Reference, node: URIRef, item: str) -> None:
    if item:
        ref.graph.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{item}")))


def _note(ref: Reference, node: URIRef, note: str) -> None:
    if note:
        ref.graph.add((node, TPPO.curatorNote, Literal(note, lang="en")))


def load_diplomacy(ref: Reference) -> None:
    """Add the diplomacy tables to ``ref.graph``; a bad row is a DataError naming file and line."""
    kinds = _series(ref)
    _summits(ref, kinds)
    _agreements(ref)
    _treaty_actions(ref)
    _tiers(ref)


MEETING_TYPES = {"Summit": TPPO.Summit, "MinisterialMeeting": TPPO.MinisterialMeeting}


def _series(ref: Reference) -> dict[str, URIRef]:
    """The series of meetings; returns the class of each series' meetings."""
    path = ref.folder / "event-series.csv"
    kinds: dict[str, URIRef] = {}
    for line, row in Table(path, SERIES_COLUMNS).rows():
        if row["type"] not in MEETING_TYPES:
            raise DataError(f"type {row['type']!r} is not one of {', '.join(MEETING_TYPES)}", path, line)
        kinds[row["slug"]] = MEETING_TYPES[row["type"]]
        node = ID[f"event-series/{row['slug']}"]
        ref.graph.add((node, RDF.type, SDO.EventSeries))
        ref._labels(node, row["name_en"], row["name_id"])
        ref.graph.add((node, SDO.name, Literal(row["name_en"])))
        ref._cite(node, row["source"], path, line)
    return kinds


def _summits(ref: Reference, kinds: dict[str, URIRef]) -> None:
    path = ref.folder / "summits.csv"
    g = ref.graph
    seen: dict[tuple[str, int], int] = {}
    for line, row in Table(path, SUMMIT_COLUMNS).rows():
        node = ID[row["id"]]
        series = ID[f"event-series/{row['series']}"]
        if (series, RDF.type, SDO.EventSeries) not in g:
            raise DataError(f"unknown series {row['series']!r} (not in event-series.csv)", path, line)
        g.add((node, RDF.type, kinds[row["series"]]))
        ref._labels(node, row["name_en"], row["name_id"])
        g.add((node, TPPO.series, series))
        if row["ordinal"]:
            key = (row["series"], int(row["ordinal"]))
            if key in seen:
                raise DataError(
                    f"ordinal {row['ordinal']} of {row['series']} already on line {seen[key]}", path, line
                )
            seen[key] = line
            g.add((node, TPPO.ordinal, Literal(int(row["ordinal"]), datatype=XSD.integer)))
        for column, prop in (("start", SDO.startDate), ("end", SDO.endDate)):
            if row[column]:
                g.add((node, prop, date_at(row[column], path, line)))
        if row["end"] and not row["start"]:
            raise DataError("an end date needs a start date", path, line)
        if row["host"]:
            g.add((node, TPPO.hostCountry, ref._country(row["host"], path, line)))
        if row["city"]:
            city = ID[f"place/{row['city']}"]
            if (city, None, None) not in g:
                raise DataError(f"unknown place {row['city']!r} (not in places.csv)", path, line)
            g.add((node, SDO.location, city))
        _wikidata(ref, node, row["wikidata"])
        _note(ref, node, row["note"])
        ref._cite(node, row["source"], path, line)


def _agreements(ref: Reference) -> None:
    path = ref.folder / "agreements.csv"
    g = ref.graph
    for line, row in Table(path, AGREEMENT_COLUMNS).rows():
        node = ID[row["id"]]
        if row["type"] not in AGREEMENT_TYPES:
            raise DataError(f"unknown agreement type {row['type']!r}", path, line)
        g.add((node, RDF.type, AGREEMENT_TYPES[row["type"]]))
        ref._labels(node, row["name_en"], row["name_id"])
        if row["adopted_by"]:
            g.add((node, TPPO.adoptedBy, ID[f"org/{row['adopted_by']}"]))
        if row["adopted_at"]:
            g.add((node, TPPO.adoptedAt, ID[row["adopted_at"]]))
        if row["made"]:
            g.add((node, SDO.legislationDate, date_at(row["made"], path, line)))
        if row["in_force"]:
            g.add((node, TPPO.enteredIntoForce, date_at(row["in_force"], path, line)))
        if row["about"] not in TOPICS:
            raise DataError(f"about {row['about']!r} is not one of {', '.join(TOPICS)}", path, line)
        g.add((node, SDO.about, TOPICS[row["about"]]))
        _wikidata(ref, node, row["wikidata"])
        _note(ref, node, row["note"])
        ref._cite(node, row["source"], path, line)


def _treaty_actions(ref: Reference) -> None:
    path = ref.folder / "treaty-actions.csv"
    g = ref.graph
    signed_binds = {a for kind in BINDING_ON_SIGNATURE for a in g.subjects(RDF.type, AGREEMENT_TYPES[kind])}
    for line, row in Table(path, TREATY_ACTION_COLUMNS).rows():
        agreement = ID[row["agreement"]]
        if (agreement, RDFS.label, None) not in g:
            raise DataError(f"unknown agreement {row['agreement']!r} (not in agreements.csv)", path, line)
        if row["kind"] not in ACTION_KINDS:
            raise DataError(f"kind {row['kind']!r} is not one of {', '.join(ACTION_KINDS)}", path, line)
        party = ref._country(row["party"], path, line)
        slug = row["agreement"].rsplit("/", 1)[-1]
        node = ID[f"treaty-action/{slug}/{row['party']}/{row['kind']}/{row['source']}"]
        g.add((node, RDF.type, TPPO.TreatyAction))
        g.add((node, TPPO.agreement, agreement))
        g.add((node, TPPO.party, party))
        g.add((node, TPPO.actionKind, ACTION_KINDS[row["kind"]]))
        g.add((node, TPPO.actionDate, date_at(row["date"], path, line)))
        label = f"{row['party']}: {row['kind']} of {slug}, {row['date']}"
        g.add((node, RDFS.label, Literal(label, lang="en")))
        if row["kind"] != "signature" or agreement in signed_binds:
            g.add((node, RDF.type, TPPO.BindingAction))  # a treaty's signature alone binds no state
            g.add((agreement, TPPO.party, party))
        _note(ref, node, row["note"])
        ref._cite(node, row["source"], path, line)


def _tiers(ref: Reference) -> None:
    path = ref.folder / "tip-tiers.csv"
    g = ref.graph
    rows = list(Table(path, TIER_COLUMNS).rows())
    if rows:
        g.add((TIP_DATASET, RDF.type, QB.DataSet))
        ref._labels(
            TIP_DATASET,
            "US State Department, Trafficking in Persons Report: tier placements",
            "Departemen Luar Negeri AS, Laporan Perdagangan Orang: peringkat tier",
        )
    for line, row in rows:
        if row["tier"] not in TIERS:
            raise DataError(f"tier {row['tier']!r} is not one of {', '.join(TIERS)}", path, line)
        country = ref._country(row["country"], path, line)
        node = ID[f"tier-placement/{row['country']}/{row['report_year']}"]
        g.add((node, RDF.type, TPPO.TierPlacement))
        g.add((node, QB.dataSet, TIP_DATASET))
        g.add((node, TPPO.country, country))
        g.add((node, TPPO.refPeriod, Literal(row["report_year"], datatype=XSD.gYear)))
        g.add((node, TPPO.tier, TIERS[row["tier"]]))
        label = f"TIP Report {row['report_year']}: {row['country']} on tier {row['tier']}"
        g.add((node, RDFS.label, Literal(label, lang="en")))
        _note(ref, node, row["note"])
        ref._cite(node, row["source"], path, line)
        ref._cite(TIP_DATASET, row["source"], path, line)


def has_tables(folder: Path) -> bool:
    """Whether the reference folder holds the diplomacy tables (older projects may not)."""
    return (folder / "summits.csv").is_file()
