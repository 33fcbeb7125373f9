"""Attacks on the build, replayed: each is refused with its file and line, in bounded time.

A source may read only files of its own folder; its patterns cannot hang the build; its
YAML cannot explode; every identifier that ends up in an IRI or a link has a pattern;
and a refused build leaves the outputs of an earlier build byte for byte as they were.
Most attacks go through the reading layer the build calls (milliseconds each); a few go
through ``build`` itself and one through the command line.
"""

from __future__ import annotations

import csv
import hashlib
import multiprocessing
import multiprocessing.connection
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.build.pipeline import assemble, build
from kg.errors import DataError
from kg.read.project import Project
from kg.read.reference import Reference
from kg.read.sources import load_source
from kg.read.yamlio import load_yaml
from tests.conftest import ROOT, SEED, facts_path

GUARD = 120  # seconds: only against a hang; every refusal here takes well under one


@dataclass(frozen=True)
class Refusal:
    """What a refused call reported: the file, the line and the message."""

    path: Path
    line: int | None
    message: str


def _child(call: Callable[[], object], pipe: multiprocessing.connection.Connection) -> None:
    try:
        call()
        pipe.send(("accepted", "", None, ""))
    except DataError as error:
        pipe.send(("refused", str(error.path), error.line, error.message))
    except BaseException as error:  # report anything else to the test, do not hide it
        pipe.send(("crashed", "", None, f"{type(error).__name__}: {error}"))


def bounded(call: Callable[[], object]) -> Refusal | None:
    """Run ``call`` in a child process killed after ``GUARD`` s; its refusal, or None if accepted."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(call, send))
    child.start()
    send.close()
    if not receive.poll(GUARD):
        child.kill()
        child.join()
        pytest.fail(f"still running after {GUARD} s: not bounded")
    outcome, path, line, message = receive.recv()
    child.join()
    assert outcome != "crashed", message
    return Refusal(Path(path), line, message) if outcome == "refused" else None


def refused(call: Callable[[], object]) -> Refusal:
    """The refusal of a call that must be refused (in bounded time)."""
    refusal = bounded(call)
    assert refusal is not None, "the attack was accepted"
    return refusal


def line_of(path: Path, needle: str) -> int:
    """The line on which ``needle`` first stands in a file."""
    text = path.read_text(encoding="utf-8")
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


def quoted(value: str) -> str:
    """A YAML single-quoted scalar: no escapes, a quote doubled."""
    return "'" + value.replace("'", "''") + "'"


def folder(project: Project) -> Path:
    """The seed source's folder inside a project."""
    return project.sources / SEED


