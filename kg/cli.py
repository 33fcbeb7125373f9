"""The ``tppo-kg`` command: a thin layer over plain functions that tests call directly."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from kg import __version__
from kg.errors import KGError
from kg.project import Project

DEFAULT_OUT = Path("out")


def _fail(error: KGError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tppo-kg")
def main() -> None:
    """A knowledge graph of trafficking in persons (TPPO) and its diplomacy in Southeast Asia."""


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the dataset files and the embedded store.",
)
@click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (default: the current folder, else this checkout).",
)
def build(out: Path, root: Path | None) -> None:
    """Build the graph from the sources, validate it, write it and the store."""
    from kg.build import build as run_build

    try:
        report = run_build(Project.locate(root), out)
    except KGError as error:
        _fail(error)
    click.echo(report.summary())
    click.echo(f"wrote {out}/tppo-kg.trig, tppo-kg.ttl, tppo-kg.jsonld, build-report.json and {out}/store")


@main.command()
@click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (default: the current folder, else this checkout).",
)
def validate(root: Path | None) -> None:
    """Check sources, facts and shapes without writing anything; list every problem."""
    from kg.build import build as run_build

    with tempfile.TemporaryDirectory(prefix="tppo-kg-validate-") as scratch:
        try:
            report = run_build(Project.locate(root), Path(scratch))
        except KGError as error:
            _fail(error)
    click.echo(report.summary())


if __name__ == "__main__":  # pragma: no cover
    main()
