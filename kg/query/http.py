"""HTTP to a SPARQL server: credentials, bodies that survive an authentication challenge,
bounded answers, and every failure as one line of a ``KGError``.

Credentials are sent only to a URL that asks for them. The first request to a URL, when
credentials are configured, is a bodiless probe (``HEAD``): a server that answers 401
names its scheme (``Basic`` or ``Digest``), and for digest the probe is repeated with
credentials so that the client holds a nonce. Every later request then carries its
``Authorization`` header from the start, so a large body is sent once: a server that
answers 401 while the body is still streaming (Virtuoso closes the connection before
reading it, and the client sees a broken pipe) is never asked without credentials.
A file body that meets a 401 anyway (a nonce gone stale) is rewound and sent again
after a fresh probe, once.

Messages name the URL without credentials and never include a header; ``requests`` and
``urllib3`` log no headers either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import KGError, QueryError, StoreError
from kg.query.endpoint import Endpoint, safe_url

CONNECT_TIMEOUT_S = 10.0
CHUNK = 1 << 16


class Client:
    """One server's HTTP session: its authentication per URL, its limits."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.session = requests.Session()
        self.session.trust_env = False  # no .netrc credentials, no proxy from the environment
        self.auth: dict[str, AuthBase | None] = {}

    def _key(self, url: str) -> str:
        return url.split("?", 1)[0]

    def _auth(self, url: str) -> AuthBase | None:
        """The authentication a URL asks for, learnt by a probe the first time."""
        key = self._key(url)
        if key in self.auth:
            return self.auth[key]
        self.auth[key] = None
        if self.endpoint.user is not None:
            probe = self._send("HEAD", url, None, {}, None, None)
            probe.close()
            if probe.status_code == 401:
                self._learn(url, probe.headers.get("WWW-Authenticate", ""))
        return self.auth[key]

    def _learn(self, url: str, challenge: str) -> None:
        """Take the scheme of a 401's challenge; for digest, get a nonce with a second probe."""
        scheme = challenge.split(" ", 1)[0].lower()
        user, password = self.endpoint.user or "", self.endpoint.password or ""
        auth: AuthBase
        if scheme == "digest":
            auth = HTTPDigestAuth(user, password)
            self._send("HEAD", url, None, {}, None, auth).close()
        elif scheme == "basic":
            auth = HTTPBasicAuth(user, password)
        else:
            raise StoreError(
                f"{safe_url(url)} asks for authentication by {scheme or 'an unnamed scheme'!r}; "
                "this client speaks Basic and Digest"
            )
        self.auth[self._key(url)] = auth

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | IO[bytes] | None,
        headers: dict[str, str],
        form: dict[str, str | list[str]] | None,
        auth: AuthBase | None,
    ) -> requests.Response:
        try:
            return self.session.request(
                method,
                url,
                data=form if form is not None else body,
                headers=headers,
                auth=auth,
                timeout=(CONNECT_TIMEOUT_S, self.endpoint.timeout_s),
                stream=True,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise StoreError(
                f"{safe_url(url)} did not answer within {self.endpoint.timeout_s:g} s "
                "([endpoint] timeout in tppo-kg.toml)"
            ) from exc
        except (requests.RequestException, OSError) as exc:
            raise StoreError(f"cannot reach the endpoint {safe_url(url)}: {_reason(exc)}") from exc

    @contextmanager
    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | Path | None = None,
        headers: dict[str, str] | None = None,
        form: dict[str, str | list[str]] | None = None,
        error: type[KGError] = StoreError,
    ) -> Iterator[requests.Response]:
        """Send one request (a body of bytes, a file's contents or a form) and yield the
        response once its status is a success; any other status is ``error`` in one line."""
        headers = dict(headers or {})
        for attempt in (1, 2):
            handle = body.open("rb") if isinstance(body, Path) else None
            if isinstance(body, Path):
                headers["Content-Length"] = str(body.stat().st_size)
            payload = handle if handle is not None else body if isinstance(body, bytes) else None
            try:
                response = self._send(method, url, payload, headers, form, self._auth(url))
            finally:
                if handle is not None:
                    handle.close()
            if response.status_code == 401 and self.endpoint.user is not None and attempt == 1:
                response.close()
                self._learn(url, response.headers.get("WWW-Authenticate", ""))
                continue
            break
        try:
            if response.status_code >= 300:
                raise error(self._refusal(url, response))
            yield response
        finally:
            response.close()

    def _refusal(self, url: str, response: requests.Response) -> str:
        where = safe_url(url)
        if response.status_code == 401:
            given = "the credentials given" if self.endpoint.user is not None else "no credentials"
            return (
                f"{where} answered 401: it refused {given} "
                f"(user and password in [endpoint], or TPPO_KG_ENDPOINT_USER/_PASSWORD)"
            )
        try:
            detail = next(response.iter_content(4096), b"").decode("utf-8", "replace")
        except (requests.RequestException, OSError):
            detail = ""
        return f"{where} answered {response.status_code}: {one_line(detail) or response.reason}"

    def read(self, response: requests.Response, url: str) -> bytes:
        """The whole body of an answer, refused past the size bound."""
        bound = self.endpoint.max_answer_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > bound:
            raise QueryError(
                f"{safe_url(url)} sent an answer of {_mb(int(declared))}, over the bound of {_mb(bound)}"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(CHUNK):
                size += len(chunk)
                if size > bound:
                    raise QueryError(
                        f"{safe_url(url)} sent an answer of more than {_mb(bound)} "
                        "([endpoint] max_answer_mb in tppo-kg.toml)"
                    )
                chunks.append(chunk)
        except requests.Timeout as exc:
            raise StoreError(f"{safe_url(url)} stopped sending for {self.endpoint.timeout_s:g} s") from exc
        except (requests.RequestException, OSError) as exc:
            raise StoreError(f"{safe_url(url)} broke off its answer: {_reason(exc)}") from exc
        return b"".join(chunks)


def one_line(text: str, limit: int = 300) -> str:
    """A server's message as one line: tags and runs of white space collapsed, cut at ``limit``."""
    flat = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _reason(exc: BaseException) -> str:
    """The operating system's reason for a connection error (``[Errno 111] Connection
    refused``), else the error's own first words."""
    text = one_line(str(exc))
    found = re.search(r"\[Errno -?\d+\][^'\")]*", text)
    return found.group().strip() if found else (text or type(exc).__name__)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} bytes"
