"""Write the build's outputs deterministically and atomically.

Same inputs, byte-identical files: quads are sorted before Oxigraph serialises them,
and JSON-LD is compacted against an inline context (never a remote one). Files are
written into a staging folder first and moved into place only when all succeeded.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.iris import compact
from kg.namespaces import ALL_PREFIXES


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads in a stable order: graph, subject, predicate, object."""
    return sorted(
        set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
    )


def sort_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged triples of all graphs, deduplicated, in a stable order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _sorted_prefix_lines(data: bytes) -> bytes:
    """Oxigraph writes @prefix lines in hash order; sort them for stable output."""
    lines = data.split(b"\n")
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    return b"\n".join(sorted(lines[:head]) + lines[head:])


def trig_bytes(quads: list[ox.Quad]) -> bytes:
    """TriG with the project's prefixes."""
    return _sorted_prefix_lines(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=ALL_PREFIXES) or b"")


def turtle_bytes(triples: list[ox.Triple]) -> bytes:
    """Turtle with the project's prefixes."""
    return _sorted_prefix_lines(
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=ALL_PREFIXES) or b""
    )


def _compact(node: Any) -> Any:
    if isinstance(node, list):
        return [_compact(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("@id", "@type"):
            if isinstance(value, list):
                out[key] = [compact(v) for v in value]
            else:
                out[key] = compact(value)
        elif key.startswith("@"):
            out[key] = _compact(value)
        else:
            out[compact(key)] = _compact(value)
    return out


def jsonld_bytes(quads: list[ox.Quad]) -> bytes:
    """JSON-LD: Oxigraph's expanded form, compacted against an inline prefix context."""
    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD) or b"[]")
    doc = {"@context": ALL_PREFIXES, "@graph": _compact(expanded)}
    # One node per line: readable in a diff, and written by json's fast C encoder.
    lines = [json.dumps(node, ensure_ascii=False) for node in doc["@graph"]]
    context = json.dumps(doc["@context"], ensure_ascii=False, indent=1)
    return ('{"@context": ' + context + ',\n"@graph": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def publish(staging: Path, out: Path) -> None:
    """Move every file and folder of ``staging`` into ``out``, replacing older versions."""
    out.mkdir(parents=True, exist_ok=True)
    for item in sorted(staging.iterdir()):
        target = out / item.name
        if item.is_dir():
            old = out / f".{item.name}.old"
            if old.exists():
                shutil.rmtree(old)
            if target.exists():
                os.replace(target, old)
            os.replace(item, target)
            if old.exists():
                shutil.rmtree(old)
        else:
            os.replace(item, target)
    staging.rmdir()


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A staging folder inside ``out``: what the block writes there is published into ``out``
    when the block ends without an error, and the folder is removed in every case (all or
    nothing: a failed build or import leaves ``out`` as it was)."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        yield staging
        publish(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
