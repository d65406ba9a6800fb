"""Years and days on the command line, refused as its numbers are (careerlog.cli_numbers): a value the option cannot
take is a usage error in click's words, naming the option and the reason, exit 2, before the store is opened.

A year reported can be at most this year (`YearToThisYear`: "Invalid value for '--year': 2030 is not in the range
1900<=x<=2026."), a day is written YYYY-MM-DD as the API and the pages read it (`Day`: not 20200101 nor 2020-W01-1,
which date.fromisoformat reads as days the writer may not mean), at most today where the option counts up to today
(`Day(until_today=True)`), and a period's `--to` is not before its `--from` (`period_in_order`). Before, each was
refused by the queries after the store was opened, exit 1, as a failure of the command rather than of its words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from careerlog.cli import FilledText
from careerlog.cli_numbers import WholeNumber
from careerlog.domain.ledger import latest_today

F = TypeVar("F", bound=Callable[..., Any])

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # (projections.reading.ISO_DAY, which careerlog may not import)


class YearToThisYear(WholeNumber):
    """A year from `min` to this year, the clock's year read at each value (click's range names it)."""

    def __init__(self, min: int) -> None:
        super().__init__(min=min, max=latest_today().year)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        self.max = latest_today().year  # (this year anywhere in Indonesia: projections.reading.ViewReader.today)
        return super().convert(value, param, ctx)


class Day(FilledText):
    """A day written YYYY-MM-DD in digits 0-9, given back as that text; with `until_today`, not after today."""

    name = "date"

    def __init__(self, *, until_today: bool = False) -> None:
        self.until_today = until_today

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = super().convert(value, param, ctx)
        try:
            day = date.fromisoformat(text) if ISO_DAY.fullmatch(text) else None
        except ValueError:
            day = None
        if day is None:
            self.fail(f"{text!r} is not a day written YYYY-MM-DD.", param, ctx)
        today = latest_today()  # (the day the API's queries and the ledger read as today: projections.reading)
        if self.until_today and day > today:
            self.fail(f"{text} is after today ({today.isoformat()}).", param, ctx)
        return day.isoformat()


def period_in_order(func: F) -> F:
    """Refuse a command's `--to` (parameter `end`) before its `--from` (`start`), days or years, naming `--to`: a
    usage error, exit 2, before the command runs (the queries would refuse it only after opening the store)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, end = kwargs.get("start"), kwargs.get("end")
        if start is not None and end is not None and end < start:
            ctx = click.get_current_context()
            to = next(p for p in ctx.command.params if p.name == "end")
            raise click.BadParameter(f"{end} is before --from {start}.", ctx, to)
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
