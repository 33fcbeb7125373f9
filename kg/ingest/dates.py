"""Date spans found in a sentence, then normalised keeping their precision.

Spans are found by patterns (never a search of the whole text for anything date-like):
"Selasa, 5 Maret 2024", "Rabu (10/5/2023)", "5-7 Maret 2024", "March 5, 2024", "Mei 2023",
"pada 2021", "kemarin", "last week", "Senin pekan lalu". A year-less date takes its year
from the publication date and is checked against a stated weekday (a month alone, "since
January", the last such month up to it; the first month of "Januari hingga Juni 2025" the
second's year); a relative date is
resolved from the publication date when that is known and exact enough, otherwise left
unresolved with a note. A date relative to one the text gave before ("pada hari yang sama",
"the same day", "sehari sebelumnya", "the next day") is resolved from that one (the
``anchor``), never from the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            [
                "januari",
                "februari",
                "maret",
                "april",
                "mei",
                "juni",
                "juli",
                "agustus",
                "september",
                "oktober",
                "november",
                "desember",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"], 1
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
        )
    },
    "sept": 9,
    "agt": 8,
    "ags": 8,
    "pebruari": 2,
    "nopember": 11,
}
WEEKDAYS = {
    **{d: i for i, d in enumerate(["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"])},
    **{
        d: i
        for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
    },
    "jum'at": 4,
    "ahad": 6,
}
FULL_MONTHS = {
    m: i for m, i in MONTHS.items() if len(m) > 4 or m in ("mei", "may", "juni", "juli", "june", "july")
}
_M = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_W = r"(?:(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\s*,?\s*\(?\s*)?"
_Y = r"(?P<{0}>(?:19|20)\d\d)"
_RANGE = r"\s*(?:-|\u2013|\u2014|hingga|sampai|sampai dengan|s\.d\.|to|until|through|and|dan)\s*"
PATTERNS = [
    (
        "dmy-range",
        _W
        + r"(?P<d1>\d{1,2})"
        + _RANGE
        + r"(?P<d2>\d{1,2})\s+"
        + _M.format("m")
        + r"(?:\s+"
        + _Y.format("y")
        + ")?",
    ),
    (
        "mdy-range",
        _M.format("m") + r"\s+(?P<d1>\d{1,2})" + _RANGE + r"(?P<d2>\d{1,2})(?:,?\s+" + _Y.format("y") + ")?",
    ),
    ("dmy", _W + r"(?P<d1>\d{1,2})\s+" + _M.format("m") + r"(?:,?\s+" + _Y.format("y") + r")?"),
    ("mdy", _W + _M.format("m") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _Y.format("y") + ")?"),
    ("numeric", _W + r"(?P<d1>\d{1,2})/(?P<mn>\d{1,2})(?:/(?P<y>(?:19|20)?\d\d))?\)?"),
    (
        "month",
        r"(?:(?:bulan|awal|akhir|pertengahan|early|late|mid-?)\s+)?"
        + _M.format("m")
        + r"\s+"
        + _Y.format("y"),
    ),
    (  # "Januari hingga Juni 2025": the first month takes the year of the second
        "month-range",
        r"(?:(?:bulan|sejak|from|between)\s+)?"
        + _M.format("m")
        + r"(?="
        + _RANGE
        + r"(?:bulan\s+)?"
        + _M.format("m2")
        + r"\s+"
        + _Y.format("y")
        + r")",
    ),
    (  # "since January", "pada Februari": a month with no year, the year of the publication date
        "month-alone",
        r"(?:(?:in|since|by|until|during|from|through|pada|sejak|hingga|sampai|selama|bulan)\s+)"
        r"(?:(?:early|late|mid-?|awal|akhir|pertengahan)\s+)?(?:bulan\s+)?(?-i:(?P<m>"
        + "|".join(n.capitalize() for n in sorted(FULL_MONTHS, key=len, reverse=True))
        + r"))(?!\s*,?\s*\(?\d)",
    ),
    (
        "year",
        r"(?:(?:pada|tahun|sejak|hingga|sampai|selama|in|since|by|until|during|of|dari|year)\s+(?:tahun\s+)?)"
        + _Y.format("y"),
    ),
    ("bare-year", _Y.format("y")),
]
_COMPILED = [
    (name, re.compile(r"(?<![\w/.,-])" + pattern + r"(?![\w/]|[.,]\d)", re.I)) for name, pattern in PATTERNS
]
RELATIVE = {
    "kemarin": ("day", -1),
    "hari ini": ("day", 0),
    "yesterday": ("day", -1),
    "today": ("day", 0),
    "kemarin lusa": ("day", -2),
    "bulan lalu": ("month", -1),
    "last month": ("month", -1),
    "tahun lalu": ("year", -1),
    "last year": ("year", -1),
    "tahun ini": ("year", 0),
    "this year": ("year", 0),
    "pekan lalu": ("week", -1),
    "minggu lalu": ("week", -1),
    "last week": ("week", -1),
    "pekan ini": ("week", 0),
    "this week": ("week", 0),
    "bulan ini": ("month", 0),
    "this month": ("month", 0),
}
_RELATIVE = re.compile(r"(?<!\w)(" + "|".join(sorted(RELATIVE, key=len, reverse=True)) + r")(?!\w)", re.I)
_DAYS = "|".join(WEEKDAYS)
# A weekday of the week before the publication date's ("Senin pekan lalu", "Monday last week").
_WEEKDAY_LAST_WEEK = re.compile(
    r"(?<!\w)(?:(?P<a>"
    + _DAYS
    + r")\s+(?:pekan|minggu)\s+lalu|(?P<b>"
    + _DAYS
    + r")\s+(?:of\s+)?last\s+week)(?!\w)",
    re.I,
)
ANCHORED = {
    "pada hari yang sama": 0,
    "di hari yang sama": 0,
    "hari yang sama": 0,
    "hari itu juga": 0,
    "on the same day": 0,
    "the same day": 0,
    "that same day": 0,
    "earlier in the day": 0,
    "earlier that day": 0,
    "later that day": 0,
    "later in the day": 0,
    "malam harinya": 0,
    "sore harinya": 0,
    "siang harinya": 0,
    "that evening": 0,
    "that night": 0,
    "sehari sebelumnya": -1,
    "the day before": -1,
    "the previous day": -1,
    "a day earlier": -1,
    "keesokan harinya": 1,
    "sehari kemudian": 1,
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
}
_ANCHORED = re.compile(r"(?<!\w)(" + "|".join(sorted(ANCHORED, key=len, reverse=True)) + r")(?!\w)", re.I)
_WEEKDAY_LAST = re.compile(
    r"(?<!\w)(?:(?P<a>"
    + "|".join(WEEKDAYS)
    + r")\s+(?:lalu|kemarin)|last\s+(?P<b>"
    + "|".join(WEEKDAYS)
    + r"))(?!\w)",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    """A date span and its normalised value (None when it cannot be resolved without guessing)."""

    start: int  # offsets into the sentence
    end: int
    text: str
    value: str | None
    precision: str  # day, month, year, week
    end_value: str | None = None
    note: str | None = None


def _year(text: str | None, published: dt.date | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _yearless(m: int, d: int, weekday: int | None, published: dt.date | None) -> tuple[dt.date | None, str]:
    if published is None:
        return None, "the date gives no year and the publication date is unknown"
    options = [x for y in (published.year, published.year - 1, published.year + 1) if (x := _day(y, m, d))]
    options.sort(key=lambda x: abs((x - published).days))
    if weekday is not None:
        options = [x for x in options if x.weekday() == weekday]
        if not options:
            return None, "the stated weekday fits no year near the publication date"
    if not options or abs((options[0] - published).days) > 200:
        return None, "no year near the publication date gives this day"
    return options[0], "year taken from the publication date" + (
        ", weekday checked" if weekday is not None else ""
    )


def _full(name: str, g: dict[str, str | None], published: dt.date | None) -> DateMention | None:
    month_name, weekday_name = g.get("m"), g.get("wd")
    month = MONTHS[month_name.lower().rstrip(".")] if month_name else int(g["mn"] or 0)
    if not 1 <= month <= 12:
        return None
    year = _year(g.get("y"), published)
    if name in ("month", "month-range"):
        return DateMention(0, 0, "", f"{year:04d}-{month:02d}", "month")
    if name == "month-alone":
        if published is None:
            return DateMention(0, 0, "", None, "month", note="a month with no year and no publication date")
        year = published.year if month <= published.month else published.year - 1
        return DateMention(
            0, 0, "", f"{year:04d}-{month:02d}", "month", note="year taken from the publication date"
        )
    d1 = int(g["d1"] or 0)
    weekday = WEEKDAYS.get(weekday_name.lower()) if weekday_name else None
    note = None
    if year is None:
        day, note = _yearless(month, d1, weekday, published)
        if day is None:
            return DateMention(0, 0, "", None, "day", note=note)
    else:
        day = _day(year, month, d1)
        if day is None:
            return None
        if weekday is not None and day.weekday() != weekday:
            note = "the stated weekday does not match this date"
    end = None
    if g.get("d2"):
        last = _day(day.year, month, int(g["d2"] or 0))
        if last is None or last < day:
            return None
        end = last.isoformat()
    return DateMention(0, 0, "", day.isoformat(), "day", end, note)


def find_dates(
    sentence: str, published: dt.date | None = None, anchor: dt.date | None = None
) -> list[DateMention]:
    """The date mentions of one sentence, earliest first, never overlapping; ``anchor`` is the
    last day the text gave before the sentence, for "the same day" and its kin."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for name, regex in _COMPILED:
        for match in regex.finditer(sentence):
            a, b = match.span()
            if not free(a, b):
                continue
            g = match.groupdict()
            if name in ("year", "bare-year"):
                if name == "bare-year" and _is_count_or_name(sentence, a, b):
                    continue
                mention = DateMention(0, 0, "", g["y"], "year")
                if name == "year":
                    a = match.start("y")
            elif name in ("month-range", "month-alone"):
                parsed = _full(name, g, published)
                if parsed is None:
                    continue
                mention, a = parsed, match.start("m")
            elif name == "numeric" and not g.get("wd") and not g.get("y"):
                continue  # "10/5" alone is as likely a score or a ratio as a date
            else:
                parsed = _full(name, g, published)
                if parsed is None:
                    continue
                mention = parsed
            taken.append((a, b))
            found.append(
                DateMention(
                    a, b, sentence[a:b], mention.value, mention.precision, mention.end_value, mention.note
                )
            )
    found.extend(_anchored(sentence, anchor, taken))
    found.extend(_relative(sentence, published, taken))
    return sorted(found, key=lambda m: m.start)


