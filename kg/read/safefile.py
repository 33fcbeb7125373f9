"""Read an input file only when it is a regular file inside its folder, and not too large.

A source, a facts file or a reference table may name only files of its own folder.
Symbolic links are resolved first and the result must still lie inside that folder, so
a link that leads out of it is refused like ``../../..`` or an absolute path. Anything
that is not a regular file is refused before a byte is read: a FIFO would hang the build
and a device would never end. Sizes are bounded before reading and again while reading.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kg.errors import DataError

MIB = 1024 * 1024
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def resolve_inside(path: Path, folder: Path, where: tuple[Path, int]) -> Path:
    """The real path of ``path`` (links resolved); a DataError at ``where`` unless it is inside ``folder``."""
    try:
        real = path.resolve(strict=True)
        home = folder.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DataError(f"cannot read {path.name}: {reason}", *where) from None
    if not real.is_relative_to(home):
        raise DataError(
            f"{path.name} leads outside its folder {folder.name}/ (a file there may only be "
            "a file of that folder, or a link to one)",
            *where,
        )
    return real


def read_inside(path: Path, folder: Path, limit: int, where: tuple[Path, int] | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes inside ``folder``.

    Every refusal is a DataError at ``where`` (the file that names ``path`` and its line),
    by default the first line of ``path`` itself.
    """
    where = where or (path, 1)
    real = resolve_inside(path, folder, where)
    try:
        fd = os.open(real, _FLAGS)  # non-blocking: opening a FIFO must not wait for a writer
    except OSError as exc:
        raise DataError(f"cannot read {path.name}: {exc.strerror or exc}", *where) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError(f"{path.name} is not a regular file (a folder, a FIFO or a device)", *where)
        if info.st_size > limit:
            raise DataError(f"{path.name} has {info.st_size} bytes, more than the {limit} allowed", *where)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, MIB))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise DataError(f"{path.name} grew past the {limit} bytes allowed while it was read", *where)
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode_utf8(data: bytes, path: Path) -> str:
    """Decode UTF-8; an invalid byte is a DataError naming the line it stands on."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(f"not UTF-8: byte {data[exc.start]:#04x} at offset {exc.start}", path, line) from None
