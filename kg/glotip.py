"""``tppo-kg import glotip FILE``: UNODC's GLOTIP export as statistical observations and victim flows.

Every row becomes a ``tppo:StatisticalObservation`` (indicator, dimension, category, sex,
age, year, reporting country, count, source row). Rows of detected victims "by
citizenship" and "by country of repatriation" also become victim flows:

- by citizenship: victims detected in the reporting country R who are citizens of C
  are a flow C -> R; "Own country nationals" is the domestic flow R -> R;
- by country of repatriation: victims detected in R and repatriated to C are a flow
  C -> R (the Benjina row: 1,192 detected in Indonesia, repatriated to Myanmar, 2016,
  is Myanmar -> Indonesia);
- "Unknown", "Abroad", regions and the like give a flow with no origin state and a
  description of what is known (``data/glotip/categories.csv`` reads every such name).

Values: "1,192" is exactly 1192; "<5" is a count between 1 and 4. A country name that
cannot be resolved, or a value that cannot be read, is an error naming its row. The
rows are streamed: quads go straight to an N-Quads file, never all held in memory.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyoxigraph as ox

from kg.errors import DataError
from kg.namespaces import BASE, DCTERMS, PROV, QB, RDF, RDFS, SDO, TPPO, XSD

EXPECTED = [
    "Iso3_code",
    "Country",
    "Region",
    "Subregion",
    "Indicator",
    "Dimension",
    "Category",
    "Sex",
    "Age",
    "Year",
    "Unit of measurement",
    "txtVALUE",
    "Source",
]
HEADER_ROW = 3
GRAPH = ox.NamedNode(BASE + "id/graph/glotip")
SOURCE = ox.NamedNode(BASE + "id/source/unodc-glotip")
DATASET = ox.NamedNode(BASE + "id/dataset/unodc-glotip")
UNODC = ox.NamedNode(BASE + "id/org/unodc")
FLOW_DIMENSIONS = {"by citizenship": "citizens of", "by country of repatriation": "repatriated to"}
VICTIMS = "Detected trafficking victims"


def _terms(namespace: Any, *names: str) -> SimpleNamespace:
    """pyoxigraph nodes for terms of a closed namespace, made once (a misspelt term fails at import)."""
    return SimpleNamespace(**{name: ox.NamedNode(str(getattr(namespace, name))) for name in names})


T = _terms(
    TPPO,
    "Between",
    "Count",
    "Exactly",
    "Figure",
    "Imported",
    "StatisticalObservation",
    "VictimFlow",
    "ageGroup",
    "category",
    "count",
    "countQualifier",
    "dataFile",
    "destination",
    "dimension",
    "extractionMethod",
    "figure",
    "indicator",
    "origin",
    "originDescription",
    "publicationNote",
    "recordedBy",
    "refPeriod",
    "reportingCountry",
    "sex",
    "sha256",
    "sourceRow",
    "statedAs",
)
S = _terms(SDO, "Dataset", "publisher", "datePublished", "minValue", "maxValue", "value")
P = _terms(PROV, "Entity", "wasDerivedFrom", "hadPrimarySource")
Q = _terms(QB, "DataSet", "dataSet")
D = _terms(DCTERMS, "title", "bibliographicCitation")
X = _terms(XSD, "integer", "gYear", "date")
RDF_TYPE = ox.NamedNode(str(RDF.type))
RDFS_LABEL = ox.NamedNode(str(RDFS.label))


def fold(text: str) -> str:
    """Case-, accent- and space-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


@dataclass(frozen=True)
class Reading:
    """How a category is read: a country, the domestic flow, an unknown origin, or no flow."""

    reading: str  # "country", "domestic", "unknown" or "none"
    country: str | None
    note: str


class Names:
    """Resolves the dataset's names to the ISO codes of the reference table."""

    def __init__(self, countries_csv: Path, categories_csv: Path) -> None:
        self.codes: set[str] = set()
        self.by_name: dict[str, str] = {}
        with countries_csv.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                self.codes.add(row["iso3"])
                for name in [row["name_en"], row["name_id"], *row["aliases"].split(";")]:
                    if name:
                        self.by_name.setdefault(fold(name), row["iso3"])
        self.special: dict[str, Reading] = {}
        with categories_csv.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                reading = Reading(row["reading"], row["country"] or None, row["note"])
                if reading.reading not in ("country", "domestic", "unknown", "none"):
                    raise DataError(f"unknown reading {reading.reading!r}", categories_csv, reader.line_num)
                if reading.reading == "country" and reading.country not in self.codes:
                    raise DataError(
                        f"unknown country code {reading.country!r}", categories_csv, reader.line_num
                    )
                self.special[row["category"]] = reading

    def read(self, category: str) -> Reading | None:
        """The reading of a category, or None when nothing resolves it."""
        if category in self.special:
            return self.special[category]
        code = self.by_name.get(fold(category))
        return Reading("country", code, "") if code else None