def set_text(project: Project, value: str) -> tuple[Path, int]:
    """Point the seed's ``text:`` at ``value``; return source.yaml and the line of ``text:``."""
    path = folder(project) / "source.yaml"
    text = re.sub(r"(?m)^text: .*$", lambda _: f"text: {quoted(value)}", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return path, line_of(path, "text: ")


def snapshot(out: Path) -> dict[str, str]:
    """Every file under ``out`` with the SHA-256 of its bytes (folders too, as 'dir')."""
    return {
        str(p.relative_to(out)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
    }


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """An out folder an earlier good build wrote, and its snapshot."""
    out = tmp_path_factory.mktemp("earlier") / "out"
    build(Project(ROOT), out)
    return out, snapshot(out)


def refused_build(project: Project, earlier: tuple[Path, dict[str, str]]) -> Refusal:
    """Build the attacked project into the earlier out folder: refused, the folder unchanged."""
    out, before = earlier
    refusal = refused(lambda: build(project, out))
    assert snapshot(out) == before, "the refused build changed the earlier outputs"
    return refusal


def secret(project: Project) -> Path:
    """A file outside the source's folder that must never be published."""
    path = project.root / "secret.txt"
    path.write_text("SECRET-7f3a: not for the dataset\n", encoding="utf-8")
    return path


# -- 5. a source reads only files of its own folder -----------------------------------


@pytest.mark.parametrize("how", ["relative", "absolute", "nested", "backslash", "hidden"])
def test_text_outside_the_folder_is_refused(project_copy: Project, how: str) -> None:
    target = secret(project_copy)
    value = {
        "relative": "../../../secret.txt",
        "absolute": str(target),
        "nested": "sub/../../../../secret.txt",
        "backslash": "..\\..\\..\\secret.txt",
        "hidden": ".secret",
    }[how]
    path, line = set_text(project_copy, value)
    error = refused(lambda: load_source(folder(project_copy)))
    assert (error.path, error.line) == (path, line)
    assert "text" in error.message


def test_text_outside_the_folder_is_refused_by_the_build(
    project_copy: Project, earlier: tuple[Path, dict[str, str]]
) -> None:
    secret(project_copy)
    path, line = set_text(project_copy, "../../../secret.txt")
    error = refused_build(project_copy, earlier)
    assert (error.path, error.line) == (path, line)


def test_a_link_that_leaves_the_folder_is_refused(project_copy: Project) -> None:
    text = folder(project_copy) / "text.txt"
    text.unlink()
    text.symlink_to(secret(project_copy))
    error = refused(lambda: load_source(folder(project_copy)))
    assert error.path == folder(project_copy) / "source.yaml"
    assert error.line == line_of(error.path, "text: ")
    assert "leads outside its folder" in error.message


def test_a_chain_of_links_that_ends_outside_is_refused(project_copy: Project) -> None:
    here = folder(project_copy)
    (here / "hop.txt").symlink_to(secret(project_copy))
    (here / "text.txt").unlink()
    (here / "text.txt").symlink_to("hop.txt")
    assert "leads outside" in refused(lambda: load_source(here)).message


def test_a_link_inside_the_folder_is_allowed(project_copy: Project) -> None:
    here = folder(project_copy)
    (here / "text.txt").rename(here / "article.txt")
    (here / "text.txt").symlink_to("article.txt")
    assert "Jokowi" in load_source(here).text


def test_a_loop_of_links_is_refused(project_copy: Project) -> None:
    here = folder(project_copy)
    (here / "text.txt").unlink()
    (here / "a.txt").symlink_to("text.txt")
    (here / "text.txt").symlink_to("a.txt")
    error = refused(lambda: load_source(here))
    assert error.line == line_of(here / "source.yaml", "text: ")


def test_a_fifo_is_refused_without_waiting_for_a_writer(project_copy: Project) -> None:
    here = folder(project_copy)
    (here / "text.txt").unlink()
    os.mkfifo(here / "text.txt")
    error = refused(lambda: load_source(here))
    assert "not a regular file" in error.message and error.line == line_of(here / "source.yaml", "text: ")


def test_a_folder_or_a_device_is_refused(project_copy: Project) -> None:
    here = folder(project_copy)
    (here / "sub").mkdir()
    set_text(project_copy, "sub")
    assert "not a regular file" in refused(lambda: load_source(here)).message
    set_text(project_copy, "null")
    (here / "null").symlink_to("/dev/null")  # a device, and outside the folder
    assert "leads outside" in refused(lambda: load_source(here)).message


def test_an_oversized_text_is_refused_before_it_is_read(project_copy: Project) -> None:
    text = folder(project_copy) / "text.txt"
    with text.open("r+b") as handle:
        handle.truncate(8 * 1024 * 1024 + 1)  # sparse: nothing of it is ever read
    assert "more than the" in refused(lambda: load_source(folder(project_copy))).message


def test_a_text_that_is_not_utf8_names_its_line(project_copy: Project) -> None:
    text = folder(project_copy) / "text.txt"
    text.write_bytes(b"line one\nline two \xff\n")
    error = refused(lambda: load_source(folder(project_copy)))
    assert (error.path, error.line) == (text, 2) and "not UTF-8" in error.message


@pytest.mark.parametrize("name", ["facts.yaml", "source.yaml"])
def test_yaml_linked_from_outside_is_refused(project_copy: Project, name: str) -> None:
    here = folder(project_copy)
    outside = project_copy.root / name
    (here / name).rename(outside)
    (here / name).symlink_to(outside)
    error = refused(lambda: assemble(project_copy))
    assert (error.path, error.line) == (here / name, 1) and "leads outside" in error.message


def test_a_source_folder_linked_from_outside_is_refused(project_copy: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    folder(project_copy).rename(elsewhere)
    folder(project_copy).symlink_to(elsewhere)
    error = refused(lambda: assemble(project_copy))
    assert error.path == folder(project_copy) / "source.yaml" and "leads outside" in error.message


def test_a_reference_table_linked_from_outside_is_refused(project_copy: Project) -> None:
    table = project_copy.reference / "persons.csv"
    outside = project_copy.root / "persons.csv"
    table.rename(outside)
    table.symlink_to(outside)
    error = refused(lambda: Reference(project_copy.reference).load())
    assert (error.path, error.line) == (table, 1)


# -- 6. a source cannot hang or exhaust the build ----------------------------------------

CATASTROPHIC = [r"(a+)+$", r"(a|a)*$", r"(a|aa)+$", r"(\w+\s?)+$", r"(.*a){12}", r"(a*)*b", r"(x+x+)+y"]


def with_patterns(project: Project, patterns: list[str], text: str | None = None) -> Path:
    """Give the seed source these boilerplate patterns (and text); return source.yaml."""
    here = folder(project)
    path = here / "source.yaml"
    lines = path.read_text(encoding="utf-8").split("\nboilerplate:\n")[0]
    items = "".join(f"  - {quoted(p)}\n" for p in patterns)
    path.write_text(f"{lines}\nboilerplate:\n{items}", encoding="utf-8")
    if text is not None:
        (here / "text.txt").write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_backtracking_pattern_runs_in_linear_time(project_copy: Project, pattern: str) -> None:
    evil = ("a" * 33 + "!\n") * 2000 + ("x" * 5000 + "\n") * 20
    with_patterns(project_copy, [pattern], evil)
    assert bounded(lambda: load_source(folder(project_copy))) is None  # accepted, and it ended
    matched = load_source(folder(project_copy)).boilerplate
    assert len(matched) == (20 if pattern == r"(\w+\s?)+$" else 0)  # only it matches the x lines whole


def test_patterns_keep_their_meaning(project_copy: Project) -> None:
    text = "Baca berita dengan sedikit iklan, klik di sini\nA real sentence.\nIKLAN 42\n"
    with_patterns(project_copy, ["Baca berita dengan sedikit iklan, klik di ?sini", r"IKLAN \d+"], text)
    source = load_source(folder(project_copy))
    assert [text[a:b] for a, b in source.boilerplate] == [text.splitlines()[0], "IKLAN 42"]
    real = text.index("real")
    assert source.in_boilerplate(0, 4) and not source.in_boilerplate(real, real + 4)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", "backreference"),
        (r"(?P<x>a)(?P=x)", "backreference"),
        (r"(?=a)a", "lookahead"),
        (r"(?<=a)b", "lookbehind"),
        (r"(?!a)b", "negative lookahead"),
        (r"(a{1000}){1000}", "huge repetition"),
        (r"[", "syntax"),
        ("a" * 501, "too long"),
    ],
)
def test_patterns_that_cannot_run_in_linear_time_are_refused(
    project_copy: Project, pattern: str, reason: str
) -> None:
    path = with_patterns(project_copy, ["harmless", pattern])
    error = refused(lambda: load_source(folder(project_copy)))
    assert (error.path, error.line) == (path, line_of(path, "boilerplate:") + 2), reason


def test_too_many_patterns_are_refused(project_copy: Project) -> None:
    path = with_patterns(project_copy, [f"line {i}" for i in range(101)])
    error = refused(lambda: load_source(folder(project_copy)))
    assert error.line == line_of(path, "boilerplate:") + 101


def billion_laughs(levels: int = 9) -> str:
    """A few hundred bytes of nested aliases that expand to 10**levels values."""
    lines = ["facts:", '  - &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"  - &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("target", ["facts.yaml", "source.yaml", "reference"])
def test_billion_laughs_is_refused(project_copy: Project, target: str) -> None:
    path = project_copy.reference / "sources.yaml" if target == "reference" else folder(project_copy) / target
    path.write_text(billion_laughs(), encoding="utf-8")
    assert path.stat().st_size < 600
    error = refused(lambda: assemble(project_copy))
    assert error.path == path and error.line is not None and "aliases expanded" in error.message


@pytest.mark.parametrize(
    "document",
    ["a: &a [1, *a]\n", "a: &a {b: {c: *a}}\n", "facts:\n  - &f\n    id: x/y\n    again: *f\n"],
)
def test_an_alias_inside_its_own_anchor_is_refused(project_copy: Project, document: str) -> None:
    facts_path(project_copy).write_text(document, encoding="utf-8")
    error = refused(lambda: load_yaml(facts_path(project_copy)))
    assert error.line is not None and "inside its own anchor" in error.message


@pytest.mark.parametrize(
    "document",
    [
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "x: &x " + "[" * 20 + "]" * 20 + "\ny: " + "[" * 20 + "*x" + "]" * 20 + "\n",
    ],
    ids=["flow-lists", "flow-maps", "depth-through-an-alias"],
)
def test_deep_nesting_is_refused(project_copy: Project, document: str) -> None:
    facts_path(project_copy).write_text(document, encoding="utf-8")
    error = refused(lambda: load_yaml(facts_path(project_copy)))
    assert "levels deep" in error.message and error.line is not None


def test_an_oversized_yaml_is_refused_before_it_is_read(project_copy: Project) -> None:
    with facts_path(project_copy).open("r+b") as handle:
        handle.truncate(4 * 1024 * 1024 + 1)
    error = refused(lambda: load_yaml(facts_path(project_copy)))
    assert (error.path, error.line) == (facts_path(project_copy), 1)


def test_bounded_aliases_are_still_allowed(project_copy: Project) -> None:
    assert "&destination-evidence" in facts_path(project_copy).read_text(encoding="utf-8")
    _, report = assemble(project_copy)  # the seed shares one note and one quote list
    assert report.sources[SEED]["facts"] > 20


def test_a_yaml_bomb_leaves_earlier_outputs_intact(
    project_copy: Project, earlier: tuple[Path, dict[str, str]]
) -> None:
    facts_path(project_copy).write_text(billion_laughs(), encoding="utf-8")
    assert refused_build(project_copy, earlier).path == facts_path(project_copy)


# -- 7. one-line errors instead of crashes; identifiers have patterns ---------------------


@pytest.mark.parametrize("name", ['bad"name', "Upper-Case", "with space", "a<b>", "trailing-", "dot.ted"])
def test_a_source_folder_must_be_a_slug(project_copy: Project, name: str) -> None:
    renamed = project_copy.sources / name
    folder(project_copy).rename(renamed)
    source_yaml = renamed / "source.yaml"
    source_yaml.write_text(
        source_yaml.read_text(encoding="utf-8").replace(f"id: {SEED}", f"id: {name!r}"), encoding="utf-8"
    )
    error = refused(lambda: assemble(project_copy))
    assert (error.path, error.line) == (source_yaml, 1) and "slug" in error.message


def test_a_quoted_folder_name_is_refused_by_the_build(
    project_copy: Project, earlier: tuple[Path, dict[str, str]]
) -> None:
    folder(project_copy).rename(project_copy.sources / 'x"y')
    assert "slug" in refused_build(project_copy, earlier).message


def replace_cell(path: Path, row_start: str, column: str, value: str) -> int:
    """Set one cell of the row that starts with ``row_start``; return that row's line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    for number, line in enumerate(lines):
        if line.startswith(row_start):
            cells = next(csv.reader([line]))
            cells[header.index(column)] = value
            quoted = ",".join('"' + c.replace('"', '""') + '"' for c in cells)
            lines[number] = quoted + "\n"
            path.write_text("".join(lines), encoding="utf-8")
            return number + 1
    raise AssertionError(row_start)


BAD_CELLS = [
    ("countries.csv", "KHM,", "wikidata", "Q424`"),
    ("countries.csv", "KHM,", "wikidata", 'Q424" onmouseover="alert(1)'),
    ("countries.csv", "KHM,", "wikidata", "javascript:alert(1)"),
    ("countries.csv", "KHM,", "wikidata", "Q0424"),
    ("countries.csv", "KHM,", "iso3", "K<>"),
    ("countries.csv", "KHM,", "iso3", "KÄM"),
    ("countries.csv", "KHM,", "iso2", "kh"),
    ("countries.csv", "KHM,", "numeric", "11a"),
    ("countries.csv", "KHM,", "geonames", "1831722/../x"),
    ("countries.csv", "KHM,", "capital_lat", "1_1.5"),
    ("countries.csv", "KHM,", "capital_lon", "nan"),
    ("countries.csv", "KHM,", "code_source", "iso 3166"),
    ("persons.csv", "hun-manet,", "slug", "hun manet"),
    ("persons.csv", "hun-manet,", "source", 'x"y'),
    ("organisations.csv", "kemlu,", "slug", "kemlu/../x"),
    ("organisations.csv", "kemlu,", "parent", "<government>"),
    ("organisations.csv", "kemlu,", "country", "idn"),
    ("posts.csv", "IDN-president,", "organisation", "government IDN"),
    ("tenures.csv", "hun-manet,", "post", "KHM-prime-minister`"),
    ("tenures.csv", "hun-manet,", "start", "2023-08-22T00:00"),
    ("memberships.csv", "IDN,", "member", "Idn"),
    ("memberships.csv", "IDN,", "organisation", "asean#x"),
    ("places.csv", "melbourne,", "contained_in", "vic{}"),
    ("places.csv", "melbourne,", "geonames", "-2158177"),
    ("places.csv", "melbourne,", "lat", "-37,81"),
]


@pytest.mark.parametrize(("table", "row", "column", "value"), BAD_CELLS)
def test_every_identifier_column_has_a_pattern(
    project_copy: Project, table: str, row: str, column: str, value: str
) -> None:
    path = project_copy.reference / table
    line = replace_cell(path, row, column, value)
    error = refused(lambda: Reference(project_copy.reference).load())
    assert (error.path, error.line) == (path, line)
    assert column in error.message or value.strip() in error.message


def test_a_crafted_wikidata_cell_is_refused_by_the_build(
    project_copy: Project, earlier: tuple[Path, dict[str, str]]
) -> None:
    path = project_copy.reference / "countries.csv"
    line = replace_cell(path, "KHM,", "wikidata", "Q424`")
    error = refused_build(project_copy, earlier)
    assert (error.path, error.line) == (path, line) and "Wikidata" in error.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  iso3166:\n", '  "iso 3166":\n', "slug"),
        ("url: https://www.geonames.org/", "url: javascript:alert(1)", "http(s) URL"),
        ("url: https://www.geonames.org/", 'url: "https://x.org/\\"><script>"', "http(s) URL"),
    ],
)
def test_reference_sources_keys_and_urls(project_copy: Project, old: str, new: str, expected: str) -> None:
    path = project_copy.reference / "sources.yaml"
    line = line_of(path, old.strip())
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    error = refused(lambda: Reference(project_copy.reference).load())
    assert (error.path, error.line) == (path, line) and expected in error.message


HEADER = b"slug,name,alternate_names,source,wikidata,wikidata_source\n"


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        (HEADER + b"hun-manet,Hun \xff Manet,,curators,,\n", 2, "not UTF-8"),
        (HEADER + b'hun-manet,"' + b"x" * 200_000 + b'",,curators,,\n', 2, "CSV"),
        (b"slug,name,name,alternate_names,source,wikidata,wikidata_source\n", 1, "named twice"),
        (b"", 1, "empty"),
        (HEADER + b"hun-manet,Hun Manet,curators\n", 2, "number of fields"),
    ],
    ids=["not-utf8", "huge-field", "doubled-column", "empty", "short-row"],
)
def test_malformed_tables_are_one_line_errors(
    project_copy: Project, content: bytes, line: int, expected: str
) -> None:
    path = project_copy.reference / "persons.csv"
    path.write_bytes(content)
    error = refused(lambda: Reference(project_copy.reference).load())
    assert (error.path, error.line) == (path, line) and expected in error.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: flow/idn-phl-online-scam-kemlu", 'id: "flow/idn-phl-online-scam-kemlu\\n"'),
        ("id: flow/idn-phl-online-scam-kemlu", "id: flow/../../ontology"),
        ("origin: country/IDN", 'origin: "country/IDN>"'),
        ("origin: country/IDN", "origin: country/IDN/.."),
        ('period: "2021"', 'period: "٢٠٢١"'),
    ],
    ids=["newline-in-id", "dot-segments", "angle-bracket", "dot-segment-ref", "non-ascii-digits"],
)
def test_fact_ids_references_and_dates_are_matched_whole(project_copy: Project, old: str, new: str) -> None:
    path = facts_path(project_copy)
    text = path.read_text(encoding="utf-8")
    if old not in text:
        pytest.skip(f"the seed no longer has {old!r}")
    line = line_of(path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    error = refused(lambda: assemble(project_copy))
    assert (error.path, error.line) == (path, line)


def test_a_source_url_must_be_http(project_copy: Project) -> None:
    path = folder(project_copy) / "source.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "url: javascript:alert(document.domain)\n", encoding="utf-8"
    )
    error = refused(lambda: assemble(project_copy))
    assert (error.path, error.line) == (path, line_of(path, "url: ")) and "http(s)" in error.message


# -- through the command line -------------------------------------------------------------


@pytest.mark.slow
def test_the_cli_refuses_with_exit_3_and_one_line(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "kg.cli", "build", "--out", str(out)]
    command += ["--project", str(project_copy.root)]
    first = subprocess.run(command, capture_output=True, text=True, check=False, timeout=GUARD)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    secret(project_copy)
    path, line = set_text(project_copy, "../../../secret.txt")
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=GUARD)
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert re.fullmatch(rf"error: {re.escape(str(path))}:{line}: .+\n", done.stderr), done.stderr
    assert snapshot(out) == before
    assert not any(b"SECRET-7f3a" in p.read_bytes() for p in out.rglob("*") if p.is_file())
