"""SPARQL text as a lexer sees it, and parameters bound into a query's text.

The tokens tell keywords from the same letters inside strings, IRIs, prefixed names,
variables and comments (``kg.guard`` reads them). Parameters are bound by a VALUES block
of RDF terms written by Oxigraph's N-Triples serialiser (never by pasting text) placed
as the first thing of the query's outer WHERE group: the query planners then start from
the bound values. (Oxigraph plans a query before it applies SEP-0007 substitutions, and a
VALUES block at the end is joined last: both read every flow before they look at the
country asked for, 40 to 100 times slower on the GLOTIP data.)
"""

from __future__ import annotations

import itertools
import re

from rdflib.term import Identifier

from kg.store import to_ox

# Order matters: comments, strings and IRIs are consumed whole before words are looked at.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:[\w.\-:%\\\u00b7\u00c0-\uffff]*)
    | (?P<word>[A-Za-z_][\w-]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, in order (keywords and function names)."""
    return [m.group("word").upper() for m in _TOKEN.finditer(text) if m.lastgroup == "word"]


def values_block(bindings: dict[str, Identifier]) -> str:
    """A VALUES clause binding each parameter to its term, in N-Triples syntax."""
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(to_ox(term)) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


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
