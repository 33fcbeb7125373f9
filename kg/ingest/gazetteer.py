"""Gazetteers built from the reference tables, plus the cues news uses for them.

Countries by English and Indonesian name, alias, cue (KBRI, Kemlu) and the words for their
people (Ethiopians, Sri Lankan, WNI: ``demonyms``, which a flow reads as an origin);
persons by name and alternate name; organisations by name and short name; places by
name and capital cities. Extra names here are ours: words news uses that the reference
tables do not hold.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

COUNTRY_CUES: dict[str, tuple[str, ...]] = {
    "IDN": (
        "KBRI",
        "Kemlu",
        "Polri",
        "Polda",
        "Polres",
        "Polresta",
        "Polrestabes",
        "Polsek",
        "Bareskrim",
        "BP2MI",
        "Tanah Air",
        "Menlu RI",
    ),
    "PHL": ("Philippine",),
    "MYS": ("Negeri Jiran",),
    "ARE": ("UEA", "UAE"),
    "KOR": ("Korea Selatan",),
}
# Words for a country's people, adjective and plural ("Ethiopian", "Sri Lankans"), and the
# Indonesian cues that name Indonesia's citizens: a flow reads them as where persons come from.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "IDN": (
        "WNI",
        "warga negara Indonesia",
        "Warga Negara Indonesia",
        "pekerja migran Indonesia",
        "Indonesian",
        "Indonesians",
        "PMI",
    ),
    "KHM": ("Cambodian", "Cambodians", "Khmer"),
    "MMR": ("Burmese",),
    "VNM": ("Vietnamese",),
    "PHL": ("Filipino", "Filipinos"),
    "THA": ("Thai", "Thais"),
    "LAO": ("Laotian", "Laotians", "Lao"),
    "MYS": ("Malaysian", "Malaysians"),
    "CHN": ("Chinese",),
    "SGP": ("Singaporean", "Singaporeans"),
    "BRN": ("Bruneian", "Bruneians"),
    "AUS": ("Australian", "Australians"),
    "ARE": ("Emirati", "Emiratis"),
    "TLS": ("Timorese",),
    "JPN": ("Japanese",),
    "KOR": ("South Korean", "South Koreans"),
    "TWN": ("Taiwanese",),
    "USA": ("American", "Americans"),
    "LKA": ("Sri Lankan", "Sri Lankans"),
    "IND": ("Indian", "Indians"),
    "NPL": ("Nepali", "Nepalis", "Nepalese"),
    "BGD": ("Bangladeshi", "Bangladeshis"),
    "PAK": ("Pakistani", "Pakistanis"),
    "ETH": ("Ethiopian", "Ethiopians"),
    "EGY": ("Egyptian", "Egyptians"),
    "KEN": ("Kenyan", "Kenyans"),
    "UGA": ("Ugandan", "Ugandans"),
    "NGA": ("Nigerian", "Nigerians"),
    "GEO": ("Georgian", "Georgians"),
    "RUS": ("Russian", "Russians"),
    "TUR": ("Turkish",),
}
ORG_ALIASES: dict[str, tuple[str, ...]] = {
    "kemlu": (
        "Kemlu",
        "Kementerian Luar Negeri",
        "Kemenlu",
        "Ministry of Foreign Affairs",
        "foreign ministry",
        "Foreign Ministry",
        "Kementerian Luar Negeri RI",
    ),
    "asean": ("ASEAN",),
    "unodc": ("UNODC",),
    "tempo": ("TEMPO.CO", "Tempo"),
    "biro-pers-setpres": (
        "Biro Pers Sekretariat Presiden",
        "Biro Pers, Media, dan Informasi Sekretariat Presiden",
    ),
    "government-KHM": (
        "pemerintah Kamboja",
        "Pemerintah Kamboja",
        "Cambodian government",
        "government of Cambodia",
    ),
    "government-IDN": ("pemerintah Indonesia", "Pemerintah Indonesia", "Indonesian government"),
}
# Organisations news names that the reference tables do not hold yet (proposed as new rows).
NEW_ORGS = (
    "Polri",
    "Bareskrim Polri",
    "Bareskrim",
    "BP2MI",
    "IOM",
    "Interpol",
    "LPSK",
    "Komnas HAM",
    "Migrant CARE",
    "Kemnaker",
    "Kementerian Ketenagakerjaan",
    "International Organization for Migration",
    "Philippine National Police",
    "Royal Thai Police",
    "Kepolisian Kamboja",
    "Cambodian National Police",
    "Badan Pelindungan Pekerja Migran Indonesia",
    "Imigrasi",
    "Direktorat Jenderal Imigrasi",
    "Bali Process",
)
EXTRA_PLACES = (
    "Sihanoukville",
    "Myawaddy",
    "Poipet",
    "Bavet",
    "Batam",
    "Bali",
    "Nunukan",
    "Tangerang",
    "Shwe Kokko",
    "Golden Triangle",
    "Segitiga Emas",
    "Kuala Lumpur",
    "Jakarta",
    "Surabaya",
    "Medan",
    "Kupang",
    "Pontianak",
    "Entikong",
    "Mae Sot",
    "Yangon",
    "Jenewa",
    "Geneva",
    "Nusa Dua",
)


@dataclass
class Gazetteer:
    """Name -> target tables and one regex per table (longest names first)."""

    countries: dict[str, str] = field(default_factory=dict)  # name -> ISO alpha-3
    persons: dict[str, str] = field(default_factory=dict)  # name -> slug
    person_names: dict[str, str] = field(default_factory=dict)  # slug -> full name
    org_names: dict[str, str] = field(default_factory=dict)  # slug -> English name
    orgs: dict[str, str | None] = field(default_factory=dict)  # name -> slug or None
    places: dict[str, str | None] = field(default_factory=dict)  # name -> slug or None
    posts: dict[str, tuple[str, str]] = field(default_factory=dict)  # person slug -> (post name_id, country)
    country_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso3 -> (en, id)
    demonyms: set[str] = field(default_factory=set)  # the words of DEMONYMS
    regex: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def compile(self) -> None:
        """One alternation per table, longest name first, whole words only."""
        for kind, table in (
            ("country", self.countries),
            ("person", self.persons),
            ("org", self.orgs),
            ("place", self.places),
        ):
            names = sorted(table, key=lambda n: (-len(n), n))
            self.regex[kind] = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=4)
def load_gazetteer(reference: Path) -> Gazetteer:
    """Build the gazetteer from ``data/reference`` (cached per folder)."""
    g = Gazetteer()
    for row in _rows(reference / "countries.csv"):
        code = row["iso3"]
        g.country_names[code] = (row["name_en"], row["name_id"])
        names = [row["name_en"], row["name_id"], *row["aliases"].split(";")]
        for name in names:
            name = name.strip()
            if len(name) >= 4 and name not in g.countries and not name.startswith(("Republic", "Kingdom")):
                g.countries[name] = code
        if row["capital"]:
            g.places.setdefault(row["capital"], None)
    for code, cues in COUNTRY_CUES.items():
        for cue in cues:
            g.countries[cue] = code
    for code, words in DEMONYMS.items():
        for word in words:
            g.countries[word] = code
            g.demonyms.add(word)
    for name in EXTRA_PLACES:
        g.places.setdefault(name, None)
    for row in _rows(reference / "places.csv"):
        for name in (row["name_en"], row["name_id"]):
            g.places[name] = row["slug"]
    for row in _rows(reference / "persons.csv"):
        g.person_names[row["slug"]] = row["name"]
        for name in [row["name"], *row["alternate_names"].split(";")]:
            if name.strip():
                g.persons[name.strip()] = row["slug"]
    for row in _rows(reference / "organisations.csv"):
        g.org_names[row["slug"]] = row["name_en"]
        for name in (row["name_en"], row["name_id"]):
            g.orgs[name] = row["slug"]
    for slug, aliases in ORG_ALIASES.items():
        for name in aliases:
            g.orgs[name] = slug
    for name in NEW_ORGS:
        g.orgs.setdefault(name, None)
    posts = {row["slug"]: row for row in _rows(reference / "posts.csv")}
    for row in _rows(reference / "tenures.csv"):
        post = posts.get(row["post"])
        if post is not None:
            g.posts[row["person"]] = (post["name_id"], row["post"].split("-")[0])
    g.compile()
    return g
