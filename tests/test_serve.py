"""``tppo-kg serve``: the real server process on a free loopback port, asked by real clients.

Answers through the endpoint are compared with ``tppo-kg query`` for every query of the
library (SPARQLWrapper and rdflib's SPARQLStore); every refusal is shown to happen and
the server to keep serving after it; the query editor and the explorer run in headless
Chromium, offline.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.build.pipeline import BuildReport, load_ontology
from kg.cli import main
from kg.query.library import Query, library
from kg.query.sparqltext import with_values
from kg.read.project import Project
from kg.serve.guard import check_query
from kg.serve.server import negotiate
from tests.browser import ARTIFACTS, chromium, open_served
from tests.conftest import ROOT
from tests.serving import Running, count_triples, form, http, listener, running

QUERIES = library(ROOT / "queries")
Built = tuple[Path, BuildReport]
SELECT_ALL = "SELECT * WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(built: Built) -> Iterator[Running]:
    """The seed build, served with small limits so that the refusals are cheap to reach."""
    out, _ = built
    with running(
        out, "--timeout", "2", "--max-result-bytes", "300000", "--max-request-bytes", "20000"
    ) as running_server:
        yield running_server


def cli_answer(query: Query, out: Path, fmt: str) -> str:
    """What ``tppo-kg query NAME`` prints for the query, in a format."""
    result = CliRunner().invoke(
        main, ["query", query.name, "--format", fmt, "--store", str(out), "--project", str(ROOT)]
    )
    assert result.exit_code == 0, result.output
    return result.output


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_key(binding: dict[str, str] | None) -> tuple[str, ...]:
    """A term of SPARQL JSON results, comparable across writers (a plain literal is an xsd:string)."""
    if binding is None:
        return ("unbound",)
    datatype = binding.get("datatype", "")
    kind = binding["type"].replace("typed-literal", "literal")
    return (kind, binding["value"], "" if datatype == XSD_STRING else datatype, binding.get("xml:lang", ""))


def rows_of(doc: dict[str, object]) -> tuple[list[str], list[tuple[tuple[str, ...], ...]]]:
    names: list[str] = doc["head"]["vars"]  # type: ignore[index]
    rows = [tuple(term_key(b.get(n)) for n in names) for b in doc["results"]["bindings"]]  # type: ignore[index]
    return names, rows


def same_rows(
    query: Query, got: list[tuple[tuple[str, ...], ...]], expected: list[tuple[tuple[str, ...], ...]]
) -> bool:
    return got == expected if query.ordered else Counter(got) == Counter(expected)


# -- the same answers as `tppo-kg query` -------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_sparqlwrapper_gets_what_tppo_kg_query_prints(query: Query, server: Running, built: Built) -> None:
    out, _ = built
    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod(POST)
    # SPARQLWrapper guesses the query form with a regex after removing comment lines, but its
    # comment pattern skips every other line of a comment block, so a header comment saying
    # "added" reads as an ADD update and goes out as update=... (refused, rightly). Full-line
    # comments carry no meaning; they are left out for this client.
    text = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    client.setQuery(with_values(text, query.bindings({})))
    if is_graph(query):
        client.setReturnFormat("n3")
        client.addCustomHttpHeader("Accept", "application/n-triples")
        got = Graph().parse(data=client.query().response.read().decode(), format="nt")
        expected = Graph().parse(data=cli_answer(query, out, "nt"), format="nt")
        assert len(expected) > 0 and isomorphic(got, expected)
        return
    client.setReturnFormat(JSON)
    got_names, got_rows = rows_of(client.query().convert())  # type: ignore[arg-type]
    names, rows = rows_of(json.loads(cli_answer(query, out, "json")))
    assert got_names == names
    assert same_rows(query, got_rows, rows)


def is_graph(query: Query) -> bool:
    """CONSTRUCT or DESCRIBE (the library's graph questions)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(query.text).algebra.name in ("ConstructQuery", "DescribeQuery")


def rdflib_key(term: object) -> tuple[str, ...]:
    if term is None:
        return ("unbound",)
    if isinstance(term, URIRef):
        return ("uri", str(term), "", "")
    if isinstance(term, Literal):
        datatype = str(term.datatype or "")
        return ("literal", str(term), "" if datatype == XSD_STRING else datatype, term.language or "")
    return ("bnode", str(term), "", "")


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_rdflib_sparqlstore_gets_what_tppo_kg_query_prints(
    query: Query, server: Running, built: Built
) -> None:
    out, _ = built
    store = SPARQLStore(server.url + "/sparql", method="POST_FORM")  # results as XML, graphs as RDF/XML
    result = Graph(store=store).query(with_values(query.text, query.bindings({})))
    if result.type == "CONSTRUCT":
        expected = Graph().parse(data=cli_answer(query, out, "nt"), format="nt")
        assert result.graph is not None and isomorphic(result.graph, expected)
        return
    names, rows = rows_of(json.loads(cli_answer(query, out, "json")))
    assert [str(v) for v in result.vars or []] == names
    got = [tuple(rdflib_key(row[n]) for n in names) for row in result]  # type: ignore[index]
    assert same_rows(query, got, rows)


# -- the protocol ------------------------------------------------------------------------------


def test_get_post_form_and_post_direct_agree(server: Running) -> None:
    query = (
        "SELECT ?name WHERE { ?p a <https://schema.org/Person> ; "
        "<https://schema.org/name> ?name } ORDER BY ?name"
    )
    accept = {"Accept": "application/sparql-results+json"}
    by_get = http(server.url + "/sparql?" + urllib.parse.urlencode({"query": query}), headers=accept)
    by_form = http(
        server.url + "/sparql",
        urllib.parse.urlencode({"query": query}).encode(),
        {**accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    direct = http(
        server.url + "/sparql", query.encode(), {**accept, "Content-Type": "application/sparql-query"}
    )
    assert by_get.status == by_form.status == direct.status == 200
    names = [b["name"]["value"] for b in json.loads(by_get.body)["results"]["bindings"]]
    assert "Joko Widodo" in names and "Hun Manet" in names
    assert by_get.body == by_form.body == direct.body


@pytest.mark.parametrize(
    ("accept", "media", "parse"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv", "text/csv", ox.QueryResultsFormat.CSV),
    ],
)
def test_select_results_in_every_format(
    server: Running, accept: str, media: str, parse: ox.QueryResultsFormat
) -> None:
    query = "SELECT ?s WHERE { ?s a <https://schema.org/Person> } ORDER BY ?s LIMIT 4"
    reply = http(
        server.url + "/sparql", query.encode(), {"Accept": accept, "Content-Type": "application/sparql-query"}
    )
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].startswith(media)
    if parse == ox.QueryResultsFormat.CSV:
        lines = reply.text.splitlines()
        assert lines[0] == "s" and len(lines) == 5
        return
    solutions = ox.parse_query_results(reply.body, format=parse)
    assert isinstance(solutions, ox.QuerySolutions)
    assert len(list(solutions)) == 4


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")],
)
def test_construct_in_every_format(server: Running, accept: str, fmt: str) -> None:
    query = "CONSTRUCT WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?name }"
    reply = http(
        server.url + "/sparql", query.encode(), {"Accept": accept, "Content-Type": "application/sparql-query"}
    )
    assert reply.status == 200 and reply.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=reply.text, format=fmt)
    assert (None, URIRef("https://schema.org/name"), Literal("Hun Manet")) in graph


