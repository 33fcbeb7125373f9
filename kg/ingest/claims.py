"""Statements with their speaker, and the form of exploitation a sentence names.

The speaker stands after a quotation ("..., kata Judha", "..., he said"), after
"menurut" / "according to", or before a verb of saying ("Jokowi mengatakan", "X said"),
also across a clause set off by commas ("Retno, speaking to reporters, said"; "X, who
led the delegation, said"). A title alone ("Presiden") or a pronoun ("menurut dia",
"he said") points to a person named before.
"""

from __future__ import annotations

import re

from kg.ingest.entities import ArticleEntities, Mention

_AFTER = re.compile(
    r"(?:\b(?:kata|ujar|ucap|tutur|jelas|ungkap|tegas|imbuh|lanjut|papar|terang|sebut|pungkas)(?:nya)?"
    r"|\bmenurut|\baccording to|\bsaid|\bsays|\btold|\badded|\bexplained)\s+(?:(?:[A-Z][\w.]*|of|for|the|dan)\s+){0,12}$",
    re.I,
)
_VERB = re.compile(
    r"^[\s,]*(?:(?:\w+\s+){0,3}?)(?:mengatakan|menyatakan|menyampaikan|menegaskan|menjelaskan|mengungkapkan|"
    r"memaparkan|menuturkan|menerangkan|"
    r"meminta|mendesak|menyoroti|mengapresiasi|berterima kasih|menambahkan|menilai|menyebut|mengimbau|mencatat|"
    r"said|says|told|stated|added|urged|called|thanked|praised|noted|warned|explained|asked|welcomed)\b",
    re.I,
)
_NOT_SPEECH = re.compile(
    r"^[\s,]*(?:\w+\s+){0,3}?(?:menyampaikan|mengatakan)\s+(?:ini|hal ini|hal itu)\b", re.I
)
# A clause between the speaker and the verb: "Retno, speaking to reporters, said".
_ASIDE = re.compile(r"^\s*,\s*(?:who|yang|speaking|berbicara|a|an|the|seorang)\b[^,\"\u201c]{0,100},")
_PRONOUN = re.compile(
    r"(?:\b(?:kata|ujar|ucap|tutur|jelas|ungkap|tegas)nya\b|\bmenurut(?:nya|\s+(?:dia|ia|beliau))\b"
    r"|\baccording to (?:him|her)\b"
    r"|\b(?:he|she|ia|dia|beliau) (?:said|says|added|told|mengatakan|menambahkan)\b)",
    re.I,
)
_TITLE = re.compile(
    r"\b(Presiden|Menlu|Perdana Menteri|PM|Menteri Luar Negeri|President|Prime Minister|Foreign Minister)\b(?!\s+[A-Z])"
)
KINDS = (
    ("Thanks", r"berterima kasih|terima kasih|thanked|\bthanks\b|grateful"),
    ("Appreciation", r"mengapresiasi|apresiasi|praised|commended|appreciat"),
    (
        "CallForAction",
        r"perlu|harus|mendesak|meminta|mengimbau|urged|called for|calls for|must|should|needs? to",
    ),
)
_KINDS = [(k, re.compile(p, re.I)) for k, p in KINDS]
_QUOTE = re.compile(r"[\u201c\"](?P<q>[^\u201d\"]{12,})[\u201d\"]")
FORMS = (
    (
        "OnlineScamWork",
        r"online scam|penipuan (?:daring|online)|scam|judi (?:daring|online)|online gambling|penipuan",
    ),
    (
        "SexualExploitation",
        r"eksploitasi seksual|prostitusi|pelacuran|sexual exploitation|prostitution|pekerja seks",
    ),
    (
        "ForcedLabour",
        r"kerja paksa|forced labou?r|anak buah kapal|\bABK\b|perbudakan|slavery|fishing vessel|kapal ikan",
    ),
    ("ForcedCriminality", r"forced criminality|kriminalitas paksa|dipaksa melakukan kejahatan"),
)
_FORMS = [(k, re.compile(p, re.I)) for k, p in FORMS]


def speaker(
    text: str, persons: list[Mention], entities: ArticleEntities, last: Mention | None
) -> Mention | None:
    """Who speaks in a sentence, or None when it reports no speech."""
    for p in persons:
        if _AFTER.search(text[: p.start]):
            return p
    for p in persons:
        rest = _ASIDE.sub("", text[p.end :], count=1)
        if _VERB.match(rest) and not _NOT_SPEECH.match(rest):
            return p
    title = _TITLE.search(text)
    if title and _VERB.match(text[title.end() :]):
        return entities.by_title(title.group(1))
    if _PRONOUN.search(text) and last is not None:
        return last
    return None


def statement_kind(text: str) -> str:
    """The ontology's statement kind the sentence's verbs suggest (Report when none does)."""
    return next((k for k, r in _KINDS if r.search(text)), "Report")


def quotation(text: str) -> str | None:
    """The quoted words of a sentence, without the trailing comma, if it quotes someone."""
    m = _QUOTE.search(text)
    return m.group("q").rstrip(" ,.") if m else None


def exploitation(text: str) -> str | None:
    """The form of exploitation a text names (a term of the ontology), if one."""
    return next((k for k, r in _FORMS if r.search(text)), None)
