"""Where a project's inputs live: ontology, shapes, reference data, sources, queries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError


@dataclass(frozen=True)
class Project:
    """The folders of a tppo-kg project checkout."""

    root: Path

    @property
    def ontology(self) -> Path:
        """The OWL ontology, Turtle."""
        return self.root / "ontology" / "tppo.ttl"

    @property
    def reused_terms(self) -> Path:
        """The declarations of the terms the project reuses from other vocabularies, Turtle."""
        return self.root / "ontology" / "reused-terms.ttl"

    @property
    def ontology_files(self) -> tuple[Path, ...]:
        """What the ontology graph is read from: our terms, then the reused ones."""
        return (self.ontology, self.reused_terms)

    @property
    def shapes(self) -> Path:
        """The SHACL shapes, Turtle."""
        return self.root / "ontology" / "shapes.ttl"

    @property
    def reference(self) -> Path:
        """Reference tables (background facts with their sources)."""
        return self.root / "data" / "reference"

    @property
    def sources(self) -> Path:
        """One folder per source document."""
        return self.root / "data" / "sources"

    @property
    def glotip(self) -> Path:
        """UNODC's GLOTIP export shipped with the project."""
        return self.root / "data" / "glotip" / "glotip_unodc.xlsx"

    @property
    def queries(self) -> Path:
        """The SPARQL query library."""
        return self.root / "queries"

    @classmethod
    def locate(cls, root: Path | None = None) -> Project:
        """The project at ``root``, else the current folder, else this checkout."""
        candidates = [root] if root is not None else [Path.cwd(), Path(__file__).resolve().parents[2]]
        for candidate in candidates:
            if (candidate / "ontology" / "tppo.ttl").is_file():
                return cls(candidate)
        raise UsageError(f"no tppo-kg project (ontology/tppo.ttl) at {candidates[0]}")
