"""Write answers: a readable table, or the standard SPARQL result formats.

JSON, XML and CSV are written by rdflib's SPARQL result serialisers; TSV and the
table are ours (rdflib has no TSV writer). Terms in TSV are canonical N-Triples, so
the same answer from either engine is the same text.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.iris import prefixed
from kg.namespaces import PREFIXES, XSD
from kg.query.engine import Answer

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("table", "ttl", "nt")
FORMATS = ("table", "csv", "tsv", "json", "xml", "ttl", "nt")
_NUMERIC = {XSD.integer, XSD.decimal}


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def canonical(term: Identifier) -> Identifier:
    """Numbers in canonical lexical form, so that engines that write 1.0 or 1 agree."""
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        try:
            number = Decimal(str(term))
        except InvalidOperation:
            return term
        if term.datatype == XSD.integer:
            return Literal(str(int(number)), datatype=XSD.integer)
        text = format(number.normalize(), "f")
        return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)
    return term


def nt(term: Identifier | None) -> str:
    """A term in N-Triples syntax ('' when unbound)."""
    if term is None:
        return ""
    term = canonical(term)
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        body = f'"{_escape(str(term))}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{body}^^<{term.datatype}>"
        return body
    return str(term)


def short(term: Identifier | None, labels: dict[str, str] | None = None) -> str:
    """A term as a person reads it: an IRI by its label (else prefixed), a literal's bare value
    (no language tag, no datatype)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return (labels or {}).get(str(term)) or prefixed(str(term))
    return str(term)


def tsv_lines(answer: Answer) -> list[str]:
    """SPARQL 1.1 TSV: a header of ?variables, then one line per solution."""
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    lines += ["\t".join(nt(term) for term in row) for row in answer.rows]
    return lines


def _rdflib_result(answer: Answer) -> Result:
    result = Result("SELECT" if answer.kind == "select" else "ASK")
    if answer.kind == "ask":
        result.askAnswer = bool(answer.boolean)
        return result
    result.vars = [Variable(v) for v in answer.variables]
    result.bindings = [
        {Variable(v): t for v, t in zip(answer.variables, row, strict=True) if t is not None}
        for row in answer.rows
    ]
    return result


def table(answer: Answer, width: int | None = None, labels: dict[str, str] | None = None) -> str:
    """Aligned columns, cut to the terminal's width; IRIs by their labels when ``labels`` has them.
    A last line says how to get the full values when a cell was cut or an IRI shown by its label."""
    if answer.kind == "ask":
        return "yes" if answer.boolean else "no"
    cells = [answer.variables] + [[short(t, labels) for t in row] for row in answer.rows]
    total = width or shutil.get_terminal_size((160, 24)).columns
    cap = max(12, (total - 2 * len(answer.variables)) // max(1, len(answer.variables)))
    widths = [min(cap, max(len(row[i]) for row in cells)) for i in range(len(answer.variables))]

    def fit(text: str, w: int) -> str:
        text = text.replace("\n", " ")
        return text if len(text) <= w else text[: w - 1] + "\u2026"

    lines = [
        "  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(answer.rows):,} row{'s' if len(answer.rows) != 1 else ''})")
    cut = any(len(c.replace("\n", " ")) > w for row in cells for c, w in zip(row, widths, strict=True))
    shown = labels or {}
    named = any(isinstance(t, URIRef) and str(t) in shown for r in answer.rows for t in r)
    if cut or named:
        what = " and ".join(x for x, on in (("cut to fit", cut), ("IRIs shown by their labels", named)) if on)
        lines.append(f"(values {what}: --format csv, tsv or json gives every value in full)")
    return "\n".join(lines)


LABEL_LIMIT = 5000  # distinct IRIs looked up for a table; past it, IRIs stay prefixed


def iris(answer: Answer) -> list[str]:
    """The distinct IRIs of a SELECT answer (up to LABEL_LIMIT), for a label lookup."""
    seen: dict[str, None] = {}
    for row in answer.rows:
        for term in row:
            if isinstance(term, URIRef) and _SAFE_IRI.fullmatch(str(term)):
                seen[str(term)] = None
    return list(seen)[:LABEL_LIMIT]


_SAFE_IRI = re.compile(r"[^\s<>\"{}|\\^`]+")


def render(answer: Answer, fmt: str, labels: dict[str, str] | None = None) -> str:
    """The answer in a format: table, csv, tsv, json, xml (solutions) or ttl, nt (graphs)."""
    if answer.kind == "graph":
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns, override=True, replace=True)
        for triple in answer.triples:
            graph.add(triple)
        if fmt in ("ttl", "table"):
            return str(graph.serialize(format="turtle"))
        if fmt == "nt":
            return "".join(sorted(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in answer.triples))
        raise QueryError(f"a graph answer is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
    if fmt == "table":
        return table(answer, labels=labels) + "\n"
    if fmt == "tsv":
        if answer.kind == "ask":
            return "true\n" if answer.boolean else "false\n"
        return "\n".join(tsv_lines(answer)) + "\n"
    if fmt in ("csv", "json", "xml"):
        data = _rdflib_result(answer).serialize(format=fmt)
        text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
        return text if text.endswith("\n") else text + "\n"
    raise QueryError(f"solutions are written as {', '.join(SELECT_FORMATS)}, not {fmt}")
