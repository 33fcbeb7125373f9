"""Read YAML keeping line numbers, so that every error can name its file and line.

Scalars are returned as text, never guessed into dates or numbers: the mapping
layer decides what a value means and reports the line when it is wrong.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.errors import DataError


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


def load_yaml(path: Path) -> LineDict:
    """Load a YAML file whose top level is a mapping; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read: {exc}", path) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        context = ""
        if exc.context and exc.context_mark is not None and exc.context_mark.line + 1 != line:
            context = f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise DataError(f"YAML syntax error: {exc.problem or exc}{context}", path, line) from exc
    except yaml.YAMLError as exc:
        raise DataError(f"YAML error: {exc}", path) from exc
    if node is None:
        raise DataError("the file is empty", path, 1)
    value = _convert(node, path)
    if not isinstance(value, LineDict):
        raise DataError("the top level must be a mapping", path, 1)
    return value
