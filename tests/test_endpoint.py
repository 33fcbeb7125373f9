"""Real SPARQL servers, end to end: an Oxigraph server and Debian's Virtuoso 7.2.

Each server gets the seed graph (Graph Store Protocol), then a GLOTIP sample (UNODC's victim
rows of 2015 and 2016: construct-flow-network passes 10,000 triples) by the Graph Store
Protocol on Oxigraph and by Virtuoso's bulk loader; every question must answer as the
embedded store does on both.

The Oxigraph server is the one ``.ci/run`` started (TPPO_KG_TEST_ENDPOINT), else one started
here. Virtuoso is the one ``.ci/run`` started (TPPO_KG_TEST_VIRTUOSO and its companions,
printed by ``python -m kg.query.servers virtuoso``); without it these tests are skipped with
a message, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build.pipeline import BuildReport, build
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.imports.importer import import_glotip
from kg.query.bulk import oxigraph_load, virtuoso_load
from kg.query.endpoint import Bulk, Endpoint, resolve
from kg.query.engine import OxigraphEngine
from kg.query.http import Client
from kg.query.library import Query, library
from kg.query.remote import GRAPHS, MERGED, RemoteEngine, graph_url, push
from kg.query.servers import free_port, start_oxigraph_server
from kg.read.project import Project
from tests.conftest import ROOT
from tests.test_glotip import small_export
from tests.test_queries import lines, same

QUERIES = library(ROOT / "queries")
SERVERS = ("oxigraph", "virtuoso")
FOREIGN = "http://example.org/other-team/graph"
SAMPLE_YEARS = (2015, 2016)
FLOW_ROWS = ("by citizenship", "by country of repatriation")


@dataclass
class Server:
    """A server under test and what it holds now."""

    name: str
    endpoint: Endpoint
    holds: str | None = None
    engine: RemoteEngine | None = None

    def load(self, which: str, folder: Path) -> RemoteEngine:
        """Load a build unless the server holds it already (each is loaded once per session);
        the engine that asks it (its dataset listed once per load)."""
        if self.holds != which:
            if self.name == "virtuoso" and which == "sample":
                virtuoso_load(self.endpoint, folder)  # the bulk path
            else:
                push(self.endpoint, folder)
            self.holds, self.engine = which, None
        if self.engine is None:
            self.engine = RemoteEngine(self.endpoint)
        return self.engine


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server .ci/run started (TPPO_KG_TEST_ENDPOINT), else one started here."""
    given = os.environ.get("TPPO_KG_TEST_ENDPOINT")
    if given:
        yield Server("oxigraph", Endpoint.from_base(given))
        return
    port = free_port()
    process = start_oxigraph_server(tmp_path_factory.mktemp("oxigraph"), port)
    try:
        yield Server("oxigraph", Endpoint.from_base(f"http://127.0.0.1:{port}"))
    finally:
        process.terminate()
        process.wait(timeout=10)


def virtuoso_endpoint() -> Endpoint | None:
    """The Virtuoso server .ci/run started, from its variables."""
    env = os.environ
    if not env.get("TPPO_KG_TEST_VIRTUOSO"):
        return None
    return Endpoint(
        query=env["TPPO_KG_TEST_VIRTUOSO"],
        store=env["TPPO_KG_TEST_VIRTUOSO_STORE"],
        user=env["TPPO_KG_TEST_VIRTUOSO_USER"],
        password=env["TPPO_KG_TEST_VIRTUOSO_PASSWORD"],
        max_rows=int(env["TPPO_KG_TEST_VIRTUOSO_MAX_ROWS"]),
        bulk=Bulk(env["TPPO_KG_TEST_VIRTUOSO_ISQL"], Path(env["TPPO_KG_TEST_VIRTUOSO_LOAD"])),
    )


@pytest.fixture(scope="module")
def virtuoso_server() -> Server:
    endpoint = virtuoso_endpoint()
    if endpoint is None:
        message = "no Virtuoso server: TPPO_KG_TEST_VIRTUOSO is not set (bash .ci/run starts one)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Virtuoso tests; {message}")
        pytest.skip(message)
    return Server("virtuoso", endpoint)


