"""What a long step says while it runs: a progress bar on a terminal, and a line now and then
when standard error is a file or a pipe (a CI log, ``2>log``), instead of minutes of silence."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
EVERY = 10.0  # seconds between two lines when standard error is not a terminal


def on_terminal() -> bool:
    return sys.stderr.isatty()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def counted(items: Iterable[T], what: str, total: int | None = None, every: float = EVERY) -> Iterator[T]:
    """``items``, with a bar on a terminal, else a line every ``every`` seconds
    ("GLOTIP rows: 20,000 of 65,398")."""
    if on_terminal():
        from tqdm import tqdm

        yield from tqdm(items, desc=what, unit="", total=total, file=sys.stderr)
        return
    last, n = time.monotonic(), 0
    for n, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if now - last >= every:
            last = now
            _say(f"{what}: {n:,}" + (f" of {total:,}" if total else ""))
    _say(f"{what}: {n:,} done")


@contextmanager
def step(what: str, every: float = EVERY) -> Iterator[None]:
    """A long step without a count: when standard error is not a terminal, say when it starts,
    that it is still running every ``every`` seconds, and when it ends."""
    if on_terminal():
        yield
        return
    start = time.monotonic()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(every):
            _say(f"{what}: still running ({time.monotonic() - start:.0f} s)")

    _say(f"{what} ...")
    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
    _say(f"{what}: done in {time.monotonic() - start:.1f} s")
