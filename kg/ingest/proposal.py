"""What one article proposes: every mention read, sentence by sentence, into plain records.

Each record is a dict in the JSON schema of the README ("tppo-kg ingest --dry-run"),
with its evidence sentences under ``_evidence`` (left out of the JSON).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from kg.ingest import claims
from kg.ingest.dates import find_dates
from kg.ingest.entities import ArticleEntities, Mention
from kg.ingest.events import WEAK_PRESS, find_agreements, find_events, sideline
from kg.ingest.flows import DEST_CUE, ORIGIN_CUE, actors, country_lists, nationals, origins_named, transit
from kg.ingest.gazetteer import load_gazetteer
from kg.ingest.numbers import (
    CountMention,
    bare_numbers,
    bracketed_numbers,
    compared_numbers,
    counted_before,
    find_counts,
)
from kg.ingest.sentences import Sentence

Record = dict[str, Any]
_VICTIMS_ID = re.compile(r"\b(?:korban|pekerja migran|calon pekerja|TPPO)\b", re.I)
# A figure already given, named again ("the 38 workers", "all 173 people", "ke-24 korban",
# "termasuk 112 orang pada gelombang ketiga").
_AGAIN = re.compile(
    r"(?:\b(?:the|all|all the|these|those|para|semua|seluruh|termasuk|including)\s+|\bke-)$", re.I
)
_REPATRIATED = re.compile(
    r"memulangkan|dipulangkan|pemulangan|repatriat|brought home|returned home|flown home", re.I
)
_HOTEL = re.compile(r"\b(?:Hotel|Wisma|Gedung|Istana|Media Centre|Media Center)(?:\s+[A-Z][\w]*){1,4}")
_PERSON_COUNTS = ("victims", "citizens", "persons")
_FOREIGN = re.compile(r"\b(?:asing|foreign|foreigners|WNA)\b", re.I)
_SUBJECT_PRONOUN = re.compile(r"\b(?:she|he|ia|dia|beliau)\s+$", re.I)
_COMPLAINTS = re.compile(r"\b(?:aduan|pengaduan|pengadu|complaints?)\b", re.I)
# "Selain WNI, ... warga Tiongkok": the persons another nationality is set beside.
_BESIDES = re.compile(r"\b(?:selain|besides|apart from|aside from|other than|in addition to)\s+$", re.I)
_SUSPECTS = re.compile(
    r"\b(?:arrested|detained|charged|suspects?|traffickers?|recruiters?|brokers?|managers?|bosses|ditangkap"
    r"|tersangka|pelaku|perekrut|calo)\b",
    re.I,
)
# A place named before: "di kawasan tersebut", "in the zone".
_THERE = re.compile(
    r"\b(?:di|in)\s+(?:(?:kawasan|wilayah|zona|daerah|negara)\s+(?:tersebut|itu)|the\s+(?:zone|area|country))\b",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:WNI|PMI|korban|pekerja migran|warga|victims|Indonesians|nationals|citizens|workers|rombongan"
    r"|gelombang|returnees|batch)\b",
    re.I,
)


def _nearest(dates: list[Any], at: int) -> Any:
    """The date an event cue at ``at`` takes: the first after it, else the last before it."""
    valued = [d for d in dates if d.value]
    return next((d for d in valued if d.start >= at), valued[-1] if valued else None)


def _published(text: str | None) -> dt.date | None:
    if text and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    return None


# What a proposal lists, kind by kind (the JSON proposal's keys, with the draft's facts).
KINDS = (
    "countries",
    "persons",
    "organisations",
    "places",
    "dates",
    "counts",
    "flows",
    "events",
    "agreements",
    "statements",
)


class Reader:
    """Reads one article's sentences into records."""

    def __init__(self, reference: Path, lang: str, published: str | None) -> None:
        self.g = load_gazetteer(reference)
        self.entities = ArticleEntities(self.g)
        self.lang = lang
        self.published = _published(published)
        self.out: dict[str, list[Record]] = {k: [] for k in KINDS}
        self.forms: set[str] = set()
        self.last_speaker: Mention | None = None
        self.recent_countries: list[str] = []
        self.prev_orgs: list[str] = []
        self.entities_here: list[Mention] = []
        self.last_count: CountMention | None = None
        self.last_origin: str | None = None
        self.last_destination: str | None = None
        self.count_destinations: list[str] = []  # where the persons of the last sentence's counts were
        self.anchor: dt.date | None = None  # the last day the text named, for "the same day"

    def read(self, sentences: list[Sentence]) -> dict[str, list[Record]]:
        """Every record of the article, in the order of the text."""
        for s in sentences:
            form = claims.exploitation(s.text)
            if form:
                self.forms.add(form)
        for s in sentences:
            self._sentence(s)
        return self.out

    def _add(self, kind: str, record: Record, key: tuple[Any, ...], sentence: str) -> Record:
        for old in self.out[kind]:
            if old["_key"] == key:
                if sentence not in old["_evidence"]:
                    old["_evidence"].append(sentence)
                return old
        record["_key"], record["_evidence"] = key, [sentence]
        self.out[kind].append(record)
        return record

    def _sentence(self, s: Sentence) -> None:
        text = s.text
        mentions = self.entities.sentence(s)
        self.entities_here = mentions
        persons = [m for m in mentions if m.kind == "person"]
        countries = [m for m in mentions if m.kind == "country"]
        for m in countries:
            self._add("countries", {"code": m.ref}, (m.ref,), text)
        for m in persons:
            record = {
                "name": self.g.person_names.get(m.ref, m.text) if m.ref else m.text,
                "office": m.office,
                "country": m.country,
                "ref": f"person/{m.ref}" if m.ref else None,
            }
            self._add("persons", record, (m.ref or m.text,), text)
        for m in mentions:
            if m.kind == "org":
                self._add(
                    "organisations",
                    {"name": m.text, "ref": f"org/{m.ref}" if m.ref else None},
                    (m.ref or m.text,),
                    text,
                )
        places = [m for m in mentions if m.kind == "place"]
        hotel = _HOTEL.search(text)
        for m in places:
            self._add(
                "places",
                {"name": m.text, "ref": f"place/{m.ref}" if m.ref else None},
                (m.ref or m.text,),
                text,
            )
        if hotel:
            self._add(
                "places",
                {"name": hotel.group(), "ref": None, "_in": places[0].ref if places else None},
                (hotel.group(),),
                text,
            )
        dates = find_dates(text, self.published, self.anchor)
        for d in dates:
            record = {"text": d.text, "value": d.value, "precision": d.precision}
            if d.end_value:
                record["end"] = d.end_value
            if d.note:
                record["note"] = d.note
            self._add("dates", record, (d.text, d.value, s.start), text)
        days = [d.value for d in dates if d.precision == "day" and d.value and not d.end_value]
        if days:
            self.anchor = dt.date.fromisoformat(days[-1])
        self.recent_countries = ([m.ref for m in countries if m.ref] + self.recent_countries)[:8]
        self._counts(s, countries, dates)
        self._events(s, persons, places, hotel.group() if hotel else None, dates, mentions)
        self._agreements(s, countries, mentions, dates)
        self._statement(s, persons)
        self.prev_orgs = [
            f"org/{m.ref}" for m in mentions if m.kind == "org" and m.ref not in (None, "tempo")
        ]

    def _read_counts(self, text: str, countries: list[Mention]) -> list[CountMention]:
        """The counts of a sentence: with their noun, and those of a breakdown or comparison without."""
        counts = find_counts(text, self.lang)
        model = counts[0].what if counts else (self.last_count.what if self.last_count else None)
        if model is not None:  # a breakdown: "1,914 were in Cambodia, 723 in the Philippines"
            for a, b, value, qualifier in bare_numbers(text, self.lang):
                if not any(c.start <= a < c.end for c in counts):
                    counts.append(CountMention(a, b, text[a:b], value, qualifier, model, ""))
            for name_end, a, b, value in bracketed_numbers(text, self.lang):  # "Malaysia (1.204)"
                if any(m.end == name_end for m in countries) and not any(
                    c.start <= a < c.end for c in counts
                ):
                    counts.append(CountMention(a, b, text[a:b], value, "exact", model, ""))
        for a, b, value in compared_numbers(text, self.lang):  # "58 cases this year, up from 41 in 2024"
            before = [c for c in counts if c.end <= a]
            if before and not any(c.start <= a < c.end for c in counts):
                counts.append(CountMention(a, b, text[a:b], value, "exact", before[-1].what, ""))
        from_cue = ORIGIN_CUE.search(text)
        if from_cue is not None:  # by origin: "nearly 4,000 came from Indonesia, 2,650 from Vietnam"
            for a, b, value, qualifier in bare_numbers(text, self.lang, by_origin=True):
                what = model or counted_before(text[:a])
                country = next((m for m in countries if m.start == b), None)
                if what is None or country is None or b < from_cue.start():
                    continue
                if not any(c.start <= a < c.end for c in counts):
                    counts.append(
                        CountMention(a, country.end, text[a : country.end], value, qualifier, what, "")
                    )
        counts.sort(key=lambda c: c.start)
        return counts

    def _counts(self, s: Sentence, countries: list[Mention], dates: list[Any]) -> None:
        text = s.text
        counts = self._read_counts(text, countries)
        model = counts[0].what if counts else (self.last_count.what if self.last_count else None)
        from_cue = ORIGIN_CUE.search(text)
        acting = actors(countries, text)
        nats = nationals(countries, text, self.g.demonyms)
        named = [m for m in origins_named(countries, text) if m not in acting]
        complaints = _COMPLAINTS.search(text) is not None and (
            model == "cases" or any(c.what == "cases" for c in counts)
        )
        orgs = [(m.start, m.end) for m in self.entities_here if m.kind == "org"]
        going = [  # where the persons of a breakdown by origin went: the countries named before it
            m.ref
            for m in countries
            if from_cue is not None
            and m.start < from_cue.start()
            and m.ref
            and not any(c.start <= m.start < c.end for c in counts)
            and not any(a <= m.start < b for a, b in orgs)
            and not transit(text[: m.start])
        ]
        going = list(dict.fromkeys(going))
        form = claims.exploitation(text) or (next(iter(self.forms)) if len(self.forms) == 1 else None)
        used: set[str | None] = set()
        given = {x["value"] for x in self.out["counts"]}
        counts = [c for c in counts if not (c.value in given and _AGAIN.search(text[: c.start]))]
        origins: list[str] = []
        destinations: list[str] = []
        for c in counts:
            origin, destination = self._ends(c, counts, countries, text, named, nats, acting)
            if named and c.what in _PERSON_COUNTS and going:
                destination = going[0] if len(going) == 1 else None  # "in Myanmar and Cambodia": not one
            if destination is None and c.what in _PERSON_COUNTS and _FOREIGN.search(text, c.start, c.end + 7):
                destination = self.recent_countries[0] if self.recent_countries else None  # where found
            date = next((d for d in dates if d.start >= c.end and d.value), None)
            if date is None:
                valued = [d for d in dates if d.value]
                date = valued[0] if len(valued) == 1 else None
            recorder = [
                f"org/{m.ref}" for m in self.entities_here if m.kind == "org" and m.ref not in (None, "tempo")
            ]
            record = {
                "text": c.text,
                "value": c.value,
                "qualifier": c.qualifier,
                "what": c.what,
                "origin": origin,
                "destination": destination,
                "date": date.value if date else None,
                "_date_precision": date.precision if date else None,
                "_repatriated": bool(_REPATRIATED.search(text)),
                "_form": form,
                "_recorder": recorder or self.prev_orgs,
            }
            self._add("counts", record, (c.text, s.start, c.start), text)
            if origin and destination and origin != destination and c.what in _PERSON_COUNTS:
                measure = "VictimsRepatriated" if record["_repatriated"] else "VictimsDetected"
                self._flow(origin, destination, form, text, record, measure)
                used.add(destination)
            if c.what in _PERSON_COUNTS and origin:
                origins.append(origin)
            if c.what in _PERSON_COUNTS:
                self.last_origin = origin or self.last_origin
                self.last_destination = destination or self.last_destination
                if destination:
                    destinations.append(destination)
        self.last_count = counts[0] if counts else None
        if complaints:  # "1.048 aduan berasal dari Kamboja", "datang dari pekerja migran di Malaysia (1.204)"
            self._complaint_flows(text, countries, acting, origins, form)
        elif named:  # "Victims come from ... Indonesia, Malaysia and China": to where the text's counts are
            ends = going or list(dict.fromkeys(destinations)) or self.count_destinations
            for o in dict.fromkeys(m.ref for m in named if m.ref):
                for d in ends:
                    if o != d and not any(
                        f["origin"] == o and f["destination"] == d for f in self.out["flows"]
                    ):
                        self._flow(o, d, form, text, None, None)
        free = [
            m
            for m in nats
            if m not in named and m.ref and not any(c.start <= m.start < c.end for c in counts)
        ]
        if free:  # "The compounds also held Chinese, Vietnamese and Indonesian workers"
            self._national_flows(text, free, countries, destinations, form)
        if destinations:
            self.count_destinations = list(dict.fromkeys(destinations))
        cue = DEST_CUE.search(text)
        if cue:
            before = [m.ref for m in nats if m.ref and m.start < cue.start()]
            origins = origins or before  # "Filipinos who had been forced to work at scam hubs in Cambodia"
        source = self._source(cue.start(), countries, origins, text) if cue else None
        if cue and source:  # a flow stated without a count: "WNI yang dipekerjakan di Kamboja"
            candidates = [
                m
                for m in countries
                if m.ref not in (source, None)
                and m not in named
                and m not in acting
                and m.text not in self.g.demonyms  # "alongside Lao investigators in": no place
                and not transit(text[: m.start])
            ]
            after = country_lists([x for x in candidates if x.start >= cue.start() - 5], text)
            for m in after[0] if after else []:  # the list after the cue, not a later place of handover
                if m.ref not in used:
                    self._flow(source, m.ref, form, text, None, None)
                    used.add(m.ref)

    def _complaint_flows(
        self, text: str, countries: list[Mention], acting: list[Mention], origins: list[str], form: str | None
    ) -> None:
        """Complaints by country: the countries are where the complainants are, who come from the
        source (the origin of a count of the sentence, else Indonesia: its news is of its citizens)."""
        source = self._source(0, countries, origins, text) or ("IDN" if self.lang == "id" else None)
        if source is None:
            return
        orgs = [(m.start, m.end) for m in self.entities_here if m.kind == "org"]
        for m in countries:
            if m.ref in (source, None) or m in acting or transit(text[: m.start]):
                continue
            if not any(a <= m.start < b for a, b in orgs):
                self._flow(source, m.ref, form, text, None, None)

    def _national_flows(
        self,
        text: str,
        free: list[Mention],
        countries: list[Mention],
        destinations: list[str],
        form: str | None,
    ) -> None:
        """Persons named by nationality with no count of their own go where the sentence sends them
        ("... in Cambodia"), where the persons they are set beside went ("Selain WNI, ... warga
        Tiongkok"), to "the zone" named before, or where the persons counted last were."""
        besides = [m for m in free if _BESIDES.search(text[: m.start])]
        free = [m for m in free if m not in besides]
        if not free or _SUSPECTS.search(text):
            return
        origins = [m.ref for m in free if m.ref]
        cue = DEST_CUE.search(text)
        ends: list[str] = [
            m.ref
            for m in countries
            if cue is not None
            and m.ref
            and m.start >= cue.start() - 5
            and m.ref not in origins
            and m.text not in self.g.demonyms
            and not transit(text[: m.start])
        ]
        if not ends and besides:
            ends = [f["destination"] for f in self.out["flows"] if f["origin"] == besides[0].ref][-1:]
        if not ends and _THERE.search(text, free[0].end):
            there = self._there(free[0].ref or "")
            ends = [there] if there else []
        ends = ends or destinations or self.count_destinations
        if not ends and self.out["flows"]:
            ends = [self.out["flows"][-1]["destination"]]
        for o in dict.fromkeys(origins):
            for d in dict.fromkeys(ends):
                if d and o != d:
                    self._flow(o, d, form, text, None, None)

    def _source(self, at: int, countries: list[Mention], origins: list[str], text: str) -> str | None:
        """Where the persons of a flow stated at ``at`` come from: the origin of a count of the
        sentence ("hundreds of Vietnamese ... lured to"), else Indonesia when the text speaks of it."""
        if origins:
            return origins[0]
        if any(m.ref == "IDN" for m in countries) or "IDN" in self.recent_countries or "WNI" in text:
            return "IDN"
        if self.lang == "id" and _VICTIMS_ID.search(text) and not any(m.start < at for m in countries):
            return "IDN"  # Indonesian news of trafficking victims with no other origin named
        return None

    def _ends(
        self,
        c: CountMention,
        counts: list[CountMention],
        countries: list[Mention],
        text: str,
        named: list[Mention],
        nats: list[Mention],
        acting: list[Mention],
    ) -> tuple[str | None, str | None]:
        """Origin and destination of a count of persons (None, None for cases and suspects); a
        country ``named`` as where persons come from, or as a nationality, is never a destination,
        nor one passed through; a country that acts ("Indonesia's Foreign Ministry") is no origin;
        foreigners are not Indonesians; "in the zone" is the last country named before."""
        if c.what not in _PERSON_COUNTS:
            return None, None
        inside = [m.ref for m in countries if c.start <= m.start < c.end and m.ref]
        foreign = _FOREIGN.search(c.text) is not None
        origin: str | None = None
        if inside:
            origin = inside[0]  # "71 Indonesians", "58 Vietnamese", "WNI"
        elif not foreign and (
            any(m.ref == "IDN" and c.start <= m.start and m not in acting for m in countries)
            or re.search(r"\b(WNI|PMI|Indonesian)", text[c.start : c.end + 40])
        ):
            origin = "IDN"
        elif not c.number_text and self.last_origin:
            origin = self.last_origin  # a breakdown of the figure before
        orgs = [(m.start, m.end) for m in self.entities_here if m.kind == "org"]
        countries = [  # not "Royal Thai Police", not "came from Indonesia", not "118 WNI" of another count
            m
            for m in countries
            if not any(a <= m.start < b for a, b in orgs)
            and m not in named
            and not (m in nats and not c.start <= m.start < c.end)
            and not transit(text[: m.start])
            and not any(x is not c and x.start <= m.start < x.end for x in counts)
        ]
        nxt = [x.start for x in counts if x.start > c.start]
        after = [
            m.ref
            for m in countries
            if m.start >= c.end and m.ref and m.ref != origin and (not nxt or m.start < nxt[0])
        ]
        others = sorted({m.ref for m in countries if m.ref and m.ref != origin})
        destination = after[0] if after else (others[0] if len(others) == 1 else None)
        if destination is None and origin and _THERE.search(text, c.end):
            destination = self._there(origin)  # "ratusan WNI menjadi korban di kawasan tersebut"
        if destination is None and (inside or not c.number_text):
            destination = self.last_destination  # "Among them were 71 Indonesians" after "in Myanmar"
        return origin, destination

    def _there(self, origin: str) -> str | None:
        """The country "the zone", "di kawasan tersebut" stands for: the last named before, not the origin."""
        return next((ref for ref in self.recent_countries if ref != origin), None)

    def _flow(
        self,
        origin: str,
        dest: str | None,
        form: str | None,
        text: str,
        count: Record | None,
        measure: str | None,
    ) -> None:
        record = {"origin": origin, "destination": dest, "form": form, "_count": count, "_measure": measure}
        self._add("flows", record, (origin, dest, form, text, count["text"] if count else None), text)

    def _events(
        self,
        s: Sentence,
        persons: list[Mention],
        places: list[Mention],
        hotel: str | None,
        dates: list[Any],
        mentions: list[Mention],
    ) -> None:
        text = s.text
        found = [e for e in find_events(text) if not e.planned]
        has_meeting = any(e.kind != "summit" for e in found)
        place = hotel or (places[0].text if places else None)
        named_before = {  # "Dalam penggerebekan itu, polisi menyelamatkan ...": that raid's day
            e.kind: old["date"]
            for e in found
            if e.anaphor and (old := self._last_event(e.kind)) is not None and old["date"]
        }
        for e in found:
            owns = e.kind != "summit" or not (has_meeting and sideline(text))
            day = _nearest(dates, e.start)
            e.date = day.value if day and owns else None
            if e.date is None and named_before:
                e.date = next(iter(named_before.values()))
            last = self.out["events"][-1] if self.out["events"] else None
            if e.date is None and e.kind == "rescue" and last is not None and last["kind"] == "raid":
                e.date = last[
                    "date"
                ]  # "polisi menggerebek ... pada Minggu. ... polisi menyelamatkan 44 warga"
            e.place = place if owns and e.kind not in ("repatriation", "signing") else None
            e.participants = sorted({f"person/{p.ref}" if p.ref else p.text for p in persons})
            if e.kind == "summit":
                e.participants = sorted(
                    {f"org/{m.ref}" for m in mentions if m.kind == "org" and m.ref == "asean"}
                )
            old = self._last_event(e.kind)
            if e.anaphor and old is not None and e.kind != "summit":
                if text not in old["_evidence"]:  # a second mention of the event, not another one
                    old["_evidence"].append(text)
                continue
            who = self.last_speaker  # "she met Malaysian Foreign Minister Zambry": she is the last speaker
            pronoun = _SUBJECT_PRONOUN.search(text[: e.start]) is not None
            if e.kind == "bilateral_meeting" and len(e.participants) == 1 and who is not None and pronoun:
                e.participants = sorted({*e.participants, f"person/{who.ref}" if who.ref else who.text})
            if e.kind == "bilateral_meeting" and len(e.participants) < 2:
                continue
            if e.kind == "press_conference" and not e.participants and self.last_speaker is None:
                continue
            if (
                WEAK_PRESS.match(text, e.start)
                and e.kind == "press_conference"
                and (e.date is None or any(x is not e and self._day(dates, x.start) == e.date for x in found))
            ):
                continue  # "told reporters after the meeting", "told reporters that ... last year": words
            if e.kind == "repatriation" and not (
                any(c["_evidence"][0] == text and c["what"] in _PERSON_COUNTS for c in self.out["counts"])
                or _PEOPLE.search(text)
            ):
                continue
            if e.kind == "signing" and self._only_old_agreements(text, dates):
                continue  # "Nota Kesepahaman yang ditandatangani pada 2017"
            record = {
                "kind": e.kind,
                "name": e.name,
                "date": e.date,
                "place": e.place,
                "participants": e.participants,
                "_ordinal": e.ordinal,
                "_summit": e.summit_name,
                "_place_ref": next((f"place/{m.ref}" for m in places if m.ref), None),
                "_hotel": hotel,
            }
            if e.kind == "press_conference" and not e.participants and self.last_speaker is not None:
                e.participants = [
                    f"person/{self.last_speaker.ref}" if self.last_speaker.ref else self.last_speaker.text
                ]
            key = (e.kind, e.name) if e.kind == "summit" else (e.kind, e.date, tuple(e.participants))
            if e.kind != "summit" and old is not None and (e.date is None or old["date"] is None):
                key = old["_key"]  # the undated mention and the dated one are one event
            old = self._add("events", record, key, text)
            for field in ("date", "place"):
                old[field] = old[field] or record[field]

    @staticmethod
    def _day(dates: list[Any], at: int) -> str | None:
        day = _nearest(dates, at)
        return day.value if day else None

    def _last_event(self, kind: str) -> Record | None:
        return next((x for x in reversed(self.out["events"]) if x["kind"] == kind), None)

    def _long_before(self, value: str | None) -> bool:
        """True when a date ends more than half a year before the publication date."""
        if value is None or self.published is None:
            return False
        year, month, day = (value.split("-") + ["12", "31"][len(value.split("-")) - 1 :])[:3]
        last = dt.date(int(year), int(month), 28 if day == "31" and month != "12" else int(day))
        return (self.published - last).days > 183

    def _agreement_date(self, text: str, start: int, dates: list[Any]) -> str | None:
        year = re.search(r"(?:tahun|of|year)\s+((?:19|20)\d\d)", text[start : start + 90])
        return year.group(1) if year else next((d.value for d in dates if d.value), None)

    def _meeting_date(self) -> str | None:
        """The day of the last meeting or summit named, where an agreement with no date of its own
        was adopted ("the ministers had adopted a joint declaration" after "met ... from August 19")."""
        meetings = ("summit", "ministerial_meeting", "bilateral_meeting")
        return next((e["date"] for e in reversed(self.out["events"]) if e["kind"] in meetings), None)

    def _news(self, a: Any, text: str, dates: list[Any]) -> bool:
        """An agreement made now: not one planned ("akan menandatangani Nota Kesepahaman") nor one
        made more than half a year before the publication date ("a 2011 agreement")."""
        return not (a.planned or self._long_before(self._agreement_date(text, a.start, dates)))

    def _only_old_agreements(self, text: str, dates: list[Any]) -> bool:
        """True when every agreement the sentence names is planned, old or invoked: its signing is not news."""
        found = find_agreements(text)
        return bool(found) and not any(self._news(a, text, dates) and not a.invoked for a in found)

    def _agreements(
        self, s: Sentence, countries: list[Mention], mentions: list[Mention], dates: list[Any]
    ) -> None:
        text = s.text
        for a in find_agreements(text):
            if not self._news(a, text, dates):
                continue
            parties = sorted({m.ref for m in countries if m.ref})
            if a.both and len(parties) < 2:
                recent = list(dict.fromkeys(self.recent_countries))
                parties = sorted(set(parties) | set(recent[:2]))
            orgs = sorted({f"org/{m.ref}" for m in mentions if m.kind == "org" and m.ref == "asean"})
            summit = next(
                (e for e in self.out["events"] if e["kind"] == "summit" and text in e["_evidence"]), None
            )
            date = self._agreement_date(text, a.start, dates) or self._meeting_date()
            old = next((x for x in reversed(self.out["agreements"]) if x["kind"] == a.kind), None)
            if old is None and a.anaphor and self.out["agreements"]:
                old = self.out["agreements"][-1]  # "The agreement was signed by ..." after "an MoU"
            if old is not None and (a.anaphor or a.both or a.kind == "mou"):
                if text not in old["_evidence"]:
                    old["_evidence"].append(text)
                old["parties"] = sorted(set(old["parties"]) | set(parties))
                old["date"] = old["date"] or date
                continue
            record = {
                "kind": a.kind,
                "name": a.text,
                "parties": sorted(set(parties) | set(orgs)),
                "date": date,
                "_summit": summit["name"] if summit else None,
            }
            self._add("agreements", record, (a.kind, date, text), text)

    def _statement(self, s: Sentence, persons: list[Mention]) -> None:
        who = claims.speaker(s.text, persons, self.entities, self.last_speaker)
        if who is None:
            return
        self.last_speaker = who
        name = self.g.person_names.get(who.ref, who.text) if who.ref else who.text
        record = {
            "speaker": name,
            "ref": f"person/{who.ref}" if who.ref else None,
            "text": s.text,
            "kind": claims.statement_kind(s.text),
            "quote": claims.quotation(s.text),
        }
        self._add("statements", record, (name, s.start), s.text)
