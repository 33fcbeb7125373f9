"""What the terminal shows: tables people read, progress in logs, and what --open could not do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.progress import counted, step
from tests.conftest import ROOT


def query(built: tuple[Path, Any], *args: str) -> str:
    result = CliRunner().invoke(main, ["query", *args, "--store", str(built[0]), "--project", str(ROOT)])
    assert result.exit_code == 0, result.output
    return result.output


def test_tables_show_labels_not_iris_and_no_language_tags(built: tuple[Path, Any]) -> None:
    output = query(built, "repatriations")
    assert "Cambodia" in output and "Indonesia" in output
    assert "id:country/" not in output and "@en" not in output and "@id" not in output
    assert "--format csv" in output  # values were cut or shown by their labels: how to get them in full
    csv = query(built, "repatriations", "--format", "csv")
    assert "https://w3id.org/tppo-kg/id/country/KHM" in csv  # the full values, for scripts


def test_a_table_that_fits_says_nothing_more(built: tuple[Path, Any]) -> None:
    output = query(built, "case-counts-by-year")
    assert "(4 rows)" in output
    assert "752" in output


def test_long_steps_print_a_line_now_and_then_when_not_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert list(counted(range(5), "rows", total=5, every=0.0)) == [0, 1, 2, 3, 4]
    with step("loading", every=0.01):
        import time

        time.sleep(0.05)
    err = capsys.readouterr().err.splitlines()
    assert "rows: 3 of 5" in err and "rows: 5 done" in err
    assert err[-1].startswith("loading: done in")
    assert "loading ..." in err and any(line.startswith("loading: still running") for line in err)


def test_explore_open_says_so_when_no_browser_can_be_opened(
    built: tuple[Path, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    page = tmp_path / "explorer.html"
    result = CliRunner().invoke(
        main, ["explore", "--store", str(built[0]), "--out", str(page), "--open", "--project", str(ROOT)]
    )
    assert result.exit_code == 0, result.output
    assert "no web browser could be opened here" in result.output and str(page) in result.output
