"""The base of every query interface: a store to read the views from and the date taken as today."""

from __future__ import annotations

from datetime import date

from careerlog.sqlstore import SqlStore


class ViewReader:
    """Reads views from `store`; `today` may be fixed (tests, reports as of a date) or follows the clock."""

    def __init__(self, store: SqlStore, *, today: date | None = None):
        self.store = store
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()
