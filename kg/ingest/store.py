"""Writing a source folder from an article, all or nothing, keeping a person's decisions.

The folder is staged beside ``data/sources`` and renamed into place. Ingesting the same
text again gives the same slug and draft: facts a person accepted or edited (no longer
``method: machine``) stay as they are, rejected proposals (``review.yaml``) stay out,
and the machine's proposals are replaced by the new draft.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

from kg.errors import DataError
from kg.ingest.draft import Fact, slugify

FACTS_HEADER = (
    "# Facts proposed by `tppo-kg ingest` for a person to review (`tppo-kg review SLUG`).\n"
    "# method: machine marks a proposal nobody has checked; confidence is the reader's own\n"
    "# estimate (0-1). Accepting a proposal removes both and records the reviewer.\n"
)
REVIEW_FILE = "review.yaml"
PROPOSED_FILE = "proposed.yaml"


def dump(data: Any) -> str:
    """YAML as people write it: keys in the given order, Unicode as it is, long lines kept."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def make_slug(text: str, title: str | None, first_sentence: str | None) -> str:
    """A slug from the text alone: a few words of the title or first sentence and a digest."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    words = title or first_sentence or "article"
    if " - " in words[:60]:  # a dateline: "TEMPO.CO, Jakarta - ..."
        words = words.split(" - ", 1)[1]
    stem = "-".join(slugify(words, 60).split("-")[:6])
    return f"{stem}-{digest}"


def load_yaml_plain(path: Path) -> Any:
    """A YAML file of the source folder, or None when there is none."""
    if not path.is_file():
        return None
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataError(f"cannot read it as YAML: {exc}", path) from None


def drop_refs(facts: list[Fact], gone: set[str], machine_only: bool = True) -> list[str]:
    """Remove references to rejected facts (from machine proposals only, unless told); say where."""
    touched = []
    for fact in facts:
        if machine_only and fact.get("method") != "machine":
            continue
        for key, value in list(fact.items()):
            if key in ("id", "evidence", "label", "note"):
                continue
            if isinstance(value, str) and value in gone:
                del fact[key]
                touched.append(fact["id"])
            elif isinstance(value, list) and gone & set(map(str, value)):
                kept = [v for v in value if str(v) not in gone]
                fact[key] = kept
                if not kept:
                    del fact[key]
                touched.append(fact["id"])
    return touched


def merge(draft: list[Fact], folder: Path) -> list[Fact]:
    """The new draft merged with the decisions already written into ``folder``."""
    old = load_yaml_plain(folder / "facts.yaml") or {}
    review = load_yaml_plain(folder / REVIEW_FILE) or {}
    kept = [f for f in old.get("facts") or [] if isinstance(f, dict) and f.get("method") != "machine"]
    decided = {str(f.get("id")) for f in kept}
    rejected = {str(r.get("id")) for r in review.get("rejected") or [] if isinstance(r, dict)}
    decided |= rejected | {
        str(r.get("proposal")) for r in review.get("accepted") or [] if isinstance(r, dict)
    }
    fresh = [f for f in draft if f["id"] not in decided]
    drop_refs(fresh, rejected)
    return kept + fresh


def write_source(sources: Path, slug: str, files: dict[str, str]) -> Path:
    """Write the files of ``data/sources/<slug>/`` at once (stage, then rename into place).

    Files already in the folder that ``files`` does not name (``review.yaml``) are kept.
    """
    target = sources / slug
    sources.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".ingest-", dir=sources.parent))
    try:
        folder = stage / slug
        if target.is_dir():
            shutil.copytree(target, folder, symlinks=True)
        else:
            folder.mkdir()
        for name, content in files.items():
            with open(folder / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        if target.is_dir():
            old = stage / "previous"
            os.rename(target, old)
            os.rename(folder, target)
        else:
            os.rename(folder, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return target
