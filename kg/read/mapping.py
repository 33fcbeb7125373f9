"""How the keys of a facts file map to RDF: the fact types and the property keys.

This table is ours to keep: add a key here, declare its term in the ontology, and
give it a shape in ``ontology/shapes.ttl``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rdflib import URIRef

from kg.namespaces import ORG, PROV, QB, SDO, SEM, TPPO


class Kind(Enum):
    """What a value in a facts file is."""

    REF = "a reference such as country/KHM, person/hun-manet or tppo:OnlineScamWork"
    DATE = "a date: YYYY, YYYY-MM or YYYY-MM-DD"
    TEXT = "text, or a mapping of language tags to text (en: ..., id: ...)"
    COUNT = "a count: a number, or exactly / more_than / at_least / fewer_than / min+max"


@dataclass(frozen=True)
class Key:
    """One property key of a facts file."""

    predicate: URIRef
    kind: Kind


TYPES: dict[str, tuple[URIRef, ...]] = {
    "AbsenceOfStatement": (TPPO.AbsenceOfStatement,),
    "AdministrativeArea": (SDO.AdministrativeArea,),
    "BilateralMeeting": (TPPO.BilateralMeeting,),
    "CaseCount": (TPPO.CaseCount,),
    "City": (SDO.City,),
    "DataSet": (QB.DataSet,),
    "Declaration": (TPPO.Declaration,),
    "GovernmentOrganization": (SDO.GovernmentOrganization, ORG.FormalOrganization),
    "Hotel": (SDO.Hotel,),
    "MemorandumOfUnderstanding": (TPPO.MemorandumOfUnderstanding,),
    "Place": (SDO.Place,),
    "PressConference": (TPPO.PressConference,),
    "Quotation": (TPPO.Quotation,),
    "Repatriation": (TPPO.Repatriation,),
    "Statement": (TPPO.Statement,),
    "Summit": (TPPO.Summit,),
    "TrendClaim": (TPPO.TrendClaim,),
    "VictimFlow": (TPPO.VictimFlow,),
    "WrittenStatement": (TPPO.WrittenStatement,),
}

KEYS: dict[str, Key] = {
    # names and descriptions
    "name": Key(SDO.name, Kind.TEXT),
    "description": Key(SDO.description, Kind.TEXT),
    "text": Key(SDO.text, Kind.TEXT),
    # events and places
    "participant": Key(SEM.hasActor, Kind.REF),
    "location": Key(SDO.location, Kind.REF),
    "date": Key(SDO.startDate, Kind.DATE),
    "end_date": Key(SDO.endDate, Kind.DATE),
    "sideline_of": Key(SDO.superEvent, Kind.REF),
    "topic": Key(SDO.about, Kind.REF),
    "about": Key(SDO.about, Kind.REF),
    "contained_in": Key(SDO.containedInPlace, Kind.REF),
    "country": Key(TPPO.country, Kind.REF),
    # agreements
    "party": Key(TPPO.party, Kind.REF),
    "adopted_by": Key(TPPO.adoptedBy, Kind.REF),
    "adopted_at": Key(TPPO.adoptedAt, Kind.REF),
    "made": Key(SDO.legislationDate, Kind.DATE),
    "cooperation_area": Key(TPPO.cooperationArea, Kind.REF),
    "status": Key(TPPO.implementationStatus, Kind.REF),
    # statements
    "author": Key(SDO.author, Kind.REF),
    "kind": Key(TPPO.statementKind, Kind.REF),
    "addressee": Key(TPPO.addressee, Kind.REF),
    "occasion": Key(TPPO.occasion, Kind.REF),
    "quoted_from": Key(PROV.wasQuotedFrom, Kind.REF),
    "responds_to": Key(TPPO.respondsTo, Kind.REF),
    "publisher": Key(SDO.publisher, Kind.REF),
    "expected_from": Key(TPPO.expectedFrom, Kind.REF),
    "channel_checked": Key(TPPO.channelChecked, Kind.TEXT),
    # figures
    "recorded_by": Key(TPPO.recordedBy, Kind.REF),
    "dataset": Key(QB.dataSet, Kind.REF),
    "period": Key(TPPO.refPeriod, Kind.DATE),
    "as_of": Key(TPPO.asOf, Kind.DATE),
    "scope": Key(TPPO.scope, Kind.TEXT),
    "count": Key(TPPO.count, Kind.COUNT),
    "measure": Key(TPPO.measure, Kind.REF),
    "direction": Key(TPPO.trendDirection, Kind.REF),
    "magnitude": Key(TPPO.trendMagnitude, Kind.TEXT),
    "repatriated_from": Key(TPPO.repatriatedFrom, Kind.REF),
    "repatriated_to": Key(TPPO.repatriatedTo, Kind.REF),
    "carried_out_by": Key(TPPO.carriedOutBy, Kind.REF),
    "citizenship": Key(TPPO.victimCitizenship, Kind.REF),
    "exploitation": Key(TPPO.exploitationForm, Kind.REF),
    "reported_by": Key(TPPO.reportedBy, Kind.REF),
    "origin": Key(TPPO.origin, Kind.REF),
    "transit": Key(TPPO.transit, Kind.REF),
    "destination": Key(TPPO.destination, Kind.REF),
}

# Keys every fact may carry that are not properties of the fact itself.
# ``confidence`` (0-1) is the reader's estimate on a machine proposal; ``reviewed_by`` names
# the person who accepted one in ``tppo-kg review`` (the source's curator stays the curator).
RESERVED = {"id", "type", "label", "evidence", "note", "method", "confidence", "reviewed_by"}
METHODS = {"curated": TPPO.Curated, "machine": TPPO.MachineExtracted}
