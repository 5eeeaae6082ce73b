"""CLI commands, one module per area; each registers on kg.cliapp.app."""
