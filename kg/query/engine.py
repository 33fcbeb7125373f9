"""Query engines: the embedded Oxigraph store (default) and plain rdflib in memory.

Both answer over the union of all named graphs and return the same neutral
``Answer`` (rdflib terms), so that formats and comparisons do not depend on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef, Variable
from rdflib.query import ResultRow
from rdflib.term import Identifier

from kg.build.folder import BuildFolder
from kg.build.store import open_store
from kg.errors import QueryError, StoreError
from kg.query.library import Query
from kg.query.sparqltext import with_values

Row = tuple[Identifier | None, ...]
Triple = tuple[Identifier, Identifier, Identifier]
ENGINES = ("oxigraph", "rdflib")


@dataclass
class Answer:
    """The result of a query: solutions, a boolean, or triples."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


class Engine(Protocol):
    """Something that answers SPARQL over the built graph."""

    def run(self, query: Query, bindings: dict[str, Identifier]) -> Answer:
        """Answer a query with its parameters bound."""
        ...  # pragma: no cover


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Identifier | None:
    """A pyoxigraph term as an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"unsupported term in a result: {term!r}")


class Terms:
    """pyoxigraph terms as rdflib terms, each distinct term converted once (rdflib literals
    are slow to make, and a large answer repeats its countries, sources and numbers)."""

    def __init__(self) -> None:
        self.seen: dict[object, Identifier] = {}

    def __call__(
        self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
    ) -> Identifier | None:
        if term is None:
            return None
        found = self.seen.get(term)
        if found is None:
            found = self.seen[term] = from_ox(term)  # type: ignore[assignment]
        return found


class OxigraphEngine:
    """The embedded, persistent Oxigraph store written by the build, opened read-only.

    Its default graph is the merge of all named graphs (see ``kg.build.store.write_store``).
    """

    def __init__(self, folder: Path) -> None:
        self.store = open_store(BuildFolder.locate(folder).store)

    def run(self, query: Query, bindings: dict[str, Identifier]) -> Answer:
        """Answer with pyoxigraph; parameters go in as a leading VALUES block (``kg.query.sparqltext``)."""
        try:
            result = self.store.query(with_values(query.text, bindings))
        except SyntaxError as exc:
            raise QueryError(f"syntax error: {exc}", query.path) from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"cannot run: {exc}", query.path) from exc
        term = Terms()
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = [tuple(map(term, solution)) for solution in result]  # in the order of names
            return Answer("select", names, rows)
        if isinstance(result, ox.QueryBoolean):
            return Answer("ask", boolean=bool(result))
        triples = [
            (term(t.subject), term(t.predicate), term(t.object))
            for t in result  # QueryTriples
        ]
        return Answer("graph", triples=triples)  # type: ignore[arg-type]


class RdflibEngine:
    """Plain rdflib in memory, loaded from the build's files (the same graphs as its store)."""

    def __init__(self, folder: Path) -> None:
        self.dataset = Dataset(default_union=True)
        for path, fmt in BuildFolder.locate(folder).files():
            try:
                self.dataset.parse(path, format=fmt)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot read {path}: {exc}") from exc

    def run(self, query: Query, bindings: dict[str, Identifier]) -> Answer:
        """Answer with rdflib; parameters go in as initBindings."""
        from pyparsing import ParseException

        try:
            result = self.dataset.query(
                query.text, initBindings={Variable(k): v for k, v in bindings.items()}
            )
        except ParseException as exc:
            raise QueryError(f"syntax error: {exc}", query.path) from exc
        except Exception as exc:  # rdflib's evaluator raises many types
            raise QueryError(f"cannot run: {exc}", query.path) from exc
        if result.type == "SELECT":
            names = [str(v) for v in result.vars or []]
            rows: list[Row] = []
            for row in result:
                assert isinstance(row, ResultRow)
                rows.append(tuple(row[n] if n in row.labels else None for n in names))
            return Answer("select", names, rows)
        if result.type == "ASK":
            return Answer("ask", boolean=bool(result.askAnswer))
        assert result.graph is not None
        return Answer("graph", triples=list(result.graph))  # type: ignore[arg-type]


def open_engine(name: str, folder: Path) -> Engine:
    """The engine called ``name`` over the build in ``folder``."""
    if name == "oxigraph":
        return OxigraphEngine(folder)
    if name == "rdflib":
        return RdflibEngine(folder)
    raise QueryError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
