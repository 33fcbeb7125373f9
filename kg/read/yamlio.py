"""Read YAML keeping line numbers, so that every error can name its file and line.

Scalars are returned as text, never guessed into dates or numbers: the mapping
layer decides what a value means and reports the line when it is wrong.

Aliases (``*name``) are bounded by what they expand to: a few hundred bytes of nested
aliases would grow into gigabytes ("billion laughs"). An alias inside its own anchor,
a value that contains itself, is refused. File size, depth and node count are bounded.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.errors import DataError
from kg.read.safefile import MIB, decode_utf8, read_inside

MAX_BYTES = 4 * MIB  # the seed's facts file is 21 KB
MAX_DEPTH = 32  # facts nest five levels deep
MAX_NODES = 100_000  # the seed's facts file has about 2,000


class LineDict(dict[str, "Value"]):
    """A YAML mapping that remembers its own line and the line of each key."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line a key stands on (the mapping's own line if unknown)."""
        return self.key_lines.get(key, self.line)


class LineList(list["Value"]):
    """A YAML sequence that remembers its own line and the line of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


Value = str | LineDict | LineList


def _convert(node: yaml.Node, path: Path) -> Value:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        seq = LineList(line)
        for item in node.value:
            seq.append(_convert(item, path))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError("a mapping key must be plain text", path, key_line)
            key = str(key_node.value)
            if key in mapping:
                raise DataError(f"key {key!r} appears twice in one mapping", path, key_line)
            mapping[key] = _convert(value_node, path)
            mapping.key_lines[key] = key_line
        return mapping
    raise DataError(f"unsupported YAML node {node.tag}", path, line)  # pragma: no cover


class _Loader(yaml.SafeLoader):
    """Composes nodes only (no Python objects), bounding what aliases expand to.

    An alias is counted as the nodes and levels it stands for, because ``_convert``
    expands it: a few nested aliases cannot grow past ``MAX_NODES`` or ``MAX_DEPTH``.
    An alias used inside its own anchor (a value that contains itself) is refused.
    """

    def __init__(self, text: str, path: Path) -> None:
        super().__init__(text)
        self.path = path
        self.depth = 0  # the level of the node being composed (the document's is 1)
        self.deepest = 0
        self.nodes = 0
        self.open: set[str] = set()  # anchors whose node is still being composed
        self.expanded: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, levels)

    def _grow(self, nodes: int, levels: int, line: int) -> None:
        self.nodes += nodes
        if self.nodes > MAX_NODES:
            raise DataError(
                f"more than {MAX_NODES} YAML values in one file (aliases expanded)", self.path, line
            )
        bottom = self.depth + levels
        if bottom > MAX_DEPTH:
            raise DataError(f"YAML nested more than {MAX_DEPTH} levels deep", self.path, line)
        self.deepest = max(self.deepest, bottom)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        anchor: str | None = event.anchor
        if isinstance(event, yaml.AliasEvent):
            if anchor in self.open:
                raise DataError(f"alias *{anchor} stands inside its own anchor &{anchor}", self.path, line)
            if anchor in self.expanded:
                nodes, levels = self.expanded[anchor]
                self._grow(nodes, levels, line)
            return super().compose_node(parent, index)  # an undefined alias: PyYAML says so
        before, outer = self.nodes, self.deepest
        self.depth += 1
        self.deepest = self.depth
        try:
            self._grow(1, 0, line)
            if anchor is not None:
                self.open.add(anchor)
            node = super().compose_node(parent, index)
            if anchor is not None:
                self.open.discard(anchor)
                self.expanded[anchor] = (self.nodes - before, self.deepest - self.depth + 1)
            return node
        finally:
            self.depth -= 1
            self.deepest = max(outer, self.deepest)


def load_yaml(path: Path) -> LineDict:
    """Load a YAML file whose top level is a mapping; errors name the file and line.

    The file must be a regular file of its folder (a link may point only inside it).
    """
    text = decode_utf8(read_inside(path, path.parent, MAX_BYTES), path)
    loader = _Loader(text, path)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = ""
        if exc.context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise DataError(f"YAML syntax error: {exc.problem or exc}{context}", path, line) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", path, 1) from exc
    finally:
        loader.dispose()
    if node is None:
        raise DataError("the file is empty", path, 1)
    value = _convert(node, path)
    if not isinstance(value, LineDict):
        raise DataError("the top level must be a mapping", path, 1)
    return value
