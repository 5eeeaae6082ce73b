"""Scoring a graph against an answer key (documents, citations, measures, units)."""
