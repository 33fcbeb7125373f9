"""One real server per module of attacks, with small limits so that every limit is cheap to reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build.pipeline import BuildReport
from tests.serving import Running, running

ALLOWED_HOST = "kg.example.org"
LIMITS = ("--timeout", "2", "--max-result-bytes", "300000", "--max-request-bytes", "20000")


@pytest.fixture(scope="module")
def server(built: tuple[Path, BuildReport]) -> Iterator[Running]:
    """The seed build served with small limits, three engines and one extra host name."""
    out, _ = built
    args = (*LIMITS, "--engines", "3", "--max-query-memory", "400", "--allow-host", ALLOWED_HOST)
    with running(out, *args) as served:
        yield served
