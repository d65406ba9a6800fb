"""Numbers on the command line, written in digits 0-9 as the API, the imports and the pages read them.

click's INT and FLOAT (and IntRange, FloatRange, and the type click infers from a number default) call int() and
float(), which also read other scripts' digits (Arabic-Indic, full-width) and a digit-group underscore ('1_0' as
10): `--year` written so was read as the year it looks like to Python, not refused. These types refuse such a
value as click refuses any other that is no number, naming the option, with exit 2.

Each option gives the bounds its meaning needs (`WholeNumber(min=1)` for a count of rows or days, up to a fixed
ceiling for one of processes or threads; a year, a version, a poll's seconds within theirs): a value outside them is
refused at once in click's words, "Invalid value for '--batch-size': 0 is not in the range x>=1.", exit 2, instead
of a loop without a pause, a server with no worker or forking until the machine gives out, rows held back and never
recorded, or a traceback of a number the store cannot hold.
"""

from __future__ import annotations

import math
from typing import Any

import click

from careerlog.domain.payload import ascii_number


class Digits:
    """A click number type that refuses a text not written in digits 0-9 (`ascii_number`), in click's words."""

    name: str

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not ascii_number(value):
            self.fail(f"{value!r} is not a valid {self.name}: write it in digits 0-9.", param, ctx)  # type: ignore[attr-defined]
        return super().convert(value, param, ctx)  # type: ignore[misc]

    def _describe_range(self) -> str:
        """No range for a number of no bounds: click's help wrote one as "x<=None" (`demo --seed`)."""
        if self.min is None and self.max is None:  # type: ignore[attr-defined]
            return ""
        return super()._describe_range()  # type: ignore[misc,no-any-return]


class WholeNumber(Digits, click.IntRange):
    """A whole number (within `min` and `max`, when given) written in digits 0-9."""

    name = "integer"


class PlainNumber(Digits, click.FloatRange):
    """A finite number (within `min` and `max`, when given) written in digits 0-9 and a point: float() also reads
    'nan', 'inf' and '1e400' (infinite), which FloatRange's bounds let through ('nan' compares false to either)."""

    name = "float"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


WHOLE_NUMBER = WholeNumber()
PLAIN_NUMBER = PlainNumber()
AT_LEAST_ONE = WholeNumber(min=1)  # a count of rows or employees (click's help shows "x>=1")

# A count of processes or of threads has a fixed ceiling besides (the same on every machine, so the refusal and its
# tests are too; docs/operations.md "Workers" says why these): `--workers 100000` forked until the machine gave out.
MAX_PROCESSES = 64  # import --workers, serve/run --workers, projections rebuild --jobs
MAX_THREADS = 256  # serve --threads (per worker)
PROCESSES = WholeNumber(min=1, max=MAX_PROCESSES)
THREADS = WholeNumber(min=1, max=MAX_THREADS)
