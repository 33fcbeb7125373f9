"""The totals the build keeps (kg/totals): equal to the same sums worked out here in Python,
traceable to their claims, and replaced, never duplicated or left stale, by later builds
and imports."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.build import totals
from kg.build.folder import BuildFolder
from kg.build.pipeline import build
from kg.imports.importer import import_glotip
from kg.query.engine import RdflibEngine
from kg.query.library import load_query
from kg.read.project import Project
from tests.conftest import facts_path
from tests.test_glotip import row, small_export

TPPO = "https://w3id.org/tppo-kg/ontology#"
SDO = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
UNODC = ox.NamedNode("https://w3id.org/tppo-kg/id/org/unodc")
DEFAULT = ox.DefaultGraph()


def t(name: str) -> ox.NamedNode:
    return ox.NamedNode(TPPO + name)


class Reader:
    """Plain lookups in the merged default graph of a built store."""

    def __init__(self, out: Path) -> None:
        self.store = ox.Store.read_only(str(out / "store"))

    def objects(self, subject: Any, predicate: ox.NamedNode) -> list[Any]:
        return [q.object for q in self.store.quads_for_pattern(subject, predicate, None, DEFAULT)]

    def one(self, subject: Any, predicate: ox.NamedNode) -> Any:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def number(self, subject: Any, predicate: ox.NamedNode) -> int | None:
        value = self.one(subject, predicate)
        return None if value is None else int(value.value)

    def subjects(self, predicate: ox.NamedNode, obj: Any) -> list[Any]:
        return [q.subject for q in self.store.quads_for_pattern(None, predicate, obj, DEFAULT)]

    def totals_graph(self) -> set[ox.Triple]:
        return {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, None, totals.GRAPH_NAME)
        }


SLUGS = {t("VictimsDetected"): "detected", t("VictimsRepatriated"): "repatriated"}


def assertion(r: Reader, claim: Any) -> str:
    """What a claim asserts from: its first evidence (a source's sentence, or an imported row)."""
    return min(e.value for e in r.objects(claim, ox.NamedNode(PROV + "wasDerivedFrom")))


def corridors_by_hand(r: Reader) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Every flow between two states with codes, grouped by its codes and measure, summed in Python."""
    iso = t("iso3166Alpha3")
    groups: dict[tuple[str, str, str], dict[str, Any]] = defaultdict(
        lambda: {"claims": set(), "assertions": set(), "sources": set(), "low": [], "high": []}
    )
    for flow in r.subjects(RDF_TYPE, t("VictimFlow")):
        origin, destination = r.one(flow, t("origin")), r.one(flow, t("destination"))
        sources = r.objects(flow, ox.NamedNode(PROV + "hadPrimarySource"))
        if origin is None or destination is None or not sources:
            continue
        codes = (r.one(origin, iso), r.one(destination, iso))
        if None in codes:
            continue
        slug = SLUGS.get(r.one(flow, t("measure")), "unspecified")
        group = groups[(codes[0].value, codes[1].value, slug)]
        group["claims"].add(flow)
        group["assertions"].add(assertion(r, flow))
        group["sources"].update(sources)
        for count in r.objects(flow, t("count")):
            group["low"] += [int(v.value) for v in r.objects(count, ox.NamedNode(SDO + "minValue"))]
            group["high"] += [int(v.value) for v in r.objects(count, ox.NamedNode(SDO + "maxValue"))]
    return dict(groups)


def stored_corridors(r: Reader) -> dict[tuple[str, str, str], dict[str, Any]]:
    iso = t("iso3166Alpha3")
    found = {}
    for corridor in r.subjects(RDF_TYPE, t("Corridor")):
        codes = (
            r.one(r.one(corridor, t("corridorOrigin")), iso).value,
            r.one(r.one(corridor, t("corridorDestination")), iso).value,
            SLUGS.get(r.one(corridor, t("measure")), "unspecified"),
        )
        found[codes] = {
            "iri": corridor.value,
            "claims": r.number(corridor, t("claimCount")),
            "sources": r.number(corridor, t("sourceCount")),
            "low": r.number(corridor, t("largestLowerBound")),
            "high": r.number(corridor, t("largestUpperBound")),
            "derived_from": set(r.objects(corridor, ox.NamedNode(PROV + "wasDerivedFrom"))),
            "label": r.one(corridor, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")),
        }
    return found


def assert_corridors_add_up(r: Reader) -> int:
    expected, stored = corridors_by_hand(r), stored_corridors(r)
    assert set(stored) == set(expected)
    for codes, group in expected.items():
        got = stored[codes]
        assert got["iri"].endswith(f"/id/corridor/{codes[0]}-{codes[1]}/{codes[2]}")
        assert got["claims"] == len(group["assertions"]), codes
        assert got["sources"] == len(group["sources"]), codes
        assert got["low"] == (max(group["low"]) if group["low"] else None), codes
        assert got["high"] == (max(group["high"]) if group["high"] else None), codes
        assert got["derived_from"] == group["claims"], codes
        assert " -> " in got["label"].value and got["label"].language == "en"
    return len(stored)


def test_corridors_of_the_seed_graph_add_up(built: tuple[Path, Any]) -> None:
    assert assert_corridors_add_up(Reader(built[0])) >= 6  # the article's six destinations


def test_corridors_with_glotip_add_up(built_full: tuple[Path, Any]) -> None:
    assert assert_corridors_add_up(Reader(built_full[0])) > 2000


def test_figure_claim_counts_add_up(built_full: tuple[Path, Any]) -> None:
    r = Reader(built_full[0])
    claims: dict[Any, set[str]] = defaultdict(set)
    for q in r.store.quads_for_pattern(None, t("figure"), None, DEFAULT):
        claims[q.object].add(assertion(r, q.subject))
    stored = {q.subject: int(q.object.value) for q in r.store.quads_for_pattern(None, t("claimCount"), None)}
    stored = {figure: n for figure, n in stored.items() if "/id/figure/" in figure.value}
    assert stored == {figure: len(c) for figure, c in claims.items()}
    assert any(n > 1 for n in stored.values())


def test_foreign_victims_add_up(built_full: tuple[Path, Any]) -> None:
    """Each state's foreign victims in a year: its UNODC totals by citizenship, other states only."""
    r = Reader(built_full[0])
    sums: dict[tuple[Any, str], list[int]] = defaultdict(lambda: [0, 0])
    flows: dict[tuple[Any, str], set[Any]] = defaultdict(set)
    for flow in {q.subject for q in r.store.quads_for_pattern(None, t("figure"), None, DEFAULT)}:
        if r.one(flow, t("recordedBy")) != UNODC:
            continue
        row_ = r.one(flow, ox.NamedNode(PROV + "wasDerivedFrom"))
        if r.one(row_, t("dimension")) != ox.Literal("by citizenship"):
            continue
        origin, reporter = r.one(flow, t("origin")), r.one(flow, t("destination"))
        if origin == reporter:
            continue
        key = (reporter, r.one(flow, t("refPeriod")).value)
        count = r.one(flow, t("count"))
        sums[key][0] += int(r.one(count, ox.NamedNode(SDO + "minValue")).value)
        sums[key][1] += int(r.one(count, ox.NamedNode(SDO + "maxValue")).value)
        flows[key].add(flow)
    stored = {}
    for total in r.subjects(RDF_TYPE, t("ForeignVictimsDetected")):
        key = (r.one(total, t("detectedIn")), r.one(total, t("refPeriod")).value)
        count = r.one(total, t("count"))
        low = int(r.one(count, ox.NamedNode(SDO + "minValue")).value)
        high = int(r.one(count, ox.NamedNode(SDO + "maxValue")).value)
        exact = r.objects(count, ox.NamedNode(SDO + "value"))
        assert r.one(count, t("countQualifier")) == (t("Exactly") if low == high else t("Between"))
        assert [int(v.value) for v in exact] == ([low] if low == high else [])
        assert set(r.objects(total, ox.NamedNode(PROV + "wasDerivedFrom"))) == flows[key]
        stored[key] = [low, high]
    assert stored == dict(sums)
    assert len(stored) > 500


def test_the_totals_graph_states_nothing_another_graph_states(built_full: tuple[Path, Any]) -> None:
    """What lets a later build take the totals out of the merged default graph safely."""
    r = Reader(built_full[0])
    mine = r.totals_graph()
    for graph in r.store.named_graphs():
        if graph == totals.GRAPH_NAME:
            continue
        assert not any(ox.Quad(x.subject, x.predicate, x.object, graph) in r.store for x in mine), (
            f"{graph} states a triple of the totals graph"
        )


def test_the_totals_file_holds_what_the_store_holds(built_full: tuple[Path, Any]) -> None:
    out = built_full[0]
    written = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(BuildFolder(out).totals), format=ox.RdfFormat.N_QUADS)
    }
    assert written == Reader(out).totals_graph()


