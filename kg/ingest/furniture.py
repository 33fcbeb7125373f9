"""Page furniture: lines that belong to the page, not to the article.

Related-article lists ("Baca juga", "Read also", "Related:", "Read:"), bylines and editor lines, copyright
lines, author notes and advertising. Each kind has a whole-line pattern that is written
into ``source.yaml`` as ``boilerplate`` (RE2 syntax, matched whole), so the build refuses
a quote that stands only in them. A short line right after a list header ("Berita
terkait:", or a bare "Baca juga:" / "Read also:" with its link on the next line) is a list
item and is written as its own escaped pattern; so is a short name line right after a bare
"Editor:" / "Penulis:" label. Bylines may hold initials ("R. Adhi"), several credits
("Penulis: X | Editor: Y", "Reporting by X; Editing by Y") and brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (name, pattern): Python's re and RE2 read these the same (no lookaround, no backreferences).
KINDS: tuple[tuple[str, str], ...] = (
    (
        "related",
        r"(?i)[>»\-\[(*\s]*(baca juga|baca pula|simak juga|lihat juga|read also|also read|read more"
        r"|see also)\b.*|[>»\-\[(*\s]*(related|read)\s*:.*",
    ),
    ("advertising", r"(?i)(baca berita dengan sedikit iklan|advertisement|iklan|scroll to continue).*"),
    (
        "byline",
        r"(?i)\(?(penulis|reporter|editor|pewarta|redaktur|oleh|by|written by|reporting by|additional reporting by"
        r"|editing by)\s*:?\s*(\S([^.!?]|(?-i:[A-Z])\.\s){0,200})?\)?",
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
# A label with nothing after it: its link or its name stands on the next line.
_BARE_LABEL = re.compile(
    r"(?i)\W*(baca juga|baca pula|simak juga|lihat juga|read also|also read|read more|see also|related|read)\W*"
)
_BARE_BYLINE = re.compile(r"(?i)(penulis|reporter|editor|pewarta|redaktur|oleh|by)\s*:?")
_NAME_LINE = re.compile(r"(?:[A-Z][\w'.-]*\s*){1,5}")


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
    items_left = 0  # list items still expected: one after a bare "Baca juga:", many after a header
    after_label = False  # the line before was a bare "Editor:"
    for number, line in enumerate(text.splitlines()):
        body = line.strip()
        if not body:
            continue
        kind = _kind(body)
        if after_label and kind is None and _NAME_LINE.fullmatch(body):
            kind = "byline"
            literal = _escape(body)
            if literal not in patterns and len(patterns) < 90:
                patterns.append(literal)
        after_label = _BARE_BYLINE.fullmatch(body) is not None
        if _BARE_LABEL.fullmatch(body):
            kind, items_left = "related", 1  # the generic pattern matches it
        elif _HEADERS.fullmatch(body):
            kind, items_left = "related", 90
            literal = _escape(body)
            if literal not in patterns:
                patterns.append(literal)
        elif kind is None and items_left and len(body) < 160 and not body.endswith((".", "!", '"', "\u201d")):
            kind, items_left = "related", items_left - 1
            literal = _escape(body)
            if literal not in patterns and len(patterns) < 90:
                patterns.append(literal)
        else:
            items_left = 0
        if kind is None:
            continue
        found.append((number, kind, line))
        generic = dict(KINDS).get(kind)
        if generic is not None and generic not in patterns:
            patterns.append(generic)
    return Furniture(tuple(found), tuple(patterns))
