"""One name for each figure: a corridor, a period (or the date of a cumulative total) and a measure.

Claims about the same figure are put side by side and counted together, so the name must
separate what is not the same quantity: victims detected and victims repatriated are two
measures; a total reached by a date ("more than 1,100 by 4 January 2024") is not the count
of that year; a month is not its year.
"""

from __future__ import annotations

from kg.namespaces import BASE, TPPO

MEASURE_SLUGS = {str(TPPO.VictimsDetected): "detected", str(TPPO.VictimsRepatriated): "repatriated"}


def figure_iri(
    origin: str, destination: str, period: str | None, as_of: str | None, measure: str | None
) -> str:
    """``.../id/figure/IDN-KHM/2024/repatriated``, ``.../as-of-2024-01-04/repatriated``,
    ``.../undated/unspecified``: codes are ISO 3166-1 alpha-3, dates as stated."""
    when = period if period else f"as-of-{as_of}" if as_of else "undated"
    slug = MEASURE_SLUGS.get(measure or "", "unspecified")
    return f"{BASE}id/figure/{origin}-{destination}/{when}/{slug}"
