"""Mentions of countries, persons, organisations and places in one article.

Known persons are found by name and alternate name, then by any single word of their
name once the full name has appeared ("Manet" after "Hun Manet"). An unknown person is a
run of capitalised words after an office title ("Direktur Perlindungan WNI Kemlu Judha
Nugraha", "Police Colonel Somchai Rattanakul"); the title is kept as the office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.sentences import Sentence

TITLES = (
    "Presiden|Wakil Presiden|Perdana Menteri|PM|Menteri Luar Negeri|Menlu|Wakil Menteri Luar Negeri|Menteri|"
    "Duta Besar|Dubes|Direktur Jenderal|Dirjen|Direktur|Kepala|Ketua|Wakil Ketua|Kapolri|Kabareskrim|Kapolda|"
    "Kapolres|Kasubdit|Dirtipidum|Juru [Bb]icara|Jubir|Sekretaris Jenderal|Sekjen|Koordinator|Komisaris|"
    "Kombes(?: Pol\\.?)?|Brigjen(?: Pol\\.?)?|Irjen(?: Pol\\.?)?|Komjen(?: Pol\\.?)?|"
    "AKBP|Jenderal(?: Polisi)?|"
    "President|Vice President|Prime Minister|Foreign Minister|Minister|Deputy Minister|Ambassador|Director(?:-General)?|"
    "Chief|Head|Secretary-General|Police (?:General|Colonel|Major General|Lieutenant General|Chief)|General|"
    "Colonel|Spokesperson|spokesperson|spokesman|Commissioner|Senator|Governor|Gubernur|Bupati|Wali Kota|"
    "police chief|police spokesperson|agency head|official,|spokesperson,|Agency head"
)
# Words that may follow a title to make it longer ("Direktur Perlindungan WNI Kemlu").
_OFFICE_TAIL = r"(?:\s+(?:(?:of|for|the|dan|and|to|untuk|Luar|Negeri|RI)\b|[A-Z][\w.,-]*|WNI|BHI)){0,7}?"
_WORD = r"(?:[A-Z][a-z\u00e0-\u00ff'-]+|[A-Z]\.)"
_NAME = r"(?P<name>" + _WORD + r"(?:\s+(?:" + _WORD + r"|bin|binti)){1,3})"
_TITLED = re.compile(
    r"(?<![\w-])(?P<office>(?:" + TITLES + r")" + _OFFICE_TAIL + r")\s+" + _NAME + r"(?![\w-])"
)
OFFICE_WORDS = {
    "Tindak",
    "Pidana",
    "Umum",
    "Perlindungan",
    "Hukum",
    "Human",
    "Rights",
    "High",
    "Commissioner",
    "Police",
    "General",
    "Chief",
    "Foreign",
    "Minister",
    "Affairs",
    "Bidang",
    "Politik",
    "Keamanan",
    "Daerah",
    "Agency",
    "Head",
    "Pol.",
    "Brigjen",
    "Irjen",
    "Kombes",
    "Public",
    "Security",
    "Office",
    "National",
    "Immigration",
    "Department",
    "Ministry",
    "Embassy",
    "Kepolisian",
    "Kementerian",
    "Badan",
}
_STOP = {
    "Indonesia",
    "Kamboja",
    "Myanmar",
    "Laos",
    "Vietnam",
    "Thailand",
    "Filipina",
    "Malaysia",
    "Cambodia",
    "Philippines",
    "ASEAN",
    "Kemlu",
    "Luar",
    "Negeri",
    "Polri",
    "Bareskrim",
    "WNI",
    "RI",
    "Republik",
    "Kerajaan",
}


_MISSION = re.compile(r"\b(?:KBRI|KJRI)\s+(?!untuk\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")


@dataclass(frozen=True)
class Mention:
    """A mention in a sentence: its kind, offsets into the sentence, the words, what it resolves to."""

    kind: str  # country, person, org, place
    start: int
    end: int
    text: str
    ref: str | None  # ISO alpha-3 for a country, a slug for the others, None when unknown
    office: str | None = None
    country: str | None = None


def _known_person(g: Gazetteer, slug: str, start: int, end: int, said: str) -> Mention:
    """A mention of a person of the reference tables, with the office the tables give them."""
    post = g.posts.get(slug)
    return Mention("person", start, end, said, slug, post[0] if post else None, post[1] if post else None)


def _gazetteer_mentions(
    kind: str, sentence: str, g: Gazetteer, table: dict[str, str | None]
) -> list[Mention]:
    return [
        Mention(kind, m.start(), m.end(), m.group(), table[m.group()])
        for m in g.regex[kind].finditer(sentence)
    ]


def _country_in(text: str, g: Gazetteer) -> str | None:
    m = g.regex["country"].search(text)
    return g.countries[m.group()] if m else None


class ArticleEntities:
    """Resolves mentions across one article (surnames after full names, titles to their holders)."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        self.short: dict[str, str] = {}  # a single word of a full name seen so far -> slug
        self.unknown: dict[str, tuple[str | None, str | None]] = {}  # name -> (office, country)
        self.seen: dict[str, Mention] = {}
        self.unknown_short: dict[
            str, str
        ] = {}  # a word of an unknown person's name -> the name  # every person of the article so far, by slug or name

    def sentence(self, s: Sentence) -> list[Mention]:
        """Every mention in one sentence, in order, not overlapping."""
        g, text = self.g, s.text
        found = _gazetteer_mentions("country", text, g, dict(g.countries))
        found += _gazetteer_mentions("org", text, g, g.orgs)
        found += [Mention("org", m.start(), m.end(), m.group(), None) for m in _MISSION.finditer(text)]
        found += _gazetteer_mentions("place", text, g, g.places)
        persons: list[Mention] = []
        for m in g.regex["person"].finditer(text):
            slug = g.persons[m.group()]
            persons.append(_known_person(g, slug, m.start(), m.end(), m.group()))
            for word in g.person_names[slug].split() + m.group().split():
                if len(word) >= 4:
                    self.short[word] = slug if self.short.get(word, slug) == slug else ""
        for m in _TITLED.finditer(text):
            name = m.group("name")
            words = name.split()
            office = m.group("office").strip()
            while words and words[-1] in _STOP:
                words.pop()
            while words and (words[0] in _STOP or words[0] in OFFICE_WORDS):
                office += " " + words.pop(0)
            a = m.start("name") + m.group("name").find(words[0]) if words else 0
            if len(words) < 2 or any(p.start <= a < p.end for p in persons):
                continue
            name = " ".join(words)
            country = _country_in(office, g)
            if country is None and re.search(r"\b(Kemlu|Polri|Bareskrim|RI|BP2MI|KBRI)\b", office):
                country = "IDN"
            persons.append(Mention("person", a, a + len(name), name, None, office, country))
            self.unknown.setdefault(name, (office, country))
            for word in (words[0], words[-1]):
                if len(word) >= 4 and word not in self.short:
                    self.unknown_short[word] = name
        for word, slug in self.short.items():
            if not slug:
                continue
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                if not any(p.start <= m.start() < p.end for p in persons):
                    persons.append(_known_person(g, slug, m.start(), m.end(), word))
        for word, full in self.unknown_short.items():
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                if not any(p.start <= m.start() < p.end for p in persons):
                    office, country = self.unknown[full]
                    persons.append(Mention("person", m.start(), m.end(), full, None, office, country))
        found += persons
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        out: list[Mention] = []
        ends: dict[str, int] = {}
        for mention in found:  # drop a mention inside a longer one of its kind ("warga negara Indonesia")
            if mention.start < ends.get(mention.kind, -1):
                continue
            ends[mention.kind] = mention.end
            out.append(mention)
        for mention in out:
            if mention.kind == "person":
                self.seen.setdefault(mention.ref or mention.text, mention)
        return out

    def by_title(self, word: str) -> Mention | None:
        """The person of the article whose office starts with ``word`` (Presiden, Menlu), if one."""
        word = {"Menlu": "Menteri Luar Negeri", "PM": "Perdana Menteri"}.get(word, word).lower()
        fits = [m for m in self.seen.values() if m.office and m.office.lower().startswith(word)]
        return fits[-1] if len(fits) == 1 or (fits and len({m.ref or m.text for m in fits}) == 1) else None
