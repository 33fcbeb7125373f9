"""Validation of the built graph: SHACL shapes and the ``*-violation.rq`` queries.

Both report every problem at once, naming the node and the rule, so that an analyst
can fix a facts file in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.errors import QueryError, ValidationError
from kg.iris import RDF_TYPE, in_message, prefixed
from kg.read.turtle import parse_turtle


@dataclass(frozen=True)
class Problem:
    """One reason the graph is not valid."""

    rule: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.focus}: {self.message}"


def load_shapes(path: Path) -> Graph:
    """Parse the SHACL shapes; a syntax error is an OntologyError naming the file."""
    return parse_turtle(path, "the shapes")


def shacl(data: Graph, shapes: Graph) -> list[Problem]:
    """Validate with pyshacl; the data graph must include the ontology (for subclasses)."""
    from pyshacl import validate  # imported here: it is the slowest import of the build

    conforms, report, _ = validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    problems = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        value = report.value(result, SH.value)
        component = report.value(result, SH.sourceConstraintComponent)
        rule = str(component).rsplit("#", 1)[-1] if component else "shacl"
        text = str(message) if message is not None else ""
        if isinstance(path, URIRef) and prefixed(str(path)) not in text:
            text = f"{in_message(path)} {text}"  # every shape's message names its property
        got = f" (value {value})" if value is not None else ""
        problems.append(Problem(f"shacl {rule}", in_message(focus), f"{text}{got}".strip()))
    return sorted(problems, key=str)


def violation_queries(folder: Path) -> list[Path]:
    """The ``*-violation.rq`` files, sorted by name."""
    return sorted(folder.glob("*-violation.rq"))


def run_violations(
    store: ox.Store, queries: list[Path], graphs: Sequence[str] | None = None
) -> list[Problem]:
    """Run each violation query on the store; every row is a problem.

    With ``graphs``, the queries see only those named graphs (their merge as the default
    graph): the build checks the graphs it wrote, not an import that did not change.
    """
    problems = []
    named: list[ox.NamedNode | ox.BlankNode] | None = None
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = None
    if graphs is not None:
        named = [ox.NamedNode(g) for g in graphs]
        default = list(named)
    for path in queries:
        text = path.read_text(encoding="utf-8")
        try:
            result = store.query(text, default_graph=default, named_graphs=named)
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryError(f"cannot run violation query: {exc}", path) from exc
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("a violation query must be a SELECT", path)
        names = [v.value for v in result.variables]
        for row in result:
            cells = {n: row[n] for n in names}
            focus = cells.get("focus")
            message = cells.get("message")
            rest = ", ".join(
                f"{n}={_term(v)}" for n, v in cells.items() if n not in {"focus", "message"} and v is not None
            )
            text_msg = _term(message) if message is not None else ""
            problems.append(
                Problem(path.name, _term(focus) if focus is not None else "-", f"{text_msg} {rest}".strip())
            )
    return problems


def _term(term: object) -> str:
    value = getattr(term, "value", None)
    return in_message(value) if isinstance(value, str) else str(term)


def missing_references(store: ox.Store, references: Sequence[str], graphs: Sequence[str]) -> list[str]:
    """The IRIs in ``references`` that no graph of ``graphs`` gives an rdf:type."""
    names = [ox.NamedNode(g) for g in graphs]
    missing = []
    for iri in references:
        node = ox.NamedNode(iri)
        if not any(next(store.quads_for_pattern(node, RDF_TYPE, None, g), None) for g in names):
            missing.append(iri)
    return missing


def not_valid(
    problems: Sequence[Problem], what: str = "the graph", shown: int | None = None
) -> ValidationError:
    """The error for a graph that breaks its shapes or checks: every problem, or the first ``shown``."""
    listed = problems if shown is None else problems[:shown]
    return ValidationError(
        f"{what} is not valid ({len(problems)} problem(s)):\n" + "\n".join(f"  {p}" for p in listed)
    )
