"""``tppo-kg explore``: one self-contained, offline HTML page to explore the graph.

SPARQL results -> networkx (``kg.explore.network``) -> pyvis networks (nodes and edges,
filled directly: pyvis's ``from_nx`` is quadratic and alters its input) -> our own
template. pyvis's template is not used: it links CDNs and puts titles into innerHTML.
vis-network is inlined from pyvis's package, the basemap (Natural Earth through world-atlas),
topojson-client and vis-timeline from ``vendor/``; all data travels as gzip-compressed JSON
(base64) in a non-executable script element and is put on the page with ``textContent`` only.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg import __version__
from kg.explore.analytics import centrality, strength
from kg.explore.network import Networks
from kg.read.project import Project

TEMPLATES = Path(__file__).parent / "templates"
VENDOR = Path(__file__).parent / "vendor"  # world-atlas, topojson-client, vis-timeline (NOTICE.md)
VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PHYSICS_LIMIT = 300  # above this many nodes the layout is computed in Python
SCALE = 12.0  # units per degree of longitude / latitude in the flow view (capitals and basemap alike)

FORM_COLOURS = {
    "OnlineScamWork": "#d62728",
    "ForcedCriminality": "#ff7f0e",
    "SexualExploitation": "#9467bd",
    "ForcedLabour": "#1f77b4",
    "Other": "#17becf",
    "unknown": "#6b7c93",
    "mixed": "#8c564b",
}
ENTITY_STYLE = {
    "person": ("dot", "#1f77b4"),
    "office": ("box", "#aec7e8"),
    "country": ("diamond", "#2ca02c"),
    "organisation": ("ellipse", "#ff7f0e"),
    "summit": ("star", "#d62728"),
    "meeting": ("triangle", "#e377c2"),
    "press-conference": ("triangleDown", "#c49c94"),
    "agreement": ("square", "#9467bd"),
    "source": ("hexagon", "#7f7f7f"),
}


def _network() -> Network:
    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges, net.node_ids, net.node_map = [], [], [], {}
    return net


def _add_node(net: Network, node_id: str, **attrs: Any) -> None:
    """Fill pyvis's node list directly (its add_node is linear in the nodes)."""
    node = {"id": node_id, **attrs}
    net.nodes.append(node)
    net.node_ids.append(node_id)
    net.node_map[node_id] = node


def flow_data(flows: nx.MultiDiGraph) -> dict[str, Any]:
    """The flow view's data: states (with their capitals' coordinates) and every flow claim.

    The page draws the corridors itself, on a basemap in the same projection as the
    capitals (longitude and latitude times ``SCALE``), so only data travels: no styling.
    """
    states = [
        {k: v for k, v in {"id": node, **data}.items() if v is not None}
        for node, data in sorted(flows.nodes(data=True))
    ]
    claims = [
        {"id": key, "from": u, "to": v, **{k: x for k, x in data.items() if x is not None and k != "claim"}}
        for u, v, key, data in sorted(flows.edges(keys=True, data=True), key=lambda e: str(e[2]))
    ]
    return {"states": states, "claims": claims, "scale": SCALE}


