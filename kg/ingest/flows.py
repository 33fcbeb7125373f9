"""Where the persons of a flow go and where they come from, as a sentence words it.

A destination follows a cue ("dipekerjakan di", "lured to", "korban ... di", "penempatan ...
ke"): the countries after the cue, but not one passed through ("melalui Thailand"). An origin
follows its own cue ("came from Indonesia", "berasal dari Bangladesh dan Nepal"): the
countries after it are where persons come from, never where they go.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

_GAP = r"(?:[\w-]+\s+){0,4}?"  # a few words between a verb and its preposition
DEST_CUE = re.compile(
    r"negara tujuan|tujuan|destination|taken to|sent to|stranded in|(?:pengiriman|penempatan)\b.*\bke\b"
    r"|memulangkan\b[^.]*\bdari\b|korban\b.*\bdi\b|victims\b.*\bin\b"
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
# A country passed through on the way is no destination ("ke Myanmar melalui Thailand").
_TRANSIT = re.compile(
    r"\b(?:melalui|lewat|via|through|transit(?:ed)?\s+(?:di|in|through))\s+(?:the\s+)?$", re.I
)
ORIGIN_CUE = re.compile(
    r"\b(?:(?:came|come|comes|coming|originat(?:e|ed|es|ing))\s+from|hail(?:s|ed|ing)?\s+from|berasal\s+dari"
    r"|asal(?:nya)?\s+dari)\b",
    re.I,
)


class _Country(Protocol):
    @property
    def start(self) -> int: ...


C = TypeVar("C", bound=_Country)


def transit(before: str) -> bool:
    """True when the words before a country say it is passed through."""
    return _TRANSIT.search(before) is not None


def origins_named(countries: list[C], text: str) -> list[C]:
    """The countries a sentence names as where persons come from ("came from Indonesia, ..."):
    those after an origin cue and, in a breakdown after it, after "from"/"dari" ("2,650 from Vietnam")."""
    cue = ORIGIN_CUE.search(text)
    if cue is None:
        return []
    going = DEST_CUE.search(text, cue.end())  # "came from Indonesia and were held in Cambodia"
    stop = going.start() if going else len(text)
    return [m for m in countries if cue.start() < m.start < stop]
