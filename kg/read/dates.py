"""Dates that keep their precision: a year stays a year and a month stays a month.

"2023" becomes xsd:gYear, "2023-05" xsd:gYearMonth and "2024-03-05" xsd:date. For
comparisons the build derives the first and last day a date can denote.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from rdflib import Literal

from kg.errors import DataError
from kg.namespaces import TIME, XSD

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
PRECISE_TYPES = (XSD.gYear, XSD.gYearMonth, XSD.date)
# The OWL-Time property that places an instant (a term's start or end) at each precision.
INSTANT_POSITION = {
    XSD.date: TIME.inXSDDate,
    XSD.gYearMonth: TIME.inXSDgYearMonth,
    XSD.gYear: TIME.inXSDgYear,
}


def parse_date(text: str) -> Literal:
    """Turn "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a literal of matching precision.

    Raises ValueError with a readable reason for anything else.
    """
    match = _PATTERN.fullmatch(text.strip())
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if month is None:
        return Literal(year, datatype=XSD.gYear)
    if not 1 <= int(month) <= 12:
        raise ValueError(f"date {text!r} has no month {month}")
    if day is None:
        return Literal(f"{year}-{month}", datatype=XSD.gYearMonth)
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc})") from None
    return Literal(f"{year}-{month}-{day}", datatype=XSD.date)


def date_at(text: str, path: Path, line: int) -> Literal:
    """``parse_date`` for a value read from a file: a bad date is a DataError naming its line."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise DataError(str(exc), path, line) from exc


def bounds(value: Literal) -> tuple[dt.date, dt.date]:
    """The first and the last day a precision-typed date literal can denote."""
    text = str(value)
    year = int(text[:4])
    if value.datatype == XSD.gYear:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(text[5:7])
    if value.datatype == XSD.gYearMonth:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    if value.datatype == XSD.date:
        day = dt.date.fromisoformat(text[:10])
        return day, day
    raise ValueError(f"{value!r} is not a date of known precision")
