"""The client of remote servers against a server that misbehaves on purpose: capped, partial,
huge and mistyped answers, errors in pages of HTML, silence, and credentials that must never
show in a message or a log."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.query.endpoint import Endpoint, resolve, safe_url
from kg.query.http import Client
from kg.query.remote import MERGED, RemoteEngine
from kg.query.sparqltext import query_form
from tests.conftest import ROOT

Reply = tuple[int, dict[str, str], bytes]
SECRET = "pa55-w0rd-never-shown"
SELECT = "SELECT ?x WHERE { ?x ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }"


def results(n: int) -> bytes:
    rows = [{"x": {"type": "uri", "value": f"http://example.org/{i}"}} for i in range(n)]
    return json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": rows}}).encode()


JSON = {"Content-Type": "application/sparql-results+json"}


class Fake:
    """A server whose every answer a test writes; it records what it was sent."""

    def __init__(self) -> None:
        self.reply: Callable[[BaseHTTPRequestHandler, bytes], Reply] = lambda h, b: (200, JSON, results(1))
        self.seen: list[tuple[str, dict[str, str], bytes]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                fake.seen.append((self.command, dict(self.headers), body))
                status, headers, data = fake.reply(self, body)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def endpoint(self, **extra: object) -> Endpoint:
        return Endpoint(query=f"{self.url}/sparql", store=f"{self.url}/store", **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def fake_server() -> Iterator[Fake]:
    server = Fake()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def fake(fake_server: Fake) -> Fake:
    """The module's fake server, answering one row of results until a test says otherwise."""
    fake_server.reply = lambda h, b: (200, JSON, results(1))
    fake_server.seen.clear()
    return fake_server


def test_a_query_is_a_form_post_with_the_accept_of_its_form(fake: Fake) -> None:
    engine = RemoteEngine(fake.endpoint())
    engine.answer(SELECT, {"default-graph-uri": MERGED, "named-graph-uri": ["http://g/1", "http://g/2"]})
    method, headers, body = fake.seen[-1]
    assert method == "POST" and headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["Accept"].startswith("application/sparql-results+json")
    form = parse_qs(body.decode())
    assert form["query"] == [SELECT] and form["default-graph-uri"] == [MERGED]
    assert form["named-graph-uri"] == ["http://g/1", "http://g/2"]
    fake.reply = lambda h, b: (
        200,
        {"Content-Type": "application/n-triples"},
        b"<http://a> <http://b> <http://c> .\n",
    )
    assert len(engine.answer(CONSTRUCT, {}).triples) == 1
    assert fake.seen[-1][1]["Accept"].startswith("application/n-triples")
    assert [
        query_form(t) for t in (SELECT, CONSTRUCT, "PREFIX a: <x:> ASK {}", "DESCRIBE <x:a>", "CLEAR ALL")
    ] == [
        "select",
        "graph",
        "ask",
        "graph",
        "update",
    ]


def test_a_capped_answer_is_refused(fake: Fake) -> None:
    fake.reply = lambda h, b: (200, {**JSON, "X-SPARQL-MaxRows": "3"}, results(3))
    with pytest.raises(QueryError, match="stopped at its cap of 3 rows"):
        RemoteEngine(fake.endpoint()).answer(SELECT, {})
    fake.reply = lambda h, b: (200, JSON, results(5))  # no header: the configured cap
    with pytest.raises(QueryError, match="cap of 5 rows"):
        RemoteEngine(fake.endpoint(max_rows=5)).answer(SELECT, {})
    assert len(RemoteEngine(fake.endpoint(max_rows=6)).answer(SELECT, {}).rows) == 5


def test_a_partial_answer_is_refused(fake: Fake) -> None:
    headers = {**JSON, "X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"}
    fake.reply = lambda h, b: (200, headers, results(2))
    with pytest.raises(QueryError, match="partial answer"):
        RemoteEngine(fake.endpoint()).answer(SELECT, {})


