"""Numbers on the command line, written in digits 0-9 as the API, the imports and the pages read them.

click's INT and FLOAT (and IntRange, FloatRange, and the type click infers from a number default) call int() and
float(), which also read other scripts' digits (Arabic-Indic, full-width) and a digit-group underscore ('1_0' as
10): `--year` written so was read as the year it looks like to Python, not refused. These types refuse such a
value as click refuses any other that is no number, naming the option, with exit 2.
"""

from __future__ import annotations

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


class WholeNumber(Digits, click.IntRange):
    """A whole number (within `min` and `max`, when given) written in digits 0-9."""

    name = "integer"


class PlainNumber(Digits, click.FloatRange):
    """A number (within `min` and `max`, when given) written in digits 0-9 and a point."""

    name = "float"


WHOLE_NUMBER = WholeNumber()
PLAIN_NUMBER = PlainNumber()
