"""Scoring the reader against hand-written answer keys, per kind of proposal.

Each kind is compared as a bag of keys per article: countries by ISO code; persons,
organisations and speakers by reference or name (a key may list alternatives, "a|b");
dates by value (an unresolved one as "unresolved:<its words>"); counts as "value
qualifier what"; flows as "ORIGIN>DESTINATION"; events and agreements as "kind date".
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.ingest.article import analyse
from kg.ingest.draft import draft_facts
from kg.ingest.gazetteer import load_gazetteer
from kg.ingest.proposal import KINDS as PROPOSAL_KINDS

# Every kind a proposal lists, but places (the answer keys do not list them).
KINDS = tuple(kind for kind in PROPOSAL_KINDS if kind != "places")


@dataclass
class Score:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of proposals that are in the key (1 when nothing was proposed)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the key that was proposed (1 when the key is empty)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def proposed_keys(
    records: dict[str, list[dict[str, Any]]], names: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """The reader's records as the keys the answer keys use. A mention resolved to a reference
    row is keyed by the row and its name ("person/sugiono|Sugiono"), so that a key written
    before the row existed (by name) still matches."""
    r = records
    names = names or {}

    def who(ref: str | None, name: str) -> str:
        return f"{ref}|{names[ref]}" if ref and ref in names else ref or name

    return {
        "countries": sorted({x["code"] for x in r["countries"]}),
        "persons": [who(x["ref"], x["name"]) for x in r["persons"]],
        "organisations": [who(x["ref"], x["name"]) for x in r["organisations"]],
        "dates": list(dict.fromkeys(x["value"] or f"unresolved:{x['text'].lower()}" for x in r["dates"])),
        "counts": [f"{x['value']} {x['qualifier']} {x['what']}" for x in r["counts"]],
        "flows": list(dict.fromkeys(f"{x['origin']}>{x['destination']}" for x in r["flows"])),
        "events": list(dict.fromkeys(f"{x['kind']} {x['date'] or 'null'}" for x in r["events"])),
        "agreements": [f"{x['kind']} {x['date'] or 'null'}" for x in r["agreements"]],
        "statements": [who(x["ref"], x["speaker"]) for x in r["statements"]],
    }


def reference_names(reference: Path) -> dict[str, str]:
    """The name of every person and organisation row: ``person/slug`` -> name (from the
    reader's own gazetteer, which has read the tables already)."""
    g = load_gazetteer(reference)
    return {f"person/{slug}": name for slug, name in g.person_names.items()} | {
        f"org/{slug}": name for slug, name in g.org_names.items()
    }


def compare(expected: list[str], found: list[str], score: Score, label: str) -> None:
    """Match a bag of expected keys against found keys; either side may list alternatives
    ("a|b"), and two keys match when they share one."""
    left = [{o.strip().lower() for o in str(item).split("|")} for item in found]
    for item in expected:
        options = {o.strip().lower() for o in str(item).split("|")}
        hit = next((i for i, found_options in enumerate(left) if options & found_options), None)
        if hit is None:
            score.fn += 1
            score.misses.append(f"{label}: missed {item}")
        else:
            left.pop(hit)
            score.tp += 1
    extras = Counter("|".join(sorted(options)) for options in left)
    for item, n in extras.items():
        score.fp += n
        score.misses.append(f"{label}: extra {item}" + (f" x{n}" if n > 1 else ""))


def load_set(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """The articles of an evaluation folder, by file name."""
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.yaml"))]


def evaluate(articles: list[tuple[str, dict[str, Any]]], reference: Path) -> tuple[dict[str, Score], float]:
    """Scores per kind over the articles, and the seconds spent reading them."""
    scores = {kind: Score() for kind in KINDS}
    names = reference_names(reference)
    spent = 0.0
    for name, article in articles:
        start = time.perf_counter()
        analysis = analyse(article["text"], reference, article["lang"], article.get("published"))
        draft_facts(analysis.records)
        spent += time.perf_counter() - start
        found = proposed_keys(analysis.records, names)
        for kind in KINDS:
            compare([str(k) for k in article["key"].get(kind) or []], found[kind], scores[kind], name)
    return scores, spent
