"""The endpoint under load: concurrent clients asking the query library for a fixed time.

Usage:
    python benchmarks/bench_serve.py --store out --clients 32 --seconds 20

In one run, side by side, the same query mix (every query of ``queries/`` with its default
parameters, each client starting at a different query) goes to:

- ``tppo-kg serve`` (the front door with its checks, in front of Oxigraph),
- a bare ``oxigraph serve-read-only`` on the same store (what the front door costs), and
  the same with Oxigraph's own ``--timeout-s`` (why tppo-kg does not use it: one thread
  per query lives for the whole limit, and under load the engine fails),
- plain rdflib in memory, in this process, one query at a time (rdflib holds Python's
  lock while it works, so more threads would not help it; each query under --limit s).

Reported: requests, errors (anything but 200), throughput, p50 and p99 latency, and
the ratios. Every answer is read to the end; a client keeps one connection open.

``--mixed`` runs instead normal clients and attackers together against ``tppo-kg serve``
(deeply nested queries, queries that run to the time limit, a query past the memory
bound, bodies past the size limit, each in a loop): the normal clients must see no error.

    python benchmarks/bench_serve.py --store out --mixed --clients 8 --seconds 20
"""

from __future__ import annotations

import argparse
import http.client
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.folder import BuildFolder  # noqa: E402
from kg.query.library import Query, library  # noqa: E402
from kg.query.servers import oxigraph_binary  # noqa: E402
from kg.query.sparqltext import with_values  # noqa: E402

QUERIES = library(ROOT / "queries")
DEBUG = False


@dataclass
class Load:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return self.requests - self.statuses[200]

    def quantile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def texts() -> list[str]:
    return [with_values(q.text, q.bindings({})) for q in QUERIES]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} exited")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port}")


def drive(port: int, path: str, clients: int, seconds: float) -> Load:
    """``clients`` threads, each with one keep-alive connection, for ``seconds``."""
    load = Load()
    lock = threading.Lock()
    queries = texts()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        i = index
        mine: list[float] = []
        statuses: Counter[int] = Counter()
        while time.monotonic() < stop:
            body = queries[i % len(queries)].encode("utf-8")
            i += 1
            started = time.perf_counter()
            try:
                connection.request(
                    "POST",
                    path,
                    body=body,
                    headers={
                        "Content-Type": "application/sparql-query",
                        "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
                    },
                )
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                if DEBUG:
                    print(f"client {index}: {exc!r}", file=sys.stderr)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                status = 0
            mine.append(time.perf_counter() - started)
            statuses[status] += 1
        connection.close()
        with lock:
            load.latencies.extend(mine)
            load.statuses.update(statuses)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.seconds = time.perf_counter() - started
    return load


class Timeout(Exception):
    """A query ran past its limit."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def rdflib_load(store: Path, seconds: float, limit: float) -> Load:
    """Plain rdflib in memory, one query at a time, for ``seconds`` (each query under ``limit``)."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    built = BuildFolder(store)
    dataset.parse(built.trig, format="trig")
    for nq in built.existing_imports():
        dataset.parse(nq, format="nquads")
    load = Load()
    queries: list[Query] = QUERIES
    signal.signal(signal.SIGALRM, _alarm)
    stop = time.monotonic() + seconds
    began = time.perf_counter()
    i = 0
    while time.monotonic() < stop:
        query = queries[i % len(queries)]
        i += 1
        started = time.perf_counter()
        try:
            signal.setitimer(signal.ITIMER_REAL, limit)
            result = dataset.query(query.text, initBindings=query.bindings({}))
            list(result)
            status = 200
        except Timeout:
            status = 503
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        load.latencies.append(time.perf_counter() - started)
        load.statuses[status] += 1
    load.seconds = time.perf_counter() - began
    return load


def row(name: str, load: Load) -> str:
    throughput = load.requests / load.seconds if load.seconds else 0.0
    return (
        f"{name:34} {load.requests:9d} {load.errors:7d} {throughput:11.1f} "
        f"{load.quantile(0.5) * 1000:10.1f} {load.quantile(0.99) * 1000:10.1f}"
    )


def measure_front(args: argparse.Namespace, clients: int) -> Load:
    """``tppo-kg serve`` on the store, under load from ``clients``."""
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(args.store), "--port", str(port)]
    command += ["--timeout", str(args.timeout), "--max-result-bytes", str(1 << 30), "--project", str(ROOT)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)
        drive(port, "/sparql", 4, 2.0)  # warm the caches
        return drive(port, "/sparql", clients, args.seconds)
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure_bare(args: argparse.Namespace, timeout: bool) -> Load:
    """``oxigraph serve-read-only`` alone on the same store, with or without its own time limit
    (which keeps one thread per query for the whole limit: oxigraph/oxigraph#1874)."""
    port = free_port()
    command = [oxigraph_binary(), "serve-read-only", "--location", str(BuildFolder(args.store).store)]
    command += ["--bind", f"127.0.0.1:{port}"]
    if timeout:
        command += ["--timeout-s", str(int(args.timeout))]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, process)
        drive(port, "/query", 4, 2.0)
        return drive(port, "/query", args.clients, args.seconds)
    finally:
        process.terminate()
        process.wait(timeout=10)


