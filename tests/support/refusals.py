"""Test helper: the one-line reason `read_source` gives for a file it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.sources.auto import read_source


def refusal(path: Path) -> str:
    """The reason reading `path` fails with, after checking the message is one line naming the file."""
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return caught.value.reason
