"""Events and agreements named in a sentence.

Summits with their ordinal ("KTT ke-42 ASEAN", "the 42nd ASEAN Summit"), bilateral and
ministerial meetings, press conferences, raids, rescues, repatriations and signings;
memoranda of understanding, declarations, conventions and agreements. A meeting "on the
sidelines" of a summit takes the sentence's date and place; the summit does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SUMMIT = re.compile(
    r"KTT\s+(?:ke-?(?P<o1>\d+)\s+)?(?P<n1>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)(?:\s+ke-?(?P<o2>\d+))?"
    r"|(?:the\s+)?(?P<o3>\d+)(?:st|nd|rd|th)\s+(?P<n2>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)\s+Summit"
    r"|(?P<n3>[A-Z][\w]*(?:\s*[-\u2013]\s*[A-Z][\w]*)?)\s+(?:Special\s+)?Summit"
)
KINDS = (
    (
        "ministerial_meeting",
        r"pertemuan tingkat menteri|pertemuan para menteri|ministerial meeting|AMMTC|SOMTC|Bali Process",
    ),
    (
        "bilateral_meeting",
        r"bertemu|pertemuan bilateral|menerima kunjungan|\bmet\b|\bmeets\b|bilateral meeting|held talks|talks with",
    ),
    (
        "press_conference",
        r"konferensi pers|jumpa pers|press conference|press briefing|told reporters|kepada wartawan",
    ),
    ("raid", r"penggerebekan|menggerebek|digerebek|\braid(?:ed|s)?\b|crackdown"),
    ("rescue", r"menyelamatkan|diselamatkan|dievakuasi|\brescued?\b|\bfreed\b"),
    (
        "repatriation",
        r"memulangkan|dipulangkan|dideportasi|\bdeported\b|\brepatriated\b|brought home|returned home|flown home|tiba di Tanah Air",
    ),
    ("signing", r"menandatangani|ditandatangani|penandatanganan|\bsigned\b|\bsigning\b|\bsign\b"),
)
_KINDS = [(k, re.compile(p, re.I)) for k, p in KINDS]
_SIDELINE = re.compile(r"\bsela\b|di sela|on the sidelines|sidelines of|on the margins", re.I)
_AGREEMENTS = (
    (
        "mou",
        r"Nota Kesepahaman|\bMoU\b|[Mm]emorandum [Oo]f [Uu]nderstanding"
        r"|[Mm]emorandum [Ss]aling [Pp]engertian",
    ),
    ("declaration", r"[Dd]eklarasi|[Dd]eclaration"),
    ("convention", r"[Kk]onvensi|[Cc]onvention|[Pp]rotokol|[Pp]rotocol"),
    ("agreement", r"[Pp]erjanjian|\b[Aa]greement\b|[Tt]reaty|[Pp]ersetujuan"),
)
_AGREEMENT = [(k, re.compile(p)) for k, p in _AGREEMENTS]
_ANAPHOR = re.compile(r"^\s*(?:itu|tersebut|ini)\b", re.I)
_ANAPHOR_BEFORE = re.compile(r"\b(?:the|this|that|said)\s+$", re.I)
_BOTH = re.compile(r"kedua negara|both countries|the two countries|both nations|kedua belah pihak", re.I)
ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclass
class EventMention:
    """An event a sentence names."""

    kind: str
    name: str
    start: int
    ordinal: int | None = None
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
        out.append(AgreementMention(kind, m.start(), m.group(), anaphor, bool(_BOTH.search(text))))
    if any(a.kind == "mou" for a in out):
        out = [a for a in out if a.kind not in ("agreement", "convention")]
    return out


def sideline(text: str) -> bool:
    """True when the sentence places a meeting on the sidelines of something."""
    return _SIDELINE.search(text) is not None
