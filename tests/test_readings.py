"""Readings that used to give wrong answers (issue: every answer right).

Each test states what an analyst asks and what the graph must (not) answer; each failed on
the code before the fix. The rules for GLOTIP's repatriation rows are unit-tested on small
blocks; the rest is checked on the seed graph or on the graph with GLOTIP imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build.pipeline import BuildReport
from kg.cli import main
from kg.errors import DataError
from kg.imports.glotip_readings import CITIZENSHIP, REPATRIATION, RepatriationReadings
from kg.query.engine import Engine, OxigraphEngine
from kg.query.library import library
from kg.read.counts import parse_count
from tests import conftest
from tests.conftest import ROOT

QUERIES = {q.name: q for q in library(ROOT / "queries")}
Built = tuple[Path, BuildReport]


def rows(engine: Engine, name: str, **params: str) -> list[dict[str, str]]:
    query = QUERIES[name]
    answer = engine.run(query, query.bindings(params))
    return [
        {v: str(t) for v, t in zip(answer.variables, row, strict=True) if t is not None}
        for row in answer.rows
    ]


def select(folder: Path, text: str) -> list[dict[str, str]]:
    return conftest.select(ox.Store.read_only(str(folder / "store")), text)


@pytest.fixture(scope="module")
def seed(built: Built) -> Engine:
    return OxigraphEngine(built[0])


@pytest.fixture(scope="module")
def full(built_full: tuple[Path, Any]) -> Engine:
    return OxigraphEngine(built_full[0])


# -- 1. which way a repatriation row runs -----------------------------------------------------


def block(rows_: list[tuple[str, str, tuple[int, int]]], year: int = 2017) -> RepatriationReadings:
    readings = RepatriationReadings({})
    for dimension, category, bounds in rows_:
        readings.see("MMR", year, dimension, category, bounds)
    return readings


def test_an_abroad_total_makes_the_rows_nationals_brought_home() -> None:
    readings = block([(REPATRIATION, "ABROAD", (270, 270)), (REPATRIATION, "CHN", (254, 254))])
    assert readings.decide("MMR", 2017).reading == "brought_home"


def test_own_nationals_or_own_name_make_the_rows_nationals_brought_home() -> None:
    assert block([(REPATRIATION, "MMR", (78, 78)), (REPATRIATION, "CHN", (1, 4))]).decide(
        "MMR", 2017
    ).reading == ("brought_home")
    assert block([(REPATRIATION, "OWN", (5, 5)), (REPATRIATION, "THA", (5, 5))]).decide(
        "MMR", 2017
    ).reading == ("brought_home")


def test_an_abroad_row_smaller_than_a_state_is_not_a_total() -> None:
    # Libya 2016: "Abroad" <5 beside Nigeria 198; nothing else decides it.
    readings = block([(REPATRIATION, "ABROAD", (1, 4)), (REPATRIATION, "NGA", (198, 198))])
    assert readings.decide("MMR", 2017).reading == "undecided"


def test_a_matching_citizenship_makes_the_rows_sent_home() -> None:
    readings = block([(REPATRIATION, "KHM", (108, 108)), (CITIZENSHIP, "KHM", (50, 50))])
    decided = readings.decide("MMR", 2017)
    assert decided.reading == "sent_home" and "KHM" in decided.rule


def test_a_citizenship_of_zero_is_no_evidence() -> None:
    readings = block([(REPATRIATION, "KHM", (108, 108)), (CITIZENSHIP, "KHM", (0, 0))])
    assert readings.decide("MMR", 2017).reading == "undecided"


def test_nothing_decides_means_undecided_and_an_exception_overrides() -> None:
    readings = block([(REPATRIATION, "IDN", (14, 14)), (CITIZENSHIP, "MMR", (28, 28))], year=2016)
    assert readings.decide("MMR", 2016).reading == "undecided"
    path = ROOT / "data" / "glotip" / "repatriation-readings.csv"
    listed = RepatriationReadings.load(path, {"IDN", "MMR"})
    listed.blocks = readings.blocks
    decided = listed.decide("MMR", 2016)
    assert (
        decided.reading == "brought_home"
        and decided.rule.startswith("exception:")
        and "https://" in decided.rule
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("MMR,2016,sideways,why,https://example.org/a,Pub,2026-12-01", "reading 'sideways'"),
        ("XXX,2016,sent_home,why,https://example.org/a,Pub,2026-12-01", "unknown reporter code"),
        ("MMR,2016,sent_home,,https://example.org/a,Pub,2026-12-01", "needs its evidence"),
        ("MMR,2016,sent_home,why,javascript:alert(1),Pub,2026-12-01", "bad url"),
        ("MMR,16,sent_home,why,https://example.org/a,Pub,2026-12-01", "unreadable year"),
    ],
)
def test_a_bad_exception_names_its_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "readings.csv"
    path.write_text("reporter,year,reading,evidence,url,publisher,read\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=message) as failure:
        RepatriationReadings.load(path, {"IDN", "MMR"})
    assert f"{path}:2:" in str(failure.value)


@pytest.mark.slow
def test_myanmars_nationals_brought_home_from_china_run_from_myanmar(full: Engine) -> None:
    # Myanmar, 2017: "Abroad" 270, of them China 254: Myanmar nationals brought home.
    flows = rows(full, "victim-flows", origin="MMR", destination="CHN")
    assert {(r["period"], r["minimum"]) for r in flows} >= {("2017", "254"), ("2019", "282")}
    back = rows(full, "victim-flows", origin="CHN", destination="MMR")
    assert not [r for r in back if r["measure"] == "Victims repatriated" and r["period"] >= "2017"]


@pytest.mark.slow
def test_the_benjina_row_still_runs_from_myanmar_to_indonesia(built_full: tuple[Path, Any]) -> None:
    found = select(
        built_full[0],
        """SELECT ?o ?d ?reading ?rule WHERE {
             ?f prov:wasDerivedFrom/tppo:sourceRow 23208 ; tppo:origin ?o ; tppo:destination ?d ;
                tppo:directionReading ?reading ; tppo:readingRule ?rule }""",
    )
    assert len(found) == 1
    assert found[0]["o"].endswith("/MMR") and found[0]["d"].endswith("/IDN")
    assert found[0]["reading"].endswith("#SentHomeByReporter") and "Benjina" in found[0]["rule"]


@pytest.mark.slow
def test_undecided_flows_name_both_states_but_stay_out_of_network_and_rankings(
    built_full: tuple[Path, Any], full: Engine
) -> None:
    undecided = select(
        built_full[0],
        """SELECT ?f ?partner ?reporter ?o ?d WHERE {
             ?f tppo:directionReading tppo:DirectionUndecided ; tppo:partnerCountry ?partner ;
                prov:wasDerivedFrom/tppo:reportingCountry ?reporter .
             OPTIONAL { ?f tppo:origin ?o } OPTIONAL { ?f tppo:destination ?d } }""",
    )
    assert len(undecided) > 100
    assert not [r for r in undecided if "o" in r or "d" in r]
    assert not select(
        built_full[0],
        """SELECT ?c WHERE { ?c a tppo:Corridor ; prov:wasDerivedFrom ?f .
                             ?f tppo:directionReading tppo:DirectionUndecided }""",
    )
    # Libya reports Nigeria 198 in 2016 beside an "Abroad" <5: no direction, no corridor.
    assert not [
        r
        for r in rows(full, "corridors-ranked")
        if {r["origin"], r["destination"]} == {"LBY", "NGA"} and r["largest_lower_bound"] == "198"
    ]


# -- 2. a count of 0 is an observation, not an edge ---------------------------------------


@pytest.mark.slow
def test_zero_counts_make_no_flow_and_no_zero_corridor(built_full: tuple[Path, Any], full: Engine) -> None:
    zero_flows = select(
        built_full[0],
        """SELECT ?f WHERE { ?f a tppo:VictimFlow ; tppo:count/schema:maxValue 0 }""",
    )
    assert zero_flows == []
    zero_obs = select(
        built_full[0],
        """SELECT (COUNT(*) AS ?n) WHERE {
             ?o a tppo:StatisticalObservation ; tppo:count/tppo:statedAs "0" ;
                tppo:indicator "Detected trafficking victims" ; tppo:dimension ?dimension .
             FILTER(?dimension IN ("by citizenship", "by country of repatriation")) }""",
    )
    assert int(zero_obs[0]["n"]) == 245  # the rows that used to become flows are still observations
    assert not [r for r in rows(full, "corridors-ranked") if r.get("largest_upper_bound") == "0"]


# -- 3. one sentence is one assertion ------------------------------------------------------


def test_one_sentence_is_not_two_claims_that_agree(seed: Engine, built: Built) -> None:
    # The flow and the repatriation of "more than 1,100" rest on one sentence.
    assert rows(seed, "figure-claims") == []
    counts = select(
        built[0],
        """SELECT ?figure ?n WHERE {
             id:repatriation/by-2024-01-04-idn-from-khm-online-scam tppo:figure ?figure .
             ?figure tppo:claimCount ?n }""",
    )
    assert [r["n"] for r in counts] == ["1"]
    khm = [r for r in rows(seed, "corridors-ranked") if r["destination"] == "KHM"]
    assert {(r["measure"], r["claims"]) for r in khm} == {("victims repatriated", "1"), ("not stated", "1")}


# -- 4. a cumulative total is not a year's count -------------------------------------------


def test_an_as_of_total_is_not_the_count_of_its_year(seed: Engine, built: Built) -> None:
    by_year = rows(seed, "corridors-of-country-by-year", country="IDN")
    assert not [r for r in by_year if r["partner"] == "KHM"]
    figure = select(
        built[0],
        """SELECT ?figure ?as_of ?period WHERE {
             id:flow/idn-khm-online-scam-repatriated-by-2024-01-04 tppo:figure ?figure .
             OPTIONAL { ?figure tppo:asOf ?as_of } OPTIONAL { ?figure tppo:refPeriod ?period } }""",
    )
    assert figure == [
        {
            "figure": "https://w3id.org/tppo-kg/id/figure/IDN-KHM/as-of-2024-01-04/repatriated",
            "as_of": "2024-01-04",
        }
    ]


# -- 5. detected and repatriated are two measures ------------------------------------------


@pytest.mark.slow
def test_detected_and_repatriated_stay_apart(full: Engine) -> None:
    # Indonesia -> Malaysia, 2016: 131 detected (citizenship), 142 repatriated.
    found = {
        (r["measure"], r["largest_lower_bound"])
        for r in rows(full, "corridors-of-country-by-year", country="IDN")
        if r["partner"] == "MYS" and r["year"] == "2016" and r["direction"] == "out of"
    }
    assert found == {("Victims detected", "131"), ("Victims repatriated", "142")}
    ranked = {
        r["measure"]
        for r in rows(full, "corridors-ranked")
        if (r["origin"], r["destination"]) == ("IDN", "MYS")
    }
    assert ranked == {"victims detected", "victims repatriated"}


# -- 6. destinations without an agreement answers the seed's question by default -----------


@pytest.mark.slow
def test_destinations_without_agreement_defaults_to_the_seeds_question(full: Engine) -> None:
    default = rows(full, "destinations-without-agreement")
    # Laos and Thailand signed police MoUs with Indonesia at the 17th AMMTC (August 2023).
    assert [r["destination"] for r in default] == ["MMR", "PHL", "VNM"]
    assert rows(full, "destinations-without-agreement", agreements="any") == []  # all in ACTIP
    statistics = rows(full, "destinations-without-agreement", source_kind="statistics", form="any")
    assert len(statistics) > 10 and not {"LAO", "THA"} & {r["destination"] for r in statistics}
    recent = rows(full, "destinations-without-agreement", source_kind="any", form="any", since="2020")
    assert all(int(r["first_year"]) >= 2020 for r in recent)


# -- 7. what a person said, whatever the property -------------------------------------------


def test_what_retno_marsudi_said(seed: Engine) -> None:
    said = rows(seed, "statements-by-person", person="retno-marsudi")
    assert {r["kind"] for r in said} == {"Repatriation", "Victim flow"}
    jokowi = rows(seed, "statements-by-person")
    assert len({r["statement"] for r in jokowi}) == 5


def test_a_statement_can_respond_to_another(project_copy: Any) -> None:
    from kg.build.pipeline import build

    facts = project_copy.sources / "tempo-2024-03-jokowi-hun-manet-tppo" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace(
        "    kind: tppo:Thanks\n    author: person/joko-widodo\n",
        "    kind: tppo:Thanks\n    author: person/joko-widodo\n"
        "    responds_to: statement/2024-03-05-jokowi-appreciates-hun-manet\n",
    )
    facts.write_text(text, encoding="utf-8")
    out = project_copy.root / "out"
    build(project_copy, out)
    said = rows(OxigraphEngine(out), "statements-by-person")
    assert [r["responds_to"] for r in said if "responds_to" in r] == [
        "Jokowi appreciates Hun Manet on trafficking in persons"
    ]


# -- 8. what an agreement covers vs what a leader asked of it ------------------------------


def test_the_mous_areas_are_what_jokowi_asked_not_its_content(seed: Engine) -> None:
    found = rows(seed, "agreements-between")
    assert found and {r["area_basis"] for r in found if "area" in r} == {"asked"}
    assert {r["asked_by"] for r in found if "area" in r} == {"Joko Widodo"}
    assert len(found) == len({tuple(sorted(r.items())) for r in found})  # each row once


# -- 9. smaller things ---------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_an_ad_hoc_query_needs_no_header_and_may_use_the_projects_prefixes(
    built: Built, tmp_path: Path
) -> None:
    query = tmp_path / "mine.rq"
    query.write_text("SELECT ?name WHERE { person:hun-manet rdfs:label ?name FILTER(LANG(?name) = 'en') }\n")
    code, output = invoke(
        "query", str(query), "--store", str(built[0]), "--project", str(ROOT), "--format", "csv"
    )
    assert code == 0, output
    assert output.splitlines() == ["name", "Hun Manet"]


def test_an_ad_hoc_querys_error_keeps_its_line_number(built: Built, tmp_path: Path) -> None:
    query = tmp_path / "broken.rq"
    query.write_text("SELECT ?x\nWHERE { ?x tppo:party }\n")
    code, output = invoke("query", str(query), "--store", str(built[0]), "--project", str(ROOT))
    assert code == 6 and "2:" in output


def test_persons_labels_have_languages_like_countries(built: Built) -> None:
    labels = select(built[0], "SELECT (LANG(?l) AS ?lang) WHERE { id:person/hun-manet rdfs:label ?l }")
    assert sorted(r["lang"] for r in labels) == ["en", "id"]


@pytest.mark.parametrize("spec", ["100000000000000000000000000000", {"at_least": "10000000001"}])
def test_counts_beyond_any_population_are_refused(spec: Any) -> None:
    with pytest.raises(ValueError, match=r"exceed|plausible"):
        parse_count(spec)


def test_a_folder_that_is_no_project_is_wrong_usage(tmp_path: Path) -> None:
    code, output = invoke("validate", "--project", str(tmp_path))
    assert code == 2 and output.startswith("error: no tppo-kg project") and len(output.splitlines()) == 1
