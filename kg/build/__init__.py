"""The build: sources -> named graphs -> validation -> deterministic outputs and the embedded store."""
