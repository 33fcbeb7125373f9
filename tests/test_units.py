"""Dates keep their precision, counts keep their qualifiers, YAML keeps its lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib.namespace import XSD

from kg.errors import DataError
from kg.namespaces import TPPO
from kg.read.counts import parse_count
from kg.read.dates import bounds, parse_date
from kg.read.sources import load_source
from kg.read.yamlio import LineDict, LineList, load_yaml
from tests.conftest import ROOT, SEED


@pytest.mark.parametrize(
    ("text", "datatype", "first", "last"),
    [
        ("2023", XSD.gYear, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2023-05", XSD.gYearMonth, dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
        ("2024-02", XSD.gYearMonth, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2024-03-05", XSD.date, dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
    ],
)
def test_dates_keep_precision(text: str, datatype: object, first: dt.date, last: dt.date) -> None:
    literal = parse_date(text)
    assert str(literal) == text and literal.datatype == datatype
    assert bounds(literal) == (first, last)


@pytest.mark.parametrize("text", ["2023-00", "2023-02-29", "23", "2023/05", "Mei 2023", ""])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_counts() -> None:
    assert parse_count("361").value == 361
    more = parse_count({"more_than": "1100", "stated_as": "lebih dari 1.100"})
    assert (more.qualifier, more.minimum, more.maximum, more.value) == (TPPO.MoreThan, 1101, None, None)
    censored = parse_count({"fewer_than": "5"})
    assert (censored.qualifier, censored.minimum, censored.maximum) == (TPPO.FewerThan, 0, 4)
    between = parse_count({"min": "1", "max": "4", "stated_as": "<5"})
    assert (between.qualifier, between.minimum, between.maximum) == (TPPO.Between, 1, 4)
    assert parse_count({"at_least": "10"}).minimum == 10


@pytest.mark.parametrize(
    "spec", ["-1", "1.5", "many", {"min": "5", "max": "1"}, {"exactly": "-3"}, {"about": "100"}]
)
def test_bad_counts(spec: str | dict[str, str]) -> None:
    with pytest.raises(ValueError):
        parse_count(spec)


def test_yaml_keeps_lines_and_refuses_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb:\n  - x\n  - y\nc: 2023-05-01\n", encoding="utf-8")
    doc = load_yaml(path)
    assert isinstance(doc, LineDict) and doc.line_of("b") == 2
    items = doc["b"]
    assert isinstance(items, LineList) and items.item_lines == [3, 4]
    assert doc["c"] == "2023-05-01"  # text, never a guessed date
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_yaml(path)
    assert info.value.line == 3 and "twice" in str(info.value)


def test_source_text_sentences_skip_advertising() -> None:
    source = load_source(ROOT / "data" / "sources" / SEED)
    sentences = [s.exact for s in source.sentences()]
    assert len(sentences) == 17
    assert not any("Baca berita" in s for s in sentences)
    assert len(source.boilerplate) == 4
    span = source.locate("Misalnya jumlah 361 kasus pada 2021 menjadi 752 kasus pada 2022.")
    assert source.text[span.start : span.end] == span.exact
