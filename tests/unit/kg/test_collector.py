"""collector_paused: the cycle collector off inside the block, as it was after it (an error included)."""

from __future__ import annotations

import gc

import pytest

from kg.collector import collector_paused


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_in_the_block_turns_it_on_again() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("linking failed")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
