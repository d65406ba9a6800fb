"""Plain-data queries over the awards audit's tables (`awards`, `award_findings`): the awards of a
scope and period with their verdict, and the findings of the awards shown."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from careerlog.domain.errors import InvalidInput
from projections.merit.queries import period_clauses
from projections.reading import ViewReader
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
FINDING_COLUMNS = "subject, version, rule, severity, source, status, message, evidence"


def verdict_of(award: Mapping[str, Any]) -> str:
    return "findings" if award["finding_count"] else "compliant"


class AwardQueries(ViewReader):
    """The audited awards: one row per award, its verdict, and its findings."""

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
        clauses, params = filter_clauses(filters, AWARD_FILTERS)
        period, bounds = period_clauses("a.award_date", start, end)
        clauses += period
        params += bounds
        if verdict:
            if verdict not in VERDICT_SQL:
                raise InvalidInput(f"Unknown verdict; one of {', '.join(VERDICT_SQL)}.", "verdict")
            clauses.append(VERDICT_SQL[verdict])
        columns = ", ".join(f"a.{c}" for c in AWARD_COLUMNS)
        rows = self.store.query(
            f"SELECT {columns} FROM awards a{where_sql(clauses)} ORDER BY a.award_date, a.subject, a.version", params
        )
        return [{**row, "verdict": verdict_of(row)} for row in rows]

    def with_findings(self, awards: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The awards, each with its findings (by rule) and their evidence (versions in the record)."""
        shown = list(awards)
        subjects = sorted({a["subject"] for a in shown})
        found: dict[tuple[str, int], list[dict[str, Any]]] = {}
        if subjects:
            rows = self.store.query(
                f"SELECT {FINDING_COLUMNS} FROM award_findings "
                f"WHERE subject IN ({', '.join('?' * len(subjects))}) ORDER BY subject, version, rule",
                subjects,
            )
            for row in rows:
                finding = {k: row[k] for k in ("rule", "severity", "source", "status", "message")}
                found.setdefault((row["subject"], row["version"]), []).append(
                    {**finding, "evidence": json.loads(row["evidence"])}
                )
        return [{**a, "findings": found.get((a["subject"], a["version"]), [])} for a in shown]
