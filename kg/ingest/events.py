"""Events and agreements named in a sentence.

Summits with their ordinal ("KTT ke-42 ASEAN", "the 42nd ASEAN Summit"), bilateral and
ministerial meetings, press conferences, raids, rescues, repatriations and signings;
memoranda of understanding, declarations, conventions and agreements. Freeing is a rescue,
inking ("meneken") a signing, handing persons over at a border or to their embassy, or their
landing at an airport, a repatriation; a "razia" a raid; words "told reporters" are a press
conference only when dated, by a date no other event of the sentence takes. A meeting "on the
sidelines" of a summit takes the sentence's date and place; the summit does not.

A mention is marked when it is not news of its own: ``planned`` when the words before it
(or right after it) say it is yet to happen ("berencana menandatangani", "will sign", "is
expected to", "will be held"); ``anaphor`` when it points back to an event or agreement
already named ("penggerebekan itu", "para korban yang diselamatkan", "the press
conference"); an agreement is ``invoked`` when it is referred to ("berdasarkan Nota
Kesepahaman", "under the MoU"), and a signing in that sentence is its earlier signing. An
agreement is also planned when its clause says it is yet to be signed
("MoU itu dijadwalkan ditandatangani", "the pact is expected to be signed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUMMIT = re.compile(
    r"KTT\s+(?:ke-?(?P<o1>\d+)\s+)?(?P<n1>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)(?:\s+ke-?(?P<o2>\d+))?"
    r"|(?:the\s+)?(?P<o3>\d+)(?:st|nd|rd|th)\s+(?P<n2>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)\s+Summit"
    r"|(?P<n3>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)\s+(?:Special\s+)?Summit"
)
# Persons handed over at a border or to their embassy are sent home ("handed over 211 Vietnamese
# to border guards", "289 WNI diserahkan kepada KBRI"); a repatriation needs persons in its sentence.
HANDOVER = r"\bhanded over\b|\bhandover\b|\bdiserahkan\b|\bdiserahterimakan\b|serah terima"
# Persons landing at an airport are brought home ("tiba di Bandara Soekarno-Hatta", "landed at Ninoy
# Aquino International Airport").
ARRIVAL = (
    r"\b(?:tiba|mendarat|landed|arrived|arriving)\s+(?:di|at|in)\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:Bandara|Bandar Udara|(?:International\s+)?Airport)\b"
)
# Words to reporters are a press conference only when the sentence dates them.
WEAK_PRESS = re.compile(r"told reporters|kepada wartawan", re.I)
KINDS = (
    (
        "ministerial_meeting",
        r"pertemuan tingkat menteri|pertemuan para menteri|ministerial meeting|ministers' meeting|AMMTC|SOMTC"
        r"|Bali Process",
    ),
    (
        "bilateral_meeting",
        r"bertemu|pertemuan bilateral|menerima kunjungan|\bmet\b|\bmeets\b|bilateral meeting|\btalks\b",
    ),
    (
        "press_conference",
        r"konferensi pers|jumpa pers|press conference|press briefing|news conference|news briefing|told reporters"
        r"|kepada wartawan",
    ),
    ("raid", r"penggerebekan|menggerebek|digerebek|\b(?:me|di)?razia\b|\braid(?:ed|s)?\b|crackdown"),
    ("rescue", r"menyelamatkan|diselamatkan|dievakuasi|membebaskan|dibebaskan|\brescued?\b|\bfreed\b"),
    (
        "repatriation",
        r"memulangkan|dipulangkan|dideportasi|\bdeported\b|\brepatriated\b|brought home|returned home|flown home"
        r"|tiba di Tanah Air|" + HANDOVER + "|" + ARRIVAL,
    ),
    (
        "signing",
        r"menandatangani|ditandatangani|penandatanganan|\bmeneken\b|\bditeken\b|\bsigned\b|\bsigning\b|\bsign\b",
    ),
)
_KINDS = [(k, re.compile(p, re.I)) for k, p in KINDS]
_SIDELINE = re.compile(r"\bsela\b|di sela|on the sidelines|sidelines of|on the margins", re.I)
_AGREEMENTS = (
    (
        "mou",
        r"[Nn]ota [Kk]esepahaman|\bMoU\b|[Mm]emorandum [Oo]f [Uu]nderstanding"
        r"|[Mm]emorandum [Ss]aling [Pp]engertian",
    ),
    ("declaration", r"[Dd]eklarasi|[Dd]eclaration"),
    ("convention", r"[Kk]onvensi|[Cc]onvention|[Pp]rotokol|[Pp]rotocol"),
    # "persetujuan" is as often consent ("atas persetujuan kedua pihak"): an agreement only as a name
    # ("Persetujuan antara ...") or with what it is about.
    (
        "agreement",
        r"[Pp]erjanjian|\b[Aa]greement\b|[Tt]reaty|\bPersetujuan\b"
        r"|\bpersetujuan\s+(?:tentang|mengenai|antara|kerja sama|bilateral|ekstradisi)\b",
    ),
)
_AGREEMENT = [(k, re.compile(p)) for k, p in _AGREEMENTS]
_ANAPHOR = re.compile(r"^\s*(?:itu|tersebut|ini)\b", re.I)
_ANAPHOR_BEFORE = re.compile(r"\b(?:the|this|that|said)\s+$", re.I)
# Yet to happen: a plan or a future governing the mention ("akan menandatangani", "will also sign",
# "are expected to sign a memorandum", "to negotiate a treaty"), or "will be held" after it.
_PLAN = (
    r"\b(?:akan|berencana|merencanakan|direncanakan|dijadwalkan|ditargetkan|hendak|bakal|will|would|shall"
    r"|plans?\s+to|planning\s+to|(?:is|are)\s+expected\s+to|expected\s+to|scheduled\s+to|set\s+to"
    r"|(?:is|are)\s+due\s+to|hopes?\s+to|intends?\s+to|aims?\s+to|agreed\s+to|sepakat\s+untuk|diharapkan)"
    r"(?:\s+\w+){0,2}\s+"
)
_PLAN_EVENT = re.compile(_PLAN + r"$", re.I)
_PLAN_AGREEMENT = re.compile(
    r"(?:" + _PLAN + r"(?:sign|adopt|conclude|negotiate|draft|ink|menandatangani|mengadopsi|meneken)\w*"
    r"|\b(?:menyusun|merundingkan|merancang|to\s+negotiate|to\s+draft|negotiations?\s+(?:on|for))\b)"
    r"(?:\s+[^\s,.;]+){0,4}\s+$",
    re.I,
)
_PLAN_AFTER = re.compile(
    r"^[^,.;]{0,30}?\b(?:will be held|will take place|is scheduled|are scheduled|akan digelar|akan diadakan"
    r"|akan berlangsung|dijadwalkan)\b",
    re.I,
)
_PLAN_AGREEMENT_AFTER = re.compile(
    r"^[^,.;]{0,60}?\b(?:akan ditandatangani|akan diteken|akan disahkan|direncanakan|dijadwalkan|ditargetkan"
    r"|(?:will|would|is expected to|are expected to|is due to|are due to) be (?:signed|adopted|concluded)"
    r"|to be (?:signed|adopted|concluded))\b",
    re.I,
)
# Invoking an agreement ("berdasarkan Nota Kesepahaman yang ditandatangani ...", "under the MoU
# signed by ..."): the signing it names is that agreement's, not news of the sentence.
_INVOKED = re.compile(
    r"\b(?:berdasarkan|merujuk pada|berpijak pada|sesuai dengan|mengacu pada|di bawah|pelaksanaan|implementasi"
    r"|menindaklanjuti|under|build(?:s|ing)? on|based on|in line with|pursuant to|implementation of|implementing"
    r"|replaces?|replacing|menggantikan)(?:\s+[^\s,.;]+){0,5}\s+$"
    r"|\b(?:19|20)\d\d\s+$",  # "a 2011 agreement", "the 2017 MoU"
    re.I,
)
_BACK_BEFORE = re.compile(r"(?:\b(?:yang|the|this|that|these|those|para korban yang|those)\s+)$", re.I)
_BACK_AFTER = re.compile(r"^\w*\s+(?:itu|tersebut|ini)\b", re.I)
_BOTH = re.compile(r"kedua negara|both countries|the two countries|both nations|kedua belah pihak", re.I)
ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclass
class EventMention:
    """An event a sentence names."""

    kind: str
    name: str
    start: int
    ordinal: int | None = None
    planned: bool = False  # yet to happen
    anaphor: bool = False  # points back to an event already named
    date: str | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    summit_name: str | None = None  # the summit a meeting was held on the sidelines of


@dataclass
class AgreementMention:
    """An agreement a sentence names; ``anaphor`` when it points back ("Deklarasi itu")."""

    kind: str
    start: int
    text: str
    anaphor: bool
    both: bool  # "kedua negara": the parties are the two states of the context
    planned: bool = False  # to be signed or negotiated, not made
    invoked: bool = False  # referred to as made before ("berdasarkan Nota Kesepahaman")


def summit_name(name: str, ordinal: int | None) -> str:
    """A canonical English name: "42nd ASEAN Summit", "ASEAN-Australia Summit"."""
    name = re.sub(r"\s*[-\u2013]\s*", "-", name.strip())
    if ordinal is None:
        return f"{name} Summit"
    suffix = "th" if 10 <= ordinal % 100 <= 20 else ORDINAL.get(ordinal % 10, "th")
    return f"{ordinal}{suffix} {name} Summit"


def find_events(text: str) -> list[EventMention]:
    """The summits and the other events a sentence speaks of (without dates and places yet)."""
    out: list[EventMention] = []
    for m in _SUMMIT.finditer(text):
        raw = m.group("n1") or m.group("n2") or m.group("n3")
        if raw is None or raw.lower() in ("the", "a", "this", "that"):
            continue
        ordinal_text = m.group("o1") or m.group("o2") or m.group("o3")
        ordinal = int(ordinal_text) if ordinal_text else None
        out.append(EventMention("summit", summit_name(raw, ordinal), m.start(), ordinal))
    summits = list(out)
    for kind, regex in _KINDS:
        cue = regex.search(text)
        if cue is not None:
            event = EventMention(kind, kind.replace("_", " "), cue.start())
            event.planned = bool(
                _PLAN_EVENT.search(text[: cue.start()]) or _PLAN_AFTER.match(text[cue.end() :])
            )
            event.anaphor = bool(
                _BACK_BEFORE.search(text[: cue.start()]) or _BACK_AFTER.match(text[cue.start() :])
            )
            if summits and _SIDELINE.search(text):
                event.summit_name = summits[0].name
            out.append(event)
    return out


def find_agreements(text: str) -> list[AgreementMention]:
    """The agreements a sentence names, each kind once."""
    out: list[AgreementMention] = []
    for kind, regex in _AGREEMENT:
        m = regex.search(text)
        if m is None:
            continue
        anaphor = bool(_ANAPHOR.match(text[m.end() :]) or _ANAPHOR_BEFORE.search(text[: m.start()]))
        out.append(
            AgreementMention(
                kind,
                m.start(),
                m.group(),
                anaphor,
                bool(_BOTH.search(text)),
                bool(
                    _PLAN_AGREEMENT.search(text[: m.start()]) or _PLAN_AGREEMENT_AFTER.match(text[m.end() :])
                ),
            )
        )
    if any(a.kind == "mou" for a in out):
        out = [a for a in out if a.kind not in ("agreement", "convention")]
    return out


def sideline(text: str) -> bool:
    """True when the sentence places a meeting on the sidelines of something."""
    return _SIDELINE.search(text) is not None
