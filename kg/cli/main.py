"""Entry point of the `kg` command: imports every command module so each registers itself.

Command modules import only the CLI and typer at module level; what a command needs (the pipeline,
networkx, the Neo4j driver, spaCy …) it imports when it runs, so `kg --help` starts at once."""

# isort: off
# The order of registration is the order `kg --help` lists the commands: graph.json's, then Neo4j's.
from kg.cli import ingest, corpus, agencies, export, database, build  # noqa: F401
# isort: on

from kg.cli.app import app

__all__ = ["app"]

if __name__ == "__main__":
    app()
