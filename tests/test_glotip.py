"""The GLOTIP import: every row an observation, the documented reading of flows, errors with row numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.build.pipeline import build
from kg.errors import DataError
from kg.imports.glotip import EXPECTED, ImportReport, Names, parse_value
from kg.imports.importer import import_glotip
from kg.read.project import Project
from tests.conftest import ROOT, facts_path

Full = tuple[Path, ImportReport]


def test_counts(built_full: Full) -> None:
    _, report = built_full
    assert report.errors == []
    assert report.rows == report.observations == 65_398
    # Every row of detected victims by citizenship (9,208) or by country of repatriation
    # (2,047) is a flow, a count of 0 (an observation only), or no flow: the totals ("All",
    # "TOTAL POR AÑO", "Abroad" and the reporter's own name among repatriations) and the
    # nationals brought home from no named state.
    assert report.flows + report.zero_not_flows + report.not_flows == 9_208 + 2_047
    assert report.zero_not_flows == 245
    assert report.flows == 10_662
    assert report.undecided_flows == 621
    assert report.censored == 16_191
    assert report.domestic_flows == 197
    assert report.unknown_origin_flows == 219


def one(store: ox.Store, query: str) -> dict[str, str]:
    prefixes = """PREFIX tppo: <https://w3id.org/tppo-kg/ontology#>
    PREFIX schema: <https://schema.org/>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX c: <https://w3id.org/tppo-kg/id/country/>
    """
    result = store.query(prefixes + query)
    rows = [
        {v.value: row[v.value].value for v in result.variables if row[v.value] is not None} for row in result
    ]  # type: ignore[union-attr]
    assert len(rows) == 1, rows
    return rows[0]


def test_benjina_row_is_a_flow_from_myanmar_to_indonesia(built_full: Full) -> None:
    store = ox.Store.read_only(str(built_full[0] / "store"))
    row = one(
        store,
        """
        SELECT ?value ?row ?category ?dimension WHERE {
          ?flow a tppo:VictimFlow ; tppo:origin c:MMR ; tppo:destination c:IDN ; tppo:refPeriod ?y ;
                tppo:sex "Total" ; tppo:ageGroup "Total" ; tppo:count/schema:value ?value ;
                prov:wasDerivedFrom ?obs .
          ?obs tppo:sourceRow ?row ; tppo:category ?category ; tppo:dimension ?dimension ;
               tppo:reportingCountry c:IDN .
          FILTER(STR(?y) = "2016")
        }""",
    )
    assert row == {
        "value": "1192",
        "row": row["row"],
        "category": "Myanmar",
        "dimension": "by country of repatriation",
    }


def test_censored_and_domestic_readings(built_full: Full) -> None:
    store = ox.Store.read_only(str(built_full[0] / "store"))
    censored = one(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?c tppo:statedAs "<5" ; schema:minValue 1 ; schema:maxValue 4 ; tppo:countQualifier tppo:Between .
        FILTER NOT EXISTS { ?c schema:value ?v } }""",
    )
    assert censored["n"] == "16191"
    domestic = one(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?f a tppo:VictimFlow ; prov:wasDerivedFrom/tppo:category "Own country nationals" ;
           tppo:origin ?x ; tppo:destination ?x }""",
    )
    assert int(domestic["n"]) > 0
    unknown = one(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?f a tppo:VictimFlow ; prov:wasDerivedFrom/tppo:category "Unknown" ; tppo:originDescription ?d .
        FILTER NOT EXISTS { ?f tppo:origin ?o } }""",
    )
    assert int(unknown["n"]) > 0
    convicted = one(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?f a tppo:VictimFlow ; prov:wasDerivedFrom/tppo:indicator "Persons convicted" }""",
    )
    assert convicted["n"] == "0"  # citizenships of convicted persons are not victim flows


def test_every_category_name_of_the_file_resolves() -> None:
    names = Names(ROOT / "data" / "reference" / "countries.csv", ROOT / "data" / "glotip" / "categories.csv")
    for name, code in [
        ("Türkiye", "TUR"),
        ("Viet Nam", "VNM"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Kosovo (under UNSC res. 1244)", "XKX"),
        ("T\u00c3\u00bcrkiye", "TUR"),
        ("Myanmar", "MMR"),
        ("Republic of Korea", "KOR"),
    ]:
        reading = names.read(name)
        assert reading is not None and reading.country == code, name
    assert names.read("Atlantis") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,192", ("Exactly", 1192, 1192)),
        ("0", ("Exactly", 0, 0)),
        ("<5", ("Between", 1, 4)),
        ("12", ("Exactly", 12, 12)),
        ("1,234,567", ("Exactly", 1234567, 1234567)),
    ],
)
def test_values(text: str, expected: tuple[str, int, int]) -> None:
    qualifier, low, high, stated = parse_value(text)
    assert (qualifier.value.rsplit("#", 1)[-1], low, high) == expected and stated == text


@pytest.mark.parametrize("text", ["many", "1.192", "-3", "<1", "", None, "12,34"])
def test_unreadable_values(text: Any) -> None:
    with pytest.raises(ValueError):
        parse_value(text)


def small_export(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["UNODC"])
    sheet.append(["28/10/2025"])
    sheet.append(EXPECTED)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def row(iso: str, category: str, value: str, indicator: str = "Detected trafficking victims") -> list[Any]:
    return [
        iso,
        "x",
        "Asia",
        "x",
        indicator,
        "by citizenship",
        category,
        "Total",
        "Total",
        2020,
        "Counts",
        value,
        "GLOTIP",
    ]


@pytest.mark.slow  # a whole build or import: the full suite runs it
def test_bad_rows_are_reported_with_their_row_numbers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Project(ROOT), out)
    before = sorted(p.name for p in out.iterdir())
    xlsx = small_export(
        tmp_path / "bad.xlsx",
        [
            row("IDN", "Myanmar", "12"),
            row("IDN", "Atlantis", "3"),
            row("IDN", "Cambodia", "many"),
            row("ZZZ", "Cambodia", "3"),
        ],
    )
    with pytest.raises(DataError) as info:
        import_glotip(Project(ROOT), xlsx, out, progress=False)
    message = str(info.value)
    assert "3 row(s) could not be read" in message
    assert "row 5: unknown country name 'Atlantis'" in message
    assert "row 6: unreadable value 'many'" in message
    assert "row 7: unknown reporting country code 'ZZZ'" in message
    assert sorted(p.name for p in out.iterdir()) == before  # nothing written


@pytest.mark.slow  # a whole build or import: the full suite runs it
def test_a_small_export_imports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Project(ROOT), out)
    xlsx = small_export(
        tmp_path / "ok.xlsx",
        [
            row("IDN", "Myanmar", "1,192"),
            row("IDN", "Own country nationals", "<5"),
            row("IDN", "Unknown", "7"),
            row("IDN", "Myanmar", "3", indicator="Persons convicted"),
        ],
    )
    report = import_glotip(Project(ROOT), xlsx, out, progress=False)
    assert (
        report.rows,
        report.observations,
        report.flows,
        report.domestic_flows,
        report.unknown_origin_flows,
        report.censored,
    ) == (4, 4, 3, 1, 1, 1)
    assert (out / "imports" / "glotip.nq").is_file()
    store = ox.Store.read_only(str(out / "store"))
    graphs = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/tppo-kg/id/graph/glotip" in graphs
    # A rebuild keeps the import.
    build(Project(ROOT), out)
    store = ox.Store.read_only(str(out / "store"))
    assert "https://w3id.org/tppo-kg/id/graph/glotip" in {g.value for g in store.named_graphs()}


def test_a_rebuild_after_an_import_equals_a_fresh_build_and_import(
    project_copy: Project, tmp_path: Path
) -> None:
    """The rebuild updates only the curated graphs of the store; the result is the same."""
    project = project_copy
    xlsx = small_export(tmp_path / "ok.xlsx", [row("IDN", "Myanmar", "1,192"), row("KHM", "Indonesia", "<5")])
    updated, fresh = tmp_path / "updated", tmp_path / "fresh"
    build(project, updated)
    import_glotip(project, xlsx, updated, progress=False)
    facts = facts_path(project)
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("en: 42nd ASEAN Summit", "en: The 42nd ASEAN Summit").replace(
            'count: {exactly: "752", stated_as: 752 kasus}', 'count: {exactly: "753", stated_as: 752 kasus}'
        ),
        encoding="utf-8",
    )
    build(project, updated)
    build(project, fresh)
    import_glotip(project, xlsx, fresh, progress=False)

    def everything(out: Path) -> set[ox.Quad]:
        return set(ox.Store.read_only(str(out / "store")).quads_for_pattern(None, None, None, None))

    a, b = everything(updated), everything(fresh)
    assert a == b
    assert any(q.object == ox.Literal("The 42nd ASEAN Summit", language="en") for q in a)


def test_a_rebuild_that_removes_what_an_import_links_to_is_refused(
    project_copy: Project, tmp_path: Path
) -> None:
    """The build checks only the curated graphs, but an import's links must still resolve."""
    from kg.errors import ValidationError

    project = project_copy
    out = tmp_path / "out"
    build(project, out)
    import_glotip(
        project, small_export(tmp_path / "ok.xlsx", [row("GBR", "Myanmar", "12")]), out, progress=False
    )
    listed = (out / "imports" / "glotip.references").read_text(encoding="utf-8").split()
    gbr = "https://w3id.org/tppo-kg/id/country/GBR"
    assert gbr in listed and "https://w3id.org/tppo-kg/id/country/MMR" in listed
    assert not any("/glotip/" in iri for iri in listed)  # what the import defines is not listed
    countries = project.reference / "countries.csv"
    lines = countries.read_text(encoding="utf-8").splitlines(keepends=True)
    countries.write_text("".join(line for line in lines if not line.startswith("GBR,")), encoding="utf-8")
    before = (out / "tppo-kg.trig").read_bytes()
    with pytest.raises(ValidationError) as failure:
        build(project, out)
    assert f"[import-reference] {gbr}: glotip.nq links to it" in str(failure.value)
    assert (out / "tppo-kg.trig").read_bytes() == before  # nothing changed
