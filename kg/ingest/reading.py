"""From a file to article text: plain text as it is, a saved web page through trafilatura.

Refuses what is not an article, with one clear line: an empty file, a binary file, text
that is not UTF-8, a file past the size bound, a page with no main text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError

MAX_INPUT_BYTES = 50 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class Document:
    """An article's text and what the file said about it."""

    path: Path
    text: str
    kind: str  # "txt" or "html"
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None


def _decode(data: bytes, path: Path) -> str:
    if not data.strip():
        raise DataError("the file is empty: there is no article to read", path)
    if b"\x00" in data[:65536]:
        raise DataError("the file is binary, not text (it holds NUL bytes)", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"the file is not UTF-8 text (byte {exc.start}: 0x{data[exc.start]:02x}); convert it to UTF-8",
            path,
        ) from None
    return text.removeprefix("\ufeff")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a folder, a missing file and anything past the bound."""
    if not path.is_file():
        raise DataError("no such file (or not a regular file)", path)
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise DataError(
            f"the file has {size:,} bytes, more than the {MAX_INPUT_BYTES:,} an article may", path
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise DataError(f"the file has more than the {MAX_INPUT_BYTES:,} bytes an article may", path)
    return data


def _looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _from_html(path: Path, html: str) -> Document:
    import trafilatura

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = ""
    meta: dict[str, object] = {}
    if found is not None:
        meta = found.as_dict() if hasattr(found, "as_dict") else dict(found)
        text = str(meta.get("text") or "")
    if not text.strip():
        raise DataError("the page has no article text (only scripts, styles or markup)", path)

    def field(key: str) -> str | None:
        value = meta.get(key)
        return str(value).strip() if isinstance(value, str) and value.strip() else None

    url = field("url")
    if url is not None and not url.startswith(("http://", "https://")):
        url = None
    return Document(path, text.strip() + "\n", "html", field("title"), url, field("date"), field("author"))


def read_document(path: Path) -> Document:
    """Read a .txt file or a saved web page into a Document, or raise DataError."""
    text = _decode(read_bytes(path), path)
    if _looks_like_html(path, text):
        return _from_html(path, text)
    return Document(path, text, "txt")
