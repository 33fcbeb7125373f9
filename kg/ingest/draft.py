"""Records into draft facts in the format of ``facts.yaml``: each ``method: machine``,
with a ``confidence`` and its evidence sentences, referring only to nodes that exist
(reference rows, or places the draft itself defines). A proposal that needs an unknown
person stays in the JSON proposal and in ``proposed.yaml``, not in the facts.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kg.ingest.proposal import Record

Fact = dict[str, Any]
WHAT_EN = {
    "victims": "victims",
    "citizens": "Indonesian citizens",
    "cases": "cases",
    "suspects": "suspects",
    "persons": "persons",
}
WHAT_ID = {
    "victims": "korban",
    "citizens": "WNI",
    "cases": "kasus",
    "suspects": "tersangka",
    "persons": "orang",
}
QUALIFIER_KEY = {
    "exact": "exactly",
    "more_than": "more_than",
    "at_least": "at_least",
    "fewer_than": "fewer_than",
}
_TREND = re.compile(
    r"(peningkatan|kenaikan|lonjakan|meningkat|increase|rise|rose|surge)|(penurunan|menurun|decrease|decline|fell|drop)",
    re.I,
)
_RECORDED = re.compile(r"mencatat|catatan|data|recorded|records|figures", re.I)


def slugify(text: str, limit: int = 48) -> str:
    """ASCII lower-case words joined by single dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def _label(en: str, id_: str) -> dict[str, str]:
    return {"en": en, "id": id_}


