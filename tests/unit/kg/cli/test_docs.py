"""Every command of `kg` is documented in docs/cli.md, whose reference section is each command's `--help`."""

import subprocess
import sys

import typer
from typer.core import TyperGroup

from kg.cli.main import app
from kg.neo4j.loader import DEFAULT_BATCH
from tests.support.paths import DOCS, ROOT

CLI_DOC = DOCS / "cli.md"
GENERATOR = ROOT / "scripts" / "gen_cli_docs.py"


def command_names(group: TyperGroup, prefix: str = "kg") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, TyperGroup):
            names += command_names(command, full)
    return names


def commands() -> dict[str, typer.core.TyperCommand]:
    """Every command that runs (not a group), by its full name."""
    root = typer.main.get_command(app)
    found = {}
    for name in command_names(root):
        command = root
        for part in name.split()[1:]:
            command = command.commands[part]
        if not isinstance(command, TyperGroup):
            found[name] = command
    return found


def test_every_command_is_in_the_docs():
    text = CLI_DOC.read_text(encoding="utf-8")
    names = command_names(typer.main.get_command(app))
    assert {"kg ingest", "kg neo4j status"} <= set(names)
    hand_written = text.split("## Reference")[0]
    missing = [name for name in names if f"`{name}" not in hand_written]
    assert missing == []


def test_every_command_has_an_example_in_its_help():
    for name, command in commands().items():
        assert "Example" in (command.help or ""), name


def test_format_always_comes_with_its_json_alias():
    with_format = {name for name, c in commands().items() if any("--format" in p.opts for p in c.params)}
    with_json = {name for name, c in commands().items() if any("--json" in p.opts for p in c.params)}
    assert with_format == with_json
    assert set(commands()) - with_format == {"kg neo4j logs", "kg corpus reset"}


def test_load_help_states_the_loader_default_batch():
    [batch] = [p for p in commands()["kg load"].params if p.name == "batch_size"]
    assert f"default {DEFAULT_BATCH}" in (batch.help or "")


def test_the_reference_section_is_the_help_of_every_command():
    run = subprocess.run(
        [sys.executable, str(GENERATOR), "--stdout"], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert run.stdout == CLI_DOC.read_text(encoding="utf-8"), (
        "docs/cli.md's reference is not the CLI's --help: run .venv/bin/python scripts/gen_cli_docs.py"
    )
    for name in commands():
        assert f"### `{name}`" in run.stdout, name
