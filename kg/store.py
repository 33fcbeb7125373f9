"""The embedded Oxigraph store that the build writes and queries read."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

STORE_DIR = "store"


def write_store(folder: Path, quads: list[ox.Quad]) -> ox.Store:
    """Create an on-disk store in ``folder`` holding the given quads."""
    store = ox.Store(str(folder))
    store.bulk_extend(quads)
    store.optimize()
    store.flush()
    return store


def open_store(folder: Path) -> ox.Store:
    """Open a built store read-only; a clear StoreError when there is none."""
    if not folder.is_dir():
        raise StoreError(f"no store at {folder}: run 'tppo-kg build' first")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"cannot open the store: {exc}", folder) from exc
