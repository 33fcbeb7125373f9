"""Background facts from the reference tables in ``data/reference/``.

Countries, persons, organisations, posts, terms of office, memberships and places.
Each row names the source it comes from (``sources.yaml``); errors name file and line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import DataError
from kg.iris import country, thing
from kg.namespaces import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, TIME, TPPO, XSD
from kg.read.alternatives import load_alternatives
from kg.read.dates import INSTANT_POSITION, bounds, date_at
from kg.read.diplomacy import has_tables, load_diplomacy
from kg.read.identifiers import DATE, SLUG, URL
from kg.read.refcolumns import (
    COUNTRY_COLUMNS,
    MEMBERSHIP_COLUMNS,
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    PLACE_COLUMNS,
    POST_COLUMNS,
    TENURE_COLUMNS,
)
from kg.read.tables import Table
from kg.read.yamlio import LineDict, load_yaml

ORG_TYPES: dict[str, tuple[URIRef, ...]] = {
    "GovernmentOrganization": (SDO.GovernmentOrganization, ORG.FormalOrganization),
    "IntergovernmentalOrganization": (SDO.Organization, ORG.FormalOrganization),
    "NewsMediaOrganization": (SDO.NewsMediaOrganization,),
    "Curators": (PROV.Agent,),
}
ROLES = {
    "HeadOfGovernment": TPPO.HeadOfGovernment,
    "HeadOfState": TPPO.HeadOfState,
    "ForeignMinister": TPPO.ForeignMinister,
}
PLACE_TYPES = {"City": SDO.City, "AdministrativeArea": SDO.AdministrativeArea}


class Reference:
    """Builds the reference graph and knows which IRIs it defines."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.graph = Graph()
        self.sources: dict[str, URIRef] = {}
        self.countries: dict[str, URIRef] = {}

    def load(self) -> Graph:
        """Read every table into the reference graph."""
        self._sources()
        self._countries()
        self._persons()
        self._organisations()
        self._posts()
        self._tenures()
        self._memberships()
        self._places()
        if has_tables(self.folder):
            load_diplomacy(self)
        load_alternatives(self)
        return self.graph

    # -- helpers -----------------------------------------------------------------
    def _cite(self, subject: URIRef, keys: str, path: Path, line: int) -> None:
        """Cite each source key (one, or several separated by spaces); an unknown key is a DataError."""
        for key in keys.split():
            if key not in self.sources:
                raise DataError(f"unknown source {key!r} (not in sources.yaml)", path, line)
            self.graph.add((subject, PROV.wasDerivedFrom, self.sources[key]))

    def _country(self, code: str, path: Path, line: int) -> URIRef:
        if code not in self.countries:
            raise DataError(f"unknown country code {code!r}", path, line)
        return self.countries[code]

    def _labels(self, subject: URIRef, en: str, id_: str) -> None:
        self.graph.add((subject, RDFS.label, Literal(en, lang="en")))
        if id_:
            self.graph.add((subject, RDFS.label, Literal(id_, lang="id")))

    def _interval(self, subject: URIRef, start: str, end: str, path: Path, line: int) -> None:
        """A term's interval: each end an instant with its date at the precision the page gives
        (OWL-Time's inXSDDate, inXSDgYearMonth or inXSDgYear) and the first and last day it
        can denote (tppo:earliestDate, tppo:latestDate), which the questions compare."""
        interval = URIRef(f"{subject}/interval")
        g = self.graph
        g.add((subject, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.ProperInterval))
        days: dict[str, tuple[date, date]] = {}
        for name, text, prop in (("start", start, TIME.hasBeginning), ("end", end, TIME.hasEnd)):
            if not text:
                if name == "start":
                    raise DataError("a start date is required", path, line)
                continue
            value = date_at(text, path, line)
            instant = URIRef(f"{subject}/{name}")
            g.add((interval, prop, instant))
            g.add((instant, RDF.type, TIME.Instant))
            g.add((instant, INSTANT_POSITION[value.datatype or XSD.date], value))
            days[name] = bounds(value)
            g.add((instant, TPPO.earliestDate, Literal(days[name][0].isoformat(), datatype=XSD.date)))
            g.add((instant, TPPO.latestDate, Literal(days[name][1].isoformat(), datatype=XSD.date)))
        if "end" in days and days["end"][1] < days["start"][0]:
            raise DataError(f"end {end} is before start {start}", path, line)

    # -- tables ------------------------------------------------------------------
    def _sources(self) -> None:
        path = self.folder / "sources.yaml"
        doc = load_yaml(path)
        entries = doc.get("sources")
        if not isinstance(entries, LineDict):
            raise DataError("'sources' must be a mapping", path, doc.line)
        for key, meta in entries.items():
            SLUG.check(key, path, entries.line_of(key), "source key")
            if not isinstance(meta, LineDict) or not isinstance(meta.get("title"), str):
                raise DataError(f"source {key!r} needs a title", path, entries.line_of(key))
            if "url" in meta:
                URL.check(str(meta["url"]), path, meta.line_of("url"), "url")
            if "read" in meta:
                DATE.check(str(meta["read"]), path, meta.line_of("read"), "read (the day the page was read)")
            node = thing(f"source/{key}")
            self.sources[key] = node
            g = self.graph
            g.add((node, RDF.type, SDO.Dataset))
            g.add((node, RDF.type, PROV.Entity))
            g.add((node, RDFS.label, Literal(str(meta["title"]), lang="en")))
            g.add((node, DCTERMS.title, Literal(str(meta["title"]))))
            for field, prop in (("url", SDO.url), ("version", SDO.version)):
                value = meta.get(field)
                if isinstance(value, str):
                    g.add((node, prop, Literal(value)))
            if isinstance(meta.get("publisher"), str):
                g.add((node, DCTERMS.bibliographicCitation, Literal(str(meta["publisher"]))))
            if "read" in meta:
                g.add((node, TPPO.dateRead, Literal(str(meta["read"]), datatype=XSD.date)))
            if isinstance(meta.get("license"), str):
                g.add((node, DCTERMS.license, Literal(str(meta["license"]))))
        self._columns = doc.get("columns")

    def _countries(self) -> None:
        path = self.folder / "countries.csv"
        columns = self._columns.get("countries.csv") if isinstance(self._columns, LineDict) else None
        if not isinstance(columns, LineDict):
            raise DataError(
                "sources.yaml must cite each column of countries.csv", self.folder / "sources.yaml"
            )
        g = self.graph
        for line, row in Table(path, COUNTRY_COLUMNS).rows():
            code = row["iso3"]
            node = country(code)
            self.countries[code] = node
            g.add((node, RDF.type, SDO.Country))
            self._labels(node, row["name_en"], row["name_id"])
            g.add((node, SDO.name, Literal(row["name_en"])))
            g.add((node, TPPO.iso3166Alpha3, Literal(code)))
            g.add((node, TPPO.iso3166Alpha2, Literal(row["iso2"])))
            if row["numeric"]:
                g.add((node, TPPO.iso3166Numeric, Literal(row["numeric"])))
            for alias in filter(None, row["aliases"].split(";")):
                g.add((node, SDO.alternateName, Literal(alias)))
            if row["wikidata"]:
                g.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{row['wikidata']}")))
            if row["geonames"]:
                g.add((node, TPPO.geonamesId, Literal(row["geonames"])))
            if row["capital"]:
                capital = thing(f"place/capital-{code}")
                g.add((node, TPPO.capital, capital))
                g.add((capital, RDF.type, SDO.City))
                g.add((capital, SDO.name, Literal(row["capital"])))
                g.add((capital, RDFS.label, Literal(row["capital"], lang="en")))
                g.add((capital, TPPO.country, node))
                self._coordinates(capital, row["capital_lat"], row["capital_lon"], path, line)
                self._cite(capital, str(columns.get("capital", "geonames")), path, line)
            used = {str(columns[c]) for c in COUNTRY_COLUMNS if row[c] and c in columns} | {
                row["code_source"]
            }
            for key in sorted(used):
                self._cite(node, key, path, line)

    def _coordinates(self, node: URIRef, lat: str, lon: str, path: Path, line: int) -> None:
        if not lat and not lon:
            return
        try:
            la, lo = float(lat), float(lon)
        except ValueError:
            raise DataError(f"bad coordinates {lat!r}, {lon!r}", path, line) from None
        if not (-90 <= la <= 90 and -180 <= lo <= 180):
            raise DataError(f"coordinates out of range {lat}, {lon}", path, line)
        # Canonical lexical form (no trailing zeros), as the store keeps it.
        for prop, text in ((SDO.latitude, lat), (SDO.longitude, lon)):
            canonical = format(Decimal(text).normalize(), "f")
            self.graph.add((node, prop, Literal(canonical, datatype=XSD.decimal)))

    def _persons(self) -> None:
        path = self.folder / "persons.csv"
        for line, row in Table(path, PERSON_COLUMNS).rows():
            node = thing(f"person/{row['slug']}")
            self.graph.add((node, RDF.type, SDO.Person))
            self.graph.add((node, SDO.name, Literal(row["name"])))
            # A person's name is the same in English and Indonesian; tagged like every other label.
            self.graph.add((node, RDFS.label, Literal(row["name"], lang="en")))
            self.graph.add((node, RDFS.label, Literal(row["name"], lang="id")))
            for alias in filter(None, row["alternate_names"].split(";")):
                self.graph.add((node, SDO.alternateName, Literal(alias)))
            self._cite(node, row["source"], path, line)
            self._same_as(node, row, path, line)

    def _same_as(self, node: URIRef, row: dict[str, str], path: Path, line: int) -> None:
        """The row's Wikidata item, cited by the page that shows it (``wikidata_source``)."""
        if bool(row["wikidata"]) != bool(row["wikidata_source"]):
            raise DataError("wikidata and wikidata_source go together: give both or neither", path, line)
        if row["wikidata"]:
            self.graph.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{row['wikidata']}")))
            self._cite(node, row["wikidata_source"], path, line)

    def _organisations(self) -> None:
        path = self.folder / "organisations.csv"
        for line, row in Table(path, ORGANISATION_COLUMNS).rows():
            node = thing(f"org/{row['slug']}")
            if row["type"] not in ORG_TYPES:
                raise DataError(f"unknown organisation type {row['type']!r}", path, line)
            for cls in ORG_TYPES[row["type"]]:
                self.graph.add((node, RDF.type, cls))
            self._labels(node, row["name_en"], row["name_id"])
            self.graph.add((node, SDO.name, Literal(row["name_en"])))
            if row["country"]:
                self.graph.add((node, TPPO.country, self._country(row["country"], path, line)))
            if row["parent"]:
                self.graph.add((node, SDO.parentOrganization, thing(f"org/{row['parent']}")))
            self._cite(node, row["source"], path, line)
            self._same_as(node, row, path, line)

    def _posts(self) -> None:
        path = self.folder / "posts.csv"
        for line, row in Table(path, POST_COLUMNS).rows():
            node = thing(f"post/{row['slug']}")
            self.graph.add((node, RDF.type, ORG.Post))
            self._labels(node, row["name_en"], row["name_id"])
            self.graph.add((node, ORG.postIn, thing(f"org/{row['organisation']}")))
            for role in row["role"].split():
                if role not in ROLES:
                    raise DataError(f"unknown role {role!r} (one of {', '.join(ROLES)})", path, line)
                self.graph.add((node, ORG.role, ROLES[role]))
            self._cite(node, row["source"], path, line)

    def _tenures(self) -> None:
        path = self.folder / "tenures.csv"
        for line, row in Table(path, TENURE_COLUMNS).rows():
            node = thing(f"tenure/{row['person']}/{row['post']}/{row['start']}")
            post = thing(f"post/{row['post']}")
            g = self.graph
            g.add((node, RDF.type, ORG.Membership))
            g.add((node, ORG.member, thing(f"person/{row['person']}")))
            g.add((node, TPPO.post, post))
            span = f"{row['start']} to {row['end'] or 'present'}"
            g.add((node, RDFS.label, Literal(f"{row['person']} as {row['post']}, {span}", lang="en")))
            self._interval(node, row["start"], row["end"], path, line)
            if row["capacity"] not in ("", "acting"):
                raise DataError(f"capacity {row['capacity']!r} is not empty or 'acting'", path, line)
            if row["capacity"] == "acting":
                g.add((node, TPPO.acting, Literal(True)))
            self._cite(node, row["source"], path, line)

    def _memberships(self) -> None:
        path = self.folder / "memberships.csv"
        for line, row in Table(path, MEMBERSHIP_COLUMNS).rows():
            member = self._country(row["member"], path, line)
            node = thing(f"membership/{row['organisation']}/{row['member']}")
            self.graph.add((node, RDF.type, ORG.Membership))
            self.graph.add((node, ORG.member, member))
            self.graph.add((node, ORG.organization, thing(f"org/{row['organisation']}")))
            span = f"{row['start']} to {row['end'] or 'present'}"
            label = f"{row['member']} in {row['organisation']}, {span}"
            self.graph.add((node, RDFS.label, Literal(label, lang="en")))
            self._interval(node, row["start"], row["end"], path, line)
            self._cite(node, row["source"], path, line)

    def _places(self) -> None:
        path = self.folder / "places.csv"
        for line, row in Table(path, PLACE_COLUMNS).rows():
            node = thing(f"place/{row['slug']}")
            if row["type"] not in PLACE_TYPES:
                raise DataError(f"unknown place type {row['type']!r}", path, line)
            self.graph.add((node, RDF.type, PLACE_TYPES[row["type"]]))
            self._labels(node, row["name_en"], row["name_id"])
            self.graph.add((node, SDO.name, Literal(row["name_en"])))
            if row["country"]:
                self.graph.add((node, TPPO.country, self._country(row["country"], path, line)))
            if row["contained_in"]:
                self.graph.add((node, SDO.containedInPlace, thing(f"place/{row['contained_in']}")))
            if row["geonames"]:
                self.graph.add((node, TPPO.geonamesId, Literal(row["geonames"])))
            self._coordinates(node, row["lat"], row["lon"], path, line)
            self._cite(node, row["source"], path, line)
