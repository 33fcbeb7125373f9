"""``tppo-kg ingest``: files in, source folders (or one JSON proposal per file) out.

Every file is read and checked before anything is written, so a bad file among many
leaves ``data/`` as it was.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataError
from kg.ingest.article import Analysis, analyse, to_json
from kg.ingest.draft import Fact, draft_facts, slugify
from kg.ingest.links import link, other_facts
from kg.ingest.reading import Document, read_document
from kg.ingest.store import FACTS_HEADER, PROPOSED_FILE, dump, make_slug, merge, write_source
from kg.read.identifiers import URL
from kg.read.project import Project

_DATELINE = re.compile(r"^\s*(?:[A-Z][\w.]*,\s*)?([A-Z][a-zA-Z ]{2,30})\s+[-\u2013\u2014]\s", re.M)
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass
class Options:
    """What the command line says about the files (None: take it from the file, or unknown)."""

    lang: str = "auto"
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class Ingested:
    """One file read: its slug, its analysis, its draft and the files it would write."""

    document: Document
    slug: str
    analysis: Analysis
    facts: list[Fact]
    files: dict[str, str]

    def proposal(self) -> dict[str, Any]:
        """The JSON proposal of this file."""
        out = to_json(self.analysis, self.facts)
        return {"slug": self.slug, "file": self.document.path.name, **out}


def _publishers(project: Project) -> set[str]:
    with (project.reference / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        return {f"org/{row['slug']}" for row in csv.DictReader(handle)}


def _note(
    doc: Document, opts: Options, published: str | None, url: str | None, title: str | None
) -> dict[str, str]:
    known = [
        f"title ({title})" if title else None,
        f"publication date {published}" if published else None,
        f"URL {url}" if url else None,
        f"author ({doc.author})" if doc.author else None,
    ]
    unknown = [
        n
        for n, v in (("title", title), ("publication date", published), ("URL", url), ("author", doc.author))
        if not v
    ]
    how = (
        "a saved web page, main text extracted by trafilatura" if doc.kind == "html" else "a plain-text file"
    )
    said = ", ".join(k for k in known if k) or "nothing beyond the text"
    en = f"Read by tppo-kg ingest from {how}. Known: {said}."
    id_ = (
        f"Dibaca oleh tppo-kg ingest dari {'halaman web tersimpan' if doc.kind == 'html' else 'berkas teks'}."
    )
    if unknown:
        en += f" Unknown, not missing by mistake: {', '.join(unknown)}."
        id_ += (
            " Tidak diketahui: "
            + ", ".join(
                {"title": "judul", "publication date": "tanggal terbit", "URL": "URL", "author": "penulis"}[u]
                for u in unknown
            )
            + "."
        )
    return {"en": en, "id": id_}


def prepare(project: Project, path: Path, opts: Options) -> Ingested:
    """Read one file and draft its source folder, writing nothing."""
    doc = read_document(path)
    published = opts.published or doc.published
    if published is not None and not _DATE.fullmatch(published):
        raise DataError(f"--published {published!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path)
    url = opts.url or doc.url
    if url is not None:
        URL.check(url, path, 1, "--url")
    analysis = analyse(doc.text, project.reference, opts.lang, published)
    if not analysis.sentences:
        raise DataError("the text has no sentence to read (only page furniture, numbers or symbols)", path)
    title = opts.title or doc.title
    slug = make_slug(doc.text, title, analysis.sentences[0].text)
    publisher = opts.publisher or next(
        (o["ref"] for o in analysis.records["organisations"] if o["ref"] == "org/tempo"), None
    )
    if publisher is None:
        raise DataError(
            "the publisher is unknown: give --publisher org/SLUG (a row of organisations.csv)", path
        )
    if publisher not in _publishers(project):
        raise DataError(f"--publisher {publisher}: no such row in data/reference/organisations.csv", path)
    folder = project.sources / slug
    drafted = link(draft_facts(analysis.records), other_facts(project.sources, slug), slug[-6:])
    facts = merge(drafted, folder)
    name = title or " ".join(analysis.sentences[0].text.split()[:10])
    meta: dict[str, Any] = {
        "id": slug,
        "type": "NewsArticle",
        "label": {"en": f"{name} (read by tppo-kg ingest)", "id": f"{name} (dibaca tppo-kg ingest)"},
        "text": "text.txt",
        "language": analysis.lang,
        "publisher": publisher,
    }
    dateline = _DATELINE.search(doc.text[:400])
    if dateline:
        meta["dateline"] = dateline.group(1).strip()
    for key, value in (("title", title), ("published", published), ("url", url)):
        if value:
            meta[key] = value
    meta["publication_note"] = _note(doc, opts, published, url, title)
    meta["curator"] = "org/tppo-kg-curators"
    if analysis.furniture.patterns:
        meta["boilerplate"] = list(analysis.furniture.patterns)
    files = {
        "text.txt": doc.text,
        "facts.yaml": FACTS_HEADER + dump({"facts": facts}),
        PROPOSED_FILE: dump(_proposed(analysis)),
    }
    if not (folder / "source.yaml").is_file():  # a person may have edited it: keep theirs
        files["source.yaml"] = "# Written by tppo-kg ingest; edit freely, re-ingesting keeps it.\n" + dump(
            meta
        )
    return Ingested(doc, slug, analysis, facts, files)


def _proposed(analysis: Analysis) -> dict[str, Any]:
    """Persons and organisations the reference tables lack, as rows for a person to add."""
    r = analysis.records
    persons = []
    for p in r["persons"]:
        if p["ref"] is None:
            row = {
                "slug": slugify(p["name"]),
                "name": p["name"],
                "office": p["office"],
                "country": p["country"],
            }
            similar = [
                q["ref"] for q in r["persons"] if q["ref"] and set(q["name"].split()) & set(p["name"].split())
            ]
            if similar:
                row["possibly_same_as"] = similar
            persons.append(row)
    orgs = [{"slug": slugify(o["name"]), "name": o["name"]} for o in r["organisations"] if o["ref"] is None]
    return {"persons": persons, "organisations": orgs}


def ingest(
    project: Project, paths: list[Path], opts: Options, dry_run: bool = False, progress: bool = False
) -> list[Ingested]:
    """Read every file, then (unless ``dry_run``) write every source folder."""
    from tqdm import tqdm

    done = [prepare(project, p, opts) for p in tqdm(paths, desc="reading", unit="file", disable=not progress)]
    if not dry_run:
        for item in done:
            write_source(project.sources, item.slug, item.files)
    return done
