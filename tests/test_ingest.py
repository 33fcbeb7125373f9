"""tppo-kg ingest: a draft source from a text or a saved page, that validate accepts."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner

from kg.build.pipeline import build
from kg.cli import main
from kg.ingest.dates import find_dates
from kg.ingest.furniture import find_furniture
from kg.ingest.numbers import find_counts
from kg.ingest.run import Options, ingest
from kg.ingest.sentences import split_sentences
from kg.namespaces import TPPO
from kg.read.project import Project
from tests.conftest import SEED

PAGE = """<!doctype html><html><head><title>Polisi pulangkan 57 WNI korban TPPO dari Myanmar</title>
<meta property="og:url" content="https://news.example.org/2024/05/wni-myanmar">
<meta property="article:published_time" content="2024-05-16T09:00:00+07:00"></head>
<body><nav><a href="/">Beranda</a> | <a href="/nasional">Nasional</a></nav>
<script>window.ads = [1,2,3]; function track(){ return "Kamboja"; }</script>
<article><h1>Polisi pulangkan 57 WNI korban TPPO dari Myanmar</h1>
<p>Penulis: Rina Kartika</p>
<p>Jakarta - Kementerian Luar Negeri memulangkan 57 WNI korban perdagangan orang dari Myanmar pada Rabu (15/5/2024). Para korban dipekerjakan sebagai operator online scam di Myawaddy.</p>
<p>Baca juga: Jokowi bertemu Hun Manet di Melbourne</p>
<p>"Kami terus berkoordinasi dengan otoritas Myanmar," kata Menteri Luar Negeri Retno Marsudi.</p>
<p>Sedikitnya 12 tersangka telah ditetapkan oleh kepolisian sejak Januari 2024.</p>
</article><footer>© 2024 Contoh Media. Hak cipta dilindungi.</footer></body></html>
"""


def seed_text(project: Project) -> Path:
    return project.sources / SEED / "text.txt"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(project: Project, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args, "--project", str(project.root)],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


# -- reading the text -----------------------------------------------------------------
def test_sentences_survive_abbreviations_thousands_and_quotes() -> None:
    text = (
        'Kombes Pol. Budi Santoso menyebut 1.100 WNI di Jl. Sudirman No. 5 diperiksa. "Kami bekerja," kata Budi. '
        "The U.S. embassy said so.\nBaca juga: judul lain"
    )
    found = [s.text for s in split_sentences(text, frozenset({1}))]
    assert found == [
        "Kombes Pol. Budi Santoso menyebut 1.100 WNI di Jl. Sudirman No. 5 diperiksa.",
        '"Kami bekerja," kata Budi.',
        "The U.S. embassy said so.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("pada Selasa, 5 Maret 2024, di Melbourne", [("2024-03-05", "day")]),
        ("pada Mei 2023 di Labuan Bajo", [("2023-05", "month")]),
        ("Rabu (10/5/2023) malam", [("2023-05-10", "day")]),
        ("pada Senin (4/3) lalu", [("2024-03-04", "day")]),  # year from publication, Monday checked
        ("pada Kamis, 5 Maret", [(None, "day")]),  # 5 March 2024 was a Tuesday: not guessed
        ("kemarin", [("2024-03-05", "day")]),
        ("pekan lalu", [(None, "week")]),
        ("KTT 10-11 Mei 2023", [("2023-05-10", "day")]),
        ("361 kasus pada 2021 dan KTT ke-42", [("2021", "year")]),
        ("on March 5, 2024 and 1,100 people", [("2024-03-05", "day")]),
    ],
)
def test_dates_keep_precision_and_never_guess(sentence: str, expected: list[tuple[str | None, str]]) -> None:
    found = find_dates(sentence, dt.date(2024, 3, 6))
    assert [(d.value, d.precision) for d in found] == expected


def test_relative_date_without_publication_date_is_left_unresolved() -> None:
    (found,) = find_dates("kemarin polisi menangkap", None)
    assert found.value is None and found.note


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("memulangkan lebih dari 1.100 WNI korban", "id", [(1100, "more_than", "victims")]),
        ("sedikitnya 12 tersangka dan 1,5 juta korban", "id", [(12, "at_least", "suspects"), (1500000, "exact", "victims")]),
        ("more than 1,100 Indonesians and nearly 500 victims", "en", [(1100, "more_than", "citizens"), (500, "fewer_than", "victims")]),
        ("hundreds of victims, around 40 cases", "en", [(100, "at_least", "victims"), (40, "about", "cases")]),
        ("berusia 25 tahun dengan gaji Rp 5 juta", "id", []),
    ],
)  # fmt: skip
def test_counts_read_indonesian_numbers_with_qualifier_and_noun(
    sentence: str, lang: str, expected: list[tuple[int, str, str]]
) -> None:
    assert [(c.value, c.qualifier, c.what) for c in find_counts(sentence, lang)] == expected


def test_furniture_lines_are_recognised_with_patterns() -> None:
    text = "Baca juga: Judul lain\nPenulis: Rina Kartika\nIsi berita.\n© 2024 Contoh Media\n"
    found = find_furniture(text)
    assert [kind for _, kind, _ in found.lines] == ["related", "byline", "copyright"]
    assert len(found.patterns) == 3


# -- writing a source -------------------------------------------------------------------
def test_seed_text_as_a_new_source_validates(project_copy: Project, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(seed_text(project_copy).read_bytes())
    (done,) = ingest(project_copy, [article], Options(publisher="org/tempo", published="2024-03-06"))
    folder = project_copy.sources / done.slug
    assert (folder / "text.txt").read_bytes() == article.read_bytes()
    facts = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    assert facts and all(f["method"] == "machine" and 0 < f["confidence"] <= 1 for f in facts)
    text = article.read_text(encoding="utf-8")
    assert all(q in text for f in facts for q in f["evidence"])
    meta = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    assert "Unknown" in meta["publication_note"]["en"] and meta["boilerplate"]
    report = build(project_copy, tmp_path / "out")
    assert report.summary().rstrip().endswith("validation: conforms")
    # Unreviewed proposals are in the graph as machine-extracted; --reviewed-only leaves them out.
    method = f"<{TPPO.extractionMethod}> <{TPPO.MachineExtracted}>"
    machine = f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ ?f {method} }}"

    def machine_facts(out: Path) -> int:
        result = ox.Store.read_only(str(out / "store")).query(machine)
        return int(next(iter(result))["n"].value)  # type: ignore[call-overload]

    assert machine_facts(tmp_path / "out") == len(facts)
    cli_run = CliRunner().invoke(
        main,
        [
            "build",
            "--out",
            str(tmp_path / "reviewed"),
            "--project",
            str(project_copy.root),
            "--reviewed-only",
        ],
    )
    assert cli_run.exit_code == 0, cli_run.output
    assert machine_facts(tmp_path / "reviewed") == 0
    assert f"source {done.slug}: 0 facts" in cli_run.output


def test_saved_page_gives_title_date_url_and_furniture(project_copy: Project, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    (done,) = ingest(project_copy, [page], Options(publisher="org/tempo"))
    folder = project_copy.sources / done.slug
    meta = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    assert meta["title"].startswith("Polisi pulangkan 57 WNI")
    assert meta["published"] == "2024-05-16" and meta["url"] == "https://news.example.org/2024/05/wni-myanmar"
    text = (folder / "text.txt").read_text(encoding="utf-8")
    assert "window.ads" not in text and "Baca juga" in text
    assert {kind for _, kind, _ in done.analysis.furniture.lines} >= {"related", "byline"}
    proposal = done.proposal()
    assert (57, "exact", "victims", "IDN", "MMR") in {
        (c["value"], c["qualifier"], c["what"], c["origin"], c["destination"]) for c in proposal["counts"]
    }
    assert {"origin": "IDN", "destination": "MMR", "form": "OnlineScamWork"} in proposal["flows"]
    assert {"text": "Rabu (15/5/2024)", "value": "2024-05-15", "precision": "day"} in proposal["dates"]
    assert all(
        "Jokowi" not in s for f in done.facts for s in f["evidence"]
    )  # the related link is no evidence
    build(project_copy, tmp_path / "out")


def test_same_text_same_slug_and_draft(project_copy: Project, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(seed_text(project_copy).read_bytes())
    (first,) = ingest(project_copy, [article], Options(publisher="org/tempo"))
    before = snapshot(project_copy.sources / first.slug)
    (second,) = ingest(project_copy, [article], Options(publisher="org/tempo"))
    assert second.slug == first.slug
    assert snapshot(project_copy.sources / second.slug) == before


def test_many_files_with_progress(project_copy: Project, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.html"
    a.write_bytes(seed_text(project_copy).read_bytes())
    b.write_text(PAGE, encoding="utf-8")
    done = cli(project_copy, "ingest", str(a), str(b), "--publisher", "org/tempo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("wrote data/sources/") == 2
    assert "reading" in done.stderr  # the progress bar


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("latin1.txt", "Kementerian Luar Negeri mencatat 361 kasus pada 2021 di Kamboja, kata ã.".encode("latin-1"), "not UTF-8"),
        ("scripts.html", b"<html><head><script>" + b"var a=1;" * 500 + b"</script></head><body><script>x()</script></body></html>", "no article text"),
        ("nosentence.txt", b"12345\n---\n2024\n", "no sentence"),
    ],
)  # fmt: skip
def test_bad_input_fails_cleanly(
    project_copy: Project, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    data = project_copy.root / "data"
    before = snapshot(data)
    done = cli(project_copy, "ingest", str(path), "--publisher", "org/tempo")
    assert done.returncode == 3
    assert message in done.stderr and done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert snapshot(data) == before


def test_too_large_a_file_is_refused_before_reading(project_copy: Project, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)  # sparse: no disk used
    before = snapshot(project_copy.root / "data")
    done = cli(project_copy, "ingest", str(path), "--publisher", "org/tempo")
    assert done.returncode == 3 and "more than" in done.stderr
    assert snapshot(project_copy.root / "data") == before


def test_one_bad_file_among_many_writes_nothing(project_copy: Project, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_bytes(seed_text(project_copy).read_bytes())
    bad.write_bytes(b"")
    before = snapshot(project_copy.root / "data")
    assert cli(project_copy, "ingest", str(good), str(bad), "--publisher", "org/tempo").returncode == 3
    assert snapshot(project_copy.root / "data") == before


def test_unknown_publisher_is_refused(project_copy: Project, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Polisi menangkap tiga tersangka TPPO di Batam pada 2023.\n", encoding="utf-8")
    done = cli(project_copy, "ingest", str(page))
    assert done.returncode == 3 and "--publisher" in done.stderr


# -- the JSON proposal ----------------------------------------------------------------
def test_dry_run_json_schema(project_copy: Project, tmp_path: Path) -> None:
    before = snapshot(project_copy.root / "data")
    done = cli(project_copy, "ingest", str(seed_text(project_copy)), "--dry-run", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert snapshot(project_copy.root / "data") == before
    out = json.loads(done.stdout)
    for key in (
        "countries",
        "persons",
        "organisations",
        "dates",
        "counts",
        "flows",
        "events",
        "agreements",
        "facts",
    ):
        assert isinstance(out[key], list), key
    assert set(out["countries"]) == {"IDN", "KHM", "MMR", "PHL", "LAO", "VNM", "THA", "AUS"}
    assert {
        "name": "Hun Manet",
        "office": "Perdana Menteri Kamboja",
        "country": "KHM",
        "ref": "person/hun-manet",
    } in out["persons"]
    assert {"name": "Kementerian Luar Negeri", "ref": "org/kemlu"} in out["organisations"]
    assert {"text": "Mei 2023", "value": "2023-05", "precision": "month"} in out["dates"]
    count = next(c for c in out["counts"] if c["value"] == 1100)
    assert (count["qualifier"], count["what"], count["origin"], count["destination"], count["date"]) == (
        "more_than",
        "victims",
        "IDN",
        "KHM",
        "2024-01-04",
    )
    assert all(
        c["qualifier"] in {"exact", "more_than", "at_least", "about", "fewer_than"} for c in out["counts"]
    )
    assert {"origin": "IDN", "destination": "LAO", "form": "OnlineScamWork"} in out["flows"]
    summit = next(e for e in out["events"] if e["name"] == "42nd ASEAN Summit")
    assert (summit["kind"], summit["date"], summit["place"]) == ("summit", "2023-05", "Labuan Bajo")
    mou = next(a for a in out["agreements"] if a["kind"] == "mou")
    assert (mou["parties"], mou["date"]) == (["IDN", "KHM"], "2023")
    assert any(s["ref"] == "person/joko-widodo" and s["quote"] for s in out["statements"])
    assert all(f["method"] == "machine" for f in out["facts"])


# -- review -----------------------------------------------------------------------------
def test_review_by_keystrokes_then_reingest_and_build(project_copy: Project, tmp_path: Path) -> None:
    import pyoxigraph as ox

    article = tmp_path / "a.txt"
    article.write_bytes(seed_text(project_copy).read_bytes())
    (done,) = ingest(project_copy, [article], Options(publisher="org/tempo", published="2024-03-06"))
    folder = project_copy.sources / done.slug
    first, second, third = (f["id"] for f in done.facts[:3])
    # A person: accepts the first, rejects the second, edits the third's label then accepts, quits.
    keys = "Ana Analyst\na\nr\ne\nlabel: {en: Edited by hand, id: Disunting}\n\nq\n"
    run = cli(project_copy, "review", done.slug, stdin=keys)
    assert run.returncode == 0, run.stderr
    assert ">>" in run.stdout and "<<" in run.stdout  # the evidence highlighted in its line
    assert "2 accepted, 1 rejected" in run.stdout
    facts = {f["id"]: f for f in yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]}
    assert second not in facts
    assert "method" not in facts[first] and facts[first]["reviewed_by"] == "Ana Analyst"
    assert facts[third]["label"]["en"] == "Edited by hand" and "method" not in facts[third]
    review = yaml.safe_load((folder / "review.yaml").read_text(encoding="utf-8"))
    assert [r["id"] for r in review["rejected"]] == [second]
    # Ingesting the same text again keeps every decision.
    ingest(project_copy, [article], Options(publisher="org/tempo", published="2024-03-06"))
    again = {f["id"]: f for f in yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]}
    assert second not in again and again[first] == facts[first] and again[third] == facts[third]
    assert len(again) == len(facts)
    # The next build has the accepted facts as curated and the rest as machine-extracted.
    out = tmp_path / "out"
    build(project_copy, out)
    store = ox.Store.read_only(str(out / "store"))
    rows = store.query(
        "SELECT ?f ?m WHERE { ?f <https://w3id.org/tppo-kg/ontology#extractionMethod> ?m ;"
        f" <http://www.w3.org/ns/prov#hadPrimarySource> <https://w3id.org/tppo-kg/id/source/{done.slug}> }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    method = {r["f"].value.rsplit("/id/", 1)[1]: r["m"].value.rsplit("#", 1)[1] for r in rows}
    assert method[first] == method[third] == "Curated"
    assert second not in method
    assert set(method.values()) == {"Curated", "MachineExtracted"}


def test_review_lists_sources_when_many(project_copy: Project, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.html"
    a.write_bytes(seed_text(project_copy).read_bytes())
    b.write_text(PAGE, encoding="utf-8")
    ingest(project_copy, [a, b], Options(publisher="org/tempo"))
    run = cli(project_copy, "review", stdin="")
    assert run.returncode == 0 and run.stdout.count("proposals)") == 2


# -- the evaluation set ------------------------------------------------------------------
def test_evaluation_set_is_balanced_and_its_keys_are_well_formed() -> None:
    from kg.ingest.evaluate import KINDS, load_set
    from tests.conftest import ROOT

    articles = load_set(ROOT / "tests" / "ingest_eval")
    assert len(articles) >= 24
    langs = [a["lang"] for _, a in articles]
    assert abs(langs.count("id") - langs.count("en")) <= 2
    for name, article in articles:
        assert set(article["key"]) == set(KINDS), name
        assert article["text"].strip() and article["published"], name


def test_seed_draft_recovers_most_curated_facts() -> None:
    from kg.ingest.article import analyse
    from kg.ingest.draft import draft_facts
    from kg.ingest.recovery import recovery
    from tests.conftest import ROOT

    folder = ROOT / "data" / "sources" / SEED
    curated = yaml.safe_load((folder / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    draft = draft_facts(
        analyse((folder / "text.txt").read_text(encoding="utf-8"), ROOT / "data" / "reference", "id").records
    )
    got, _ = recovery(curated, draft)
    assert got / len(curated) >= 0.8


def test_readme_documents_the_json_proposal() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a source (the analyst's workflow)\n", 1)[1]
    assert section.lstrip().split("\n", 1)[0].startswith("Start with `tppo-kg ingest`")
    for key in (
        "countries",
        "persons",
        "organisations",
        "dates",
        "counts",
        "flows",
        "events",
        "agreements",
        "facts",
    ):
        assert f"| `{key}` |" in section, key


def _screen(master: int, seen: bytearray, wanted: bytes, timeout: float = 60.0) -> None:
    """Read what the terminal shows until ``wanted`` appears (a person waiting for a prompt)."""
    import select

    deadline = time.monotonic() + timeout
    while wanted not in seen:
        ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"waited for {wanted!r}; the screen ends with {bytes(seen[-400:])!r}")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the program ended and closed the terminal
            chunk = b""
        if not chunk:
            raise AssertionError(f"the program ended before {wanted!r}: {bytes(seen[-400:])!r}")
        seen += chunk


def test_review_in_a_real_terminal(project_copy: Project, tmp_path: Path) -> None:
    """A person at a terminal (a pseudo-terminal here): waits for each prompt, types a key and
    Enter; the evidence shows highlighted in reverse video, and the decisions are written."""
    import pty

    article = tmp_path / "a.txt"
    article.write_bytes(seed_text(project_copy).read_bytes())
    (done,) = ingest(project_copy, [article], Options(publisher="org/tempo", published="2024-03-06"))
    first, second = (f["id"] for f in done.facts[:2])
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "review", done.slug, "--project", str(project_copy.root)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        close_fds=True,
    )
    os.close(slave)
    seen = bytearray()
    highlighted = False
    try:
        for wanted, keys in (
            (b"reviewer (your name", b"Rina Reviewer\r"),
            (b"[q]uit > ", b"a\r"),
            (b"[q]uit > ", b"r\r"),
            (b"[q]uit > ", b"q\r"),
        ):
            _screen(master, seen, wanted)
            highlighted = highlighted or b"\x1b[7m" in seen  # reverse video: a terminal, not a pipe
            del seen[: seen.find(wanted) + len(wanted)]  # the next prompt is a new one
            os.write(master, keys)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    facts = {
        f["id"]: f
        for f in yaml.safe_load((project_copy.sources / done.slug / "facts.yaml").read_text())["facts"]
    }
    assert facts[first]["reviewed_by"] == "Rina Reviewer" and "method" not in facts[first]
    assert second not in facts
    assert all(f.get("method") == "machine" for i, f in facts.items() if i != first)
    assert highlighted


def test_a_resolved_mention_matches_a_key_written_by_name() -> None:
    from kg.ingest.evaluate import Score, compare

    score = Score()
    compare(["Sugiono", "person/retno-marsudi"], ["person/sugiono|Sugiono", "Retno Marsudi"], score, "a")
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)  # a name is no reference, nor the reverse
    score = Score()
    compare(["Sugiono|person/sugiono"], ["person/sugiono|Sugiono", "person/sugiono|Sugiono"], score, "b")
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)  # each found mention counts once