def timeline_items(networks: Networks) -> list[dict[str, Any]]:
    """What the timeline shows, from the same query results as the other views: summits, meetings
    and press conferences; agreements, signatures and ratifications; dated statements; the news'
    figures at their dates; terms of office as bands."""
    entities, items = networks.entities, []
    kinds = {
        "summit": "meetings",
        "meeting": "meetings",
        "press-conference": "meetings",
        "agreement": "agreements",
    }
    for node, data in sorted(entities.nodes(data=True)):
        group = kinds.get(data.get("kind", ""))
        if group and data.get("date"):
            items.append(
                {
                    "id": node,
                    "group": group,
                    "start": data["date"],
                    "ref": node,
                    "view": "entity",
                    "label_en": data.get("label_en"),
                    "label_id": data.get("label_id"),
                    "sources": data.get("sources", []),
                    "background": bool(data.get("background")),
                }
            )
    links = sorted(entities.edges(data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (u, v, data) in enumerate(links):
        relation, since = data.get("relation"), data.get("since")
        if not since or u not in entities or v not in entities:
            continue
        a, b = entities.nodes[u], entities.nodes[v]
        if relation in ("signed", "ratified", "acceded to"):
            group, end, ref = "agreements", None, v
        elif relation == "holds":
            group, end, ref = "terms", data.get("until") or "", u
        else:
            continue
        if group == "agreements":  # "Indonesia ratified ACTIP": the agreement by its acronym when it has one
            short = re.search(r"\(([A-Z]{3,})\)\s*$", str(b.get("label_en", "")))
            b = {**b, "label_en": short.group(1)} if short else b
        items.append(
            {
                "id": f"link/{i}",
                "group": group,
                "start": since,
                "end": end,
                "ref": ref,
                "view": "entity",
                "label_en": f"{a.get('label_en')} {relation} {b.get('label_en')}"
                if group != "terms"
                else f"{a.get('label_en')}: {b.get('label_en')}",
                "label_id": f"{a.get('label_id')} \u2014 {b.get('label_id')}",
                "sources": [],
                "background": bool(entities.nodes[ref].get("background")),
            }
        )
    for s in networks.statements:
        items.append(
            {
                "id": s["id"],
                "group": "statements",
                "start": s["date"],
                "ref": s["id"],
                "view": "statement",
                "label_en": s["label_en"],
                "label_id": s["label_id"],
                "sources": [s["source"]],
                "speaker": s["speaker"],
            }
        )
    for u, v, key, data in networks.flows.edges(keys=True, data=True):
        when = data.get("as_of") or data.get("period")
        if when and data.get("row") is None:  # the news' figures; official rows are thousands
            items.append(
                {
                    "id": key,
                    "group": "figures",
                    "start": when,
                    "ref": f"{u}\u2192{v}",
                    "view": "flow",
                    "label_en": data.get("label_en"),
                    "label_id": data.get("label_id"),
                    "sources": [data.get("document")],
                    "claim": key,
                }
            )
    items.sort(key=lambda item: (str(item["start"]), item["id"]))
    return [{k: v for k, v in item.items() if v is not None} for item in items]


def _spring(graph: nx.MultiDiGraph, scale: float) -> dict[str, tuple[float, float]]:
    pos = nx.spring_layout(nx.Graph(graph.to_undirected()), seed=7, iterations=60, scale=scale)
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def _python_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for large graphs: force-directed up to 1,500 nodes, rings by type beyond. What
    the sources report (the entities not marked ``background``) is laid out on its own in the
    middle, and the background around it, so the default view is not a knot of table rows."""
    if graph.number_of_nodes() <= 1500:
        fore = [n for n, d in graph.nodes(data=True) if not d.get("background")]
        if not fore or len(fore) == graph.number_of_nodes():
            return _spring(graph, 1500)
        pos = _spring(graph.subgraph(fore), 500)
        for node, (x, y) in _spring(graph, 1500).items():
            if graph.nodes[node].get("background"):
                stretch = max(1.0, 800 / (math.hypot(x, y) or 1.0))  # outside the middle
                pos[node] = (x * stretch, y * stretch)
        return pos
    out: dict[str, tuple[float, float]] = {}
    kinds = sorted({d.get("kind", "") for _, d in graph.nodes(data=True)})
    for ring, kind in enumerate(kinds):
        members = sorted(n for n, d in graph.nodes(data=True) if d.get("kind", "") == kind)
        radius = 400 + ring * 900 + len(members) * 0.8
        for i, n in enumerate(members):
            angle = 2 * math.pi * i / max(1, len(members))
            out[n] = (radius * math.cos(angle), radius * math.sin(angle))
    return out


def entity_network(entities: nx.MultiDiGraph) -> Network:
    """People, offices, countries, organisations, events, agreements and sources."""
    net = _network()
    big = entities.number_of_nodes() > PHYSICS_LIMIT
    pos = _python_layout(entities) if big else {}
    for node, data in sorted(entities.nodes(data=True)):
        shape, colour = ENTITY_STYLE.get(data.get("kind", ""), ("dot", "#bbbbbb"))
        extra = {"x": round(pos[node][0], 1), "y": round(pos[node][1], 1)} if big else {}
        _add_node(
            net,
            node,
            label=data.get("label_en", node),
            shape=shape,
            color=colour,
            **extra,
            **{k: v for k, v in data.items() if k not in ("x", "y")},
        )
    for i, (u, v, data) in enumerate(
        sorted(entities.edges(data=True), key=lambda e: (e[0], e[1], str(e[2])))
    ):
        net.edges.append({"id": f"e{i}", "from": u, "to": v, "label": data.get("relation", ""), **data})
    net.set_options(
        json.dumps(
            {
                "physics": {
                    "enabled": not big,
                    "stabilization": {"enabled": True, "iterations": 300},
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 140},
                },
                "layout": {"improvedLayout": not big, "randomSeed": 7},
                "interaction": {"hover": True, "hideEdgesOnDrag": big, "tooltipDelay": 3600000},
                "edges": {
                    "smooth": False if big else {"type": "dynamic"},
                    "font": {"size": 10, "align": "middle"},
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                },
            }
        )
    )
    return net


def page_data(networks: Networks, title: str) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready data."""
    entities = entity_network(networks.entities)
    nodes, edges, _, _, _, options = entities.get_network_data()
    return {
        "title": title,
        "version": __version__,
        "flow": flow_data(networks.flows),
        "entity": {"nodes": nodes, "edges": edges, "options": json.loads(options)},
        "timeline": timeline_items(networks),
        "evidence": networks.evidence,
        "alternatives": networks.alternatives,
        "sources": networks.sources,
        "formColours": FORM_COLOURS,
        "entityStyle": {k: {"shape": s, "color": c} for k, (s, c) in ENTITY_STYLE.items()},
        "basemap": json.loads((VENDOR / "countries-110m.json").read_text(encoding="utf-8")),
        "analytics": {
            "strength": strength(networks.flows)[:50],
            "centrality": centrality(networks.entities),
        },
    }


def packed(data: Any) -> str:
    """The page's data as gzip-compressed JSON in base64 (a tenth of its size as text); the page
    inflates it with the browser's own DecompressionStream. Base64 holds no markup at all."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_page(networks: Networks, title: str = "tppo-kg explorer") -> str:
    """The whole HTML page: inline styles, inline scripts, embedded data, no network."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    scripts = [
        (VENDOR / "vis-timeline-graph2d.min.js").read_text(encoding="utf-8"),
        (VIS / "vis-network.min.js").read_text(encoding="utf-8"),
        (VENDOR / "topojson-client.min.js").read_text(encoding="utf-8"),
        (TEMPLATES / "explorer.js").read_text(encoding="utf-8"),
    ]
    return env.get_template("explorer.html").render(
        title=title,
        styles=[
            (VENDOR / "vis-timeline-graph2d.min.css").read_text(encoding="utf-8"),
            (TEMPLATES / "explorer.css").read_text(encoding="utf-8"),
        ],
        scripts=scripts,
        data=packed(page_data(networks, title)),
        csp_scripts=" ".join(_csp_hash(s) for s in scripts),
    )


def write_page(html: str, path: Path) -> None:
    """Write UTF-8 explicitly and atomically (pyvis's writer uses the platform encoding)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(html)
    tmp.replace(path)


def write_explorer(project: Project, folder: Path, path: Path) -> dict[str, int]:
    """Build the networks from the store in ``folder`` and write the page; return its counts."""
    from kg.explore.network import NetworkBuilder
    from kg.query.engine import OxigraphEngine

    networks = NetworkBuilder(project, OxigraphEngine(folder)).build()
    write_page(render_page(networks), path)
    return {
        "states": networks.flows.number_of_nodes(),
        "claims": networks.flows.number_of_edges(),
        "corridors": len({(u, v) for u, v in networks.flows.edges()}),
        "entities": networks.entities.number_of_nodes(),
        "links": networks.entities.number_of_edges(),
    }
