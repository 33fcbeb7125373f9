"""``tppo-kg serve``: one local address for a team: SPARQL endpoint, query editor, explorer, ontology.

Shape: this process is the front door; a pool of engine processes (``kg.serve.pool``,
``kg.serve.backend``, ``kg.serve.worker``) evaluates queries with pyoxigraph on the store, read-only,
each in a network namespace of its own with bounded memory. The front door does:

- policy: updates and graph writes get 403; SERVICE, queries nested too deep and
  malformed requests are refused before any engine sees them (``kg.serve.guard``,
  ``kg.serve.httpedge``), then again by a complete grammar in the engine (``kg.serve.grammar``);
  request bodies, results, time and memory per query are capped;
- pages: the query editor (YASGUI, vendored under ``kg/serve/static/yasgui``) with the query
  library as tabs, the explorer of the build, the ontology as Turtle and as HTML, and a
  service description of this dataset;
- one log line per request, with its status, size and duration.
"""

from __future__ import annotations

import logging
import mimetypes
import signal
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from kg import __version__
from kg.build.folder import BuildFolder
from kg.errors import StoreError
from kg.read.project import Project
from kg.serve.formats import negotiate
from kg.serve.guard import Refusal, check_query, update_refusal
from kg.serve.httpedge import COMMON_HEADERS, DATA_CSP, PAGE_CSP, body_length, cross_site, host_allowed
from kg.serve.pool import EnginePool
from kg.serve.site import RDF_TYPES, STATIC, Site, load_site

log = logging.getLogger("tppo-kg.serve.server")


@dataclass(frozen=True)
class Settings:
    """What ``tppo-kg serve`` was told (the defaults live in its options, ``kg.cli``)."""

    host: str
    port: int
    timeout_s: float
    max_result_bytes: int
    max_request_bytes: int
    cors: bool
    engines: int = 8
    memory_mb: int = 1024
    allowed_hosts: frozenset[str] = frozenset()


@dataclass
class Reply:
    """A complete response."""

    status: int
    body: bytes
    content_type: str
    note: str = ""
    headers: dict[str, str] = field(default_factory=dict)


RETRY_AFTER_S = 2  # what a client that came before the server was ready is told to wait
FAVICON = STATIC / "favicon.svg"


