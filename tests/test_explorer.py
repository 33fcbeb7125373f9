"""The explorer in headless Chromium, offline: clean load, counts match SPARQL, features work, safe text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser

from benchmarks.synthetic import networks as synthetic_networks
from kg.build.pipeline import BuildReport
from kg.cli import main
from kg.explore.explorer import render_page, write_explorer, write_page
from kg.explore.network import NetworkBuilder, Networks
from kg.query.engine import OxigraphEngine
from kg.read.project import Project
from tests.browser import ARTIFACTS, Watched, chromium, open_offline
from tests.conftest import ROOT

Built = tuple[Path, BuildReport]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def page_file(built: Built) -> Path:
    out, _ = built
    path = out / "explorer.html"
    write_explorer(Project(ROOT), out, path)
    return path


@pytest.fixture
def watched(browser: Browser, page_file: Path) -> Iterator[Watched]:
    w = open_offline(browser, page_file.as_uri())
    yield w
    w.page.context.close()


def sparql(built: Built, query: str) -> list[dict[str, str]]:
    store = OxigraphEngine(built[0]).store
    prefixes = (
        "PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
    )
    return [
        {v.value: row[v.value].value for v in rows.variables}
        for rows in [store.query(prefixes + query)]
        for row in rows
    ]  # type: ignore[union-attr]


def counts(w: Watched, view: str) -> dict[str, Any]:
    return w.page.evaluate(f"window.tppoExplorer.counts('{view}')")  # type: ignore[no-any-return]


def show_entities(w: Watched) -> None:
    w.page.click("#tab-entity")
    w.page.wait_for_selector("body[data-stable-entity='1']", timeout=30_000)


def click_node(w: Watched, view: str, node: str) -> None:
    """Click a node where it is drawn on the canvas, as a person would."""
    point = w.page.evaluate(
        """([view, node]) => {
            const v = window.tppoExplorer.views[view];
            const pos = v.network.canvasToDOM(v.network.getPositions([node])[node]);
            const box = v.container.getBoundingClientRect();
            return {x: box.left + pos.x, y: box.top + pos.y};
        }""",
        [view, node],
    )
    w.page.mouse.click(point["x"], point["y"])


# -- loading -------------------------------------------------------------------------------


def test_loads_offline_with_no_failed_request_and_no_console_error(watched: Watched) -> None:
    show_entities(watched)
    watched.page.click("#tab-flow")
    assert watched.failed_requests == []
    assert watched.console_errors == []
    assert watched.dialogs == []


def test_page_is_self_contained(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert "<script src" not in html and "<link " not in html
    for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrap"):
        assert host not in html.lower()


def test_screenshots_of_each_view(watched: Watched) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    watched.page.screenshot(path=str(ARTIFACTS / "explorer-flow.png"))
    show_entities(watched)
    watched.page.wait_for_timeout(300)
    watched.page.screenshot(path=str(ARTIFACTS / "explorer-entity.png"))
    for name in ("explorer-flow.png", "explorer-entity.png"):
        data = (ARTIFACTS / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


# -- counts equal the SPARQL results they came from ----------------------------------------


def test_flow_counts_equal_sparql(watched: Watched, built: Built) -> None:
    states = sparql(
        built,
        """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
        ?f a tppo:VictimFlow . { ?f tppo:origin ?s } UNION { ?f tppo:destination ?s } }""",
    )[0]["n"]
    corridors = sparql(
        built,
        """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?o ?d WHERE {
        ?f a tppo:VictimFlow ; tppo:origin ?o ; tppo:destination ?d } }""",
    )[0]["n"]
    claims = sparql(built, "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a tppo:VictimFlow }")[0]["n"]
    assert counts(watched, "flow") == {"nodes": int(states), "edges": int(corridors), "claims": int(claims)}
    watched.page.uncheck("#aggregate")
    assert counts(watched, "flow") == {"nodes": int(states), "edges": int(claims), "claims": int(claims)}


def test_entity_counts_equal_sparql(watched: Watched, built: Built) -> None:
    project = Project(ROOT)
    builder = NetworkBuilder(project, OxigraphEngine(built[0]))
    entities = {r["entity"] for r in builder.rows("entities")}
    links = builder.rows("entity-links")
    show_entities(watched)
    watched.page.check("#background")  # the reference tables' own rows too
    assert counts(watched, "entity") == {"nodes": len(entities), "edges": len(links), "claims": None}


# -- interaction ---------------------------------------------------------------------------


def test_search_in_indonesian_and_english(watched: Watched) -> None:
    page = watched.page
    page.fill("#search", "Kamboja")
    page.click("#search-results button[data-id='country/KHM'][data-view='flow']")
    assert page.inner_text("#panel h2") == "Cambodia"
    page.fill("#search", "hun manet")
    page.click("#search-results button[data-id='person/hun-manet']")
    page.wait_for_selector("body[data-stable-entity='1']")
    assert page.inner_text("#panel h2") == "Hun Manet"
    assert "Prime Minister of Cambodia" in page.inner_text("#panel")
    page.fill("#search", "Filipina")
    page.press("#search", "Enter")
    assert page.inner_text("#panel h2") == "Philippines"


def test_year_source_and_type_filters(watched: Watched, built: Built) -> None:
    page = watched.page
    page.fill("#year-from", "2024")
    page.fill("#year-to", "2024")
    page.uncheck("#undated")  # fires the change that applies the years
    assert counts(watched, "flow") == {"nodes": 2, "edges": 1, "claims": 1}
    page.check("#undated")
    page.fill("#year-from", "2020")
    page.fill("#year-to", "2022")
    page.press("#year-to", "Enter")
    page.locator("#year-to").dispatch_event("change")
    assert counts(watched, "flow")["claims"] == 6  # the undated destination claims only
    page.click("#reset")
    page.select_option("#source-filter", "source/tempo-2024-03-jokowi-hun-manet-tppo")
    assert counts(watched, "flow")["claims"] == 7
    page.uncheck("#type-filter input[data-type='OnlineScamWork']")
    assert counts(watched, "flow") == {"nodes": 0, "edges": 0, "claims": 0}
    page.click("#reset")
    show_entities(watched)
    page.check("#background")
    before = counts(watched, "entity")["nodes"]
    page.uncheck("#type-filter input[data-type='country']")
    after = counts(watched, "entity")
    builder = NetworkBuilder(Project(ROOT), OxigraphEngine(built[0]))
    countries = {r["entity"] for r in builder.rows("entities") if str(r["type"]) == "country"}
    assert len(countries) >= 2 and after["nodes"] == before - len(countries)
    assert page.inner_text("#counts").startswith(f"{after['nodes']} entities")


def test_neighbourhood_highlight_respects_direction(watched: Watched) -> None:
    page = watched.page
    click_node(watched, "flow", "country/KHM")
    assert page.inner_text("#panel h2") == "Cambodia"
    assert page.get_attribute("body", "data-highlight") == "country/IDN country/KHM"
    page.select_option("#direction", "out")
    assert page.get_attribute("body", "data-highlight") == "country/KHM"
    click_node(watched, "flow", "country/IDN")
    highlighted = page.get_attribute("body", "data-highlight") or ""
    assert set(highlighted.split()) == {
        "country/IDN",
        "country/KHM",
        "country/LAO",
        "country/MMR",
        "country/PHL",
        "country/THA",
        "country/VNM",
    }
    page.select_option("#direction", "in")
    assert page.get_attribute("body", "data-highlight") == "country/IDN"


def test_evidence_panel_for_a_corridor_and_an_event(watched: Watched) -> None:
    page = watched.page
    click_node(watched, "flow", "country/KHM")
    page.click("#panel button.corridor:has-text('victims from Indonesia')")
    panel = page.inner_text("#panel")
    assert "Indonesia \u2192 Cambodia" in panel
    assert "2 claims;" in panel
    assert "more than 1,100 (\u201clebih dari 1.100\u201d)" in panel
    assert "count unknown" in panel
    sentences = page.locator("#panel blockquote .sentence").all_inner_texts()
    assert any("memulangkan lebih dari 1.100 WNI" in s for s in sentences)
    assert "curated" in page.inner_text("#panel blockquote .badge")
    show_entities(watched)
    click_node(watched, "entity", "event/2024-03-05-jokowi-hun-manet-melbourne")
    assert page.inner_text("#panel h2") == "Meeting of Joko Widodo and Hun Manet in Melbourne"
    sentences = page.locator("#panel blockquote .sentence").all_inner_texts()
    assert any("Hotel Park Hyatt, Melbourne" in s for s in sentences)


def test_indonesian_labels(watched: Watched) -> None:
    watched.page.select_option("#language", "id")
    labels = watched.page.evaluate("window.tppoExplorer.flow.label('country/KHM')")
    assert labels == "Kamboja"


def test_export_png(watched: Watched) -> None:
    with watched.page.expect_download() as info:
        watched.page.click("#export-png")
    download = info.value
    assert download.suggested_filename == "tppo-kg-flow.png"
    path = download.path()
    assert path is not None and Path(path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_analytics_are_shown(watched: Watched) -> None:
    page = watched.page
    page.click("#analytics summary")
    text = page.inner_text("#analytics-body")
    assert "Largest corridors" in text and "Indonesia \u2192 Cambodia" in text
    assert "Strength per state" in text and "Central actors" in text


# -- text from sources is data, never markup -----------------------------------------------

EVIL = '<img src=x onerror="window.__xss=1;alert(1)"></script><script>window.__xss=2;alert(2)</script>'


def evil_networks() -> Networks:
    flows = nx.MultiDiGraph()
    for node, lat, lon in (("country/AAA", 1.0, 100.0), ("country/BBB", 10.0, 105.0)):
        flows.add_node(node, kind="country", code=node[-3:], label_en=EVIL, label_id=EVIL, lat=lat, lon=lon)
    flows.add_edge(
        "country/AAA",
        "country/BBB",
        key="flow/x",
        claim="flow/x",
        label_en=EVIL,
        label_id=EVIL,
        form="OnlineScamWork",
        minimum=None,
        maximum=None,
        qualifier=None,
        stated_as=EVIL,
        period=None,
        as_of=None,
        year=None,
        document="source/evil",
    )
    entities = nx.MultiDiGraph()
    entities.add_node(
        "person/x", kind="person", label_en=EVIL, label_id=EVIL, date=None, year=None, sources=["source/evil"]
    )
    entities.add_node(
        "event/x", kind="meeting", label_en=EVIL, label_id=EVIL, date=None, year=None, sources=[]
    )
    entities.add_edge("event/x", "person/x", relation=EVIL, since=None, until=None)
    evidence = {
        k: [
            {
                "sentence": EVIL,
                "source": "source/evil",
                "publisher": EVIL,
                "start": 0,
                "end": 1,
                "by": EVIL,
                "method": "curated",
            }
        ]
        for k in ("flow/x", "person/x", "event/x")
    }
    return Networks(flows, entities, evidence, {"source/evil": EVIL})


def test_markup_in_labels_titles_and_quotes_does_not_run(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "evil.html"
    write_page(render_page(evil_networks(), title=EVIL), path)
    w = open_offline(browser, path.as_uri())
    page = w.page
    assert page.title() == EVIL
    assert page.inner_text("#heading") == EVIL
    page.fill("#search", "img")
    page.click("#search-results button[data-id='person/x']")
    page.wait_for_selector("body[data-stable-entity='1']")
    assert EVIL in page.inner_text("#panel")
    page.click("#tab-flow")
    click_node(w, "flow", "country/AAA")
    page.click("#panel button.corridor")
    assert EVIL in page.inner_text("#panel")
    page.click("#analytics summary")
    page.select_option("#source-filter", "source/evil")
    assert page.evaluate("window.__xss") is None
    assert w.dialogs == []
    assert page.locator("img[src=x]").count() == 0
    page.context.close()


def test_markup_in_a_facts_file_label_does_not_run(
    browser: Browser, project_copy: Project, tmp_path: Path
) -> None:
    facts = project_copy.sources / "tempo-2024-03-jokowi-hun-manet-tppo" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("en: Meeting of Joko Widodo and Hun Manet in Melbourne", f"en: '{EVIL}'")
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    root = str(project_copy.root)
    for args in (
        ["build", "--out", str(out)],
        ["explore", "--store", str(out), "--out", str(out / "explorer.html")],
    ):
        result = CliRunner().invoke(main, [*args, "--project", root])
        assert result.exit_code == 0, result.output
    w = open_offline(browser, (out / "explorer.html").as_uri())
    show_entities(w)
    click_node(w, "entity", "event/2024-03-05-jokowi-hun-manet-melbourne")
    assert w.page.inner_text("#panel h2") == EVIL
    assert w.page.evaluate("window.__xss") is None and w.dialogs == []
    w.page.context.close()


# -- a large network takes the fast paths (layout in Python, data rebuilt at once) ---------


def test_large_network_stays_consistent(browser: Browser, tmp_path: Path) -> None:
    networks = synthetic_networks(600, 4, seed=3)
    path = tmp_path / "large.html"
    write_page(render_page(networks), path)
    w = open_offline(browser, path.as_uri())
    page = w.page
    news = {(u, v) for u, v, d in networks.flows.edges(data=True) if d["row"] is None}
    region = {s for pair in news for s in pair}
    shown = [(u, v) for u, v in networks.flows.edges() if (u, v) in news or {u, v} <= region]
    assert counts(w, "flow") == {
        "nodes": len({s for pair in shown for s in pair}),
        "edges": len(set(shown)),
        "claims": len(shown),
    }
    page.check("#official")
    corridors = {(u, v) for u, v in networks.flows.edges()}
    assert counts(w, "flow") == {
        "nodes": len({s for pair in corridors for s in pair}),
        "edges": len(corridors),
        "claims": 2400,
    }
    page.fill("#year-from", "2010")
    page.fill("#year-to", "2012")
    page.uncheck("#undated")
    kept = [(u, v) for u, v, d in networks.flows.edges(data=True) if 2010 <= d["year"] <= 2012]
    assert kept
    states = {s for pair in kept for s in pair}
    assert counts(w, "flow") == {"nodes": len(states), "edges": len(set(kept)), "claims": len(kept)}
    page.fill("#search", "State 7")
    page.click("#search-results button[data-id='country/S00007']")
    assert page.inner_text("#panel h2") == "State 7"
    page.click("#reset")
    show_entities(w)
    assert counts(w, "entity") == {"nodes": 600, "edges": 2400, "claims": None}
    positions = page.evaluate("Object.keys(window.tppoExplorer.views.entity.network.getPositions()).length")
    assert positions == 600
    assert w.console_errors == [] and w.failed_requests == []
    page.context.close()


@pytest.fixture(scope="module")
def full_page(built_full: tuple[Path, Any]) -> Path:
    out = built_full[0]
    path = out / "explorer-full.html"
    write_explorer(Project(ROOT), out, path)
    return path


def full_flows(built_full: tuple[Path, Any]) -> list[dict[str, str]]:
    """Every flow claim with a destination: origin ('unknown' when none), destination, source, measure."""
    store = OxigraphEngine(built_full[0]).store
    query = """PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT ?f ?o ?d ?s ?m WHERE { ?f a tppo:VictimFlow ; tppo:destination ?d ; prov:hadPrimarySource ?s .
      OPTIONAL { ?f tppo:origin ?x } OPTIONAL { ?f tppo:measure ?m } BIND(COALESCE(?x, "unknown") AS ?o) }"""
    return [
        {k: (row[k].value if row[k] is not None else "") for k in ("f", "o", "d", "s", "m")}
        for row in store.query(query)  # type: ignore[union-attr]
    ]


def expected(flows: list[dict[str, str]], keep: Any) -> dict[str, int]:
    kept = [f for f in flows if keep(f)]
    pairs = {(f["o"], f["d"]) for f in kept}
    return {
        "nodes": len({s for pair in pairs for s in pair if s != "unknown"}),
        "edges": len(pairs),
        "claims": len(kept),
    }


def test_explorer_at_the_real_size(browser: Browser, built_full: tuple[Path, Any], full_page: Path) -> None:
    """With GLOTIP: the story first, then the switches; counts equal SPARQL; the page under 2 MB."""
    assert full_page.stat().st_size < 2 * 2**20
    flows = full_flows(built_full)
    glotip = "https://w3id.org/tppo-kg/id/source/unodc-glotip"
    news = {(f["o"], f["d"]) for f in flows if f["s"] != glotip}
    region = {s for pair in news for s in pair}

    def story(f: dict[str, str]) -> bool:
        pair = (f["o"], f["d"])
        return pair in news or (f["o"] in region and f["d"] in region and f["o"] != f["d"])

    def between_states(f: dict[str, str]) -> bool:
        return f["o"] != "unknown" and f["o"] != f["d"]

    w = open_offline(browser, full_page.as_uri())
    page = w.page
    assert counts(w, "flow") == expected(flows, story)
    assert "the news' corridors" in page.inner_text("#counts")
    # the legend shows only the colours on screen
    forms = page.evaluate("[...new Set(window.tppoExplorer.flow.edges.map(e => e.form))].sort()")
    legend = page.locator("#legend .swatch").evaluate_all("l => l.map(s => s.dataset.form).sort()")
    assert legend == forms and len(legend) < 7
    page.check("#official")
    assert counts(w, "flow") == expected(flows, between_states)
    page.check("#domestic")
    assert counts(w, "flow") == expected(flows, lambda f: f["o"] != "unknown")
    page.check("#unknown")
    everything = expected(flows, lambda f: True)
    assert counts(w, "flow") == everything  # the unknown origin is not counted among states
    assert "grey square: unknown origin" in page.inner_text("#legend")
    page.select_option("#measure", "detected")
    detected = expected(flows, lambda f: not f["m"].endswith("VictimsRepatriated"))
    assert counts(w, "flow") == detected
    page.select_option("#source-filter", "source/unodc-glotip")
    unodc = counts(w, "flow")["claims"]
    page.select_option("#measure", "")
    page.select_option("#source-filter", "source/tempo-2024-03-jokowi-hun-manet-tppo")
    assert counts(w, "flow")["claims"] == 7 and unodc < everything["claims"] - 7
    page.click("#reset")
    assert counts(w, "flow") == expected(flows, story)
    page.fill("#search", "Brazil")
    page.press("#search", "Enter")  # not in the story: the official figures are switched on
    assert page.is_checked("#official") and page.inner_text("#panel h2") == "Brazil"
    near = page.evaluate(
        """() => { const x = window.tppoExplorer, v = x.views.flow, box = v.container.getBoundingClientRect();
        const p = v.network.canvasToDOM(v.network.getPositions(["country/BRA"])["country/BRA"]);
        return p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height; }"""
    )
    assert near
    page.click("#reset")
    # UNODC's figures show their spreadsheet row, not "Background fact"
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/THA')")
    panel = page.inner_text("#panel")
    assert "UNODC's figures for this corridor" in panel and "spreadsheet row" in panel
    assert "indicator" in panel and "by citizenship" in panel and "Background fact" not in panel
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-flow-unodc-rows.png"))
    assert w.console_errors == [] and w.failed_requests == []
    page.context.close()


def test_world_view_opens_from_its_link_and_draws_the_basemap(browser: Browser, full_page: Path) -> None:
    w = open_offline(browser, full_page.as_uri() + "#official")
    page = w.page
    assert page.is_checked("#official")
    assert counts(w, "flow")["nodes"] > 150
    labelled = page.evaluate("window.tppoExplorer.flow.labelled")
    assert labelled >= 25  # as many as fit without overlapping, at 12 px
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-flow-world.png"))
    # the selected corridor is drawn on top, even among thousands
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/KHM')")
    assert red(corridor_colour(w, "country/IDN\u2192country/KHM"))
    page.screenshot(path=str(ARTIFACTS / "explorer-flow-world-selected.png"))
    assert w.console_errors == [] and w.failed_requests == []
    page.context.close()


# -- the map ------------------------------------------------------------------------------------

LAND = (244, 241, 234)


def pixel(w: Watched, lon: float, lat: float) -> tuple[int, int, int, int]:
    """The colour the flow view's canvas has at a longitude and latitude."""
    rgba = w.page.evaluate(
        """([lon, lat]) => {
            const v = window.tppoExplorer.views.flow, s = window.tppoExplorer.flow.scale;
            const p = v.network.canvasToDOM({x: lon * s, y: -lat * s});
            const c = v.container.querySelector("canvas"), r = window.devicePixelRatio || 1;
            const ctx = c.getContext("2d");
            return Array.from(ctx.getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data);
        }""",
        [lon, lat],
    )
    return tuple(rgba)  # type: ignore[return-value]


