"""One article from text to records: language, furniture, sentences, mentions; and its JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.ingest.furniture import Furniture, find_furniture
from kg.ingest.proposal import Reader, Record
from kg.ingest.sentences import Sentence, split_sentences

_ID_WORDS = re.compile(r"\b(yang|dan|di|dengan|untuk|dari|pada|ini|itu|dalam|tidak|akan|kata|ke)\b", re.I)
_EN_WORDS = re.compile(r"\b(the|and|of|to|in|that|with|for|was|were|said|from|is)\b", re.I)


@dataclass
class Analysis:
    """What the reader found in one article."""

    text: str
    lang: str
    published: str | None
    furniture: Furniture
    sentences: list[Sentence]
    records: dict[str, list[Record]]


def detect_language(text: str) -> str:
    """id or en, by counting function words (news in either language has plenty)."""
    sample = text[:20000]
    return "id" if len(_ID_WORDS.findall(sample)) >= len(_EN_WORDS.findall(sample)) else "en"


def analyse(text: str, reference: Path, lang: str = "auto", published: str | None = None) -> Analysis:
    """Read an article: its furniture, its sentences and every record they give."""
    if lang == "auto":
        lang = detect_language(text)
    furniture = find_furniture(text)
    sentences = split_sentences(text, frozenset(n for n, _, _ in furniture.lines))
    records = Reader(reference, lang, published).read(sentences)
    return Analysis(text, lang, published, furniture, sentences, records)


def _public(record: Record) -> Record:
    return {k: v for k, v in record.items() if not k.startswith("_")}


def to_json(analysis: Analysis, facts: list[dict[str, Any]]) -> dict[str, Any]:
    """The proposal as one JSON object (schema in the README)."""
    r = analysis.records
    return {
        "language": analysis.lang,
        "countries": sorted({x["code"] for x in r["countries"]}),
        "persons": [_public(x) for x in r["persons"]],
        "organisations": [_public(x) for x in r["organisations"]],
        "places": [_public(x) for x in r["places"]],
        "dates": [_public(x) for x in r["dates"]],
        "counts": [_public(x) for x in r["counts"]],
        "flows": [
            {"origin": o, "destination": d, "form": f}
            for o, d, f in dict.fromkeys((x["origin"], x["destination"], x["form"]) for x in r["flows"])
        ],
        "events": [_public(x) for x in r["events"]],
        "agreements": [_public(x) for x in r["agreements"]],
        "statements": [_public(x) for x in r["statements"]],
        "boilerplate": [{"line": n + 1, "kind": k, "text": t} for n, k, t in analysis.furniture.lines],
        "facts": facts,
    }