def _is_count_or_name(sentence: str, a: int, b: int) -> bool:
    before, after = sentence[max(0, a - 4) : a].lower(), sentence[b : b + 12].lower()
    return before.endswith(("ke-", "no ", "rp ", "rp")) or bool(
        re.match(
            r"\s*(orang|korban|kasus|wni|victims?|cases?|people|persons?|tersangka|suspects?|%|persen)\b",
            after,
        )
    )


_WEEKDAY_ON = re.compile(
    r"(?<!\w)(?:on|pada|hari)\s+(?P<a>" + "|".join(WEEKDAYS) + r")(?!\w)(?!\s*,?\s*\(?\d)", re.I
)


def _anchored(sentence: str, anchor: dt.date | None, taken: list[tuple[int, int]]) -> list[DateMention]:
    out: list[DateMention] = []
    for match in _ANCHORED.finditer(sentence):
        a, b = match.span()
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        taken.append((a, b))
        if anchor is None:
            note = "relative to a day the text names before, and it names none"
            out.append(DateMention(a, b, match.group(), None, "day", note=note))
            continue
        day = anchor + dt.timedelta(days=ANCHORED[match.group().lower()])
        out.append(
            DateMention(
                a, b, match.group(), day.isoformat(), "day", note="resolved from the day named before"
            )
        )
    return out


