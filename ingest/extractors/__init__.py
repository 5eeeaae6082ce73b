"""Extractors: pure functions from one document's text to its records (header, citations, measures …)."""
