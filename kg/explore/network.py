"""The networks behind the explorer, built from SPARQL results into networkx graphs.

- the flow network: states as nodes (placed by the coordinates of their capitals),
  one edge per victim-flow claim (``construct-flow-network.rq``);
- the entity network: people, offices, countries, organisations, events, agreements
  and sources (``entities.rq`` and ``entity-links.rq``);
- the evidence of every fact (``provenance.rq``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.term import Identifier

from kg.iris import id_path
from kg.namespaces import PROV, RDF, RDFS, SDO, TPPO
from kg.query.engine import Answer, Engine
from kg.query.library import Query, load_query
from kg.read.project import Project


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def _int(term: Identifier | None) -> int | None:
    return None if term is None else int(str(term))


def _year(term: Identifier | None) -> int | None:
    return None if term is None else int(str(term)[:4])


@dataclass
class Networks:
    """Everything the explorer shows, as plain Python and networkx."""

    flows: nx.MultiDiGraph
    entities: nx.MultiDiGraph
    evidence: dict[str, list[dict[str, Any]]]
    sources: dict[str, str]
    statements: list[dict[str, Any]] = field(default_factory=list)
    alternatives: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class NetworkBuilder:
    """Runs the library's queries on an engine and turns the results into graphs."""

    def __init__(self, project: Project, engine: Engine) -> None:
        self.project = project
        self.engine = engine

    def _run(self, name: str) -> tuple[Query, Answer]:
        query = load_query(self.project.queries / f"{name}.rq")
        return query, self.engine.run(query, query.bindings({}))

    def rows(self, name: str) -> list[dict[str, Identifier]]:
        """The solutions of a SELECT of the library, as dicts of bound variables."""
        _, answer = self._run(name)
        return [
            {v: t for v, t in zip(answer.variables, row, strict=True) if t is not None} for row in answer.rows
        ]

    def flow_graph(self) -> nx.MultiDiGraph:
        """States and flow claims from ``construct-flow-network.rq``."""
        _, answer = self._run("construct-flow-network")
        by_subject: Described = defaultdict(lambda: defaultdict(list))
        for s, p, o in answer.triples:
            by_subject[s][p].append(o)
        graph = nx.MultiDiGraph()
        for subject, props in by_subject.items():
            if SDO.Country in props.get(RDF.type, []):
                graph.add_node(id_path(subject), **_country_node(subject, props))
        rows = self.source_rows()
        for subject, props in sorted(by_subject.items(), key=lambda kv: str(kv[0])):
            if TPPO.VictimFlow in props.get(RDF.type, []):
                _add_flow(graph, subject, props, by_subject, rows.get(id_path(subject), {"row": None}))
        if "unknown" in graph:
            graph.nodes["unknown"].update(
                kind="unknown",
                code="?",
                label_en="Unknown origin",
                label_id="Asal tidak diketahui",
                lat=None,
                lon=None,
            )
        return graph

    def source_rows(self) -> dict[str, dict[str, object]]:
        """Flow claim -> the spreadsheet row it was read from (``flow-source-rows.rq``)."""
        return {
            id_path(row["flow"]): {
                "row": int(str(row["row"])),
                "row_indicator": str(row["indicator"]),
                "row_dimension": str(row["dimension"]),
                "row_category": str(row["category"]),
            }
            for row in self.rows("flow-source-rows")
        }

    def entity_graph(self) -> nx.MultiDiGraph:
        """Entities from ``entities.rq``, links from ``entity-links.rq``."""
        graph = nx.MultiDiGraph()
        for row in self.rows("entities"):
            node = id_path(row["entity"])
            data = graph.nodes[node] if node in graph else None
            if data is None:
                graph.add_node(
                    node,
                    kind=str(row["type"]),
                    label_en=_text(row.get("label_en")) or node,
                    label_id=_text(row.get("label_id")) or _text(row.get("label_en")) or node,
                    date=_text(row.get("date")),
                    year=_year(row.get("date")),
                    sources=[],
                )
                data = graph.nodes[node]
            if "source" in row and id_path(row["source"]) not in data["sources"]:
                data["sources"].append(id_path(row["source"]))
        for row in self.rows("entity-links"):
            a, b = id_path(row["from"]), id_path(row["to"])
            if a in graph and b in graph:
                graph.add_edge(
                    a,
                    b,
                    relation=str(row["relation"]),
                    since=_text(row.get("start")),
                    until=_text(row.get("end")),
                )
        _mark_background(graph)
        return graph

    def evidence(self) -> dict[str, list[dict[str, Any]]]:
        """Every fact's quoted sentences with their source, curator and method."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows("provenance"):
            out[id_path(row["fact"])].append(
                {
                    "sentence": str(row["sentence"]),
                    "source": id_path(row["source"]),
                    "publisher": _text(row.get("publisher")),
                    "start": _int(row.get("start")),
                    "end": _int(row.get("end")),
                    "by": id_path(row["attributed_to"]),
                    "method": "curated" if str(row["method"]).endswith("#Curated") else "machine-extracted",
                }
            )
        return dict(out)

    def sources(self) -> dict[str, str]:
        """Source id -> publisher (for the source filter)."""
        return {
            id_path(row["source"]): _text(row.get("publisher")) or id_path(row["source"])
            for row in self.rows("sources")
        }

    def alternatives(self) -> dict[str, list[dict[str, Any]]]:
        """Where pages disagree (``alternative-claims.rq``): entity id -> the other pages' values."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows("alternative-claims"):
            out[id_path(row["about"])].append(
                {
                    "thing": str(row["thing"]),
                    "aspect": str(row["aspect"]),
                    "preferred": str(row["preferred"]),
                    "alternative": str(row["alternative"]),
                    "source": "source/" + str(row["alternative_source"]),
                    "why": str(row["why"]),
                }
            )
        return dict(out)

    def statements(self) -> list[dict[str, Any]]:
        """Dated statements (``dated-statements.rq``), for the timeline."""
        return [
            {
                "id": id_path(row["statement"]),
                "label_en": str(row["label_en"]),
                "label_id": _text(row.get("label_id")) or str(row["label_en"]),
                "speaker": id_path(row["speaker"]),
                "date": str(row["date"]),
                "occasion": id_path(row["occasion"]) if "occasion" in row else None,
                "source": id_path(row["source"]),
            }
            for row in self.rows("dated-statements")
        ]

    def build(self) -> Networks:
        """All networks at once."""
        return Networks(
            self.flow_graph(),
            self.entity_graph(),
            self.evidence(),
            self.sources(),
            self.statements(),
            self.alternatives(),
        )


