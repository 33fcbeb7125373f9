"""A source's boilerplate patterns, matched by RE2: linear time in the line, whatever the pattern.

Python's ``re`` backtracks: ``(a+)+$`` against one 33-character line runs for minutes,
and so do patterns with no nested quantifier at all (``(a|a)*$``, ``(a|aa)+$``), or
a few quantifiers in a row that cost a power of the line length. No filter on the
shape of a pattern catches them all. RE2 matches in time linear in the text by
construction and refuses what it cannot match that way (backreferences, lookaround),
so a pattern either runs fast or is refused with its line. Its memory is bounded too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import re2

from kg.errors import DataError

MAX_PATTERNS = 100
MAX_LENGTH = 500  # characters of one pattern; the seed's is 47
MAX_MEMORY = 1 << 20  # bytes RE2 may use for one compiled pattern

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the refusal is ours to report, with file and line
_OPTIONS.max_mem = MAX_MEMORY


class LinePattern:
    """One compiled boilerplate pattern: it must match a whole (stripped) line."""

    def __init__(self, text: str, regex: Any) -> None:
        self.text = text
        self._regex = regex

    def matches(self, line: str) -> bool:
        """True when the pattern matches the whole line."""
        return self._regex.fullmatch(line) is not None


def compile_pattern(text: str, path: Path, line: int) -> LinePattern:
    """Compile one pattern with RE2; a pattern RE2 refuses is a DataError at its line."""
    if len(text) > MAX_LENGTH:
        raise DataError(f"a boilerplate pattern may have at most {MAX_LENGTH} characters", path, line)
    try:
        regex = re2.compile(text, _OPTIONS)
    except re2.error as exc:
        first = exc.args[0] if exc.args else exc
        reason = first.decode("utf-8", "replace") if isinstance(first, bytes) else str(first)
        raise DataError(
            f"bad boilerplate pattern {text!r}: {reason} (patterns use RE2 syntax: no backreferences "
            "or lookaround)",
            path,
            line,
        ) from None
    return LinePattern(text, regex)


def compile_patterns(items: list[tuple[object, int]], path: Path) -> list[LinePattern]:
    """Compile every pattern of a ``boilerplate`` list, given as (value, line) pairs."""
    if len(items) > MAX_PATTERNS:
        raise DataError(f"at most {MAX_PATTERNS} boilerplate patterns", path, items[MAX_PATTERNS][1])
    patterns = []
    for value, line in items:
        if not isinstance(value, str):
            raise DataError("a boilerplate pattern must be text", path, line)
        patterns.append(compile_pattern(value, path, line))
    return patterns


def boilerplate_spans(text: str, patterns: list[LinePattern]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the lines some pattern matches, in order."""
    spans: list[tuple[int, int]] = []
    if not patterns:
        return spans
    offset = 0
    for text_line in text.splitlines(keepends=True):
        body = text_line.rstrip("\r\n")
        stripped = body.strip()
        if any(pattern.matches(stripped) for pattern in patterns):
            spans.append((offset, offset + len(body)))
        offset += len(text_line)
    return spans