def test_service_description(server: Running, built: Built) -> None:
    reply = http(server.url + "/sparql", headers={"Accept": "text/turtle"})
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=reply.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "endpoint"), URIRef(server.url + "/sparql")) in graph
    assert (None, URIRef(sd + "feature"), URIRef(sd + "BasicFederatedQuery")) not in graph
    names = {str(o) for o in graph.objects(None, URIRef(sd + "name"))}
    _, report = built
    assert names == {f"https://w3id.org/tppo-kg/id/graph/{g}" for g in report.graphs}
    as_jsonld = http(server.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert as_jsonld.status == 200 and isomorphic(Graph().parse(data=as_jsonld.text, format="json-ld"), graph)


def test_malformed_query_gets_400_with_the_parser_message(server: Running) -> None:
    reply = form(server.url + "/sparql", query="SELECT ?x WHERE { ?x ?y }")
    assert reply.status == 400
    assert "error at 1:" in reply.text and "expected" in reply.text


# -- safe by default ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attempt",
    [
        {"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"},
        {"update": "CLEAR ALL"},
        {"query": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"},
        {"query": "PREFIX ex: <urn:ex:>\n# a comment\nDELETE WHERE { ?s ?p ?o }"},
        {"query": "LOAD <http://127.0.0.1:9/data.ttl>"},
        {"query": "CLEAR DEFAULT"},
        {"query": "drop all"},
    ],
)
def test_updates_are_refused(server: Running, attempt: dict[str, str]) -> None:
    before = count_triples(server)
    reply = form(server.url + "/sparql", **attempt)
    assert reply.status == 403 and "read-only" in reply.text
    assert count_triples(server) == before


def test_update_bodies_and_graph_writes_are_refused(server: Running) -> None:
    update = http(server.url + "/sparql", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert update.status == 403
    for method in ("PUT", "DELETE"):
        assert http(server.url + "/store?default", b"<urn:a> <urn:b> <urn:c> .", method=method).status == 403
    assert http(server.url + "/update", b"update=CLEAR+ALL", method="POST").status == 403
    assert count_triples(server) > 0


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . SERVICE<http://127.0.0.1:{port}/>{{?s ?p ?o}} }} LIMIT 1",
        "PREFIX svc: <http://127.0.0.1:{port}/>\nASK {{ SERVICE svc: {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_before_it_runs(server: Running, template: str) -> None:
    with listener() as (port, seen):
        reply = form(server.url + "/sparql", query=template.format(port=port))
        time.sleep(0.3)
    assert reply.status == 403 and "SERVICE" in reply.text
    assert seen == []
    assert count_triples(server) > 0


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { ?s a <https://schema.org/GovernmentService> }",
        "PREFIX schema: <https://schema.org/> SELECT ?s WHERE { ?s a schema:Service }",
        'SELECT ?s WHERE { ?s ?p "service" } # SERVICE <http://example.org/>',
        "SELECT ?service WHERE { ?service ?p ?o }",
        "SELECT ?s WHERE { ?s ?p '''a SERVICE\n<http://x/> { }''' }",
    ],
)
def test_the_word_service_elsewhere_is_not_refused(text: str) -> None:
    assert check_query(text) is None


def test_a_pathological_query_stops_at_the_time_limit_and_the_server_goes_on(server: Running) -> None:
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    reply = form(server.url + "/sparql", query=endless)
    assert reply.status == 503 and "time limit of 2 s" in reply.text
    assert count_triples(server) > 0
    server.wait_for_log("(timeout)")
    # The engine that ran it is stopped, so the query does not run on, and a fresh one replaces it.
    stopped = server.wait_for_log("stopped: a query passed the time limit")
    engine = int(stopped.split("(pid ")[1].split(")")[0])
    assert not Path(f"/proc/{engine}").exists()
    generation = int(stopped.split("engine ")[1].split(" ")[0])
    started = server.wait_for_log("started in")
    fresh = int(started.split("(pid ")[1].split(")")[0])
    assert fresh != engine and int(started.split("engine ")[1].split(" ")[0]) > generation
    assert count_triples(server) > 0
    assert Path(f"/proc/{fresh}").exists()


def test_results_over_the_cap_are_refused(server: Running) -> None:
    reply = form(server.url + "/sparql", query=SELECT_ALL)
    assert reply.status == 422 and "300000 bytes" in reply.text
    assert form(server.url + "/sparql", query=SELECT_ALL + " LIMIT 10").status == 200


def test_requests_over_the_size_limit_are_refused(server: Running) -> None:
    padding = "#" + "x" * 30_000 + "\n"
    reply = http(
        server.url + "/sparql", (padding + SELECT_ALL).encode(), {"Content-Type": "application/sparql-query"}
    )
    assert reply.status == 413
    long_get = http(server.url + "/sparql?" + urllib.parse.urlencode({"query": padding + "ASK {}"}))
    assert long_get.status in (413, 414)
    assert count_triples(server) > 0


def test_cors_is_off_unless_enabled(server: Running, built: Built) -> None:
    reply = form(server.url + "/sparql", query="ASK {}")
    assert reply.status == 200 and "access-control-allow-origin" not in reply.headers
    assert http(server.url + "/sparql", method="OPTIONS").status == 403
    out, _ = built
    with running(out, "--cors") as open_server:
        reply = form(open_server.url + "/sparql", query="ASK {}")
        assert reply.headers.get("access-control-allow-origin") == "*"
        preflight = http(open_server.url + "/sparql", method="OPTIONS")
        assert preflight.status == 204 and "POST" in preflight.headers["access-control-allow-methods"]


def test_listens_on_loopback_unless_told_otherwise(server: Running) -> None:
    line = server.wait_for_log("listening on")
    assert "http://127.0.0.1:" in line
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "--cors" in help_text


def test_unknown_media_type_and_path(server: Running) -> None:
    reply = http(server.url + "/sparql", b"ASK {}", {"Content-Type": "text/plain"})
    assert reply.status == 415
    assert http(server.url + "/static/..%2F..%2Fpyproject.toml").status == 404
    assert http(server.url + "/nothing-here").status == 404


# -- logs --------------------------------------------------------------------------------------


def test_startup_and_request_logs(server: Running, built: Built) -> None:
    _, report = built
    loaded = server.wait_for_log("loaded ")
    assert f"{len(report.graphs)} named graphs" in loaded
    assert count_triples(server) == int(loaded.split(": ")[1].split(" triples")[0])
    marker = "/sparql?query=ASK%7B%7D&log-marker=1"
    assert http(server.url + marker).status == 200
    line = server.wait_for_log("log-marker=1")
    assert '"GET ' in line and " 200 " in line and line.rstrip().endswith("ms")


# -- pages -------------------------------------------------------------------------------------


def test_ontology_as_turtle_and_html(server: Running) -> None:
    source = load_ontology(Project(ROOT).ontology_files)  # our terms and the reused ones
    as_ttl = http(server.url + "/ontology", headers={"Accept": "text/turtle"})
    assert as_ttl.headers["content-type"].startswith("text/turtle")
    assert isomorphic(Graph().parse(data=as_ttl.text, format="turtle"), source)
    page = http(server.url + "/ontology", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    own = "https://w3id.org/tppo-kg/ontology#"
    terms = {str(s)[len(own) :] for s in source.subjects() if str(s).startswith(own)}
    assert len(terms) >= 100
    missing = [t for t in terms if f'id="{t}"' not in page.text]
    assert missing == []


def test_content_negotiation_prefers_what_the_client_prefers() -> None:
    offered = ["text/html", "text/turtle"]
    assert negotiate("text/turtle;q=0.9, text/html;q=0.5", offered) == "text/turtle"
    assert negotiate("*/*", offered) == "text/html"
    assert negotiate(None, offered) == "text/html"
    assert negotiate("application/json", offered) is None


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "nope"), "--project", str(ROOT)])
    assert result.exit_code == 7 and "no store" in result.output


