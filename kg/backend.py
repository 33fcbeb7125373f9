"""The SPARQL engine behind ``tppo-kg serve``: ``oxigraph serve-read-only`` processes.

Oxigraph cannot stop a query that is running except with its ``--timeout-s`` option, and
that option keeps one operating-system thread per query alive for the whole time limit
(oxigraph/oxigraph#1874): at a few hundred queries a second the engine runs out of
threads and answers 500. So the engine runs without it, and a query that passes the
time limit is stopped with its process: the front door answers 503 at once, starts a
fresh engine on the same store, sends new queries there, and stops the old process as
soon as the queries it still runs have been answered or have passed their own limit.
Queries in flight elsewhere are not disturbed, and no query runs longer than about twice
the limit.
"""

from __future__ import annotations

import ctypes
import logging
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import StoreError
from kg.remote import oxigraph_binary

log = logging.getLogger("tppo-kg.serve")


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None


# Looked up here, not in the child: between fork and exec only a plain call is safe.
_PRCTL = _prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the engine process, on Linux: be stopped when the front door dies, even by SIGKILL.

    The signal comes when the *thread* that started the engine ends, so engines are only
    started by threads that live as long as the server (see ``Engines``)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Engine:
    """One ``oxigraph serve-read-only`` process on a private loopback port."""

    def __init__(self, store: Path, generation: int = 1, start_s: float = 120.0) -> None:
        self.generation = generation
        self.in_flight = 0
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port: int = sock.getsockname()[1]
        command = [oxigraph_binary(), "serve-read-only", "--location", str(store)]
        command += ["--bind", f"127.0.0.1:{self.port}"]
        # Its messages go to a file, never to a pipe that nobody reads (a full pipe stops it).
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the engine; closed by stop)
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
            preexec_fn=_die_with_parent if _PRCTL is not None else None,  # none on Windows
        )
        deadline = time.monotonic() + start_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.errors.seek(0)
                error = self.errors.read().decode(errors="replace").strip()
                raise StoreError(f"the SPARQL engine did not start: {error}", store)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"the SPARQL engine did not start within {start_s:.0f} s", store)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        """Stop the process (and whatever query it is running)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.errors.close()


class Engines:
    """The current engine, and the replacement of one that runs an overdue query."""

    def __init__(self, store: Path, timeout_s: float) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self._lock = threading.Condition()
        self._current = Engine(store)
        self._retiring: list[Engine] = []
        self._replacing = False
        self._stale: queue.Queue[Engine | None] = queue.Queue()
        # Engines are started by this one long-lived thread (see _die_with_parent).
        self._replacer = threading.Thread(target=self._replace_loop, name="engine-replacer", daemon=True)
        self._replacer.start()

    @property
    def current(self) -> Engine:
        return self._current

    def acquire(self) -> Engine:
        """The engine a new query goes to; ``release`` it when the answer is read or abandoned."""
        with self._lock:
            engine = self._current
            engine.in_flight += 1
            return engine

    def release(self, engine: Engine) -> None:
        with self._lock:
            engine.in_flight -= 1
            self._lock.notify_all()

    def overdue(self, engine: Engine) -> None:
        """A query on ``engine`` passed the time limit: have that engine replaced, once."""
        with self._lock:
            if engine is not self._current or self._replacing:
                return
            self._replacing = True
        self._stale.put(engine)

    def _replace_loop(self) -> None:
        while (engine := self._stale.get()) is not None:
            try:
                fresh = Engine(self.store, engine.generation + 1)
            except StoreError:
                log.exception("could not start a fresh SPARQL engine; the old one keeps serving")
                with self._lock:
                    self._replacing = False
                continue
            with self._lock:
                self._current = fresh
                self._replacing = False
                self._retiring.append(engine)
            log.info(
                "a query passed the time limit: engine %d (pid %d) replaced by engine %d (pid %d)",
                engine.generation,
                engine.pid,
                fresh.generation,
                fresh.pid,
            )
            threading.Thread(target=self._retire, args=(engine,), daemon=True).start()

    def _retire(self, engine: Engine) -> None:
        """Stop ``engine`` once its other queries are answered, or at the latest when their
        limits have passed (every query it still runs started before now)."""
        deadline = time.monotonic() + self.timeout_s + 1
        with self._lock:
            # The overdue query itself was released by its handler: wait for the others.
            while engine.in_flight > 0 and time.monotonic() < deadline:
                self._lock.wait(timeout=max(0.0, deadline - time.monotonic()))
        engine.stop()
        with self._lock:
            self._retiring.remove(engine)
        log.info("engine %d (pid %d) stopped", engine.generation, engine.pid)

    def stop(self) -> None:
        """Stop every engine."""
        self._stale.put(None)
        with self._lock:
            engines = [self._current, *self._retiring]
        for engine in engines:
            engine.stop()
