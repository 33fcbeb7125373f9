"""Reference tables (CSV) read with their line numbers, every identifier column checked.

A table is read like any other input (a regular file of its folder, bounded in size,
UTF-8); then each row is checked against the table's columns before anything else
sees it: an identifier column has a pattern (``kg.read.identifiers``), a text column is
free. Any problem is a DataError naming the file and the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError
from kg.read.identifiers import Kind
from kg.read.safefile import MIB, decode_utf8, read_inside

MAX_BYTES = 16 * MIB  # the largest table, countries.csv, has 25 KB


@dataclass(frozen=True)
class Column:
    """What one column may hold: an identifier of some kind (maybe empty), or free text."""

    kind: Kind | None = None
    optional: bool = False

    def check(self, value: str, path: Path, line: int, name: str) -> None:
        """Raise a DataError unless ``value`` fits the column."""
        if self.kind is None or (self.optional and not value):
            return
        self.kind.check(value, path, line, f"column {name}:")


TEXT = Column()


def required(kind: Kind) -> Column:
    """A column that must hold an identifier of ``kind``."""
    return Column(kind)


def optional(kind: Kind) -> Column:
    """A column that holds an identifier of ``kind`` or nothing."""
    return Column(kind, optional=True)


class Table:
    """Rows of one CSV table with their line numbers."""

    def __init__(self, path: Path, columns: dict[str, Column]) -> None:
        self.path = path
        self.columns = columns

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (line, row), each cell stripped and checked; a malformed table is a DataError."""
        path = self.path
        text = decode_utf8(read_inside(path, path.parent, MAX_BYTES), path)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader, None)
            if header is None:
                raise DataError("the table is empty (no header line)", path, 1)
            names = [name.strip() for name in header]
            doubled = sorted({name for name in names if names.count(name) > 1})
            if doubled:
                raise DataError(f"column(s) named twice: {', '.join(doubled)}", path, 1)
            missing = [name for name in self.columns if name not in names]
            if missing:
                raise DataError(f"missing column(s): {', '.join(missing)}", path, 1)
            for cells in reader:
                line = reader.line_num
                if not cells:
                    continue  # a blank line
                if len(cells) != len(names):
                    raise DataError("row has the wrong number of fields", path, line)
                row = {name: cell.strip() for name, cell in zip(names, cells, strict=True)}
                for name, column in self.columns.items():
                    column.check(row[name], path, line, name)
                yield line, row
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", path, reader.line_num) from None