@pytest.fixture(scope="module", params=SERVERS)
def server(request: pytest.FixtureRequest) -> Server:
    found: Server = request.getfixturevalue(f"{request.param}_server")
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph with UNODC's rows of detected victims by citizenship and by country of
    repatriation of 2015 and 2016 imported (1,541 rows: every flow of those years, and the
    rows that decide their directions; 160,000 triples)."""
    import openpyxl

    workbook = openpyxl.load_workbook(ROOT / "data" / "glotip" / "glotip_unodc.xlsx", read_only=True)
    sheet = workbook[workbook.sheetnames[0]]
    sheet.reset_dimensions()
    rows = [
        list(r)
        for r in sheet.iter_rows(min_row=4, values_only=True)
        if r[9] in SAMPLE_YEARS and r[4] == "Detected trafficking victims" and r[5] in FLOW_ROWS
    ]
    workbook.close()
    out = tmp_path_factory.mktemp("sample")
    build(Project(ROOT), out)
    xlsx = small_export(out.parent / "sample.xlsx", rows)
    import_glotip(Project(ROOT), xlsx, out, progress=False)
    return out


Built = tuple[Path, BuildReport]


EMBEDDED: dict[tuple[Path, str, str], list[str]] = {}


def compare(engine: RemoteEngine, folder: Path, query: Query, params: dict[str, str] | None = None) -> None:
    """The server's answer is the embedded store's (asked once per build, query and parameters)."""
    bindings = query.bindings(params or {})
    remote = lines(engine.run(query, bindings))
    key = (folder, query.name, repr(sorted(bindings.items())))
    if key not in EMBEDDED:
        EMBEDDED[key] = lines(OxigraphEngine(folder).run(query, bindings))
    expected = EMBEDDED[key]
    assert same(query, remote, expected), (
        f"{query.name} differs on {engine.endpoint.query}: {len(remote) - 1} rows, not {len(expected) - 1}\n"
        + "\n".join(list(difflib.unified_diff(expected, remote, "embedded", "server", n=0, lineterm=""))[:40])
    )


def count(server: Server, graph: str) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = RemoteEngine(server.endpoint).answer(text, {}).rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0  # type: ignore[arg-type]


def put(server: Server, graph: str, triples: str) -> None:
    """Write a graph directly, as another team would (no namespace rule here)."""
    assert server.endpoint.store is not None
    url = f"{server.endpoint.store}?graph={graph}"
    with Client(server.endpoint).request(
        "PUT", url, body=triples.encode(), headers={"Content-Type": "application/n-triples"}
    ):
        pass


def test_loading_touches_only_the_projects_graphs(server: Server, built: Built) -> None:
    """Another team's graph and the server's own graphs stay; a stale graph of ours goes."""
    stale = GRAPHS + "source/retracted-article"
    put(server, FOREIGN, "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    put(server, stale, "<http://example.org/a> <http://example.org/b> <http://example.org/old> .\n")
    system = "http://www.openlinksw.com/schemas/virtrdf#"
    before = count(server, system)
    push(server.endpoint, built[0])
    server.holds, server.engine = "seed", None
    assert count(server, FOREIGN) == 1
    assert count(server, stale) == 0
    assert count(server, system) == before  # Virtuoso's own (none on Oxigraph)
    assert count(server, MERGED) > 9000
    with pytest.raises(StoreError, match="not in the project's namespace"):
        graph_url("http://x/store", FOREIGN)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_seed_answers(server: Server, built: Built, query: Query) -> None:
    compare(server.load("seed", built[0]), built[0], query)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("repatriations", {"country": "KHM", "citizens": "IDN"}),
        ("victim-flows", {"origin": "IDN"}),
        ("agreements-between", {"a": "KHM", "b": "IDN"}),
        ("provenance", {"fact": "case-count/kemlu-tppo-2021"}),
    ],
)
def test_parameters_through_the_server(
    server: Server, built: Built, name: str, params: dict[str, str]
) -> None:
    compare(server.load("seed", built[0]), built[0], next(q for q in QUERIES if q.name == name), params)


def test_cli_query_through_the_server(server: Server, built: Built, tmp_path: Path) -> None:
    """The command line, with the endpoint in tppo-kg.toml and the credentials in the environment."""
    server.load("seed", built[0])
    end = server.endpoint
    config = tmp_path / "tppo-kg.toml"
    config.write_text(f'[endpoint]\nquery = "{end.query}"\nstore = "{end.store}"\n', encoding="utf-8")
    for name in ("ontology", "queries"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {"TPPO_KG_ENDPOINT_USER": end.user or "", "TPPO_KG_ENDPOINT_PASSWORD": end.password or ""}
    args = ["query", "repatriations", "--format", "tsv", "--project", str(tmp_path)]
    result = CliRunner(env=env).invoke(main, args)
    assert result.exit_code == 0 and '"1101"' in result.output
    resolved = resolve(None, tmp_path)
    assert resolved is not None and resolved.query == end.query


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_sample_answers(server: Server, sample: Path, query: Query) -> None:
    compare(server.load("sample", sample), sample, query)


def test_the_sample_passes_10000_rows(server: Server, sample: Path) -> None:
    query = next(q for q in QUERIES if q.name == "construct-flow-network")
    assert len(server.load("sample", sample).run(query, {}).triples) > 10_000


def test_a_capped_answer_is_an_error(server: Server, sample: Path) -> None:
    """Virtuoso stops at ResultSetMaxRows (CI: 20,000) and says so in a header; on a CONSTRUCT
    it does not say so, which ``max_rows`` catches; Oxigraph has no cap, so ``max_rows`` is tested."""
    engine = server.load("sample", sample)
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    if server.name == "virtuoso":
        with pytest.raises(QueryError, match="cap of 20000 rows"):
            engine.answer(everything, engine.dataset())
    end = server.endpoint
    capped = RemoteEngine(Endpoint(end.query, end.store, end.user, end.password, max_rows=100))
    query = next(q for q in QUERIES if q.name == "construct-flow-network")
    with pytest.raises(QueryError, match="cap of 100 rows"):
        capped.run(query, {})


def test_wrong_credentials_are_refused_without_being_shown(
    virtuoso_server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    end = virtuoso_server.endpoint
    wrong = Endpoint(end.query, end.store, end.user, "not-the-password-0x5eed")
    caplog.set_level("DEBUG")
    with pytest.raises(StoreError, match="answered 401") as caught:
        put(Server("virtuoso", wrong), GRAPHS + "scratch", "")
    assert "0x5eed" not in str(caught.value) and "0x5eed" not in caplog.text
    assert end.password is not None and end.password not in caplog.text
    anonymous = Endpoint(end.query, end.store)
    with pytest.raises(StoreError, match="refused no credentials"):
        put(Server("virtuoso", anonymous), GRAPHS + "scratch", "")


def test_a_large_body_survives_the_digest_challenge(virtuoso_server: Server) -> None:
    """3 MB through digest authentication in one PUT (curl sends an empty body first; we probe)."""
    lines_ = "".join(f'<{GRAPHS}x/{i}> <{GRAPHS}p> "{"x" * 40} {i}" .\n' for i in range(40_000))
    end = virtuoso_server.endpoint
    client = Client(end)
    assert end.store is not None
    url = graph_url(end.store, GRAPHS + "scratch")
    body = lines_.encode()
    assert len(body) > 3_000_000
    with client.request("PUT", url, body=body, headers={"Content-Type": "application/n-triples"}):
        pass
    assert count(virtuoso_server, GRAPHS + "scratch") == 40_000
    with client.request("DELETE", url):
        pass


@pytest.mark.slow
def test_oxigraph_bulk_load(built: Built, tmp_path: Path) -> None:
    """``oxigraph load`` into a server's folder, then the server answers as the embedded store."""
    location = tmp_path / "oxigraph"
    sent = oxigraph_load(location, built[0])
    assert sent[MERGED] > 9000
    port = free_port()
    process = start_oxigraph_server(location, port)
    try:
        engine = RemoteEngine(Endpoint.from_base(f"http://127.0.0.1:{port}"))
        for query in QUERIES[:8]:
            compare(engine, built[0], query)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("kind", ["a file", "a folder of other files"])
def test_oxigraph_load_refuses_what_is_not_a_store(built: Built, tmp_path: Path, kind: str) -> None:
    """``tppo-kg load --oxigraph DIR`` writes RocksDB files: never into a file or a folder of other things."""
    target = tmp_path / "target"
    if kind == "a file":
        target.write_text("not a store", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(StoreError, match="not an Oxigraph store folder"):
        oxigraph_load(target, built[0])
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_errors_from_the_server(oxigraph_server: Server) -> None:
    broken = Query("broken", Path("broken.rq"), "SELECT ?x WHERE { ?x ?y }", "", "")
    engine = RemoteEngine(oxigraph_server.endpoint)
    with pytest.raises(QueryError, match="answered 400"):
        engine.answer(broken.text, {})
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteEngine(Endpoint.from_base(f"http://127.0.0.1:{free_port()}")).run(broken, {})
