"""Turn a source's ``facts.yaml`` (and its ``source.yaml``) into its named graph.

Every fact is one node: an event, an agreement, a statement, a figure, a place.
It carries the quotes it rests on (``evidence``), each located in the source text
and recorded as a Web Annotation selector, plus who put it there and how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import DataError
from kg.iris import COUNTRIES
from kg.namespaces import ID, OA, PROV, RDF, RDFS, SDO, TPPO, XSD
from kg.read.counts import parse_count
from kg.read.dates import date_at
from kg.read.identifiers import URL
from kg.read.mapping import KEYS, METHODS, RESERVED, TYPES, Kind
from kg.read.sources import Source, Span
from kg.read.yamlio import LineDict, LineList, Value, load_yaml

# Matched whole (fullmatch: "$" would let a final newline into an IRI), ASCII only; no
# segment is "." or "..", so an id never reads as a relative path.
_ID = re.compile(r"[a-z][a-z-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)+", re.ASCII)
_TERM = re.compile(r"tppo:([A-Za-z][A-Za-z0-9]*)", re.ASCII)


@dataclass(frozen=True)
class Ref:
    """A reference from a facts file to a node that must exist somewhere."""

    target: URIRef
    path: Path
    line: int


@dataclass
class SourceGraph:
    """What one source contributes: its graph, the references it makes, the spans it cites."""

    source: Source
    graph: Graph
    refs: list[Ref] = field(default_factory=list)
    defined: set[URIRef] = field(default_factory=set)
    cited: set[tuple[int, int]] = field(default_factory=set)
    facts: int = 0


def resolve(text: str, path: Path, line: int) -> URIRef:
    """Turn ``kind/slug`` into an id IRI and ``tppo:Term`` into an ontology term."""
    text = text.strip()
    term = _TERM.fullmatch(text)
    if term:
        try:
            return URIRef(TPPO[term.group(1)])
        except AttributeError:
            raise DataError(f"{text} is not a term of the ontology", path, line) from None
    if not _ID.fullmatch(text):
        raise DataError(
            f"{text!r} is not a reference (kind/slug, such as country/KHM, or tppo:Term)", path, line
        )
    return ID[text]


class FactsReader:
    """Reads one source folder into a SourceGraph."""

    def __init__(self, source: Source, reviewed_only: bool = False) -> None:
        self.source = source
        self.reviewed_only = reviewed_only
        self.node = ID[f"source/{source.slug}"]
        self.out = SourceGraph(source, Graph())
        self.g = self.out.graph
        self.curator: URIRef | None = None
        self.language = "und"

    def read(self) -> SourceGraph:
        """Describe the source document, then every fact of its facts file."""
        self._describe_source()
        path = self.source.folder / "facts.yaml"
        doc = load_yaml(path)
        facts = doc.get("facts")
        if not isinstance(facts, LineList):
            raise DataError("'facts' must be a list", path, doc.line)
        seen: dict[str, int] = {}
        for entry, line in zip(facts, facts.item_lines, strict=True):
            if not isinstance(entry, LineDict):
                raise DataError("each fact must be a mapping", path, line)
            if self.reviewed_only and entry.get("method") == "machine":
                continue  # a program's proposal that no person has checked yet
            self._fact(entry, path, seen)
        self.out.facts = len(seen)
        return self.out

    # -- the source document -------------------------------------------------------
    def _describe_source(self) -> None:
        meta, path, g, node = self.source.meta, self.source.folder / "source.yaml", self.g, self.node
        kind = meta.get("type")
        if kind not in ("NewsArticle", "CreativeWork", "Dataset"):
            raise DataError("'type' must be NewsArticle, CreativeWork or Dataset", path, meta.line_of("type"))
        g.add((node, RDF.type, SDO[str(kind)]))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, TPPO.textFile, Literal(f"data/sources/{self.source.slug}/{self.source.text_path.name}")))
        g.add((node, TPPO.sha256, Literal(self.source.sha256)))
        g.add((node, SDO.text, Literal(self.source.text)))
        language = meta.get("language")
        if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language):
            raise DataError(
                "'language' must be a language code such as id or en", path, meta.line_of("language")
            )
        g.add((node, SDO.inLanguage, Literal(language)))
        self.language = language
        for key, prop in (("title", SDO.name), ("dateline", TPPO.dateline), ("url", SDO.url)):
            value = meta.get(key)
            if isinstance(value, str):
                if key == "url":
                    URL.check(value, path, meta.line_of(key), "url")
                g.add((node, prop, Literal(value)))
        if isinstance(meta.get("published"), str):
            g.add((node, SDO.datePublished, date_at(str(meta["published"]), path, meta.line_of("published"))))
        for key, prop in (("publisher", SDO.publisher), ("about", SDO.about)):
            value = meta.get(key)
            if isinstance(value, str):
                g.add((node, prop, self._ref(value, path, meta.line_of(key))))
        if "label" not in meta:
            raise DataError("'label' is required: a name people recognise the source by", path, meta.line)
        for lit in self._texts(meta["label"], path, meta.line_of("label"), lang="en"):
            g.add((node, RDFS.label, lit))
        note = meta.get("publication_note")
        if note is not None:
            for lit in self._texts(note, path, meta.line_of("publication_note")):
                g.add((node, TPPO.publicationNote, lit))
        curator = meta.get("curator")
        if not isinstance(curator, str):
            raise DataError("'curator' is required: who enters and checks these facts", path, meta.line)
        self.curator = self._ref(curator, path, meta.line_of("curator"))

    # -- values ----------------------------------------------------------------------
    def _ref(self, text: str, path: Path, line: int) -> URIRef:
        target = resolve(text, path, line)
        self.out.refs.append(Ref(target, path, line))
        return target

    def _texts(self, value: Value, path: Path, line: int, lang: str | None = None) -> list[Literal]:
        """Plain text is in the source's language unless ``lang`` says otherwise."""
        if isinstance(value, str):
            return [Literal(value.strip(), lang=lang or self.language)]
        if isinstance(value, LineDict):
            out = []
            for lang, text in value.items():
                if not isinstance(text, str) or not re.fullmatch(r"[a-z]{2,3}", lang):
                    raise DataError(
                        "text by language must map a language code to text", path, value.line_of(lang)
                    )
                out.append(Literal(text.strip(), lang=lang))
            return out
        raise DataError("expected text or a mapping of languages to text", path, line)

    # -- facts -----------------------------------------------------------------------
    def _fact(self, entry: LineDict, path: Path, seen: dict[str, int]) -> None:
        fid = entry.get("id")
        if not isinstance(fid, str) or not _ID.fullmatch(fid):
            shown = f" ({fid!r} is not)" if isinstance(fid, str) else ""
            raise DataError(
                f"each fact needs an 'id' of the form kind/slug{shown}: lower-case kind, then "
                "segments of letters, digits, '.', '_' and '-' that do not start with a dot",
                path,
                entry.line,
            )
        if fid in seen:
            raise DataError(f"fact id {fid!r} is already used on line {seen[fid]}", path, entry.line_of("id"))
        seen[fid] = entry.line
        subject = ID[fid]
        self.out.defined.add(subject)
        g = self.g
        kind = entry.get("type")
        if not isinstance(kind, str) or kind not in TYPES:
            raise DataError(
                f"fact {fid}: unknown type {kind!r}; known types: {', '.join(sorted(TYPES))}",
                path,
                entry.line_of("type"),
            )
        for cls in TYPES[kind]:
            g.add((subject, RDF.type, cls))
        if "label" in entry:
            for lit in self._texts(entry["label"], path, entry.line_of("label")):
                g.add((subject, RDFS.label, lit))
        else:
            raise DataError(f"fact {fid}: a 'label' is required", path, entry.line)
        if "note" in entry:
            for lit in self._texts(entry["note"], path, entry.line_of("note"), lang="en"):
                g.add((subject, TPPO.curatorNote, lit))
        method = entry.get("method", "curated")
        if method not in METHODS:
            raise DataError(f"fact {fid}: method must be curated or machine", path, entry.line_of("method"))
        g.add((subject, TPPO.extractionMethod, METHODS[str(method)]))
        assert self.curator is not None
        g.add((subject, PROV.wasAttributedTo, self.curator))
        g.add((subject, PROV.hadPrimarySource, self.node))
        self._evidence(fid, subject, entry, path)
        for key, value in entry.items():
            if key in RESERVED:
                continue
            if key not in KEYS:
                raise DataError(f"fact {fid}: unknown key {key!r}", path, entry.line_of(key))
            self._property(subject, key, value, path, entry.line_of(key))

    def _evidence(self, fid: str, subject: URIRef, entry: LineDict, path: Path) -> None:
        quotes = entry.get("evidence")
        if isinstance(quotes, str):
            items: list[tuple[Value, int]] = [(quotes, entry.line_of("evidence"))]
        elif isinstance(quotes, LineList) and quotes:
            items = list(zip(quotes, quotes.item_lines, strict=True))
        else:
            raise DataError(f"fact {fid}: 'evidence' (the quoted sentence) is required", path, entry.line)
        for quote, line in items:
            if not isinstance(quote, str):
                raise DataError(f"fact {fid}: a quote must be text", path, line)
            try:
                span = self.source.locate(quote.strip())
            except ValueError as exc:
                raise DataError(f"fact {fid}: {exc}", path, line) from exc
            self.g.add((subject, PROV.wasDerivedFrom, self._annotate(span)))
            self.out.cited.add((span.start, span.end))

    def _annotate(self, span: Span) -> URIRef:
        node = ID[f"evidence/{self.source.slug}/{span.start}-{span.end}"]
        quote, position, g = URIRef(f"{node}/quote"), URIRef(f"{node}/position"), self.g
        g.add((node, RDF.type, OA.SpecificResource))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, OA.hasSource, self.node))
        g.add((node, OA.hasSelector, quote))
        g.add((node, OA.hasSelector, position))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(span.exact)))
        g.add((quote, OA.prefix, Literal(span.prefix)))
        g.add((quote, OA.suffix, Literal(span.suffix)))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
        g.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))
        return node

    def _property(self, subject: URIRef, key: str, value: Value, path: Path, line: int) -> None:
        spec = KEYS[key]
        if spec.kind is Kind.TEXT:
            items = (
                zip(value, value.item_lines, strict=True) if isinstance(value, LineList) else [(value, line)]
            )
            for item, item_line in items:
                for lit in self._texts(item, path, item_line):
                    self.g.add((subject, spec.predicate, lit))
            return
        if spec.kind is Kind.COUNT:
            self._count(subject, spec.predicate, value, path, line)
            return
        values: list[tuple[Value, int]]
        if isinstance(value, LineList):
            values = list(zip(value, value.item_lines, strict=True))
        else:
            values = [(value, line)]
        for item, item_line in values:
            if not isinstance(item, str):
                raise DataError(f"{key}: expected {spec.kind.value}", path, item_line)
            obj = (
                self._ref(item, path, item_line) if spec.kind is Kind.REF else date_at(item, path, item_line)
            )
            self.g.add((subject, spec.predicate, obj))

    def _count(self, subject: URIRef, predicate: URIRef, value: Value, path: Path, line: int) -> None:
        if isinstance(value, LineList):
            raise DataError(f"count: expected {Kind.COUNT.value}", path, line)
        try:
            count = parse_count(value if isinstance(value, str) else {k: str(v) for k, v in value.items()})
        except ValueError as exc:
            raise DataError(f"count: {exc}", path, line) from exc
        node, g = URIRef(f"{subject}/count"), self.g
        g.add((subject, predicate, node))
        g.add((node, RDF.type, TPPO.Count))
        g.add((node, TPPO.countQualifier, count.qualifier))
        for prop, number in (
            (SDO.value, count.value),
            (SDO.minValue, count.minimum),
            (SDO.maxValue, count.maximum),
        ):
            if number is not None:
                g.add((node, prop, Literal(number, datatype=XSD.integer)))
        if count.stated_as:
            g.add((node, TPPO.statedAs, Literal(count.stated_as, lang=self.language)))


def read_facts(source: Source, reviewed_only: bool = False) -> SourceGraph:
    """The named graph of one source, with the references it makes; with ``reviewed_only``,
    the facts a program proposed (``method: machine``) and no person has reviewed are left out."""
    return FactsReader(source, reviewed_only).read()


def check_references(parts: list[SourceGraph], defined: set[URIRef]) -> None:
    """Raise a DataError at the first reference no graph of the build defines (a country
    code, an ontology term, another fact or a reference row), naming its file and line."""
    for part in parts:
        for ref in part.refs:
            if ref.target in defined:
                continue
            text = str(ref.target)
            if text.startswith(COUNTRIES):
                code = text.rsplit("/", 1)[-1]
                raise DataError(
                    f"unknown country code {code!r} (not in data/reference/countries.csv)", ref.path, ref.line
                )
            if text.startswith(str(TPPO._NS)):
                raise DataError(f"{text} is not declared in the ontology", ref.path, ref.line)
            short = text.replace(str(ID), "")
            raise DataError(
                f"unknown reference {short!r}: no source or reference table defines it", ref.path, ref.line
            )
