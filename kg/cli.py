"""The ``tppo-kg`` command: a thin layer over plain functions that tests call directly."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from kg import __version__
from kg.build.folder import BuildFolder
from kg.errors import KGError, StoreError
from kg.query.endpoint import Endpoint
from kg.query.engine import ENGINES
from kg.query.results import FORMATS
from kg.read.project import Project

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_OUT = Path("out")


def out_folder_option(help_text: str) -> Callable[[F], F]:
    """The ``--out DIR`` option of the commands that write or read a build folder."""
    return click.option(
        "--out",
        "out",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_OUT,
        show_default=True,
        help=help_text,
    )


STORE_OPTION = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="The folder 'tppo-kg build --out' wrote.",
)
ENDPOINT_OPTION = click.option(
    "--endpoint",
    "endpoint",
    default=None,
    metavar="URL",
    help="A SPARQL 1.1 server (an Oxigraph server's base URL; others via tppo-kg.toml, see README).",
)
PROJECT_OPTION = click.option(
    "--project",
    "root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Project folder (default: the current folder, else this checkout).",
)


def _push(url: str | None, project: Project, out: Path) -> None:
    """Load the build into the configured SPARQL server, if any (its bulk loader when
    [endpoint.bulk] names one, else the Graph Store Protocol)."""
    from kg.query.endpoint import resolve

    endpoint = resolve(url, project.root)
    if endpoint is not None:
        _load(endpoint, out)


def _load(endpoint: Endpoint, out: Path) -> None:
    from kg.query.bulk import virtuoso_load
    from kg.query.remote import push

    sent = virtuoso_load(endpoint, out) if endpoint.bulk is not None else push(endpoint, out)
    how = "Virtuoso's bulk loader" if endpoint.bulk is not None else "the Graph Store Protocol"
    click.echo(f"loaded {sum(sent.values())} triples in {len(sent)} graphs into {endpoint.where()} ({how})")


def _fail(error: KGError) -> NoReturn:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


class Commands(click.Group):
    """The command group: any KGError a command raises becomes one line on standard error and
    the exit code the README lists for its class (one place, not a try in every command)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as error:
            _fail(error)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tppo-kg")
def main() -> None:
    """A knowledge graph of trafficking in persons (TPPO) and its diplomacy in Southeast Asia."""


REVIEWED_OPTION = click.option(
    "--reviewed-only",
    is_flag=True,
    help="Leave out the facts a program proposed (method: machine) that no person has reviewed.",
)


@main.command()
@out_folder_option("Folder for the dataset files and the embedded store.")
@PROJECT_OPTION
@ENDPOINT_OPTION
@REVIEWED_OPTION
def build(out: Path, root: Path | None, endpoint: str | None, reviewed_only: bool) -> None:
    """Build the graph from the sources, validate it, write it and the store."""
    from kg.build.pipeline import build as run_build

    project = Project.locate(root)
    report = run_build(project, out, reviewed_only)
    click.echo(report.summary())
    _push(endpoint, project, out)
    built = BuildFolder(out)
    names = ", ".join(p.name for p in (built.ttl, built.jsonld, built.report))
    click.echo(f"wrote {built.trig}, {names} and {built.store}")


@main.command()
@PROJECT_OPTION
def validate(root: Path | None) -> None:
    """Check sources, facts and shapes without writing anything; list every problem."""
    from kg.build.pipeline import build as run_build

    with tempfile.TemporaryDirectory(prefix="tppo-kg-validate-") as scratch:
        report = run_build(Project.locate(root), Path(scratch))
    click.echo(report.summary())


@main.group(name="import")
def import_() -> None:
    """Import an official dataset into a built graph (its own named graph)."""


@import_.command(name="glotip")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@out_folder_option("The folder 'tppo-kg build' wrote.")
@PROJECT_OPTION
@ENDPOINT_OPTION
def import_glotip_command(file: Path | None, out: Path, root: Path | None, endpoint: str | None) -> None:
    """UNODC's GLOTIP export (default: data/glotip/glotip_unodc.xlsx) as observations and victim flows."""
    from kg.imports.importer import import_glotip

    project = Project.locate(root)
    report = import_glotip(project, file or project.glotip, out)
    click.echo(report.summary())
    built = BuildFolder(out)
    click.echo(f"wrote {built.imported('glotip')} and rebuilt {built.store}")
    _push(endpoint, project, out)


