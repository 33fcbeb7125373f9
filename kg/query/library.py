"""The query library: ``queries/*.rq`` with their headers and typed parameters.

Each file starts with comment lines::

    # Question: Which countries are destinations of ...?
    # Returns: destination, label, claims
    # Parameters:
    #   origin: country, default IDN -- the origin state (ISO 3166-1 alpha-3)

Parameters are bound by the engine (never pasted into the query text): a value is
first checked and turned into an RDF term of the declared kind.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import ParameterError, QueryError
from kg.iris import country, thing
from kg.namespaces import ALL_PREFIXES, TPPO, XSD
from kg.query.sparqltext import with_prefixes

_PARAM = re.compile(r"^#\s{2,}(\w+):\s*(\w+)(?:,\s*default\s+(\S+))?\s*(?:--\s*(.*))?$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
KINDS = {
    "country": "an ISO 3166-1 alpha-3 code such as KHM",
    "person": "a person's slug such as hun-manet",
    "org": "an organisation's slug such as kemlu",
    "thing": "any id path such as event/2024-03-05-jokowi-hun-manet-melbourne",
    "term": "an ontology term such as OnlineScamWork",
    "integer": "a whole number",
    "year": "a year such as 2022",
    "text": "any text",
}


@dataclass(frozen=True)
class Parameter:
    """A typed parameter of a query."""

    name: str
    kind: str
    default: str | None
    description: str

    def convert(self, value: str) -> Identifier:
        """Check a value given on the command line and turn it into an RDF term."""
        value = value.strip()
        bad = ParameterError(f"parameter {self.name}: {value!r} is not {KINDS[self.kind]}")
        if self.kind == "country":
            if not re.fullmatch(r"[A-Z]{3}", value.upper()):
                raise bad
            return country(value.upper())
        if self.kind in ("person", "org", "thing"):
            if not _SLUG.match(value) or ".." in value:
                raise bad
            prefix = "" if self.kind == "thing" else f"{self.kind}/"
            return thing(prefix + value)
        if self.kind == "term":
            try:
                return URIRef(TPPO[value.removeprefix("tppo:")])
            except AttributeError:
                raise bad from None
        if self.kind in ("integer", "year"):
            if not re.fullmatch(r"-?\d+", value):
                raise bad
            return Literal(int(value), datatype=XSD.integer)
        return Literal(value)


@dataclass(frozen=True)
class Query:
    """One ``.rq`` file of the library."""

    name: str
    path: Path
    text: str
    question: str
    returns: str
    parameters: dict[str, Parameter] = field(default_factory=dict)

    @property
    def ordered(self) -> bool:
        """Whether the query fixes the order of its rows."""
        body = "\n".join(line.split("#", 1)[0] for line in self.text.splitlines())
        return re.search(r"\bORDER\s+BY\b", body, flags=re.I) is not None

    @property
    def needs_glotip(self) -> bool:
        """Whether the query's golden answer is taken on the graph with GLOTIP imported."""
        return re.search(r"^# Golden:\s*glotip\s*$", self.text, flags=re.M) is not None

    @property
    def is_violation(self) -> bool:
        """Whether this query must return no rows on a valid graph."""
        return self.name.endswith("-violation")

    def bindings(self, given: dict[str, str]) -> dict[str, Identifier]:
        """Terms for the given parameters and the defaults of the others."""
        unknown = sorted(set(given) - set(self.parameters))
        if unknown:
            known = ", ".join(sorted(self.parameters)) or "none"
            raise ParameterError(
                f"query {self.name} has no parameter {unknown[0]!r} (its parameters: {known})"
            )
        out: dict[str, Identifier] = {}
        for name, param in self.parameters.items():
            value = given.get(name, param.default)
            if value is not None:
                out[name] = param.convert(value)
        return out


def parse_header(path: Path, text: str) -> tuple[str, str, dict[str, Parameter]]:
    """The question, the returned columns and the parameters from the comment header."""
    question = returns = ""
    params: dict[str, Parameter] = {}
    in_params = False
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if line.startswith("# Question:"):
            question, in_params = line.split(":", 1)[1].strip(), False
        elif line.startswith("# Returns:"):
            returns, in_params = line.split(":", 1)[1].strip(), False
        elif line.startswith("# Parameters:"):
            in_params = line.split(":", 1)[1].strip().lower() != "none"
        elif in_params and (match := _PARAM.match(line)):
            name, kind, default, description = match.groups()
            if kind not in KINDS:
                raise QueryError(f"parameter {name} has unknown kind {kind!r}", path)
            params[name] = Parameter(name, kind, default, (description or "").strip())
        elif not line.startswith("#  "):
            in_params = False
    return question, returns, params


def load_query(path: Path, ad_hoc: bool = False) -> Query:
    """Read one query file. A query of the library must have a ``# Question:`` header; an
    ad-hoc file need not, and may use the project's prefixes without declaring them."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read the query: {exc}", path) from exc
    question, returns, params = parse_header(path, text)
    if ad_hoc:
        text = with_prefixes(text, ALL_PREFIXES)
        question = question or f"(the query in {path.name})"
    elif not question:
        raise QueryError("the header has no '# Question:' line", path, 1)
    return Query(path.stem, path, text, question, returns, params)


def library(folder: Path) -> list[Query]:
    """Every query of the library, sorted by name."""
    return [load_query(p) for p in sorted(folder.glob("*.rq"))]


def find(folder: Path, name_or_file: str) -> Query:
    """A query by its name in the library, or by the path of any .rq file."""
    candidate = Path(name_or_file)
    if candidate.suffix == ".rq" or candidate.is_file():
        if not candidate.is_file():
            raise QueryError(f"no query file {name_or_file}")
        return load_query(candidate, ad_hoc=True)
    path = folder / f"{name_or_file}.rq"
    if path.is_file():
        return load_query(path)
    names = [p.stem for p in folder.glob("*.rq")]
    close = difflib.get_close_matches(name_or_file, names, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'tppo-kg query --list' shows them"
    raise QueryError(f"no query named {name_or_file!r}{hint}")