Props = dict[Identifier, list[Identifier]]
Described = dict[Identifier, Props]  # a CONSTRUCT's triples by subject, then predicate


def _labels(props: Props) -> dict[str | None, str]:
    return {lit.language: str(lit) for lit in props.get(RDFS.label, []) if isinstance(lit, Literal)}


def _country_node(subject: Identifier, props: Props) -> dict[str, object]:
    """A state's node: code, English and Indonesian names, capital's coordinates."""
    labels = _labels(props)
    lat, lon = props.get(SDO.latitude), props.get(SDO.longitude)
    return {
        "kind": "country",
        "code": str(props[TPPO.iso3166Alpha3][0]),
        "label_en": labels.get("en", id_path(subject)),
        "label_id": labels.get("id", labels.get("en", "")),
        "lat": float(str(lat[0])) if lat else None,
        "lon": float(str(lon[0])) if lon else None,
    }


def _add_flow(
    graph: nx.MultiDiGraph, subject: Identifier, props: Props, by_subject: Described, row: dict[str, object]
) -> None:
    """One flow claim as an edge from its origin ("unknown" when none) to its destination."""
    count = props.get(TPPO["count"], [None])[0]
    cprops = by_subject.get(count, {}) if count is not None else {}
    labels = _labels(props)
    origin = props.get(TPPO.origin, [None])[0]
    form = props.get(TPPO.exploitationForm, [None])[0]
    period = props.get(TPPO.refPeriod, [None])[0]
    as_of = props.get(TPPO.asOf, [None])[0]
    measure = props.get(TPPO.measure, [None])[0]
    graph.add_edge(
        id_path(origin) if origin is not None else "unknown",
        id_path(props[TPPO.destination][0]),
        key=id_path(subject),
        claim=id_path(subject),
        label_en=labels.get("en", ""),
        label_id=labels.get("id", ""),
        form=str(form).rsplit("#", 1)[-1] if form is not None else None,
        minimum=_int(cprops.get(SDO.minValue, [None])[0]),
        maximum=_int(cprops.get(SDO.maxValue, [None])[0]),
        qualifier=str(cprops[TPPO.countQualifier][0]).rsplit("#", 1)[-1] if cprops else None,
        stated_as=_text(cprops.get(TPPO.statedAs, [None])[0]),
        period=_text(period),
        as_of=_text(as_of),
        year=_year(period) or _year(as_of),
        document=id_path(props[PROV.hadPrimarySource][0]),
        measure=_MEASURES.get(str(measure)) if measure is not None else None,
        **row,
    )


_MEASURES = {str(TPPO.VictimsDetected): "detected", str(TPPO.VictimsRepatriated): "repatriated"}


def _mark_background(graph: nx.MultiDiGraph) -> None:
    """``background``: an entity more than two links away from everything a source reports (a
    past leader, a summit or an agreement of the reference tables alone). The explorer hides
    them until asked, so that the news' own network (what it names, the offices of the people
    it names, the other agreements of the states it names) stays readable beside hundreds of
    table rows."""
    linked = graph.to_undirected(as_view=True)
    near = {n for n, data in graph.nodes(data=True) if data.get("sources")}
    for _ in range(2):
        near |= {m for n in near for m in linked.neighbors(n)}
    for node, data in graph.nodes(data=True):
        data["background"] = node not in near
