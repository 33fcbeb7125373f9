"""Office titles and the names they introduce: where the office ends and the name begins.

An office may run long before the name ("Kepala Bidang Humas Polda Kepulauan Riau Kombes
Pol. Zahwani Pandra Arsyad", "PNP spokesperson Police Colonel Jean Fajardo"). The words
after a title are read as one run; the name is what follows the run's last office word
(a title, a rank, a word of an office or a region, a country, an organisation, an
acronym), up to a word that cannot be part of a name (a weekday, a month, a country). A
name is two to four words, or one word after a rank or a head's title ("Kombes Pol.
Ariasandy", "Menteri Luar Negeri Sugiono"), as Indonesian names often are. An office may be
in a place ("Konsul Jenderal RI di Dubai Cahyo Wibisono"): the word after "di" is the office's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split(sep))


TITLES = (
    "Presiden|Wakil Presiden|Perdana Menteri|PM|Menteri Luar Negeri|Menlu|Wakil Menteri Luar Negeri|Menteri|"
    "Duta Besar|Dubes|Direktur Jenderal|Dirjen|Direktur|Kepala|Ketua|Wakil Ketua|Kapolri|Wakapolri|Kabareskrim|"
    "Kapolda|Wakapolda|Kapolres|Kapolresta|Kapolsek|Kabid|Kasubbid|Kasubdit|Kasat|Kasatreskrim|Kanit|Kadiv|"
    "Dirtipidum|Dirreskrimum|Juru [Bb]icara|Jubir|Sekretaris Jenderal|Sekjen|Koordinator|Komisaris|"
    "Kombes(?: Pol\\.?)?|Brigjen(?: Pol\\.?)?|Irjen(?: Pol\\.?)?|Komjen(?: Pol\\.?)?|AKBP|AKP|Kompol|"
    "Jenderal(?: Polisi)?|"
    "President|Vice President|Prime Minister|Foreign Minister|Foreign Secretary|Minister|Deputy Minister|"
    "Ambassador|Director(?:-General)?|Chief|Head|Secretary-General|Secretary|Konsul Jenderal|Konjen|Konsul|"
    "Consul General|Consul|"
    "Police (?:General|Colonel|Major General|Lieutenant General|Chief)|General|Colonel|Spokesperson|spokesperson|"
    "spokesman|Commissioner|Senator|Governor|Gubernur|Bupati|Wali Kota|police chief|police spokesperson|"
    "agency head|official,|spokesperson,|Agency head|researcher|analyst|activist|lawyer|peneliti|aktivis|pengacara"
)
_TITLE = re.compile(r"(?<![\w-])(?:" + TITLES + r")(?![\w-])")
# Ranks: after one of them a single word is a name ("Kombes Pol. Ariasandy").
RANKS = _words(
    "Kombes Brigjen Irjen Komjen AKBP AKP Kompol Iptu Ipda Aiptu Jenderal Polisi Pol Pol. General Colonel "
    "Lieutenant Major Captain Brigadier Sergeant Lt Lt. Gen Gen. Col Col. Maj Maj. Superintendent Inspector "
    "Laksamana Marsekal Mayjen Letjen Kolonel Letkol Mayor Kapten"
)
# Titles after which a single word is a name ("Menteri Luar Negeri Sugiono", "President Marcos").
_HEADS = _words(
    "Presiden|Wakil Presiden|Perdana Menteri|Menteri Luar Negeri|Menlu|Duta Besar|Dubes|Kapolri|Kapolda|Kapolres|"
    "Kabareskrim|President|Prime Minister|Foreign Minister|Foreign Secretary|Ambassador",
    "|",
)
_HEAD_POSTS = {  # a head's title, as the start of the Indonesian post name the reference tables give
    "Menlu": "Menteri Luar Negeri",
    "Foreign Minister": "Menteri Luar Negeri",
    "PM": "Perdana Menteri",
    "Prime Minister": "Perdana Menteri",
    "President": "Presiden",
}
OFFICE_WORDS = _words("""Tindak Pidana Umum Khusus Perlindungan Pelindungan Hukum Human Rights High Commissioner Police General Chief
    Foreign Minister Affairs Bidang Politik Keamanan Daerah Agency Head Public Security Office National Immigration
    Department Ministry Embassy Kepolisian Kementerian Badan Divisi Humas Hubungan Masyarakat Direktorat Subdirektorat
    Satuan Tugas Satgas Reserse Kriminal Siber Kantor Wilayah Penerangan Internasional Konsuler Fungsi Pelaksana
    Harian Sekretaris Jenderal Wakil Kepala Ketua Direktur Bureau Division Unit Task Force Interior Justice Labour
    Labor Manpower Home Resources Social Welfare Trade Finance Defence Defense Deputy Senior Acting Assistant
    Perdagangan Ketenagakerjaan Sosial Dalam Negeri Luar Pertahanan Agama Keuangan Koordinator Pemberdayaan
    Perempuan Anak Kelautan Perikanan Perhubungan Kerajaan Republik Royal Polda Polres Polresta Polrestabes Polsek
    Metro Jaya Kepulauan Nusa Tenggara Timur Barat Utara Selatan Tengah Jawa Sumatera Kalimantan Sulawesi Papua
    Kota Kabupaten Besar Provinsi Province City Regional Ambassador Coordinating Political Economic Legal Maritime
    Investment Transnational Crime Counter Trafficking Migrant Workers Protection Border Consular Citizens Overseas
    Information Communication Communications Digital Development Planning Industry Transport Tourism Education Health
    Environment Energy Agriculture Commerce Prime Koordinator Maritim Investasi Pekerja Migran Orang Imigrasi""")
_STOP = _words("""Indonesia Kamboja Myanmar Laos Vietnam Thailand Filipina Malaysia Cambodia Philippines ASEAN Kemlu Luar Negeri
    Polri Bareskrim WNI RI Republik Kerajaan""")
# Words that end a name: a weekday or a month after it ("Benny Rhamdani Senin (5/3)").
_ENDS = _words("""Senin Selasa Rabu Kamis Jumat Sabtu Minggu Monday Tuesday Wednesday Thursday Friday Saturday Sunday Januari
    Februari Maret April Mei Juni Juli Agustus Oktober Desember January February March May June July August
    September October November December""")
_CONNECTORS = _words("of for the to untuk dan and serta on at")
_SPLIT = _words("dan and serta")  # a second person may follow once a name is complete
_TOKEN = re.compile(r"\s+([A-Z][\w'.-]*|[a-z]+)")
_NAME_WORD = re.compile(r"(?:[A-Z][a-z\u00e0-\u00ff'-]+|[A-Z]\.|bin|binti)")


@dataclass(frozen=True)
class Titled:
    """A name introduced by an office title: offsets of the name in the sentence, the name, the office."""

    start: int
    end: int
    name: str
    office: str
    title: str  # the title word(s) the office starts with
    single: bool  # a one-word name


def _bare(word: str) -> str:
    """A word without the punctuation after it ("Manalo." -> "Manalo"), an initial kept whole ("A.")."""
    return word if re.fullmatch(r"[A-Z]\.", word) else word.rstrip(",.;:")


def _is_office(word: str, taken: set[str]) -> bool:
    bare = word.rstrip(".,")
    return (
        bare in OFFICE_WORDS
        or bare in _STOP
        or word in RANKS
        or bare in RANKS
        or bare in taken
        or word.lower() in _CONNECTORS
        or (len(bare) >= 2 and bare.isupper())
        or bool(_TITLE.fullmatch(bare))
        or any(ch.isdigit() for ch in bare)
    )


def titled_names(text: str, office_words: set[str]) -> list[Titled]:
    """Every name after an office title in ``text``; ``office_words`` are words of the sentence's
    countries, organisations and places (never part of a name)."""
    out: list[Titled] = []
    pos = 0
    for title in _TITLE.finditer(text):
        if title.start() < pos:
            continue
        tokens: list[re.Match[str]] = []
        placed: set[str] = set()  # a place the office is in, after "di"
        at = title.end()
        while len(tokens) < 14:
            m = _TOKEN.match(text, at)
            if m is None:
                break
            word = m.group(1)
            if word == "di" and all(_is_office(t.group(1), office_words) for t in tokens):
                place = _TOKEN.match(text, m.end())  # "Konsul Jenderal RI di Dubai Cahyo Wibisono"
                if place is None or not place.group(1)[0].isupper():
                    break
                tokens.append(m)
                placed.add(place.group(1))
                m = place
            elif (word[0].islower() and word not in _CONNECTORS) or _bare(word) in _ENDS:
                break  # "Sar Sokha on Wednesday": a weekday or a month ends the run
            elif word in _SPLIT and any(not _is_office(t.group(1), office_words) for t in tokens):
                break  # "Luong Tam Quang and Cambodian Interior Minister Sar Sokha"
            tokens.append(m)
            at = m.end()
            if word.endswith((",", ";", ":")) or (word.endswith(".") and word.rstrip(".") not in RANKS):
                break
        while tokens and tokens[-1].group(1) in _CONNECTORS:
            tokens.pop()  # "Zambry Abdul Kadir to discuss"
        words = [t.group(1) for t in tokens]
        last = max(
            (i for i, w in enumerate(words) if _is_office(w, office_words | placed) or w == "di"), default=-1
        )
        name: list[re.Match[str]] = []
        for t in tokens[last + 1 :]:
            word = _bare(t.group(1))
            if word in _ENDS or not _NAME_WORD.fullmatch(word) or len(name) == 4:
                break
            name.append(t)
            if word != t.group(1):
                break  # a comma or a full stop ends the name
        if not name:
            continue
        office_end = name[0].start(1)
        office = text[title.start() : office_end].strip()
        before = words[last] if last >= 0 else title.group()
        single_ok = before in RANKS or (title.group() in _HEADS and last < 0)
        if len(name) == 1 and not single_ok:
            continue
        start, end = name[0].start(1), name[-1].start(1) + len(_bare(name[-1].group(1)))
        out.append(Titled(start, end, text[start:end], office, title.group(), len(name) == 1))
        pos = end
    return out


def is_title(word: str) -> bool:
    """True when ``word`` is an office title by itself ("Kepala", "Kapolres", "AKBP")."""
    return _TITLE.fullmatch(word) is not None


def head_post(title: str) -> str:
    """The start of the Indonesian post name a head's title stands for ("Foreign Minister" -> "Menteri Luar Negeri")."""
    return _HEAD_POSTS.get(title, title)
