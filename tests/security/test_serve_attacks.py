"""Attacks on ``tppo-kg serve``, replayed against the real server: each is refused or
answered, no listener is reached, and the engines answer a normal query afterwards."""

from __future__ import annotations

import os
import signal
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.security.conftest import ALLOWED_HOST
from tests.serving import Running, count_triples, engine_pids, form, http, listener, raw

# Spellings of SERVICE that a token check has misread; {port} is a listener's.
SSRF = [
    "SELECT * WHERE {{ SERVICESILENT <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "PREFIX e: <urn:e:> SELECT * WHERE {{ ?s ?p e:a\\#. SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ SERVICE <http\\u003A//127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "PREFIX p: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE p:\\/x {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ sErViCe#comment\n<http://127.0.0.1:{port}/>{{?a ?b ?c}} }}",
    "SELECT * WHERE {{ SERVICE\tSILENT\r\n<http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }}",
    "SELECT * {{ {{ SELECT * {{ OPTIONAL {{ SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }} }} }} }}",
    "SELECT * {{ VALUES ?u {{ <http://127.0.0.1:{port}/> }} SERVICE ?u {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p 'x\\'' . SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}",
    'SELECT * {{ ?s ?p """a""" SERVICE <http://127.0.0.1:{port}/> {{ }} }}',
]


def send(server: Running, how: str, query: str) -> int:
    if how == "get":
        return http(server.url + "/sparql?" + urllib.parse.urlencode({"query": query})).status
    if how == "form":
        return form(server.url + "/sparql", query=query).status
    return http(server.url + "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}).status


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_no_spelling_of_service_reaches_a_listener(server: Running, how: str) -> None:
    with listener() as (port, seen):
        statuses = [send(server, how, template.format(port=port)) for template in SSRF]
        time.sleep(0.2)
    assert seen == []
    assert all(status in (400, 403) for status in statuses), statuses
    assert count_triples(server) > 0


NESTED = {
    "braces": "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }",
    "plus": "SELECT * WHERE { FILTER(" + "+".join(["1"] * 3000) + " > 0) }",
    "and": "SELECT * WHERE { FILTER(" + "&&".join(["1"] * 3000) + ") }",
    "union": "SELECT * WHERE { {}" + "UNION{}" * 1500 + " }",
    "optional": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL{}" * 1500 + " }",
    "path": "SELECT * WHERE { ?s " + "/".join(["<a:>"] * 3000) + " ?o }",
    "brackets in a comment do not count": "SELECT * WHERE { ?s ?p ?o } #" + "{" * 3000,
}


@pytest.mark.parametrize("name", list(NESTED))
def test_deep_nesting_and_long_chains_are_refused_before_the_engine(server: Running, name: str) -> None:
    reply = http(server.url + "/sparql", NESTED[name].encode(), {"Content-Type": "application/sparql-query"})
    if name.startswith("brackets in"):
        assert reply.status == 422  # answered: the whole store is over the result cap
    else:
        assert reply.status == 400 and ("deep" in reply.text or "links" in reply.text), reply.text
    assert count_triples(server) > 0


def test_a_killed_engine_is_noticed_and_replaced(server: Running) -> None:
    before = engine_pids(server)
    assert len(before) == 3
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    assert count_triples(server) > 0
    deadline = time.monotonic() + 20
    while len(set(engine_pids(server)) - set(before)) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(set(engine_pids(server)) - set(before)) == 3
    assert count_triples(server) > 0


DOUBLING = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(24))
MEMORY_BOMB = f'SELECT (STRLEN(?v24) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?v0) {DOUBLING} }}'


def test_a_query_past_the_memory_bound_gets_a_clear_error(server: Running) -> None:
    reply = form(server.url + "/sparql", query=MEMORY_BOMB)
    assert reply.status == 422 and "memory" in reply.text and "400 MB" in reply.text
    assert count_triples(server) > 0
    server.wait_for_log("memory bound reached")


def request(method: str, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


ASK = b"ASK {}"


@pytest.mark.parametrize(
    "length",
    [["-1"], ["+6"], ["0_6"], ["6", "7"], [" 6x"], ["60000000"], ["99999999999999999999"]],
)
def test_content_length_is_read_strictly(server: Running, length: list[str]) -> None:
    head = [("Content-Type", "application/sparql-query"), *(("Content-Length", v) for v in length)]
    data = "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head)
    answer = raw(server, data.encode() + b"\r\n" + ASK)
    assert status_of(answer) in (400, 413), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1
    assert count_triples(server) > 0


def test_chunked_bodies_are_refused(server: Running) -> None:
    headers = {"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"}
    answer = raw(server, request("POST", "/sparql", headers, b"6\r\nASK {}\r\n0\r\n\r\n"))
    assert status_of(answer) == 411 and answer.count(b"HTTP/1.1 ") == 1


def test_a_get_body_is_never_read_as_a_second_request(server: Running) -> None:
    smuggled = request("GET", "/sparql?query=ASK%7B%7D&smuggled=1", {})
    answer = raw(server, request("GET", "/", {"Content-Length": str(len(smuggled))}, smuggled))
    assert status_of(answer) == 200 and answer.count(b"HTTP/1.1 ") == 1
    time.sleep(0.2)
    assert not any("smuggled=1" in line for line in server.log)


def test_a_kept_alive_connection_gets_the_full_time_limit_after_a_slow_query(server: Running) -> None:
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    first = request("POST", "/sparql", {"Content-Type": "application/sparql-query", "Content-Length": "0"})
    port = int(server.url.rsplit(":", 1)[1])
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/sparql-query"}
    connection.request("POST", "/sparql", endless.encode(), headers)
    assert connection.getresponse().read() and first
    for _ in range(5):
        connection.request("POST", "/sparql", b"SELECT * WHERE { ?s ?p ?o } LIMIT 50", headers)
        response = connection.getresponse()
        assert response.status == 200, response.read()
        response.read()
    connection.close()


def test_a_null_byte_in_a_static_path_is_a_404(server: Running) -> None:
    assert http(server.url + "/static/%00").status == 404
    assert http(server.url + "/static/yasgui%00.js").status == 404


@pytest.mark.parametrize(
    ("host", "status"),
    [("evil.example", 421), ("evil.example:80", 421), (ALLOWED_HOST, 200), ("localhost", 200), (None, 200)],
)
def test_only_known_host_names_are_answered(server: Running, host: str | None, status: int) -> None:
    headers = {"Connection": "close"} | ({"Host": host} if host else {})
    lines = ["GET /sparql?query=ASK%7B%7D HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    assert status_of(raw(server, ("\r\n".join(lines) + "\r\n\r\n").encode())) == status


@pytest.mark.parametrize("path", ["/", "/explorer", "/ontology", "/sparql", "/sparql?query=ASK%7B%7D"])
def test_no_page_can_be_framed_or_sniffed(server: Running, path: str) -> None:
    reply = http(server.url + path)
    assert reply.headers["x-frame-options"] == "DENY"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in reply.headers["content-security-policy"]


def test_the_explorer_keeps_its_own_script_policy(server: Running) -> None:
    policy = http(server.url + "/explorer").headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "default-src 'none'" in policy


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_form_posted_from_another_site_is_refused(server: Running, headers: dict[str, str]) -> None:
    data = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    reply = http(
        server.url + "/sparql", data, {"Content-Type": "application/x-www-form-urlencoded", **headers}
    )
    assert reply.status == 403 and "other sites" in reply.text


def test_a_same_origin_form_and_a_followed_link_are_answered(server: Running) -> None:
    data = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    origin = {"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    assert (
        http(
            server.url + "/sparql", data, {"Content-Type": "application/x-www-form-urlencoded", **origin}
        ).status
        == 200
    )
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    assert http(server.url + "/sparql?query=ASK%7B%7D", headers=link).status == 200


def test_a_client_that_goes_away_leaves_one_line_and_no_trace(server: Running) -> None:
    query = b"SELECT * WHERE { ?s ?p ?o } LIMIT 2000"
    headers = {"Content-Type": "application/sparql-query", "Content-Length": str(len(query)), "X-Gone": "1"}
    port = int(server.url.rsplit(":", 1)[1])
    import socket

    for _ in range(3):
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(request("POST", "/sparql?gone=1", headers, query))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(b"POST /sparql?gone=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nASK")
    time.sleep(1.5)
    assert count_triples(server) > 0
    assert not any("Traceback" in line for line in server.log)
    assert any("gone=1" in line for line in server.log)


def test_the_engines_are_alive_after_every_attack(server: Running) -> None:
    assert count_triples(server) > 0
    assert all(Path(f"/proc/{pid}").exists() for pid in engine_pids(server))
