"""Human-readable documentation of the ontology: one HTML page, generated from ``tppo.ttl``.

Every own term (``tppo:``) gets an anchor, its labels and definitions in English and
Indonesian, and its place in the model (super-classes, domain, range, disjoint classes);
the reused terms of other vocabularies are listed with where they are defined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import OntologyError
from kg.iris import prefixed
from kg.namespaces import PREFIXES
from kg.read.turtle import parse_turtle

TEMPLATES = Path(__file__).parent / "templates"
OWN = PREFIXES["tppo"]
KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
    (SKOS.ConceptScheme, "Concept schemes"),
    (OWL.NamedIndividual, "Individuals"),
)


@dataclass
class Link:
    """A reference to another term: its short name, and an anchor when it is ours."""

    name: str
    iri: str
    anchor: str | None


@dataclass
class Term:
    """One documented term."""

    iri: str
    name: str
    anchor: str
    labels: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    relations: list[tuple[str, list[Link]]] = field(default_factory=list)


def _link(node: Node) -> Link | None:
    if not isinstance(node, URIRef):
        return None
    iri = str(node)
    return Link(prefixed(iri), iri, iri[len(OWN) :] if iri.startswith(OWN) else None)


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return dict(sorted(found.items()))


RELATIONS = (
    (RDFS.subClassOf, "subclass of"),
    (RDFS.subPropertyOf, "subproperty of"),
    (RDFS.domain, "domain"),
    (RDFS.range, "range"),
    (OWL.inverseOf, "inverse of"),
    (OWL.disjointWith, "disjoint with"),
    (SKOS.inScheme, "in scheme"),
    (RDF.type, "type"),
)


def terms(graph: Graph) -> dict[str, list[Term]]:
    """The own terms of the ontology by kind, sorted by name."""
    sections: dict[str, list[Term]] = {}
    for kind, title in KINDS:
        found = []
        for subject in set(graph.subjects(RDF.type, kind)):
            if not isinstance(subject, URIRef) or not str(subject).startswith(OWN):
                continue
            name = str(subject)[len(OWN) :]
            term = Term(str(subject), f"tppo:{name}", name)
            term.labels = _texts(graph, subject, RDFS.label)
            term.comments = _texts(graph, subject, RDFS.comment)
            for predicate, label in RELATIONS:
                links = sorted(
                    (link for o in graph.objects(subject, predicate) if (link := _link(o)) is not None),
                    key=lambda link: link.name,
                )
                if predicate == RDF.type:
                    links = [link for link in links if URIRef(link.iri) != kind]
                if links:
                    term.relations.append((label, links))
            found.append(term)
        if found:
            sections[title] = sorted(found, key=lambda t: t.name.lower())
    return sections


def reused(graph: Graph) -> list[tuple[Link, str]]:
    """The terms of other vocabularies the project uses, with where they are defined."""
    rows = []
    for subject, source in graph.subject_objects(RDFS.isDefinedBy):
        link = _link(subject)
        if link is not None and link.anchor is None:
            rows.append((link, str(source)))
    return sorted(rows, key=lambda row: row[0].name.lower())


def render(files: Sequence[Path]) -> str:
    """The documentation page of the ontology read from ``files`` (our terms first)."""
    graph = Graph()
    for path in files:
        parse_turtle(path, "the ontology", graph)
    header = next(graph.subjects(RDF.type, OWL.Ontology), None)
    if not isinstance(header, URIRef):
        raise OntologyError("no owl:Ontology header", files[0])
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("ontology.html").render(
        iri=str(header),
        labels=_texts(graph, header, RDFS.label),
        comments=_texts(graph, header, RDFS.comment),
        version=str(graph.value(header, OWL.versionInfo) or ""),
        sections=terms(graph),
        reused=reused(graph),
        prefixes=sorted(PREFIXES.items()),
    )
