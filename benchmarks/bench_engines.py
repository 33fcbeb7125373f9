"""Load time, peak memory and the median time of every query, side by side: plain rdflib in
memory, the embedded Oxigraph store and an Oxigraph server, on the same build folder.

Usage:
    python benchmarks/synthetic.py --triples 1000000 --out out-1m   # 1M triples of the real shape
    python benchmarks/bench_engines.py --store out --store out-1m   # the real data and 1M, one run

``--engines oxigraph`` runs only some of them (at 10M triples plain rdflib needs about
17 GB); ``--only NAME`` times only some queries (with a long ``--limit``, to time rdflib
on the heaviest one). Each engine loads the graph in a process of its own (peak RSS is that process's). rdflib
answers each query under a time limit (--limit seconds, default 20): a query that takes
longer is reported as ">limit". The Oxigraph server is started here (pip install
oxigraph), loaded through the Graph Store Protocol and asked through the SPARQL Protocol;
its memory is the server process's peak RSS (VmHWM).

``--loads`` measures instead how a build gets into each server (GLOTIP: ``--store out``
after ``tppo-kg run --out out``): the Graph Store Protocol (``tppo-kg build --endpoint``)
against the server's bulk path (``oxigraph load`` into a stopped server's folder; Virtuoso's
bulk loader through isql), each into a fresh server started here: wall time, the triples
sent, the server's peak memory (VmHWM; for ``oxigraph load``, the loader's peak RSS) and
the client's.
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

from kg.query.library import library  # noqa: E402

QUERIES = library(ROOT / "queries")
ENGINES = ("oxigraph", "server", "rdflib")


class Timeout(Exception):
    """A query ran past its limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def child(engine: str, store: Path, repeat: int, limit: float, only: list[str]) -> None:
    """In a child process: load the graph with one engine, time every query, print JSON."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.build.folder import BuildFolder
    from kg.build.store import write_store
    from kg.query.engine import OxigraphEngine, RdflibEngine

    server = None
    start = time.perf_counter()
    if engine == "server":
        import socket

        from kg.query.remote import Endpoint, RemoteEngine, push

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        from kg.query.servers import start_oxigraph_server

        server = start_oxigraph_server(Path(tempfile.mkdtemp(prefix="bench-server-")), port)
        url = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        push(Endpoint.from_base(url), store)
        loaded = RemoteEngine(Endpoint.from_base(url))
        triples = -1
    elif engine == "rdflib":
        runner = RdflibEngine(store)  # the build's TriG file, its imports and its totals
        triples = len(runner.dataset)
        loaded = runner
    else:
        scratch = Path(tempfile.mkdtemp(prefix="bench-store-"))
        built = BuildFolder(store)
        curated = list(ox.parse(path=str(built.trig), format=ox.RdfFormat.TRIG))
        nquads = [p for p, fmt in built.files() if fmt == "nquads"]
        write_store(BuildFolder(scratch).store, curated, nquads)
        loaded = OxigraphEngine(scratch)
        triples = -1
    load_s = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if server is not None:
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
    del Dataset
    times: dict[str, float | None] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for query in QUERIES:
        if only and query.name not in only:
            continue
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
    if isinstance(loaded, OxigraphEngine):
        times.update(build_scope(loaded.store, store, repeat, only))
    if server is not None:
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024
        server.terminate()
        server.wait()
    print(json.dumps({"load_s": load_s, "peak_mib": peak, "triples": triples, "times": times}))


def scoped(name: str) -> str:
    return f"{name} (build scope)"


def build_scope(store: object, folder: Path, repeat: int, only: list[str]) -> dict[str, float]:
    """The violation queries as a build runs them (``kg.build.validate.run_violations`` over the
    graphs it wrote, the curated ones)."""
    import pyoxigraph as ox

    from kg.build.folder import BuildFolder
    from kg.build.validate import run_violations

    assert isinstance(store, ox.Store)
    trig = ox.parse(path=str(BuildFolder(folder).trig), format=ox.RdfFormat.TRIG)
    curated = sorted({q.graph_name.value for q in trig})
    times = {}
    for query in QUERIES:
        if not query.is_violation or (only and query.name not in only):
            continue
        runs = []
        for _ in range(repeat + 1):
            t = time.perf_counter()
            run_violations(store, [query.path], curated)
            runs.append(time.perf_counter() - t)
        times[scoped(query.name)] = statistics.median(runs[1:])
    return times


LOADS = ("oxigraph-gsp", "oxigraph-bulk", "virtuoso-gsp", "virtuoso-bulk")


def peak_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) / 1024


def load_child(way: str, store: Path) -> None:
    """In a child process: load the build one way into a fresh server, print JSON."""
    from kg.query.bulk import oxigraph_load, virtuoso_load
    from kg.query.remote import MERGED, Endpoint, RemoteEngine, push
    from kg.query.servers import free_port, start_oxigraph_server, start_virtuoso

    folder = Path(tempfile.mkdtemp(prefix=f"bench-{way}-"))
    server_peak = None
    if way == "oxigraph-bulk":
        start = time.perf_counter()
        sent = oxigraph_load(folder, store)
        seconds = time.perf_counter() - start
        server_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        port = free_port()
        process = start_oxigraph_server(folder, port)
        endpoint = Endpoint.from_base(f"http://127.0.0.1:{port}")
    elif way == "oxigraph-gsp":
        port = free_port()
        process = start_oxigraph_server(folder, port)
        endpoint = Endpoint.from_base(f"http://127.0.0.1:{port}")
        start = time.perf_counter()
        sent = push(endpoint, store)
        seconds = time.perf_counter() - start
    else:
        virtuoso = start_virtuoso(folder, max_rows=1_000_000)
        process, endpoint = virtuoso.process, virtuoso.endpoint
        start = time.perf_counter()
        sent = virtuoso_load(endpoint, store) if way == "virtuoso-bulk" else push(endpoint, store)
        seconds = time.perf_counter() - start
    try:
        if server_peak is None:
            server_peak = peak_mib(process.pid)
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{MERGED}> {{ ?s ?p ?o }} }}"
        merged = int(RemoteEngine(endpoint).answer(count, {}).rows[0][0])  # type: ignore[arg-type]
    finally:
        process.terminate()
        process.wait()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    client = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"seconds": seconds, "sent": sum(sent.values()), "merged": merged, "server_mib": server_peak}
    print(json.dumps({**result, "client_mib": client}))


def loads(store: Path, ways: list[str]) -> None:
    """One table: each way of loading the build, in a child process of its own."""
    print(f"graph: {store}; each load into a fresh server\n")
    head = f"{'time (s)':>9} {'triples sent':>13} {'in merge':>10} {'server MiB':>11} {'client MiB':>11}"
    print(f"{'load':28} {head}")
    for way in ways:
        done = subprocess.run(
            [sys.executable, __file__, "--child-load", way, "--store", str(store)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
        label = {
            "oxigraph-gsp": "Oxigraph, Graph Store",
            "oxigraph-bulk": "Oxigraph, oxigraph load",
            "virtuoso-gsp": "Virtuoso, Graph Store",
            "virtuoso-bulk": "Virtuoso, bulk loader",
        }[way]
        print(
            f"{label:28} {r['seconds']:9.1f} {r['sent']:13,} {r['merged']:10,} "
            f"{r['server_mib']:11.0f} {r['client_mib']:11.0f}"
        )


def run_child(engine: str, store: Path, repeat: int, limit: float, only: list[str]) -> dict[str, object]:
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
            *[arg for name in only for arg in ("--only", name)],
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
    parser.add_argument(
        "--store",
        type=Path,
        action="append",
        help="a build folder; repeat it to compare sizes in one run (default: out)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=20.0)
    parser.add_argument("--child", choices=ENGINES)
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="which to run, comma-separated (default: all; at 10M triples rdflib needs about 17 GB)",
    )
    parser.add_argument("--only", action="append", default=[], help="time only this query (repeatable)")
    parser.add_argument(
        "--loads",
        nargs="?",
        const=",".join(LOADS),
        default=None,
        help=f"time loading instead: {', '.join(LOADS)} (comma-separated; default all)",
    )
    parser.add_argument("--child-load", choices=LOADS)
    args = parser.parse_args()
    stores = args.store or [ROOT / "out"]
    if args.child_load:
        load_child(args.child_load, stores[0])
        return
    if args.loads:
        for store in stores:
            loads(store, [w for w in args.loads.split(",") if w])
        return
    if args.child:
        child(args.child, stores[0], args.repeat, args.limit, args.only)
        return
    engines = [e for e in args.engines.split(",") if e]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    for store in stores:
        report(store, args.repeat, args.limit, engines, args.only)


def report(store: Path, repeat: int, limit: float, engines: list[str], only: list[str]) -> None:
    """One table: the engines side by side on one build folder (absent ones print '-')."""
    results = {engine: run_child(engine, store, repeat, limit, only) for engine in engines}
    ox_r, sv_r, rd_r = (results.get(name) for name in ENGINES)
    triples = rd_r["triples"] if rd_r else "?"
    print(
        f"graph: {store} ({triples} triples in rdflib); query medians of {repeat} runs "
        f"(rdflib: 1 run, limit {limit:.0f} s)\n"
    )
    head = f"{'rdflib':>12} {'embedded':>12} {'server':>12} {'rdflib/emb':>11} {'server/emb':>11}"
    print(f"{'':34} {head}")

    def cell(result: dict[str, object] | None, text: str) -> str:
        return f"{'-':>12}" if result is None else f"{text:>12}"

    for key, label in (("load_s", "load (s)"), ("peak_mib", "peak memory (MiB)")):
        a, b, c = (float(r[key]) if r else None for r in (rd_r, ox_r, sv_r))  # type: ignore[arg-type]
        cells = " ".join(
            cell(r, f"{v:.1f}" if v is not None else "") for r, v in ((rd_r, a), (ox_r, b), (sv_r, c))
        )
        r1 = f"{a / b:11.1f}" if a and b else ""
        r2 = f"{c / b:11.1f}" if c and b else ""
        print(f"{label:34} {cells} {r1} {r2}")
    print(f"\n{'query (ms)':34} {head}")
    names = [q.name for q in QUERIES if not only or q.name in only]
    print_rows(names, rd_r, ox_r, sv_r, limit)
    if ox_r:
        print(f"\n{'violation checks as a build runs them':34} (over the curated graphs it writes)")
        print_rows([n for n in ox_r["times"] if n.endswith(scoped(""))], None, ox_r, None, limit)  # type: ignore[attr-defined]


def print_rows(
    names: list[str],
    rd_r: dict[str, object] | None,
    ox_r: dict[str, object] | None,
    sv_r: dict[str, object] | None,
    limit: float,
) -> None:
    """One line per query: its medians per engine and the ratios to the embedded store."""
    for name in names:
        a, b, c = (r["times"][name] if r else None for r in (rd_r, ox_r, sv_r))  # type: ignore[index]
        r1 = ""
        if rd_r and b:
            r1 = f"{a / b:11.1f}" if a is not None else f">{limit / b:.0f}".rjust(11)
        r2 = f"{c / b:11.1f}" if sv_r and c is not None and b else ""
        pairs = ((rd_r, a), (ox_r, b), (sv_r, c))
        cells = " ".join(f"{'-':>12}" if r is None else f"{fmt(v, limit):>12}" for r, v in pairs)
        print(f"{name.removesuffix(scoped('')):34} {cells} {r1} {r2}")


if __name__ == "__main__":
    main()
