"""Reading the project's inputs: YAML and CSV with file and line, sources, facts, reference tables."""
