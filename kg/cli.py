"""Entry point of the `kg` command: imports every command module so each registers itself."""

from kg.cliapp import app
from kg.commands import (
    agencies_cmd,  # noqa: F401
    export_cmd,  # noqa: F401
    ingest_cmd,  # noqa: F401
    neo4j_cmd,  # noqa: F401
)

__all__ = ["app"]
