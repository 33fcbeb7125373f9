"""Where the persons of a flow go and where they come from, as a sentence words it.

A destination follows a cue ("dipekerjakan di", "lured to", "korban ... di", "penempatan ...
ke"): the countries after the cue, but not one passed through ("melalui Thailand"). An origin
follows its own cue ("came from Indonesia", "berasal dari Bangladesh dan Nepal"): the
countries after it are where persons come from, never where they go. Persons are also named
by nationality ("warga India dan Tiongkok", "Chinese, Vietnamese and Indonesian workers",
"Indonesians, Ethiopians and Sri Lankans were ..."): those countries are origins too. A
country that acts or owns ("Georgia's ministry", "otoritas Thailand") is neither end.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

_GAP = r"(?:[\w-]+\s+){0,4}?"  # a few words between a verb and its preposition
DEST_CUE = re.compile(
    r"negara tujuan|tujuan|destination|taken to|sent to|stranded in|(?:pengiriman|penempatan)\b.*?\bke\b"
    r"|memulangkan\b[^.]*\bdari\b|korban\b.*?\bdi\b|victims\b.*?\bin\b"
    r"|(?:pemulangan|repatriation|evacuation)\s+(?:\w+\s+){0,2}?(?:dari|from)\b"
    r"|(?:dikirim|diberangkatkan|dibawa|diseberangkan|dijual|diselundupkan|diperdagangkan|berangkat|diterbangkan)\s+"
    + _GAP
    + r"ke\b|(?:trafficked|smuggled|lured|sold|moved|transferred)\s+"
    + _GAP
    + r"(?:to|into)\b|(?:trafficked|(?<!be )held|trapped|forced to work|to work|working|ended up|compounds?|hubs?)\s+"
    + _GAP
    + r"in\b|(?:bekerja|dipekerjakan|ditempatkan|ditemukan|terjebak|tertahan|disekap)\s+"
    + _GAP
    + r"di\b|(?:dipulangkan|dideportasi|dievakuasi|diselamatkan|dibebaskan|kabur|melarikan diri|kembali|tiba)\s+dari\b"
    r"|(?:repatriated|deported|evacuated|rescued|freed|escaped|returned|brought home)\s+(?:from|in)\b",
    re.I,
)
# A country passed through on the way is no destination ("ke Myanmar melalui Thailand"), nor one
# persons fled to from where they were held ("yang menyeberang ke Mae Sot, Thailand").
_TRANSIT = re.compile(
    r"\b(?:melalui|lewat|via|through|transit(?:ed)?\s+(?:di|in|through))\s+(?:the\s+)?$"
    r"|\b(?:menyeberang|melarikan diri|kabur|fled|escaped|crossed)\s+(?:\w+\s+){0,2}?(?:ke|to|into)\s+"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s*){0,3},?\s*$",
    re.I,
)
ORIGIN_CUE = re.compile(
    r"\b(?:(?:came|come|comes|coming|originat(?:e|ed|es|ing))\s+from|hail(?:s|ed|ing)?\s+from|berasal\s+dari"
    r"|asal(?:nya)?\s+dari)\b",
    re.I,
)


class _Country(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...


C = TypeVar("C", bound=_Country)


def transit(before: str) -> bool:
    """True when the words before a country say it is passed through or fled to."""
    return _TRANSIT.search(before[-80:]) is not None  # the words right before it, not the whole sentence


def origins_named(countries: list[C], text: str) -> list[C]:
    """The countries a sentence names as where persons come from ("came from Indonesia, ..."):
    those after an origin cue and, in a breakdown after it, after "from"/"dari" ("2,650 from Vietnam")."""
    cue = ORIGIN_CUE.search(text)
    if cue is None:
        return []
    going = DEST_CUE.search(text, cue.end())  # "came from Indonesia and were held in Cambodia"
    stop = going.start() if going else len(text)
    return [m for m in countries if cue.start() < m.start < stop]


# Lists of countries: "Chinese, Vietnamese and Bangladeshi", "India dan Tiongkok".
_JOIN = re.compile(r"\s*,\s*(?:(?:and|dan|serta)\s+)?|\s+(?:and|dan|serta|or|atau)\s+")
_WARGA = re.compile(r"\b(?:warga(?:\s+negara)?|citizens\s+of|nationals\s+of)\s+$", re.I)
_PERSONS_AFTER = re.compile(
    r"\s+(?:workers|nationals|citizens|migrants|victims|women|men|children|girls|boys|people|fishermen|crew"
    r"|job\s*seekers|pekerja|korban|buruh|nelayan|perempuan|wanita|anak)\b",
    re.I,
)
# After a plural demonym ("Indonesians, Ethiopians and Sri Lankans were ..."): words that leave it a noun.
_NOUN_ENDS = re.compile(
    r"\s*(?:[,.;:)\u201d\"]|$)|\s+(?:were|are|was|is|who|have|had|has|remain|remained|and|dan|yang|juga|masih"
    r"|in|di|from|dari|still)\b",
    re.I,
)
# A country that acts or owns ("Georgia's ministry", "Cambodian police", "otoritas Thailand"): no persons' end.
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_ACTOR_BEFORE = re.compile(
    r"\b(?:otoritas|polisi|kepolisian|pemerintah|aparat|militer|tentara|imigrasi|kedutaan|authorities of"
    r"|government of|police of)\s+$",
    re.I,
)


def country_lists(countries: list[C], text: str) -> list[list[C]]:
    """The countries of a sentence grouped into the lists they stand in ("Chinese, Vietnamese and
    Bangladeshi"), each country alone when it stands in none."""
    groups: list[list[C]] = []
    for m in sorted(countries, key=lambda x: x.start):
        if groups and _JOIN.fullmatch(text[groups[-1][-1].end : m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _plural(word: str) -> bool:
    return (
        word in ("WNI", "PMI")
        or word.endswith(("s", "ese"))
        or word.startswith(("warga", "Warga", "pekerja"))
    )


def nationals(countries: list[C], text: str, demonyms: set[str]) -> list[C]:
    """The countries a sentence names as the nationality of persons: a list after "warga"/"citizens
    of" ("warga India dan Tiongkok"), a list of demonyms before a noun of persons ("Chinese,
    Vietnamese and Indonesian workers") or of plural demonyms standing as the noun ("Indonesians,
    Ethiopians and Sri Lankans were ..."); not a country that acts ("Cambodian police")."""
    out: list[C] = []
    for group in country_lists(countries, text):
        first, last = group[0], group[-1]
        after = text[last.end :]
        if any(_POSSESSIVE.match(text, m.end) for m in group):
            continue
        named = [m for m in group if m.text in demonyms]
        if (
            _WARGA.search(text[: first.start])
            or (named and _PERSONS_AFTER.match(after))
            or (any(_plural(m.text) for m in named) and _NOUN_ENDS.match(after))
        ):
            out.extend(group)
    return out


def actors(countries: list[C], text: str) -> list[C]:
    """The countries of a sentence that act or own, not where persons come from or go: a possessive
    ("Indonesia's Foreign Ministry") or a country after "otoritas", "polisi", "government of"."""
    return [m for m in countries if _POSSESSIVE.match(text, m.end) or _ACTOR_BEFORE.search(text[: m.start])]