@main.command()
@out_folder_option("The folder 'tppo-kg build' wrote.")
@PROJECT_OPTION
@ENDPOINT_OPTION
@click.option(
    "--oxigraph",
    "oxigraph",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Load into this Oxigraph server's folder with 'oxigraph load' (the server stopped) instead.",
)
def load(out: Path, root: Path | None, endpoint: str | None, oxigraph: Path | None) -> None:
    """Load a build (and its imports) into a SPARQL server, replacing the project's graphs there."""
    if not BuildFolder(out).trig.is_file():
        raise StoreError(f"no build in {out}: run tppo-kg build --out {out} first")
    if oxigraph is not None:
        from kg.query.bulk import oxigraph_load

        sent = oxigraph_load(oxigraph, out)
        click.echo(
            f"loaded {sum(sent.values())} triples in {len(sent)} graphs into {oxigraph} (oxigraph load)"
        )
        return
    from kg.query.endpoint import resolve

    found = resolve(endpoint, Project.locate(root).root)
    if found is None:
        raise click.UsageError("load needs --endpoint URL, TPPO_KG_ENDPOINT, tppo-kg.toml or --oxigraph DIR")
    _load(found, out)


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the queries with their questions.")
@click.option(
    "--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="Bind a parameter (repeatable)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--engine",
    type=click.Choice([*ENGINES, "endpoint"]),
    default=None,
    help="oxigraph (default): the embedded store; rdflib: plain rdflib in memory; "
    "endpoint: the SPARQL server of --endpoint or tppo-kg.toml (the default when one is configured).",
)
@STORE_OPTION
@PROJECT_OPTION
@ENDPOINT_OPTION
def query(
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    engine: str | None,
    store: Path,
    root: Path | None,
    endpoint: str | None,
) -> None:
    """Run a query of the library by NAME (or a .rq FILE), or list them."""
    from kg.query.ask import ask, labels, parse_params
    from kg.query.library import library
    from kg.query.results import render

    project = Project.locate(root)
    if list_:
        for q in library(project.queries):
            extra = f" [{', '.join(q.parameters)}]" if q.parameters else ""
            click.echo(f"{q.name}{extra}\n    {q.question}")
        return
    if not name:
        raise click.UsageError("give a query NAME or FILE, or --list")
    from kg.query.endpoint import resolve
    from kg.query.remote import RemoteEngine

    remote = resolve(endpoint, project.root) if engine in (None, "endpoint") else None
    if engine == "endpoint" and remote is None:
        raise click.UsageError("--engine endpoint needs --endpoint URL, TPPO_KG_ENDPOINT or tppo-kg.toml")
    runner = RemoteEngine(remote) if remote is not None else (engine or "oxigraph")
    _, answer = ask(project, name, parse_params(params), runner, store)
    names = labels(runner, store, answer) if fmt == "table" else None
    click.echo(render(answer, fmt, names), nl=False)


@main.command()
@out_folder_option("Folder for the dataset, the store and the answers.")
@PROJECT_OPTION
@REVIEWED_OPTION
def run(out: Path, root: Path | None, reviewed_only: bool) -> None:
    """The main job: build and validate the graph, import GLOTIP, answer the questions, write the explorer."""
    from kg.build.pipeline import build as run_build
    from kg.explore.explorer import write_explorer
    from kg.imports.importer import import_glotip
    from kg.progress import step
    from kg.query.ask import write_answers

    project = Project.locate(root)
    report = run_build(project, out, reviewed_only)
    click.echo(report.summary())
    glotip = import_glotip(project, project.glotip, out)
    click.echo(glotip.summary())
    with step("answering every question"):
        done = write_answers(project, out, out / "answers")
    with step("writing the explorer"):
        page = write_explorer(project, out, out / "explorer.html")
    for q, rows in done:
        click.echo(f"  {rows:5d} rows  {q.name}")
    click.echo(f"wrote {out}/ (dataset, store), {out}/answers/ ({len(done)} questions)")
    click.echo(
        f"wrote {out}/explorer.html ({page['states']} states, {page['corridors']} corridors, "
        f"{page['entities']} entities): open it in a browser, no network needed"
    )


