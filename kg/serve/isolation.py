"""What an engine process does to itself before it reads a query: no network, bounded memory.

A query evaluator that follows ``SERVICE <url>`` opens connections on a client's behalf.
The engine process therefore moves itself, first thing, into a network namespace of its
own (Linux ``unshare(CLONE_NEWNET)``; as an ordinary user together with a user namespace):
a namespace with only a loopback interface that is down, so no address, not even this
machine's loopback, can be reached from it. The front door talks to it over a socket pair
made before it started, which needs no network. Where namespaces cannot be made (not
Linux, or a kernel or container that forbids them) the process says why and the front
door logs it loudly; the grammar checks then stand alone.

Its memory is bounded with ``RLIMIT_DATA`` (heap, anonymous maps and thread stacks): an
allocation past it fails, the engine aborts with "memory allocation of N bytes failed",
and the front door answers that query with a clear error and starts another engine.
"""

from __future__ import annotations

import ctypes
import errno
import os
import resource
import signal
import socket
import sys

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _unshare(libc: ctypes.CDLL, flags: int) -> int:
    if libc.unshare(flags) == 0:
        return 0
    return ctypes.get_errno()


def network_is_closed() -> bool:
    """Whether this process can reach no address: only a loopback interface, and it is down."""
    if [name for _, name in socket.if_nameindex()] not in ([], ["lo"]):
        return False
    with socket.socket() as probe:
        probe.settimeout(1)
        try:
            probe.connect(("127.0.0.1", 9))
        except OSError as exc:
            return exc.errno == errno.ENETUNREACH
    return False


def isolate_network() -> str | None:
    """Move this (still single-threaded) process into a network namespace with no way out.

    None when it worked; otherwise why not, in a few words."""
    libc = _libc()
    if libc is None:
        return "network namespaces need Linux"
    failure = _unshare(libc, CLONE_NEWNET)
    if failure == errno.EPERM:  # not root: a user namespace first makes it allowed
        failure = _unshare(libc, CLONE_NEWUSER | CLONE_NEWNET)
    if failure:
        return f"unshare(CLONE_NEWNET) failed: {os.strerror(failure)}"
    if not network_is_closed():
        return "a network namespace was made but an address can still be reached"
    return None


def limit_memory(megabytes: int) -> None:
    """Bound this process's data memory, and write no core file when it is exceeded."""
    size = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (size, size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def die_with_parent(parent: int) -> None:
    """Be killed when the front door dies, even by SIGKILL (Linux); exit now if it already did."""
    libc = _libc()
    if libc is not None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
