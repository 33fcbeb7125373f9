"""The diplomacy background: summits, treaty actions, TIP tiers and office holders, and the checks on them."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kg.build.pipeline import build
from kg.errors import DataError, ValidationError
from kg.read.project import Project

Ask = Callable[[str], list[dict[str, str]]]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first line containing ``old`` (whole line) by ``new``; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if old in line:
            lines[number - 1] = new + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{old!r} not in {path}")


def _append(path: Path, row: str) -> int:
    """Add a row at the end of a table; return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + row + "\n", encoding="utf-8")
    return len((text + row).splitlines())


def test_the_42nd_summit_is_one_node(ask: Ask) -> None:
    rows = ask(
        """SELECT ?s ?ordinal ?date ?where WHERE {
             ?s a tppo:Summit ; tppo:ordinal 42 ; tppo:ordinal ?ordinal ; schema:startDate ?date ;
                schema:location ?where }"""
    )
    assert rows == [
        {
            "s": "https://w3id.org/tppo-kg/id/event/2023-05-42nd-asean-summit",
            "ordinal": "42",
            "date": "2023-05",
            "where": "https://w3id.org/tppo-kg/id/place/labuan-bajo",
        }
    ]
    labels = ask(
        'SELECT ?l WHERE { id:event/2023-05-42nd-asean-summit rdfs:label ?l FILTER(LANG(?l) = "en") }'
    )
    assert labels == [{"l": "42nd ASEAN Summit"}]


def test_the_2024_special_summit_is_the_seed_node_with_dates(ask: Ask) -> None:
    rows = ask(
        """SELECT ?start ?end WHERE { id:event/2024-asean-australia-summit schema:startDate ?start ;
             schema:endDate ?end ; tppo:series ?series }"""
    )
    assert rows == [{"start": "2024-03-04", "end": "2024-03-06"}]


def test_every_asean_summit_from_the_first_to_the_48th(ask: Ask) -> None:
    rows = ask(
        """SELECT ?n WHERE { ?s tppo:series <https://w3id.org/tppo-kg/id/event-series/asean-summit> ;
             tppo:ordinal ?n }"""
    )
    assert sorted(int(r["n"]) for r in rows) == list(range(1, 49))


def test_office_holders_at_summits_resolve_by_date(ask: Ask) -> None:
    """Hun Sen led Cambodia at the 42nd summit (May 2023), Hun Manet at the 47th (October 2025);
    Singapore changed prime minister between the 9th (2003) and the 10th (2004) summits."""
    query = """SELECT ?leader WHERE {
        ?s tppo:series <https://w3id.org/tppo-kg/id/event-series/asean-summit> ; tppo:ordinal %d ;
           tppo:earliestDate ?first ; tppo:latestDate ?last .
        ?tenure tppo:post <https://w3id.org/tppo-kg/id/post/%s> ; org:member/schema:name ?leader ;
                org:memberDuring ?i .
        ?i time:hasBeginning/tppo:latestDate ?from .
        OPTIONAL { ?i time:hasEnd/tppo:earliestDate ?until }
        FILTER(?from <= ?first && (!BOUND(?until) || ?until >= ?last)) }"""
    assert ask(query % (42, "KHM-prime-minister")) == [{"leader": "Hun Sen"}]
    assert ask(query % (47, "KHM-prime-minister")) == [{"leader": "Hun Manet"}]
    assert ask(query % (9, "SGP-prime-minister")) == [{"leader": "Goh Chok Tong"}]
    assert ask(query % (10, "SGP-prime-minister")) == [{"leader": "Lee Hsien Loong"}]


def test_every_new_row_cites_a_page_read_on_a_date(ask: Ask) -> None:
    rows = ask(
        """SELECT ?x WHERE { { ?x a tppo:TreatyAction } UNION { ?x a tppo:TierPlacement } UNION
             { ?x tppo:series ?s } FILTER NOT EXISTS { ?x prov:wasDerivedFrom/tppo:dateRead ?d } }"""
    )
    assert rows == []


def _build_fails(project: Project, tmp_path: Path) -> str:
    with pytest.raises((DataError, ValidationError)) as info:
        build(project, tmp_path / "out")
    return str(info.value)