def text(status: int, message: str, note: str = "") -> Reply:
    """A plain-text response."""
    return Reply(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", note)


class Handler(BaseHTTPRequestHandler):
    """Routes and policy; the server object carries the settings, the site and the engines."""

    server: Server
    protocol_version = "HTTP/1.1"
    server_version = f"tppo-kg/{__version__}"
    timeout = 60  # a client that stops sending is dropped after this many seconds
    # Headers and body go out in two writes; with Nagle's algorithm on, the body then waits
    # for the client's delayed ACK (40 ms on Linux) on every kept-alive request.
    disable_nagle_algorithm = True
    declared = 0  # the body length of the request being answered
    body_read = False

    # -- plumbing ---------------------------------------------------------------------------

    def log_message(self, format: str, *args: object) -> None:
        log.debug(format, *args)

    def _headers(self, reply: Reply) -> dict[str, str]:
        headers = dict(COMMON_HEADERS)
        site = self.server.site
        if self.path.split("?")[0] == "/explorer" and reply.status == 200 and site is not None:
            headers["Content-Security-Policy"] = site.explorer_policy
        elif reply.content_type.startswith("text/html"):
            headers["Content-Security-Policy"] = PAGE_CSP
        else:
            headers["Content-Security-Policy"] = DATA_CSP
        if self.server.settings.cors:
            headers["Access-Control-Allow-Origin"] = "*"
        else:
            headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return headers

    def _send(self, reply: Reply, started: float) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in {**self._headers(reply), **reply.headers}.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
            reply.note = (reply.note + "; " if reply.note else "") + "the client went away before the answer"
        took = (time.perf_counter() - started) * 1000
        note = f" ({reply.note})" if reply.note else ""
        log.info(
            '%s "%s %s" %d %d B %.1f ms%s',
            self.client_address[0],
            self.command,
            self.path if len(self.path) <= 120 else self.path[:117] + "...",
            reply.status,
            len(reply.body),
            took,
            note,
        )

    def _edges(self) -> Reply | None:
        """Refuse a request whose framing, host or origin is wrong; read away a GET's body."""
        length = body_length(self.headers)
        if isinstance(length, str):
            self.close_connection = True
            return text(411 if "chunked" in length else 400, length, "bad framing")
        self.declared, self.body_read = length, False
        settings = self.server.settings
        if not host_allowed(self.headers.get("Host"), settings.host, settings.allowed_hosts):
            self.close_connection = True
            return text(421, "this server does not answer for that host name (tppo-kg serve --allow-host)")
        if not settings.cors and cross_site(self.command, self.headers):
            return text(
                403, "requests from pages of other sites are refused (tppo-kg serve --cors)", "cross-site"
            )
        if self.command != "POST" and length:
            if length > settings.max_request_bytes:
                self.close_connection = True
                return text(413, "a body is not expected here")
            self.rfile.read(length)  # never read as the next request
        return None

    def _body(self) -> bytes | Reply:
        limit = self.server.settings.max_request_bytes
        if self.declared > limit:
            self.close_connection = True
            return text(413, f"the request is {self.declared} bytes; this endpoint takes at most {limit}")
        body = self.rfile.read(self.declared)
        self.body_read = True
        if len(body) < self.declared:
            self.close_connection = True
            return text(400, "the body is shorter than its Content-Length")
        return body

    def _handle(self) -> None:
        started = time.perf_counter()
        try:
            reply = self._edges() or self._route()
            if self.command == "POST" and self.declared and not self.body_read:
                self.close_connection = True  # an unread body must not be read as the next request
        except (ConnectionError, TimeoutError):
            self.close_connection = True
            log.info('%s "%s %s" the client went away', self.client_address[0], self.command, self.path[:120])
            return
        except Exception:  # keep serving; the log has the trace
            log.exception("error while answering %s %s", self.command, self.path)
            reply = text(500, "internal error (see the server log)")
        self._send(reply, started)

    do_GET = do_POST = do_HEAD = _handle

    def do_PUT(self) -> None:
        self._refuse_write()

    do_DELETE = do_PATCH = do_PUT

    def _refuse_write(self) -> None:
        started = time.perf_counter()
        self.close_connection = True
        refusal = update_refusal()
        self._send(text(refusal.status, refusal.message, "write refused"), started)

    def do_OPTIONS(self) -> None:
        started = time.perf_counter()
        refused = self._edges()
        if refused is not None or not self.server.settings.cors:
            message = "cross-origin requests are not enabled (tppo-kg serve --cors)"
            self._send(refused or text(403, message), started)
            return
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()
        log.info(
            '%s "OPTIONS %s" 204 0 B %.1f ms',
            self.client_address[0],
            self.path,
            (time.perf_counter() - started) * 1000,
        )

    # -- routes -----------------------------------------------------------------------------

    def _route(self) -> Reply:
        url = urllib.parse.urlsplit(self.path)
        site = self.server.site
        if site is None:  # still starting: an answer that says when to come back, never a reset
            reply = text(503, "tppo-kg serve is starting; try again in a moment", "starting")
            reply.headers["Retry-After"] = str(RETRY_AFTER_S)
            return reply
        if url.path == "/favicon.ico":
            return Reply(200, FAVICON.read_bytes(), "image/svg+xml")
        if url.path == "/sparql":
            return self._sparql(url.query)
        if self.command == "POST":
            if url.path in ("/update", "/store"):
                return self._refused(update_refusal())
            return text(405, f"POST is not allowed on {url.path}; SPARQL goes to /sparql")
        accept = self.headers.get("Accept")
        if url.path == "/":
            return Reply(200, site.query_page, "text/html; charset=utf-8")
        if url.path == "/explorer":
            return Reply(200, site.explorer, "text/html; charset=utf-8")
        if url.path == "/ontology":
            kind = negotiate(accept, ["text/html", "text/turtle"])
            if kind == "text/turtle":
                return Reply(200, site.ontology_ttl, "text/turtle; charset=utf-8")
            return Reply(200, site.ontology_html, "text/html; charset=utf-8")
        if url.path == "/ontology.ttl":
            return Reply(200, site.ontology_ttl, "text/turtle; charset=utf-8")
        if url.path == "/ontology.html":
            return Reply(200, site.ontology_html, "text/html; charset=utf-8")
        if url.path.startswith("/static/"):
            return self._static(url.path[len("/static/") :])
        return text(404, f"nothing at {url.path}: try / (query), /explorer, /ontology or /sparql")

    def _static(self, name: str) -> Reply:
        unquoted = urllib.parse.unquote(name)
        if "\x00" in unquoted:
            return text(404, "no such file")
        path = (STATIC / unquoted).resolve()
        if not path.is_relative_to(STATIC.resolve()) or not path.is_file() or path.suffix == ".md":
            return text(404, f"no file {name}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript" or kind == "text/javascript":
            kind += "; charset=utf-8"
        return Reply(200, path.read_bytes(), kind)

    def _refused(self, refusal: Refusal) -> Reply:
        return text(refusal.status, refusal.message, "refused")

    # -- SPARQL Protocol ----------------------------------------------------------------------

    def _sparql(self, query_string: str) -> Reply:
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        query: str | None = None
        if self.command == "POST":
            body = self._body()
            if isinstance(body, Reply):
                return body
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/x-www-form-urlencoded":
                try:
                    form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    return text(400, "the form is not UTF-8")
                if "update" in form:
                    return self._refused(update_refusal())
                params.update({k: v for k, v in form.items() if k != "query"})
                query = form.get("query", [None])[0]
            elif kind == "application/sparql-query":
                try:
                    query = body.decode("utf-8")
                except UnicodeDecodeError:
                    return text(400, "the query is not UTF-8")
            elif kind == "application/sparql-update":
                return self._refused(update_refusal())
            else:
                return text(
                    415,
                    "send a query as application/sparql-query or application/x-www-form-urlencoded",
                )
        else:
            if "update" in params:
                return self._refused(update_refusal())
            if len(query_string) > self.server.settings.max_request_bytes:
                return text(414, "the query string is too long")
            query = params.get("query", [None])[0]
            if query is None:
                return self._description()
        if query is None:
            return text(400, "no query: send query=... (SPARQL 1.1 Protocol)")
        refusal = check_query(query)
        if refusal is not None:
            return self._refused(refusal)
        graphs = {k: v for k, v in params.items() if k in ("default-graph-uri", "named-graph-uri")}
        return self._forward(query, graphs)

    def _description(self) -> Reply:
        kind = negotiate(self.headers.get("Accept"), list(RDF_TYPES)) or "text/turtle"
        site = self.server.site
        assert site is not None  # routed only once the site is loaded
        body = site.description.serialize(format=RDF_TYPES[kind])
        return Reply(200, body.encode("utf-8"), f"{kind}; charset=utf-8")

    def _forward(self, query: str, graphs: dict[str, list[str]]) -> Reply:
        request = {
            "query": query,
            "accept": self.headers.get("Accept"),
            "default_graph": graphs.get("default-graph-uri", []),
            "named_graph": graphs.get("named-graph-uri", []),
            "max_bytes": self.server.settings.max_result_bytes,
        }
        answer = self.server.engines.run(request)
        return Reply(answer.status, answer.body, answer.content_type, answer.note)


class Server(ThreadingHTTPServer):
    """The HTTP server, holding what every request needs."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # many clients may connect at once; the default (5) refuses some

    site: Site | None = None  # made once the address is known (the service description names it)

    def __init__(self, settings: Settings, engines: EnginePool) -> None:
        self.settings, self.engines = settings, engines
        super().__init__((settings.host, settings.port), Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        """One line for a client that went away; the trace for anything else."""
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            log.info("%s the client went away (%s)", client_address, type(error).__name__)
        else:
            log.exception("error while serving %s", client_address)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(project: Project, folder: Path, settings: Settings) -> None:
    """Serve the build in ``folder`` until interrupted (Ctrl-C or SIGTERM)."""
    build = BuildFolder.locate(folder)
    folder = build.root
    started = time.perf_counter()
    engines = EnginePool(build.store, settings.timeout_s, settings.engines, settings.memory_mb)
    try:
        try:
            server = Server(settings, engines)
        except OSError as exc:
            raise StoreError(f"cannot listen on {settings.host}:{settings.port}: {exc.strerror}") from exc
        host, port = str(server.server_address[0]), server.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        base = f"http://{shown}:{port}"
        # Answer from the first moment the port is open: until the site is loaded, every
        # request gets 503 with Retry-After (connections left waiting in the backlog would be
        # reset if loading failed).
        answering = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="http", daemon=True
        )
        answering.start()
        try:
            site = load_site(project, folder, base)
        except BaseException:
            server.shutdown()
            server.server_close()
            raise
        server.site = site
        log.info(
            "loaded %s: %d triples in %d named graphs (%s)",
            folder,
            site.triples,
            len(site.graphs),
            ", ".join(f"{name.rsplit('/', 1)[-1]} {n}" for name, n in site.graphs.items()),
        )
        log.info(
            "SPARQL engines: %d processes (pids %s), %s",
            len(engines.pids),
            " ".join(str(pid) for pid in engines.pids),
            "each without a network" if engines.isolated else "NOT cut off from the network",
        )
        log.info(
            "limits: %g s, %d MB per query; %d bytes per result, %d bytes per request; CORS %s",
            settings.timeout_s,
            settings.memory_mb,
            settings.max_result_bytes,
            settings.max_request_bytes,
            "on" if settings.cors else "off",
        )
        log.info(
            "listening on %s/ (SPARQL: %s/sparql) after %.1f s; Ctrl-C stops",
            base,
            base,
            time.perf_counter() - started,
        )
        signal.signal(signal.SIGTERM, _stop)
        try:
            while answering.is_alive():
                answering.join(0.5)
        except KeyboardInterrupt:
            log.info("stopping")
        finally:
            server.shutdown()
            server.server_close()
    finally:
        engines.stop()


def main_log(level: int = logging.INFO) -> None:
    """Log to standard error, one line per event."""
    logging.basicConfig(level=level, format="%(asctime)s %(message)s", datefmt="%Y-%m-%dT%H:%M:%S")
