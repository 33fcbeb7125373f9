"""How the front door and an engine process talk: length-prefixed frames on a socket pair.

A frame is four bytes of length (network order) and that many bytes; a message is a JSON
frame, sometimes followed by a frame of raw bytes (a serialised result). Reads take a
deadline, so a silent engine never holds a client longer than the time limit.
"""

from __future__ import annotations

import json
import socket
import struct
import time
from typing import Any

_LENGTH = struct.Struct("!I")
MAX_FRAME = 0xFFFFFFFF


def send_frame(sock: socket.socket, payload: bytes) -> None:
    """Write one frame."""
    if len(payload) > MAX_FRAME:
        raise ValueError("a frame holds at most 4 GB")
    sock.sendall(_LENGTH.pack(len(payload)))
    sock.sendall(payload)


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    """Write one JSON frame."""
    send_frame(sock, json.dumps(message).encode("utf-8"))


def _exactly(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    parts, left = [], size
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0:
                raise TimeoutError
            sock.settimeout(wait)
        else:
            sock.settimeout(None)
        try:
            chunk = sock.recv(min(left, 1 << 20))
        except TimeoutError as exc:
            raise TimeoutError from exc
        if not chunk:
            raise EOFError("the other end closed the connection")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def receive_frame(sock: socket.socket, deadline: float | None = None) -> bytes:
    """Read one frame; ``TimeoutError`` past ``deadline`` (a ``time.monotonic`` value),
    ``EOFError`` when the other end is gone."""
    (size,) = _LENGTH.unpack(_exactly(sock, _LENGTH.size, deadline))
    return _exactly(sock, size, deadline)


def receive_message(sock: socket.socket, deadline: float | None = None) -> dict[str, Any]:
    """Read one JSON frame."""
    message = json.loads(receive_frame(sock, deadline))
    if not isinstance(message, dict):
        raise ValueError("a message is a JSON object")
    return message
