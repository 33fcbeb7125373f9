"""Mentions of countries, persons, organisations and places in one article.

Known persons are found by name and alternate name, then by any single word of their
name once the full name has appeared ("Manet" after "Hun Manet"), or by a head's title and
one word of their name ("Foreign Minister Retno"). An unknown person is the name after an
office title (``titles`` says where the office ends: "Direktur Perlindungan WNI Kemlu Judha
Nugraha", "Police Colonel Somchai Rattanakul"); the office is kept. Any word of an unknown
person's name (not a particle such as Abdul) then stands for them ("Sim", "Arimbi"), and
so is a name with no title right after the verb of saying that follows a quotation ('...,"
said Masood Karimipour, ...'). An organisation the tables lack is a body's full name before
its acronym in brackets ("Serikat Buruh Migran Indonesia (SBMI)"; the acronym then stands
for it) or a name built on a head word ("Kementerian Komunikasi dan Digital").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.sentences import Sentence
from kg.ingest.titles import OFFICE_WORDS, RANKS, Titled, head_post, is_title, titled_names

_PARTICLES = {"Abdul", "Mohd", "Muhammad", "Mohammad", "Ahmad", "Siti", "Nur", "Van", "Der"}


_MISSION = re.compile(r"\b(?:KBRI|KJRI)\s+(?!untuk\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
# A regional police command and its region, up to a rank or a title ("Polda Kepulauan Riau Kombes ...").
_POLICE = re.compile(
    r"\b(?:Polda|Polres|Polresta|Polrestabes|Polsek)((?:\s+(?:[A-Z][a-z]+|[A-Z]{2,4}\b)){1,4})"
)


# A name with no title right after the verb of saying that follows a quotation, set off by a comma
# or ending the sentence ('"...," said Masood Karimipour, UNODC's regional representative').
_SAID_NAME = re.compile(
    r"[\"\u201d]\s*(?:said|says|added|kata|ujar|tutur|ucap)\s+"
    r"(?P<name>[A-Z][a-z\u00e0-\u00ff'-]+(?:\s+(?:bin\s+|binti\s+)?[A-Z][a-z\u00e0-\u00ff'-]+){1,3})(?=\s*(?:[,.;]|$))"
)


# A name set off by commas after a role in lower case, before a verb of saying ("Kuasa hukum kedua
# terdakwa, Hendrik Simanjuntak, menyatakan ...", "A lawyer for the men, John Reyes, said").
_APPOSED_NAME = re.compile(
    r"^[A-Z][a-z]+(?:\s+[a-z][\w-]*){1,6},\s+"
    r"(?P<name>[A-Z][a-z\u00e0-\u00ff'-]+(?:\s+[A-Z][a-z\u00e0-\u00ff'-]+){1,3}),\s+"
    r"(?=(?:mengatakan|menyatakan|menegaskan|menjelaskan|said|says|told|added)\b)"
)


def _said_names(text: str, taken: set[str]) -> list[tuple[int, int, str]]:
    """Names of two to four words after a verb of saying, or set off by commas before one, none of
    them a known or office word."""
    out = []
    for m in [*_SAID_NAME.finditer(text), *_APPOSED_NAME.finditer(text)]:
        words = m.group("name").split()
        if words[0] == "The" or any(
            w in taken or w in OFFICE_WORDS or is_title(w) or w in RANKS for w in words
        ):
            continue
        out.append((m.start("name"), m.end("name"), m.group("name")))
    return out


# An organisation's full name before its acronym in brackets ("Serikat Buruh Migran Indonesia (SBMI)",
# "the Presidential Anti-Organized Crime Commission (PAOCC)"), and a name built on a head word
# ("Kementerian Komunikasi dan Digital", "Ministry of Public Security", "National Committee for ...").
_CAP = r"[A-Z][\w'-]*"
_JOIN = r"(?:\s+(?:dan|and|of|for|on|untuk|serta|the)\s+|\s+)"
_BRACKETED = re.compile(
    r"(?P<name>" + _CAP + r"(?:" + _JOIN + _CAP + r"){1,8})\s+\((?P<short>[A-Z][A-Za-z0-9]{1,9})\)"
)
_HEAD = (
    r"(?:Kementerian|Ministry|Committee|Commission|Komisi|Badan|Agency|Council|Dewan|Direktorat|Directorate)"
)
# A word that makes a bracketed name a body, not a crime or an agreement ("Tindak Pidana Perdagangan
# Orang (TPPO)", "Nota Kesepahaman (MoU)").
_BODY = re.compile(
    _HEAD[:-1]
    + r"|Serikat|Union|Commission|Police|Polisi|Kepolisian|Organi[sz]ation|Office|Institute|Lembaga"
    r"|Yayasan|Foundation|Association|Asosiasi|Network|Jaringan|Coalition|Koalisi|Task Force|Satgas|Bureau|Biro"
    r"|Department|Authority|Otoritas|Service|Watch|Group)\b"
)
_HEADED = re.compile(r"(?:(?:[A-Z][a-z]+\s+){0,3})" + _HEAD + r"(?:" + _JOIN + _CAP + r")+")


def _named_orgs(text: str) -> list[tuple[int, int, str, str | None]]:
    """Organisations named in full: (start, end, name, acronym or None)."""
    out: list[tuple[int, int, str, str | None]] = []
    for m in _BRACKETED.finditer(text):
        short = m.group("short")
        if sum(ch.isupper() for ch in short) >= 2 and _BODY.search(m.group("name")):
            out.append((m.start("name"), m.end(), m.group("name"), short))
    for m in _HEADED.finditer(text):
        if any(a <= m.start() < b for a, b, _, _ in out):
            continue
        name = re.sub(_JOIN + r"$", "", m.group())
        words = name.split()
        while words and (is_title(words[0]) or is_title(" ".join(words[:2])) or words[0] in RANKS):
            words.pop(0)  # "Kepala Badan ...", "Wakil Ketua Komisi ...": the office is no part of the name
        caps = [i for i, w in enumerate(words) if len(w) >= 2 and w.isupper()]
        if caps and caps[-1] + 1 < len(words) and not any(w.isupper() for w in words[caps[-1] + 1 :]):
            words = words[: caps[-1] + 1]  # "Komisi IX DPR Yuliani Hasibuan": a name after the acronym
        if len(words) >= 2:
            name = " ".join(words)
            start = m.start() + m.group().index(name)
            out.append((start, start + len(name), name, None))
    return out


def _police(text: str) -> list[Mention]:
    out = []
    for m in _POLICE.finditer(text):
        words: list[str] = []
        for word in m.group(1).split():
            if word in RANKS or is_title(word):
                break
            words.append(word)
        if words:
            name = text[m.start() : m.start(1)] + " " + " ".join(words)
            out.append(Mention("org", m.start(), m.start() + len(name), name, None))
    return out


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
        self.seen: dict[str, Mention] = {}  # every person of the article so far, by slug or name
        self.acronyms: dict[str, str] = {}  # an acronym given in brackets -> the organisation's full name
        self.unknown_short: dict[str, str] = {}  # a word of an unknown person's name -> the name ("" if two)

    def sentence(self, s: Sentence) -> list[Mention]:
        """Every mention in one sentence, in order, not overlapping."""
        g, text = self.g, s.text
        found = _gazetteer_mentions("country", text, g, dict(g.countries))
        found += _gazetteer_mentions("org", text, g, g.orgs)
        found += [Mention("org", m.start(), m.end(), m.group(), None) for m in _MISSION.finditer(text)]
        found += _police(text)
        orgs = [m for m in found if m.kind == "org"]
        for a, b, name, short in _named_orgs(text):
            if name in g.orgs or (short and short in g.orgs) or any(a <= m.start < b for m in orgs):
                continue  # the tables or the police rule know it already
            found.append(Mention("org", a, b, name, None))
            if short:
                self.acronyms[short] = name
        for short, name in self.acronyms.items():  # "the PAOCC" after its full name
            for m in re.finditer(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", text):
                if not any(x.start <= m.start() < x.end for x in found if x.kind == "org"):
                    found.append(Mention("org", m.start(), m.end(), name, None))
        found += _gazetteer_mentions("place", text, g, g.places)
        persons: list[Mention] = []
        for m in g.regex["person"].finditer(text):
            slug = g.persons[m.group()]
            persons.append(_known_person(g, slug, m.start(), m.end(), m.group()))
            for word in g.person_names[slug].split() + m.group().split():
                if len(word) >= 4:
                    self.short[word] = slug if self.short.get(word, slug) == slug else ""
        taken = {w for m in found for w in m.text.split()}
        for t in titled_names(text, taken):
            if any(p.start <= t.start < p.end for p in persons):
                continue
            known = self._known_by_title(t)
            if known is not None:
                persons.append(_known_person(g, known, t.start, t.end, t.name))
                continue
            country = _country_in(t.office, g)
            if country is None and re.search(
                r"\b(Kemlu|Polri|Bareskrim|RI|BP2MI|KBRI|Polda|Polres)\b", t.office
            ):
                country = "IDN"
            persons.append(Mention("person", t.start, t.end, t.name, None, t.office, country))
            self.unknown.setdefault(t.name, (t.office, country))
            for word in t.name.split():
                if len(word) >= 3 and word not in self.short and word not in _PARTICLES:
                    self.unknown_short[word] = (
                        t.name if self.unknown_short.get(word, t.name) == t.name else ""
                    )
        for a, b, name in _said_names(text, taken):
            if any(p.start <= a < p.end for p in persons) or any(
                w in self.short or w in self.unknown_short for w in name.split()
            ):
                continue  # a person named before ("kata Pandra Arsyad" after "Kombes Zahwani Pandra Arsyad")
            persons.append(Mention("person", a, b, name, None))
            self.unknown.setdefault(name, (None, None))
            for word in name.split():
                if len(word) >= 3 and word not in _PARTICLES:
                    self.unknown_short[word] = name if self.unknown_short.get(word, name) == name else ""
        for word, slug in self.short.items():
            if not slug:
                continue
            for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
                if not any(p.start <= m.start() < p.end for p in persons):
                    persons.append(_known_person(g, slug, m.start(), m.end(), word))
        for word, full in self.unknown_short.items():
            if not full:
                continue  # a word of two names
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

    def _known_by_title(self, t: Titled) -> str | None:
        """A known person named by title and one word of their name ("Foreign Minister Retno")."""
        if not t.single:
            return None
        post = head_post(t.title).lower()
        fits = {
            slug
            for slug, name in self.g.person_names.items()
            if t.name in name.split() and self.g.posts.get(slug, ("", ""))[0].lower().startswith(post)
        }
        if len(fits) != 1:
            return None
        slug = fits.pop()
        self.short.setdefault(t.name, slug)
        return slug

    def by_title(self, word: str) -> Mention | None:
        """The person of the article whose office starts with ``word`` (Presiden, Menlu), if one."""
        word = {"Menlu": "Menteri Luar Negeri", "PM": "Perdana Menteri"}.get(word, word).lower()
        fits = [m for m in self.seen.values() if m.office and m.office.lower().startswith(word)]
        return fits[-1] if len(fits) == 1 or (fits and len({m.ref or m.text for m in fits}) == 1) else None
