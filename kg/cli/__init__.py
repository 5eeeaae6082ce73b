"""The `kg` command line: the typer app, shared options, and one module per command family."""
