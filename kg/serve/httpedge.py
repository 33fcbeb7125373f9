"""The HTTP edges of ``tppo-kg serve``: request framing, which hosts and origins it answers,
and the headers every response carries.

- A body's length is read strictly: digits only, one value (``-1``, ``+16``, ``1_6`` and two
  different ``Content-Length`` headers are refused; Python's ``int`` would take three of
  them). Chunked bodies are refused: the length is known before anything is read.
- DNS rebinding: a page of ``evil.example`` whose name is made to point at 127.0.0.1 reaches
  the server as ``Host: evil.example``. Only the bound address, the loopback names and the
  names given with ``--allow-host`` are served (any IP literal too, when bound to all
  addresses: a literal cannot be rebound).
- Cross-site requests: a page of another site can make a browser POST a form here, or
  load ``/sparql?query=...`` as an image. Unless ``--cors`` is given, a POST whose
  ``Origin`` is not this server and a query request a browser marks cross-site
  (``Sec-Fetch-Site``), other than a link the user followed, are refused.
"""

from __future__ import annotations

import html
import ipaddress
import re
from email.message import Message

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"", "0.0.0.0", "::"})
_DIGITS = re.compile(r"[0-9]{1,18}")
_META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')

# Every response: not to be framed, sniffed, or sent on with a referrer.
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"


def body_length(headers: Message) -> int | str:
    """The declared length of a request's body (0 when none), or why it cannot be taken."""
    if headers.get_all("Transfer-Encoding"):
        return "send the request with a Content-Length, not chunked"
    values = [v.strip() for v in headers.get_all("Content-Length") or []]
    if not all(_DIGITS.fullmatch(v) for v in values):
        return "bad Content-Length: digits only"
    sizes = {int(v) for v in values}
    if len(sizes) > 1:
        return "more than one Content-Length"
    return sizes.pop() if sizes else 0


def host_name(host: str) -> str:
    """The name in a Host header or an origin's authority, without port, brackets or final dot."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    name, _, port = host.rpartition(":")
    return (name if name and port.isdigit() else host).rstrip(".")


def host_allowed(host: str | None, bound: str, allowed: frozenset[str]) -> bool:
    """Whether a request's Host header names this server (no header: not a browser, served)."""
    if host is None:
        return True
    name = host_name(host)
    if name in LOOPBACK_NAMES or name == host_name(bound) or name in allowed:
        return True
    if bound in WILDCARDS:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def cross_site(method: str, headers: Message) -> bool:
    """Whether a browser sent this request for a page of another site (not a followed link)."""
    origin, host = headers.get("Origin"), headers.get("Host")
    if method == "POST" and origin is not None and origin.lower() != f"http://{host}".lower():
        return True
    site, mode = headers.get("Sec-Fetch-Site"), headers.get("Sec-Fetch-Mode")
    return site in ("cross-site", "same-site") and not (method == "GET" and mode == "navigate")


def page_policy(page: bytes) -> str:
    """The content security policy of a page that states its own (the explorer's, with script
    hashes), with what only a header can say: no framing."""
    found = _META_CSP.search(page)
    if found is None:
        return "frame-ancestors 'none'"
    return html.unescape(found.group(1).decode("utf-8", errors="replace")) + "; frame-ancestors 'none'"