def land_at(w: Watched, lon: float, lat: float) -> bool:
    return pixel(w, lon, lat)[:3] == LAND


def red(rgb: tuple[int, int, int]) -> bool:
    """The online-scam red (#d62728), give or take the canvas's smoothing."""
    return all(abs(a - b) <= 4 for a, b in zip(rgb, (214, 39, 40), strict=True))


def corridor_colour(w: Watched, edge: str) -> tuple[int, int, int]:
    """The colour drawn at the middle of a corridor's curve."""
    rgba = w.page.evaluate(
        """(edge) => {
            const x = window.tppoExplorer, v = x.views.flow, e = x.flow.byId[edge];
            const p = x.flow.midpoint(e), d = v.network.canvasToDOM(p);
            const c = v.container.querySelector("canvas"), r = window.devicePixelRatio || 1;
            const ctx = c.getContext("2d");
            return Array.from(ctx.getImageData(Math.round(d.x * r), Math.round(d.y * r), 1, 1).data);
        }""",
        edge,
    )
    return (rgba[0], rgba[1], rgba[2])


def test_basemap_is_drawn_offline_under_the_states_in_the_same_projection(watched: Watched) -> None:
    assert watched.failed_requests == [] and watched.console_errors == []
    # away from the corridors: Borneo, Sulawesi and Java are land, the seas around them water
    assert land_at(watched, 114.5, 1.0) and land_at(watched, 120.5, -1.5) and land_at(watched, 110.0, -7.3)
    assert not land_at(watched, 111.0, -4.5) and not land_at(watched, 112.0, 16.0)
    html = watched.page.content()
    assert "unpkg" not in html and "jsdelivr" not in html