def test_totals_follow_every_import_and_rebuild(project_copy: Project, tmp_path: Path) -> None:
    project = project_copy
    out = tmp_path / "out"
    build(project, out)
    before = stored_corridors(Reader(out))
    assert ("MMR", "IDN", "detected") not in before
    # An import adds corridors.
    first = small_export(tmp_path / "a.xlsx", [row("IDN", "Myanmar", "1,192"), row("IDN", "Cambodia", "<5")])
    import_glotip(project, first, out, progress=False)
    assert assert_corridors_add_up(Reader(out)) == len(before) + 2
    assert stored_corridors(Reader(out))[("MMR", "IDN", "detected")]["low"] == 1192
    # Importing again replaces them: no stale bound, no second count.
    second = small_export(tmp_path / "b.xlsx", [row("IDN", "Myanmar", "12")])
    import_glotip(project, second, out, progress=False)
    r = Reader(out)
    assert assert_corridors_add_up(r) == len(before) + 1
    assert stored_corridors(r)[("MMR", "IDN", "detected")]["low"] == 12
    assert (
        len(r.objects(ox.NamedNode(stored_corridors(r)[("MMR", "IDN", "detected")]["iri"]), t("claimCount")))
        == 1
    )
    # A rebuild after a curated change recomputes them over the kept import.
    facts = facts_path(project)
    text = facts.read_text(encoding="utf-8")
    assert stored_corridors(r)[("IDN", "KHM", "repatriated")]["low"] == 1101
    assert 'more_than: "1100"' in text
    facts.write_text(text.replace('more_than: "1100"', 'more_than: "1200"'), encoding="utf-8")
    build(project, out)
    r = Reader(out)
    assert_corridors_add_up(r)
    assert stored_corridors(r)[("IDN", "KHM", "repatriated")]["low"] == 1201
    assert stored_corridors(r)[("MMR", "IDN", "detected")]["low"] == 12
    assert r.totals_graph() == {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(BuildFolder(out).totals), format=ox.RdfFormat.N_QUADS)
    }


