"""Big loads by a server's own bulk loader instead of the Graph Store Protocol.

- **Virtuoso**: its bulk loader (``ld_dir`` and ``rdf_loader_run``) run through ``isql``,
  when ``[endpoint.bulk]`` in ``tppo-kg.toml`` names isql's address and a folder both this
  machine and the server can read (one of its ``DirsAllowed``). The account needs, besides
  ``SPARQL_UPDATE``, EXECUTE on ``DB.DBA.ld_dir`` and ``DB.DBA.rdf_loader_run`` and SELECT
  and DELETE on ``DB.DBA.load_list`` (``kg.query.servers.start_virtuoso`` grants them).
- **Oxigraph**: ``oxigraph load`` into a server's folder while the server is stopped
  (``tppo-kg load --oxigraph DIR``).

Both load what ``push`` sends: each named graph of the build and their merge
(``kg.query.remote.MERGED``), after removing the project's graphs (and only those).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from kg.errors import StoreError
from kg.query.endpoint import Endpoint
from kg.query.remote import GRAPHS, RemoteEngine, project_graphs, split
from kg.query.servers import isql, oxigraph_binary

# Graph names go into SQL and SPARQL text: only the characters our own IRIs use.
SAFE_GRAPH = re.compile(r"[A-Za-z0-9:/._~%-]+")


def _checked(name: str) -> str:
    if not name.startswith(GRAPHS) or not SAFE_GRAPH.fullmatch(name):
        raise StoreError(f"refusing to load graph {name!r}: not a graph of the project's namespace {GRAPHS}")
    return name


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def virtuoso_load(endpoint: Endpoint, out: Path) -> dict[str, int]:
    """Replace the project's graphs on a Virtuoso server with the build's, by its bulk loader."""
    bulk = endpoint.bulk
    if bulk is None or endpoint.user is None or endpoint.password is None:
        raise StoreError(
            "Virtuoso's bulk loader needs [endpoint.bulk] (isql, folder) and a user and password"
        )
    on_server = project_graphs(RemoteEngine(endpoint))
    scratch = Path(tempfile.mkdtemp(prefix="tppo-kg-", dir=bulk.folder))
    try:
        scratch.chmod(0o755)  # the server may run as another user
        files, sent = split(out, scratch)
        lines = [
            "log_enable(3, 1);",  # no transaction log for the load: row by row autocommit
            f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {_sql_text(str(scratch) + '/%')};",
        ]
        lines += [f"SPARQL CLEAR GRAPH <{_checked(g)}>;" for g in sorted(on_server | set(files))]
        for name, path in sorted(files.items()):
            path.chmod(0o644)
            lines.append(
                f"ld_dir({_sql_text(str(scratch))}, {_sql_text(path.name)}, {_sql_text(_checked(name))});"
            )
        lines += [
            "rdf_loader_run();",
            "checkpoint;",
            "SELECT 'failed', ll_file, ll_error FROM DB.DBA.load_list "
            f"WHERE ll_file LIKE {_sql_text(str(scratch) + '/%')} AND ll_error IS NOT NULL;",
            f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {_sql_text(str(scratch) + '/%')};",
        ]
        output = isql(bulk.isql, endpoint.user, endpoint.password, "\n".join(lines))
        failed = [line for line in output.splitlines() if line.startswith("failed")]
        if failed:
            raise StoreError(f"Virtuoso's bulk loader refused a file: {' '.join(failed[0].split())}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return dict(sent)


def oxigraph_load(location: Path, out: Path) -> dict[str, int]:
    """Replace the project's graphs in an Oxigraph server's folder (the server stopped) with
    the build's, by ``oxigraph load``."""
    if location.exists() and (
        not location.is_dir() or (any(location.iterdir()) and not (location / "CURRENT").is_file())
    ):
        raise StoreError(f"{location} is not an Oxigraph store folder (nor a new, empty one): nothing loaded")
    program = oxigraph_binary()
    drop = (
        f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPHS}")) }}'
    )
    with tempfile.TemporaryDirectory(prefix="tppo-kg-load-") as scratch:
        files, sent = split(out, Path(scratch))
        steps = [[program, "update", "--location", str(location), "--update", drop]]
        steps += [
            [program, "load", "--location", str(location), "--file", str(path), "--graph", _checked(name)]
            for name, path in sorted(files.items())
        ]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                reason = " ".join(done.stderr.split())[:300]
                raise StoreError(f"oxigraph {step[1]} into {location} failed: {reason}")
    return dict(sent)