def test_a_busy_port_is_a_clear_error(server: Running, built: Built) -> None:
    out, _ = built
    port = int(server.url.rsplit(":", 1)[1])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "serve",
            "--store",
            str(out),
            "--port",
            str(port),
            "--project",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 7 and f"cannot listen on 127.0.0.1:{port}" in done.stderr


# -- in the browser, offline -------------------------------------------------------------------


def test_the_query_editor_runs_a_ready_query_and_shows_its_rows(server: Running) -> None:
    with chromium() as browser:
        watched = open_served(browser, server.url, "/", wait_for=".yasqe .CodeMirror")
        page = watched.page
        tabs = page.locator(".tabsList .tab a span")
        names = [tabs.nth(i).inner_text() for i in range(tabs.count())]
        assert names == [q.name for q in sorted(QUERIES, key=lambda q: (q.is_violation, q.name))]
        page.locator(".tabsList .tab a", has_text="case-counts-by-year").click()
        question = next(q.question for q in QUERIES if q.name == "case-counts-by-year")
        assert page.locator("#question").inner_text() == question
        panel = page.locator(".tabPanel.active")
        panel.locator(".yasqe_queryButton").click()
        rows = panel.locator(".yasr table tbody tr")
        rows.first.wait_for(timeout=30_000)
        assert rows.count() == 4
        assert "752" in panel.locator(".yasr table").inner_text()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-query-editor.png"))
        assert watched.console_errors == [] and watched.failed_requests == [] and watched.dialogs == []


