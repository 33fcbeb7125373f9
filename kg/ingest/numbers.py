"""Counts as news states them: a qualifier, a number, what is counted.

Indonesian writes 1.100 for 1,100 and 1,5 juta for 1.5 million; English the other way
round. The qualifier comes before the number ("lebih dari 1.100", "at least 30") and the
counted noun after it ("kasus", "WNI korban", "suspects"). A number with no counted noun
we know is not a count (money, ages, percentages, years). Citizens are Indonesia's: the
citizens of another country ("312 warga Myanmar", "foreign nationals") are persons, and so
are residents ("44 warga yang hendak diberangkatkan": warga with no country after it). A
breakdown may leave the noun out ("1,914 were in Cambodia", "3,120 were assisted in Myanmar",
"2,650 from Vietnam", "298 di antaranya", "Malaysia (1.204)"), and so may a figure compared
with one before ("up from 41 in 2024").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALIFIERS = {
    "more_than": "lebih dari|lebih daripada|di atas|more than|over|upwards of|in excess of",
    "at_least": "sedikitnya|setidaknya|sekurang-kurangnya|paling sedikit|minimal|at least|no fewer than|a minimum of",
    "about": "sekitar|kurang lebih|kira-kira|lebih kurang|about|around|approximately|roughly|some"
    "|an estimated|estimated",
    "fewer_than": "kurang dari|di bawah|hampir|nyaris|fewer than|less than|under|below|nearly|almost",
}
# What is counted: the noun after the number, in the order of the words that decide.
WHAT = [
    (
        "victims",
        r"(?:orang\s+|warga negara indonesia\s+|wni\s+|pekerja migran indonesia\s+|pmi\s+)?(?:korban|victims?)\b",
    ),
    (
        "suspects",
        r"(?:orang\s+)?(?:tersangka|pelaku|perekrut|calo|suspects?|perpetrators?|traffickers?|recruiters?)\b",
    ),
    ("cases", r"(?:kasus|perkara|laporan|pengaduan|aduan|cases?|reports?|complaints?)\b"),
    (
        "citizens",
        r"(?:wni|warga negara indonesia|warga negara|warga(?=\s+(?:asing|(?-i:[A-Z])))|pekerja migran indonesia|pmi|indonesians?"
        r"|indonesian (?:citizens|nationals|workers|migrants)|citizens|nationals)\b",
    ),
    (
        "persons",
        r"(?:orang|people|persons|workers|pekerja|migrants|warga|foreigners|warga asing|wna|vietnamese|filipinos|"
        r"cambodians|malaysians|chinese|thais|myanmar nationals|foreign workers|women|men|children|girls|boys"
        r"|minors|anak(?:-anak)?|perempuan|wanita)\b",
    ),
]
SCALES = {"ribu": 1_000, "juta": 1_000_000, "thousand": 1_000, "million": 1_000_000, "rb": 1_000}
VAGUE = {
    "puluhan": 10,
    "ratusan": 100,
    "ribuan": 1_000,
    "dozens of": 12,
    "hundreds of": 100,
    "thousands of": 1_000,
    "tens of thousands of": 10_000,
    "puluhan ribu": 10_000,
    "ratusan ribu": 100_000,
    "hundreds of thousands of": 100_000,
}
# Numbers written in words, alone or joined ("Forty-three", "One hundred forty-seven",
# "Dua puluh satu", "tiga ratus"): units add, "puluh" and "belas" make tens and teens of the
# unit before, hundreds and thousands multiply.
_UNITS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
WORDS = {**_UNITS, "a dozen": 12, "dozen": 12}
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
# A unit, then more units or scale words ("forty-three", "dua puluh satu", "one hundred and five").
NUMBER_WORDS = (
    r"(?:a dozen|dozen|(?:"
    + _WORD
    + r")(?:(?:[\s-]+(?:and\s+)?)(?:"
    + _WORD
    + r"|puluh|belas|ratus|hundred)\b)*)"
)


def words_value(text: str) -> int | None:
    """The value of a number in words ("Forty-three" 43, "Dua puluh satu" 21), None if it is none."""
    low = text.lower()
    if low in WORDS:
        return WORDS[low]
    total = group = unit = 0
    for word in re.split(r"[\s-]+", low):
        if word == "and":
            continue
        if word in _UNITS:
            unit += _UNITS[word]
        elif word in ("puluh", "belas"):
            group += unit * 10 if word == "puluh" else unit + 10
            unit = 0
        elif word in ("ratus", "hundred"):
            group += (unit or 1) * 100
            unit = 0
        elif word in ("ribu", "thousand"):
            total += (group + unit or 1) * 1000
            group = unit = 0
        else:
            return None
    return total + group + unit


_QUAL = "|".join(f"(?P<{k}>{v})" for k, v in QUALIFIERS.items())
_NUM = r"(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?|" + NUMBER_WORDS + ")"
_VAGUE = r"(?P<vague>" + "|".join(sorted(VAGUE, key=len, reverse=True)) + ")"
_WHAT = "|".join(f"(?P<w_{k}>{v})" for k, v in WHAT)
_COUNT = re.compile(
    r"(?<![\w.,/-])(?:(?:"
    + _QUAL
    + r")\s+)?(?:"
    + _NUM
    + r"(?:\s+(?P<scale>ribu|juta|thousand|million|rb))?|"
    + _VAGUE
    + r")"
    r"\s+(?:(?:orang|people|more|other|lainnya|new|baru)\s+)?(?P<among>(?:di antaranya|diantaranya|of them|among them)\s+)?"
    r"(?:(?:[a-z]+)\s+)?(?P<what>" + _WHAT + ")",
    re.I,
)


_CASE_WORD = re.compile(dict(WHAT)["cases"], re.I)  # the noun of a count of cases
_VICTIMS = re.compile(
    r"^[^.;,]{0,40}?\b(?:menjadi korban|sebagai korban|as victims|korban)\b|\bkorban\b[^.;]{0,30}$", re.I
)
_BARE = re.compile(
    r"(?<![\w.,/-])(?:(?:" + _QUAL + r")\s+)?(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+)\s+"
    r"(?:(?:(?:were|was|are|is)(?:\s+[a-z]+ed)?|orang|people|(?:masih\s+)?berada)\s+)?(?:in|di)\s+(?:the\s+)?(?=[A-Z])"
)
# A part of the count before, its noun left out ("1.937 di antaranya terkait ...", "103 lainnya masih").
_PART = re.compile(
    r"(?<![\w.,/-])(?:(?:" + _QUAL + r")\s+)?(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+)\s+"
    r"(?:di antaranya|diantaranya|of them|among them|lainnya|others)\b"
)
# "Malaysia (1.204), disusul Arab Saudi (688)": a breakdown with each figure in brackets after its name.
_BRACKETED = re.compile(r"(?<=\w)\s*\((?P<num>\d{1,3}(?:[.,]\d{3})+|\d+)\)")
# "2,650 from Vietnam", "412 dari Myanmar": a breakdown by origin (read only after "came from", "berasal dari").
_BARE_FROM = re.compile(
    r"(?<![\w.,/-])(?:(?:" + _QUAL + r")\s+)?(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+)\s+"
    r"(?:(?:came|come|berasal|orang|people)\s+)?(?:from|dari)\s+(?:the\s+)?(?=[A-Z])"
)
_ARRESTED = re.compile(
    r"^[^.;]{0,30}?\b(?:were|was|had been|have been|has been) (?:arrested|detained|charged|named (?:as )?suspects)"
    r"|^[^.;]{0,30}?\b(?:ditangkap|diamankan|ditetapkan (?:sebagai )?tersangka)",
    re.I,
)
# "Police arrested three Chinese nationals": persons after a verb of arrest are suspects.
_ARREST_VERB = re.compile(r"\b(?:arrested|arrest|menangkap|membekuk|meringkus)\s+$", re.I)
# Words of citizenship that say nothing of Indonesia: the citizens of another country are persons.
_CITIZENSHIP = re.compile(r"warga(?: negara)?|citizens|nationals", re.I)
_FOREIGN_AFTER = re.compile(r"\s+(?:asing\b|(?!Indonesia\b|RI\b)(?P<country>[A-Z][a-z]+)\b)")
_INDONESIAN = re.compile(r"indonesian?", re.I)
# "handed over 211 Vietnamese": 'over' of a verb, not a qualifier.
_VERB_OVER = re.compile(
    r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|t(?:ook|ake|aken|akes|aking)|pass(?:es|ed|ing)?)\s+$", re.I
)


def bare_numbers(sentence: str, lang: str, by_origin: bool = False) -> list[tuple[int, int, int, str]]:
    """Numbers of a breakdown with no noun of their own ("1,914 were in Cambodia", "612 di Kamboja");
    with ``by_origin``, of a breakdown by where persons come from ("2,650 from Vietnam")."""
    out = []
    found = (
        list(_BARE_FROM.finditer(sentence))
        if by_origin
        else [*_BARE.finditer(sentence), *_PART.finditer(sentence)]
    )
    for m in found:
        value = read_number(m.group("num"), lang)
        if value is None or (m.group("num").isdigit() and 1900 <= value <= 2100):
            continue  # a year ("in 2023") is no count
        qualifier = next((k for k in QUALIFIERS if m.groupdict().get(k)), "exact")
        out.append((m.start(), m.end() if by_origin else m.end("num"), value, qualifier))
    return sorted(out)


def bracketed_numbers(sentence: str, lang: str) -> list[tuple[int, int, int, int]]:
    """Figures in brackets right after a name ("Malaysia (1.204)"): where the name ends, the
    figure's offsets and its value (years left out)."""
    out = []
    for m in _BRACKETED.finditer(sentence):
        value = read_number(m.group("num"), lang)
        if value is not None and not (m.group("num").isdigit() and 1900 <= value <= 2100):
            out.append((m.start(), m.start("num"), m.end("num"), value))
    return out


