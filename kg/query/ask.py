"""Answer the library's questions: one query by name, or all of them into files."""

from __future__ import annotations

from pathlib import Path

from kg.errors import ParameterError
from kg.query.engine import Answer, Engine, open_engine
from kg.query.library import Query, find, library
from kg.query.results import render
from kg.read.project import Project


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``key=value`` strings from the command line as a mapping."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"parameter {pair!r} is not key=value")
        params[key.strip()] = value
    return params


def ask(
    project: Project, name: str, params: dict[str, str], engine: str | Engine, folder: Path
) -> tuple[Query, Answer]:
    """Run one query of the library (or a .rq file) with its parameters bound."""
    query = find(project.queries, name)
    bindings = query.bindings(params)
    runner = open_engine(engine, folder) if isinstance(engine, str) else engine
    return query, runner.run(query, bindings)


def write_answers(
    project: Project, folder: Path, target: Path, engine: str = "oxigraph"
) -> list[tuple[Query, int]]:
    """Answer every question (not the violation checks) into ``target/<name>.csv``; rows per query."""
    runner = open_engine(engine, folder)
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for query in library(project.queries):
        if query.is_violation:
            continue
        answer = runner.run(query, query.bindings({}))
        fmt = "ttl" if answer.kind == "graph" else "csv"
        (target / f"{query.name}.{fmt}").write_text(render(answer, fmt), encoding="utf-8")
        done.append((query, len(answer.rows) if answer.kind == "select" else len(answer.triples)))
    index = ["# Answers", "", "| question | file | rows |", "| --- | --- | --- |"]
    index += [f"| {q.question} | {q.name}.csv | {n} |" for q, n in done]
    (target / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return done


LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?thing ?label WHERE {{
  VALUES ?thing {{ {values} }}
  ?thing rdfs:label ?label .
  FILTER(LANG(?label) = "en" || LANG(?label) = "")
}}"""


def labels(engine: str | Engine, folder: Path, answer: Answer) -> dict[str, str]:
    """English labels of the IRIs in an answer (for the terminal's table); {} when none."""
    from kg.query.library import Query
    from kg.query.results import iris

    found = iris(answer)
    if answer.kind != "select" or not found:
        return {}
    text = LABELS.format(values=" ".join(f"<{iri}>" for iri in found))
    query = Query(name="labels", path=Path("labels.rq"), text=text, question="", returns="thing, label")
    runner = open_engine(engine, folder) if isinstance(engine, str) else engine
    out: dict[str, str] = {}
    for thing, label in runner.run(query, {}).rows:
        if thing is not None and label is not None:
            out.setdefault(str(thing), str(label))
    return out
