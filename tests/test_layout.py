"""The package's layout (README, "Architecture"): each folder imports only from those before it
in the pipeline; IRIs are minted and shortened in one module."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef

from kg import iris
from kg.build.folder import BuildFolder
from kg.namespaces import TPPO

KG = Path(__file__).resolve().parent.parent / "kg"
ORDER = ["read", "ingest", "build", "imports", "query", "explore", "serve", "cli"]
TOP = {"errors", "namespaces", "iris", "progress"}


def test_each_folder_imports_only_from_earlier_ones() -> None:
    upward = []
    for path in sorted(KG.rglob("*.py")):
        here = path.relative_to(KG).with_suffix("").parts[0]
        if here in TOP or here == "__init__":
            continue
        for name in re.findall(r"^\s*from kg\.(\w+)", path.read_text(encoding="utf-8"), flags=re.M):
            if name not in TOP and ORDER.index(name) > ORDER.index(here):
                upward.append(f"{path.relative_to(KG)} imports kg.{name}")
    assert upward == []


def test_minting() -> None:
    assert iris.country("KHM") == URIRef("https://w3id.org/tppo-kg/id/country/KHM")
    assert iris.country_code(iris.country("KHM")) == "KHM"
    assert iris.country_code(URIRef("https://w3id.org/tppo-kg/id/person/x")) is None
    assert iris.country_code(None) is None
    assert (
        iris.figure_iri("IDN", "KHM", "2024", None, str(TPPO.VictimsRepatriated))
        == "https://w3id.org/tppo-kg/id/figure/IDN-KHM/2024/repatriated"
    )
    assert iris.figure_iri("IDN", "KHM", None, "2024-01-04", None).endswith("/as-of-2024-01-04/unspecified")
    assert iris.figure_iri("IDN", "KHM", None, None, None).endswith("/undated/unspecified")


def test_shortening() -> None:
    khm = "https://w3id.org/tppo-kg/id/country/KHM"
    assert iris.prefixed(khm) == "id:country/KHM"
    assert iris.prefixed(str(TPPO.Corridor)) == "tppo:Corridor"
    assert iris.compact(khm) == "country:KHM"
    assert iris.id_path(khm) == "country/KHM"
    assert iris.in_message(khm) == "country/KHM"
    assert iris.in_message("https://schema.org/name") == "schema:name"
    assert iris.in_message("http://example.org/x") == "http://example.org/x"


def test_build_folder(tmp_path: Path) -> None:
    folder = BuildFolder(tmp_path)
    assert [p.name for p in (folder.trig, folder.ttl, folder.jsonld, folder.report, folder.totals)] == [
        "tppo-kg.trig",
        "tppo-kg.ttl",
        "tppo-kg.jsonld",
        "build-report.json",
        "totals.nq",
    ]
    assert folder.existing_imports() == []
    folder.imports.mkdir()
    folder.imported("glotip").touch()
    folder.imported("other").touch()
    assert folder.existing_imports("glotip") == [folder.imported("other")]
    assert BuildFolder.references(folder.imported("glotip")).name == "glotip.references"
    folder.store.mkdir()
    assert BuildFolder.locate(folder.store) == folder == BuildFolder.locate(tmp_path)
