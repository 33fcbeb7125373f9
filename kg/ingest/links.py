"""A draft among the other sources: one entity is one node, near-duplicates are only flagged.

A place or a summit another source already defines under the same id is the same node:
the draft refers to it instead of defining it again. Any other fact whose id another
source uses gets a suffix of its own. A meeting or an agreement of the same type and
date in another source may be the same one: the draft says so in its note, for a
person to confirm, and never merges them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.ingest.draft import Fact

SHARED_TYPES = {"Summit", "Hotel", "Place", "City", "AdministrativeArea"}
NEAR_TYPES = {"BilateralMeeting", "PressConference", "Summit", "MemorandumOfUnderstanding", "Declaration"}


def other_facts(sources: Path, slug: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every fact id defined by the other sources: id -> (their slug, the fact)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    if not sources.is_dir():
        return out
    for folder in sorted(sources.iterdir()):
        path = folder / "facts.yaml"
        if folder.name == slug or not path.is_file():
            continue
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # validate reports it with its line; the draft only loses a link
        for fact in doc.get("facts") or []:
            if isinstance(fact, dict) and isinstance(fact.get("id"), str):
                out.setdefault(fact["id"], (folder.name, fact))
    return out


def _when(fact: dict[str, Any]) -> Any:
    return fact.get("date") or fact.get("made")


def link(facts: list[Fact], others: dict[str, tuple[str, dict[str, Any]]], digest: str) -> list[Fact]:
    """The draft with shared nodes referred to, colliding ids renamed, near-duplicates noted."""
    out: list[Fact] = []
    renamed: dict[str, str] = {}
    for fact in facts:
        fid = fact["id"]
        if fid in others and fact.get("method") == "machine":
            if fact["type"] in SHARED_TYPES:
                continue  # the same node, defined by another source
            renamed[fid] = f"{fid}-{digest}"
            fact = {**fact, "id": renamed[fid]}
        if fact.get("method") == "machine" and fact["type"] in NEAR_TYPES and _when(fact):
            twins = sorted(
                f"{oid} ({src})"
                for oid, (src, other) in others.items()
                if other.get("type") == fact["type"]
                and str(_when(other)) == str(_when(fact))
                and oid != fact["id"]
            )
            if twins:
                note = (
                    f"Possibly the same as {', '.join(twins)}: a person should confirm; nothing was merged."
                )
                fact = {**fact, "note": (fact.get("note", "") + " " + note).strip()}
                fact = {
                    k: fact[k]
                    for k in [
                        *[k for k in fact if k not in ("method", "confidence", "evidence")],
                        "method",
                        "confidence",
                        "evidence",
                    ]
                }
        out.append(fact)
    if renamed:
        out = [_rename(f, renamed) for f in out]
    return out


def _rename(fact: Fact, renamed: dict[str, str]) -> Fact:
    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return renamed.get(value, value)
        if isinstance(value, list):
            return [swap(v) for v in value]
        return value

    return {k: (v if k in ("id", "evidence", "label", "note") else swap(v)) for k, v in fact.items()}
