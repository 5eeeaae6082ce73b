"""Entry point of the `kg` command: imports every command module so each registers itself."""

from kg.cli import agencies, database, export, ingest  # noqa: F401
from kg.cli.app import app

__all__ = ["app"]
