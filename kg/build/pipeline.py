"""``tppo-kg build``: sources -> RDF -> validation -> outputs and the embedded store."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg import __version__
from kg.build import totals
from kg.build.folder import BuildFolder
from kg.build.output import jsonld_bytes, sort_quads, sort_triples, staged, trig_bytes, turtle_bytes
from kg.build.store import graph_quads, update_store, write_store
from kg.build.validate import (
    Problem,
    load_shapes,
    missing_references,
    not_valid,
    run_violations,
    shacl,
    violation_queries,
)
from kg.iris import country_code, figure_iri
from kg.namespaces import BUILD_AGENT, GRAPH, ORG, OWL, PROV, RDF, RDFS, SDO, TPPO, XSD
from kg.read.dates import PRECISE_TYPES, bounds
from kg.read.facts import check_references, read_facts
from kg.read.project import Project
from kg.read.reference import Reference
from kg.read.sources import count_cited, discover, load_source
from kg.read.turtle import parse_turtle


@dataclass
class BuildReport:
    """What a build produced: triples per graph, facts, sources, validation."""

    graphs: dict[str, int] = field(default_factory=dict)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    background: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def triples(self) -> int:
        """Triples over all graphs."""
        return sum(self.graphs.values())

    def to_json(self) -> str:
        """The report as deterministic JSON."""
        doc = {
            "tool": f"tppo-kg {__version__}",
            "graphs": dict(sorted(self.graphs.items())),
            "triples": self.triples,
            "sources": dict(sorted(self.sources.items())),
            "background": self.background,
            "validation": {"conforms": not self.problems, "problems": [str(p) for p in self.problems]},
        }
        return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [f"{self.triples} triples in {len(self.graphs)} graphs"]
        lines += [f"  {name}: {n}" for name, n in sorted(self.graphs.items())]
        for slug, counts in sorted(self.sources.items()):
            lines.append(
                f"  source {slug}: {counts['facts']} facts, {counts['sentences_cited']} of "
                f"{counts['sentences']} sentences cited"
            )
        if self.background:
            lines.append("  background: " + ", ".join(f"{n} {what}" for what, n in self.background.items()))
        lines.append(
            "validation: conforms" if not self.problems else f"validation: {len(self.problems)} problem(s)"
        )
        return "\n".join(lines)


def load_ontology(paths: Iterable[Path]) -> Graph:
    """The ontology graph, read from its files; a syntax error names the file and line."""
    graph = Graph()
    for path in paths:
        parse_turtle(path, "the ontology", graph)
    return graph


def _derive(sources: list[Graph], reference: Graph | None = None) -> Graph:
    """What the build derives from the sources' graphs: the earliest and latest day of every
    dated event (to compare across precisions; the reference tables' summits too), the figure
    of each count claim, and who said each claim (``tppo:statedBy``)."""
    derived = Graph()
    if reference is not None:
        for event in sorted(set(reference.subjects(SDO.startDate, None)), key=str):
            _add_bounds(derived, reference, event)
    for graph in sources:
        for event in sorted(set(graph.subjects(SDO.startDate, None)), key=str):
            _add_bounds(derived, graph, event)
        _add_figures(derived, graph)
        _add_speakers(derived, graph)
    name = GRAPH.derived
    derived.add((name, RDF.type, PROV.Entity))
    derived.add((name, RDFS.label, Literal("Facts derived by the build", lang="en")))
    derived.add((name, PROV.wasAttributedTo, BUILD_AGENT))
    derived.add((name, TPPO.extractionMethod, TPPO.Derived))
    derived.add((BUILD_AGENT, RDF.type, PROV.SoftwareAgent))
    derived.add((BUILD_AGENT, RDFS.label, Literal("tppo-kg build", lang="en")))
    return derived


SPEAKER_PROPERTIES = (SDO.author, TPPO.reportedBy, TPPO.recordedBy)


def _add_speakers(derived: Graph, graph: Graph) -> None:
    """``tppo:statedBy``: one property for who said a statement, a quotation, a figure or a trend
    (the ontology declares the three source properties its sub-properties)."""
    for prop in SPEAKER_PROPERTIES:
        for claim, speaker in graph.subject_objects(prop):
            derived.add((claim, TPPO.statedBy, speaker))


def _add_figures(derived: Graph, graph: Graph) -> None:
    """Tie every flow and repatriation claim to its figure (corridor, period, measure)."""
    claims = [(c, TPPO.origin, TPPO.destination) for c in graph.subjects(RDF.type, TPPO.VictimFlow)]
    claims += [
        (c, TPPO.victimCitizenship, TPPO.repatriatedFrom) for c in graph.subjects(RDF.type, TPPO.Repatriation)
    ]
    for claim, o_prop, d_prop in sorted(claims, key=lambda c: str(c[0])):
        evidence = sorted(str(e) for e in graph.objects(claim, PROV.wasDerivedFrom))
        if evidence:  # the first quoted sentence: claims drawn from one sentence are one assertion
            derived.add((claim, TPPO.assertion, URIRef(evidence[0])))
        origin = country_code(graph.value(claim, o_prop))
        destination = country_code(graph.value(claim, d_prop))
        if origin is None or destination is None:
            continue
        period, as_of = graph.value(claim, TPPO.refPeriod), graph.value(claim, TPPO.asOf)
        measure = graph.value(claim, TPPO.measure)
        if (claim, RDF.type, TPPO.Repatriation) in graph:
            measure = TPPO.VictimsRepatriated
        figure = URIRef(
            figure_iri(
                origin,
                destination,
                str(period) if period is not None else None,
                str(as_of) if as_of is not None else None,
                str(measure) if measure is not None else None,
            )
        )
        derived.add((claim, TPPO.figure, figure))
        derived.add((figure, RDF.type, TPPO.Figure))

        if measure is not None:
            derived.add((figure, TPPO.measure, measure))
        if period is not None:
            derived.add((figure, TPPO.refPeriod, period))
        elif as_of is not None:
            derived.add((figure, TPPO.asOf, as_of))


def _add_bounds(derived: Graph, graph: Graph, event: Node) -> None:
    """The first and last day an event's dates can denote; malformed dates are SHACL's to report."""
    start = graph.value(event, SDO.startDate)
    end = graph.value(event, SDO.endDate) or start
    if not isinstance(start, Literal) or start.datatype not in PRECISE_TYPES:
        return
    if not isinstance(end, Literal) or end.datatype not in PRECISE_TYPES:
        return
    derived.add((event, TPPO.earliestDate, Literal(bounds(start)[0].isoformat(), datatype=XSD.date)))
    derived.add((event, TPPO.latestDate, Literal(bounds(end)[1].isoformat(), datatype=XSD.date)))


def assemble(project: Project, reviewed_only: bool = False) -> tuple[dict[URIRef, Graph], BuildReport]:
    """Read every input into named graphs (name -> graph); raise on malformed input. With
    ``reviewed_only``, facts proposed by a program that no person has reviewed are left out."""
    report = BuildReport()
    ontology = load_ontology(project.ontology_files)
    reference = Reference(project.reference).load()
    report.background = background_counts(reference)
    parts = [read_facts(load_source(folder), reviewed_only) for folder in discover(project.sources)]
    graphs: dict[URIRef, Graph] = {GRAPH.ontology: ontology, GRAPH.reference: reference}
    for part in parts:
        graphs[GRAPH[f"source/{part.source.slug}"]] = part.graph
        sentences = part.source.sentences()
        cited = count_cited(sentences, part.cited)
        report.sources[part.source.slug] = {
            "facts": part.facts,
            "sentences": len(sentences),
            "sentences_cited": cited,
        }
    defined = {s for g in graphs.values() for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}
    check_references(parts, defined)
    graphs[GRAPH.derived] = _derive([part.graph for part in parts], reference)
    for name, g in graphs.items():
        report.graphs[str(name).replace(str(GRAPH), "")] = len(g)
    return graphs, report


AGREEMENT_CLASSES = (
    TPPO.Convention,
    TPPO.Protocol,
    TPPO.Declaration,
    TPPO.PlanOfAction,
    TPPO.MemorandumOfUnderstanding,
    TPPO.Agreement,
)


def background_counts(reference: Graph) -> dict[str, int]:
    """How much diplomacy the reference tables hold (the build report's ``background``)."""
    g = reference

    def typed(cls: URIRef) -> set[Node]:
        return set(g.subjects(RDF.type, cls))

    tenures = {t for t in typed(ORG.Membership) if (t, TPPO.post, None) in g}
    actions = typed(TPPO.TreatyAction)
    binding = {TPPO.Ratification, TPPO.Accession}
    return {
        "persons with terms": len({g.value(t, ORG.member) for t in tenures}),
        "tenures": len(tenures),
        "summits": len(typed(TPPO.Summit)),
        "ministerial meetings": len(typed(TPPO.MinisterialMeeting)),
        "agreements": len(set().union(*(typed(c) for c in AGREEMENT_CLASSES))),
        "treaty actions": len(actions),
        "ratifications and accessions": sum(1 for a in actions if g.value(a, TPPO.actionKind) in binding),
        "tier placements": len(typed(TPPO.TierPlacement)),
        "items with a Wikidata id": len(set(g.subjects(OWL.sameAs, None))),
        "alternative claims": len(typed(TPPO.AlternativeClaim)),
    }


def union_of(graphs: dict[URIRef, Graph]) -> Graph:
    """All triples of all graphs in one graph (what SHACL validates)."""
    union = Graph()
    for g in graphs.values():
        union.addN((s, p, o, union) for s, p, o in g)
    return union


def _import_references(out: BuildFolder, store: ox.Store, curated: list[str]) -> list[Problem]:
    """Each earlier import still finds what it links to in the curated graphs.

    The violation queries of a build see only the curated graphs (an import was checked
    whole when it came in, and it does not change); what could break it is a curated
    change, such as a country gone from the reference table. Each import lists the IRIs
    it links to but does not define (``imports/NAME.references``); they must keep a type.
    """
    problems = []
    for nquads in out.existing_imports():
        listed = BuildFolder.references(nquads)
        if not listed.is_file():
            continue
        references = listed.read_text(encoding="utf-8").split()
        for iri in missing_references(store, references, curated):
            problems.append(
                Problem(
                    "import-reference",
                    iri,
                    f"{nquads.name} links to it, but the curated graphs no longer define it",
                )
            )
    return problems


def _store(out: BuildFolder, folder: Path, quads: list[ox.Quad]) -> ox.Store:
    """The new store: updated in place of a copy when ``out`` holds imports, else written afresh."""
    imports = out.existing_imports()
    if imports and out.store.is_dir() and out.trig.is_file():
        old = list(ox.parse(path=str(out.trig), format=ox.RdfFormat.TRIG))
        previous = ox.Store.read_only(str(out.store))
        curated = {q.graph_name for q in old} | {q.graph_name for q in quads}
        imported = [g for g in previous.named_graphs() if g not in curated and isinstance(g, ox.NamedNode)]
        del previous
        return update_store(folder, out.store, old, quads, imported)
    return write_store(folder, quads, imports)


def build(project: Project, out: Path, reviewed_only: bool = False) -> BuildReport:
    """Build, validate and write everything to ``out``; nothing in ``out`` changes on failure.
    With ``reviewed_only``, unreviewed machine proposals stay out of the graph."""
    graphs, report = assemble(project, reviewed_only)
    shapes = load_shapes(project.shapes)
    done = BuildFolder(out)
    with staged(out) as staging:
        written = BuildFolder(staging)
        quads = sort_quads(graph_quads(graphs))
        store = _store(done, written.store, quads)
        summed = totals.refresh(store)
        report.graphs[str(totals.GRAPH_NAME.value).replace(str(GRAPH), "")] = len(summed)
        problems = shacl(union_of(graphs), shapes)
        curated = [str(g) for g in graphs]
        problems += run_violations(store, violation_queries(project.queries), curated)
        problems += _import_references(done, store, curated)
        del store  # close before the folder moves
        report.problems = problems
        if problems:
            raise not_valid(problems)
        written.trig.write_bytes(trig_bytes(quads))
        totals.write(summed, written.totals)
        written.ttl.write_bytes(turtle_bytes(sort_triples(quads)))
        written.jsonld.write_bytes(jsonld_bytes(quads))
        written.report.write_bytes(report.to_json().encode("utf-8"))
    return report
