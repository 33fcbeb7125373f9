"""Source documents: their metadata, their stored text, and where a quote stands in it.

A source lives in ``data/sources/<slug>/`` as ``source.yaml`` (metadata), the text file
it names, and ``facts.yaml``. Lines that match the source's ``boilerplate`` patterns
(advertising, navigation) are not evidence: a quote may not stand in them.

A source reads only files of its own folder (see ``kg.read.safefile``), its folder name is
a slug, and its patterns run in linear time (see ``kg.read.patterns``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.read.identifiers import FILE_NAME, SLUG
from kg.read.patterns import boilerplate_spans, compile_patterns
from kg.read.safefile import MIB, decode_utf8, read_inside, resolve_inside
from kg.read.yamlio import LineDict, LineList, load_yaml

CONTEXT = 32  # characters of prefix and suffix kept with each quote
MAX_TEXT_BYTES = 8 * MIB  # a source text; the seed's is 3 KB
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c\"])")


@dataclass(frozen=True)
class Span:
    """Where a quote stands in a source text (character offsets, end exclusive)."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass
class Source:
    """A source document with its metadata and text."""

    slug: str
    folder: Path
    meta: LineDict
    text_path: Path
    text: str
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        """Digest of the stored text, UTF-8 encoded."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True when the span touches a boilerplate line (the lines are sorted and disjoint)."""
        at = bisect.bisect_left(self.boilerplate, (end, end))  # the lines that start before ``end``
        return at > 0 and self.boilerplate[at - 1][1] > start

    def locate(self, quote: str) -> Span:
        """Find a quote in the text outside boilerplate; raise ValueError if it is not there."""
        if not quote.strip():
            raise ValueError("the quote is empty")
        found_in_boilerplate = False
        start = self.text.find(quote)
        while start != -1:
            end = start + len(quote)
            if not self.in_boilerplate(start, end):
                return Span(
                    start=start,
                    end=end,
                    exact=quote,
                    prefix=self.text[max(0, start - CONTEXT) : start],
                    suffix=self.text[end : end + CONTEXT],
                )
            found_in_boilerplate = True
            start = self.text.find(quote, start + 1)
        if found_in_boilerplate:
            raise ValueError("the quote stands only in boilerplate (advertising), not in the article")
        hint = _closest_sentence(self.sentences(), quote)
        raise ValueError(
            f"the quote is not in the source text {self.text_path.name}"
            + (f"; closest sentence: {hint!r}" if hint else "")
        )

    def sentences(self) -> list[Span]:
        """The sentences of the text, boilerplate lines left out."""
        spans: list[Span] = []
        offset = 0
        for line in self.text.splitlines(keepends=True):
            line_start, body = offset, line.rstrip("\r\n")
            offset += len(line)
            if not body.strip() or self.in_boilerplate(line_start, line_start + len(body)):
                continue
            pos = 0
            for part in _SENTENCE_END.split(body):
                at = body.index(part, pos)
                pos = at + len(part)
                s = line_start + at
                spans.append(Span(s, s + len(part), part, "", ""))
        return spans


def count_cited(sentences: list[Span], cited: set[tuple[int, int]]) -> int:
    """How many of the sentences some cited span overlaps (a sorted sweep, not all pairs)."""
    spans = sorted(cited)
    starts = [a for a, _ in spans]
    reach, furthest = [], -1
    for _, b in spans:
        furthest = max(furthest, b)
        reach.append(furthest)
    count = 0
    for sentence in sentences:
        at = bisect.bisect_left(starts, sentence.end)  # the spans that start before its end
        count += at > 0 and reach[at - 1] > sentence.start
    return count


def _closest_sentence(sentences: list[Span], quote: str) -> str | None:
    words = set(quote.lower().split())
    best, score = None, 0.0
    for sentence in sentences:
        other = set(sentence.exact.lower().split())
        overlap = len(words & other) / max(1, len(words | other))
        if overlap > score:
            best, score = sentence.exact, overlap
    return best if score >= 0.3 else None


def _text_field(meta: LineDict, key: str, path: Path) -> str:
    value = meta.get(key)
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"'{key}' is required and must be text", path, meta.line_of(key))
    return value


def load_source(folder: Path) -> Source:
    """Load ``source.yaml`` and the text it names from a source folder."""
    path = folder / "source.yaml"
    SLUG.check(folder.name, path, 1, "the source folder name")
    meta = load_yaml(path)
    slug = _text_field(meta, "id", path)
    if slug != folder.name:
        raise DataError(f"id {slug!r} differs from the folder name {folder.name!r}", path, meta.line_of("id"))
    text_name = _text_field(meta, "text", path)
    where = (path, meta.line_of("text"))
    FILE_NAME.check(text_name, *where, "'text' (a file of the source's own folder)")
    text_path = folder / text_name
    text = decode_utf8(read_inside(text_path, folder, MAX_TEXT_BYTES, where), text_path)
    source = Source(slug=slug, folder=folder, meta=meta, text_path=text_path, text=text)
    patterns = meta.get("boilerplate", LineList(meta.line))
    if not isinstance(patterns, LineList):
        raise DataError("'boilerplate' must be a list of patterns", path, meta.line_of("boilerplate"))
    compiled = compile_patterns(list(zip(patterns, patterns.item_lines, strict=True)), path)
    source.boilerplate = boilerplate_spans(text, compiled)
    return source


def discover(sources_dir: Path) -> list[Path]:
    """The source folders under ``data/sources``, sorted by name."""
    if not sources_dir.is_dir():
        raise DataError("the sources folder does not exist", sources_dir)
    folders = sorted(p for p in sources_dir.iterdir() if (p / "source.yaml").is_file())
    for folder in folders:  # a linked folder must stay among the sources
        resolve_inside(folder, sources_dir, (folder / "source.yaml", 1))
    return folders