DEEP = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DOUBLING = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(26))
MEMORY = f'SELECT (STRLEN(?v26) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?v0) {DOUBLING} }}'
ATTACKS = {  # name -> (body, attackers)
    "deep nesting (6 KB of {)": (DEEP.encode(), 2),
    "slow queries (to the limit)": (SLOW.encode(), 2),
    "memory bomb (2 GB string)": (MEMORY.encode(), 1),
    "huge bodies (2 MB)": (b"#" + b"x" * 2_000_000 + b"\nASK {}", 2),
}


def attack(port: int, body: bytes, seconds: float) -> Load:
    """One attacker sending ``body`` again and again (a new connection each time) for ``seconds``."""
    load = Load()
    stop = time.monotonic() + seconds
    began = time.perf_counter()
    while time.monotonic() < stop:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            connection.request(
                "POST", "/sparql", body=body, headers={"Content-Type": "application/sparql-query"}
            )
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0  # a server may close on a body it refuses before reading it
        finally:
            connection.close()
        load.latencies.append(time.perf_counter() - started)
        load.statuses[status] += 1
    load.seconds = time.perf_counter() - began
    return load


def measure_mixed(args: argparse.Namespace) -> tuple[Load, dict[str, Load]]:
    """Normal clients and attackers together on ``tppo-kg serve`` with its default limits but
    a 2 s time limit (so that slow queries come back often)."""
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(args.store), "--port", str(port)]
    command += ["--timeout", "5", "--project", str(ROOT)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loads: dict[str, list[Load]] = {name: [] for name in ATTACKS}
    try:
        wait_for(port, process)
        drive(port, "/sparql", 4, 2.0)
        threads = []
        for name, (body, count) in ATTACKS.items():
            for _ in range(count):

                def run(name: str = name, body: bytes = body) -> None:
                    loads[name].append(attack(port, body, args.seconds))

                threads.append(threading.Thread(target=run))
        for thread in threads:
            thread.start()
        normal = drive(port, "/sparql", args.clients, args.seconds)
        for thread in threads:
            thread.join()
    finally:
        process.terminate()
        process.wait(timeout=10)
    merged = {}
    for name, parts in loads.items():
        total = Load(seconds=max((part.seconds for part in parts), default=0.0))
        for part in parts:
            total.latencies += part.latencies
            total.statuses.update(part.statuses)
        merged[name] = total
    return normal, merged


def main_mixed(args: argparse.Namespace) -> None:
    """Print what normal clients and each kind of attacker saw."""
    normal, attacks = measure_mixed(args)
    print(
        f"graph: {args.store}; {args.clients} normal clients and attackers together for {args.seconds:g} s\n"
    )
    print(f"{'':34} {'requests':>9} {'errors':>7} {'requests/s':>11} {'p50 (ms)':>10} {'p99 (ms)':>10}")
    print(row("normal clients", normal))
    for name, load in attacks.items():
        print(row(name, load))
    print()
    print(f"normal clients: answers by status {dict(sorted(normal.statuses.items()))}")
    for name, load in attacks.items():
        print(f"{name}: answers by status {dict(sorted(load.statuses.items()))} (0: connection closed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "out", help="a build folder (default: out)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="the endpoint's per-query limit")
    parser.add_argument("--limit", type=float, default=20.0, help="rdflib's per-query limit")
    parser.add_argument("--no-rdflib", action="store_true", help="leave plain rdflib out")
    parser.add_argument("--mixed", action="store_true", help="normal clients and attackers together")
    args = parser.parse_args()
    if args.mixed:
        main_mixed(args)
        return

    front = measure_front(args, args.clients)
    single = measure_front(args, 1)
    bare = measure_bare(args, timeout=False)
    bare_timeout = measure_bare(args, timeout=True)
    plain = None if args.no_rdflib else rdflib_load(args.store, args.seconds, args.limit)

    print(
        f"graph: {args.store}; {len(QUERIES)} queries in turn; {args.clients} clients for "
        f"{args.seconds:g} s (rdflib: 1 at a time, {args.limit:g} s limit per query)\n"
    )
    print(f"{'':34} {'requests':>9} {'errors':>7} {'requests/s':>11} {'p50 (ms)':>10} {'p99 (ms)':>10}")
    print(row("tppo-kg serve", front))
    print(row("tppo-kg serve, 1 client", single))
    print(row("bare oxigraph serve-read-only", bare))
    print(row("bare engine with --timeout-s", bare_timeout))
    if plain is not None:
        print(row("plain rdflib, in process", plain))
    print()
    if bare.requests and front.requests:
        ratio = (front.requests / front.seconds) / (bare.requests / bare.seconds)
        print(f"front door / bare engine, throughput: {ratio:.2f}")
        print(f"front door / bare engine, p50: {front.quantile(0.5) / bare.quantile(0.5):.2f}")
    if plain is not None and plain.requests:
        ratio = (front.requests / front.seconds) / (plain.requests / plain.seconds)
        print(f"tppo-kg serve / plain rdflib, throughput: {ratio:.1f}")
        for q in (0.5, 0.99):
            slower = plain.quantile(q) / single.quantile(q)
            print(f"plain rdflib / tppo-kg serve (1 client each), p{q * 100:g}: {slower:.1f}")
    loads = (
        ("tppo-kg serve", front),
        ("1 client", single),
        ("bare", bare),
        ("bare --timeout-s", bare_timeout),
    )
    for name, load in loads:
        if load.errors:
            print(f"{name}: answers by status {dict(sorted(load.statuses.items()))} (0: connection failed)")


if __name__ == "__main__":
    main()
