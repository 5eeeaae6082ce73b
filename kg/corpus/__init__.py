"""The corpus: every source ingested so far and its records, so files ingested on different days build the
graph one ingest of all of them would build."""
