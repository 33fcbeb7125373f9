"""What a build's output folder holds, and where: the one place its file names are spelled.

``tppo-kg build --out DIR`` writes the dataset (TriG, Turtle, JSON-LD), the report, the
totals and the embedded store; ``tppo-kg import`` adds ``imports/NAME.nq`` with the list of
curated things it links to (``imports/NAME.references``) and its report. Queries, the
explorer and the server read the same folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

STORE_DIR = "store"
IMPORTS_DIR = "imports"


@dataclass(frozen=True)
class BuildFolder:
    """The files of a build's output folder (or of the staging folder a build fills first)."""

    root: Path

    @property
    def trig(self) -> Path:
        """Every curated named graph, TriG."""
        return self.root / "tppo-kg.trig"

    @property
    def ttl(self) -> Path:
        """The curated graphs merged into one, Turtle."""
        return self.root / "tppo-kg.ttl"

    @property
    def jsonld(self) -> Path:
        """The curated graphs as JSON-LD."""
        return self.root / "tppo-kg.jsonld"

    @property
    def report(self) -> Path:
        """The build report, JSON."""
        return self.root / "build-report.json"

    @property
    def totals(self) -> Path:
        """The totals graph, N-Quads (``kg.build.totals``)."""
        return self.root / "totals.nq"

    @property
    def store(self) -> Path:
        """The embedded Oxigraph store: every graph, imports and totals included."""
        return self.root / STORE_DIR

    @property
    def imports(self) -> Path:
        """The folder of imported datasets, kept across builds."""
        return self.root / IMPORTS_DIR

    def imported(self, name: str) -> Path:
        """The N-Quads file of the dataset imported as ``name``."""
        return self.imports / f"{name}.nq"

    def import_report(self, name: str) -> Path:
        """The report of the import called ``name``."""
        return self.imports / f"{name}-report.json"

    def existing_imports(self, leave_out: str | None = None) -> list[Path]:
        """The N-Quads files of the datasets imported earlier, sorted (``leave_out``: a name)."""
        if not self.imports.is_dir():
            return []
        return sorted(p for p in self.imports.glob("*.nq") if p.stem != leave_out)

    @staticmethod
    def references(nquads: Path) -> Path:
        """Where an import lists the things of the curated graphs it links to."""
        return nquads.with_suffix(".references")

    def files(self) -> list[tuple[Path, str]]:
        """The files that hold what the store holds, with their format: the TriG file, every
        import, the totals."""
        files = [(self.trig, "trig")]
        files += [(path, "nquads") for path in self.existing_imports()]
        if self.totals.is_file():
            files.append((self.totals, "nquads"))
        return files

    @classmethod
    def locate(cls, folder: Path) -> BuildFolder:
        """The build's output folder, given it or its ``store`` subfolder."""
        if (folder / STORE_DIR).is_dir():
            return cls(folder)
        if folder.name == STORE_DIR and folder.is_dir():
            return cls(folder.parent)
        raise StoreError(f"no store in {folder}: run 'tppo-kg build --out {folder}' first")