# A figure compared with one before it, its noun left out ("58 trafficking cases this year, up from 41").
_COMPARED = re.compile(
    r"\b(?:(?:up|down|rising|falling|naik|turun|meningkat|menurun)\s+(?:from|dari)|compared (?:with|to)"
    r"|dibandingkan(?: dengan)?)\s+(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+)(?!\s*(?:%|persen|percent)|[\w.,])",
    re.I,
)


def compared_numbers(sentence: str, lang: str) -> list[tuple[int, int, int]]:
    """Figures compared with a count before them, with no noun of their own ("up from 41 in 2024")."""
    out = []
    for m in _COMPARED.finditer(sentence):
        value = read_number(m.group("num"), lang)
        if value is not None and not (m.group("num").isdigit() and 1900 <= value <= 2100):
            out.append((m.start("num"), m.end("num"), value))
    return out


def counted_before(text: str) -> str | None:
    """What a breakdown with no noun counts, from the last counted noun before it ("Of the
    trafficking victims identified ..., nearly 4,000 came from Indonesia")."""
    found = list(re.finditer(r"\b(?:" + _WHAT + ")", text, re.I))
    return (
        next(k[2:] for k, v in found[-1].groupdict().items() if k.startswith("w_") and v) if found else None
    )


@dataclass(frozen=True)
class CountMention:
    """A count in a sentence: offsets, the words, value, qualifier and what is counted."""

    start: int
    end: int
    text: str
    value: int
    qualifier: str  # exact, more_than, at_least, about, fewer_than
    what: str
    number_text: str


