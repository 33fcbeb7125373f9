"""``tppo-kg review``: a person accepts, edits or rejects each machine proposal of a source.

Line-oriented on purpose: it works in any terminal, over ssh, and when keystrokes come
from a pipe. Each proposal is shown with its sentences (the evidence highlighted in the
line it stands in) and the nodes it links. Every decision is written at once (a file
staged and renamed): an accepted fact loses ``method: machine`` and ``confidence`` and
gains ``reviewed_by``; a rejected one leaves ``facts.yaml`` for ``review.yaml``, so
ingesting the same text again does not bring it back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import yaml

from kg.errors import DataError
from kg.ingest.store import FACTS_HEADER, REVIEW_FILE, drop_refs, dump, load_yaml_plain
from kg.read.project import Project

PROMPT = "[a]ccept  [e]dit  [r]eject  [s]kip  [q]uit > "
_REF_KEYS = (
    "participant",
    "author",
    "party",
    "origin",
    "destination",
    "location",
    "adopted_by",
    "recorded_by",
    "repatriated_from",
    "repatriated_to",
    "occasion",
    "sideline_of",
    "adopted_at",
    "dataset",
)


def _write(path: Path, content: str) -> None:
    stage = path.with_name(f".{path.name}.tmp")
    stage.write_text(content, encoding="utf-8")
    os.replace(stage, path)


def _pending(sources: Path) -> list[tuple[str, int]]:
    out = []
    for folder in sorted(p for p in sources.iterdir() if (p / "facts.yaml").is_file()):
        facts = (load_yaml_plain(folder / "facts.yaml") or {}).get("facts") or []
        n = sum(1 for f in facts if isinstance(f, dict) and f.get("method") == "machine")
        if n:
            out.append((folder.name, n))
    return out


def _highlight(text: str, quote: str, tty: bool) -> str:
    at = text.find(quote)
    if at < 0:
        return f"  (not in the text) {quote}"
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at + len(quote))
    line = text[start : end if end >= 0 else len(text)]
    a, b = at - start, at - start + len(quote)
    on, off = ("\x1b[7m", "\x1b[0m") if tty else (">>", "<<")
    return "  " + line[:a] + on + line[a:b] + off + line[b:]


def _show(fact: dict[str, Any], text: str, out: IO[str], tty: bool, at: int, total: int) -> None:
    label = fact.get("label")
    label_en = label.get("en") if isinstance(label, dict) else label
    out.write(
        f"\n[{at}/{total}] {fact.get('type')} {fact.get('id')}  (confidence {fact.get('confidence', '?')})\n"
    )
    out.write(f"  {label_en}\n")
    for key, value in fact.items():
        if key not in ("id", "type", "label", "evidence", "method", "confidence"):
            out.write(
                f"  {key}: {yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()}\n"
            )
    links: list[str] = []
    for key in _REF_KEYS:
        value = fact.get(key)
        links += [str(v) for v in (value if isinstance(value, list) else [value]) if v]
    if links:
        out.write(f"  links: {', '.join(map(str, links))}\n")
    out.write("  evidence:\n")
    for quote in fact.get("evidence") or []:
        out.write(_highlight(text, str(quote), tty) + "\n")


def _edit(fact: dict[str, Any], inp: IO[str], out: IO[str]) -> dict[str, Any]:
    out.write("  edit: 'key: value' (YAML) to set, '-key' to remove, an empty line to finish\n")
    while True:
        out.write("  edit> ")
        out.flush()
        line = inp.readline()
        if not line.strip():
            return fact
        line = line.strip()
        if line.startswith("-"):
            fact.pop(line[1:].strip(), None)
            continue
        key, sep, value = line.partition(":")
        if not sep or key.strip() in ("id", "evidence"):
            out.write("  (say key: value; id and evidence stay as they are)\n")
            continue
        try:
            fact[key.strip()] = yaml.safe_load(value)
        except yaml.YAMLError:
            out.write("  (not a YAML value, ignored)\n")


def run_review(project: Project, slug: str | None, reviewer: str | None, inp: IO[str], out: IO[str]) -> None:
    """Review the machine proposals of one source (or list the sources that have some)."""
    pending = _pending(project.sources)
    if slug is None:
        if len(pending) != 1:
            out.write("sources with proposals to review:\n" if pending else "nothing to review\n")
            out.writelines(f"  {name}  ({n} proposals)\n" for name, n in pending)
            return
        slug = pending[0][0]
    folder = project.sources / slug
    facts_path = folder / "facts.yaml"
    if not facts_path.is_file():
        raise DataError(f"no source {slug!r} (data/sources/{slug}/facts.yaml does not exist)")
    meta = load_yaml_plain(folder / "source.yaml") or {}
    text = (folder / str(meta.get("text", "text.txt"))).read_text(encoding="utf-8")
    facts: list[dict[str, Any]] = (load_yaml_plain(facts_path) or {}).get("facts") or []
    review = load_yaml_plain(folder / REVIEW_FILE) or {}
    review.setdefault("accepted", [])
    review.setdefault("rejected", [])
    while not reviewer:
        out.write("reviewer (your name, recorded on each fact you accept): ")
        out.flush()
        line = inp.readline()
        if not line:
            return
        reviewer = line.strip()
    tty = hasattr(out, "isatty") and out.isatty()
    todo = [f for f in facts if isinstance(f, dict) and f.get("method") == "machine"]
    counts = {"accepted": 0, "rejected": 0, "skipped": 0}
    for at, fact in enumerate(todo, 1):
        _show(fact, text, out, tty, at, len(todo))
        while True:
            out.write(PROMPT)
            out.flush()
            answer = inp.readline()
            choice = answer.strip().lower()[:1] if answer else "q"
            if choice in ("a", "e", "r", "s", "q"):
                break
            out.write("  answer a, e, r, s or q\n")
        if choice == "q":
            break
        if choice == "s":
            counts["skipped"] += 1
            continue
        if choice == "r":
            facts.remove(fact)
            review["rejected"].append({"id": fact["id"], "type": fact.get("type"), "reviewer": reviewer})
            for other in drop_refs(facts, {fact["id"]}, machine_only=False):
                out.write(f"  {other} no longer refers to it\n")
            counts["rejected"] += 1
        else:
            proposal = fact["id"]
            if choice == "e":
                _edit(fact, inp, out)
            fact.pop("method", None)
            fact.pop("confidence", None)
            fact["reviewed_by"] = reviewer
            review["accepted"].append({"id": fact["id"], "proposal": proposal, "reviewer": reviewer})
            counts["accepted"] += 1
        _write(facts_path, FACTS_HEADER + dump({"facts": facts}))
        _write(
            folder / REVIEW_FILE,
            "# Decisions of tppo-kg review; ingest reads it to keep them.\n" + dump(review),
        )
    left = sum(1 for f in facts if f.get("method") == "machine")
    out.write(
        f"\n{counts['accepted']} accepted, {counts['rejected']} rejected, {counts['skipped']} skipped; "
        f"{left} proposals left. Next: tppo-kg validate\n"
    )
