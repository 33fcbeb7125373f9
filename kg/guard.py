"""What the read-only endpoint refuses before a request reaches the engine.

Oxigraph, pyoxigraph and rdflib all evaluate ``SERVICE <url>`` by sending an HTTP request
to whatever address the query names, so a public endpoint that runs such a query lets any
client make the server call hosts of the client's choosing. Updates (``INSERT``, ``LOAD``,
``CLEAR`` ...) change the store, and ``LOAD`` fetches a URL too. Both are found here from
the query's tokens, the way a SPARQL lexer sees them: keywords inside strings, IRIs,
prefixed names, variables or comments do not count, so ``schema:Service`` or
``"service"`` in a query is not a refusal. Whether the text is a well-formed query is left
to the engine's parser, whose message the client gets.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.sparqltext import keywords

# The first keyword of every SPARQL 1.1 Update operation.
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
PROLOGUE_KEYWORDS = frozenset({"BASE", "PREFIX"})


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused, for the client."""

    status: int
    message: str


def check_query(text: str) -> Refusal | None:
    """None if ``text`` may be run by a read-only endpoint with no outgoing requests."""
    words = keywords(text)
    if "SERVICE" in words:
        return Refusal(
            403,
            "SERVICE is refused: this endpoint does not send requests to other addresses. "
            "Run federated queries from your own client.",
        )
    first = next((w for w in words if w not in PROLOGUE_KEYWORDS), None)
    if first in UPDATE_KEYWORDS:
        return Refusal(403, f"{first} is an update and this endpoint is read-only.")
    return None


def update_refusal() -> Refusal:
    """The answer to any request that tries to change the store."""
    return Refusal(403, "This endpoint is read-only: SPARQL Update and graph writes are refused.")
