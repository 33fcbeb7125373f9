"""Starting real SPARQL servers on this machine's loopback, for the tests, CI and benchmarks:
an Oxigraph server (``pip install oxigraph``) and Debian's Virtuoso 7.2
(``apt-get install virtuoso-opensource``).

``python -m kg.query.servers virtuoso --folder DIR`` starts Virtuoso in DIR with a minimal
``virtuoso.ini`` (loopback only, its own ports), sets a fresh password on the ``dba``
account, makes an account for the project (Graph Store writes and the bulk loader) and
prints the shell lines that tell the tests where it is (``.ci/run`` evaluates them).
"""

from __future__ import annotations

import argparse
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import StoreError
from kg.query.endpoint import Bulk, Endpoint


def free_port() -> int:
    """A TCP port nobody listens on now, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], wait_s: float, what: str) -> None:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"{what} stopped at start-up (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise StoreError(f"{what} did not start within {wait_s:.0f} s")


def oxigraph_binary() -> str:
    """The Oxigraph server program (the ``oxigraph`` package), beside this Python or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def start_oxigraph_server(location: Path, port: int, wait_s: float = 10.0) -> subprocess.Popen[bytes]:
    """Start ``oxigraph serve`` (pip install oxigraph) on 127.0.0.1 and wait until it answers."""
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait(
        f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
        process,
        wait_s,
        f"the Oxigraph server on port {port}",
    )
    return process


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = {load}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
MaxQueryMem = 1G
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/vsp
ServerThreads = 8
MaxClientConnections = 8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Virtuoso:
    """A Virtuoso server started here, and the account the project uses on it."""

    process: subprocess.Popen[bytes]
    folder: Path
    http_port: int
    isql_port: int
    user: str
    password: str = field(repr=False)
    max_rows: int

    @property
    def endpoint(self) -> Endpoint:
        base = f"http://127.0.0.1:{self.http_port}"
        return Endpoint(
            query=f"{base}/sparql",
            store=f"{base}/sparql-graph-crud-auth",
            user=self.user,
            password=self.password,
            max_rows=self.max_rows,
            bulk=Bulk(f"127.0.0.1:{self.isql_port}", self.folder / "load"),
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def virtuoso_binary() -> str:
    found = shutil.which("virtuoso-t")
    if found is None:
        raise StoreError("Virtuoso is not installed: apt-get install virtuoso-opensource")
    return found


def isql(address: str, user: str, password: str, statements: str, timeout_s: float = 3600) -> str:
    """Run SQL statements with Virtuoso's isql (Debian's ``isql-vt``). isql takes the password
    only as an argument (visible to this machine's ``ps``, never printed nor logged here);
    an error message has it masked."""
    program = shutil.which("isql-vt") or shutil.which("isql")
    if program is None:
        raise StoreError("Virtuoso's isql is not installed: apt-get install virtuoso-opensource")
    host, _, port = address.rpartition(":")
    done = subprocess.run(
        [
            program,
            f"{host}:{port}",
            user,
            password,
            "VERBOSE=OFF",
            "BANNER=OFF",
            "PROMPT=OFF",
            "ERRORS=STDOUT",
        ],
        input=statements + "\nEXIT;\n",
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )
    output = done.stdout + done.stderr
    errors = [line for line in output.splitlines() if "Error" in line or "*** " in line]
    if done.returncode != 0 or errors:
        message = errors[0] if errors else f"isql exited with {done.returncode}"
        raise StoreError(f"Virtuoso's isql at {address}: {message.replace(password, '***')}")
    return output


def start_virtuoso(
    folder: Path, max_rows: int = 10000, user: str = "tppo", memory_mb: int = 2000, wait_s: float = 60.0
) -> Virtuoso:
    """Start Debian's Virtuoso in ``folder`` on free loopback ports; give the ``dba`` account a
    random password and make ``user`` (with a random password) the project's account."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "load").mkdir(exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    http_port, isql_port = free_port(), free_port()
    buffers = memory_mb * 1024 // 8 * 2 // 3  # 8 KB pages, two thirds of the memory given
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(
            folder=folder,
            load=folder / "load",
            isql_port=isql_port,
            http_port=http_port,
            buffers=buffers,
            dirty=buffers * 3 // 4,
            max_rows=max_rows,
        ),
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [virtuoso_binary(), "-c", str(folder / "virtuoso.ini"), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", process, wait_s, "Virtuoso")
    password, dba = secrets.token_urlsafe(18), secrets.token_urlsafe(18)
    address = f"127.0.0.1:{isql_port}"
    isql(
        address,
        "dba",
        "dba",
        f"DB.DBA.USER_CREATE('{user}', '{password}');\n"
        f'GRANT SPARQL_UPDATE TO "{user}";\n'
        # The bulk loader (kg.query.bulk): queue files, run the loader, see its errors.
        f'GRANT EXECUTE ON DB.DBA.ld_dir TO "{user}";\n'
        f'GRANT EXECUTE ON DB.DBA.rdf_loader_run TO "{user}";\n'
        f'GRANT SELECT ON DB.DBA.load_list TO "{user}";\n'
        f'GRANT DELETE ON DB.DBA.load_list TO "{user}";\n'
        f"DB.DBA.USER_PASSWORD_SET('dba', '{dba}');\n",
    )
    return Virtuoso(process, folder, http_port, isql_port, user, password, max_rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Start a Virtuoso server for the tests (prints shell lines)."
    )
    parser.add_argument("server", choices=["virtuoso"])
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--max-rows", type=int, default=10000)
    args = parser.parse_args()
    server = start_virtuoso(args.folder.resolve(), args.max_rows)
    end = server.endpoint
    assert end.bulk is not None
    for name, value in (
        ("TPPO_KG_TEST_VIRTUOSO", end.query),
        ("TPPO_KG_TEST_VIRTUOSO_STORE", end.store),
        ("TPPO_KG_TEST_VIRTUOSO_USER", end.user),
        ("TPPO_KG_TEST_VIRTUOSO_PASSWORD", end.password),
        ("TPPO_KG_TEST_VIRTUOSO_MAX_ROWS", str(end.max_rows)),
        ("TPPO_KG_TEST_VIRTUOSO_ISQL", end.bulk.isql),
        ("TPPO_KG_TEST_VIRTUOSO_LOAD", str(end.bulk.folder)),
    ):
        print(f"export {name}={shlex.quote(value or '')}")
    print(f"virtuoso_pid={server.process.pid}")


if __name__ == "__main__":
    main()