def test_a_huge_answer_is_refused(fake: Fake) -> None:
    fake.reply = lambda h, b: (200, JSON, results(2000))
    with pytest.raises(QueryError, match="over the bound"):
        RemoteEngine(fake.endpoint(max_answer_bytes=10_000)).answer(SELECT, {})
    # a server that gives no length: counted while read
    big = results(2000)
    fake.reply = lambda h, b: (200, {**JSON, "Transfer-Encoding": "chunked"}, _chunked(big))
    with pytest.raises(QueryError, match="more than 10000 bytes"):
        RemoteEngine(fake.endpoint(max_answer_bytes=10_000)).answer(SELECT, {})


def _chunked(data: bytes) -> bytes:
    parts = [data[i : i + 4096] for i in range(0, len(data), 4096)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_a_mistyped_answer_is_refused(fake: Fake) -> None:
    fake.reply = lambda h, b: (200, {"Content-Type": "text/html"}, b"<html>results</html>")
    with pytest.raises(QueryError, match="answered with text/html, not SPARQL results"):
        RemoteEngine(fake.endpoint()).answer(SELECT, {})
    fake.reply = lambda h, b: (200, JSON, results(1))  # what Virtuoso sent a CONSTRUCT asking JSON first
    with pytest.raises(QueryError, match="not an RDF graph"):
        RemoteEngine(fake.endpoint()).answer(CONSTRUCT, {})
    fake.reply = lambda h, b: (200, JSON, b'{"head": ')
    with pytest.raises(QueryError, match="not valid application/sparql-results"):
        RemoteEngine(fake.endpoint()).answer(SELECT, {})


def test_virtuosos_booleans_are_read_as_booleans(fake: Fake) -> None:
    body = {
        "head": {"vars": ["b"]},
        "results": {
            "bindings": [
                {
                    "b": {
                        "type": "typed-literal",
                        "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
                        "value": v,
                    }
                }
                for v in ("1", "0")
            ]
        },
    }
    fake.reply = lambda h, b: (200, JSON, json.dumps(body).encode())
    rows = RemoteEngine(fake.endpoint()).answer(SELECT, {}).rows
    assert [str(r[0]) for r in rows] == ["true", "false"]


def test_a_server_error_is_one_line_with_its_exit_code(fake: Fake, tmp_path: Path) -> None:
    page = b"<html>\n<body>\n<h1>Internal error</h1>\n<p>SR325: something\nbroke</p>\n</body></html>"
    fake.reply = lambda h, b: (500, {"Content-Type": "text/html"}, page)
    (tmp_path / "tppo-kg.toml").write_text(f'[endpoint]\nquery = "{fake.url}/sparql"\n', encoding="utf-8")
    for name in ("ontology", "queries"):
        (tmp_path / name).symlink_to(ROOT / name)
    result = CliRunner().invoke(main, ["query", "sources", "--project", str(tmp_path)])
    assert result.exit_code == 6
    assert result.stderr.count("\n") == 1
    assert "answered 500: Internal error SR325: something broke" in result.stderr


def test_a_silent_server_times_out(fake: Fake) -> None:
    def silent(handler: BaseHTTPRequestHandler, body: bytes) -> Reply:
        time.sleep(1)
        return 200, JSON, results(1)

    fake.reply = silent
    with pytest.raises(StoreError, match=r"did not answer within 0\.3 s"):
        RemoteEngine(fake.endpoint(timeout_s=0.3)).answer(SELECT, {})


def basic_only(handler: BaseHTTPRequestHandler, body: bytes) -> Reply:
    expected = "Basic " + base64.b64encode(f"team:{SECRET}".encode()).decode()
    if handler.headers.get("Authorization") != expected:
        return 401, {"WWW-Authenticate": 'Basic realm="x"'}, b"who are you"
    return 200, JSON, results(1)


def test_basic_authentication_only_where_asked(fake: Fake) -> None:
    fake.reply = basic_only
    engine = RemoteEngine(fake.endpoint(user="team", password=SECRET))
    assert len(engine.answer(SELECT, {}).rows) == 1
    assert "Authorization" not in fake.seen[0][1]  # the probe carries no credentials
    assert fake.seen[-1][0] == "POST" and fake.seen[-1][1]["Authorization"].startswith("Basic ")
    # a file body sent once, with its credentials, after the probe
    upload = Path(__file__)
    with Client(fake.endpoint(user="team", password=SECRET)).request(
        "PUT", f"{fake.url}/store?graph=x", body=upload
    ):
        pass
    assert fake.seen[-1][2] == upload.read_bytes()


def test_credentials_never_show(fake: Fake, caplog: pytest.LogCaptureFixture) -> None:
    fake.reply = basic_only
    caplog.set_level("DEBUG")
    wrong = fake.endpoint(user="team", password=SECRET + "-wrong")
    put = Client(wrong).request("PUT", f"{fake.url}/store?graph=x", body=b"<a:b> <a:b> <a:b> .")
    with pytest.raises(StoreError, match="refused the credentials given") as caught, put:
        pass
    assert SECRET not in str(caught.value) and SECRET not in caplog.text
    assert SECRET not in repr(wrong)
    with pytest.raises(QueryError) as query_caught:
        RemoteEngine(wrong).answer(SELECT, {})
    assert SECRET not in str(query_caught.value)
    assert safe_url(f"http://team:{SECRET}@host:8890/sparql") == "http://host:8890/sparql"
    fake.reply = lambda h, b: (401, {"WWW-Authenticate": 'Negotiate realm="x"'}, b"")
    with pytest.raises(StoreError, match="speaks Basic and Digest"):
        RemoteEngine(wrong).answer(SELECT, {})


def test_credentials_from_the_file_or_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "tppo-kg.toml"
    config.write_text(
        '[endpoint]\nquery = "http://h/sparql"\nstore = "http://h/crud"\nuser = "a"\npassword = "b"\n'
        'max_rows = 10000\ntimeout = 30\n[endpoint.bulk]\nisql = "h:1111"\nfolder = "/srv/load"\n',
        encoding="utf-8",
    )
    monkeypatch.delenv("TPPO_KG_ENDPOINT", raising=False)
    found = resolve(None, tmp_path)
    assert found is not None and (found.user, found.password, found.max_rows, found.timeout_s) == (
        "a",
        "b",
        10000,
        30,
    )
    assert found.bulk is not None and found.bulk.isql == "h:1111"
    monkeypatch.setenv("TPPO_KG_ENDPOINT_USER", "env-user")
    monkeypatch.setenv("TPPO_KG_ENDPOINT_PASSWORD", "env-password")
    found = resolve(None, tmp_path)
    assert found is not None and (found.user, found.password) == ("env-user", "env-password")
    config.write_text('[endpoint]\nquery = "http://h/sparql"\npasswd = "x"\n', encoding="utf-8")
    with pytest.raises(StoreError, match="unknown key"):
        resolve(None, tmp_path)


def test_the_dataset_is_the_projects_graphs_listed_once(fake: Fake) -> None:
    graphs = [
        MERGED,
        "https://w3id.org/tppo-kg/id/graph/ontology",
        "http://www.openlinksw.com/schemas/virtrdf#",
    ]
    listing = {
        "head": {"vars": ["g"]},
        "results": {"bindings": [{"g": {"type": "uri", "value": g}} for g in graphs]},
    }
    fake.reply = lambda h, b: (200, JSON, json.dumps(listing).encode())
    engine = RemoteEngine(fake.endpoint())
    assert engine.dataset() == {
        "default-graph-uri": MERGED,
        "named-graph-uri": ["https://w3id.org/tppo-kg/id/graph/ontology"],
    }
    engine.dataset()
    assert len(fake.seen) == 1
    fake.reply = lambda h, b: (200, JSON, results(0))
    with pytest.raises(StoreError, match="holds no graph of this project"):
        RemoteEngine(fake.endpoint()).dataset()