class Drafter:
    """Builds the facts of one article from its records."""

    def __init__(self, records: dict[str, list[Record]], orgs_in: dict[str, list[str]]) -> None:
        self.r = records
        self.facts: list[Fact] = []
        self.ids: set[str] = set()
        self.orgs_in = orgs_in  # sentence -> org refs named in it

    def add(
        self,
        fid: str,
        type_: str,
        label: dict[str, str],
        props: dict[str, Any],
        evidence: list[str],
        confidence: float,
        note: str | None = None,
    ) -> str:
        base, n = fid, 2
        while fid in self.ids:
            fid, n = f"{base}-{n}", n + 1
        self.ids.add(fid)
        fact: Fact = {"id": fid, "type": type_, "label": label}
        fact.update({k: v for k, v in props.items() if v not in (None, [], "")})
        if note:
            fact["note"] = note
        fact.update(
            {
                "method": "machine",
                "confidence": round(confidence, 2),
                "evidence": list(dict.fromkeys(evidence)),
            }
        )
        self.facts.append(fact)
        return fid

    def draft(self) -> list[Fact]:
        places = self._places()
        summits = self._events(places)
        self._agreements(summits)
        self._statements()
        self._counts()
        self._flows()
        self._trends()
        return self.facts

    def _places(self) -> dict[str, str]:
        out = {}
        for p in self.r["places"]:
            if p["ref"] is None and "_in" in p:
                kind = "Hotel" if p["name"].startswith("Hotel") else "Place"
                fid = self.add(
                    f"place/{slugify(p['name'])}",
                    kind,
                    _label(p["name"], p["name"]),
                    {"contained_in": f"place/{p['_in']}" if p["_in"] else None},
                    p["_evidence"],
                    0.6,
                )
                out[p["name"]] = fid
        return out

    def _events(self, places: dict[str, str]) -> dict[str, str]:
        summits: dict[str, str] = {}
        for e in self.r["events"]:
            location = places.get(e["_hotel"] or "") or e["_place_ref"]
            date, people = e["date"], [p for p in e["participants"] if p.startswith(("person/", "org/"))]
            stem = f"{date}-" if date else ""
            if e["kind"] == "summit":
                bare = re.sub(r"^\d+\w\w ", "", e["name"]).replace(" Summit", "")
                ordinal = f"ke-{e['_ordinal']} " if e["_ordinal"] else ""
                label = _label(e["name"], f"KTT {ordinal}{bare}")
                summits[e["name"]] = self.add(
                    f"event/{stem}{slugify(e['name'])}",
                    "Summit",
                    label,
                    {"participant": people, "location": location if date else None, "date": date},
                    e["_evidence"],
                    0.8,
                )
            elif e["kind"] in ("bilateral_meeting", "press_conference") and date and people:
                if e["kind"] == "bilateral_meeting" and len(people) < 2:
                    continue
                type_ = "BilateralMeeting" if e["kind"] == "bilateral_meeting" else "PressConference"
                names = " and ".join(p.split("/")[1].replace("-", " ").title() for p in people)
                self.add(
                    f"event/{date}-{slugify(e['kind'] + ' ' + names)}",
                    type_,
                    _label(
                        f"{e['name'].capitalize()} of {names}",
                        f"{'Pertemuan' if type_ == 'BilateralMeeting' else 'Konferensi pers'} {names}",
                    ),
                    {
                        "participant": people,
                        "location": location,
                        "date": date,
                        "sideline_of": summits.get(e["_summit"] or ""),
                    },
                    e["_evidence"],
                    0.7,
                )
        return summits

    def _agreements(self, summits: dict[str, str]) -> None:
        for a in self.r["agreements"]:
            countries = [f"country/{p}" for p in a["parties"] if "/" not in p]
            orgs = [p for p in a["parties"] if p.startswith("org/")]
            if a["kind"] == "mou" and len(countries) >= 2:
                codes = "-".join(p[8:].lower() for p in countries)
                self.add(
                    f"agreement/{a['date'] or 'undated'}-{codes}-mou",
                    "MemorandumOfUnderstanding",
                    _label(
                        f"Memorandum of Understanding ({', '.join(p[8:] for p in countries)})",
                        f"Nota Kesepahaman ({a['name']})",
                    ),
                    {"party": countries, "made": a["date"]},
                    a["_evidence"],
                    0.7,
                )
            elif a["kind"] == "declaration" and orgs:
                self.add(
                    f"declaration/{a['date'] or 'undated'}-{slugify(orgs[0][4:])}",
                    "Declaration",
                    _label(
                        f"Declaration adopted by {orgs[0][4:].upper()}", f"Deklarasi {orgs[0][4:].upper()}"
                    ),
                    {"adopted_by": orgs, "adopted_at": summits.get(a["_summit"] or ""), "made": a["date"]},
                    a["_evidence"],
                    0.65,
                )

    def _statements(self) -> None:
        occasions = {
            s: f["id"]
            for f in self.facts
            if f["type"] in ("BilateralMeeting", "PressConference")
            for s in f["evidence"]
        }
        for s in self.r["statements"]:
            if s["ref"] is None:
                continue
            who = s["speaker"]
            props = {"kind": f"tppo:{s['kind']}", "author": s["ref"], "occasion": occasions.get(s["text"])}
            if s["quote"]:
                props["text"] = s["quote"]
                self.add(
                    f"quotation/{slugify(who)}-{slugify(s['quote'], 40)}",
                    "Quotation",
                    _label(f"{who}: {s['quote'][:80]}", f"{who}: {s['quote'][:80]}"),
                    props,
                    [s["text"]],
                    0.75,
                )
            else:
                self.add(
                    f"statement/{slugify(who)}-{slugify(s['text'], 40)}",
                    "Statement",
                    _label(f"Statement of {who}", f"Pernyataan {who}"),
                    props,
                    [s["text"]],
                    0.6,
                )

    def _count(self, c: Record) -> tuple[dict[str, Any], str | None]:
        when: dict[str, Any] = {}
        if c["date"]:
            when["as_of" if c["_date_precision"] == "day" else "period"] = c["date"]
        if c["qualifier"] == "about":
            return (
                when,
                f"The article gives an approximate count ({c['text']}); the graph has no qualifier for it.",
            )
        return {
            "count": {QUALIFIER_KEY[c["qualifier"]]: str(c["value"]), "stated_as": c["text"]},
            **when,
        }, None

    def _counts(self) -> None:
        datasets: dict[str, str] = {}
        for c in self.r["counts"]:
            if c["origin"] and c["destination"] and c["what"] in ("victims", "citizens"):
                continue  # drafted as a flow
            props, note = self._count(c)
            recorded = list(dict.fromkeys(c["_recorder"]))
            if "period" not in props or "count" not in props or not recorded:
                continue  # a case count needs its period and who recorded it: left in the JSON proposal
            if recorded[0] not in datasets:
                name = recorded[0][4:]
                datasets[recorded[0]] = self.add(
                    f"dataset/{slugify(name)}-figures",
                    "DataSet",
                    _label(
                        f"Figures recorded by {name} (as reported)",
                        f"Angka yang dicatat {name} (seperti diberitakan)",
                    ),
                    {"publisher": recorded[0]},
                    c["_evidence"],
                    0.5,
                )
            props["dataset"] = datasets[recorded[0]]
            scope = {"en": WHAT_EN[c["what"]], "id": WHAT_ID[c["what"]]}
            self.add(
                f"case-count/{slugify(c['what'])}-{c['date'] or 'undated'}-{c['value']}",
                "CaseCount",
                _label(
                    f"{c['text']} ({c['date'] or 'date not stated'})",
                    f"{c['text']} ({c['date'] or 'tanpa tanggal'})",
                ),
                {**props, "scope": scope, "recorded_by": recorded[:1]},
                c["_evidence"],
                0.8,
                note,
            )

    def _flows(self) -> None:
        for f in self.r["flows"]:
            c = f["_count"]
            props: dict[str, Any] = {
                "origin": f"country/{f['origin']}",
                "destination": f"country/{f['destination']}",
                "exploitation": f"tppo:{f['form']}" if f["form"] else None,
            }
            note = None
            if c is not None:
                count, note = self._count(c)
                props.update(count)
                if "count" in props:
                    props["measure"] = f"tppo:{f['_measure']}"
            stem = f"{f['origin']}-{f['destination']}".lower()
            suffix = f"-{c['value']}" if c else ""
            recorded = self.orgs_in.get(f["_evidence"][0], [])
            self.add(
                f"flow/{stem}-{slugify(f['form'] or 'unknown-form')}{suffix}",
                "VictimFlow",
                _label(
                    f"Victims from {f['origin']} in {f['destination']}",
                    f"Korban dari {f['origin']} di {f['destination']}",
                ),
                {**props, "recorded_by": recorded[:1] if c is None else None},
                f["_evidence"],
                0.7 if c else 0.5,
                note,
            )
            if c is not None and f["_measure"] == "VictimsRepatriated" and "count" in props:
                self.add(
                    f"repatriation/{stem}{suffix}",
                    "Repatriation",
                    _label(
                        f"Repatriation of {c['text']} from {f['destination']}",
                        f"Pemulangan {c['text']} dari {f['destination']}",
                    ),
                    {
                        "repatriated_from": props["destination"],
                        "repatriated_to": props["origin"],
                        "citizenship": props["origin"],
                        "exploitation": props["exploitation"],
                        "count": props["count"],
                        "as_of": props.get("as_of"),
                        "period": props.get("period"),
                    },
                    f["_evidence"],
                    0.65,
                )

    def _trends(self) -> None:
        for sentence, orgs in self.orgs_in.items():
            m = _TREND.search(sentence)
            if m and orgs and _RECORDED.search(sentence) and "kasus" in sentence.lower() + "cases":
                direction = "tppo:Increase" if m.group(1) else "tppo:Decrease"
                year = re.search(r"\b(?:pada|in)\s+((?:19|20)\d\d)\b", sentence)
                self.add(
                    f"trend/{slugify(orgs[0][4:])}-{slugify(sentence, 30)}",
                    "TrendClaim",
                    _label(
                        f"{orgs[0][4:]} records a {'rise' if m.group(1) else 'fall'} in cases", sentence[:80]
                    ),
                    {
                        "recorded_by": orgs[:1],
                        "direction": direction,
                        "period": year.group(1) if year else None,
                    },
                    [sentence],
                    0.5,
                )


def draft_facts(records: dict[str, list[Record]]) -> list[Fact]:
    """The draft facts of an article's records."""
    orgs_in: dict[str, list[str]] = {}
    for o in records["organisations"]:
        if o["ref"]:
            for sentence in o["_evidence"]:
                orgs_in.setdefault(sentence, []).append(o["ref"])
    for country in records["countries"]:  # "Kemlu" read as a country cue also names the ministry
        for sentence in country["_evidence"]:
            if re.search(r"\bKemlu\b", sentence) and "org/kemlu" not in orgs_in.get(sentence, []):
                orgs_in.setdefault(sentence, []).append("org/kemlu")
    return Drafter(records, orgs_in).draft()