@main.command()
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_OUT / "explorer.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--open", "open_", is_flag=True, help="Open the page in the default browser.")
@STORE_OPTION
@PROJECT_OPTION
def explore(out: Path, open_: bool, store: Path, root: Path | None) -> None:
    """Write the explorer: one self-contained HTML page that works offline."""
    from kg.explore.explorer import write_explorer

    page = write_explorer(Project.locate(root), store, out)
    click.echo(
        f"wrote {out}: {page['states']} states, {page['corridors']} corridors ({page['claims']} claims), "
        f"{page['entities']} entities, {page['links']} links"
    )
    if open_:
        import webbrowser

        try:
            opened = webbrowser.open(out.resolve().as_uri())
        except webbrowser.Error:
            opened = False
        if not opened:
            click.echo(
                f"no web browser could be opened here: open {out.resolve()} in one (it needs no network)"
            )


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface)."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one)."
)
@click.option(
    "--timeout",
    "timeout_s",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1),
    help="Seconds a query may run before it is stopped (503).",
)
@click.option(
    "--max-result-bytes",
    default=50_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Largest result sent; a larger one is refused (422).",
)
@click.option(
    "--max-request-bytes",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body or query string taken (413).",
)
@click.option("--cors", is_flag=True, help="Allow cross-origin requests from any web page.")
@click.option(
    "--allow-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable); by default only the bound address "
    "and the loopback names are answered.",
)
@click.option(
    "--engines",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Engine processes: how many queries run at once.",
)
@click.option(
    "--max-query-memory",
    "memory_mb",
    default=1024,
    show_default=True,
    type=click.IntRange(256),
    help="Megabytes an engine process may use for a query; past it the query is refused (422).",
)
@STORE_OPTION
@PROJECT_OPTION
def serve(
    host: str,
    port: int,
    timeout_s: float,
    max_result_bytes: int,
    max_request_bytes: int,
    cors: bool,
    allowed_hosts: tuple[str, ...],
    engines: int,
    memory_mb: int,
    store: Path,
    root: Path | None,
) -> None:
    """Serve the build read-only: SPARQL endpoint, query editor, explorer and ontology, on one port."""
    from kg.serve.server import Settings, main_log
    from kg.serve.server import serve as run_server

    main_log()
    names = frozenset(name.strip().lower().rstrip(".") for name in allowed_hosts)
    settings = Settings(
        host, port, timeout_s, max_result_bytes, max_request_bytes, cors, engines, memory_mb, names
    )
    run_server(Project.locate(root), store, settings)


@main.command()
@click.option("--view", type=click.Choice(["flows", "entities"]), default="flows", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "gexf", "csv"]), default="graphml", show_default=True
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@STORE_OPTION
@PROJECT_OPTION
def network(view: str, fmt: str, out: Path | None, store: Path, root: Path | None) -> None:
    """Export the flow or entity network for Gephi and other tools (GraphML, GEXF, CSV)."""
    from kg.explore.analytics import export, write_export
    from kg.explore.network import NetworkBuilder
    from kg.query.engine import OxigraphEngine

    builder = NetworkBuilder(Project.locate(root), OxigraphEngine(store))
    graph = builder.flow_graph() if view == "flows" else builder.entity_graph()
    if out is None:
        click.echo(export(graph, fmt), nl=False)
    else:
        write_export(graph, fmt, out)
        click.echo(f"wrote {out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


# Reading news into draft sources, and reviewing the drafts (kg/ingest/).
from kg.ingest.commands import ingest_command, review_command  # noqa: E402

main.add_command(ingest_command)
main.add_command(review_command)

if __name__ == "__main__":  # pragma: no cover
    main()