def _relative(sentence: str, published: dt.date | None, taken: list[tuple[int, int]]) -> list[DateMention]:
    out: list[DateMention] = []
    for match in _WEEKDAY_LAST_WEEK.finditer(sentence):
        a, b = match.span()
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        taken.append((a, b))
        weekday = WEEKDAYS[(match.group("a") or match.group("b")).lower()]
        if published is None:
            note = "relative to an unknown publication date"
            out.append(DateMention(a, b, match.group(), None, "day", note=note))
            continue
        monday = published - dt.timedelta(days=published.weekday() + 7)
        day = monday + dt.timedelta(days=weekday)
        out.append(
            DateMention(
                a, b, match.group(), day.isoformat(), "day", note="resolved from the publication date"
            )
        )
    for match in _WEEKDAY_LAST.finditer(sentence):
        a, b = match.span()
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        weekday = WEEKDAYS[(match.group("a") or match.group("b")).lower()]
        taken.append((a, b))
        if published is None:
            out.append(
                DateMention(a, b, match.group(), None, "day", note="relative to an unknown publication date")
            )
            continue
        back = (published.weekday() - weekday) % 7 or 7
        day = published - dt.timedelta(days=back)
        out.append(
            DateMention(
                a, b, match.group(), day.isoformat(), "day", note="resolved from the publication date"
            )
        )
    for match in _WEEKDAY_ON.finditer(sentence):
        a, b = match.span("a")
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        weekday = WEEKDAYS[match.group("a").lower()]
        taken.append((a, b))
        if published is None:
            out.append(
                DateMention(
                    a, b, match.group("a"), None, "day", note="a weekday, the publication date unknown"
                )
            )
            continue
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
        note = "the last such weekday on or before the publication date"
        out.append(DateMention(a, b, match.group("a"), day.isoformat(), "day", note=note))
    for match in _RELATIVE.finditer(sentence):
        a, b = match.span()
        if any(not (b <= x or a >= y) for x, y in taken):
            continue
        unit, shift = RELATIVE[match.group().lower()]
        value, note = None, "relative to an unknown publication date"
        if published is not None and unit == "day":
            value, note = (
                (published + dt.timedelta(days=shift)).isoformat(),
                "resolved from the publication date",
            )
        elif published is not None and unit == "month":
            month = published.month + shift
            y, m = (published.year, month) if month >= 1 else (published.year - 1, month + 12)
            value, note = f"{y:04d}-{m:02d}", "resolved from the publication date"
        elif published is not None and unit == "year":
            value, note = f"{published.year + shift:04d}", "resolved from the publication date"
        elif unit == "week":
            note = (
                "a week relative to the publication date: left unresolved, a week has no date precision here"
            )
        out.append(DateMention(a, b, match.group(), value, unit, note=note))
    return out
