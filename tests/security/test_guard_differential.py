"""The guard against the parsers: generated queries with SERVICE spelt, hidden and glued in
every way SPARQL allows, checked against what rdflib's grammar and Oxigraph's evaluator do.

Oxigraph is the oracle that counts: each query is run on an empty in-memory store with
its SERVICE naming a listener on this machine's loopback, and whenever the listener is
called, the guard must have refused the query. rdflib's grammar must agree too: when it
finds a SERVICE, the token check must already have refused.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.serve.grammar import grammar_refusal
from kg.serve.guard import check_query
from tests.serving import listener


def escaped(word: str, which: list[bool]) -> str:
    """``word`` with some letters written as ``\\u`` escapes."""
    return "".join(f"\\u{ord(c):04X}" if flag else c for c, flag in zip(word, which, strict=False))


SPACE = st.sampled_from([" ", "\t", "\n", "\r\n", "  ", "#c\n", "#SERVICE\n", "", "\u00a0", "\u2028"])
CASE = st.sampled_from(
    [
        "SERVICE",
        "service",
        "Service",
        "sErViCe",
        "SERVICESILENT",
        "\u017fervice",
        "SERV\u0130CE",
        "serv\u0131ce",
    ]
)
BEFORE = st.sampled_from(
    [
        "",
        "?s ?p ?o .",
        "?s ?p e:a\\# .",
        "?s ?p e:a\\#",
        "?s ?p 'x\\'' .",
        '?s ?p "a\\"b" .',
        "?s ?p '''a'b''' .",
        "?s ?p <urn:a#b> .",
        "?s e:\\% ?o .",
        "FILTER(1<2)",
        "{}",
        "OPTIONAL {",
        "FILTER EXISTS {",
        "MINUS {",
        "\\u007B",
    ]
)
SILENT = st.sampled_from(["", "SILENT", "silent", "\\u0053ILENT"])
TARGET = st.sampled_from(["<{url}>", "<http\\u003A//127.0.0.1:{port}/>", "svc:", "svc:\\/x", "?u"])


@st.composite
def queries(draw: st.DrawFn) -> str:
    word = draw(CASE)
    flags = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    keyword = escaped(word, flags) if draw(st.booleans()) else word
    before, silent, target = draw(BEFORE), draw(SILENT), draw(TARGET)
    closing = "}" if before.endswith("{") else ""
    values = "VALUES ?u { <{url}> } " if target == "?u" else ""
    body = (
        f"{before}{draw(SPACE)}{keyword}{draw(SPACE)}{silent}{draw(SPACE)}{target}{draw(SPACE)}{{ ?a ?b ?c }}"
    )
    text = f"PREFIX e: <urn:e:>\nPREFIX svc: <{{url}}>\nSELECT * WHERE {{ {values}{body} {closing}}}"
    return text


@pytest.fixture(scope="module")
def target() -> Iterator[tuple[int, list[bytes]]]:
    with listener() as found:
        yield found


def oxigraph_calls(text: str, seen: list[bytes]) -> bool:
    """Whether Oxigraph, evaluating ``text`` on an empty store, calls the listener (which has
    recorded a call before it hangs up, so before Oxigraph's evaluation returns)."""
    before = len(seen)
    try:
        result = ox.Store().query(text)
        if isinstance(result, ox.QueryBoolean):
            bool(result)
        else:
            list(result)
    except SyntaxError:
        return False
    except (OSError, RuntimeError, ValueError):
        pass
    return len(seen) > before


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=queries())
def test_the_guard_refuses_whatever_oxigraph_or_rdflib_reads_as_service(
    target: tuple[int, list[bytes]], template: str
) -> None:
    port, seen = target
    text = template.replace("{url}", f"http://127.0.0.1:{port}/").replace("{port}", str(port))
    guard = check_query(text)
    refused = guard is not None and guard.status == 403
    grammar = grammar_refusal(text)
    if grammar is not None and grammar.status == 403:
        assert refused, text
    if oxigraph_calls(text, seen):
        assert refused, text


def test_the_oracle_sees_a_plain_service_call(target: tuple[int, list[bytes]]) -> None:
    port, seen = target
    assert oxigraph_calls(
        f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}", seen
    )
    assert oxigraph_calls(
        f"SELECT * WHERE {{ SERVICESILENT <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}", seen
    )
    assert not oxigraph_calls(f"SELECT * WHERE {{ ?s ?p <http://127.0.0.1:{port}/> }}", seen)
