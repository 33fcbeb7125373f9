"""SPARQL text as a lexer sees it, and parameters bound into a query's text.

The tokens tell keywords from the same letters inside strings, IRIs, prefixed names,
variables and comments (``kg.serve.guard`` reads them, after ``expand_escapes``: SPARQL lets
``\\u0053ERVICE`` stand for ``SERVICE`` anywhere in a query). ``shape`` measures how deep
a query nests and how long its chains of operators are, before any parser sees it.

Parameters are bound by a VALUES block of RDF terms written by Oxigraph's N-Triples
serialiser (never by pasting text) placed as the first thing of the query's outer WHERE
group: the query planners then start from the bound values. (Oxigraph plans a query
before it applies SEP-0007 substitutions, and a VALUES block at the end is joined last:
both read every flow before they look at the country asked for, 40 to 100 times slower
on the GLOTIP data.)
"""

from __future__ import annotations

import itertools
import re

from rdflib.term import Identifier

from kg.build.store import to_ox

# Order matters: comments, strings and IRIs are consumed whole before words are looked at.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:
                (?:[\w.\-:%\u00b7\u00c0-\uffff]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
    | (?P<word>[^\W\d][\w-]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Tokens that open a level of a query's tree, and those that add a link to a chain of
# operators or graph patterns (each link is one more level for a parser that recurses).
OPENING, CLOSING = frozenset("{(["), frozenset("})]")
CHAIN_SIGNS = frozenset("{&|+-*/^!=<>")
CHAIN_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "IN", "EXISTS"})


def expand_escapes(text: str) -> str:
    """``text`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes replaced, as SPARQL 1.1
    (section 19.2) reads a query before it parses it."""

    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _ESCAPE.sub(one, text)


def shape(text: str) -> tuple[int, int]:
    """The deepest nesting of brackets and the number of chain links (operators, ``{`` and
    the keywords that join graph patterns) in a SPARQL text, outside strings, IRIs and comments."""
    depth = deepest = links = 0
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == "other":
            if token in OPENING:
                depth += 1
                deepest = max(deepest, depth)
            elif token in CLOSING:
                depth = max(0, depth - 1)
            links += token in CHAIN_SIGNS
        elif kind == "word":
            links += token.upper() in CHAIN_WORDS
    return deepest, links


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, in order (keywords and function names)."""
    return [m.group("word").upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def query_form(text: str) -> str:
    """What a query returns: ``select`` (solutions), ``ask`` (a boolean) or ``graph``
    (CONSTRUCT, DESCRIBE), from its first query keyword; ``update`` when it has none."""
    return next((FORMS[word] for word in keywords(text) if word in FORMS), "update")


def prefix_names(text: str) -> list[str]:
    """The prefixes of the prefixed names in a SPARQL text, upper-cased (``SERVICESVC`` for
    ``SERVICEsvc:x``, which Oxigraph reads as the keyword SERVICE and ``svc:x``)."""
    return [m.group().split(":", 1)[0].upper() for m in _TOKEN.finditer(text) if m.lastgroup == "pname"]


def values_block(bindings: dict[str, Identifier]) -> str:
    """A VALUES clause binding each parameter to its term, in N-Triples syntax."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_ox(term)) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def split_for_values(text: str) -> tuple[str, str]:
    """``text`` cut where ``with_values`` puts a VALUES block (the query editor binds its
    form's values there in the browser)."""
    significant = [m for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    for here, following in itertools.pairwise(significant):
        if here.lastgroup == "word" and here.group().upper() == "WHERE" and following.group() == "{":
            return text[: following.end()], text[following.end() :]
    return text, ""


def with_values(text: str, bindings: dict[str, Identifier]) -> str:
    """``text`` with its parameters bound: a VALUES block opens the outer WHERE group (at the
    end of the query when it has no WHERE keyword, which is as correct but planned later)."""
    block = values_block(bindings)
    if not block:
        return text
    significant = [m for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    for here, following in itertools.pairwise(significant):
        if here.lastgroup == "word" and here.group().upper() == "WHERE" and following.group() == "{":
            cut = following.end()
            return f"{text[:cut]}\n  {block}\n{text[cut:]}"
    return f"{text}\n{block}\n"


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes a query uses in prefixed names without declaring them, in order of use."""
    declared: set[str] = set()
    used: list[str] = []
    significant = [m for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]
    for before, here in itertools.pairwise([None, *significant]):
        if here is None or here.lastgroup != "pname":
            continue
        prefix = here.group().split(":", 1)[0]
        if before is not None and before.lastgroup == "word" and before.group().upper() == "PREFIX":
            declared.add(prefix)
        elif prefix not in used:
            used.append(prefix)
    return [p for p in used if p not in declared]


def with_prefixes(text: str, known: dict[str, str]) -> str:
    """``text`` with a declaration for each known prefix it uses without declaring. They are put
    before the first line, on that line, so that an error's line number stays the file's."""
    missing = [p for p in undeclared_prefixes(text) if p in known]
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{known[p]}> " for p in missing) + text
