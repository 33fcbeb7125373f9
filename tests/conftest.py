"""Shared fixtures: one build of the real project, and throw-away copies to break."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.build.pipeline import BuildReport, build
from kg.read.project import Project

ROOT = Path(__file__).resolve().parent.parent
SEED = "tempo-2024-03-jokowi-hun-manet-tppo"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """The real project built once for the whole session."""
    out = tmp_path_factory.mktemp("built")
    report = build(Project(ROOT), out)
    return out, report


@pytest.fixture(scope="session")
def built_full(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Path, Any]:
    """The real project built and with UNODC's GLOTIP export imported (about half a minute).
    With pytest-xdist the workers share one copy: the first to ask builds it under a file lock,
    the others read it (tests never write into it)."""
    from filelock import FileLock

    from kg.imports.glotip import ImportReport
    from kg.imports.importer import import_glotip

    def make(out: Path) -> ImportReport:
        build(Project(ROOT), out)
        xlsx = ROOT / "data" / "glotip" / "glotip_unodc.xlsx"
        return import_glotip(Project(ROOT), xlsx, out, progress=False)

    if worker_id == "master":  # no xdist
        out = tmp_path_factory.mktemp("built-full")
        return out, make(out)
    shared = tmp_path_factory.getbasetemp().parent
    out, done = shared / "built-full", shared / "built-full.json"
    with FileLock(str(shared / "built-full.lock")):
        if not done.is_file():
            out.mkdir(exist_ok=True)
            done.write_text(json.dumps(asdict(make(out))), encoding="utf-8")
    return out, ImportReport(**json.loads(done.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def store(built: tuple[Path, BuildReport]) -> ox.Store:
    """The built store, read-only."""
    return ox.Store.read_only(str(built[0] / "store"))


PREFIXES = """
PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """A SELECT over the merged default graph of ``store``; rows as {var: lexical value}.
    Tests may write id:event/... for readability; SPARQL needs the full IRI."""
    query = re.sub(r"\bid:([\w./-]*[\w-])", r"<https://w3id.org/tppo-kg/id/\1>", query)
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


@pytest.fixture(scope="session")
def ask(store: ox.Store) -> Callable[[str], list[dict[str, str]]]:
    """Run a SELECT over the seed build's merged default graph."""
    return lambda query: select(store, query)


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    """A copy of the project's inputs that a test may break."""
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.py"))
    return Project(tmp_path)


def facts_path(project: Project) -> Path:
    """The seed article's facts file inside a project."""
    return project.sources / SEED / "facts.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden`` rewrites the expected query answers in tests/golden/."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current answers",
    )


# What makes a test slow: the graph with GLOTIP imported, a browser, a running server or
# engine pool. Such tests are marked ``slow`` here, so that ``pytest -m "not slow"`` is the
# fast subset a developer runs before each commit; the whole suite runs in CI.
SLOW_FIXTURES = {
    "built_full",
    "full",
    "full_engine",
    "browser",
    "server",
    "loaded",
    "sample",
    "oxigraph_server",
    "virtuoso_server",
    "unchecked",
    "target",
    "everything",  # the OWL 2 RL closure
    "project_copy",  # a copy of the project, mostly to build it again
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that use a slow fixture as ``slow``."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
