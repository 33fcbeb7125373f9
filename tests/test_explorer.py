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
    page.click("#panel button:has-text('[claims]')")
    panel = page.inner_text("#panel")
    assert "Indonesia \u2192 Cambodia" in panel
    assert "2 claim(s)" in panel
    assert "more than 1100 (\u201clebih dari 1.100\u201d)" in panel
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
    labels = watched.page.evaluate("window.tppoExplorer.views.flow.nodes.get('country/KHM').label")
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
    page.click("#panel button:has-text('[claims]')")
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


def test_explorer_at_the_real_size(browser: Browser, built_full: tuple[Path, Any]) -> None:
    """With GLOTIP: news claims and UNODC figures on the same corridors, counts equal SPARQL."""
    out = built_full[0]
    path = out / "explorer-full.html"
    write_explorer(Project(ROOT), out, path)
    w = open_offline(browser, path.as_uri())
    store = OxigraphEngine(out).store
    q = "PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>\n"
    claims = next(
        iter(
            store.query(
                q + "SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a tppo:VictimFlow ; tppo:destination ?d }"
            )
        )
    )["n"].value
    corridors = next(
        iter(
            store.query(
                q + "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?o ?d WHERE { "
                "?f a tppo:VictimFlow ; tppo:destination ?d . OPTIONAL { ?f tppo:origin ?x } "
                "BIND(COALESCE(?x, 'unknown') AS ?o) } }"
            )
        )
    )["n"].value
    got = counts(w, "flow")
    assert (got["claims"], got["edges"]) == (int(claims), int(corridors))
    w.page.select_option("#source-filter", "source/unodc-glotip")
    unodc = counts(w, "flow")["claims"]
    w.page.select_option("#source-filter", "source/tempo-2024-03-jokowi-hun-manet-tppo")
    assert counts(w, "flow")["claims"] == 7 and unodc == int(claims) - 7
    w.page.select_option("#source-filter", "")
    click_node(w, "flow", "country/KHM")
    w.page.click("#panel button:has-text('[claims]') >> nth=0")
    assert w.console_errors == [] and w.failed_requests == []
    w.page.context.close()
