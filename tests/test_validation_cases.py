"""The manifest of broken inputs (tests/validation/cases.yaml), each read by the reader alone.

A case breaks one file of a copy of the seed project and names the exact
``FILE:LINE: message`` the reader must give. Reading one source or one folder of tables
takes milliseconds, so the whole manifest runs in the fast subset; the tests that need a
whole build (nothing lost when it fails, the CLI's exit codes) stay in test_validation.py.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef

from kg.build.pipeline import assemble, load_ontology
from kg.errors import KGError
from kg.namespaces import RDF
from kg.read.facts import check_references, read_facts
from kg.read.project import Project
from kg.read.reference import Reference
from kg.read.sources import load_source
from tests.conftest import ROOT, SEED

MANIFEST = Path(__file__).parent / "validation" / "cases.yaml"


@dataclass(frozen=True)
class Case:
    """One broken input and the error it must give."""

    name: str
    input: str
    replace: str
    with_: str
    error: str
    after: str = ""
    line_of: str = ""

    @classmethod
    def load(cls, entry: dict[str, str]) -> Case:
        keys = {"name", "input", "replace", "with", "error", "after", "line_of"}
        unknown = set(entry) - keys
        assert not unknown, f"{MANIFEST}: unknown keys {unknown} in case {entry.get('name')!r}"
        fields = {("with_" if k == "with" else k): v for k, v in entry.items()}
        return cls(**fields)

    def break_copy(self, tmp: Path) -> Path:
        """Copy the input's folder into ``tmp``, break the file, return the file's path."""
        tmp.mkdir(parents=True, exist_ok=True)
        if self.input == "facts":
            folder = shutil.copytree(ROOT / "data" / "sources" / SEED, tmp / "sources" / SEED)
            path = folder / "facts.yaml"
        elif self.input.startswith("reference/"):
            folder = shutil.copytree(ROOT / "data" / "reference", tmp / "reference")
            path = folder / self.input.removeprefix("reference/")
        else:
            assert self.input == "ontology", self.input
            path = Path(shutil.copy(ROOT / "ontology" / "tppo.ttl", tmp / "tppo.ttl"))
        text = path.read_text(encoding="utf-8")
        start = text.index(self.after) + len(self.after) if self.after else 0
        at = text.index(self.replace, start)  # a ValueError here: the manifest no longer fits the data
        path.write_text(text[:at] + self.with_ + text[at + len(self.replace) :], encoding="utf-8")
        return path

    def expected(self, path: Path) -> str:
        """The exact error, its file and line filled in."""
        text = path.read_text(encoding="utf-8")
        anchor = self.line_of or self.with_
        start = text.index(self.after) if self.after else 0
        line = text[: text.index(anchor, start)].count("\n") + 1 if anchor else 0
        error = self.error.strip().replace("{file}", str(path)).replace("{line}", str(line))
        return re.sub(r"\{line\+(\d+)\}", lambda m: str(line + int(m.group(1))), error)


CASES = [Case.load(entry) for entry in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def defined() -> set[URIRef]:
    """Every node the unbroken project defines (what a source's references may name)."""
    graphs, _ = assemble(Project(ROOT))
    return {s for g in graphs.values() for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}


def read(case: Case, path: Path, defined: set[URIRef]) -> None:
    """Read the broken input the way the build reads it."""
    if case.input == "facts":
        check_references([read_facts(load_source(path.parent))], defined)
    elif case.input == "ontology":
        load_ontology([path])
    else:
        Reference(path.parent).load()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path: Path, defined: set[URIRef]) -> None:
    path = case.break_copy(tmp_path)
    with pytest.raises(KGError) as info:
        read(case, path, defined)
    assert str(info.value) == case.expected(path)


def test_manifest_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))


def test_unbroken_inputs_read_cleanly(tmp_path: Path, defined: set[URIRef]) -> None:
    # The runner itself: with nothing replaced, no input raises (a case cannot pass by accident).
    kinds = {c.input.split("/")[0]: c for c in CASES}  # facts, reference (all tables), ontology
    for case in kinds.values():
        whole = Case(case.name, case.input, replace="", with_="", error="")
        read(whole, whole.break_copy(tmp_path / case.input.replace("/", "-")), defined)
