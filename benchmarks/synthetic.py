"""Synthetic data of the real shape, for benchmarks only.

- ``networks(n, per_node)``: explorer networks of n states and n * per_node claims;
- ``python benchmarks/synthetic.py --triples 1000000 --out out-1m``: a build folder whose
  GLOTIP graph is replaced by synthetic rows run through the real GLOTIP reader (same
  observations, counts and flows, same IRIs and graph), scaled to about that many triples.
  The curated graphs are built as usual, so every query of the library runs on it.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import totals  # noqa: E402
from kg.build.folder import BuildFolder  # noqa: E402
from kg.build.pipeline import build  # noqa: E402
from kg.build.store import write_store  # noqa: E402
from kg.explore.network import Networks  # noqa: E402
from kg.imports.glotip import GlotipReader, Names  # noqa: E402
from kg.read.project import Project  # noqa: E402

FORMS = ["OnlineScamWork", "SexualExploitation", "ForcedLabour", "ForcedCriminality", None]
KINDS = ["person", "office", "country", "organisation", "summit", "meeting", "agreement", "source"]
TRIPLES_PER_ROW = 21  # what the real export averages: 1,361,409 quads for 65,398 rows


def networks(n: int, per_node: int = 4, seed: int = 7) -> Networks:
    """Explorer networks of the real shape: states with coordinates; flow claims with counts, forms
    and years, most of them official figures (a spreadsheet row each, like UNODC's) and one in
    forty a news claim, as in the real graph."""
    rng = random.Random(seed)
    flows = nx.MultiDiGraph()
    for i in range(n):
        flows.add_node(
            f"country/S{i:05d}",
            kind="country",
            code=f"S{i:05d}",
            label_en=f"State {i}",
            label_id=f"Negara {i}",
            lat=rng.uniform(-60, 70),
            lon=rng.uniform(-180, 180),
        )
    nodes = list(flows.nodes)
    for j in range(n * per_node):
        u, v = rng.sample(nodes, 2)
        low = rng.choice([None, rng.randint(1, 5000)])
        year = 2003 + j % 21
        news = j % 40 == 0
        row = (
            {"row": None}
            if news
            else {
                "row": j + 4,
                "row_indicator": "Detected trafficking victims",
                "row_dimension": "by citizenship",
                "row_category": flows.nodes[u]["label_en"],
            }
        )
        flows.add_edge(
            u,
            v,
            key=f"flow/c{j}",
            claim=f"flow/c{j}",
            label_en=f"claim {j}",
            label_id=f"klaim {j}",
            form=rng.choice(FORMS),
            minimum=low,
            maximum=None,
            qualifier=None if low is None else rng.choice(["Exactly", "AtLeast"]),
            stated_as=None,
            period=str(year),
            as_of=None,
            year=year,
            document="source/synthetic" if news else "source/official",
            measure=rng.choice(["detected", "repatriated"]),
            **row,
        )
    entities = nx.MultiDiGraph()
    for i in range(n):
        entities.add_node(
            f"e/{i}",
            kind=KINDS[i % len(KINDS)],
            label_en=f"Entity {i}",
            label_id=f"Entitas {i}",
            date=None,
            year=None,
            sources=[],
        )
    enodes = list(entities.nodes)
    for _ in range(n * per_node):
        u, v = rng.sample(enodes, 2)
        entities.add_edge(u, v, relation="participant", since=None, until=None)
    return Networks(flows, entities, {}, {"source/synthetic": "Synthetic", "source/official": "Official"})


def rows(count: int, seed: int = 11) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Rows like the export's: indicators, dimensions, breakdowns, years and values."""
    rng = random.Random(seed)
    with (ROOT / "data" / "reference" / "countries.csv").open(encoding="utf-8") as handle:
        countries = [
            (r["iso3"], r["name_en"]) for r in csv.DictReader(handle) if r["code_source"] == "iso3166"
        ]
    dims = (
        ["Total"] * 5
        + ["by form of exploitation"] * 3
        + ["by citizenship"] * 2
        + ["by country of repatriation"]
    )
    forms = ["Sexual exploitation", "Forced labour", "Other forms of exploitation"]
    for number in range(4, 4 + count):
        iso3, _ = rng.choice(countries)
        dimension = rng.choice(dims)
        if dimension in ("by citizenship", "by country of repatriation"):
            category = rng.choice(
                [*(name for _, name in countries[:200]), "Own country nationals", "Unknown"]
            )
        elif dimension == "by form of exploitation":
            category = rng.choice(forms)
        else:
            category = "Total"
        value = rng.choice(["<5", str(rng.randint(0, 99)), f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}"])
        yield (
            number,
            (
                iso3,
                "",
                "",
                "",
                "Detected trafficking victims",
                dimension,
                category,
                rng.choice(["Total", "Female", "Male"]),
                rng.choice(["Total", "0 to 17 years", "18 years or over"]),
                rng.randint(2003, 2023),
                "Counts",
                value,
                "GLOTIP",
            ),
        )


class SyntheticReader(GlotipReader):
    """The real reader, fed synthetic rows."""

    def __init__(self, names: Names, count: int) -> None:
        super().__init__(ROOT / "data" / "glotip" / "glotip_unodc.xlsx", names, "synthetic")
        self.count = count

    def rows(self) -> Iterator[tuple[int, tuple[object, ...]]]:
        return rows(self.count)


def make(out: Path, triples: int) -> int:
    """Build the project into ``out`` with a synthetic GLOTIP graph of about ``triples`` triples."""
    project = Project(ROOT)
    if out.exists():
        shutil.rmtree(out)
    build(project, out)
    names = Names(project.reference / "countries.csv", ROOT / "data" / "glotip" / "categories.csv")
    reader = SyntheticReader(names, max(1, triples // TRIPLES_PER_ROW))
    folder = BuildFolder(out)
    folder.imports.mkdir()
    nquads = folder.imported("glotip")
    ox.serialize(reader.quads(), output=str(nquads), format=ox.RdfFormat.N_QUADS)
    curated = list(ox.parse(path=str(folder.trig), format=ox.RdfFormat.TRIG))
    shutil.rmtree(folder.store)
    store = write_store(folder.store, curated, [nquads], compact=False)
    totals.write(totals.refresh(store), folder.totals)  # as an import does
    store.optimize()
    return len(store)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a build folder with a synthetic GLOTIP graph.")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    quads = make(args.out, args.triples)
    print(f"wrote {args.out}: {quads} quads in the store (named graphs and their merge)")


if __name__ == "__main__":
    main()