def test_a_duplicate_summit_ordinal_names_file_and_line(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "summits.csv"
    row = "event/2099-01-dup,asean-summit,42,Duplicate,Duplikat,2099-01-01,,IDN,,,katadata-asean-summits,"
    line = _append(table, row)
    message = _build_fails(project_copy, tmp_path)
    assert f"summits.csv:{line}" in message and "ordinal 42" in message


def test_summits_out_of_date_order_fail_the_build(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "summits.csv"
    _edit(
        table,
        "event/2013-04-22nd-asean-summit",
        "event/2013-04-22nd-asean-summit,asean-summit,22,22nd ASEAN Summit,KTT ke-22 ASEAN,"
        "2010-04-24,2010-04-25,BRN,,,examrace-22nd-summit,",
    )
    message = _build_fails(project_copy, tmp_path)
    assert "summit-order" in message
    assert "2013-04-22nd-asean-summit" in message or "21st" in message


def test_a_ratification_before_the_signature_fails_the_build(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "treaty-actions.csv"
    _append(table, "agreement/actip,IDN,ratification,2015-10,acrath-actip,")
    message = _build_fails(project_copy, tmp_path)
    assert "ratification-before-signature" in message and "actip/IDN/ratification" in message


def test_two_tiers_for_one_state_and_year_fail_the_build(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "tip-tiers.csv"
    _append(table, "THA,2014,2,rotary-tip-2015,")
    message = _build_fails(project_copy, tmp_path)
    assert "tier-per-year" in message and "tier-placement/THA/2014" in message


def test_a_row_citing_an_unknown_source_names_file_and_line(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "tip-tiers.csv"
    line = _append(table, "KHM,2022,3,no-such-page,")
    message = _build_fails(project_copy, tmp_path)
    assert f"tip-tiers.csv:{line}" in message and "no-such-page" in message


@pytest.mark.parametrize(
    ("table", "row", "what"),
    [
        ("summits.csv", "event/x,asean-summit,49,X,X,26-11-2026,,PHL,,,mb-48th-summit,", "column start"),
        ("summits.csv", "Event X,asean-summit,49,X,X,2026-11,,PHL,,,mb-48th-summit,", "column id"),
        ("summits.csv", "event/x,asean-summit,49,X,X,2026-11,,PHL,,Q12x,mb-48th-summit,", "column wikidata"),
        ("treaty-actions.csv", "agreement/actip,Laos,ratification,2017,acrath-actip,", "column party"),
        ("treaty-actions.csv", "agreement/actip,LAO,approval,2017,acrath-actip,", "kind 'approval'"),
        ("tip-tiers.csv", "LAO,19,3,ihrb-tip-2018,", "column report_year"),
        ("tip-tiers.csv", "LAO,2017,4,ihrb-tip-2018,", "tier '4'"),
    ],
)
def test_a_malformed_row_names_file_and_line(
    project_copy: Project, tmp_path: Path, table: str, row: str, what: str
) -> None:
    line = _append(project_copy.reference / table, row)
    with pytest.raises(DataError) as info:
        build(project_copy, tmp_path / "out")
    message = str(info.value)
    assert re.search(rf"{re.escape(table)}:{line}\b", message), message
    assert what in message


# -- the leaders, the instruments and the meetings of the tables ------------------------------

ASEAN = ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM")


@pytest.mark.parametrize("role", ["HeadOfGovernment", "HeadOfState"])
def test_every_member_has_a_head_of_government_and_of_state_every_year_since_2000(
    ask: Ask, role: str
) -> None:
    """From 2000 (Timor-Leste: its independence in May 2002) to the end of 2025, each state's
    head-of-government tenures, and its head-of-state tenures (a president who is both counts
    for both), leave no gap longer than a month (a handover, a coup or an abdication may leave a
    few days: Thailand in September 2006, Timor-Leste in June and July 2006, Cambodia in
    October 2004)."""
    rows = ask(
        f"""SELECT ?state ?from ?until WHERE {{
             ?post org:role tppo:{role} ; org:postIn/tppo:country/tppo:iso3166Alpha3 ?state .
             ?tenure tppo:post ?post ; org:memberDuring ?i .
             ?i time:hasBeginning/tppo:latestDate ?from .
             OPTIONAL {{ ?i time:hasEnd/tppo:earliestDate ?until }} }}"""
    )
    gaps = []
    for state in ASEAN:
        covered = date.fromisoformat("2002-05-20" if state == "TLS" else "2000-01-01")
        spans = sorted(
            (date.fromisoformat(r["from"]), date.fromisoformat(r.get("until") or "2099-12-31"))
            for r in rows
            if r["state"] == state
        )
        for start, until in spans:
            if start > covered and (start - covered).days > 31:
                gaps.append(f"{state} {covered} to {start}")
            covered = max(covered, until)
        if covered < date(2025, 12, 31):
            gaps.append(f"{state} after {covered}")
    assert gaps == []


def test_every_member_has_its_foreign_minister_almost_every_day_since_2000(ask: Ask) -> None:
    """The foreign ministers' terms certainly cover at least 97% of the days from 2000 (Timor-Leste:
    May 2002) to the end of 2025 in each state; what is left are the days no page read fills
    (Thailand after the 2006 and 2014 coups, months a page gives without the day)."""
    rows = ask(
        """SELECT ?state ?from ?until WHERE {
             ?post org:role tppo:ForeignMinister ; org:postIn/tppo:country/tppo:iso3166Alpha3 ?state .
             ?tenure tppo:post ?post ; org:memberDuring ?i .
             ?i time:hasBeginning/tppo:latestDate ?from .
             OPTIONAL { ?i time:hasEnd/tppo:earliestDate ?until } }"""
    )
    short = {}
    for state in ASEAN:
        first, last = date.fromisoformat("2002-05-20" if state == "TLS" else "2000-01-01"), date(2025, 12, 31)
        days: set[int] = set()
        for r in rows:
            if r["state"] == state:
                start = max(date.fromisoformat(r["from"]), first)
                until = min(date.fromisoformat(r.get("until") or "2099-12-31"), last)
                days.update(range(start.toordinal(), until.toordinal() + 1))
        share = len(days) / (last.toordinal() - first.toordinal() + 1)
        if share < 0.97:
            short[state] = round(share, 3)
    assert short == {}


def test_an_acting_holder_may_overlap_the_suspended_one(ask: Ask) -> None:
    rows = ask(
        """SELECT ?person WHERE { ?t tppo:acting true ; tppo:post id:post/THA-prime-minister ;
             org:member/schema:name ?person }"""
    )
    assert {"person": "Prawit Wongsuwon"} in rows


def test_without_the_acting_mark_the_overlap_fails_the_build(project_copy: Project, tmp_path: Path) -> None:
    table = project_copy.reference / "tenures.csv"
    text = table.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("prawit-wongsuwon,THA-prime-minister,"))
    table.write_text(text.replace(row, row.replace(",acting,", ",,")), encoding="utf-8")
    message = _build_fails(project_copy, tmp_path)
    assert "overlapping-tenure" in message and "THA-prime-minister" in message


def test_a_term_keeps_the_precision_its_page_gives(ask: Ask) -> None:
    """Locsin took office in October 2018 (no page gives the day): the start stays a month, with
    the first and last day it can denote, which the questions compare."""
    rows = ask(
        """SELECT ?month ?first ?last WHERE {
             ?t org:member id:person/teodoro-locsin-jr ; org:memberDuring/time:hasBeginning ?b .
             ?b time:inXSDgYearMonth ?month ; tppo:earliestDate ?first ; tppo:latestDate ?last .
             FILTER NOT EXISTS { ?b time:inXSDDate ?day } }"""
    )
    assert rows == [{"month": "2018-10", "first": "2018-10-01", "last": "2018-10-31"}]


def test_a_shared_month_is_no_overlap_but_a_certain_overlap_fails(
    project_copy: Project, tmp_path: Path
) -> None:
    """Cayetano's term ends in October 2018 and Locsin's starts then: possibly a handover, so the
    build passes (the seed build does); a term certainly inside Locsin's fails it."""
    table = project_copy.reference / "tenures.csv"
    inside = "alan-peter-cayetano,PHL-secretary-of-foreign-affairs,2018-11,2019,,rappler-cayetano-oath-2017"
    _append(table, inside)
    message = _build_fails(project_copy, tmp_path)
    assert "overlapping-tenure" in message and "PHL-secretary-of-foreign-affairs" in message


def test_a_treaty_binds_from_ratification_an_mou_from_signature(ask: Ask) -> None:
    def parties(agreement: str) -> set[str]:
        rows = ask(f"SELECT ?c WHERE {{ id:{agreement} tppo:party/tppo:iso3166Alpha3 ?c }}")
        return {r["c"] for r in rows}

    def acted(agreement: str, kinds: str) -> set[str]:
        rows = ask(
            f"""SELECT ?c WHERE {{ ?a tppo:agreement id:{agreement} ; tppo:actionKind ?k ;
                 tppo:party/tppo:iso3166Alpha3 ?c . VALUES ?k {{ {kinds} }} }}"""
        )
        return {r["c"] for r in rows}

    ratified = acted("agreement/actip", "tppo:Ratification tppo:Accession")
    assert parties("agreement/actip") == ratified and len(ratified) >= 8
    assert acted("agreement/actip", "tppo:Signature") - ratified  # signed only: not a party
    mou = "agreement/2009-mmr-tha-trafficking-mou"
    assert parties(mou) == acted(mou, "tppo:Signature") == {"MMR", "THA"}

    def bound_by(agreement: str) -> set[str]:  # the actions the build marks as making a party
        rows = ask(
            f"SELECT ?c WHERE {{ ?a a tppo:BindingAction ; tppo:agreement id:{agreement} ; "
            "tppo:party/tppo:iso3166Alpha3 ?c }"
        )
        return {r["c"] for r in rows}

    assert bound_by("agreement/actip") == ratified and bound_by(mou) == {"MMR", "THA"}


def test_ministerial_meetings_are_not_summits(ask: Ask) -> None:
    rows = ask(
        """SELECT ?type (COUNT(?m) AS ?n) WHERE {
             ?m tppo:series <https://w3id.org/tppo-kg/id/event-series/ammtc> ; a ?type } GROUP BY ?type"""
    )
    assert [r["type"] for r in rows] == ["https://w3id.org/tppo-kg/ontology#MinisterialMeeting"]
    assert int(rows[0]["n"]) >= 15


def test_the_build_report_counts_the_background_tables() -> None:
    from kg.build.pipeline import background_counts
    from kg.read.reference import Reference
    from tests.conftest import ROOT

    folder = ROOT / "data" / "reference"

    def rows(table: str) -> list[list[str]]:
        return list(csv.reader((folder / table).open(encoding="utf-8")))[1:]

    counts = background_counts(Reference(folder).load())
    assert counts["tenures"] == len(rows("tenures.csv"))
    assert counts["persons with terms"] == len({r[0] for r in rows("tenures.csv")})
    assert counts["tier placements"] == len(rows("tip-tiers.csv"))
    assert counts["treaty actions"] == len(rows("treaty-actions.csv"))
    assert counts["ratifications and accessions"] == sum(
        r[2] in ("ratification", "accession") for r in rows("treaty-actions.csv")
    )
    assert counts["summits"] + counts["ministerial meetings"] == len(rows("summits.csv"))
    assert counts["alternative claims"] == len(rows("alternatives.csv")) > 0


def test_where_pages_disagree_both_values_stay_with_their_pages(ask: Ask) -> None:
    """The preferred value is asserted; another page's value is a claim about it, not a fact."""
    ratified = ask(
        """SELECT ?d WHERE { ?a tppo:agreement id:agreement/un-tip-protocol ; tppo:actionDate ?d ;
             tppo:party/tppo:iso3166Alpha3 "IDN" }"""
    )
    assert [r["d"] for r in ratified] == ["2009-09-28"]
    claims = ask(
        """SELECT ?other ?page ?preferred ?why WHERE {
             ?c a tppo:AlternativeClaim ; rdf:subject ?s ; rdf:predicate tppo:actionDate ; rdf:object ?other ;
                prov:wasDerivedFrom ?page ; tppo:curatorNote ?why .
             ?s tppo:agreement id:agreement/un-tip-protocol ; tppo:party/tppo:iso3166Alpha3 "IDN" ;
                tppo:actionDate ?preferred }"""
    )
    assert len(claims) == 1
    assert claims[0]["other"] == "2009-02-03" and claims[0]["preferred"] == "2009-09-28"
    assert claims[0]["page"].endswith("/source/loc-indonesia-tip-protocol")
    assert "prefers" in claims[0]["why"]
    # a term's start: the claim is about the instant that starts the term, which keeps its date
    start = ask(
        """SELECT ?preferred ?other WHERE {
             ?c a tppo:AlternativeClaim ; rdf:subject ?instant ; rdf:object ?other .
             ?interval time:hasBeginning ?instant . ?instant time:inXSDDate ?preferred .
             ?term org:memberDuring ?interval .
             FILTER(?term = id:tenure/tanasak-patimapragorn/THA-minister-of-foreign-affairs/2014-08-30) }"""
    )
    assert start == [{"preferred": "2014-08-30", "other": "2014-08-31"}]


def test_a_disagreement_about_a_value_the_tables_dropped_fails(project_copy: Project, tmp_path: Path) -> None:
    """A row of alternatives.csv whose preferred value is gone from its table names file and line."""
    tables = project_copy.root / "data" / "reference"
    _edit(tables / "summits.csv", "event/2018-08-7th-bali-process", "")
    with pytest.raises(DataError) as caught:
        build(project_copy, tmp_path / "out")
    line = next(
        n
        for n, text in enumerate((tables / "alternatives.csv").read_text().splitlines(), 1)
        if text.startswith("event/2018-08-7th")
    )
    assert f"alternatives.csv:{line}:" in str(caught.value)
    assert "unknown subject 'event/2018-08-7th-bali-process-ministerial-conference'" in str(caught.value)
