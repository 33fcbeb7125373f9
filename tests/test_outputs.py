"""The build's files: deterministic, round-tripping, and matching the store."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build.pipeline import BuildReport, build
from kg.read.project import Project
from tests.conftest import ROOT

Built = tuple[Path, BuildReport]
FILES = ("tppo-kg.trig", "tppo-kg.ttl", "tppo-kg.jsonld", "build-report.json", "totals.nq")


def test_outputs_exist(built: Built) -> None:
    out, _ = built
    for name in FILES:
        assert (out / name).stat().st_size > 0
    assert (out / "store").is_dir()


@pytest.mark.slow  # a whole build or import: the full suite runs it
def test_same_inputs_give_byte_identical_files(built: Built, tmp_path: Path) -> None:
    out, _ = built
    again = tmp_path / "again"
    build(Project(ROOT), again)
    for name in FILES:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def quads(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=fmt))


def test_trig_and_jsonld_hold_the_same_dataset_as_the_store(built: Built) -> None:
    out, _ = built
    store = ox.Store.read_only(str(out / "store"))
    everything = set(store.quads_for_pattern(None, None, None, None))
    named = {q for q in everything if not isinstance(q.graph_name, ox.DefaultGraph)}
    # The curated graphs are in the TriG and JSON-LD files, the totals over them in totals.nq.
    summed = quads(out / "totals.nq", ox.RdfFormat.N_QUADS)
    assert summed and {q.graph_name.value for q in summed} == {"https://w3id.org/tppo-kg/id/graph/totals"}
    assert quads(out / "tppo-kg.trig", ox.RdfFormat.TRIG) == named - summed
    assert quads(out / "tppo-kg.jsonld", ox.RdfFormat.JSON_LD) == named - summed

    # The store's default graph is the merge of the named graphs, as in tppo-kg.ttl.
    def triples(qs: set[ox.Quad]) -> set[ox.Triple]:
        return {ox.Triple(q.subject, q.predicate, q.object) for q in qs}

    merged = triples(quads(out / "tppo-kg.ttl", ox.RdfFormat.TURTLE))
    assert triples(everything - named) == triples(named) == merged | triples(summed)


@pytest.mark.slow  # a whole build or import: the full suite runs it
def test_jsonld_round_trips_in_rdflib_with_its_inline_context(built: Built) -> None:
    out, _ = built
    doc = json.loads((out / "tppo-kg.jsonld").read_text(encoding="utf-8"))
    context = doc["@context"]
    assert isinstance(context, dict)  # inline, never a URL
    assert all(isinstance(v, str) and v.startswith(("http://", "https://")) for v in context.values())
    from_jsonld = Dataset()
    from_jsonld.parse(out / "tppo-kg.jsonld", format="json-ld")
    from_trig = Dataset()
    from_trig.parse(out / "tppo-kg.trig", format="trig")
    names = {str(g.identifier) for g in from_trig.graphs() if len(g)}
    assert names == {str(g.identifier) for g in from_jsonld.graphs() if len(g)}
    for name in names:
        assert isomorphic(from_jsonld.graph(name), from_trig.graph(name)), name


@pytest.mark.slow  # a whole build or import: the full suite runs it
def test_turtle_is_the_merge_of_all_graphs(built: Built) -> None:
    out, _ = built
    merged = Graph().parse(out / "tppo-kg.ttl", format="turtle")
    union = Graph()
    trig = Dataset()
    trig.parse(out / "tppo-kg.trig", format="trig")
    for g in trig.graphs():
        union += g
    assert isomorphic(merged, union)


def test_one_named_graph_per_source_plus_ontology_reference_derived_totals(built: Built) -> None:
    out, report = built
    doc = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert set(doc["graphs"]) == {
        "ontology",
        "reference",
        "derived",
        "totals",
        "source/tempo-2024-03-jokowi-hun-manet-tppo",
    }
    assert doc["validation"] == {"conforms": True, "problems": []}
    assert doc["triples"] == report.triples == sum(doc["graphs"].values())
    assert doc["sources"]["tempo-2024-03-jokowi-hun-manet-tppo"]["facts"] == 29


def test_no_timestamps_or_machine_paths_in_outputs(built: Built) -> None:
    out, _ = built
    for name in FILES:
        text = (out / name).read_text(encoding="utf-8")
        assert str(ROOT) not in text and str(out) not in text
