"""The corpus: every source ingested so far with its records, its documents' parts of the graph and its
measures' sketches, so files ingested on different days build the graph one ingest of all of them would
build, and an ingest builds only what is new."""
