"""Outcome indicators: promotions of trained against comparable untrained staff, and of mentees
against colleagues never mentored."""

from __future__ import annotations

from projections.mentoring import MentoringQueries
from projections.scorecard.competency import in_post
from projections.scorecard.indicators import Context, Definition, Indicator, api_link, measured, rows_behind
from projections.training import Member, SpellIndex, comparable, load_spells, promotion_comparison, yearly_jp

SOURCE = "careerlog views training, spells and mentoring (docs/views.md)"
TRAINED = Definition(
    "outcomes.promotion_trained",
    "outcomes",
    "Promotion rate of staff who met the yearly JP",
    "Of the staff in post at the end of the year who met the yearly JP, the share whose rank changed within "
    "`window_months` after that day.",
    "trained staff promoted within the window",
    "staff in post at the end of the year who met the yearly JP",
    SOURCE,
)
UNTRAINED = Definition(
    "outcomes.promotion_untrained",
    "outcomes",
    "Promotion rate of comparable staff below the yearly JP",
    "Of the staff below the yearly JP who, at the end of the year, held the rank of a trained colleague in "
    "the same agency, the share whose rank changed within `window_months`.",
    "comparable untrained staff promoted within the window",
    "comparable untrained staff",
    SOURCE,
)
MENTORED = Definition(
    "outcomes.promotion_mentored",
    "outcomes",
    "Promotion rate of mentees",
    "Of the employees of the scope ever mentored, the share whose rank changed within `window_months` after "
    "their first mentoring started (all mentorings recorded, not only the year's).",
    "mentees promoted within the window",
    "mentees",
    SOURCE,
)
UNMENTORED = Definition(
    "outcomes.promotion_unmentored",
    "outcomes",
    "Promotion rate of colleagues never mentored",
    "Of the colleagues never mentored who held a mentee's rank in the mentee's agency when the mentoring "
    "started, the share whose rank changed within `window_months` after that day.",
    "comparable colleagues promoted within the window",
    "comparable colleagues never mentored",
    SOURCE,
)
DEFINITIONS = (TRAINED, UNTRAINED, MENTORED, UNMENTORED)


def trained_members(ctx: Context, index: SpellIndex) -> tuple[list[Member], set[str], set[str]]:
    """(trained members on the year's last day, trained subjects, untrained subjects in post)."""
    day = ctx.year_end
    staff = in_post(ctx, day.isoformat(), scoped=True)
    target = yearly_jp(ctx.year) or 0
    rows = ctx.store.query(
        "SELECT subject, SUM(hours) AS hours FROM training WHERE year = ? GROUP BY subject", (ctx.year,)
    )
    trained = {r["subject"] for r in rows if r["subject"] in staff and int(r["hours"]) >= target}
    members = []
    for subject in sorted(trained):
        spell = index.on(subject, day)
        if spell is not None:
            members.append(Member(subject, day, spell.agency, spell.rank))
    return members, trained, staff - trained


def training_outcomes(ctx: Context) -> list[Indicator]:
    if yearly_jp(ctx.year) is None:
        return []
    with ctx.store.transaction(commit=False) as sql:
        index = load_spells(sql, [ctx.scope.agency])
    members, trained, untrained = trained_members(ctx, index)
    peers = [p for p in comparable(members, trained, index) if p.subject in untrained]
    result = promotion_comparison(members, peers, index, ctx.window_months, ctx.today)
    details = {
        "window_months": ctx.window_months,
        "window_complete": result["window_complete"],
        "difference": result["promotion_rate_difference"],
    }
    rows = rows_behind("spells+training", year=ctx.year, **ctx.scope.filters())
    return [
        measured(ctx, TRAINED, result["promoted"], len(members), result["promotion_rate"], rows, details=details),
        measured(
            ctx,
            UNTRAINED,
            result["comparable_promoted"],
            result["comparable"],
            result["comparable_promotion_rate"],
            rows,
            details=details,
        ),
    ]


def mentoring_outcomes(ctx: Context) -> list[Indicator]:
    found = MentoringQueries(ctx.store, today=ctx.today).mentoring_outcomes(
        ctx.scope.filters(), window_months=ctx.window_months
    )
    link = api_link("reports/mentoring", **ctx.scope.filters())
    rows = rows_behind("mentoring", **ctx.scope.filters())
    details = {"window_months": found["window_months"], "window_complete": found["window_complete"]}
    mentees, peers = found["mentees"], found["peers"]
    return [
        measured(
            ctx,
            MENTORED,
            mentees["promoted"],
            mentees["count"],
            mentees["promotion_rate"],
            rows,
            link=link,
            details=details,
        ),
        measured(
            ctx,
            UNMENTORED,
            peers["promoted"],
            peers["count"],
            peers["promotion_rate"],
            rows,
            link=link,
            details=details,
        ),
    ]


def outcomes(ctx: Context) -> list[Indicator]:
    return [*training_outcomes(ctx), *mentoring_outcomes(ctx)]
