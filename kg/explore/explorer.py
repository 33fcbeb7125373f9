"""``tppo-kg explore``: one self-contained, offline HTML page to explore the graph.

SPARQL results -> networkx (``kg.explore.network``) -> pyvis networks (nodes and edges,
filled directly: pyvis's ``from_nx`` is quadratic and alters its input) -> our own
template. pyvis's template is not used: it links CDNs and puts titles into innerHTML.
vis-network is inlined from pyvis's package; all data travels as JSON in a
non-executable script element and is put on the page with ``textContent`` only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from kg import __version__
from kg.explore.analytics import centrality, corridors, strength
from kg.explore.network import Networks
from kg.read.project import Project

TEMPLATES = Path(__file__).parent / "templates"
VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
PHYSICS_LIMIT = 300  # above this many nodes the layout is computed in Python
SCALE = 12.0  # pixels per degree of longitude / latitude in the flow view

FORM_COLOURS = {
    "OnlineScamWork": "#d62728",
    "ForcedCriminality": "#ff7f0e",
    "SexualExploitation": "#9467bd",
    "ForcedLabour": "#1f77b4",
    "Other": "#17becf",
    "unknown": "#7f7f7f",
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


def flow_network(flows: nx.MultiDiGraph) -> Network:
    """States placed by geography, one edge per flow claim."""
    net = _network()
    claims_at: dict[str, int] = {}
    for u, v in flows.edges():
        claims_at[u] = claims_at.get(u, 0) + 1
        claims_at[v] = claims_at.get(v, 0) + 1
    unplaced = 0
    for node, data in sorted(flows.nodes(data=True)):
        if data.get("lat") is not None and data.get("lon") is not None:
            x, y = data["lon"] * SCALE, -data["lat"] * SCALE
        else:  # no coordinates: a row below the map
            x, y = -180 * SCALE + 60 * unplaced, 95 * SCALE
            unplaced += 1
        _add_node(
            net,
            node,
            label=data.get("label_en", node),
            x=round(x, 1),
            y=round(y, 1),
            shape="dot",
            size=round(min(36.0, 8 + 4 * math.sqrt(claims_at.get(node, 0))), 1),
            color="#4c78a8" if data.get("kind") == "country" else "#bbbbbb",
            kind=data.get("kind"),
            code=data.get("code"),
            label_en=data.get("label_en"),
            label_id=data.get("label_id"),
        )
    for u, v, key, data in sorted(flows.edges(keys=True, data=True), key=lambda e: str(e[2])):
        net.edges.append({"id": key, "from": u, "to": v, **data})
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "layout": {"improvedLayout": False},
                "interaction": {
                    "hover": True,
                    "multiselect": False,
                    "hideEdgesOnDrag": len(net.edges) > 2000,
                    "tooltipDelay": 3600000,
                },
                "edges": {
                    "smooth": False if len(net.edges) > 2000 else {"type": "curvedCW", "roundness": 0.15},
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                },
                "nodes": {"font": {"size": 14}},
            }
        )
    )
    return net


def _python_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for large graphs: force-directed up to 1,500 nodes, rings by type beyond."""
    if graph.number_of_nodes() <= 1500:
        pos = nx.spring_layout(nx.Graph(graph.to_undirected()), seed=7, iterations=60, scale=1500)
        return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}
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
    flows, entities = flow_network(networks.flows), entity_network(networks.entities)
    views = {}
    for name, net in (("flow", flows), ("entity", entities)):
        nodes, edges, _, _, _, options = net.get_network_data()
        views[name] = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    return {
        "title": title,
        "version": __version__,
        "views": views,
        "evidence": networks.evidence,
        "sources": networks.sources,
        "formColours": FORM_COLOURS,
        "entityStyle": {k: {"shape": s, "color": c} for k, (s, c) in ENTITY_STYLE.items()},
        "analytics": {
            "corridors": corridors(networks.flows)[:50],
            "strength": strength(networks.flows)[:50],
            "centrality": centrality(networks.entities),
        },
    }


def _json_for_script(data: Any) -> str:
    """JSON that cannot close its <script> element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_page(networks: Networks, title: str = "tppo-kg explorer") -> str:
    """The whole HTML page: inline styles, inline scripts, embedded data, no network."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    vis_js = (VIS / "vis-network.min.js").read_text(encoding="utf-8")
    app_js = (TEMPLATES / "explorer.js").read_text(encoding="utf-8")
    scripts = [vis_js, app_js]
    return env.get_template("explorer.html").render(
        title=title,
        vis_css=(VIS / "vis-network.css").read_text(encoding="utf-8"),
        app_css=(TEMPLATES / "explorer.css").read_text(encoding="utf-8"),
        vis_js=vis_js,
        app_js=app_js,
        data=_json_for_script(page_data(networks, title)),
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