def test_the_explorer_loads_from_the_server(server: Running) -> None:
    with chromium() as browser:
        watched = open_served(browser, server.url, "/explorer")
        page = watched.page
        assert page.locator("#counts").inner_text() != ""
        page.screenshot(path=str(ARTIFACTS / "serve-explorer.png"))
        assert watched.console_errors == [] and watched.failed_requests == [] and watched.dialogs == []


# -- answering only when ready ------------------------------------------------------------------


def test_before_it_is_ready_the_server_answers_503_with_retry_after() -> None:
    """Until the pages are loaded, every request gets 503 and Retry-After, not a reset."""
    import threading

    from kg.serve.server import Server, Settings

    settings = Settings("127.0.0.1", 0, 5.0, 1000, 1000, False)
    server = Server(settings, engines=None)  # type: ignore[arg-type]  # no query reaches them
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("/", "/sparql?query=ASK%7B%7D", "/explorer", "/favicon.ico"):
            reply = http(base + path)
            assert reply.status == 503, path
            assert reply.headers["retry-after"] == "2"
            assert "starting" in reply.text
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow  # a server process of its own
def test_connections_during_start_up_are_refused_or_answered_never_reset(built: Built) -> None:
    """From the moment the process starts: each connection is refused (port not open yet) or
    gets an HTTP answer (503 while loading, then 200); none is reset or left unanswered."""
    import http.client

    from tests.serving import free_port

    out, _ = built
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(out), "--project", str(ROOT)]
    process = subprocess.Popen([*command, "--port", str(port)], stderr=subprocess.DEVNULL)
    statuses: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and 200 not in statuses:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", "/favicon.ico")
                statuses.append(connection.getresponse().status)
            except ConnectionRefusedError:
                time.sleep(0.02)
            except (TimeoutError, ConnectionResetError, http.client.RemoteDisconnected) as error:
                raise AssertionError(f"a connection was dropped during start-up: {error!r}") from error
            finally:
                connection.close()
        assert statuses and statuses[-1] == 200
        assert set(statuses) <= {200, 503}
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_favicon_exists(server: Running) -> None:
    reply = http(server.url + "/favicon.ico")
    assert reply.status == 200 and reply.headers["content-type"] == "image/svg+xml"
    assert reply.body.startswith(b"<svg")
    page = http(server.url + "/").text
    assert '<link rel="icon" href="/favicon.ico"' in page


