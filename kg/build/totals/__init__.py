"""Totals the build computes over all graphs, imports included: corridors, the claims about
each figure, the foreign victims each state detected in a year.

Questions that users ask often aggregate over every flow; at the size of UNODC's data an
on-disk store answers those in seconds. The build answers them once, with the SPARQL
CONSTRUCT queries of ``kg/build/totals/*.rq`` (the definitions), and keeps the result in its own
named graph, ``id/graph/totals``, each total tied by ``prov:wasDerivedFrom`` to the claims it
sums. The questions then read the totals in milliseconds.

Every triple of the totals graph is about a resource it mints (a corridor, a foreign-victims
total and its count, the graph itself) or uses a property only it writes
(``tppo:claimCount`` on figures), so the totals can leave the merged default graph without
taking anything another graph states.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.build.store import in_default_graph
from kg.iris import RDF_TYPE, node
from kg.namespaces import BUILD_AGENT, GRAPH, PROV, RDFS, TPPO

GRAPH_NAME = node(GRAPH.totals)
DEFINITIONS = Path(__file__).parent


def definitions() -> list[Path]:
    """The CONSTRUCT queries that define the totals."""
    return sorted(DEFINITIONS.glob("*.rq"))


def _about_the_graph() -> list[ox.Triple]:
    name = GRAPH_NAME
    return [
        ox.Triple(name, RDF_TYPE, node(PROV.Entity)),
        ox.Triple(
            name,
            node(RDFS.label),
            ox.Literal("Totals computed by the build over all graphs", language="en"),
        ),
        ox.Triple(name, node(PROV.wasAttributedTo), node(BUILD_AGENT)),
        ox.Triple(name, node(TPPO.extractionMethod), node(TPPO.Derived)),
    ]


def compute(store: ox.Store) -> list[ox.Quad]:
    """The totals of what ``store`` holds now, as sorted quads of the totals graph."""
    triples: set[ox.Triple] = set(_about_the_graph())
    for path in definitions():
        result = store.query(path.read_text(encoding="utf-8"))
        assert isinstance(result, ox.QueryTriples), path
        triples.update(result)
    return sorted((ox.Quad(t.subject, t.predicate, t.object, GRAPH_NAME) for t in triples), key=str)


def refresh(store: ox.Store) -> list[ox.Quad]:
    """Bring the totals in ``store`` (the named graph and its share of the default graph) up
    to date with what it holds now; returns them all.

    Only the totals that changed are written: after a curated change next to a large
    import, most stay as they were. The definitions never read what they write, so the
    old totals do not take part in computing the new ones.
    """
    old = set(store.quads_for_pattern(None, None, None, GRAPH_NAME))
    quads = compute(store)
    gone = old.difference(quads)
    added = [q for q in quads if q not in old]
    for quad in [*gone, *in_default_graph(gone)]:
        store.remove(quad)
    store.bulk_extend(added)
    store.bulk_extend(in_default_graph(added))
    return quads


def write(quads: list[ox.Quad], path: Path) -> None:
    """The totals as N-Quads, for rdflib and for loading a SPARQL server."""
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)
