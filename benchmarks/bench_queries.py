"""Time every query of the library on both engines, side by side, on the same graph.

Usage:
    python benchmarks/bench_queries.py [--store out] [--repeat 15]

Builds nothing: run ``tppo-kg build --out out`` first. For each engine it reports the
time to open the graph and the peak memory of a process that only opens it, then the
median time of each query (parameters at their defaults) and the ratio rdflib / Oxigraph.
Numbers are whole-process or wall-clock medians on this machine; quote ratios, not times.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kg.query.engine import Engine, open_engine
from kg.query.library import library

ROOT = Path(__file__).resolve().parent.parent


def measure_load(name: str, store: Path) -> None:
    """Child process: open one engine, print seconds and peak RSS as JSON."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    open_engine(name, store)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mib": peak / 1024, "delta_mib": (peak - before) / 1024}))


def load_figures(name: str, store: Path, runs: int = 3) -> dict[str, float]:
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--measure-load", name, "--store", str(store)],
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "delta_mib": statistics.median(r["delta_mib"] for r in results),
    }


def median_seconds(engine: Engine, query, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    bindings = query.bindings({})
    answer = engine.run(query, bindings)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        engine.run(query, bindings)
        times.append(time.perf_counter() - start)
    size = len(answer.rows) if answer.kind == "select" else len(answer.triples)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "out")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--measure-load", choices=["oxigraph", "rdflib"])
    args = parser.parse_args()
    if args.measure_load:
        measure_load(args.measure_load, args.store)
        return
    loads = {name: load_figures(name, args.store) for name in ("oxigraph", "rdflib")}
    print(f"graph: {args.store}; medians of {args.repeat} runs after one warm-up\n")
    print(f"{'open the graph':38} {'oxigraph':>12} {'rdflib':>12} {'rdflib/ox':>10}")
    ox_l, rd_l = loads["oxigraph"], loads["rdflib"]
    ratio = rd_l["seconds"] / ox_l["seconds"]
    print(f"{'  seconds':38} {ox_l['seconds']:12.4f} {rd_l['seconds']:12.4f} {ratio:10.1f}")
    ratio = rd_l["delta_mib"] / max(ox_l["delta_mib"], 0.1)
    label = "  memory added (MiB, peak RSS)"
    print(f"{label:38} {ox_l['delta_mib']:12.1f} {rd_l['delta_mib']:12.1f} {ratio:10.1f}")
    engines = {name: open_engine(name, args.store) for name in ("oxigraph", "rdflib")}
    print(f"\n{'query (ms)':38} {'oxigraph':>12} {'rdflib':>12} {'rdflib/ox':>10} {'rows':>6}")
    ratios = []
    for query in library(ROOT / "queries"):
        fast, rows = median_seconds(engines["oxigraph"], query, args.repeat)
        plain, _ = median_seconds(engines["rdflib"], query, args.repeat)
        ratios.append(plain / fast)
        print(f"{query.name:38} {fast * 1000:12.2f} {plain * 1000:12.2f} {plain / fast:10.1f} {rows:6d}")
    print(f"\nmedian ratio rdflib/oxigraph over {len(ratios)} queries: {statistics.median(ratios):.1f}")


if __name__ == "__main__":
    main()
