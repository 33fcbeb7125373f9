"""The ontology loads everywhere, is consistent, documents every term, and declares every term used."""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pyoxigraph as ox
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg import namespaces
from kg.build.pipeline import assemble, load_ontology, union_of
from kg.read.project import Project
from tests.conftest import ROOT

ONTOLOGY = ROOT / "ontology" / "tppo.ttl"
FILES = Project(ROOT).ontology_files  # our terms, then the reused vocabularies' terms
TPPO_NS = str(namespaces.TPPO._NS)
BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "https://w3id.org/tppo-kg/id/",
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(FILES)


def declared(ontology: Graph) -> set[str]:
    return {str(s) for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}


def test_loads_in_rdflib_and_pyoxigraph(ontology: Graph) -> None:
    store = ox.Store()
    for path in FILES:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(ontology) > 500


def test_every_own_term_has_english_and_indonesian_label_and_comment(ontology: Graph) -> None:
    own = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(TPPO_NS)}
    assert len(own) > 100
    missing = []
    for term in sorted(own):
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
            if not {"en", "id"} <= langs:
                missing.append(f"{term} {prop}")
    assert missing == []


def test_python_namespace_matches_the_ontology(ontology: Graph) -> None:
    in_python = {str(namespaces.TPPO[name]) for name in namespaces.TPPO.__annotations__}
    in_ontology = {t for t in declared(ontology) if t.startswith(TPPO_NS)}
    assert in_python == in_ontology


def test_python_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = namespaces.TPPO.NoSuchTerm


def test_every_term_used_in_kg_is_declared(ontology: Graph) -> None:
    names = {
        "SDO": namespaces.SDO,
        "ORG": namespaces.ORG,
        "PROV": namespaces.PROV,
        "OA": namespaces.OA,
        "SEM": namespaces.SEM,
        "TIME": namespaces.TIME,
        "QB": namespaces.QB,
        "DCTERMS": namespaces.DCTERMS,
        "SKOS": namespaces.SKOS,
        "TPPO": namespaces.TPPO,
    }
    known = declared(ontology)
    used: set[str] = set()
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for ns, term in re.findall(
            r"\b(SDO|ORG|PROV|OA|SEM|TIME|QB|DCTERMS|SKOS|TPPO)\.([A-Za-z]\w*)\b",
            path.read_text(encoding="utf-8"),
        ):
            if term.startswith("_"):
                continue
            used.add(str(names[ns][term]))
    assert len(used) > 50
    assert sorted(used - known) == []


def test_every_term_used_in_queries_is_declared(ontology: Graph) -> None:
    known = declared(ontology)
    queries = sorted((ROOT / "queries").glob("*.rq"))
    assert queries
    undeclared = []
    for path in queries:
        text = path.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        prefixes = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", body))
        iris = set(re.findall(r"<([^>\s]+)>", body))
        for prefix, local in re.findall(r"(?<![\w:])(\w+):([A-Za-z]\w*)", body):
            if prefix in prefixes:
                iris.add(prefixes[prefix] + local)
        for iri in iris:
            if iri in prefixes.values() or iri.startswith(BUILTIN) or not iri.startswith(("http", "urn")):
                continue
            if iri not in known:
                undeclared.append(f"{path.name}: {iri}")
    assert undeclared == []


@pytest.fixture(scope="module")
def everything() -> Graph:
    graphs, _ = assemble(Project(ROOT))
    union = union_of(graphs)
    return union


def owl_rl_errors(graph: Graph) -> list[str]:
    closure = Graph()
    closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return [str(o) for o in closure.objects(None, ERRNS.error)]


def test_consistent_under_owl_rl(everything: Graph) -> None:
    assert owl_rl_errors(everything) == []


def test_owl_rl_catches_a_contradiction(ontology: Graph) -> None:
    # A person who is also a country contradicts the disjointness axioms (the ontology alone
    # holds the axioms: the closure of the whole graph would take ten times longer).
    broken = Graph()
    broken += ontology
    broken.add((namespaces.ID["person/hun-manet"], RDF.type, namespaces.SDO.Person))
    broken.add((namespaces.ID["person/hun-manet"], RDF.type, namespaces.SDO.Country))
    errors = owl_rl_errors(broken)
    assert errors and any("disjoint" in e.lower() for e in errors)


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/tppo-kg/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert Path(ONTOLOGY).read_text(encoding="utf-8").startswith("@prefix")
    vann = "http://purl.org/vocab/vann/"
    for prop in (
        OWL.versionIRI,
        URIRef("http://purl.org/dc/terms/creator"),
        URIRef("http://purl.org/dc/terms/license"),
        URIRef(vann + "preferredNamespacePrefix"),
    ):
        assert ontology.value(header, prop) is not None, prop
    own = {
        s
        for s in ontology.subjects()
        if isinstance(s, URIRef) and str(s).startswith(str(namespaces.TPPO._NS))
    }
    assert own and all((term, RDFS.isDefinedBy, header) in ontology for term in own)


