"""The pool of engine processes (``kg.serve.backend``): which engine takes a query, and replacing dead ones.

``size`` engines wait for queries; a query takes an idle engine (waiting at most the time
limit and the time engines take to start) and gives it back when answered. An engine
whose query passed the time limit is killed; one that died is noticed when its answer
does not come, or before it is handed a query. Either way one long-lived thread starts a
fresh engine in its place (engines are told to die with the thread that started them, so
it outlives them all).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.serve.backend import Answer, EngineProcess, text_answer

log = logging.getLogger("tppo-kg.serve.server")

# How long a query may wait for an engine beyond the time limit: the time fresh engines take
# to start on a busy machine, when every engine was just killed.
START_S = 15.0


class EnginePool:
    """A fixed number of engine processes on one store, each answering one query at a time."""

    def __init__(
        self, store: Path, timeout_s: float, size: int = 8, memory_mb: int = 1024, checked: bool = True
    ) -> None:
        self.store, self.timeout_s, self.size = store, timeout_s, size
        self.memory_mb, self.checked = memory_mb, checked
        self._lock = threading.Condition()
        self._idle: list[EngineProcess] = []
        self._all: list[EngineProcess] = []
        self._generation = 0
        self._failure: StoreError | None = None
        self._wanted: queue.Queue[bool] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, name="engine-starter", daemon=True)
        self._spawner.start()
        for _ in range(size):
            self._wanted.put(True)
        with self._lock:
            while len(self._all) < size and self._failure is None:
                self._lock.wait()
        if self._failure is not None:
            self.stop()
            raise self._failure
        isolated = [e for e in self._all if not e.isolated]
        if isolated:
            log.warning(
                "WARNING: the SPARQL engines could not be cut off from the network (%s): a SERVICE "
                "that got past both query checks could make this machine send requests",
                isolated[0].why_not_isolated,
            )

    @property
    def pids(self) -> list[int]:
        """The process ids of the engines."""
        with self._lock:
            return [e.pid for e in self._all]

    @property
    def isolated(self) -> bool:
        """Whether every engine runs without a network."""
        with self._lock:
            return all(e.isolated for e in self._all)

    def run(self, request: dict[str, Any]) -> Answer:
        """Answer one query on an idle engine; on another if that one was found killed from outside
        (each engine at most once: all of them may have been killed at the same moment)."""
        tries = self.size + 1
        for attempt in range(1, tries + 1):
            engine = self._take(time.monotonic() + self.timeout_s + START_S)
            if engine is None:
                return text_answer(503, "every engine of this endpoint is busy: ask again shortly", "busy")
            try:
                answer = engine.ask(request, time.monotonic() + self.timeout_s)
            except TimeoutError:
                self._replace(engine, "a query passed the time limit")
                limit = f"{self.timeout_s:g} s"
                return text_answer(
                    503, f"the query was stopped at this endpoint's time limit of {limit}", "timeout"
                )
            except (EOFError, OSError, ValueError, KeyError):
                cause = engine.death()
                self._replace(engine, cause)
                if cause.startswith("memory bound"):
                    return text_answer(
                        422,
                        f"the query needed more memory than this endpoint allows ({self.memory_mb} MB) "
                        "and was stopped: narrow the query",
                        "memory bound",
                    )
                if attempt < tries and cause != "stack overflow":
                    continue  # killed from outside: a query changes nothing, so asking again is safe
                log.error("the SPARQL engine stopped while answering: %s", cause)
                return text_answer(
                    502, "the SPARQL engine stopped while answering (see the server log)", cause
                )
            self._give_back(engine)
            return answer
        raise AssertionError("unreachable")

    def _take(self, deadline: float) -> EngineProcess | None:
        while True:
            with self._lock:
                while not self._idle:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self._lock.wait(left)
                engine = self._idle.pop()
            if engine.process.poll() is None:
                return engine
            self._replace(engine, engine.death() + " while idle")

    def _give_back(self, engine: EngineProcess) -> None:
        with self._lock:
            self._idle.append(engine)
            self._lock.notify()

    def _replace(self, engine: EngineProcess, cause: str) -> None:
        with self._lock:
            if engine not in self._all:
                return
            self._all.remove(engine)
        engine.stop()
        log.info(
            "engine %d (pid %d) stopped: %s; a fresh engine takes its place",
            engine.generation,
            engine.pid,
            cause,
        )
        self._wanted.put(True)

    def _spawn_loop(self) -> None:
        while self._wanted.get():
            with self._lock:
                self._generation += 1
                generation = self._generation
            started = time.perf_counter()
            try:
                engine = EngineProcess(self.store, generation, self.memory_mb, self.checked)
            except StoreError as exc:
                log.error("could not start a SPARQL engine: %s", exc)
                with self._lock:
                    self._failure = exc
                    self._lock.notify_all()
                continue
            with self._lock:
                self._all.append(engine)
                self._idle.append(engine)
                self._lock.notify_all()
            if generation > self.size:
                took = time.perf_counter() - started
                log.info("engine %d (pid %d) started in %.2f s", generation, engine.pid, took)

    def stop(self) -> None:
        """Stop every engine."""
        self._wanted.put(False)
        with self._lock:
            engines, self._all, self._idle = list(self._all), [], []
        for engine in engines:
            engine.stop()
