"""What the read-only endpoint refuses before a request reaches the engine.

Oxigraph, pyoxigraph and rdflib all evaluate ``SERVICE <url>`` by sending an HTTP request
to whatever address the query names, so a public endpoint that runs such a query lets any
client make the server call hosts of the client's choosing. Updates (``INSERT``, ``LOAD``,
``CLEAR`` ...) change the store, and ``LOAD`` fetches a URL too.

This module is the first of three layers, and the cheapest: it reads the query's tokens
the way a SPARQL lexer sees them (after the ``\\u`` escapes SPARQL allows anywhere), so
``schema:Service``, ``"service"`` or a comment are not a refusal, but any bare word that
contains SERVICE is (``SERVICESILENT`` is SERVICE SILENT to Oxigraph's parser), and so is
a prefix that contains it (``SERVICEsvc:`` is SERVICE ``svc:``). It also
refuses a query nested deeper, or with longer chains of operators, than any real question
needs: parsers recurse once per level, and a few kilobytes of ``{`` overflow their stack.
The second layer is a complete SPARQL grammar in the engine process (``kg.serve.grammar``), the
third that this process has no network at all (``kg.serve.isolation``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.query.sparqltext import expand_escapes, keywords, prefix_names, shape

# The first keyword of every SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
PROLOGUE_KEYWORDS = frozenset({"BASE", "PREFIX"})
# The library's questions nest at most 7 deep and link at most 42 operators and patterns.
MAX_DEPTH = 64
MAX_LINKS = 1000


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused, for the client."""

    status: int
    message: str


SERVICE_REFUSAL = Refusal(
    403,
    "SERVICE is refused: this endpoint does not send requests to other addresses. "
    "Run federated queries from your own client.",
)


def check_query(text: str) -> Refusal | None:
    """None if ``text`` may go on to the engine: no SERVICE, no update, not too deep."""
    expanded = expand_escapes(text)
    words = keywords(expanded)
    if any("SERVICE" in w for w in words + prefix_names(expanded)):
        return SERVICE_REFUSAL
    first = next((w for w in words if w not in PROLOGUE_KEYWORDS), None)
    if first in UPDATE_KEYWORDS:
        return Refusal(403, f"{first} is an update and this endpoint is read-only.")
    depth, links = shape(expanded)
    if depth > MAX_DEPTH:
        return Refusal(400, f"the query nests {depth} levels deep; this endpoint takes at most {MAX_DEPTH}")
    if links > MAX_LINKS:
        return Refusal(
            400,
            f"the query links {links} operators and graph patterns; this endpoint takes at most {MAX_LINKS}",
        )
    return None


def update_refusal() -> Refusal:
    """The answer to any request that tries to change the store."""
    return Refusal(403, "This endpoint is read-only: SPARQL Update and graph writes are refused.")
