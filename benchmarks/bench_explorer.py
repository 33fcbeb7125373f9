"""Time to write the explorer page and to draw it, on the real build and on synthetic networks.

Usage:
    python benchmarks/bench_explorer.py [--store out] [--sizes 50 500 5000] [--edges-per-node 4]

With ``--store`` (a build with GLOTIP imported), the real page is written from the store;
synthetic networks of the real shape (states with coordinates, flow claims with counts,
forms and years, most of them official rows and one in forty a news claim; an entity
network of the same size) are written for each size. Each page is opened in headless
Chromium (Debian's chromium, offline). Reported: seconds to build and write the page, its
size, milliseconds from navigation to the first drawing of the default view (the news'
corridors) and of the world view (``#official``: every corridor), and the time from a
filter change (the measure) and from a highlight (a state's neighbourhood) in the world
view to the end of the drawing that shows it; then the first drawing of the entity view
and of the timeline after their tab is clicked.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import networks as synthetic_networks
from kg.explore.explorer import render_page, write_page
from kg.explore.network import Networks
from tests.browser import chromium, open_offline

# Resolves at the end of the next drawing of the flow view after ``action`` ran.
TIMED = """async ([kind, value]) => {
    const x = window.tppoExplorer, net = x.views.flow.network;
    const drawn = new Promise(resolve => net.once("afterDrawing", resolve));
    const t = performance.now();
    if (kind === "measure") {
        const m = document.getElementById("measure");
        m.value = value;
        m.dispatchEvent(new Event("change"));
    } else {
        x.focus("flow", value);
    }
    net.redraw();
    await drawn;
    return performance.now() - t;
}"""


def timed(page: Any, kind: str, value: str) -> float:
    return float(page.evaluate(TIMED, [kind, value]))


def tab(page: Any, name: str) -> float:
    t0 = page.evaluate("performance.now()")
    page.click(f"#tab-{name}")
    page.wait_for_selector(f"body[data-rendered-{name}='1']", timeout=120_000)
    return float(page.evaluate(f"window.tppoExplorer.renderedAt['{name}']") - t0)


def measure(label: str, networks: Networks, folder: Path, browser: Any, node: str) -> dict[str, Any]:
    start = time.perf_counter()
    path = folder / f"explorer-{label}.html"
    write_page(render_page(networks, title=f"benchmark {label}"), path)
    write_s = time.perf_counter() - start
    w = open_offline(browser, path.as_uri())
    default_ms = w.page.evaluate("window.tppoExplorer.renderedAt.flow")
    errors = len(w.console_errors) + len(w.failed_requests)
    w.page.context.close()
    w = open_offline(browser, path.as_uri() + "#official")
    page = w.page
    world_ms = page.evaluate("window.tppoExplorer.renderedAt.flow")
    filters = []
    for value in ("detected", "repatriated", ""):
        filters.append(timed(page, "measure", value))
    highlight = timed(page, "focus", node)
    entity_ms = tab(page, "entity")
    timeline_ms = tab(page, "timeline")
    errors += len(w.console_errors) + len(w.failed_requests)
    page.context.close()
    return {
        "label": label,
        "claims": networks.flows.number_of_edges(),
        "write_s": write_s,
        "mib": path.stat().st_size / 2**20,
        "default_ms": default_ms,
        "world_ms": world_ms,
        "filter_ms": statistics.median(filters),
        "highlight_ms": highlight,
        "entity_ms": entity_ms,
        "timeline_ms": timeline_ms,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a build folder with GLOTIP imported (the real page)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 500, 5000])
    parser.add_argument("--edges-per-node", type=int, default=4)
    args = parser.parse_args()
    head = ("page", "claims", "write s", "MiB", "default ms", "world ms", "filter ms", "highlight ms")
    head += ("entity ms", "timeline ms", "errors")
    print("| " + " | ".join(head) + " |")
    print("| --- " + "| ---: " * (len(head) - 1) + "|")
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        runs: list[tuple[str, Networks, str]] = []
        if args.store:
            from kg.explore.network import NetworkBuilder
            from kg.query.engine import OxigraphEngine
            from kg.read.project import Project

            root = Path(__file__).resolve().parent.parent
            runs.append(
                ("real", NetworkBuilder(Project(root), OxigraphEngine(args.store)).build(), "country/THA")
            )
        for size in args.sizes:
            runs.append(
                (f"synthetic {size}", synthetic_networks(size, args.edges_per_node), "country/S00000")
            )
        for label, networks, node in runs:
            r = measure(label.replace(" ", "-"), networks, Path(tmp), browser, node)
            print(
                f"| {label} | {r['claims']:,} | {r['write_s']:.2f} | {r['mib']:.2f} | {r['default_ms']:.0f}"
                f" | {r['world_ms']:.0f} | {r['filter_ms']:.0f} | {r['highlight_ms']:.0f}"
                f" | {r['entity_ms']:.0f} | {r['timeline_ms']:.0f} | {r['errors']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
