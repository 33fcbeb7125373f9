"""Namespaces of the project and of the vocabularies it reuses.

Python code names terms only through the closed namespaces below: a misspelt term
raises at import or call time instead of minting a new IRI. ``tests/test_ontology.py``
checks that every term listed here is declared in ``ontology/tppo.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

BASE = "https://w3id.org/tppo-kg/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "id/graph/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
BUILD_AGENT = ID["agent/tppo-kg-build"]  # the software agent that derives facts and totals


class TPPO(DefinedNamespace):
    """Terms of the tppo-kg ontology (``ontology/tppo.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    AbsenceOfStatement: URIRef
    AlternativeClaim: URIRef
    Accession: URIRef
    Adopted: URIRef
    Agreement: URIRef
    Appreciation: URIRef
    AtLeast: URIRef
    AwaitingImplementation: URIRef
    Between: URIRef
    BilateralMeeting: URIRef
    BindingAction: URIRef
    BorderManagement: URIRef
    CallForAction: URIRef
    CaseCount: URIRef
    CitizensDetected: URIRef
    Convention: URIRef
    Protocol: URIRef
    MinisterialMeeting: URIRef
    PlanOfAction: URIRef
    acting: URIRef
    Corridor: URIRef
    Count: URIRef
    CountQualifier: URIRef
    Curated: URIRef
    Declaration: URIRef
    Decrease: URIRef
    Derived: URIRef
    DirectionReading: URIRef
    DirectionUndecided: URIRef
    EconomicCooperation: URIRef
    EnforcementAction: URIRef
    Exactly: URIRef
    ExploitationForm: URIRef
    ExploitationForms: URIRef
    ExtractionMethod: URIRef
    FewerThan: URIRef
    Figure: URIRef
    ForcedCriminality: URIRef
    ForcedLabour: URIRef
    ForeignMinister: URIRef
    ForeignVictimsDetected: URIRef
    HeadOfGovernment: URIRef
    HeadOfState: URIRef
    ImplementationStatus: URIRef
    ImplementationStatuses: URIRef
    Imported: URIRef
    Increase: URIRef
    InformationExchange: URIRef
    IntelligenceExchange: URIRef
    Investigation: URIRef
    JointExercises: URIRef
    LawEnforcement: URIRef
    MachineExtracted: URIRef
    Measure: URIRef
    MemorandumOfUnderstanding: URIRef
    MoreThan: URIRef
    NationalsBroughtHome: URIRef
    OnlineScamWork: URIRef
    PoliceCapacityBuilding: URIRef
    PressConference: URIRef
    Prevention: URIRef
    Quotation: URIRef
    Ratification: URIRef
    RegionalCooperation: URIRef
    Repatriation: URIRef
    Report: URIRef
    SentHomeByReporter: URIRef
    SexualExploitation: URIRef
    Signature: URIRef
    Statement: URIRef
    StatementKind: URIRef
    StatementKinds: URIRef
    StatisticalObservation: URIRef
    Summit: URIRef
    Thanks: URIRef
    Tier: URIRef
    Tier1: URIRef
    Tier2: URIRef
    Tier2WatchList: URIRef
    Tier3: URIRef
    TierPlacement: URIRef
    Tiers: URIRef
    Topic: URIRef
    Topics: URIRef
    TraffickingInPersons: URIRef
    TransnationalCrime: URIRef
    TreatyAction: URIRef
    TreatyActionKind: URIRef
    TreatyActionKinds: URIRef
    TrendClaim: URIRef
    TrendDirection: URIRef
    VictimFlow: URIRef
    VictimHandling: URIRef
    VictimProtection: URIRef
    VictimRehabilitation: URIRef
    VictimReintegration: URIRef
    VictimRepatriation: URIRef
    VictimsDetected: URIRef
    VictimsRepatriated: URIRef
    WrittenStatement: URIRef
    actionDate: URIRef
    actionKind: URIRef
    addressee: URIRef
    adoptedAt: URIRef
    adoptedBy: URIRef
    ageGroup: URIRef
    agreement: URIRef
    asOf: URIRef
    assertion: URIRef
    capital: URIRef
    carriedOutBy: URIRef
    category: URIRef
    channelChecked: URIRef
    claimCount: URIRef
    cooperationArea: URIRef
    corridorDestination: URIRef
    corridorOrigin: URIRef
    count: URIRef
    countQualifier: URIRef
    country: URIRef
    curatorNote: URIRef
    dataFile: URIRef
    dateRead: URIRef
    dateline: URIRef
    destination: URIRef
    detectedIn: URIRef
    dimension: URIRef
    directionReading: URIRef
    earliestDate: URIRef
    enteredIntoForce: URIRef
    expectedFrom: URIRef
    exploitationForm: URIRef
    extractionMethod: URIRef
    figure: URIRef
    geonamesId: URIRef
    hostCountry: URIRef
    implementationStatus: URIRef
    indicator: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    iso3166Numeric: URIRef
    largestLowerBound: URIRef
    largestUpperBound: URIRef
    latestDate: URIRef
    measure: URIRef
    occasion: URIRef
    ordinal: URIRef
    origin: URIRef
    originDescription: URIRef
    partnerCountry: URIRef
    party: URIRef
    post: URIRef
    publicationNote: URIRef
    readingRule: URIRef
    recordedBy: URIRef
    refPeriod: URIRef
    repatriatedFrom: URIRef
    repatriatedTo: URIRef
    reportedBy: URIRef
    reportingCountry: URIRef
    respondsTo: URIRef
    scope: URIRef
    series: URIRef
    sex: URIRef
    sha256: URIRef
    sourceCount: URIRef
    sourceRow: URIRef
    statedAs: URIRef
    statedBy: URIRef
    statementKind: URIRef
    textFile: URIRef
    tier: URIRef
    transit: URIRef
    trendDirection: URIRef
    trendMagnitude: URIRef
    victimCitizenship: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model terms the project uses."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    hasActor: URIRef


class OA(DefinedNamespace):
    """The Web Annotation terms the project uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


PREFIXES: dict[str, str] = {
    "tppo": str(TPPO._NS),
    "id": str(ID),
    "schema": str(SDO._NS),
    "org": str(ORG._NS),
    "sem": str(SEM._NS),
    "prov": str(PROV._NS),
    "oa": str(OA._NS),
    "time": str(TIME._NS),
    "qb": str(QB._NS),
    "dcterms": str(DCTERMS._NS),
    "skos": str(SKOS._NS),
    "owl": str(OWL._NS),
    "rdfs": str(RDFS._NS),
    "rdf": str(RDF._NS),
    "xsd": str(XSD._NS),
}

# Prefixes for the kinds of things (country:KHM, person:hun-manet): they make serialisations and
# hand-written queries readable; they are not vocabulary.
ID_PREFIXES = {
    name: f"{ID}{kind}/"
    for name, kind in (
        ("country", "country"),
        ("person", "person"),
        ("organisation", "org"),
        ("place", "place"),
        ("event", "event"),
        ("source", "source"),
        ("graph", "graph"),
    )
}
ALL_PREFIXES = dict(sorted({**PREFIXES, **ID_PREFIXES}.items()))

__all__ = [
    "ALL_PREFIXES",
    "BASE",
    "BUILD_AGENT",
    "DCTERMS",
    "GRAPH",
    "ID",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SDO",
    "SEM",
    "SKOS",
    "TIME",
    "TPPO",
    "XSD",
]
