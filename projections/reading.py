"""The base of every query interface: a store to read the views from and the date taken as today."""

from __future__ import annotations

import re
from datetime import date

from careerlog.domain.ledger import latest_today
from careerlog.domain.wording import Reason, Refusal
from careerlog.sqlstore import SqlStore

# A day as every query argument takes it: YYYY-MM-DD alone, where date.fromisoformat also reads ISO 8601's basic and
# week forms (20200101, 2020-W01-1) as days the writer may not mean, full-width digits and 2020-1-1 too.
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def plain_day(text: str) -> date:
    """The day written YYYY-MM-DD (ISO_DAY); ValueError for any other form or a day no calendar has."""
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return date.fromisoformat(text)


class ViewReader:
    """Reads views from `store`; `today` may be fixed (tests, reports as of a date) or follows the clock."""

    def __init__(self, store: SqlStore, *, today: date | None = None):
        self.store = store
        self._today = today

    @property
    def today(self) -> date:
        """The day every query reads "today" as: `today` when fixed, else the latest date anywhere in Indonesia
        (careerlog.domain.ledger.latest_today), the day the ledger judges a fact's date "in the future" against, so a
        fact it accepts as dated today has happened in every view, and a year begun in Jayapura may be asked for.
        By the server's date (UTC), such a fact was "to come" for up to 9 hours, and such a year refused."""
        return self._today or latest_today()


# An audit's `from` after today, which no `to` sent ends: said as a day in the future (until 2026-12-08 "{start} is
# after the end date {today}.", an end date the client never sent)
FROM_IN_THE_FUTURE = Refusal(
    "{start} is in the future (today is {today}): nothing after today is recorded, so a period from it holds nothing.",
    dates=("start", "today"),
)


def after_today(day: date) -> Reason | None:
    """The refusal of an audit's `from` after today (latest_today: anywhere in Indonesia), named `from` by every
    audit alike (the API's lists and statistics, the pages, the command line's --from): no decision, award, study
    leave or promotion round after today is read, so such a period ends before it begins. Until 2026-12-06 the
    statistics refused it and the lists answered an empty list. None for a day up to today."""
    today = latest_today()
    return FROM_IN_THE_FUTURE.reason(start=day.isoformat(), today=today.isoformat()) if day > today else None
