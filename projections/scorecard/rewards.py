"""Reward indicators: awards per 1,000 staff, whether achievement awards went to high performers,
and awards the awards audit found irregular (projections/scorecard/awards.py)."""

from __future__ import annotations

from typing import Any

from projections.scorecard.competency import in_post, scope_clauses
from projections.scorecard.indicators import Context, Definition, Indicator, measured, rows_behind
from projections.training import ratio

SOURCE = "AwardGranted (careerlog); UU 20/2009; PP 35/2010"
PER_1000 = Definition(
    "awards.per_1000_staff",
    "rewards",
    "Awards per 1,000 staff",
    "Awards with TMT in the year to employees of the scope (where they were on the award's TMT), per 1,000 "
    "staff in post at the end of the year.",
    "awards in the year",
    "staff in post at the end of the year (value = numerator / denominator x 1,000)",
    SOURCE,
)
HIGH_PERFORMERS = Definition(
    "awards.to_high_performers",
    "rewards",
    "Achievement awards that went to high performers",
    "Share of the achievement awards of the year whose recipient's latest SKP rating known when the award was "
    "recorded scored at least `high_performer_score` (5: Sangat Baik).",
    "achievement awards to high performers",
    "achievement awards",
    SOURCE,
)
IRREGULAR = Definition(
    "awards.irregular",
    "rewards",
    "Awards with an audit finding",
    "Share of the awards of the year with a finding of a rule awards.* (a long-service decoration before its "
    "years or to someone penalised; an achievement award to someone rated below Baik).",
    "awards with a finding",
    "awards in the year",
    "Rules awards.* (docs/rules.md)",
)
DEFINITIONS = (PER_1000, HIGH_PERFORMERS, IRREGULAR)


def award_rows(ctx: Context) -> list[dict[str, Any]]:
    params: list[Any] = [ctx.year]
    return ctx.store.query(f"SELECT * FROM awards WHERE {scope_clauses(ctx, ['year = ?'], params)}", params)


def rewards(ctx: Context, high_performer_score: int) -> list[Indicator]:
    awards = award_rows(ctx)
    staff = len(in_post(ctx, ctx.year_end.isoformat(), scoped=True))
    achievement = [a for a in awards if a["achievement"]]
    high = sum(1 for a in achievement if (a["last_score"] or 0) >= high_performer_score)
    irregular = [a for a in awards if a["finding_count"]]
    behind = rows_behind("awards", year=ctx.year, **ctx.scope.filters())
    per_1000 = None if not staff else round(len(awards) * 1000 / staff, 2)
    kinds = sorted({a["award_kind"] for a in irregular})
    return [
        measured(ctx, PER_1000, len(awards), staff, per_1000, behind),
        measured(
            ctx,
            HIGH_PERFORMERS,
            high,
            len(achievement),
            ratio(high, len(achievement)),
            rows_behind("awards", year=ctx.year, achievement=1, **ctx.scope.filters()),
            people=len({a["subject"] for a in achievement}),
        ),
        measured(
            ctx,
            IRREGULAR,
            len(irregular),
            len(awards),
            ratio(len(irregular), len(awards)),
            rows_behind("award_findings", year=ctx.year, **ctx.scope.filters()),
            details={"award_kinds": kinds},
            people=len({a["subject"] for a in awards}),
        ),
    ]
