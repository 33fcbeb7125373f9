"""Beyond one machine: any SPARQL 1.1 server, through the standard Protocol and Graph Store Protocol.

Where the server is, its credentials and limits: ``kg.query.endpoint``; the HTTP itself
(authentication, bounded answers, one-line errors): ``kg.query.http``.

**The default graph, once for every server.** Servers disagree on what a query's default
graph is: Oxigraph's is a graph of its own, Virtuoso's is the union of every graph it
holds (its system graphs and other teams' data included) and counts a triple once per
graph that holds it, so answers double. So the server's default graph is never written
nor read. The merge of the build's named graphs is loaded as one more named graph of the
project, ``id/graph/merged``, and every query names its dataset with the SPARQL 1.1
Protocol's own parameters: ``default-graph-uri`` the merge, ``named-graph-uri`` each of
the project's graphs (listed once per engine). The answers are those of the embedded
store, whose default graph is the same merge.

**Only the project's graphs.** Loading replaces (PUT) each graph of the build and deletes
the graphs of the project's namespace (``https://w3id.org/tppo-kg/id/graph/``) that the
build no longer has; no other graph, nor the server's default graph, is ever touched.

**Answers that are whole, or an error.** A query is a form POST (``query=``, which every
server answers; Virtuoso 7.2 never answers a POST of ``application/sparql-query``) with
the ``Accept`` of its form: SPARQL results (JSON, else XML) for SELECT and ASK, N-Triples
(else Turtle or RDF/XML) for CONSTRUCT and DESCRIBE. An answer in another type is refused,
so is one past the size bound, one that reaches the server's row cap (its
``X-SPARQL-MaxRows`` header, or ``max_rows`` in ``tppo-kg.toml``: Virtuoso cuts CONSTRUCT
answers without the header) and one the server marks as partial (Virtuoso's "anytime"
answers, ``X-SQL-State``): a truncated answer is never taken for the whole.

Parameters: the Protocol has no way to bind a variable, so a query's parameters, once
checked and turned into RDF terms, travel as a VALUES block that opens the query's WHERE
group, written in N-Triples syntax (IRIs checked, literals escaped): terms, never text
pasted into the query (``kg.query.sparqltext``).
"""

from __future__ import annotations

import tempfile
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib.term import Identifier

from kg.build.folder import BuildFolder
from kg.errors import QueryError, StoreError
from kg.namespaces import GRAPH
from kg.query.endpoint import Endpoint, resolve, safe_url
from kg.query.engine import Answer, Terms
from kg.query.http import Client, one_line
from kg.query.library import Query
from kg.query.sparqltext import query_form, with_values

__all__ = ["GRAPHS", "MERGED", "Endpoint", "RemoteEngine", "push", "resolve"]

GRAPHS = str(GRAPH)
MERGED = GRAPHS + "merged"

RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
TRIPLES = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
ACCEPT = {"select": RESULTS, "ask": RESULTS, "graph": TRIPLES}
RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # N-Triples before it had a media type of its own
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
CAP_HEADER = "X-SPARQL-MaxRows"
PARTIAL_HEADER = "X-SQL-State"
FAST_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"
SCAN_GRAPHS = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}'


class RemoteEngine:
    """Answers queries on a SPARQL 1.1 server with the standard Protocol, over the project's
    graphs only (see the module's note on the default graph)."""

    def __init__(self, endpoint: Endpoint, client: Client | None = None) -> None:
        self.endpoint = endpoint
        self.client = client or Client(endpoint)
        self._dataset: dict[str, str | list[str]] | None = None

    def run(self, query: Query, bindings: dict[str, Identifier]) -> Answer:
        """POST the query with its parameters and the project's dataset; read the answer."""
        return self.answer(with_values(query.text, bindings), self.dataset(), query.path)

    def dataset(self) -> dict[str, str | list[str]]:
        """The Protocol's dataset parameters: the merge as default graph, the project's named
        graphs as named graphs. Asked of the server once."""
        if self._dataset is None:
            graphs = project_graphs(self)
            if MERGED not in graphs:
                raise StoreError(
                    f"{safe_url(self.endpoint.query)} holds no graph of this project: load it with "
                    "tppo-kg build --endpoint (or import glotip --endpoint)"
                )
            self._dataset = {"default-graph-uri": MERGED, "named-graph-uri": sorted(graphs - {MERGED})}
        return self._dataset

    def answer(self, text: str, dataset: dict[str, str | list[str]], path: Path | None = None) -> Answer:
        """Ask ``text`` with the Accept of its form, and read the answer it gets."""
        form = query_form(text)
        if form == "update":
            raise QueryError("not a query (SELECT, ASK, CONSTRUCT or DESCRIBE)", path)
        url = self.endpoint.query
        headers = {"Accept": ACCEPT[form]}
        with self.client.request(
            "POST", url, form={"query": text, **dataset}, headers=headers, error=QueryError
        ) as r:
            media = r.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
            cap = r.headers.get(CAP_HEADER, "")
            partial = r.headers.get(PARTIAL_HEADER)
            data = self.client.read(r, url)
        if partial is not None:  # Virtuoso's "anytime" answer: what it had when time ran out
            raise QueryError(
                f"{safe_url(url)} sent a partial answer ({PARTIAL_HEADER} {partial}: "
                f"{one_line(r.headers.get('X-SQL-Message', ''))}); raise the server's MaxQueryExecutionTime",
                path,
            )
        answer = _parse(form, media, data, safe_url(url), path)
        size = len(answer.rows) if form == "select" else len(answer.triples)
        limit = int(cap) if cap.isdigit() else self.endpoint.max_rows
        if limit is not None and size >= limit:
            raise QueryError(
                f"{safe_url(url)} stopped at its cap of {limit} rows ({CAP_HEADER} or [endpoint] max_rows): "
                f"the answer ({size}) may be cut short; raise the server's limit "
                "(Virtuoso: ResultSetMaxRows in virtuoso.ini) or narrow the question",
                path,
            )
        return answer


