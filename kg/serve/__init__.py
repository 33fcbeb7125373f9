"""``tppo-kg serve``: the read-only SPARQL endpoint, its pages, and its pool of engine processes."""
