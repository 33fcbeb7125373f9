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
from kg.errors import DataError, KGError, ValidationError
from kg.namespaces import ID, PROV, SDO, TPPO, XSD
from kg.read.project import Project
from tests.conftest import ROOT, facts_path

MEETING_QUOTE = (
    "Jokowi menyampaikan ini saat bertemu Manet di Hotel Park Hyatt, Melbourne, pada Selasa, "
    "5 Maret 2024, dalam sela KTT ASEAN - Australia."
)


def edit(project: Project, old: str, new: str, count: int = 1) -> int:
    """Replace text in the seed facts file; return the line of the first change."""
    path = facts_path(project)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def build_error(project: Project, tmp_path: Path) -> KGError:
    with pytest.raises(KGError) as info:
        build(project, tmp_path / "out")
    return info.value


# -- the five breakages the issue names, through the whole build -------------------------


def test_missing_evidence(project_copy: Project, tmp_path: Path) -> None:
    old = "    evidence:\n      - Upaya ini dapat dicapai"
    line = edit(
        project_copy,
        "  - id: agreement/2023-idn-khm-mou-transnational-crime",
        "  - id: agreement/2023-idn-khm-mou-transnational-crime",
    )
    text = facts_path(project_copy).read_text(encoding="utf-8")
    start = text.index("  - id: agreement/2023-idn-khm-mou-transnational-crime")
    end = text.index(old, start)
    stop = text.index("\n\n", end)
    facts_path(project_copy).write_text(text[:end] + text[stop:], encoding="utf-8")
    error = build_error(project_copy, tmp_path)
    assert isinstance(error, DataError)
    assert error.path == facts_path(project_copy) and error.line == line
    assert "'evidence'" in str(error) and "agreement/2023-idn-khm-mou-transnational-crime" in str(error)


def test_quote_not_in_source(project_copy: Project, tmp_path: Path) -> None:
    line = edit(
        project_copy, f"      - {MEETING_QUOTE}", f"      - {MEETING_QUOTE.replace('5 Maret', '6 Maret')}"
    )
    error = build_error(project_copy, tmp_path)
    assert isinstance(error, DataError)
    assert (error.path, error.line) == (facts_path(project_copy), line)
    assert "not in the source text" in str(error)
    assert "closest sentence" in str(error) and "5 Maret 2024" in str(error)


def test_quote_from_advertising_is_refused(project_copy: Project, tmp_path: Path) -> None:
    line = edit(
        project_copy, f"      - {MEETING_QUOTE}", "      - Baca berita dengan sedikit iklan, klik disini"
    )
    error = build_error(project_copy, tmp_path)
    assert (error.path, error.line) == (facts_path(project_copy), line)
    assert "boilerplate" in str(error)


@pytest.mark.parametrize("bad", ["2024-02-30", "Mei 2023", "2023-13", "05/03/2024"])
def test_bad_date(project_copy: Project, tmp_path: Path, bad: str) -> None:
    line = edit(project_copy, 'date: "2024-03-05"', f'date: "{bad}"')
    error = build_error(project_copy, tmp_path)
    assert isinstance(error, DataError)
    assert (error.path, error.line) == (facts_path(project_copy), line)
    assert bad in str(error)


def test_negative_count(project_copy: Project, tmp_path: Path) -> None:
    line = edit(project_copy, 'count: {exactly: "361"', 'count: {exactly: "-361"')
    error = build_error(project_copy, tmp_path)
    assert (error.path, error.line) == (facts_path(project_copy), line)
    assert "negative" in str(error)


def test_unknown_country_code(project_copy: Project, tmp_path: Path) -> None:
    line = edit(project_copy, "destination: country/LAO", "destination: country/XYZ")
    error = build_error(project_copy, tmp_path)
    assert isinstance(error, DataError)
    assert (error.path, error.line) == (facts_path(project_copy), line)
    assert "unknown country code 'XYZ'" in str(error)


# -- more malformed input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("type: BilateralMeeting", "type: Meeting", "unknown type 'Meeting'"),
        ("sideline_of:", "sidelines_of:", "unknown key 'sidelines_of'"),
        ("about: tppo:TransnationalCrime", "about: tppo:TransnationalCrimes", "not a term of the ontology"),
        (
            "location: place/park-hyatt-melbourne",
            "location: place/park-hyatt",
            "unknown reference 'place/park-hyatt'",
        ),
        ("  - id: place/labuan-bajo", "  - id: place/park-hyatt-melbourne", "already used"),
    ],
)
def test_malformed_facts(project_copy: Project, tmp_path: Path, old: str, new: str, expected: str) -> None:
    line = edit(project_copy, old, new)
    error = build_error(project_copy, tmp_path)
    assert expected in str(error)
    assert error.path == facts_path(project_copy)
    assert error.line is not None and abs(error.line - line) <= 1


def test_yaml_syntax_error_names_both_lines(project_copy: Project, tmp_path: Path) -> None:
    line = edit(project_copy, "facts:\n", "facts:\n  - [unclosed\n") + 1
    error = build_error(project_copy, tmp_path)
    assert error.path == facts_path(project_copy)
    assert "YAML syntax error" in str(error) and f"starts on line {line}" in str(error)


def test_bad_reference_row(project_copy: Project, tmp_path: Path) -> None:
    path = project_copy.reference / "memberships.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("KHM", "KHX")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = build_error(project_copy, tmp_path)
    assert (error.path, error.line) == (path, 4)
    assert "unknown country code 'KHX'" in str(error)


def test_malformed_ontology(project_copy: Project, tmp_path: Path) -> None:
    with project_copy.ontology.open("a", encoding="utf-8") as handle:
        handle.write("\ntppo:Broken a owl:Class ;\n")
    error = build_error(project_copy, tmp_path)
    assert "cannot parse the ontology" in str(error) and str(project_copy.ontology) in str(error)


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
