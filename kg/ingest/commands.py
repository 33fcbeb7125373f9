"""The ``ingest`` and ``review`` commands; ``kg.cli`` registers them. Thin: plain functions do the work."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KGError
from kg.read.project import Project

_PROJECT = click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (default: the current folder, else this checkout).",
)


def _fail(error: KGError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


@click.command(name="ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["id", "en", "auto"]), default="auto", show_default=True)
@click.option(
    "--publisher", metavar="REF", default=None, help="The publisher, a row of organisations.csv (org/tempo)."
)
@click.option("--published", metavar="DATE", default=None, help="Publication date, YYYY[-MM[-DD]], if known.")
@click.option("--url", default=None, help="Where the article was published, if known.")
@click.option("--title", default=None, help="The article's title, if the file does not give it.")
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be proposed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_PROJECT
def ingest_command(
    files: tuple[Path, ...],
    lang: str,
    publisher: str | None,
    published: str | None,
    url: str | None,
    title: str | None,
    dry_run: bool,
    fmt: str,
    root: Path | None,
) -> None:
    """Read news articles (.txt or saved .html) into draft sources under data/sources/ for review."""
    from kg.ingest.run import Options, ingest

    try:
        project = Project.locate(root)
        options = Options(lang, publisher, published, url, title)
        done = ingest(project, list(files), options, dry_run=dry_run, progress=len(files) > 1)
    except KGError as error:
        _fail(error)
    if fmt == "json":
        proposals = [item.proposal() for item in done]
        payload = proposals[0] if len(proposals) == 1 else {"articles": proposals}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False))
        return
    for item in done:
        verb = "would write" if dry_run else "wrote"
        machine = sum(1 for f in item.facts if f.get("method") == "machine")
        click.echo(
            f"{verb} data/sources/{item.slug}/: {len(item.analysis.sentences)} sentences, "
            f"{machine} proposed facts, {len(item.analysis.furniture.lines)} furniture lines"
        )
    if not dry_run:
        click.echo("next: tppo-kg review SLUG, then tppo-kg validate")


@click.command(name="review")
@click.argument("slug", required=False)
@click.option(
    "--reviewer", default=None, help="Who reviews (recorded on each accepted fact); asked if not given."
)
@_PROJECT
def review_command(slug: str | None, reviewer: str | None, root: Path | None) -> None:
    """Accept, edit or reject the machine's proposals of a source, one by one."""
    from kg.ingest.review import run_review

    try:
        run_review(
            Project.locate(root),
            slug,
            reviewer,
            sys.stdin,
            sys.stdout,
        )
    except KGError as error:
        _fail(error)