def test_every_class_the_data_uses_has_a_shape(everything: Graph) -> None:
    """A shape targets each class with instances outside the ontology, or one of its superclasses."""
    from rdflib.namespace import SH

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    targeted = set(shapes.objects(None, SH.targetClass))
    ontology = load_ontology(FILES)
    vocab = {str(s) for s in ontology.subjects(RDF.type, OWL.Class)}
    used = {
        o
        for s, o in everything.subject_objects(RDF.type)
        if str(o) in vocab
        and (s, RDF.type, OWL.Class) not in ontology
        and not str(o).startswith(str(OWL))
        and (s, None, None) not in ontology
    }
    abstract = {namespaces.PROV.Entity}  # a marker shared by sources, evidence and graphs
    uncovered = []
    for cls in sorted(used - abstract):
        supers = set(ontology.transitive_objects(cls, RDFS.subClassOf))
        if not supers & targeted:
            uncovered.append(str(cls))
    assert uncovered == []


def test_our_terms_and_reused_terms_live_in_their_own_files() -> None:
    # tppo.ttl declares our terms only; reused-terms.ttl declares other vocabularies' only.
    ours, reused = (Graph().parse(path, format="turtle") for path in FILES)
    header = "https://w3id.org/tppo-kg/ontology"
    foreign = sorted(t for t in declared(ours) if not t.startswith((TPPO_NS, header)))
    assert foreign == []
    assert len(declared(reused)) > 80
    assert [t for t in declared(reused) if t.startswith(TPPO_NS)] == []
    for term in declared(reused):
        defined_by = str(reused.value(URIRef(term), RDFS.isDefinedBy))
        assert term.startswith(defined_by), (term, defined_by)


def test_every_property_shape_names_its_property_and_says_what_is_wrong() -> None:
    from rdflib.namespace import SH

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    properties = set(shapes.objects(None, SH.property))
    assert len(properties) > 100
    unnamed = [str(shapes.value(p, SH.path)) for p in properties if shapes.value(p, SH.name) is None]
    silent = [str(shapes.value(p, SH.path)) for p in properties if shapes.value(p, SH.message) is None]
    assert unnamed == [] and silent == []


def test_an_instant_has_exactly_one_date_of_its_own_type() -> None:
    """A term's start or end: one date (a day, a month or a year), typed as its property says."""
    from rdflib import Literal, URIRef

    from kg.build.validate import shacl
    from kg.namespaces import RDF, TIME, TPPO, XSD

    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")

    def problems(*dates: tuple[URIRef, Literal]) -> list[str]:
        data, instant = Graph(), URIRef("https://w3id.org/tppo-kg/id/tenure/x/y/2018-10/start")
        data.add((instant, RDF.type, TIME.Instant))
        data.add((instant, TPPO.earliestDate, Literal("2018-10-01", datatype=XSD.date)))
        data.add((instant, TPPO.latestDate, Literal("2018-10-31", datatype=XSD.date)))
        for prop, value in dates:
            data.add((instant, prop, value))
        return [str(p) for p in shacl(data, shapes)]

    month = (TIME.inXSDgYearMonth, Literal("2018-10", datatype=XSD.gYearMonth))
    assert problems(month) == []
    assert problems((TIME.inXSDDate, Literal("2018-10-17", datatype=XSD.date))) == []
    two = problems(month, (TIME.inXSDgYear, Literal("2018", datatype=XSD.gYear)))
    assert len(two) == 1 and "exactly one date" in two[0]
    assert any("exactly one date" in p for p in problems())
    wrong = problems((TIME.inXSDgYearMonth, Literal("2018-10-17", datatype=XSD.date)))
    assert len(wrong) == 1 and "xsd:gYearMonth" in wrong[0]