def parse_value(text: object) -> tuple[ox.NamedNode, int, int, str]:
    """(qualifier, minimum, maximum, text) of a txtVALUE; ValueError when unreadable."""
    raw = str(text).strip() if text is not None else ""
    if re.fullmatch(r"\d{1,3}(,\d{3})*|\d+", raw):
        number = int(raw.replace(",", ""))
        return T.Exactly, number, number, raw
    censored = re.fullmatch(r"<\s*(\d+)", raw)
    if censored and int(censored.group(1)) >= 2:
        return T.Between, 1, int(censored.group(1)) - 1, raw
    raise ValueError(f"unreadable value {raw!r}")


@dataclass
class ImportReport:
    """What an import read and made."""

    rows: int = 0
    observations: int = 0
    flows: int = 0
    domestic_flows: int = 0
    unknown_origin_flows: int = 0
    censored: int = 0
    not_flows: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the terminal."""
        return (
            f"{self.rows} rows read, {self.observations} observations, {self.flows} victim flows "
            f"({self.domestic_flows} domestic, {self.unknown_origin_flows} with no origin state), "
            f"{self.censored} censored counts (<5 read as 1 to 4)"
        )


def _lit(value: str, datatype: ox.NamedNode | None = None, language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)


def _country(code: str) -> ox.NamedNode:
    return ox.NamedNode(f"{BASE}id/country/{code}")


class GlotipReader:
    """Streams the rows of the export into quads of the GLOTIP named graph."""

    def __init__(self, xlsx: Path, names: Names, project_path: str) -> None:
        self.xlsx = xlsx
        self.names = names
        self.project_path = project_path
        self.report = ImportReport()

    def header(self) -> list[ox.Quad]:
        """The dataset and its source file."""
        digest = hashlib.sha256(self.xlsx.read_bytes()).hexdigest()
        g = GRAPH

        def q(s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> ox.Quad:
            return ox.Quad(s, p, o, g)

        return [
            q(SOURCE, RDF_TYPE, S.Dataset),
            q(SOURCE, RDF_TYPE, P.Entity),
            q(SOURCE, RDFS_LABEL, _lit("UNODC GLOTIP data export of 28 October 2025", language="en")),
            q(
                SOURCE,
                D.title,
                _lit("Global Report on Trafficking in Persons (GLOTIP), data export"),
            ),
            q(
                SOURCE,
                D.bibliographicCitation,
                _lit("UNODC, Global Report on Trafficking in Persons, data export of 28 October 2025"),
            ),
            q(SOURCE, S.publisher, UNODC),
            q(SOURCE, S.datePublished, _lit("2025-10-28", X.date)),
            q(SOURCE, T.dataFile, _lit(self.project_path)),
            q(SOURCE, T.sha256, _lit(digest)),
            q(
                SOURCE,
                T.publicationNote,
                _lit(
                    "Export dated 28/10/2025 in its second row; obtained from the public repository "
                    "WelcomeToYourGalaxy/anti-slavery-map, file data/glotip_unodc.xlsx.",
                    language="en",
                ),
            ),
            q(DATASET, RDF_TYPE, Q.DataSet),
            q(
                DATASET,
                RDFS_LABEL,
                _lit("UNODC GLOTIP: trafficking in persons figures by country, 2003-2023", language="en"),
            ),
            q(DATASET, P.wasDerivedFrom, SOURCE),
            q(DATASET, S.publisher, UNODC),
        ]

    def rows(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        """(row number, values) of the data rows; the header must be the documented one."""
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(self.xlsx, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors
            raise DataError(f"cannot read the workbook: {exc}", self.xlsx) from exc
        sheet = workbook[workbook.sheetnames[0]]
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number < HEADER_ROW:
                continue
            if number == HEADER_ROW:
                if [str(v) for v in values[: len(EXPECTED)]] != EXPECTED:
                    raise DataError(f"row {number} is not the expected header {EXPECTED}", self.xlsx, number)
                continue
            if all(v is None for v in values):
                continue
            yield number, tuple(values)
        workbook.close()

    def quads(self, progress: bool = False) -> Iterator[ox.Quad]:
        """All quads of the graph, row by row; bad rows are recorded in the report, not yielded."""
        yield from self.header()
        rows = self.rows()
        if progress:
            from tqdm import tqdm

            rows = tqdm(rows, desc="GLOTIP rows", unit=" rows", total=65_398, file=sys.stderr)
        for number, values in rows:
            self.report.rows += 1
            try:
                yield from self.row(number, values)
            except ValueError as exc:
                self.report.errors.append(f"{self.xlsx}: row {number}: {exc}")

    def row(self, number: int, values: tuple[object, ...]) -> list[ox.Quad]:
        """The quads of one row; ValueError names what is wrong with it."""
        iso3, _, _, _, indicator, dimension, category, sex, age, year, _, value, _ = values[:13]
        if iso3 not in self.names.codes:
            raise ValueError(f"unknown reporting country code {iso3!r}")
        if not isinstance(year, int) or not 1900 <= year <= 2100:
            raise ValueError(f"unreadable year {year!r}")
        qualifier, low, high, stated = parse_value(value)
        category = str(category)
        reading = None
        if dimension in FLOW_DIMENSIONS:
            reading = self.names.read(category)
            if reading is None:
                raise ValueError(f"unknown country name {category!r} (add it to data/glotip/categories.csv)")
        g = GRAPH
        obs = ox.NamedNode(f"{BASE}id/glotip/row/{number}")
        count = ox.NamedNode(f"{BASE}id/glotip/row/{number}/count")
        reporter = _country(str(iso3))
        period = _lit(str(year), X.gYear)
        out = [
            ox.Quad(obs, RDF_TYPE, T.StatisticalObservation, g),
            ox.Quad(obs, Q.dataSet, DATASET, g),
            ox.Quad(obs, T.indicator, _lit(str(indicator)), g),
            ox.Quad(obs, T.dimension, _lit(str(dimension)), g),
            ox.Quad(obs, T.category, _lit(category), g),
            ox.Quad(obs, T.sex, _lit(str(sex)), g),
            ox.Quad(obs, T.ageGroup, _lit(str(age)), g),
            ox.Quad(obs, T.refPeriod, period, g),
            ox.Quad(obs, T.reportingCountry, reporter, g),
            ox.Quad(obs, T.count, count, g),
            ox.Quad(obs, T.sourceRow, _lit(str(number), X.integer), g),
            ox.Quad(obs, P.hadPrimarySource, SOURCE, g),
            ox.Quad(obs, T.extractionMethod, T.Imported, g),
            ox.Quad(count, RDF_TYPE, T.Count, g),
            ox.Quad(count, T.countQualifier, qualifier, g),
            ox.Quad(count, S.minValue, _lit(str(low), X.integer), g),
            ox.Quad(count, S.maxValue, _lit(str(high), X.integer), g),
            ox.Quad(count, T.statedAs, _lit(stated), g),
        ]
        if qualifier.value.endswith("Exactly"):
            out.append(ox.Quad(count, S.value, _lit(str(low), X.integer), g))
        else:
            self.report.censored += 1
        self.report.observations += 1
        if reading is None or indicator != VICTIMS:
            return out
        if reading.reading == "none":
            self.report.not_flows += 1
            return out
        flow = ox.NamedNode(f"{BASE}id/glotip/row/{number}/flow")
        verb = FLOW_DIMENSIONS[str(dimension)]
        out += [
            ox.Quad(flow, RDF_TYPE, T.VictimFlow, g),
            ox.Quad(
                flow,
                RDFS_LABEL,
                _lit(
                    f"UNODC GLOTIP {year}: victims detected in {iso3}, {verb} {category} ({sex}, {age})",
                    language="en",
                ),
                g,
            ),
            ox.Quad(flow, T.destination, reporter, g),
            ox.Quad(flow, T.refPeriod, period, g),
            ox.Quad(flow, T.count, count, g),
            ox.Quad(flow, T.sex, _lit(str(sex)), g),
            ox.Quad(flow, T.ageGroup, _lit(str(age)), g),
            ox.Quad(flow, T.recordedBy, UNODC, g),
            ox.Quad(flow, P.wasDerivedFrom, obs, g),
            ox.Quad(flow, P.hadPrimarySource, SOURCE, g),
            ox.Quad(flow, T.extractionMethod, T.Imported, g),
        ]
        self.report.flows += 1
        if reading.reading == "domestic":
            out.append(ox.Quad(flow, T.origin, reporter, g))
            self.report.domestic_flows += 1
        elif reading.reading == "country" and reading.country:
            out.append(ox.Quad(flow, T.origin, _country(reading.country), g))
        origin = str(iso3) if reading.reading == "domestic" else reading.country
        if origin and reading.reading in ("domestic", "country") and sex == "Total" and age == "Total":
            figure = ox.NamedNode(f"{BASE}id/figure/{origin}-{iso3}/{year}")
            out += [ox.Quad(flow, T.figure, figure, g), ox.Quad(figure, RDF_TYPE, T.Figure, g)]
        if reading.reading not in ("domestic", "country"):
            out.append(
                ox.Quad(flow, T.originDescription, _lit(f"{category}: {reading.note}", language="en"), g)
            )
            self.report.unknown_origin_flows += 1
        return out
