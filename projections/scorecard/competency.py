"""Competency-development indicators: the 20 JP a year, hours, their spread, who is reached,
what participants think of each programme, and what a JP costs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from careerlog.domain.ledger import reference_key
from projections.scorecard.indicators import Context, Definition, Indicator, api_link, measured, rows_behind
from projections.training import (
    JUDGED_KIND,
    JUDGED_ON,
    NOT_IN_POST,
    TrainingQueries,
    participant_opinions,
    ratio,
    report_order,
    yearly_jp,
)

SOURCE_JP = "PP 11/2017 art. 203(4) (rule training.yearly_jp)"
JP_SHARE = Definition(
    "training.jp_share",
    "competency",
    "PNS meeting the yearly 20 JP",  # a CPNS and PPPK left out: the 20 JP is a PNS's (JUDGED_ON)
    "Share of the staff in post at the end of the year (31 December, or today in the current year; not on "
    "leave, study leave or suspended) whose trainings ending that year add up to the yearly JP target.",
    "staff in post at the end of the year with at least the yearly JP",
    "staff in post at the end of the year",
    SOURCE_JP,
)
HOURS = Definition(
    "training.hours_per_employee",
    "competency",
    "Lesson hours (JP) per PNS",
    "JP of the trainings ending in the year that the staff in post at the end of the year completed, per head.",
    "JP completed in the year by the staff in post at its end",
    "staff in post at the end of the year",
    SOURCE_JP,
)
SPREAD = {
    dim: Definition(
        f"training.jp_share_by_{dim}",
        "competency",
        f"PNS meeting the yearly 20 JP, by {dim}",
        f"training.jp_share for each {dim} of the staff in post at the end of the year (their {dim} on that day); "
        "the spread is the gap between the highest and the lowest share.",
        f"staff of the {dim} with at least the yearly JP",
        f"staff of the {dim} in post at the end of the year",
        SOURCE_JP,
    )
    for dim in ("rank", "sex", "region")
}
LEAST_TRAINED = Definition(
    "training.least_trained_reached",
    "competency",
    "Training reaching the staff who got the least before",
    "Of the staff in post at the end of the year who were also in post at the end of each of the previous "
    "`earlier_years` years and had less than the yearly JP in every one of them, the share with any training "
    "ending in the year.",
    "those staff with at least 1 JP in the year",
    "staff in post at the end of the year below the yearly JP in each of the earlier years",
    SOURCE_JP,
)
PROGRAMME_RATING = Definition(
    "training.programme_rating",
    "competency",
    "Participants' rating of a programme",
    "Mean overall rating (1 to 5) given to the trainings of a course (a title without its cohort, e.g. "
    "'Angkatan 3') in programmes ending in the year: one opinion per participant and programme.",
    "sum of the participants' ratings",
    "participants who rated the programme",
    "TrainingFeedbackGiven (careerlog)",
)
PROGRAMME_RELEVANCE = Definition(
    "training.programme_relevance",
    "competency",
    "Relevance of a programme to participants' work",
    "Mean relevance (1 to 5) to their work that participants gave the trainings of a course (a title without "
    "its cohort) in programmes ending in the year: one opinion per participant and programme.",
    "sum of the participants' relevance ratings",
    "participants who rated the programme",
    "TrainingFeedbackGiven (careerlog)",
)
COST_PER_JP = Definition(
    "training.cost_per_jp",
    "competency",
    "Cost per lesson hour (JP)",
    "Rupiah recorded as the cost of the trainings ending in the year, per JP of those trainings (trainings "
    "without a recorded cost are left out of both).",
    "recorded cost of the trainings, in rupiah",
    "JP of the trainings with a recorded cost",
    "TrainingCompleted.cost (careerlog)",
)
DEFINITIONS = (JP_SHARE, HOURS, *SPREAD.values(), LEAST_TRAINED, PROGRAMME_RATING, PROGRAMME_RELEVANCE, COST_PER_JP)


CELLS = ["agency", "rank", "sex", "region"]


def compliance_cells(ctx: Context) -> list[dict[str, Any]]:
    """`TrainingQueries.compliance` of the scope by agency, rank, sex and region: read once a year for every
    agency (a scope narrowed to a unit or a region reads its own), not once per agency and grouping."""
    queries = TrainingQueries(ctx.store, today=ctx.today)
    filters = ctx.scope.selection()
    if set(filters) != {"agency"}:
        return ctx.kept(("compliance", ctx.year, ctx.scope), lambda: queries.compliance(ctx.year, CELLS, filters))
    every = ctx.kept(("compliance", ctx.year), lambda: queries.compliance(ctx.year, CELLS))
    return [c for c in every if c["agency"] == ctx.scope.agency]


def compliance_rows(ctx: Context, by: list[str]) -> list[dict[str, Any]]:
    """`TrainingQueries.compliance(year, by, scope)` for `by` among CELLS, added up from `compliance_cells`."""
    target = yearly_jp(ctx.year)
    sums: dict[tuple[Any, ...], list[int]] = {}
    for cell in compliance_cells(ctx):
        got = sums.setdefault(tuple(cell[f] for f in by), [0, 0, 0])
        got[0] += cell["staff"]
        got[1] += cell["met"] or 0
        got[2] += cell["hours"]
    rows = []
    for key, (staff, met_count, hours) in sums.items():
        met = None if target is None else met_count
        group = dict(zip(by, key, strict=True))
        rows.append({**group, "staff": staff, "met": met, "share": ratio(met, staff), "hours": hours})
    return sorted(rows, key=report_order(by))


def jp_indicators(ctx: Context) -> list[Indicator]:
    """The JP share and the hours per employee of the scope."""
    link = api_link("reports/training-compliance", year=ctx.year, **ctx.scope.filters())
    rows = rows_behind("spells+training", year=ctx.year, as_of=ctx.year_end.isoformat(), **ctx.scope.filters())
    found = compliance_rows(ctx, ["agency"])
    staff = sum(r["staff"] for r in found)
    met = None if yearly_jp(ctx.year) is None else sum(r["met"] or 0 for r in found)
    hours = sum(r["hours"] for r in found)
    return [
        measured(ctx, JP_SHARE, met, staff, ratio(met, staff), rows, link=link),
        measured(ctx, HOURS, hours, staff, ratio(hours, staff, 2), rows, link=link),
    ]


def spread_indicators(ctx: Context) -> list[Indicator]:
    """The JP share per rank, sex and region of the staff."""
    found: list[Indicator] = []
    for dim, definition in SPREAD.items():
        for r in compliance_rows(ctx, ["agency", dim]):
            group = {dim: r[dim]}
            link = api_link("reports/training-compliance", year=ctx.year, by=f"agency,{dim}", **ctx.scope.filters())
            rows = rows_behind("spells+training", year=ctx.year, **{**ctx.scope.filters(), **group})
            found.append(measured(ctx, definition, r["met"], r["staff"], r["share"], rows, link=link, group=group))
    return found


def in_post(ctx: Context, day: str, scoped: bool, *, judged: bool = False) -> frozenset[str]:
    """The staff in post on a day (not on leave, study leave or suspended), of the scope or of every agency;
    only the PNS then if `judged` (the yearly JP is theirs, not a PPPK's nor a CPNS's: JUDGED_ON, as
    `TrainingQueries.compliance` counts them); read once per scorecard."""
    filters = tuple(ctx.scope.selection().items()) if scoped else ()
    return ctx.kept(("in_post", day, filters, judged), lambda: staff_on(ctx, day, filters, judged))


def staff_on(
    ctx: Context, day: str, filters: tuple[tuple[str, tuple[str, ...]], ...], judged: bool = False
) -> frozenset[str]:
    clauses = ["start_date <= ?", "(end_date IS NULL OR end_date > ?)", f"status NOT IN ({', '.join('?' * 3)})"]
    params: list[Any] = [day, day, *NOT_IN_POST]
    if judged:
        clauses.append(JUDGED_ON)
        params += [JUDGED_KIND, day]
    selected(clauses, params, filters)
    rows = ctx.store.query(f"SELECT DISTINCT subject FROM spells WHERE {' AND '.join(clauses)}", params)
    return frozenset(r["subject"] for r in rows)


def yearly_hours(ctx: Context, year: int) -> dict[str, int]:
    """JP of the trainings ending in a year, per employee who had any (of every agency); read once per
    scorecard, for every year and agency measured."""

    def read() -> dict[str, int]:
        rows = ctx.store.query(
            "SELECT subject, SUM(counted_hours) AS hours FROM training WHERE year = ? GROUP BY subject", (year,)
        )
        return {r["subject"]: int(r["hours"]) for r in rows}

    return ctx.kept(("hours", year), read)


def least_trained_indicator(ctx: Context, earlier_years: int) -> list[Indicator]:
    """How many of those below the yearly JP in each earlier year had any training this year."""
    years = range(ctx.year - earlier_years, ctx.year)
    if any(yearly_jp(y) is None for y in years):
        return []
    jp = {y: yearly_hours(ctx, y) for y in (*years, ctx.year)}
    staff = in_post(ctx, ctx.year_end.isoformat(), scoped=True, judged=True)
    for y in years:
        staff = staff & in_post(ctx, f"{y}-12-31", scoped=False, judged=True)
    least = {s for s in staff if all(jp[y].get(s, 0) < (yearly_jp(y) or 0) for y in years)}
    reached = sum(1 for s in least if jp[ctx.year].get(s, 0) > 0)
    behind = rows_behind("spells+training", year=ctx.year, earlier_years=earlier_years, **ctx.scope.filters())
    return [measured(ctx, LEAST_TRAINED, reached, len(least), ratio(reached, len(least)), behind)]


COHORT = re.compile(r"\s+(angkatan|batch|cohort|gelombang|kelas)\s+\S+$", re.IGNORECASE)


def course(title: str) -> str:
    """A training's course: its title without the cohort ("... Angkatan 3")."""
    return COHORT.sub("", title.strip())


