"""Readers, one module per kind of file, chosen by the table in `ingest.sources.auto`."""
