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
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyoxigraph as ox

from kg.errors import DataError
from kg.imports.glotip_readings import CITIZENSHIP, REPATRIATION, RepatriationReadings
from kg.iris import RDF_TYPE, country, figure_iri, node, thing
from kg.namespaces import DCTERMS, PROV, QB, RDFS, SDO, TPPO, XSD
from kg.read.counts import LARGEST_COUNT
from kg.read.refcolumns import COUNTRY_COLUMNS
from kg.read.tables import Table

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
GRAPH = node(thing("graph/glotip"))
SOURCE = node(thing("source/unodc-glotip"))
DATASET = node(thing("dataset/unodc-glotip"))
UNODC = node(thing("org/unodc"))
FLOW_DIMENSIONS = {CITIZENSHIP: "citizens of", REPATRIATION: "repatriated to"}
VICTIMS = "Detected trafficking victims"


def _terms(namespace: Any, *names: str) -> SimpleNamespace:
    """pyoxigraph nodes for terms of a closed namespace, made once (a misspelt term fails at import)."""
    return SimpleNamespace(**{name: node(getattr(namespace, name)) for name in names})


T = _terms(
    TPPO,
    "Between",
    "CitizensDetected",
    "Count",
    "DirectionUndecided",
    "Exactly",
    "Figure",
    "Imported",
    "NationalsBroughtHome",
    "SentHomeByReporter",
    "StatisticalObservation",
    "VictimFlow",
    "VictimsDetected",
    "VictimsRepatriated",
    "ageGroup",
    "assertion",
    "category",
    "count",
    "countQualifier",
    "dataFile",
    "destination",
    "dimension",
    "directionReading",
    "extractionMethod",
    "figure",
    "indicator",
    "measure",
    "origin",
    "originDescription",
    "partnerCountry",
    "publicationNote",
    "readingRule",
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
READING_TERMS = {
    "citizens": T.CitizensDetected,
    "sent_home": T.SentHomeByReporter,
    "brought_home": T.NationalsBroughtHome,
    "undecided": T.DirectionUndecided,
}
RDFS_LABEL = node(RDFS.label)


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
        # The same table checks as the build's (columns, identifier patterns, file and line).
        for _, row in Table(countries_csv, COUNTRY_COLUMNS).rows():
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
        if number > LARGEST_COUNT:
            raise ValueError(f"value {raw!r} exceeds any population")
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
    zero_not_flows: int = 0
    undecided_flows: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the terminal."""
        return (
            f"{self.rows} rows read, {self.observations} observations, {self.flows} victim flows "
            f"({self.domestic_flows} domestic, {self.unknown_origin_flows} with no origin state, "
            f"{self.undecided_flows} whose direction is undecided), {self.zero_not_flows} counts of 0 "
            f"kept as observations only, {self.censored} censored counts (<5 read as 1 to 4)"
        )


def _lit(value: str, datatype: ox.NamedNode | None = None, language: str | None = None) -> ox.Literal:
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=datatype) if datatype else ox.Literal(value)


def _country(code: str) -> ox.NamedNode:
    return node(country(code))


class GlotipReader:
    """Streams the rows of the export into quads of the GLOTIP named graph."""

    def __init__(
        self, xlsx: Path, names: Names, project_path: str, readings: RepatriationReadings | None = None
    ) -> None:
        self.xlsx = xlsx
        self.names = names
        self.readings = readings or RepatriationReadings({})
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
        """All quads of the graph, row by row; bad rows are recorded in the report, not yielded.

        The rows are read once and kept (65,398 short tuples): the direction of a repatriation
        row depends on the other rows of its reporter and year (``kg.imports.glotip_readings``)."""
        yield from self.header()
        rows: Iterator[tuple[int, tuple[object, ...]]] = self.rows()
        if progress:
            from kg.progress import counted

            rows = counted(rows, "GLOTIP rows", total=65_398)
        table = list(rows)
        for _, values in table:
            self._see(values)
        for number, values in table:
            self.report.rows += 1
            try:
                yield from self.row(number, values)
            except ValueError as exc:
                self.report.errors.append(f"{self.xlsx}: row {number}: {exc}")

    def _see(self, values: tuple[object, ...]) -> None:
        """Show the readings one row of detected victims (unreadable rows are reported later)."""
        iso3, _, _, _, indicator, dimension, category, sex, age, year, _, value, _ = values[:13]
        if indicator != VICTIMS or dimension not in FLOW_DIMENSIONS or not isinstance(year, int):
            return
        if sex != "Total" or age != "Total":
            return
        try:
            _, low, high, _ = parse_value(value)
        except ValueError:
            return
        reading = self.names.read(str(category))
        code = ""
        if str(category) == "Abroad":
            code = "ABROAD"
        elif reading and reading.reading == "domestic":
            code = "OWN"
        elif reading and reading.reading == "country" and reading.country:
            code = reading.country
        self.readings.see(str(iso3), year, str(dimension), code, (low, high))

    def row(self, number: int, values: tuple[object, ...]) -> list[ox.Quad]:
        """The quads of one row; ValueError names what is wrong with it."""
        iso3, _, _, _, indicator, dimension, category, _, _, year, _, value, _ = values[:13]
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
        obs = node(thing(f"glotip/row/{number}"))
        count = node(thing(f"glotip/row/{number}/count"))
        out = self._observation(number, values, (qualifier, low, high, stated))
        self.report.observations += 1
        if reading is None or indicator != VICTIMS:
            return out
        if high == 0:
            self.report.zero_not_flows += 1  # a count of 0 is an observation, not an edge
            return out
        if reading.reading == "none":
            self.report.not_flows += 1
            return out
        return out + self._flow(number, obs, count, values, reading)

    def _observation(
        self, number: int, values: tuple[object, ...], parsed: tuple[ox.NamedNode, int, int, str]
    ) -> list[ox.Quad]:
        """The statistical observation of a row and its count."""
        obs = node(thing(f"glotip/row/{number}"))
        count = node(thing(f"glotip/row/{number}/count"))
        iso3, _, _, _, indicator, dimension, category, sex, age, year, _, _, _ = values[:13]
        qualifier, low, high, stated = parsed
        g = GRAPH
        out = [
            ox.Quad(obs, RDF_TYPE, T.StatisticalObservation, g),
            ox.Quad(obs, Q.dataSet, DATASET, g),
            ox.Quad(obs, T.indicator, _lit(str(indicator)), g),
            ox.Quad(obs, T.dimension, _lit(str(dimension)), g),
            ox.Quad(obs, T.category, _lit(str(category)), g),
            ox.Quad(obs, T.sex, _lit(str(sex)), g),
            ox.Quad(obs, T.ageGroup, _lit(str(age)), g),
            ox.Quad(obs, T.refPeriod, _lit(str(year), X.gYear), g),
            ox.Quad(obs, T.reportingCountry, _country(str(iso3)), g),
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
        return out

    def _direction(self, reporter: str, year: int, dimension: str) -> tuple[str, str]:
        """(how the row is read, the rule that says so) for a row of a flow dimension."""
        if dimension != REPATRIATION:
            return "citizens", "by citizenship: victims of that citizenship detected in the reporting state"
        decided = self.readings.decide(reporter, year)
        return decided.reading, decided.rule

    def _flow(
        self,
        number: int,
        obs: ox.NamedNode,
        count: ox.NamedNode,
        values: tuple[object, ...],
        reading: Reading,
    ) -> list[ox.Quad]:
        """The victim flow a row of detected victims by citizenship or repatriation states."""
        iso3, _, _, _, _, dimension, category, sex, age, year, _, _, _ = values[:13]
        reporter, dimension = str(iso3), str(dimension)
        how, rule = self._direction(reporter, int(str(year)), dimension)
        state = reading.country if reading.reading == "country" else None
        home_from_nowhere = how == "brought_home" and state in (None, reporter)
        if home_from_nowhere or (how == "undecided" and state is None):
            self.report.not_flows += 1  # nationals brought home from an unnamed or no country
            return []
        flow = node(thing(f"glotip/row/{number}/flow"))
        measure = T.VictimsDetected if dimension == CITIZENSHIP else T.VictimsRepatriated
        if how == "brought_home":
            label = f"UNODC GLOTIP {year}: {iso3} nationals brought home from {category} ({sex}, {age})"
        else:
            verb = FLOW_DIMENSIONS[dimension]
            label = f"UNODC GLOTIP {year}: victims detected in {iso3}, {verb} {category} ({sex}, {age})"
        g = GRAPH
        out = [
            ox.Quad(flow, RDF_TYPE, T.VictimFlow, g),
            ox.Quad(flow, RDFS_LABEL, _lit(label, language="en"), g),
            ox.Quad(flow, T.refPeriod, _lit(str(year), X.gYear), g),
            ox.Quad(flow, T.count, count, g),
            ox.Quad(flow, T.measure, measure, g),
            ox.Quad(flow, T.directionReading, READING_TERMS[how], g),
            ox.Quad(flow, T.readingRule, _lit(rule, language="en"), g),
            ox.Quad(flow, T.sex, _lit(str(sex)), g),
            ox.Quad(flow, T.ageGroup, _lit(str(age)), g),
            ox.Quad(flow, T.recordedBy, UNODC, g),
            ox.Quad(flow, P.wasDerivedFrom, obs, g),
            ox.Quad(flow, T.assertion, obs, g),
            ox.Quad(flow, P.hadPrimarySource, SOURCE, g),
            ox.Quad(flow, T.extractionMethod, T.Imported, g),
        ]
        self.report.flows += 1
        if how == "undecided":
            self.report.undecided_flows += 1
            return [*out, ox.Quad(flow, T.partnerCountry, _country(str(state)), g)]
        origin, destination = (reporter, state) if how == "brought_home" else (state, reporter)
        if reading.reading == "domestic":
            origin = reporter
            self.report.domestic_flows += 1
        return out + self._ends(flow, origin, str(destination), measure, values, reading)

    def _ends(
        self,
        flow: ox.NamedNode,
        origin: str | None,
        destination: str,
        measure: ox.NamedNode,
        values: tuple[object, ...],
        reading: Reading,
    ) -> list[ox.Quad]:
        """A flow's destination and its origin, or the words for an origin that is no state;
        a flow of all sexes and ages between two states also names its figure."""
        category, sex, age, year = (str(v) for v in values[6:10])
        g = GRAPH
        out = [ox.Quad(flow, T.destination, _country(destination), g)]
        if not origin:
            description = f"{category}: {reading.note}"
            self.report.unknown_origin_flows += 1
            return [*out, ox.Quad(flow, T.originDescription, _lit(description, language="en"), g)]
        out.append(ox.Quad(flow, T.origin, _country(origin), g))
        if sex == "Total" and age == "Total":
            figure = ox.NamedNode(figure_iri(origin, destination, year, None, measure.value))
            out += [ox.Quad(flow, T.figure, figure, g), ox.Quad(figure, RDF_TYPE, T.Figure, g)]
            out += [
                ox.Quad(figure, T.measure, measure, g),
                ox.Quad(figure, T.refPeriod, _lit(year, X.gYear), g),
            ]
        return out
