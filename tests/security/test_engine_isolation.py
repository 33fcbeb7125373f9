"""The engine layer with every query check switched off: what holds when a check is wrong.

A SERVICE query goes straight to an engine process; the listener it names on this
machine's loopback is never reached, because the engine has no network. A query that
overflows the evaluator's stack ends only its engine, and the next query is answered.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build.pipeline import BuildReport
from kg.serve.pool import EnginePool
from tests.serving import listener

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")


@pytest.fixture(scope="module")
def unchecked(built: tuple[Path, BuildReport]) -> Iterator[EnginePool]:
    """Two engines on the seed store that run whatever they are sent (no grammar check)."""
    engines = EnginePool(built[0] / "store", timeout_s=5, size=2, memory_mb=1024, checked=False)
    try:
        yield engines
    finally:
        engines.stop()


def ask(engines: EnginePool, query: str) -> tuple[int, str]:
    answer = engines.run({"query": query, "accept": "text/csv", "max_bytes": 1_000_000})
    return answer.status, answer.body.decode(errors="replace")


def test_the_engines_have_no_network(unchecked: EnginePool) -> None:
    assert unchecked.isolated


@pytest.mark.parametrize("silent", ["", "SILENT "])
def test_service_that_gets_past_every_check_reaches_no_listener(unchecked: EnginePool, silent: str) -> None:
    with listener() as (port, seen):
        status, body = ask(
            unchecked, f"SELECT * WHERE {{ SERVICE {silent}<http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}"
        )
        time.sleep(0.3)
    assert seen == []
    if silent:
        assert status == 200  # SILENT: the failed call is an empty answer
    else:
        assert status == 500 and "unreachable" in body.lower(), body
    assert ask(unchecked, "ASK { ?s ?p ?o }")[0] == 200


def test_a_stack_overflow_ends_only_its_engine(unchecked: EnginePool) -> None:
    before = set(unchecked.pids)
    deep = "SELECT * WHERE " + "{" * 120_000 + " ?s ?p ?o " + "}" * 120_000
    status, body = ask(unchecked, deep)
    assert status in (400, 502), body
    assert ask(unchecked, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")[0] == 200
    if status == 502:
        deadline = time.monotonic() + 20
        while len(unchecked.pids) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(unchecked.pids) == 2 and set(unchecked.pids) != before
