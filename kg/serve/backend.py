"""The engines behind ``tppo-kg serve``: a pool of ``kg.serve.worker`` processes, one query each at a time.

Each engine is a Python process with the store open read-only, in a network namespace of
its own, with bounded memory (``kg.serve.isolation``), talking to the front door over a socket
pair. One query per process at a time makes every limit a limit of that query alone: a
query past the time limit is stopped by killing its process (the client gets 503 at
once); a query past the memory bound, or one that crashes the evaluator, ends only its
own process; and an engine killed from outside (``kill -9``, the kernel's out-of-memory
killer) is noticed at the next query. Each time, a fresh process takes the dead one's
place (about a third of a second), while the other engines go on answering.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.serve.wire import receive_frame, receive_message, send_message

log = logging.getLogger("tppo-kg.serve.server")


@dataclass(frozen=True)
class Answer:
    """What an engine answered, or why it could not."""

    status: int
    content_type: str
    body: bytes
    note: str = ""


def text_answer(status: int, message: str, note: str) -> Answer:
    """A plain-text answer of the front door's own."""
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode(), note)


class EngineProcess:
    """One engine process and the front door's end of its socket pair."""

    def __init__(self, store: Path, generation: int, memory_mb: int, checked: bool = True) -> None:
        self.generation = generation
        self.sock, theirs = socket.socketpair()
        command = [
            sys.executable,
            "-m",
            "kg.serve.worker",
            "--store",
            str(store),
            "--fd",
            str(theirs.fileno()),
        ]
        command += ["--parent", str(os.getpid()), "--memory-mb", str(memory_mb)]
        command += [] if checked else ["--unchecked"]
        # Its messages go to a file, never to a pipe that nobody reads (a full pipe stops it).
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the engine; closed by stop)
        self.process = subprocess.Popen(
            command,
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
            env={**os.environ, "RUST_BACKTRACE": "0"},
        )
        theirs.close()
        try:
            hello = receive_message(self.sock, time.monotonic() + 120)
        except (EOFError, TimeoutError, OSError, ValueError) as exc:
            self.stop()
            raise StoreError(f"the SPARQL engine did not start: {self.last_words() or exc}", store) from exc
        self.isolated: bool = hello["isolated"]
        self.why_not_isolated: str = hello["why"]

    @property
    def pid(self) -> int:
        return self.process.pid

    def ask(self, request: dict[str, Any], deadline: float) -> Answer:
        """Send one query and read its answer; ``TimeoutError`` past ``deadline``, ``EOFError``
        or ``OSError`` when the process is gone."""
        send_message(self.sock, request)
        header = receive_message(self.sock, deadline)
        body = receive_frame(self.sock, deadline)
        return Answer(header["status"], header["type"], body, header["note"])

    def last_words(self) -> str:
        """What tells most about the process's end in what it wrote to standard error: the
        allocation that failed, the panic, or else the last line."""
        self.errors.seek(0)
        lines = self.errors.read()[-65536:].decode(errors="replace").strip().splitlines()
        for mark in ("memory allocation", "overflowed its stack", "panicked at"):
            found = [line for line in lines if mark in line]
            if found:
                return found[-1].strip()
        return lines[-1] if lines else ""

    def death(self) -> str:
        """Why the process ended, in a few words (it is waited for)."""
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        words = self.last_words()
        if "memory allocation" in words:
            return f"memory bound reached ({words})"
        if "overflowed its stack" in words:
            return "stack overflow"
        return f"exit status {code}" + (f" ({words})" if words else "")

    def stop(self) -> None:
        """Kill the process (and whatever query it is running)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.sock.close()
        self.errors.close()
