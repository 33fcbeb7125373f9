"""tppo-kg: a knowledge graph of trafficking in persons and its diplomacy in Southeast Asia."""

__version__ = "0.1.0"