def _parse(form: str, media: str, data: bytes, where: str, path: Path | None) -> Answer:
    """An answer of the type the query's form expects, or a QueryError."""
    formats: dict[str, ox.QueryResultsFormat] | dict[str, ox.RdfFormat]
    formats = GRAPH_FORMATS if form == "graph" else RESULT_FORMATS
    if media not in formats:
        wanted = "an RDF graph" if form == "graph" else "SPARQL results"
        raise QueryError(f"{where} answered with {media or 'no content type'}, not {wanted}", path)
    term = BooleanTerms()
    try:
        if form == "graph":
            triples = [
                (term(t.subject), term(t.predicate), term(t.object))
                for t in ox.parse(data, format=GRAPH_FORMATS[media])
            ]
            return Answer("graph", triples=triples)  # type: ignore[arg-type]
        result = ox.parse_query_results(data, format=RESULT_FORMATS[media])
        if isinstance(result, ox.QueryBoolean):
            if form != "ask":
                raise QueryError(f"{where} answered a SELECT with a boolean", path)
            return Answer("ask", boolean=bool(result))
        if form != "select":
            raise QueryError(f"{where} answered an ASK with solutions", path)
        names = [v.value for v in result.variables]
        rows = [tuple(term(solution[n]) for n in names) for solution in result]
        return Answer("select", names, rows)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{where} sent an answer that is not valid {media}: {exc}", path) from exc


class BooleanTerms(Terms):
    """Terms, with an ``xsd:boolean`` in its canonical form: Virtuoso writes true as "1"."""

    def __call__(
        self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
    ) -> Identifier | None:
        if isinstance(term, ox.Literal) and term.datatype == BOOLEAN and term.value in ("0", "1"):
            term = ox.Literal("true" if term.value == "1" else "false", datatype=BOOLEAN)
        return super().__call__(term)


BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def project_graphs(engine: RemoteEngine) -> set[str]:
    """The server's named graphs in the project's namespace (and no other)."""
    graphs: set[str] = set()
    for text in (FAST_GRAPHS, SCAN_GRAPHS):  # Virtuoso answers the first with nothing
        rows = engine.answer(text, {}).rows
        graphs = {str(g) for (g,) in rows if g is not None and str(g).startswith(GRAPHS)}
        if graphs:
            break
    return graphs


def split(out: Path, scratch: Path) -> tuple[dict[str, Path], Counter[str]]:
    """One pass over the build's files (TriG, imports, totals): an N-Triples file per named
    graph, and one with all of them for the merged graph (the server merges duplicates)."""
    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
    sources = [(path, formats[fmt]) for path, fmt in BuildFolder(out).files()]
    files: dict[str, Path] = {MERGED: scratch / "merged.nt"}
    counts: Counter[str] = Counter()
    handles: dict[str, IO[str]] = {}
    with files[MERGED].open("w", encoding="utf-8") as merged:
        try:
            for path, fmt in sources:
                for quad in ox.parse(path=str(path), format=fmt):
                    name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
                    if not name.startswith(GRAPHS) or name == MERGED:
                        raise StoreError(
                            f"a quad of {path.name} is in graph {name or 'default'!r}, not one of the build's"
                        )
                    if name not in handles:
                        files[name] = scratch / f"graph-{len(handles)}.nt"
                        handles[name] = files[name].open("w", encoding="utf-8")
                    line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
                    handles[name].write(line)
                    merged.write(line)
                    counts[name] += 1
                    counts[MERGED] += 1
        finally:
            for handle in handles.values():
                handle.close()
    return files, counts


def push(endpoint: Endpoint, out: Path) -> dict[str, int]:
    """Replace the project's graphs on the server with the build's: each named graph, and
    their merge (``MERGED``); delete the project's graphs the build no longer has.

    Uses the Graph Store Protocol (PUT replaces a graph). Graphs outside the project's
    namespace, and the server's default graph, are never touched. Returns triples sent per graph.
    """
    if endpoint.store is None:
        raise StoreError("the endpoint has no Graph Store Protocol URL ('store') to load graphs into")
    engine = RemoteEngine(endpoint)
    headers = {"Content-Type": "application/n-triples"}
    with tempfile.TemporaryDirectory(prefix="tppo-kg-push-") as scratch:
        files, sent = split(out, Path(scratch))
        for name, body in sorted(files.items()):
            with engine.client.request("PUT", graph_url(endpoint.store, name), body=body, headers=headers):
                pass
    for name in sorted(project_graphs(engine) - set(sent)):
        with engine.client.request("DELETE", graph_url(endpoint.store, name)):
            pass
    return dict(sent)


def graph_url(store: str, name: str) -> str:
    """The Graph Store Protocol's URL of one named graph (indirect identification)."""
    if not name.startswith(GRAPHS):  # the one rule every write goes through
        raise StoreError(f"refusing to write graph {name!r}: not in the project's namespace {GRAPHS}")
    return f"{store}{'&' if '?' in store else '?'}{urllib.parse.urlencode({'graph': name})}"
