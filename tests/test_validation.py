"""Broken input is refused with its file and line, a non-zero exit, and nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.build.pipeline import assemble, build, union_of
from kg.build.validate import load_shapes, shacl
from kg.cli import main
from kg.errors import DataError, ValidationError
from kg.namespaces import ID, PROV, RDF, SDO, TPPO, XSD
from kg.read.project import Project
from tests.conftest import ROOT, facts_path


def edit(project: Project, old: str, new: str, count: int = 1) -> int:
    """Replace text in the seed facts file; return the line of the first change."""
    path = facts_path(project)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


# -- through the whole build ---------------------------------------------------------------
# Each kind of broken input and its exact FILE:LINE: message is a case of the manifest
# tests/validation/cases.yaml, read by the reader alone (tests/test_validation_cases.py).
# What needs a whole build stays here: nothing lost when it fails, and the CLI's exits.


def test_failed_build_leaves_earlier_outputs_untouched(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project_copy, out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    store_files = sorted(p.name for p in (out / "store").iterdir())
    edit(project_copy, "destination: country/LAO", "destination: country/XYZ")
    with pytest.raises(DataError):
        build(project_copy, out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in (out / "store").iterdir()) == store_files
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


# -- the CLI turns errors into one line and a documented exit code -------------------------


def test_cli_reports_file_line_and_exit_code(project_copy: Project, tmp_path: Path) -> None:
    line = edit(project_copy, "destination: country/LAO", "destination: country/XYZ")
    result = CliRunner().invoke(
        main, ["build", "--project", str(project_copy.root), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == DataError.exit_code == 3
    assert re.search(rf"error: .*facts\.yaml:{line}: unknown country code 'XYZ'", result.output)


def test_cli_validation_failure_lists_problems(project_copy: Project, tmp_path: Path) -> None:
    # A bilateral meeting with one participant passes the reader but breaks a shape.
    edit(
        project_copy,
        "participant: [person/joko-widodo, person/hun-manet]",
        "participant: [person/joko-widodo]",
    )
    result = CliRunner().invoke(main, ["validate", "--project", str(project_copy.root)])
    assert result.exit_code == ValidationError.exit_code
    assert "event/2024-03-05-jokowi-hun-manet-melbourne" in result.output
    assert "at least two participants" in result.output


# -- the shapes themselves catch a broken graph -------------------------------------------


@pytest.fixture(scope="module")
def graph_and_shapes() -> tuple[Graph, Graph]:
    graphs, _ = assemble(Project(ROOT))
    union = union_of(graphs)
    return union, load_shapes(ROOT / "ontology" / "shapes.ttl")


def broken(base: Graph, change: list[tuple[str, tuple[URIRef, URIRef, object]]]) -> Graph:
    g = Graph()
    g += base
    for op, triple in change:
        (g.add if op == "+" else g.remove)(triple)  # type: ignore[operator]
    return g


MEETING = ID["event/2024-03-05-jokowi-hun-manet-melbourne"]
COUNT_2021 = ID["case-count/kemlu-tppo-2021/count"]
FLOW = ID["flow/idn-lao-online-scam-kemlu"]


@pytest.mark.slow  # SHACL over the whole graph, once per case: the full suite runs it
@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("missing evidence", [("-", (MEETING, PROV.wasDerivedFrom, None))], "evidence"),
        (
            "bad date",
            [("-", (MEETING, SDO.startDate, None)), ("+", (MEETING, SDO.startDate, Literal("5 Maret 2024")))],
            "xsd:date, xsd:gYearMonth or xsd:gYear",
        ),
        (
            "negative count",
            [
                ("-", (COUNT_2021, SDO.value, None)),
                ("+", (COUNT_2021, SDO.value, Literal(-361, datatype=XSD.integer))),
            ],
            "never negative",
        ),
        (
            "unknown country",
            [("-", (FLOW, TPPO.destination, None)), ("+", (FLOW, TPPO.destination, ID["country/XYZ"]))],
            "known country",
        ),
    ],
)
def test_shapes_catch(graph_and_shapes: tuple[Graph, Graph], name: str, change: list, expected: str) -> None:  # type: ignore[type-arg]
    base, shapes = graph_and_shapes
    assert shacl(base, shapes) == []
    problems = shacl(broken(base, change), shapes)
    assert problems, name
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]


def test_a_violation_names_the_property_and_what_it_needs(graph_and_shapes: tuple[Graph, Graph]) -> None:
    # Before every property shape had its sh:message, this said only "Less than 1 values".
    base, shapes = graph_and_shapes
    article = next(base.subjects(RDF.type, SDO.NewsArticle))
    problems = shacl(broken(base, [("-", (article, TPPO.textFile, None))]), shapes)
    assert [p.message for p in problems] == ["tppo:textFile: exactly one value"]
    assert problems[0].rule == "shacl MinCountConstraintComponent"
