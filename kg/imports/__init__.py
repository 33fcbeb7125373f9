"""Importing official datasets (UNODC's GLOTIP) into a built graph, each in its own named graph."""
