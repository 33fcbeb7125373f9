"""An engine process of ``tppo-kg serve``: answers one query at a time from the store, read-only.

Started by ``kg.serve.backend`` as ``python -m kg.serve.worker``, with one end of a socket pair. Before
it reads anything it leaves the network (``kg.serve.isolation``), bounds its memory and opens the
store read-only; then, for each request: the grammar check (``kg.serve.grammar``), Oxigraph's
own parse and evaluation, and the result written in the format the client accepts, up to
the result cap. Parsers and Oxigraph's evaluator recurse, so the work runs on a thread
with a large stack; a query that still overflows it, or passes the memory bound, ends
this process, and the front door starts another.
"""

from __future__ import annotations

import argparse
import io
import sys
import threading
from typing import Any

import pyoxigraph as ox

from kg.serve.formats import GRAPH_FORMATS, SOLUTION_FORMATS, negotiate
from kg.serve.grammar import grammar_refusal
from kg.serve.isolation import die_with_parent, isolate_network, limit_memory
from kg.serve.wire import receive_message, send_frame, send_message

STACK_BYTES = 128 * 1024 * 1024  # counted in the memory bound; 16 times a main thread's
BOOLEAN_TYPES = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
]


class TooLarge(Exception):
    """The serialised result passed the cap."""


class Capped(io.BytesIO):
    """A buffer that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any, /) -> int:
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise TooLarge
        return super().write(data)


Answer = tuple[dict[str, Any], bytes]


def refuse(status: int, message: str, note: str = "engine refused") -> Answer:
    """A plain-text answer."""
    return {"status": status, "type": "text/plain; charset=utf-8", "note": note}, (message + "\n").encode()


def oxigraph_syntax_error(text: str) -> str | None:
    """Oxigraph's message for a malformed query (asked of an empty store: only with no network)."""
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        return str(exc)
    except Exception:
        return None
    return None


def evaluate(store: ox.Store, request: dict[str, Any], checked: bool, isolated: bool) -> Answer:
    """Check, run and serialise one query of the front door's ``request``."""
    text: str = request["query"]
    if checked:
        refusal = grammar_refusal(text)
        if refusal is not None:
            message = (isolated and refusal.status == 400 and oxigraph_syntax_error(text)) or refusal.message
            return refuse(refusal.status, message, "refused" if refusal.status == 403 else "engine refused")
    try:
        default = [ox.NamedNode(iri) for iri in request.get("default_graph", [])] or None
        named = [ox.NamedNode(iri) for iri in request.get("named_graph", [])] or None
        result = store.query(text, default_graph=default, named_graphs=named)  # type: ignore[arg-type]
    except SyntaxError as exc:
        return refuse(400, str(exc))
    except ValueError as exc:
        return refuse(400, f"a graph IRI is not valid: {exc}")
    accept = request.get("accept")
    buffer = Capped(int(request["max_bytes"]))
    try:
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, list(GRAPH_FORMATS))
            if media is None:
                return refuse(406, "a graph is written as " + ", ".join(GRAPH_FORMATS))
            rdf = GRAPH_FORMATS[media]
            result.serialize(buffer, format=rdf)
            media = rdf.media_type
        else:
            offered = BOOLEAN_TYPES if isinstance(result, ox.QueryBoolean) else list(SOLUTION_FORMATS)
            media = negotiate(accept, offered)
            if media is None:
                return refuse(406, "results are written as " + ", ".join(offered))
            kind = SOLUTION_FORMATS[media]
            result.serialize(buffer, format=kind)
            media = kind.media_type
    except TooLarge:
        return refuse(
            422,
            f"the result is larger than this endpoint's cap of {buffer.limit} bytes: "
            "add a LIMIT or narrow the query",
            "result cap",
        )
    except (OSError, RuntimeError, ValueError) as exc:
        return refuse(500, f"the query failed: {exc}", "query failed")
    return {"status": 200, "type": media, "note": ""}, buffer.getvalue()


def serve_requests(args: argparse.Namespace, isolated_why: str | None) -> None:
    """Answer the front door's requests until it closes the socket pair."""
    import socket

    sock = socket.socket(fileno=args.fd)
    store = ox.Store.read_only(args.store)
    send_message(sock, {"ready": True, "isolated": isolated_why is None, "why": isolated_why or ""})
    while True:
        try:
            request = receive_message(sock)
        except EOFError:
            return
        try:
            header, body = evaluate(store, request, not args.unchecked, isolated_why is None)
        except Exception as exc:  # keep answering; the front door logs the message
            header, body = refuse(500, f"the engine failed on this query: {exc!r}", "engine error")
        send_message(sock, header)
        send_frame(sock, body)


def main() -> None:
    """Isolate, bound and serve (the front door's command line)."""
    parser = argparse.ArgumentParser(prog="python -m kg.serve.worker")
    parser.add_argument("--store", required=True)
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--parent", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--unchecked", action="store_true", help="skip the grammar check (tests only)")
    args = parser.parse_args()
    die_with_parent(args.parent)
    why = isolate_network()  # first: unshare needs a process with one thread
    limit_memory(args.memory_mb)
    sys.setrecursionlimit(200_000)
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=serve_requests, args=(args, why), name="engine")
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
