"""Demos generated once per test process and read by several test modules.

Generating the demo is the unit tier's costliest set-up (2,000 employees: about 5 s of CPU).
tests/unit/test_demo.py and test_demo_retirement.py read the same one of 2,000 employees (LARGE),
test_demo_names.py the same one of 1,200 (MEDIUM), and test_demo_realism.py both: each asks `shared` for it and
gets the one generated first in the process. They read it only (no test changes a demo generated here), and
they share the xdist group GROUP, so `--dist loadgroup` runs them on one worker, which generates each once.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from careerlog.demo import Demo, generate

GROUP = "demo"
LARGE = (2000, 3, date(2026, 11, 23))  # employees, seed, today
MEDIUM = (1200, 1, date(2026, 11, 23))


@cache
def shared(employees: int, seed: int, today: date) -> Demo:
    """The demo of these employees, seed and day, generated once per process; read it, never change it."""
    return generate(employees, seed, today)


def large() -> Demo:
    return shared(*LARGE)


def medium() -> Demo:
    return shared(*MEDIUM)
