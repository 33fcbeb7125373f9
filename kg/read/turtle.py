"""Reading the project's own Turtle files (ontology, shapes): a syntax error names the line.

rdflib's Turtle parser reports a line number that drifts from the file's own (it counts
what it has consumed, not the lines before the offending character), and its message is
a dump of bytes. Here the line is counted from the character the parser stopped at, and
the message keeps only the parser's reason.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import OntologyError
from kg.read.safefile import MIB, decode_utf8, read_inside

MAX_BYTES = 16 * MIB  # the ontology has about 60 KB


def parse_turtle(path: Path, what: str, graph: Graph | None = None) -> Graph:
    """Parse ``path`` into ``graph`` (a new one by default); a syntax error is an
    OntologyError with the file, the line and the parser's reason; ``what`` names the file
    in the message ("the ontology", "the shapes")."""
    graph = Graph() if graph is None else graph
    text = decode_utf8(read_inside(path, path.parent, MAX_BYTES), path)
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line = text[: exc._i].count("\n") + 1
        raise OntologyError(f"cannot parse {what}: {exc._why}", path, line) from exc
    except Exception as exc:  # rdflib raises other parser-specific types (bad IRIs, literals)
        raise OntologyError(f"cannot parse {what}: {exc}", path) from exc
    return graph
