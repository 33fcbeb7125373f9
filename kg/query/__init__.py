"""Asking the built graph: the query library, parameter binding, local and remote engines, answers."""
