"""The local server's generated password."""

import secrets

import pytest

from kg.neo4j.home import Neo4jHome, new_password


def test_a_password_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    """neo4j-admin reads an argument starting with "-" as an option, so such a draw is drawn again."""
    draws = iter(["-starts-with-a-dash", "_fine-value"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda n: next(draws))
    assert new_password() == "_fine-value"


def test_the_password_is_stored_once_private(tmp_path) -> None:
    home = Neo4jHome(tmp_path / "neo4j")
    first = home.ensure_password()
    assert not first.startswith("-") and len(first) >= 32
    assert home.ensure_password() == first
    assert home.password_file.stat().st_mode & 0o777 == 0o600
