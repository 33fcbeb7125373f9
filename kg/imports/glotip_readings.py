"""Which way the victims moved, for GLOTIP's rows "by country of repatriation".

Reporters answered UNODC's question in two ways. Some counted the foreign victims they
detected and sent home: category C under reporter R is the flow C -> R (Indonesia, 2016:
1,192 detected in Indonesia and sent home to Myanmar). Others counted their own nationals
brought home: category C is where they were exploited, the flow R -> C (Myanmar, 2017:
"Abroad" 270, of them China 254). One reporter's block of a year (all its repatriation
rows of that year) is read one way, decided by these rules, in order:

1. an exception listed in ``data/glotip/repatriation-readings.csv`` (reporter, year,
   reading, the evidence), for blocks the rules below cannot decide or would misread;
2. *home marker*: the block has "Own country nationals" or the reporter's own name among
   its categories, or an "Abroad" total at least as large as each of its states' counts:
   nationals brought home (R -> C). (An "Abroad" row smaller than a state's count is not
   the block's total: Libya, 2016, "Abroad" <5 next to Nigeria 198.)
3. *citizenship match*: a state of the block is among the foreign citizenships the
   reporter counted among its detected victims that year (non-zero): sent home (C -> R);
4. otherwise the direction is undecided: the rows stay observations and flows that name
   both states, with no origin or destination, out of the network and the rankings. (That
   a reporter's citizenship rows name only its own nationals is not taken as evidence:
   Egypt, 2012, names Indonesians among its victims and in 2010 only Egyptians, while its
   repatriation rows of both years look alike.)
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError

READINGS = ("sent_home", "brought_home", "undecided")
READINGS_FILE = "repatriation-readings.csv"  # in data/glotip/
REPATRIATION = "by country of repatriation"
CITIZENSHIP = "by citizenship"


@dataclass(frozen=True)
class Direction:
    """How one reporter's repatriation rows of one year are read, and why."""

    reading: str  # one of READINGS
    rule: str


@dataclass
class Block:
    """What the rules look at: one reporter's categories in one year, and its citizenships."""

    categories: set[str] = field(default_factory=set)  # ISO codes, "ABROAD", "OWN" (non-zero or not)
    citizenships: set[str] = field(default_factory=set)  # ISO codes of non-zero citizenship rows
    abroad_high: int = -1  # the largest upper bound of an "Abroad" row
    states_low: int = 0  # the largest lower bound of a state's row


class RepatriationReadings:
    """Collects the blocks in a first pass over the rows, then decides each block."""

    def __init__(self, exceptions: dict[tuple[str, int], Direction]) -> None:
        self.exceptions = exceptions
        self.blocks: dict[tuple[str, int], Block] = defaultdict(Block)

    @classmethod
    def load(cls, path: Path, codes: set[str]) -> RepatriationReadings:
        """The exceptions table; a bad row is a DataError naming its line."""
        exceptions: dict[tuple[str, int], Direction] = {}
        if not path.is_file():
            return cls(exceptions)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"reporter", "year", "reading", "evidence", "url", "publisher", "read"} - set(
                reader.fieldnames or []
            )
            if missing:
                raise DataError(f"missing columns {sorted(missing)}", path, 1)
            for row in reader:
                line = reader.line_num
                reporter, year, reading = row["reporter"], row["year"], row["reading"]
                if reporter not in codes:
                    raise DataError(f"unknown reporter code {reporter!r}", path, line)
                if not year.isdigit() or not 1900 <= int(year) <= 2100:
                    raise DataError(f"unreadable year {year!r}", path, line)
                if reading not in READINGS:
                    raise DataError(f"reading {reading!r} is not one of {', '.join(READINGS)}", path, line)
                if not row["evidence"].strip():
                    raise DataError("an exception needs its evidence", path, line)
                if not re.fullmatch(r"https?://[^\s\"'<>`]+", row["url"]):
                    raise DataError(
                        f"an exception cites the page it rests on: bad url {row['url']!r}", path, line
                    )
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["read"]):
                    raise DataError(
                        f"read must be the date the page was read, YYYY-MM-DD: {row['read']!r}", path, line
                    )
                key = (reporter, int(year))
                if key in exceptions:
                    raise DataError(f"{reporter} {year} is listed twice", path, line)
                cited = (
                    f"{row['evidence'].strip()} (see {row['url']}, {row['publisher']}, read {row['read']})"
                )
                exceptions[key] = Direction(reading, f"exception: {cited}")
        return cls(exceptions)

    def see(self, reporter: str, year: int, dimension: str, category: str, bounds: tuple[int, int]) -> None:
        """Note one row of detected victims (category already resolved: an ISO code,
        "OWN" for the reporter's own nationals, "ABROAD", or "" when not a state)."""
        block = self.blocks[(reporter, year)]
        low, high = bounds
        if dimension == REPATRIATION and category:
            block.categories.add(category)
            if category == "ABROAD":
                block.abroad_high = max(block.abroad_high, high)
            elif category not in ("OWN", reporter):
                block.states_low = max(block.states_low, low)
        elif dimension == CITIZENSHIP and category and high > 0:
            block.citizenships.add(category)

    def decide(self, reporter: str, year: int) -> Direction:
        """The reading of the reporter's repatriation rows of that year."""
        listed = self.exceptions.get((reporter, year))
        if listed:
            return listed
        block = self.blocks.get((reporter, year), Block())
        states = block.categories - {"ABROAD", "OWN", reporter}
        if block.categories & {"OWN", reporter}:
            return Direction(
                "brought_home", "home marker: the reporter's rows of that year name its own nationals"
            )
        if "ABROAD" in block.categories and block.abroad_high >= block.states_low:
            return Direction(
                "brought_home",
                "home marker: the reporter's rows of that year have an 'Abroad' total that covers "
                "each named state's count",
            )
        foreign = block.citizenships - {"OWN", reporter}
        matched = sorted(states & foreign)
        if matched:
            return Direction(
                "sent_home",
                f"citizenship match: the reporter detected victims of {', '.join(matched)} citizenship "
                "that year",
            )
        return Direction(
            "undecided",
            "undecided: no own nationals or 'Abroad' total among the reporter's rows of that year, "
            "and none of the named states among the citizenships it detected",
        )
