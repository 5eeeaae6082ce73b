"""Analyses that read the built graph: dependency tracing, statistics, agency summaries."""
