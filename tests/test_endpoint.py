"""A real Oxigraph server: the graph is loaded with the Graph Store Protocol and every query
answers the same through the SPARQL Protocol as on the embedded store."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build.pipeline import build
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.imports.importer import import_glotip
from kg.query.engine import OxigraphEngine
from kg.query.library import Query, library
from kg.query.remote import Endpoint, RemoteEngine, push, resolve, start_oxigraph_server
from kg.query.sparqltext import values_block, with_values
from kg.read.project import Project
from tests.conftest import ROOT
from tests.test_glotip import row, small_export
from tests.test_queries import lines, same

QUERIES = library(ROOT / "queries")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server .ci/run started (TPPO_KG_TEST_ENDPOINT), else one started here."""
    given = os.environ.get("TPPO_KG_TEST_ENDPOINT")
    if given:
        yield given
        return
    port = free_port()
    process = start_oxigraph_server(tmp_path_factory.mktemp("oxigraph"), port)
    url = f"http://127.0.0.1:{port}"
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def loaded(server: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph with a small GLOTIP import, built locally and pushed to the server."""
    out = tmp_path_factory.mktemp("pushed")
    build(Project(ROOT), out)
    xlsx = small_export(
        out.parent / "small.xlsx",
        [
            row("IDN", "Myanmar", "1,192"),
            row("IDN", "Cambodia", "<5"),
            row("KHM", "Indonesia", "42"),
            row("GBR", "Viet Nam", "120"),
            row("GBR", "Own country nationals", "300"),
        ],
    )
    import_glotip(Project(ROOT), xlsx, out, progress=False)
    sent = push(Endpoint.from_base(server), out)
    assert sent["https://w3id.org/tppo-kg/id/graph/glotip"] > 0
    return out


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_same_answers_through_the_server(query: Query, server: str, loaded: Path) -> None:
    bindings = query.bindings({})
    embedded = lines(OxigraphEngine(loaded).run(query, bindings))
    remote = lines(RemoteEngine(Endpoint.from_base(server)).run(query, bindings))
    assert same(query, remote, embedded)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("repatriations", {"country": "MMR"}),
        ("victim-flows", {"origin": "MMR"}),
        ("corridors-of-country-by-year", {"country": "GBR"}),
        ("provenance", {"fact": "case-count/kemlu-tppo-2021"}),
    ],
)
def test_parameters_through_the_server(server: str, loaded: Path, name: str, params: dict[str, str]) -> None:
    query = next(q for q in QUERIES if q.name == name)
    bindings = query.bindings(params)
    assert same(
        query,
        lines(RemoteEngine(Endpoint.from_base(server)).run(query, bindings)),
        lines(OxigraphEngine(loaded).run(query, bindings)),
    )


def test_parameters_open_the_where_group() -> None:
    query = next(q for q in QUERIES if q.name == "corridors-of-country-by-year")
    text = with_values(query.text, query.bindings({"country": "KHM"}))
    head, rest = text.split("WHERE {", 1)
    assert "VALUES" not in head  # not in the header comments, not before WHERE
    assert rest.lstrip().startswith("VALUES (?country) { (<https://w3id.org/tppo-kg/id/country/KHM>) }")
    tricky = '# a comment: WHERE {\nSELECT ?x { ?x ?p "WHERE {" }'
    bound = with_values(tricky, query.bindings({"country": "KHM"}))
    assert bound.startswith(tricky) and bound.endswith("KHM>) }\n")  # no WHERE keyword: at the end
    assert with_values(query.text, {}) == query.text


def test_values_block_holds_terms_not_text() -> None:
    query = next(q for q in QUERIES if q.name == "repatriations")
    block = values_block(query.bindings({"country": "KHM"}))
    assert block.strip().startswith("VALUES (?country ?citizens)")
    assert "<https://w3id.org/tppo-kg/id/country/KHM>" in block
    from rdflib import Literal

    evil = values_block({"x": Literal('a" } ; DROP ALL ; #')})
    assert '"a\\" } ; DROP ALL ; #"' in evil


def test_cli_query_and_build_with_endpoint(server: str, loaded: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "repatriations", "--endpoint", server, "--format", "tsv", "--project", str(ROOT)]
    )
    assert result.exit_code == 0 and '"1101"' in result.output
    config = tmp_path / "tppo-kg.toml"
    config.write_text(f'[endpoint]\nquery = "{server}/query"\nstore = "{server}/store"\n', encoding="utf-8")
    endpoint = resolve(None, tmp_path)
    assert endpoint == Endpoint(query=f"{server}/query", store=f"{server}/store")


def test_errors_from_the_server(server: str) -> None:
    broken = Query("broken", Path("broken.rq"), "SELECT ?x WHERE { ?x ?y }", "", "")
    with pytest.raises(QueryError, match="answered 400"):
        RemoteEngine(Endpoint.from_base(server)).run(broken, {})
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteEngine(Endpoint.from_base(f"http://127.0.0.1:{free_port()}")).run(broken, {})
