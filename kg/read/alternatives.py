"""Where pages disagree: the values the graph does not prefer, kept as sourced claims.

``data/reference/alternatives.csv`` holds, for a value a reference table already states
(the start of a summit, the date of a ratification, the end of a term), another value
that another page gives: which node and which of its values, the other value at the
precision the page gives, the page, and why the graph prefers the table's value. Each
row becomes a ``tppo:AlternativeClaim``, an ``rdf:Statement`` about the preferred triple
(``rdf:subject``, ``rdf:predicate``, ``rdf:object`` the other value) that is not itself
asserted: queries that ask "when" get the preferred value; the ``alternative-claims``
question lists both with their sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from kg.errors import DataError
from kg.iris import thing
from kg.namespaces import RDF, RDFS, SDO, TPPO
from kg.read.dates import INSTANT_POSITION, date_at
from kg.read.refcolumns import ALTERNATIVE_COLUMNS
from kg.read.tables import Table

if TYPE_CHECKING:
    from kg.read.reference import Reference

FILE = "alternatives.csv"
# Which triple a column names: on the node itself, or on its term's start or end instant.
COLUMNS: dict[str, tuple[tuple[str, URIRef], ...]] = {
    "start": (("", SDO.startDate), *(("/start", p) for p in INSTANT_POSITION.values())),
    "end": (("", SDO.endDate), *(("/end", p) for p in INSTANT_POSITION.values())),
    "made": (("", SDO.legislationDate),),
    "in_force": (("", TPPO.enteredIntoForce),),
    "date": (("", TPPO.actionDate),),
}


def load_alternatives(ref: Reference) -> None:
    """Add each row of ``alternatives.csv`` (if the folder has one) as an alternative claim."""
    path = ref.folder / FILE
    if not path.is_file():
        return
    g = ref.graph
    for line, row in Table(path, ALTERNATIVE_COLUMNS).rows():
        column = row["column"]
        if column not in COLUMNS:
            raise DataError(f"column {column!r} is not one of {', '.join(COLUMNS)}", path, line)
        subject = thing(row["subject"])
        if (subject, None, None) not in g:
            raise DataError(f"unknown subject {row['subject']!r} (no row of the tables makes it)", path, line)
        candidates = ((URIRef(f"{subject}{suffix}"), prop) for suffix, prop in COLUMNS[column])
        found = next(((node, prop) for node, prop in candidates if (node, prop, None) in g), None)
        if found is None:
            raise DataError(f"{row['subject']} has no {column} in the tables to differ from", path, line)
        node, prop = found
        value = date_at(row["value"], path, line)
        preferred = g.value(node, prop)
        if preferred == value:
            raise DataError(f"{column} {row['value']} is the tables' own value, not another one", path, line)
        if not row["note"].strip():
            raise DataError("note is empty: say why the graph prefers the tables' value", path, line)
        claim = thing(f"alternative/{row['subject']}/{column}/{row['source']}")
        if (claim, None, None) in g:
            raise DataError(f"{row['source']} already gives another {column} of {row['subject']}", path, line)
        g.add((claim, RDF.type, TPPO.AlternativeClaim))
        g.add((claim, RDF.subject, node))
        g.add((claim, RDF.predicate, prop))
        g.add((claim, RDF.object, value))
        label = f"{row['subject']}: {column} {row['value']} (another page; the graph prefers {preferred})"
        g.add((claim, RDFS.label, Literal(label, lang="en")))
        g.add((claim, TPPO.curatorNote, Literal(row["note"], lang="en")))
        ref._cite(claim, row["source"], path, line)
