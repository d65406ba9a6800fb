"""Plain-data queries over the awards audit's tables (`awards`, `award_findings`): the awards of a
scope and period with their verdict, and the findings of the awards shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from careerlog.domain.errors import InvalidInput
from careerlog.domain.wording import Refusal
from careerlog.keyset import Keyset, Paged, Paging
from projections.merit.queries import CountedList, period_clauses, with_findings_of
from projections.training import filter_clauses, where_sql

AWARD_FILTERS = {"agency": "a.agency", "unit": "a.unit", "region": "a.region", "kind": "a.award_kind"}
AWARD_COLUMNS = (
    "subject",
    "version",
    "reference",
    "award_kind",
    "award_date",
    "agency",
    "unit",
    "region",
    "service_years",
    "last_rated_year",
    "finding_count",
)
VERDICT_SQL = {"compliant": "a.finding_count = 0", "findings": "a.finding_count > 0"}
UNKNOWN_AWARD_VERDICT = Refusal("Unknown verdict; one of {known}.")  # (careerlog.domain.wording)
AWARDS_SQL = f"SELECT {', '.join(f'a.{c}' for c in AWARD_COLUMNS)} FROM awards a"
AWARDS_KEYSET = Keyset(
    "awards", ("a.award_date", "a.subject", "a.version"), ("award_date", "subject", "version"), (date, str, int)
)
AWARDS_ORDER = f" ORDER BY {AWARDS_KEYSET.order_by()}"


def verdict_of(award: Mapping[str, Any]) -> str:
    return "findings" if award["finding_count"] else "compliant"


class AwardQueries(CountedList):
    """The audited awards: one row per award, its verdict, and its findings."""

    view = "awards"

    def awards(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        start: str | None = None,
        end: str | None = None,
        verdict: str | None = None,
    ) -> list[dict[str, Any]]:
        """Awards dated in [start, end], by date. Filters: agency, unit, region, kind (award kind);
        verdict: compliant (no finding) or findings."""
        where, params = self.awards_where(filters, start, end, verdict)
        return self.listed(self.store.query(f"{AWARDS_SQL}{where}{AWARDS_ORDER}", params))

    def awards_page(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        page: int,
        per_page: int,
        start: str | None = None,
        end: str | None = None,
        verdict: str | None = None,
        after: str | None = None,
    ) -> Paged:
        """One page of `awards` (the rows `awards(...)[(page - 1) * per_page : page * per_page]`), read
        with LIMIT and OFFSET, or the `per_page` after the cursor `after` (a page's `next`), and how many awards
        match in all (COUNT): the same filters. (subject, version) is the table's primary key: the order is
        total, so a page is a slice of the list."""
        where, params = self.awards_where(filters, start, end, verdict)
        paging = Paging(AWARDS_KEYSET, page, per_page, after)
        found = self.page_of(lambda w: f"{AWARDS_SQL}{w}{AWARDS_ORDER}", "awards a", where, params, paging)
        return Paged(self.listed(found.rows), found.total, found.next)

    @staticmethod
    def awards_where(
        filters: Mapping[str, Any] | None, start: str | None, end: str | None, verdict: str | None
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of `awards` (over `awards a`) and its parameters."""
        clauses, params = filter_clauses(filters, AWARD_FILTERS)
        period, bounds = period_clauses("a.award_date", start, end)
        clauses += period
        params += bounds
        if verdict:
            if verdict not in VERDICT_SQL:
                raise InvalidInput(UNKNOWN_AWARD_VERDICT.reason(known=", ".join(VERDICT_SQL)), "verdict")
            clauses.append(VERDICT_SQL[verdict])
        return where_sql(clauses), params

    @staticmethod
    def listed(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**row, "verdict": verdict_of(row)} for row in rows]

    def with_findings(self, awards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The awards, each with its findings (by rule) and their evidence (versions in the record)."""
        return with_findings_of(self.store, "award_findings", list(awards))
