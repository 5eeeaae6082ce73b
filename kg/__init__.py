"""policy-kg: graph model, resolution, Neo4j, export, trace and the CLI."""

__version__ = "0.1.0"
