"""The embedded Oxigraph store that the build writes and queries read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def graph_quads(graphs: dict[URIRef, Graph]) -> list[ox.Quad]:
    """Every triple of every named graph, as pyoxigraph quads."""
    quads = []
    for identifier, graph in graphs.items():
        name = ox.NamedNode(str(identifier))
        for s, p, o in graph:
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), name))  # type: ignore[arg-type]
    return quads


def in_default_graph(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The same triples in the default graph (the store's merge of its named graphs)."""
    for q in quads:
        yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())


def write_store(
    folder: Path, quads: list[ox.Quad], imports: Sequence[Path] = (), compact: bool = True
) -> ox.Store:
    """Create an on-disk store in ``folder``: the named graphs, and their merge as the default graph.

    Oxigraph's "default graph as union" repeats a triple once per graph that holds
    it; the merged default graph gives queries RDF-merge (set) semantics instead,
    the same as rdflib's union, while GRAPH patterns still see each source apart.
    ``imports`` are N-Quads files of imported datasets, streamed in, never held in memory.
    ``compact=False`` leaves the compaction to a caller that still has quads to add.
    """
    store = ox.Store(str(folder))
    store.bulk_extend(quads)
    store.bulk_extend(in_default_graph(quads))
    for path in imports:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        store.bulk_extend(in_default_graph(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)))
    if compact:
        store.optimize()
    store.flush()
    return store


def update_store(
    folder: Path,
    previous: Path,
    old_quads: list[ox.Quad],
    quads: list[ox.Quad],
    import_graphs: list[ox.NamedNode],
) -> ox.Store:
    """A new store in ``folder`` from ``previous`` (a build with imports), replacing only the
    curated graphs: the old curated quads leave, the new ones come, imports stay untouched.

    A triple leaves the merged default graph only if no import graph still states it.
    Seconds instead of reloading a large import.
    """
    ox.Store.read_only(str(previous)).backup(str(folder))
    store = ox.Store(str(folder))
    new = set(quads)
    gone = [q for q in old_quads if q not in new]
    for quad in gone:
        store.remove(quad)
    kept = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    for quad in gone:
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if triple in kept or any(
            ox.Quad(quad.subject, quad.predicate, quad.object, g) in store for g in import_graphs
        ):
            continue
        store.remove(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    store.bulk_extend(quads)
    store.bulk_extend(in_default_graph(quads))
    store.flush()
    return store


def open_store(folder: Path) -> ox.Store:
    """Open a built store read-only; a clear StoreError when there is none."""
    if not folder.is_dir():
        raise StoreError(f"no store at {folder}: run 'tppo-kg build' first")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"cannot open the store: {exc}", folder) from exc
