"""Plain-data queries over the study-leave audit's tables (`study_leaves`, `study_leave_findings`): the starts of
study leave of a scope and period with their verdict and findings (docs/audit.md, "Study leave")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from careerlog.domain.errors import InvalidInput, quoted
from careerlog.domain.wording import Refusal
from careerlog.keyset import Keyset, Paged, Paging
from careerlog.reference import rules
from projections.merit.queries import (
    UNKNOWN_SEVERITY,
    UNKNOWN_VERDICT,
    VERDICTS,
    CountedList,
    period_clauses,
    with_findings_of,
)
from projections.merit.rules import SEVERITY_ORDER
from projections.training import filter_clauses, where_sql

STUDY_LEAVE_FILTERS = {
    "agency": "s.agency",
    "unit": "s.unit",
    "region": "s.region",
    "employment_kind": "s.employment_kind",
}
STUDY_LEAVE_COLUMNS = (
    "start_date",
    "subject",
    "version",
    "kind",
    "reference",
    "recorded_at",
    "agency",
    "unit",
    "region",
    "employment_kind",
    "pns_since",
    "pns_years",
    "corrected",
    "judged",
    "verdict",
    "finding_count",
    "max_severity",
)
STUDY_LEAVE_RULES = ("study_leave.", "evidence.recorded_after")  # the rules a start is judged by
STUDY_LEAVES_SQL = f"SELECT {', '.join(f's.{c}' for c in STUDY_LEAVE_COLUMNS)} FROM study_leaves s"
STUDY_LEAVES_KEYSET = Keyset(
    "study-leaves", ("s.start_date", "s.subject", "s.version"), ("start_date", "subject", "version"), (date, str, int)
)
STUDY_LEAVES_ORDER = f" ORDER BY {STUDY_LEAVES_KEYSET.order_by()}"
OTHER_RULE = Refusal(
    "Rule {rule} does not judge a study leave: the list is filtered by the study_leave.* and evidence.recorded_after "
    "rules."
)


class StudyLeaveQueries(CountedList):
    """The audited starts of study leave: one row per start, its verdict, and its findings."""

    view = "study_leave"

    def study_leaves(self, filters: Mapping[str, Any] | None = None, **criteria: Any) -> list[dict[str, Any]]:
        """Starts of study leave dated in [start, end], by date, each with its findings. Filters: agency, unit,
        region, employment_kind; criteria: start, end, verdict (compliant, findings), rule (a finding of it: a
        study_leave.* rule or evidence.recorded_after), severity (a finding at least so severe)."""
        where, params = self.study_leaves_where(filters, **criteria)
        return self.with_findings(self.store.query(f"{STUDY_LEAVES_SQL}{where}{STUDY_LEAVES_ORDER}", params))

    def study_leaves_page(
        self,
        filters: Mapping[str, Any] | None = None,
        *,
        page: int,
        per_page: int,
        after: str | None = None,
        **criteria: Any,
    ) -> Paged:
        """One page of `study_leaves` (its rows read with LIMIT and OFFSET, or the `per_page` after the cursor
        `after`, a page's `next`) and how many starts match in all: the same filters."""
        where, params = self.study_leaves_where(filters, **criteria)
        paging = Paging(STUDY_LEAVES_KEYSET, page, per_page, after)
        found = self.page_of(
            lambda w: f"{STUDY_LEAVES_SQL}{w}{STUDY_LEAVES_ORDER}", "study_leaves s", where, params, paging
        )
        return Paged(self.with_findings(found.rows), found.total, found.next)

    def study_leaves_count(self, filters: Mapping[str, Any] | None = None, **criteria: Any) -> int:
        where, params = self.study_leaves_where(filters, **criteria)
        with self.store.statements() as sql:
            return self.total(sql, "study_leaves s", where, params)

    @staticmethod
    def study_leaves_where(
        filters: Mapping[str, Any] | None,
        start: str | None = None,
        end: str | None = None,
        verdict: str | None = None,
        rule: str | None = None,
        severity: str | None = None,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause of `study_leaves` (over `study_leaves s`) and its parameters."""
        clauses, params = filter_clauses(filters, STUDY_LEAVE_FILTERS)
        period, bounds = period_clauses("s.start_date", start, end)
        clauses += period
        params += bounds
        if verdict:
            if verdict not in VERDICTS:
                reason = UNKNOWN_VERDICT.reason(verdict=quoted(verdict), known=", ".join(VERDICTS))
                raise InvalidInput(reason, "verdict")
            clauses.append("s.verdict = ?")
            params.append(verdict)
        if severity:
            if severity not in SEVERITY_ORDER:
                raise InvalidInput(UNKNOWN_SEVERITY.reason(known=", ".join(SEVERITY_ORDER)), "severity")
            wanted = [s for s, n in SEVERITY_ORDER.items() if n >= SEVERITY_ORDER[severity]]
            clauses.append(f"s.max_severity IN ({', '.join('?' * len(wanted))})")
            params += wanted
        if rule:
            if not rule.startswith(STUDY_LEAVE_RULES) or rule not in rules().ids:
                raise InvalidInput(OTHER_RULE.reason(rule=quoted(rule)), "rule")
            clauses.append(
                "EXISTS (SELECT 1 FROM study_leave_findings f WHERE f.subject = s.subject AND f.version = s.version "
                "AND f.rule = ?)"
            )
            params.append(rule)
        return where_sql(clauses), params

    def with_findings(self, leaves: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The starts, each with its findings (by rule) and their evidence (the facts that show it)."""
        return with_findings_of(self.store, "study_leave_findings", list(leaves))
