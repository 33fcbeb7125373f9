"""Where a SPARQL 1.1 server is and how to talk to it: its URLs, credentials and limits.

An endpoint is read once, from ``--endpoint URL`` (an Oxigraph server's base URL), else the
``TPPO_KG_ENDPOINT`` variable (the same), else the ``[endpoint]`` table of ``tppo-kg.toml``
in the project folder (any server)::

    [endpoint]
    query = "http://127.0.0.1:8890/sparql"                   # SPARQL 1.1 Protocol
    store = "http://127.0.0.1:8890/sparql-graph-crud-auth"   # Graph Store Protocol (loads)
    user = "tppo"                 # or TPPO_KG_ENDPOINT_USER
    password = "..."              # or TPPO_KG_ENDPOINT_PASSWORD (better: not in a file)
    max_rows = 10000              # the server's own row cap (Virtuoso: ResultSetMaxRows)
    timeout = 600                 # seconds the server may stay silent
    max_answer_mb = 1024          # a larger answer is refused

    [endpoint.bulk]               # optional: Virtuoso's bulk loader, through isql
    isql = "127.0.0.1:1111"
    folder = "/srv/virtuoso/load" # a folder the server may read (its DirsAllowed)

The variables override the file. The password is never printed, logged or put in an
error message: ``Endpoint``'s ``repr`` leaves it out, and every URL in a message goes
through ``safe_url`` (which drops a ``user:password@`` part).
"""

from __future__ import annotations

import os
import tomllib
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import StoreError

CONFIG = "tppo-kg.toml"
USER_VARIABLE = "TPPO_KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "TPPO_KG_ENDPOINT_PASSWORD"


@dataclass(frozen=True)
class Bulk:
    """Virtuoso's bulk loader: isql's address and a folder both we and the server can read."""

    isql: str
    folder: Path


@dataclass(frozen=True)
class Endpoint:
    """The URLs of a SPARQL 1.1 server, the credentials it asks for and the client's limits."""

    query: str
    store: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    max_rows: int | None = None
    timeout_s: float = 600.0
    max_answer_bytes: int = 1024 * 1024 * 1024
    bulk: Bulk | None = None

    @classmethod
    def from_base(cls, url: str) -> Endpoint:
        """An Oxigraph server's base URL, such as http://127.0.0.1:7878."""
        base = url.rstrip("/")
        if base.endswith("/query"):
            base = base[: -len("/query")]
        return cls(query=f"{base}/query", store=f"{base}/store")

    @classmethod
    def from_config(cls, path: Path) -> Endpoint:
        """The ``[endpoint]`` table of a TOML file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise StoreError(f"cannot read the endpoint configuration: {exc}", path) from exc
        table = data.get("endpoint")
        if not isinstance(table, dict) or not isinstance(table.get("query"), str):
            raise StoreError("the configuration needs an [endpoint] table with a 'query' URL", path)
        known = {"query", "store", "user", "password", "max_rows", "timeout", "max_answer_mb", "bulk"}
        unknown = sorted(set(table) - known)
        if unknown:
            raise StoreError(f"unknown key(s) in [endpoint]: {', '.join(unknown)}", path)
        return cls(
            query=table["query"],
            store=_text(table, "store", path),
            user=_text(table, "user", path),
            password=_text(table, "password", path),
            max_rows=_number(table, "max_rows", path),
            timeout_s=float(_number(table, "timeout", path) or 600),
            max_answer_bytes=(_number(table, "max_answer_mb", path) or 1024) * 1024 * 1024,
            bulk=_bulk(table.get("bulk"), path),
        )

    def with_environment(self) -> Endpoint:
        """The same endpoint, with the credentials of TPPO_KG_ENDPOINT_USER and _PASSWORD if set."""
        user = os.environ.get(USER_VARIABLE) or self.user
        password = os.environ.get(PASSWORD_VARIABLE) or self.password
        return Endpoint(
            self.query,
            self.store,
            user,
            password,
            self.max_rows,
            self.timeout_s,
            self.max_answer_bytes,
            self.bulk,
        )

    def where(self) -> str:
        """The store URL (or the query URL) for messages, without any credentials."""
        return safe_url(self.store or self.query)


def _text(table: dict[str, Any], key: str, path: Path) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise StoreError(f"[endpoint] {key} must be a string", path)
    return value


def _number(table: dict[str, Any], key: str, path: Path) -> int | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
        raise StoreError(f"[endpoint] {key} must be a positive whole number", path)
    return value


def _bulk(table: object, path: Path) -> Bulk | None:
    if table is None:
        return None
    if not isinstance(table, dict) or not all(isinstance(table.get(k), str) for k in ("isql", "folder")):
        raise StoreError("[endpoint.bulk] needs 'isql' (host:port) and 'folder' (a path)", path)
    return Bulk(table["isql"], Path(table["folder"]))


def resolve(url: str | None, project_root: Path | None = None) -> Endpoint | None:
    """The endpoint to use: the option, else TPPO_KG_ENDPOINT, else tppo-kg.toml, else none;
    with the credentials of the environment, if any."""
    if url:
        found: Endpoint | None = Endpoint.from_base(url)
    elif os.environ.get("TPPO_KG_ENDPOINT"):
        found = Endpoint.from_base(os.environ["TPPO_KG_ENDPOINT"])
    elif project_root is not None and (project_root / CONFIG).is_file():
        found = Endpoint.from_config(project_root / CONFIG)
    else:
        found = None
    return found.with_environment() if found is not None else None


def safe_url(url: str) -> str:
    """``url`` without a ``user:password@`` part, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