def test_rdflib_reads_the_same_graphs_as_the_store(project_copy: Project, tmp_path: Path) -> None:
    project = project_copy
    """The plain engine loads the build's files: TriG, imports and totals."""
    out = tmp_path / "out"
    build(project, out)
    import_glotip(
        project, small_export(tmp_path / "a.xlsx", [row("IDN", "Myanmar", "1,192")]), out, progress=False
    )
    query = load_query(project.queries / "corridors-ranked.rq")
    answer = RdflibEngine(out).run(query, {})
    first = answer.rows[0]
    assert [str(v) for v in first[:4]] == ["MMR", "IDN", "victims detected", "1192"]


def test_the_totals_keep_their_shapes(project_copy: Project, tmp_path: Path) -> None:
    project = project_copy
    """ontology/shapes.ttl says what a total must hold; a small build with an import keeps it,
    and a broken corridor is caught."""
    from rdflib import Graph, URIRef

    from kg.build.validate import load_shapes, shacl
    from kg.query.engine import from_ox

    out = tmp_path / "out"
    build(project, out)
    export = small_export(tmp_path / "a.xlsx", [row("IDN", "Myanmar", "1,192"), row("THA", "Myanmar", "<5")])
    import_glotip(project, export, out, progress=False)
    data = Graph()
    for q in Reader(out).store.quads_for_pattern(None, None, None, DEFAULT):
        data.add(tuple(from_ox(term) for term in (q.subject, q.predicate, q.object)))  # type: ignore[arg-type]
    shapes = load_shapes(project.shapes)

    def of_totals(problems: list[Any]) -> list[str]:  # imports are checked by queries, not shapes
        return [str(p) for p in problems if p.focus.startswith(("corridor/", "foreign-victims/", "figure/"))]

    assert of_totals(shacl(data, shapes)) == []
    corridor = URIRef("https://w3id.org/tppo-kg/id/corridor/MMR-IDN/detected")
    data.remove((corridor, URIRef(TPPO + "claimCount"), None))
    data.add((corridor, URIRef(TPPO + "corridorOrigin"), URIRef("https://w3id.org/tppo-kg/id/country/THA")))
    found = "\n".join(of_totals(shacl(data, shapes)))
    assert "corridor/MMR-IDN" in found
    assert "claimCount" in found and "corridorOrigin" in found
