"""A real ``tppo-kg serve`` process for tests, clients that ask it, a listener that must stay unreached."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    """A server process, its base URL and what it logged so far."""

    url: str
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def wait_for_log(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.log if text in line]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"no log line with {text!r} in:\n" + "\n".join(self.log))


@contextmanager
def running(out: Path, *args: str, port: int | None = None) -> Iterator[Running]:
    """``tppo-kg serve`` on ``out`` as its own process, until the block ends."""
    port = port or free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(out), "--project", str(ROOT)]
    command += ["--port", str(port), *args]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    server = Running(f"http://127.0.0.1:{port}", process)

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            server.log.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any("listening on" in line for line in server.log):
            if process.poll() is not None or time.monotonic() > deadline:
                time.sleep(0.2)
                raise AssertionError("the server did not start:\n" + "\n".join(server.log))
            time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def http(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> Reply:
    """Any request; HTTP errors are replies too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(
                response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
            )
    except urllib.error.HTTPError as error:
        return Reply(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def form(url: str, **fields: str) -> Reply:
    data = urllib.parse.urlencode(fields).encode()
    return http(url, data, {"Content-Type": "application/x-www-form-urlencoded"})


def count_triples(server: Running) -> int:
    reply = form(server.url + "/sparql", query="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert reply.status == 200
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


@contextmanager
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP port on 127.0.0.1 that records every connection made to it."""
    seen: list[bytes] = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(4096))
                except OSError:
                    seen.append(b"")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1], seen
    finally:
        stop.set()
        thread.join()
        sock.close()


def engine_pids(server: Running) -> list[int]:
    """The engine processes of a running server (its children, on Linux)."""
    pids: list[int] = []
    for task in Path(f"/proc/{server.process.pid}/task").iterdir():
        try:
            pids += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def raw(server: Running, data: bytes, wait: float = 1.0) -> bytes:
    """Send bytes as they are on a fresh connection; everything the server sent back until it
    closed the connection or stayed silent for ``wait`` seconds."""
    port = int(server.url.rsplit(":", 1)[1])
    got = b""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            got += chunk
    return got
