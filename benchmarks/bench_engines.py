"""Load time, peak memory and the median time of every query, side by side: plain rdflib in
memory and the embedded Oxigraph store, on the same build folder.

Usage:
    python benchmarks/bench_engines.py --store out            # the real data (after tppo-kg run)
    python benchmarks/synthetic.py --triples 1000000 --out out-1m
    python benchmarks/bench_engines.py --store out-1m         # 1M triples of the same shape

Each engine loads the graph in a process of its own (peak RSS is that process's). rdflib
answers each query under a time limit (--limit seconds, default 20): a query that takes
longer is reported as ">limit". The Oxigraph server column is not measured yet.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.library import library  # noqa: E402

QUERIES = library(ROOT / "queries")


class Timeout(Exception):
    """A query ran past its limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def child(engine: str, store: Path, repeat: int, limit: float) -> None:
    """In a child process: load the graph with one engine, time every query, print JSON."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.engine import OxigraphEngine, RdflibEngine
    from kg.store import write_store

    start = time.perf_counter()
    if engine == "rdflib":
        runner = RdflibEngine(store)
        for nq in sorted((store / "imports").glob("*.nq")):
            runner.dataset.parse(nq, format="nquads")
        triples = len(runner.dataset)
        loaded = runner
    else:
        scratch = Path(tempfile.mkdtemp(prefix="bench-store-"))
        curated = list(ox.parse(path=str(store / "tppo-kg.trig"), format=ox.RdfFormat.TRIG))
        write_store(scratch / "store", curated, sorted((store / "imports").glob("*.nq")))
        loaded = OxigraphEngine(scratch)
        triples = -1
    load_s = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del Dataset
    times: dict[str, float | None] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for query in QUERIES:
        bindings = query.bindings({})
        runs = []
        try:
            for _ in range(1 if engine == "rdflib" else repeat + 1):
                signal.setitimer(signal.ITIMER_REAL, limit)
                t = time.perf_counter()
                loaded.run(query, bindings)
                runs.append(time.perf_counter() - t)
                signal.setitimer(signal.ITIMER_REAL, 0)
            times[query.name] = statistics.median(runs[1:] if len(runs) > 1 else runs)
        except Exception as exc:  # the rdflib engine wraps the Timeout in a QueryError
            if not isinstance(exc, Timeout) and not isinstance(exc.__cause__, Timeout):
                raise
            times[query.name] = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps({"load_s": load_s, "peak_mib": peak, "triples": triples, "times": times}))


def run_child(engine: str, store: Path, repeat: int, limit: float) -> dict[str, object]:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            engine,
            "--store",
            str(store),
            "--repeat",
            str(repeat),
            "--limit",
            str(limit),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def fmt(seconds: float | None, limit: float) -> str:
    return f">{limit:.0f} s" if seconds is None else f"{seconds * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "out")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=20.0)
    parser.add_argument("--child", choices=["rdflib", "oxigraph"])
    args = parser.parse_args()
    if args.child:
        child(args.child, args.store, args.repeat, args.limit)
        return
    ox_r = run_child("oxigraph", args.store, args.repeat, args.limit)
    rd_r = run_child("rdflib", args.store, args.repeat, args.limit)
    print(
        f"graph: {args.store} ({rd_r['triples']} triples in rdflib); query medians of {args.repeat} runs "
        f"(rdflib: 1 run, limit {args.limit:.0f} s)\n"
    )
    print(f"{'':34} {'rdflib':>12} {'oxigraph':>12} {'rdflib/ox':>10}")
    load_ratio = rd_r["load_s"] / ox_r["load_s"]  # type: ignore[operator]
    print(f"{'load (s)':34} {rd_r['load_s']:12.1f} {ox_r['load_s']:12.1f} {load_ratio:10.1f}")
    print(
        f"{'peak memory (MiB)':34} {rd_r['peak_mib']:12.0f} {ox_r['peak_mib']:12.0f}"
        f" {rd_r['peak_mib'] / ox_r['peak_mib']:10.1f}"
    )
    print(f"\n{'query (ms)':34} {'rdflib':>12} {'oxigraph':>12} {'rdflib/ox':>10}")
    for query in QUERIES:
        a = rd_r["times"][query.name]  # type: ignore[index]
        b = ox_r["times"][query.name]  # type: ignore[index]
        ratio = (
            f"{a / b:10.1f}"
            if a is not None and b
            else (f"{'>' + format(args.limit / b, '.0f'):>10}" if b else "")
        )
        print(f"{query.name:34} {fmt(a, args.limit):>12} {fmt(b, args.limit):>12} {ratio}")


if __name__ == "__main__":
    main()
