"""What ``tppo-kg serve`` answers with that is not a query result: the pages, read or made once at start-up.

The query editor with the library as tabs, the build's explorer (written again from the
store when it is older than the build), the ontology as Turtle and HTML, and a SPARQL 1.1
Service Description of the dataset with the size of each named graph.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef

from kg import __version__
from kg.build.folder import BuildFolder
from kg.build.store import open_store
from kg.query.library import library
from kg.query.sparqltext import split_for_values
from kg.read.project import Project
from kg.serve.httpedge import page_policy

log = logging.getLogger("tppo-kg.serve.server")

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RDF_TYPES = {  # media type -> rdflib serializer, for the pages this server writes itself
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@dataclass
class Site:
    """Everything the server answers with that is not a query result."""

    query_page: bytes
    explorer: bytes
    explorer_policy: str
    ontology_ttl: bytes
    ontology_html: bytes
    description: Graph
    triples: int
    graphs: dict[str, int]


def count_graphs(folder: Path) -> tuple[int, dict[str, int]]:
    """Triples in the default graph (the merge) and in each named graph of the built store."""
    store = open_store(folder)

    def solutions(text: str) -> ox.QuerySolutions:
        result = store.query(text)
        assert isinstance(result, ox.QuerySolutions)
        return result

    total = next(iter(solutions("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    triples = int(total.value) if isinstance(total, ox.Literal) else 0
    graphs = {}
    for row in solutions("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
        name, count = row["g"], row["n"]
        if isinstance(name, ox.NamedNode) and isinstance(count, ox.Literal):
            graphs[name.value] = int(count.value)
    return triples, dict(sorted(graphs.items()))


def service_description(base: str, triples: int, graphs: dict[str, int]) -> Graph:
    """A SPARQL 1.1 Service Description of this endpoint and its dataset (no federation feature)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    service = URIRef(f"{base}/sparql#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(f"{base}/sparql")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV"):
        g.add((service, SD.resultFormat, FORMATS[name]))
    for name in ("Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((service, SD.resultFormat, FORMATS[name]))
    dataset, default = BNode("dataset"), BNode("default")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for i, (name, count) in enumerate(graphs.items()):
        named, graph = BNode(f"named{i}"), BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(count, datatype=XSD.integer)))
    return g


CHOICES = {  # what a country or a person parameter is picked from: code or slug, English and Indonesian names
    "country": """PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>
        SELECT ?value ?en (SAMPLE(?i) AS ?id) WHERE { ?c a schema:Country ; tppo:iso3166Alpha3 ?value ;
          rdfs:label ?en . FILTER(LANG(?en) = "en") OPTIONAL { ?c rdfs:label ?i . FILTER(LANG(?i) = "id") } }
        GROUP BY ?value ?en ORDER BY ?en""",
    "person": """PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?p ?en WHERE { ?p a schema:Person ; rdfs:label ?en .
          FILTER(LANG(?en) = "en" || LANG(?en) = "") } ORDER BY ?en""",
}


def choices(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Countries and persons by name (English and Indonesian), for the editor's parameter forms."""
    store = open_store(folder)
    out: dict[str, list[dict[str, str]]] = {}
    for kind, text in CHOICES.items():
        result = store.query(text)
        assert isinstance(result, ox.QuerySolutions)
        rows = []
        for row in result:
            if kind == "country":
                value, en, name_id = row["value"], row["en"], row["id"]
                rows.append({"value": value.value, "en": en.value, "id": name_id.value if name_id else ""})
            else:
                person, en = row["p"], row["en"]
                rows.append({"value": person.value.rsplit("/person/", 1)[-1], "en": en.value, "id": ""})
        out[kind] = rows
    return out


def query_page(project: Project, picks: dict[str, list[dict[str, str]]] | None = None) -> bytes:
    """The query editor: every query of the library as a ready tab (the questions, then the
    checks), each with a form for its parameters; ``picks`` are the names to pick from."""
    queries = []
    for q in sorted(library(project.queries), key=lambda q: (q.is_violation, q.name)):
        before, after = split_for_values(q.text)
        queries.append(
            {
                "name": q.name,
                "question": q.question,
                "text": q.text,
                "check": q.is_violation,
                "before": before,
                "after": after,
                "parameters": [
                    {"name": p.name, "kind": p.kind, "default": p.default, "description": p.description}
                    for p in q.parameters.values()
                ],
            }
        )
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    html = env.get_template("query.html").render(
        version=__version__,
        queries=queries,
        questions=[q for q in queries if not q["check"]],
        checks=[q for q in queries if q["check"]],
        choices=picks or {},
    )
    return html.encode("utf-8")


def explorer_page(project: Project, folder: Path) -> bytes:
    """The build's explorer page, written again from the store when missing or older than the build."""
    from kg.explore.explorer import render_page
    from kg.explore.network import NetworkBuilder
    from kg.query.engine import OxigraphEngine

    page = folder / "explorer.html"
    build = BuildFolder(folder)
    inputs = [build.trig, *build.existing_imports()]
    newest = max((p.stat().st_mtime for p in inputs if p.is_file()), default=0.0)
    if page.is_file() and page.stat().st_mtime >= newest:
        return page.read_bytes()
    log.info("writing the explorer from the store (%s is missing or older than the build)", page)
    networks = NetworkBuilder(project, OxigraphEngine(folder)).build()
    return render_page(networks).encode("utf-8")


def load_site(project: Project, folder: Path, base: str) -> Site:
    """Read or make every page once, at start-up."""
    from kg.serve.ontodoc import render

    triples, graphs = count_graphs(BuildFolder(folder).store)
    explorer = explorer_page(project, folder)
    return Site(
        query_page=query_page(project, choices(BuildFolder(folder).store)),
        explorer=explorer,
        explorer_policy=page_policy(explorer),
        ontology_ttl=b"\n".join(path.read_bytes() for path in project.ontology_files),
        ontology_html=render(project.ontology_files).encode("utf-8"),
        description=service_description(base, triples, graphs),
        triples=triples,
        graphs=graphs,
    )
