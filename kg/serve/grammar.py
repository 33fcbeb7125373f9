"""The second check of a query: a complete SPARQL 1.1 grammar, in the engine process.

The token check of ``kg.serve.guard`` cannot be sure it reads a query as a parser does. This one
parses the query with rdflib's SPARQL grammar and translates it to the algebra, then
looks for a SERVICE pattern anywhere in either tree (inside EXISTS, OPTIONAL, subqueries
...). A query that rdflib cannot read is refused: the engine runs only what both parsers
agree is a query, and Oxigraph's parser then reads it again (its message is the one a
client sees for a malformed query). It runs in the engine process, under the engine's
time and memory limits, because a parser that recurses can be made to work hard.
"""

from __future__ import annotations

import functools

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql import algebra, parser
from rdflib.plugins.sparql.parserutils import CompValue

from kg.serve.guard import SERVICE_REFUSAL, Refusal


def _has_service(tree: object) -> bool:
    """Whether a parse tree or algebra holds a SERVICE pattern (walked without recursion)."""
    stack, seen = [tree], set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, str | bytes):
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults):
            stack.extend(list(node))
            stack.extend(node.as_dict().values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset):
            stack.extend(node)
    return False


@functools.lru_cache(maxsize=512)  # a team asks the same questions again and again
def grammar_refusal(text: str) -> Refusal | None:
    """None if rdflib's grammar reads ``text`` as one SPARQL query with no SERVICE in it."""
    try:
        parsed = parser.parseQuery(text)
        translated = algebra.translateQuery(parsed)
    except ParseBaseException as exc:
        return Refusal(400, f"error at {exc.lineno}:{exc.col}: {exc.msg[:1].lower()}{exc.msg[1:]}")
    except RecursionError:
        return Refusal(400, "the query nests too deep to be read")
    except Exception as exc:  # rdflib reports some errors (an unknown prefix) as plain exceptions
        return Refusal(400, f"the query cannot be read: {exc}")
    if _has_service(parsed) or _has_service(translated.algebra):
        return SERVICE_REFUSAL
    return None
