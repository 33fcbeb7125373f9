"""Sentences with their offsets, for Indonesian and English news.

Lines first (a news line is at most a paragraph), then sentence ends inside a line. A
full stop does not end a sentence after an abbreviation (Pol., Kombes., Jl., dll., No.,
Dr., U.S.), an initial, or inside a number (1.100, 1,5); a quotation stays together with
its attribution ("...," kata Judha. / "...," he said.) because the attribution starts
with a lower-case word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "pol",
        "kombes",
        "kompol",
        "akbp",
        "iptu",
        "ipda",
        "aiptu",
        "brigjen",
        "irjen",
        "komjen",
        "jenderal",
        "jend",
        "kol",
        "letkol",
        "mayjen",
        "jl",
        "jln",
        "no",
        "dll",
        "dsb",
        "dkk",
        "tsb",
        "yth",
        "thn",
        "tgl",
        "hlm",
        "kab",
        "kec",
        "kel",
        "prov",
        "sdr",
        "bpk",
        "ibu",
        "drs",
        "dr",
        "ir",
        "prof",
        "h",
        "hj",
        "st",
        "mr",
        "mrs",
        "ms",
        "jr",
        "ma",  # "Ma. Theresa Lazaro": Maria, in Filipino names
        "sr",
        "gen",
        "col",
        "lt",
        "sgt",
        "gov",
        "sen",
        "rep",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "approx",
        "est",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "agu",
        "okt",
        "des",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "no.",
    ]
)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00de])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: its offsets (end exclusive), its text and its line."""

    start: int
    end: int
    text: str
    line: int


def _is_abbreviation(body: str, dot: int) -> bool:
    if body[dot] != ".":
        return False
    word = _WORD_BEFORE.search(body, 0, dot)
    if word is None:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or len(token) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))


def _split_line(body: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in _END.finditer(body):
        if _is_abbreviation(body, match.start()) and match.group() == ".":
            continue
        end = match.end()
        if body[start:end].strip():
            yield start, end
        start = end
    if body[start:].strip():
        yield start, len(body)


def split_sentences(text: str, skip_lines: frozenset[int] = frozenset()) -> list[Sentence]:
    """The sentences of ``text``, leaving out the lines numbered in ``skip_lines`` (furniture)."""
    out: list[Sentence] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True)):
        line_start = offset
        offset += len(raw)
        body = raw.rstrip("\r\n")
        if number in skip_lines or not body.strip():
            continue
        for a, b in _split_line(body):
            while a < b and body[a].isspace():
                a += 1
            while b > a and body[b - 1].isspace():
                b -= 1
            if b - a >= 3 and re.search(r"[A-Za-z]", body[a:b]):
                out.append(Sentence(line_start + a, line_start + b, body[a:b], number))
    return out
