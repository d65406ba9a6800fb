"""Scorecard indicators: each one says what it counts, over what, and which rows are behind it.

`CATALOGUE` defines every indicator once (docs/scorecard.md explains each in full); an
`Indicator` is one measured value of it for a scope (agency, and optionally unit or region),
a year and possibly a group (a rank, a sex, a programme, a finding rule...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from careerlog.access import expand_regions
from careerlog.sqlstore import SqlStore

T = TypeVar("T")


@dataclass(frozen=True)
class Definition:
    """What an indicator measures: its title, definition, numerator, denominator and source."""

    id: str
    area: str
    title: str
    definition: str
    numerator: str
    denominator: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return dict(vars(self))


@dataclass(frozen=True)
class Scope:
    """Whose scorecard: an agency, optionally narrowed to a unit or a region."""

    agency: str
    unit: str | None = None
    region: str | None = None
    # the unit's spellings the views hold (projections.units.unit_spellings: one unit in any letter case or spacing),
    # by which its rows are selected; none: the unit as given
    unit_spellings: tuple[str, ...] = ()

    def filters(self) -> dict[str, str]:
        """The scope as the API's filters name it (an indicator's link and the rows behind it): a region as given,
        which covers the regions inside it there too."""
        return {k: v for k, v in (("agency", self.agency), ("unit", self.unit), ("region", self.region)) if v}

    def selection(self) -> dict[str, tuple[str, ...]]:
        """The scope as the views' rows are selected (each a column's values, any of which matches): a region with
        every region inside it (12: the province's own offices, 12.01 ... 12.71), as an account's scope and the
        API's region filter cover them (careerlog.access.narrow)."""
        selected: dict[str, tuple[str, ...]] = {k: (v,) for k, v in self.filters().items()}
        if self.unit and self.unit_spellings:
            selected["unit"] = self.unit_spellings
        if self.region:
            selected["region"] = tuple(sorted(expand_regions([self.region])))
        return selected


@dataclass(frozen=True)
class Context:
    """Where and when an indicator is measured."""

    store: SqlStore
    scope: Scope
    year: int
    today: date
    window_months: int = 24
    # Reads shared by the years and agencies of one scorecard (`kept`): each one is made once per scorecard,
    # not once per year and agency measured (the JP of a year, who was in post on a day, the spells...).
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def kept(self, key: Any, read: Callable[[], T]) -> T:
        """`read()`, made on the first call with `key` in this scorecard and kept for the others."""
        if key not in self.memo:
            self.memo[key] = read()
        found: T = self.memo[key]
        return found

    @property
    def year_end(self) -> date:
        """31 December of the year, or today in the current year."""
        return min(date(self.year, 12, 31), self.today)

    @property
    def period(self) -> tuple[str, str]:
        return f"{self.year}-01-01", self.year_end.isoformat()


@dataclass(frozen=True)
class Indicator:
    """One measured value: `numerator` / `denominator` (scaled for per-1,000 indicators), with the
    view and filter that list the rows counted, and the API path that lists them where there is one."""

    id: str
    agency: str
    year: int
    numerator: float | None
    denominator: float | None
    value: float | None
    rows: dict[str, Any]
    link: str | None = None
    group: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    # every API path listing the rows counted, where they are in more than one list (evidence.recorded_after's
    # promotions and post appointments: the lists' totals add up to the numerator); `link` is the first
    links: tuple[str, ...] = ()
    # how many people the value is about, where the denominator counts something else (JP, opinions, decisions,
    # awards, unit-years, rounds...): what a reader of aggregates may be shown is judged by it
    # (projections.suppression.scorecard, which drops it from the answer); None: the denominator counts people
    people: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "agency": self.agency,
            "year": self.year,
            "group": self.group,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "rows": self.rows,
            "link": self.link,
            "links": list(self.links) if self.links else ([self.link] if self.link else []),
            "details": self.details,
            "people": self.denominator if self.people is None else self.people,
        }

    @property
    def key(self) -> tuple[str, tuple[tuple[str, Any], ...]]:
        return self.id, tuple(sorted(self.group.items()))


def api_link(path: str, **params: Any) -> str:
    given = {k: v for k, v in params.items() if v not in (None, "")}
    return f"/api/v1/{path}?{urlencode(given)}" if given else f"/api/v1/{path}"


def rows_behind(view: str, **filters: Any) -> dict[str, Any]:
    """The view and the filter that list the rows an indicator counts."""
    return {"view": view, "filter": {k: v for k, v in filters.items() if v not in (None, "")}}


def measured(
    ctx: Context,
    definition: Definition,
    numerator: float | None,
    denominator: float | None,
    value: float | None,
    rows: dict[str, Any],
    *,
    link: str | None = None,
    group: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    links: tuple[str, ...] = (),
    people: int | None = None,
) -> Indicator:
    return Indicator(
        definition.id,
        ctx.scope.agency,
        ctx.year,
        numerator,
        denominator,
        value,
        rows,
        link if link or not links else links[0],
        group or {},
        details or {},
        links,
        people,
    )
