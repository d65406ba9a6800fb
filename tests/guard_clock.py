"""The views' guard's clock moved on instead of waited for.

The web process looks at the views' states and rules at most once a second (`Projector.guard_reads`, by
`time.monotonic` in projections.framework). A test that fills, rebuilds or judges a view otherwise from outside
made its next request come a second later by sleeping 1.1 s; `a_second_passes` moves the framework's clock on by
as much instead: the guard sees the second go by and looks at the views again, and the test waits for nothing.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from projections import framework


class _Later:
    """The time module as projections.framework sees it, its monotonic clock `seconds` ahead."""

    def __init__(self, clock: ModuleType | _Later, seconds: float):
        self._clock = clock
        self._seconds = seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._clock, name)

    def monotonic(self) -> float:
        return float(self._clock.monotonic()) + self._seconds


def a_second_passes(monkeypatch: pytest.MonkeyPatch, seconds: float = 1.1) -> None:
    """Move projections.framework's monotonic clock on by `seconds` (again for each call; put back after the test)."""
    monkeypatch.setattr(framework, "time", _Later(framework.time, seconds))