def read_number(text: str, lang: str, scale: str | None = None) -> int | None:
    """A number as written in ``lang`` (id: 1.100 and 1,5; en: 1,100 and 1.5), times its scale."""
    value: float
    if re.match(r"[A-Za-z]", text):
        in_words = words_value(text)
        if in_words is None:
            return None
        value = in_words
    else:
        thousands, decimal = (".", ",") if lang == "id" else (",", ".")
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text) and (scale is None or thousands in text):
            value = float(re.sub(r"[.,]", "", text))
        else:
            value = float(text.replace(thousands, "").replace(decimal, "."))
    if scale:
        value *= SCALES[scale.lower()]
    return round(value) if value == int(value) or scale else None


def find_counts(sentence: str, lang: str) -> list[CountMention]:
    """The counts in one sentence with a counted noun we know."""
    out = []
    for match in _COUNT.finditer(sentence):
        g = match.groupdict()
        # The one word allowed between number and noun must not be a verb or a preposition.
        middle = sentence[match.end("num") if g["num"] else match.end("vague") : match.start("what")].lower()
        if g["among"]:
            middle = middle.replace(g["among"], " ")  # "64 di antaranya anak": 64 of them children
        if re.search(r"\b(di|dari|pada|in|from|at|yang|and|dan|tahun|years?|hari|days?|bulan)\b", middle):
            continue
        qualifier = next((k for k in QUALIFIERS if g.get(k)), "exact")
        start, end = match.start(), match.end()
        if (g.get("more_than") or "").lower() == "over" and _VERB_OVER.search(sentence[:start]):
            qualifier, start = "exact", match.start("num") if g["num"] else match.start("vague")
        if g["vague"]:
            value, qualifier = VAGUE[g["vague"].lower()], "at_least"
        else:
            if lang == "id" and re.fullmatch(r"\d+\.(?:\d{1,2}|\d{4,})", g["num"]) and not g["scale"]:
                continue  # "1.1000": a typo in a thousands dot, not a number to propose
            number = read_number(g["num"], lang, g["scale"])
            if number is None or (
                1900 <= number <= 2100
                and not g["scale"]
                and "." not in g["num"]
                and "," not in g["num"]
                and qualifier == "exact"
                and re.match(r"\s", middle) is None
            ):
                continue
            value = number
        what = next(k[2:] for k, v in g.items() if k.startswith("w_") and v)
        if _CASE_WORD.fullmatch(middle.strip()):
            what = "cases"  # "1.245 laporan WNI": reports about citizens, counted as reports
        if what in ("citizens", "persons") and _VICTIMS.search(sentence[match.end() : match.end() + 60]):
            what = "victims"  # "3,703 Indonesians were identified as victims", "WNI menjadi korban"
        elif what == "persons" and _VICTIMS.search(sentence[max(0, match.start() - 40) : match.start()]):
            what = "victims"  # "total korban ... mencapai 1.015 orang"
        if what == "citizens" and _CITIZENSHIP.fullmatch(g["what"]):
            foreign = _FOREIGN_AFTER.match(sentence, match.end())
            if re.search(r"\b(?:foreign|asing)\b", middle) or (
                middle.strip() and not _INDONESIAN.fullmatch(middle.strip())
            ):
                what = "persons"  # "3,000 foreign nationals", "1,700 Vietnamese nationals"
            elif foreign is not None:
                what = "persons"  # "312 warga Myanmar", "1.300 warga negara asing": not Indonesians
                if foreign.group("country"):
                    end = foreign.end()  # the country is part of the count, as in "58 Vietnamese"
        if what in ("citizens", "persons") and (
            _ARRESTED.search(sentence[match.end() :]) or _ARREST_VERB.search(sentence[:start])
        ):
            what = "suspects"  # "Three Malaysians and one Indonesian were arrested", "four people had been named suspects"
        if what == "persons" and _INDONESIAN.fullmatch(middle.strip()):
            what = "citizens"  # "52 Indonesian women"
        out.append(
            CountMention(start, end, sentence[start:end], value, qualifier, what, g["num"] or g["vague"])
        )
    return out
