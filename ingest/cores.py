"""The cores this process may run on: how many workers extraction and segmentation use by default."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores of this process's CPU affinity (all the machine's where the platform has none)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
