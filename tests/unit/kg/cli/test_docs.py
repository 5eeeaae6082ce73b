"""Every command of `kg` is documented in docs/cli.md."""

import click
import typer

from kg.cli.main import app
from tests.support.paths import DOCS

CLI_DOC = DOCS / "cli.md"


def command_names(group: click.Group, prefix: str = "kg") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, click.Group):
            names += command_names(command, full)
    return names


def test_every_command_is_in_the_docs():
    text = CLI_DOC.read_text(encoding="utf-8")
    names = command_names(typer.main.get_command(app))
    assert "kg ingest" in names
    missing = [name for name in names if name not in text]
    assert missing == []


def test_every_command_has_an_example_in_its_help():
    root = typer.main.get_command(app)
    for name in command_names(root):
        command = root
        for part in name.split()[1:]:
            command = command.commands[part]
        if isinstance(command, click.Group):
            continue
        assert "Example" in (command.help or ""), name
