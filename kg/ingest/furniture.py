"""Page furniture: lines that belong to the page, not to the article.

Related-article lists ("Baca juga", "Read also"), bylines and editor lines, copyright
lines, author notes and advertising. Each kind has a whole-line pattern that is written
into ``source.yaml`` as ``boilerplate`` (RE2 syntax, matched whole), so the build refuses
a quote that stands only in them. A short line right after a list header ("Berita
terkait:") is a list item and is written as its own escaped pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (name, pattern): Python's re and RE2 read these the same (no lookaround, no backreferences).
KINDS: tuple[tuple[str, str], ...] = (
    ("related", r"(?i)(baca juga|baca pula|simak juga|lihat juga|read also|read more|see also)\b.*"),
    ("advertising", r"(?i)(baca berita dengan sedikit iklan|advertisement|iklan|scroll to continue).*"),
    (
        "byline",
        r"(?i)(penulis|reporter|editor|pewarta|redaktur|oleh|by|written by|reporting by)\s*:?\s*"
        r"\S[^.!?]{0,60}",
    ),
    ("copyright", r"(?i)(©|\(c\)|copyright|hak cipta).*"),
    (
        "author-note",
        r"(?i)\s*\*?\s*(penulis adalah|the writer is|the author is|the writer was|penulis merupakan)\b.*",
    ),
    ("channel", r"(?i)(ikuti berita|follow us|simak breaking news|gabung ke|join our).*"),
)
_HEADERS = re.compile(
    r"(?i)(berita terkait|artikel terkait|related articles?|related news|more stories|terpopuler)\s*:?\s*"
)
_PYTHON = [(name, re.compile(pattern)) for name, pattern in KINDS]


@dataclass(frozen=True)
class Furniture:
    """The furniture lines of a text and the patterns that match them."""

    lines: tuple[tuple[int, str, str], ...]  # (line number from 0, kind, line)
    patterns: tuple[str, ...]


def _kind(line: str) -> str | None:
    if len(line) > 300:
        return None
    for name, regex in _PYTHON:
        if regex.fullmatch(line):
            return name
    return None


def _escape(line: str) -> str:
    """A literal pattern for one line (RE2 accepts every escape re.escape writes)."""
    return re.escape(line.strip()).replace("\\ ", " ")


def find_furniture(text: str) -> Furniture:
    """The lines of ``text`` that are page furniture, with one pattern per kind found."""
    found: list[tuple[int, str, str]] = []
    patterns: list[str] = []
    in_list = False
    for number, line in enumerate(text.splitlines()):
        body = line.strip()
        if not body:
            continue
        kind = _kind(body)
        if _HEADERS.fullmatch(body):
            kind, in_list = "related", True
            literal = _escape(body)
            if literal not in patterns:
                patterns.append(literal)
        elif kind is None and in_list and len(body) < 160 and not body.endswith((".", "!", '"', "\u201d")):
            kind = "related"
            literal = _escape(body)
            if literal not in patterns and len(patterns) < 90:
                patterns.append(literal)
        else:
            in_list = False
        if kind is None:
            continue
        found.append((number, kind, line))
        generic = dict(KINDS).get(kind)
        if generic is not None and generic not in patterns:
            patterns.append(generic)
    return Furniture(tuple(found), tuple(patterns))
