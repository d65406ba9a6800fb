"""Outcome indicators: promotions of trained against comparable untrained staff, and of mentees
against colleagues never mentored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from projections.mentoring import RELATIONSHIP_FILTERS, first_mentoring
from projections.scorecard.competency import in_post, yearly_hours
from projections.scorecard.indicators import Context, Definition, Indicator, api_link, measured, rows_behind
from projections.training import (
    Member,
    SpellIndex,
    comparable,
    filter_clauses,
    load_spells,
    promoted_count,
    promotion_comparison,
    ratio,
    window,
    window_complete,
    yearly_jp,
)

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
POST_SOURCE = "careerlog views training, spells and decisions (audited post appointments, docs/audit.md)"
POST_TRAINED = Definition(
    "outcomes.post_appointment_trained",
    "outcomes",
    "Post appointment rate of staff who met the yearly JP",
    "Of the staff in post at the end of the year who met the yearly JP, the share appointed to a definitive post "
    "(an audited post appointment) with TMT within `window_months` after that day.",
    "trained staff appointed to a post within the window",
    "staff in post at the end of the year who met the yearly JP",
    POST_SOURCE,
)
POST_UNTRAINED = Definition(
    "outcomes.post_appointment_untrained",
    "outcomes",
    "Post appointment rate of comparable staff below the yearly JP",
    "Of the comparable staff below the yearly JP (as for outcomes.promotion_untrained), the share appointed to a "
    "definitive post (an audited post appointment) with TMT within `window_months` after the end of the year.",
    "comparable untrained staff appointed to a post within the window",
    "comparable untrained staff",
    POST_SOURCE,
)
DEFINITIONS = (TRAINED, UNTRAINED, POST_TRAINED, POST_UNTRAINED, MENTORED, UNMENTORED)


def spells_of(ctx: Context) -> SpellIndex:
    """The spells of everyone ever in the scope's agency, as `load_spells` reads them for it: one index of the
    agencies the scorecard measures (`ctx.memo["agencies"]`, else the scope's agency), read once, seen
    through the employees ever in the agency (`SpellIndex.among`)."""

    def read() -> SpellIndex:
        with ctx.store.transaction(commit=False) as sql:
            return load_spells(sql, ctx.memo.get("agencies") or [ctx.scope.agency])

    index = ctx.kept("spells", read)
    agency = ctx.scope.agency
    return ctx.kept(("spells", agency), lambda: index.among(index.subjects_in(agency)))


def trained_members(ctx: Context, index: SpellIndex) -> tuple[list[Member], set[str], set[str]]:
    """(trained members on the year's last day, trained subjects, untrained subjects in post): of the PNS in post
    alone, the staff of training.jp_share (`judged`): the 20 JP is not a PPPK's nor a CPNS's, and a PPPK is never
    promoted in rank. (Until 2026-12-06 the PPPK and CPNS in post were counted too: KOTA-MEDAN's 2025 trained staff
    were 114, 94 of them the PNS of training.jp_share.)"""
    day = ctx.year_end
    staff = in_post(ctx, day.isoformat(), scoped=True, judged=True)
    target = yearly_jp(ctx.year) or 0
    hours = yearly_hours(ctx, ctx.year)
    trained = {s for s, jp in hours.items() if s in staff and jp >= target}
    members = []
    for subject in sorted(trained):
        spell = index.on(subject, day)
        if spell is not None:
            members.append(Member(subject, day, spell.agency, spell.rank))
    return members, trained, set(staff - trained)


def post_appointments(ctx: Context) -> dict[str, list[date]]:
    """The TMTs of every definitive post appointment audited, per employee; read once per scorecard."""

    def read() -> dict[str, list[date]]:
        rows = ctx.store.query(
            "SELECT subject, tmt FROM decisions WHERE decision = 'post' AND tmt IS NOT NULL ORDER BY subject, tmt"
        )
        posts: dict[str, list[date]] = defaultdict(list)
        for r in rows:
            posts[r["subject"]].append(date.fromisoformat(r["tmt"]))
        return dict(posts)

    return ctx.kept("posts", read)


def appointed(ctx: Context, members: Sequence[Member]) -> int:
    """How many of the members were appointed to a definitive post within the window after their day."""
    posts = post_appointments(ctx)
    until = relativedelta(months=ctx.window_months)
    return sum(1 for m in members if any(m.day < day <= m.day + until for day in posts.get(m.subject, ())))


def post_outcomes(
    ctx: Context, members: Sequence[Member], peers: Sequence[Member], details: dict[str, Any]
) -> list[Indicator]:
    rows = rows_behind("spells+training+decisions", year=ctx.year, decision="post", **ctx.scope.filters())
    found = []
    for definition, group in ((POST_TRAINED, members), (POST_UNTRAINED, peers)):
        hits = appointed(ctx, group)
        found.append(measured(ctx, definition, hits, len(group), ratio(hits, len(group)), rows, details=details))
    return found


def training_outcomes(ctx: Context) -> list[Indicator]:
    if yearly_jp(ctx.year) is None:
        return []
    index = spells_of(ctx)
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
        *post_outcomes(ctx, members, peers, {k: details[k] for k in ("window_months", "window_complete")}),
    ]


MENTORED_SQL = "SELECT DISTINCT subject FROM mentoring"


def mentoring_promotions(ctx: Context) -> dict[str, Any]:
    """Mentees' promotions within the window after their first mentoring started, against colleagues of the same
    agency and rank on that day never mentored: the figures of `MentoringQueries.mentoring_outcomes` that the
    scorecard shows (not the JP and SKP scores of the years after), from the scorecard's spells."""
    months = window(ctx.window_months)
    clauses, params = filter_clauses(ctx.scope.selection(), RELATIONSHIP_FILTERS)
    with ctx.store.transaction(commit=False) as sql:
        mentees = first_mentoring(sql, clauses, params)
    mentored = ctx.kept("mentored", lambda: {r["subject"] for r in ctx.store.query(MENTORED_SQL)})
    index = spells_of(ctx) if mentees else SpellIndex(())
    peers = comparable(mentees, mentored, index)
    if ctx.scope.region:  # (a region's card: the colleagues in post there that day, as the training's peers are)
        peers = [p for p in peers if p.subject in in_post(ctx, p.day.isoformat(), scoped=True)]

    def group(members: Sequence[Member]) -> dict[str, Any]:
        promoted = promoted_count(members, index, months)
        return {"count": len(members), "promoted": promoted, "promotion_rate": ratio(promoted, len(members))}

    return {
        "window_months": months,
        "mentees": group(mentees),
        "peers": group(peers),
        "window_complete": window_complete([*mentees, *peers], months, ctx.today),
    }


def mentoring_outcomes(ctx: Context) -> list[Indicator]:
    # every mentoring recorded, not the year's: the same in each year
    found = ctx.kept(("mentoring", ctx.scope), lambda: mentoring_promotions(ctx))
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
