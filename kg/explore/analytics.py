"""Network analytics with networkx: corridors, in/out strength of states, central actors.

Counts from different claims are never added up (they may describe the same victims):
a corridor's size is the largest lower bound any claim gives, and a state's strength
sums those corridor figures over its corridors.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError


def corridors(flows: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One row per origin -> destination: claims, sources, largest bounds; largest first."""
    rows = []
    pairs = sorted({(u, v) for u, v in flows.edges()})
    for u, v in pairs:
        claims = list(flows.get_edge_data(u, v).values())
        lows = [c["minimum"] for c in claims if c.get("minimum") is not None]
        highs = [c["maximum"] for c in claims if c.get("maximum") is not None]
        rows.append(
            {
                "origin": u,
                "destination": v,
                "origin_label": flows.nodes[u].get("label_en", u),
                "destination_label": flows.nodes[v].get("label_en", v),
                "claims": len(claims),
                "sources": len({c["document"] for c in claims}),
                "largest_lower_bound": max(lows) if lows else None,
                "largest_upper_bound": max(highs) if highs else None,
            }
        )
    rows.sort(key=lambda r: (-(r["largest_lower_bound"] or -1), -r["claims"], r["origin"], r["destination"]))
    return rows


def strength(flows: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Per state: corridors and claims in and out (between states: no domestic flow, no unknown
    origin), and the sum of corridor lower bounds."""
    table = corridors(flows)
    out: dict[str, dict[str, Any]] = {
        n: {
            "state": n,
            "label": d.get("label_en", n),
            "out_corridors": 0,
            "in_corridors": 0,
            "out_claims": 0,
            "in_claims": 0,
            "out_victims_at_least": 0,
            "in_victims_at_least": 0,
        }
        for n, d in flows.nodes(data=True)
        if n != "unknown"
    }
    for row in table:
        if row["origin"] == row["destination"] or "unknown" in (row["origin"], row["destination"]):
            continue  # domestic flows and unknown origins are not corridors between states
        low = row["largest_lower_bound"] or 0
        o, d = out[row["origin"]], out[row["destination"]]
        o["out_corridors"] += 1
        o["out_claims"] += row["claims"]
        o["out_victims_at_least"] += low
        d["in_corridors"] += 1
        d["in_claims"] += row["claims"]
        d["in_victims_at_least"] += low
    return sorted(
        out.values(),
        key=lambda r: (
            -(r["in_victims_at_least"] + r["out_victims_at_least"]),
            -(r["in_claims"] + r["out_claims"]),
            r["state"],
        ),
    )


def centrality(entities: nx.MultiDiGraph, top: int = 25) -> list[dict[str, Any]]:
    """The most central actors: degree and betweenness on the undirected simple graph."""
    simple = nx.Graph(entities.to_undirected())
    if simple.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(simple)
    k = None if simple.number_of_nodes() <= 1000 else 200
    between = nx.betweenness_centrality(simple, k=k, seed=7)
    rows = [
        {
            "node": n,
            "label": entities.nodes[n].get("label_en", n),
            "kind": entities.nodes[n].get("kind"),
            "degree": round(degree[n], 4),
            "betweenness": round(between[n], 4),
        }
        for n in simple.nodes
    ]
    rows.sort(key=lambda r: (-r["betweenness"], -r["degree"], r["node"]))
    return rows[:top]


def _scalar_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML and GEXF can hold: no None, lists joined by ';'."""

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        return {
            k: (";".join(map(str, v)) if isinstance(v, list) else v) for k, v in data.items() if v is not None
        }

    copy = nx.MultiDiGraph()
    copy.add_nodes_from((n, clean(d)) for n, d in graph.nodes(data=True))
    copy.add_edges_from((u, v, k, clean(d)) for u, v, k, d in graph.edges(keys=True, data=True))
    return copy


FORMATS = ("graphml", "gexf", "csv")


def export(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The graph as GraphML, GEXF, or CSV (one line per edge with its attributes)."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_scalar_copy(graph))) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(_scalar_copy(graph))) + "\n"
    if fmt == "csv":
        keys = sorted({k for _, _, d in graph.edges(data=True) for k in d})
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["source", "target", *keys])
        for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], str(e[2].get("claim", "")))):
            writer.writerow([u, v, *["" if d.get(k) is None else d[k] for k in keys]])
        return buffer.getvalue()
    raise KGError(f"unknown network format {fmt!r} (choose from {', '.join(FORMATS)})")


def write_export(graph: nx.MultiDiGraph, fmt: str, path: Path) -> None:
    """Write an export to a file, atomically."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(export(graph, fmt), encoding="utf-8")
    tmp.replace(path)
