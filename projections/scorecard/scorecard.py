"""ScorecardQueries: the scorecard of one agency (or one of its units or regions) over years, compared
with the other agencies, and the findings written from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from careerlog.domain.errors import InvalidInput, quoted
from careerlog.domain.wording import Refusal
from careerlog.reference import filter_code
from projections.reading import ViewReader
from projections.scorecard import competency, merit, outcomes, rewards
from projections.scorecard.findings import Settings, findings, settings
from projections.scorecard.indicators import Context, Definition, Indicator, Scope
from projections.training import FIRST_YEAR, bounded, whole_number
from projections.units import unit_spellings

DEFINITIONS: tuple[Definition, ...] = (
    *competency.DEFINITIONS,
    *outcomes.DEFINITIONS,
    *merit.DEFINITIONS,
    *rewards.DEFINITIONS,
)
BY_ID = {d.id: d for d in DEFINITIONS}


def indicators(ctx: Context, config: Settings) -> list[Indicator]:
    """Every indicator of a scope and year."""
    return [
        *competency.competency(ctx, config.earlier_years),
        *outcomes.outcomes(ctx),
        *merit.merit(ctx, config.min_cell),
        *rewards.rewards(ctx, config.high_performer_score),
    ]


UNKNOWN_AGENCY = Refusal("Unknown agency {agency}; see the agencies reference table.")  # (careerlog.domain.wording)
UNKNOWN_REGION = Refusal("Unknown region {region}; see the regions reference table.")
# A trend reaching back before 1900, of `years` sent and of the default `years` (named beside `year`, saying what to
# send); years as written, counts as a language writes them (until 2026-12-08 plain texts, English in the API's
# Indonesian)
TREND_BEFORE_1900 = Refusal(
    "The trend would reach back to {start}, before 1900: at most {most} for {year}.", numbers=("most",)
)
DEFAULT_TREND_BEFORE_1900 = Refusal(
    "The trend of the default {span} years would reach back to {start}, before 1900: send years (at most {most} for "
    "{year}), or a year from {first} on.",
    numbers=("span", "most"),
)


def checked_scope(agency: Any, unit: Any, region: Any) -> Scope:
    """The agency and region as the codes they are in any letter case (careerlog.reference.AnyCase, as every other
    agency and region filter reads them, web.api.schemas.CodeFilter: `kota-medan` is KOTA-MEDAN, the scorecard
    answering KOTA-MEDAN); a name, or a value no code in any case, is refused (until 2026-12-05 another case too)."""
    code = filter_code("agency", str(agency)) if agency else None
    if code is None:
        raise InvalidInput(UNKNOWN_AGENCY.reason(agency=quoted(agency)), "agency")
    return Scope(code, str(unit) if unit else None, checked_region(region))


def checked_region(region: Any) -> str | None:
    """The region's code (in any case, as `checked_scope` reads the agency), None when none is given; InvalidInput
    naming `region` when one is given and is no code of its reference table."""
    if not region:
        return None
    code = filter_code("region", str(region))
    if code is None:
        raise InvalidInput(UNKNOWN_REGION.reason(region=quoted(region)), "region")
    return code


def query_problems(
    agency: Any, region: Any, year: Any, years: Any, today: date, *, years_given: bool = True
) -> dict[str, list[str]]:
    """Every problem of a scorecard's query at once, by field, so that a client mends them all before asking again:
    an unknown agency or region, a year outside 1900 to this year, `years` outside 1 to 20 or reaching back
    before 1900. A value given as None is not judged (left out, or refused already by the caller's own check).
    `years_given` False: `years` is the default the client did not send, so a trend reaching back before 1900 is
    named beside `year`, the field the client did send, saying what to send instead."""
    found: dict[str, list[str]] = {}

    def judged(check: Callable[[], Any]) -> Any:
        try:
            return check()
        except InvalidInput as e:
            for name, reasons in e.errors.items():
                found.setdefault(name, []).extend(reasons)
            return None

    if agency is not None:
        judged(lambda: checked_scope(agency, None, None))
    judged(lambda: checked_region(region))
    first = None if year is None else judged(lambda: bounded(year, "year", FIRST_YEAR, today.year))
    span = None if years is None else judged(lambda: bounded(years, "years", 1, 20))
    if first is not None and span is not None and first - span + 1 < FIRST_YEAR:
        # (each year's figures refused 1899 as a `year` the caller never gave)
        start, most = first - span + 1, first - 1899
        if years_given:
            found.setdefault("years", []).append(TREND_BEFORE_1900.reason(start=start, most=most, year=first))
        else:  # the default `years`: named beside `year`, saying what to send
            reach = DEFAULT_TREND_BEFORE_1900.reason(span=span, start=start, most=most, year=first, first=1899 + span)
            found.setdefault("year", []).append(reach)
    return found


class ScorecardQueries(ViewReader):
    """Plain data out: every indicator's trend for the scope, the year across agencies, and the findings."""

    def scorecard(
        self,
        agency: str,
        year: int,
        *,
        years: int = 3,
        unit: str | None = None,
        region: str | None = None,
        config: Settings | None = None,
        peers: Callable[[str], bool] | None = None,
        exact_below: int | None = None,
    ) -> dict[str, Any]:
        """The scorecard of `agency` (narrowed to `unit` or `region`) for `year` and its trend over `years`;
        the comparison covers the agencies with staff in post that year for which `peers` holds (all: None).
        `exact_below`: the fewest people a value may be shown about to its reader (the people behind each value are
        then counted only where the count could decide it: `merit.counted`); None: counted everywhere."""
        problems = query_problems(agency, region, year, years, self.today)
        if problems:
            raise InvalidInput(problems)
        year, years = whole_number(year, "year"), whole_number(years, "years")
        scope = checked_scope(agency, unit, region)
        if scope.unit is not None:  # in any letter case or spacing, as the audit's filters; an unknown one refused
            spelled = unit_spellings(self.store, [scope.unit], [scope.agency])
            shown = scope.unit if scope.unit in spelled else spelled[0]  # (its rows selected under every spelling)
            scope = Scope(scope.agency, shown, scope.region, tuple(spelled))
        config = config or settings()
        compared = [a for a in self.agencies(year) if peers is None or peers(a)]
        measure = self._measure(config, sorted({scope.agency, *compared}), exact_below)
        trend = [i for y in range(year - years + 1, year + 1) for i in measure(scope, y)]
        comparison = [i for a in compared for i in measure(Scope(a), year)]
        return {
            "agency": scope.agency,
            "unit": scope.unit,
            "region": scope.region,
            "year": year,
            "years": list(range(year - years + 1, year + 1)),
            "as_of": self.today.isoformat(),
            "indicators": self._by_indicator(trend, comparison),
            "findings": findings(trend, year, config.thresholds, scope.unit, scope.region),
        }

    def _measure(
        self, config: Settings, agencies: list[str], exact_below: int | None = None
    ) -> Callable[[Scope, int], list[Indicator]]:
        # shared by the years and agencies of one scorecard (Context.kept); the spells are read for `agencies`
        memo: dict[Any, Any] = {"agencies": agencies, "exact_below": exact_below}

        def measure(scope: Scope, year: int) -> list[Indicator]:
            # the scope's agency this year is measured once, for the trend and the comparison alike
            ctx = Context(self.store, scope, year, self.today, config.window_months, memo)
            return ctx.kept(("measured", scope, year), lambda: indicators(ctx, config))

        return measure

    def agencies(self, year: int) -> list[str]:
        """The agencies with staff in post at some time in the year."""
        day = min(date(year, 12, 31), self.today).isoformat()
        rows = self.store.query(
            "SELECT DISTINCT agency FROM spells WHERE start_date <= ? AND (end_date IS NULL OR end_date > ?) "
            "ORDER BY agency",
            (day, f"{year}-01-01"),
        )
        return [r["agency"] for r in rows]

    @staticmethod
    def _by_indicator(trend: list[Indicator], comparison: list[Indicator]) -> dict[str, Any]:
        return {
            d.id: {
                "definition": d.as_dict(),
                "trend": [i.as_dict() for i in trend if i.id == d.id],
                "comparison": [i.as_dict() for i in comparison if i.id == d.id],
            }
            for d in DEFINITIONS
        }