def test_labels_are_readable_and_the_view_fits_what_is_shown(watched: Watched) -> None:
    page = watched.page
    # every state of the story is labelled, at a fixed 12 px whatever the zoom
    assert page.evaluate("window.tppoExplorer.flow.labelled") == counts(watched, "flow")["nodes"]
    inside = """() => {
        const x = window.tppoExplorer, v = x.views.flow, box = v.container.getBoundingClientRect();
        return Object.keys(x.flow.shown).every(id => {
            const p = v.network.canvasToDOM(v.network.getPositions([id])[id]);
            return p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height;
        });
    }"""
    assert page.evaluate(inside)
    scale = page.evaluate("window.tppoExplorer.views.flow.network.getScale()")
    page.fill("#year-from", "2024")
    page.fill("#year-to", "2024")
    page.uncheck("#undated")  # Indonesia -> Cambodia alone: the view zooms in on it
    assert counts(watched, "flow")["nodes"] == 2
    assert page.evaluate(inside)
    assert page.evaluate("window.tppoExplorer.views.flow.network.getScale()") > scale


def test_the_selected_corridor_is_highlighted(watched: Watched) -> None:
    page = watched.page
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/KHM')")
    assert page.get_attribute("body", "data-selected-edge") == "country/IDN\u2192country/KHM"
    assert red(corridor_colour(watched, "country/IDN\u2192country/KHM"))
    # the others are dimmed: the corridor to Laos is no longer red at its middle
    assert not red(corridor_colour(watched, "country/IDN\u2192country/LAO"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-flow-selected.png"))


def test_clicking_a_corridor_selects_it(watched: Watched) -> None:
    point = watched.page.evaluate(
        """() => { const x = window.tppoExplorer, v = x.views.flow;
        const e = x.flow.byId["country/IDN\u2192country/PHL"];
        const d = v.network.canvasToDOM(x.flow.midpoint(e)), box = v.container.getBoundingClientRect();
        return {x: box.left + d.x, y: box.top + d.y}; }"""
    )
    watched.page.mouse.click(point["x"], point["y"])
    assert watched.page.inner_text("#panel h2") == "Indonesia \u2192 Philippines"


# -- the side panel follows what is done ---------------------------------------------------


def test_panel_refreshes_on_view_and_filter_and_starts_at_the_top(watched: Watched) -> None:
    page = watched.page

    def panel_count() -> int:
        return int(page.get_attribute("body", "data-panel") or 0)

    assert page.inner_text("#panel h2") == "The news' corridors and their region"
    assert "Indonesia \u2192 Laos \u00b7 1 claim" in page.inner_text("#panel")  # one claim, not "1 claims"
    names = page.locator("#panel button.corridor").all_inner_texts()
    assert names[0] == "Indonesia \u2192 Cambodia"  # by size: more than 1,100
    page.click("#panel button[data-sort='name']")
    names = page.locator("#panel button.corridor").all_inner_texts()
    assert names == sorted(names)
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/KHM')")
    page.evaluate("document.getElementById('panel').scrollTop = 400")
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/THA')")
    assert page.evaluate("document.getElementById('panel').scrollTop") == 0
    assert page.inner_text("#panel h2") == "Indonesia \u2192 Thailand"
    n = panel_count()
    page.fill("#year-from", "2024")
    page.fill("#year-to", "2024")
    page.uncheck("#undated")  # the Thailand corridor has no claim of 2024: back to the overview
    assert panel_count() > n and page.inner_text("#panel h2") == "The news' corridors and their region"
    page.click("#reset")
    show_entities(watched)
    assert "Click a person" in page.inner_text("#panel")
    page.click("#tab-flow")
    assert page.inner_text("#panel h2") == "The news' corridors and their region"


def test_export_the_claims_of_a_corridor_as_csv_and_a_citation(watched: Watched) -> None:
    page = watched.page
    page.evaluate("window.tppoExplorer.selectEdge('flow', 'country/IDN\u2192country/KHM')")
    with page.expect_download() as info:
        page.click("#export-csv")
    path = info.value.path()
    assert path is not None
    import csv

    rows = list(csv.DictReader(Path(path).read_text(encoding="utf-8").splitlines()))
    assert {r["claim"] for r in rows} == {
        "flow/idn-khm-online-scam-kemlu",
        "flow/idn-khm-online-scam-repatriated-by-2024-01-04",
    }
    repatriated = next(r for r in rows if "repatriated" in r["claim"])
    assert repatriated["figure"] == "more than 1,100" and repatriated["measure"] == "repatriated"
    assert "memulangkan lebih dari 1.100 WNI" in repatriated["sentence"]
    assert repatriated["publisher"] == "Tempo (TEMPO.CO)"
    page.click("#show-citation")
    citation = page.input_value("#citation")
    assert citation.startswith("Indonesia \u2192 Cambodia (tppo-kg")
    assert "more than 1,100 victims repatriated, by 2024-01-04. Tempo (TEMPO.CO)" in citation
    assert "memulangkan lebih dari 1.100 WNI" in citation


# -- the timeline ---------------------------------------------------------------------------


def test_timeline_shows_what_the_queries_give_and_opens_the_evidence(watched: Watched, built: Built) -> None:
    page = watched.page
    page.click("#tab-timeline")
    page.wait_for_selector("body[data-rendered-timeline='1']")
    builder = NetworkBuilder(Project(ROOT), OxigraphEngine(built[0]))
    dated = {
        r["entity"]
        for r in builder.rows("entities")
        if str(r["type"]) in ("summit", "meeting", "press-conference", "agreement") and "date" in r
    }
    tenures = [r for r in builder.rows("entity-links") if str(r["relation"]) == "holds" and "start" in r]
    news = page.evaluate("window.tppoExplorer.timelineItems()")  # the news' own, by default
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-timeline.png"))
    page.check("#background")  # and every summit, meeting and term of the reference tables
    items = page.evaluate("window.tppoExplorer.timelineItems()")
    assert 0 < len(news) < len(items) / 3
    groups = [i["group"] for i in items]
    assert groups.count("meetings") + groups.count("agreements") >= len(dated)
    assert groups.count("terms") == len(tenures)
    assert groups.count("statements") == len(builder.rows("dated-statements"))
    assert "figures" in groups
    page.screenshot(path=str(ARTIFACTS / "explorer-timeline-background.png"))
    # filters are shared with the other views
    page.fill("#year-from", "2024")
    page.fill("#year-to", "2024")
    page.locator("#year-to").dispatch_event("change")
    kept = page.evaluate("window.tppoExplorer.timelineItems()")
    assert 0 < len(kept) < len(items)
    assert all(i["start"][:4] <= "2024" for i in kept)
    page.uncheck("#type-filter input[data-type='terms']")
    assert "terms" not in {i["group"] for i in page.evaluate("window.tppoExplorer.timelineItems()")}
    # clicking an item opens the same evidence panel
    page.click(".vis-item:has-text('Meeting of Joko Widodo and Hun Manet in Melbourne')")
    assert page.inner_text("#panel h2") == "Meeting of Joko Widodo and Hun Manet in Melbourne"
    sentences = page.locator("#panel blockquote .sentence").all_inner_texts()
    assert any("Hotel Park Hyatt, Melbourne" in s for s in sentences)
    assert watched.console_errors == [] and watched.failed_requests == []


# -- vendored files ------------------------------------------------------------------------


def test_vendored_files_match_their_checksums() -> None:
    import hashlib
    import re

    vendor = ROOT / "kg" / "explore" / "vendor"
    notice = (vendor / "NOTICE.md").read_text(encoding="utf-8")
    sums = dict(re.findall(r"^- `([^`]+)` ([0-9a-f]{64})$", notice, re.M))
    files = {p.name for p in vendor.iterdir() if p.name != "NOTICE.md"}
    assert set(sums) == files
    for name, digest in sums.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name


def test_a_link_opens_the_explorer_on_what_it_names(browser: Browser, page_file: Path) -> None:
    w = open_offline(browser, page_file.as_uri() + "#focus=person/hun-manet")
    w.page.wait_for_selector("body[data-stable-entity='1']")
    assert w.page.inner_text("#panel h2") == "Hun Manet"
    assert w.console_errors == [] and w.failed_requests == []
    w.page.context.close()


def test_the_entity_view_keeps_the_background_tables_out_until_asked(watched: Watched) -> None:
    """Hundreds of leaders, summits and agreements of the reference tables would bury the news'
    own network: they are shown only with the background switch, or when searched for."""
    page = watched.page
    show_entities(watched)

    def shown() -> set[str]:
        ids: list[str] = page.evaluate(
            "window.tppoExplorer.views.entity.nodes.get({filter: n => !n.hidden}).map(n => n.id)"
        )
        return set(ids)

    default = shown()
    assert "event/2024-03-05-jokowi-hun-manet-melbourne" in default and "person/hun-manet" in default
    assert "person/thaksin-shinawatra" not in default  # a past Thai prime minister: tables only
    page.check("#background")
    everything = shown()
    assert "person/thaksin-shinawatra" in everything and len(everything) > 2 * len(default)
    page.uncheck("#background")
    assert shown() == default
    page.fill("#search", "Thaksin")
    page.press("#search", "Enter")
    assert page.is_checked("#background") and "person/thaksin-shinawatra" in shown()


def test_where_pages_disagree_the_panel_shows_both_values_and_why(watched: Watched) -> None:
    """An agreement, and a minister whose term two pages end on different days: the panel shows
    the value the graph holds, the other page's value, the page and the reason."""
    page = watched.page
    page.fill("#search", "ACTIP")
    page.click("#search-results button[data-id='agreement/actip']")
    page.wait_for_selector("body[data-stable-entity='1']")
    panel = page.inner_text("#panel")
    assert "Where pages disagree (11 other values)" in panel  # the signing day, and each state's signature
    assert "the graph holds 2015-11-21" in panel and "gives 2015-11-22" in panel
    assert "acrath-actip" in panel and "three reports" in panel
    page.fill("#search", "Tej Bunnag")
    page.click("#search-results button[data-id='person/tej-bunnag']")
    panel = page.inner_text("#panel")
    assert "end of the term: the graph holds 2008-09-03" in panel and "gives 2008-09-04" in panel
    page.fill("#search", "hun manet")
    page.click("#search-results button[data-id='person/hun-manet']")
    assert "Where pages disagree" not in page.inner_text("#panel")
    assert watched.console_errors == []