def test_the_query_editor_has_forms_checks_apart_labels_numbers_and_local_links(server: Running) -> None:
    with chromium() as browser:
        watched = open_served(browser, server.url, "/", wait_for=".yasqe .CodeMirror")
        page = watched.page
        groups = page.locator("#question-select optgroup")
        assert groups.nth(0).get_attribute("label") == "Questions"
        questions = groups.nth(0).locator("option").all_inner_texts()
        checks = groups.nth(1).locator("option").all_inner_texts()
        assert checks and all("-violation:" in c for c in checks)
        assert questions and not any("-violation:" in q for q in questions)
        page.select_option("#question-select", "repatriations")
        # countries by name, in Indonesian or English, not typed as codes
        page.fill("#params input[data-param='country']", "Kamboja")
        page.fill("#params input[data-param='citizens']", "Indonesia")
        page.click("#run-with-values")
        query = page.evaluate("window.tppoYasgui.getTab().getYasqe().getValue()")
        assert "VALUES (?country ?citizens) { (<https://w3id.org/tppo-kg/id/country/KHM>" in query
        page.wait_for_function(
            """() => { const t = document.querySelector('.tabPanel.active .yasr table');
            return t && t.innerText.includes('Cambodia') && t.innerText.includes('1,101'); }""",
            timeout=30_000,
        )
        panel = page.locator(".tabPanel.active")
        text = panel.locator(".yasr table").inner_text()
        assert "https://w3id.org" not in text and "^^" not in text and '"1101"' not in text
        hrefs = panel.locator(".yasr td a.iri").evaluate_all("l => l.map(a => a.getAttribute('href'))")
        assert "/explorer#focus=country/KHM" in hrefs and "/ontology#MoreThan" in hrefs
        assert not any(h.startswith("https://w3id.org") for h in hrefs)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-query-editor-form.png"), full_page=True)
        # a name that is no country is refused before anything runs
        page.fill("#params input[data-param='country']", "Atlantis")
        page.click("#run-with-values")
        assert "bad" in (page.get_attribute("#params input[data-param='country']", "class") or "")
        # the links open the explorer (offline) on what they name
        page.goto(server.url + "/explorer#focus=country/KHM")
        page.wait_for_selector("body[data-rendered-flow='1']")
        assert page.inner_text("#panel h2") == "Cambodia"
        assert watched.console_errors == [] and watched.failed_requests == [] and watched.dialogs == []
