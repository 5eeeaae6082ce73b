"""The rule-table loader: every packaged table loads, and a malformed one fails in one line naming its file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.lexicon import bodies, comparators, genres, national_bodies, target_metrics, unit_labels
from ingest.lexicon.tables import TableError, packaged, read_table, words_pattern

LOADERS: dict[str, Callable[[Path], object]] = {
    unit_labels.TABLE: unit_labels.load,
    bodies.TABLE: bodies.load,
    national_bodies.TABLE: national_bodies.load,
    genres.TABLE: genres.load,
    comparators.TABLE: comparators.load,
    target_metrics.TABLE: target_metrics.load,
}


def _copy(tmp_path: Path, name: str, edit: Callable[[str], str]) -> Path:
    path = tmp_path / name
    path.write_text(edit(packaged("ingest", name).read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _one_line_naming(err: TableError, path: Path) -> str:
    message = str(err)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert isinstance(err, InputError)
    return message


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_every_packaged_table_loads(name: str) -> None:
    assert LOADERS[name](packaged("ingest", name)) is not None


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_table_that_is_not_toml_is_one_line_naming_the_file(tmp_path: Path, name: str) -> None:
    path = _copy(tmp_path, name, lambda text: text + "\n[broken\n")
    with pytest.raises(TableError) as caught:
        LOADERS[name](path)
    assert "not valid TOML" in _one_line_naming(caught.value, path)


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_an_unknown_key_is_an_error_not_an_ignored_rule(tmp_path: Path, name: str) -> None:
    path = _copy(tmp_path, name, lambda text: "exmaple = 'x'\n" + text)
    with pytest.raises(TableError) as caught:
        LOADERS[name](path)
    assert "unknown key 'exmaple'" in _one_line_naming(caught.value, path)


def test_a_pattern_that_does_not_compile_names_the_row(tmp_path: Path) -> None:
    path = _copy(
        tmp_path, unit_labels.TABLE, lambda text: text.replace("pattern = '下同'", "pattern = '下同('")
    )
    with pytest.raises(TableError) as caught:
        unit_labels.load(path)
    message = _one_line_naming(caught.value, path)
    assert "list_note row 1: 'pattern' is not a valid pattern" in message


def test_a_wrong_value_names_the_row_and_key(tmp_path: Path) -> None:
    path = _copy(
        tmp_path, unit_labels.TABLE, lambda text: text.replace('role = "support"', 'role = "helper"', 1)
    )
    with pytest.raises(TableError) as caught:
        unit_labels.load(path)
    assert "label row 5: 'role' is 'helper', not one of lead, support, responsible" in _one_line_naming(
        caught.value, path
    )


def test_a_missing_key_and_a_missing_file(tmp_path: Path) -> None:
    path = _copy(
        tmp_path, bodies.TABLE, lambda text: text.replace('level_prefixes = ["省", "市", "区", "县"]', "")
    )
    with pytest.raises(TableError) as caught:
        bodies.load(path)
    assert "missing key 'level_prefixes'" in _one_line_naming(caught.value, path)
    with pytest.raises(TableError) as missing:
        read_table(tmp_path / "none.toml")
    assert "cannot be read" in _one_line_naming(missing.value, tmp_path / "none.toml")


def test_words_pattern_tries_longer_words_first() -> None:
    assert words_pattern(["委", "委员会", "局", "委"]) == "委员会|委|局"
