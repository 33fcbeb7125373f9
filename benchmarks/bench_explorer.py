"""Time to write the explorer page and to first render it, at 50, 500 and 5,000 nodes.

Usage:
    python benchmarks/bench_explorer.py [--sizes 50 500 5000] [--edges-per-node 4]

Synthetic networks of the real shape (states with coordinates, flow claims with
counts, forms and years; an entity network of the same size) are written as pages,
then opened in headless Chromium (Debian's chromium, offline). Reported per size:
seconds to build and write the page, its size, milliseconds from navigation to the
first drawing of the flow view and of the entity view, and the time of a filter
change and of a neighbourhood highlight in the flow view (responsiveness).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import networks as synthetic_networks
from kg.explore.explorer import render_page, write_page
from tests.browser import chromium, open_offline


def measure(size: int, per_node: int, folder: Path, browser) -> dict[str, float]:  # type: ignore[no-untyped-def]
    networks = synthetic_networks(size, per_node)
    start = time.perf_counter()
    path = folder / f"explorer-{size}.html"
    write_page(render_page(networks, title=f"synthetic {size}"), path)
    write_s = time.perf_counter() - start
    w = open_offline(browser, path.as_uri())
    page = w.page
    flow_ms = page.evaluate("window.tppoExplorer.renderedAt.flow")
    timings = []
    for _ in range(3):
        timings.append(
            page.evaluate("""() => { const t = performance.now();
            document.getElementById('aggregate').click(); return performance.now() - t; }""")
        )
    highlight = page.evaluate("""() => { const t = performance.now();
        window.tppoExplorer.focus('flow', 'country/S00000'); return performance.now() - t; }""")
    t0 = page.evaluate("performance.now()")
    page.click("#tab-entity")
    page.wait_for_selector("body[data-rendered-entity='1']", timeout=120_000)
    entity_ms = page.evaluate("window.tppoExplorer.renderedAt.entity") - t0
    errors = len(w.console_errors) + len(w.failed_requests)
    page.context.close()
    return {
        "nodes": size,
        "edges": size * per_node,
        "write_s": write_s,
        "mib": path.stat().st_size / 2**20,
        "flow_first_render_ms": flow_ms,
        "entity_first_render_ms": entity_ms,
        "filter_ms": statistics.median(timings),
        "highlight_ms": highlight,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--edges-per-node", type=int, default=4)
    args = parser.parse_args()
    print(
        f"{'nodes':>6} {'edges':>6} {'write s':>8} {'MiB':>6} {'flow 1st ms':>12} {'entity 1st ms':>14}"
        f" {'filter ms':>10} {'highlight ms':>13} {'errors':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for size in args.sizes:
            r = measure(size, args.edges_per_node, Path(tmp), browser)
            print(
                f"{r['nodes']:6d} {r['edges']:6d} {r['write_s']:8.2f} {r['mib']:6.1f}"
                f" {r['flow_first_render_ms']:12.0f} {r['entity_first_render_ms']:14.0f}"
                f" {r['filter_ms']:10.0f} {r['highlight_ms']:13.0f} {r['errors']:7d}"
            )


if __name__ == "__main__":
    main()
