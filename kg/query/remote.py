"""Beyond one machine: any SPARQL 1.1 server, through the standard Protocol and Graph Store Protocol.

An endpoint is three URLs: ``query`` (SPARQL 1.1 Protocol), ``store`` (Graph Store HTTP
Protocol, to load graphs) and, optionally, ``update``. ``--endpoint URL`` names an
Oxigraph server's base URL (``/query`` and ``/store`` are added); a ``tppo-kg.toml`` in
the project folder, or the ``TPPO_KG_ENDPOINT`` variable, names any other server:

    [endpoint]
    query = "http://localhost:3030/tppo/sparql"     # Fuseki
    store = "http://localhost:3030/tppo/data"

The server holds the same named graphs as the embedded store and, as its default graph,
their merge, so that the same queries give the same answers.

Parameters: the Protocol has no way to bind a variable, so a query's parameters, once
checked and turned into RDF terms, travel as a VALUES block that opens the query's WHERE
group, written in N-Triples syntax (IRIs checked, literals escaped): terms, never text
pasted into the query (``kg.query.sparqltext``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib.term import Identifier

from kg.build.folder import BuildFolder
from kg.errors import QueryError, StoreError
from kg.query.engine import Answer, from_ox
from kg.query.library import Query
from kg.query.sparqltext import with_values

CONFIG = "tppo-kg.toml"
TIMEOUT_S = 600


@dataclass(frozen=True)
class Endpoint:
    """The URLs of a SPARQL 1.1 server."""

    query: str
    store: str | None = None

    @classmethod
    def from_base(cls, url: str) -> Endpoint:
        """An Oxigraph server's base URL, such as http://127.0.0.1:7878."""
        base = url.rstrip("/")
        if base.endswith("/query"):
            base = base[: -len("/query")]
        return cls(query=f"{base}/query", store=f"{base}/store")

    @classmethod
    def from_config(cls, path: Path) -> Endpoint:
        """The ``[endpoint]`` table of a TOML file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StoreError(f"cannot read the endpoint configuration: {exc}", path) from exc
        table = data.get("endpoint")
        if not isinstance(table, dict) or not isinstance(table.get("query"), str):
            raise StoreError("the configuration needs an [endpoint] table with a 'query' URL", path)
        store = table.get("store")
        return cls(query=table["query"], store=store if isinstance(store, str) else None)


def resolve(url: str | None, project_root: Path | None = None) -> Endpoint | None:
    """The endpoint to use: the option, else TPPO_KG_ENDPOINT, else tppo-kg.toml, else none."""
    if url:
        return Endpoint.from_base(url)
    if os.environ.get("TPPO_KG_ENDPOINT"):
        return Endpoint.from_base(os.environ["TPPO_KG_ENDPOINT"])
    if project_root is not None and (project_root / CONFIG).is_file():
        return Endpoint.from_config(project_root / CONFIG)
    return None


def _request(url: str, data: bytes | Path | None, headers: dict[str, str], method: str) -> bytes:
    body: bytes | object | None = data
    if isinstance(data, Path):
        headers = {**headers, "Content-Length": str(data.stat().st_size)}
        body = data.open("rb")
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # type: ignore[arg-type]
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()
        raise QueryError(f"{url} answered {exc.code}: {detail[:500]}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(f"cannot reach the endpoint {url}: {exc}") from exc
    finally:
        if hasattr(body, "close"):
            body.close()


class RemoteEngine:
    """Answers queries on a SPARQL 1.1 server with the standard Protocol."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    def run(self, query: Query, bindings: dict[str, Identifier]) -> Answer:
        """POST the query; read SPARQL JSON results or N-Triples."""
        text = with_values(query.text, bindings)
        data = _request(
            self.endpoint.query,
            text.encode("utf-8"),
            {
                "Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
            "POST",
        )
        if data.lstrip().startswith(b"{"):
            result = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            if isinstance(result, ox.QueryBoolean):
                return Answer("ask", boolean=bool(result))
            names = [v.value for v in result.variables]
            rows = [tuple(from_ox(solution[n]) for n in names) for solution in result]
            return Answer("select", names, rows)
        triples = [
            (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
        return Answer("graph", triples=triples)  # type: ignore[arg-type]


def _split(out: Path, scratch: Path) -> tuple[dict[str, Path], Counter[str]]:
    """One pass over the build's files (TriG, imports, totals): an N-Triples file per named
    graph, and ``default.nt`` with all of them (the server merges duplicates)."""
    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
    sources = [(path, formats[fmt]) for path, fmt in BuildFolder(out).files()]
    files: dict[str, Path] = {}
    counts: Counter[str] = Counter()
    handles: dict[str, IO[str]] = {}
    with (scratch / "default.nt").open("w", encoding="utf-8") as merged:
        try:
            for path, fmt in sources:
                for quad in ox.parse(path=str(path), format=fmt):
                    name = quad.graph_name.value
                    if name not in handles:
                        files[name] = scratch / f"graph-{len(handles)}.nt"
                        handles[name] = files[name].open("w", encoding="utf-8")
                    line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
                    handles[name].write(line)
                    merged.write(line)
                    counts[name] += 1
        finally:
            for handle in handles.values():
                handle.close()
    return files, counts


def push(endpoint: Endpoint, out: Path) -> dict[str, int]:
    """Replace the server's graphs with the build's: each named graph, and their merge as default.

    Uses the Graph Store Protocol (PUT replaces a graph). Graphs on the server that the
    build no longer has are deleted. Returns triples sent per graph.
    """
    if endpoint.store is None:
        raise StoreError("the endpoint has no Graph Store Protocol URL ('store') to load graphs into")
    headers = {"Content-Type": "application/n-triples"}
    with tempfile.TemporaryDirectory(prefix="tppo-kg-push-") as scratch:
        files, sent = _split(out, Path(scratch))
        for name, body in sorted(files.items()):
            _request(f"{endpoint.store}?{urllib.parse.urlencode({'graph': name})}", body, headers, "PUT")
        _request(f"{endpoint.store}?default", Path(scratch) / "default.nt", headers, "PUT")
    stale = RemoteEngine(endpoint).run(
        Query("graphs", Path("graphs.rq"), "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "", ""), {}
    )
    for (graph,) in stale.rows:
        if str(graph) not in sent:
            _request(f"{endpoint.store}?{urllib.parse.urlencode({'graph': str(graph)})}", None, {}, "DELETE")
    return dict(sent)


def oxigraph_binary() -> str:
    """The Oxigraph server program (the ``oxigraph`` package), beside this Python or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def start_oxigraph_server(location: Path, port: int, wait_s: float = 10.0) -> subprocess.Popen[bytes]:
    """Start ``oxigraph serve`` (pip install oxigraph) on 127.0.0.1 and wait until it answers."""
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1).read()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"the Oxigraph server on port {port} did not start within {wait_s:.0f} s")