def selected(clauses: list[str], params: list[Any], selection: Iterable[tuple[str, tuple[str, ...]]]) -> None:
    """Add a scope's selection (Scope.selection) to a statement's conditions: each column among its values."""
    for name, values in selection:
        clauses.append(f"{name} IN ({', '.join('?' * len(values))})")
        params.extend(values)


def scope_clauses(ctx: Context, clauses: list[str], params: list[Any]) -> str:
    selected(clauses, params, ctx.scope.selection().items())
    return " AND ".join(clauses)


def programme_indicators(ctx: Context) -> list[Indicator]:
    """Feedback per course of the programmes ending in the year: one opinion per participant and programme."""
    params: list[Any] = [ctx.year]
    where = scope_clauses(ctx, ["year = ?", "programme_id IS NOT NULL", "feedback_rating IS NOT NULL"], params)
    rows = ctx.store.query(
        "SELECT DISTINCT subject, programme_id, title, feedback_rating, feedback_relevance "
        f"FROM training WHERE {where}",
        params,
    )
    # one opinion per participant and programme of a course: a programme by its key (reference_key), so one recorded
    # as `DIKLAT-PIM IV` and `diklat-pim iv` is one (as the programmes report counts it), and a participant of two of
    # its cohorts (two titles of one course) is counted once
    opinions = participant_opinions(
        ((course(r["title"]), r["subject"], reference_key(r["programme_id"])), r["programme_id"], r) for r in rows
    )
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0])
    raters: dict[str, set[str]] = defaultdict(set)  # the people behind a course's opinions (one may give two)
    for (name, subject, _programme), (rating, relevance) in opinions.items():
        sums = totals[name]
        sums[0] += 1
        sums[1] += rating
        sums[2] += relevance
        raters[name].add(subject)
    link = api_link("reports/programmes", year=ctx.year, **ctx.scope.filters())
    found = []
    for name, (n, rating, relevance) in sorted(totals.items()):
        group = {"programme": name}
        behind = rows_behind("training", year=ctx.year, course=name, **ctx.scope.filters())
        for definition, sum_of in ((PROGRAMME_RATING, rating), (PROGRAMME_RELEVANCE, relevance)):
            points = int(sum_of) if float(sum_of).is_integer() else sum_of  # (a mean of two opinions may be a half)
            people = len(raters[name])
            value = ratio(points, n)
            found.append(measured(ctx, definition, points, n, value, behind, link=link, group=group, people=people))
    return found


def cost_indicator(ctx: Context) -> Indicator:
    params: list[Any] = [ctx.year]
    where = scope_clauses(ctx, ["year = ?", "cost IS NOT NULL"], params)
    row = ctx.store.query(
        f"SELECT SUM(cost) AS cost, SUM(hours) AS hours, COUNT(DISTINCT subject) AS people FROM training WHERE {where}",
        params,
    )[0]
    cost = None if row["cost"] is None else round(float(row["cost"]), 2)
    hours = int(row["hours"] or 0)
    rows = rows_behind("training", year=ctx.year, cost="recorded", **ctx.scope.filters())
    # (per JP, about the people trained: one person's training is withheld however many JP it had)
    return measured(ctx, COST_PER_JP, cost, hours, ratio(cost, hours, 2), rows, people=int(row["people"] or 0))


def competency(ctx: Context, earlier_years: int) -> list[Indicator]:
    return [
        *jp_indicators(ctx),
        *spread_indicators(ctx),
        *least_trained_indicator(ctx, earlier_years),
        *programme_indicators(ctx),
        cost_indicator(ctx),
    ]
