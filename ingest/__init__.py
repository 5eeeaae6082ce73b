"""Readers and extractors: from a compilation's pages to records. Pure functions, no I/O beyond reading sources."""
