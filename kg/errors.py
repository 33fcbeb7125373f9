"""The project's error hierarchy; the CLI maps each class to an exit code (see README)."""

from __future__ import annotations

from pathlib import Path


class KGError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return where + self.message


class UsageError(KGError):
    """The command line names something that is not there (a project folder, for example)."""

    exit_code = 2


class DataError(KGError):
    """A source, facts file or reference table is malformed or says something impossible."""

    exit_code = 3


class OntologyError(KGError):
    """The ontology or the shapes cannot be loaded, or data uses an undeclared term."""

    exit_code = 4


class ValidationError(KGError):
    """The built graph breaks a SHACL shape or a violation query."""

    exit_code = 5


class QueryError(KGError):
    """A query cannot be found, parsed, parameterised or run."""

    exit_code = 6


class ParameterError(QueryError):
    """A query parameter is unknown, or its value is not of the declared kind: wrong usage."""

    exit_code = 2


class StoreError(KGError):
    """The embedded store is missing, locked or unreadable."""

    exit_code = 7
