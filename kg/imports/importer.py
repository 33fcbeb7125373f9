"""Import a dataset into a built graph: its own named graph, a new store, all or nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox

from kg.build import totals
from kg.build.folder import BuildFolder
from kg.build.output import staged
from kg.build.store import write_store
from kg.build.validate import not_valid, run_violations, violation_queries
from kg.errors import DataError, StoreError
from kg.imports.glotip import GlotipReader, ImportReport, Names
from kg.imports.glotip_readings import READINGS_FILE, RepatriationReadings
from kg.iris import RDF_TYPE
from kg.namespaces import ID
from kg.progress import step
from kg.read.project import Project

MAX_ERRORS_SHOWN = 25
OWN_IDS = str(ID)


class Links:
    """Watches an import's quads for the things it links to in our namespace but does not define."""

    def __init__(self) -> None:
        self.typed: set[str] = set()
        self.linked: set[str] = set()

    def watch(self, quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
        for quad in quads:
            if quad.predicate == RDF_TYPE and isinstance(quad.subject, ox.NamedNode):
                self.typed.add(quad.subject.value)
            elif isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(OWN_IDS):
                self.linked.add(quad.object.value)
            yield quad

    def references(self) -> list[str]:
        return sorted(self.linked - self.typed)


def import_glotip(project: Project, xlsx: Path, out: Path, progress: bool | None = None) -> ImportReport:
    """Read the GLOTIP export into ``out``: ``imports/glotip.nq`` and a rebuilt store.

    ``out`` must hold a build (its TriG file); nothing in it changes if any row is bad
    or the new store breaks a violation query.
    """
    done = BuildFolder(out)
    if not done.trig.is_file():
        raise StoreError(f"no build in {out}: run 'tppo-kg build --out {out}' first")
    if not xlsx.is_file():
        raise DataError("no such file", xlsx)
    reader = _reader(project, xlsx)
    with staged(out) as staging:
        nquads = staging / done.imported("glotip").name
        links = _read_rows(reader, nquads, True if progress is None else progress)
        loading = step("GLOTIP: loading the store, checking it, computing the totals")
        with loading if progress is not False else nullcontext():
            _rebuild_store(project, done, BuildFolder(staging), nquads)
        BuildFolder.references(nquads).write_text(
            "".join(f"{iri}\n" for iri in links.references()), encoding="utf-8"
        )
        report_file = staging / done.import_report("glotip").name
        report_file.write_text(json.dumps(asdict(reader.report), indent=2) + "\n", encoding="utf-8")
        done.imports.mkdir(exist_ok=True)
        os.replace(nquads, done.imported("glotip"))
        os.replace(BuildFolder.references(nquads), BuildFolder.references(done.imported("glotip")))
        os.replace(report_file, done.import_report("glotip"))
    return reader.report


def _reader(project: Project, xlsx: Path) -> GlotipReader:
    """The reader of the export, with the project's names, categories and readings."""
    names = Names(project.reference / "countries.csv", project.root / "data" / "glotip" / "categories.csv")
    try:
        shown = xlsx.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        shown = xlsx.name
    readings = RepatriationReadings.load(project.root / "data" / "glotip" / READINGS_FILE, names.codes)
    return GlotipReader(xlsx, names, shown, readings)


def _read_rows(reader: GlotipReader, nquads: Path, progress: bool) -> Links:
    """Write every row's quads to ``nquads``; any bad row is a DataError listing the first few."""
    links = Links()
    quads = links.watch(reader.quads(progress=progress))
    ox.serialize(quads, output=str(nquads), format=ox.RdfFormat.N_QUADS)
    errors = reader.report.errors
    if errors:
        listed = "\n".join(f"  {e}" for e in errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        raise DataError(
            f"{len(errors)} row(s) could not be read:\n{listed}"
            + (f"\n  ... and {more} more" if more > 0 else ""),
            reader.xlsx,
        )
    return links


def _rebuild_store(project: Project, done: BuildFolder, written: BuildFolder, nquads: Path) -> None:
    """The build's graphs, the earlier imports and ``nquads`` in a new store in ``written``,
    checked by the violation queries, with the totals computed and written."""
    curated = list(ox.parse(path=str(done.trig), format=ox.RdfFormat.TRIG))
    datasets = [*done.existing_imports("glotip"), nquads]
    store = write_store(written.store, curated, datasets, compact=False)
    problems = run_violations(store, violation_queries(project.queries))
    summed = totals.refresh(store)
    store.optimize()  # once, with the totals in: queries read a compacted store
    store.flush()
    del store
    if problems:
        raise not_valid(problems, "the graph with GLOTIP", MAX_ERRORS_SHOWN)
    totals.write(summed, written.totals)
