"""Merit and performance-management indicators, from the merit audit's views and queries."""

from __future__ import annotations

from typing import Any

from careerlog.domain.unit import unit_key
from careerlog.reference import rules
from projections.merit.distribution import GradeInflationQueries
from projections.merit.fairness import FairnessQueries
from projections.merit.queries import AuditQueries, Passed, PassedOverQueries, compared_alone
from projections.scorecard.indicators import Context, Definition, Indicator, api_link, measured, rows_behind
from projections.training import ratio

SOURCE = "Merit audit (docs/audit.md, docs/rules.md)"
CLEAN = Definition(
    "merit.clean_promotions",
    "merit",
    "Promotions other than 202s without findings",
    "Share of the rank promotions other than 202s with TMT in the year judged by a promotion rule in force on the "
    "TMT whose audit raised no finding (a promotion before any was in force, before 2000, is not judged: not "
    "counted; nor is a 202, the functional-post promotion, with or without a finding: the audit's lists do not "
    "compare it with its colleagues; a 202's findings are counted in merit.findings_by_rule, and the rows behind "
    "the share list the 202s too).",
    "rank promotions without a finding",
    "rank promotions judged, other than 202s",
    SOURCE,
)
BY_RULE = Definition(
    "merit.findings_by_rule",
    "merit",
    "Decisions with a finding of a rule",
    "For each rule, the audited decisions with TMT in the year that have a finding of that rule, of those the rule "
    "judges: a promotion rule's of the rank promotions, a post rule's of the definitive post appointments.",
    "decisions with a finding of the rule",
    "decisions the rule judges",
    SOURCE,
)
RECORDED_AFTER = Definition(
    "merit.recorded_after_decision",
    "merit",
    "Decisions resting on evidence recorded after them",
    "Audited decisions (rank promotions and definitive post appointments) with TMT in the year with an "
    "evidence.recorded_after finding.",
    "decisions with evidence recorded after the decision",
    "decisions audited",
    SOURCE,
)
PASSED_OVER = Definition(
    "merit.passed_over",
    "merit",
    "Colleagues passed over",
    "Pairs of a regular promotion in a round of the year and an eligible colleague of the same unit and rank, "
    "not promoted, with clearly stronger merit (rule merit.passed_over).",
    "passed-over colleagues (per promotion)",
    "regular (101) promotions audited",
    SOURCE,
)
IMPACT = {
    dim: Definition(
        f"merit.impact_ratio_by_{dim}",
        "merit",
        f"Promotion impact ratio by {dim}",
        f"Selection rate of each {dim} group in the year's regular promotion rounds (promoted / in the pool) "
        "divided by the highest group's rate, with the Holm-adjusted Fisher exact p-value (docs/fairness.md).",
        "promoted from the group's pool",
        "the group's pool (eligible or promoted) over the rounds of the year",
        "29 CFR 1607.4(D) four-fifths rule; rule fairness.adverse_impact",
    )
    for dim in ("sex", "region", "education")
}
SKP = Definition(
    "performance.units_over_cap",
    "performance",
    "Units rating their staff above what the unit's own rating allows",
    "Unit-years of the year whose staff predicates exceed the shares the unit's own predicate allows "
    "(rule skp.distribution), of the unit-years rated.",
    "unit-years over the caps",
    "unit-years with a unit rating",
    "PermenPANRB 6/2022; rule skp.distribution",
)
DEFINITIONS = (CLEAN, BY_RULE, RECORDED_AFTER, PASSED_OVER, *IMPACT.values(), SKP)
DECISION_RULES = ("promotion.", "post.", "evidence.")
POST_RULES = "post."
AUDITED_BY_RULE = ("promotion", "post")  # the decisions of DECISION_RULES' findings (not the CPNS appointments)


EITHER_RULES = "evidence."  # rules judging both kinds of decision: their findings are in both lists


def rule_lists(rule_id: str) -> tuple[str, ...]:
    """The API's lists of the decisions a rule's findings are on, whose totals add up to its count: a post rule's
    on the post appointments (the promotions' list holds none of them: its link would list no row of those
    counted), an evidence rule's (evidence.recorded_after) on the promotions and the post appointments, each list
    giving its own with the same rule (until 2026-12-05 its link was the promotions' alone, which listed none of
    the post appointments it counted), any other's on the promotions."""
    if rule_id.startswith(POST_RULES):
        return ("posts",)
    return ("promotions", "posts") if rule_id.startswith(EITHER_RULES) else ("promotions",)


def rule_kinds(rule_id: str) -> tuple[str, ...]:
    """The decisions a rule judges (`rule_lists`' lists): a post rule the post appointments, an evidence rule both,
    any other the rank promotions."""
    return tuple({"promotions": "promotion", "posts": "post"}[path] for path in rule_lists(rule_id))


def audit_link(ctx: Context, path: str, **extra: Any) -> str:
    start, end = ctx.period
    return api_link(f"audits/{path}", **ctx.scope.filters(), **{"from": start, "to": end}, **extra)


class ScorecardAudit(AuditQueries):
    """The merit audit's queries reading the rounds that passed someone over once per scorecard (its store has
    no tracking table to keep them by: each list or count would read them again)."""

    def __init__(self, ctx: Context):
        super().__init__(ctx.store, today=ctx.today)
        self.ctx = ctx

    def passed_rounds(self) -> Passed:
        return self.ctx.kept("passed_rounds", super().passed_rounds)


def passed_over_pairs(ctx: Context) -> list[dict[str, Any]]:
    """merit.passed_over's pairs of the scope, every year: read once per scorecard for its years."""
    queries = PassedOverQueries(ctx.store, today=ctx.today)
    return ctx.kept(("passed_over", ctx.scope), lambda: queries.passed_over(ctx.scope.selection()))


def promotion_indicators(ctx: Context) -> list[Indicator]:
    start, end = ctx.period
    audit = ScorecardAudit(ctx)
    promotions = audit.promotions(ctx.scope.selection(), start=start, end=end)
    # judged (NULL: no promotion rule in force on the TMT) and compared: a 202, whose colleagues only its page compares,
    # is in neither count, with or without a finding. One clean by its rules (the lists' not_compared) is not known
    # clean nor not clean; leaving it out but counting one with a finding (until 2026-12-06) read the share low, the
    # lower the more functional staff (KAB-DELISERDANG 2026: 32 of 37 with one bad 202 more, now 32 of 36). Until
    # 2026-12-06 a clean 202 was first counted clean (where its page could read findings), then in the denominator
    # alone, then in neither count while a flagged one stayed in the denominator.
    judged = [d for d in promotions if d["verdict"] is not None and not compared_alone(d)]
    # clean: `compliant` as the list reads it (its link)
    clean = sum(1 for d in judged if d["verdict"] == "compliant")
    # the decisions judged with the rounds: a regular promotion that passed over a clearly stronger colleague
    # (merit.passed_over, found over promotion_rounds) is not clean, though its decisions row reads `compliant`; they
    # list the 202s too (the lists' `kind` filter takes one kind, not every kind but 202: said in CLEAN's definition)
    rows = rows_behind(
        "decisions+promotion_rounds", decision="promotion", tmt_from=start, tmt_to=end, **ctx.scope.filters()
    )
    found = [
        # (the list of the clean ones: verdict compliant, which leaves out the judged ones that passed someone over)
        measured(
            ctx,
            CLEAN,
            clean,
            len(judged),
            ratio(clean, len(judged)),
            rows,
            link=audit_link(ctx, "promotions", verdict="compliant"),
            people=len({d["subject"] for d in judged}),
        )
    ]
    # the decisions these rules judge, by kind: rank promotions and definitive posts (a CPNS appointment is judged
    # by appointment.starting_rank alone, in a list of its own, and has no finding of these rules)
    judged_by = {
        kind: audit.decisions_count(ctx.scope.selection(), decision=kind, start=start, end=end)
        for kind in AUDITED_BY_RULE
    }
    # the people those decisions are about (one may have a promotion and a post appointment in a year)
    people = {"promotion": {d["subject"] for d in promotions}}
    people["post"] = decision_subjects(ctx, audit, decision="post", start=start, end=end)
    # each rule's decisions with a finding of it, counted by one query grouped by rule
    rule_ids = [r for r in rules().ids if r.startswith(DECISION_RULES)]
    counts = audit.decisions_count_by_rule(ctx.scope.selection(), rule_ids, start=start, end=end)
    for rule_id in rule_ids:
        hits = counts[rule_id]
        # a rule's rate of the decisions it judges, those its link lists (a promotion rule's of the promotions, a post
        # rule's of the posts, an evidence rule's of both; until 2026-12-06 every rule's of both)
        kinds = rule_kinds(rule_id)
        decisions = sum(judged_by[kind] for kind in kinds)
        audited = len(set().union(*(people[kind] for kind in kinds)))
        definition = RECORDED_AFTER if rule_id == "evidence.recorded_after" else BY_RULE
        group = {} if definition is RECORDED_AFTER else {"rule": rule_id}
        behind = rows_behind("findings", rule=rule_id, tmt_from=start, tmt_to=end, **ctx.scope.filters())
        links = tuple(audit_link(ctx, path, rule=rule_id) for path in rule_lists(rule_id))
        found.append(
            measured(
                ctx,
                definition,
                hits,
                decisions,
                ratio(hits, decisions),
                behind,
                links=links,
                group=group,
                people=audited,
            )
        )
    regular = sum(1 for d in promotions if d["kind"] == "101")
    promoted = len({d["subject"] for d in promotions if d["kind"] == "101"})
    passed = [p for p in passed_over_pairs(ctx) if p["tmt"][:4] == str(ctx.year)]  # (the TMT's year, as `regular`)
    behind = rows_behind("promotion_rounds", round_year=ctx.year, **ctx.scope.filters())
    found.append(measured(ctx, PASSED_OVER, len(passed), regular, ratio(len(passed), regular), behind, people=promoted))
    return found


def decision_subjects(ctx: Context, audit: AuditQueries, **options: Any) -> set[str]:
    """The people of the audited decisions of the scope (filtered as `AuditQueries.decisions_count`)."""
    source, where, params = audit.decisions_where(ctx.scope.selection(), **options)
    return {r["subject"] for r in ctx.store.query(f"SELECT DISTINCT d.subject FROM {source}{where}", params)}


# `details.selection_rate_withheld` of an impact ratio's group whose pool is under min_cell (since 2026-12-06)
BELOW_MIN_CELL = "below_min_cell"


def impact_indicators(ctx: Context, min_cell: int | None) -> list[Indicator]:
    """The impact ratios by sex, region and education, judged by rule fairness.adverse_impact (its threshold and
    alpha; its min_cell unless the scorecard's settings give one)."""
    start, end = ctx.period
    fairness = FairnessQueries(ctx.store, today=ctx.today)
    found = []
    for dim, definition in IMPACT.items():
        # only the fields shown below: no interval, z or CMH test (the same rates and Fisher/Holm answers)
        result = fairness.fairness(
            dim, start=start, end=end, scope=ctx.scope.selection(), min_cell=min_cell, detail=False
        )
        link = audit_link(ctx, "fairness", by=dim)
        leading = next((g for g in result["groups"] if g["reference"]), None)  # the group each is compared with
        # each group's people (its pool counts a person once per round they were in it): the distinct people in its
        # pool in any round of the year (one who moved between rounds counts in both groups)
        counting = counted(ctx, fairness, result["groups"])
        persons = fairness.people_in_groups([dim], start, end, ctx.scope.selection()) if counting else {}
        for g in result["groups"]:
            details = {
                k: g[k]
                for k in (
                    "selection_rate",
                    "reference",
                    "adverse_impact",
                    "p_fisher",
                    "p_fisher_adjusted",
                    "significant",
                )
            }
            # (not the fairness audit's `suppressed`, its pool under min_cell: `selection_rate_withheld` below says it;
            # until 2026-12-06 `details.suppressed` read true beside the indicator's `suppressed: false`, the reader's
            # withholding, which for a reader of exact figures is none)
            # what it was judged by: the rule's threshold, and the smallest group compared (the findings' defaults)
            details.update(threshold=result["four_fifths"], min_cell=result["min_cell"])
            # why no group was compared (fewer than two shown, or nobody promoted), as the fairness audit says it:
            # then no ratio, and no group the reference nor adversely impacted (until 2026-12-05 a lone group read
            # 1.0, the reference, not adversely impacted: compared with no one)
            details["untested"] = result.get("untested")
            # why a group's selection rate is null though its counts are shown: its pool under min_cell, as
            # /audits/fairness withholds it (its `suppressed`, not the indicator's); null where the rate is given
            details["selection_rate_withheld"] = BELOW_MIN_CELL if g["suppressed"] else None
            if details["untested"]:
                details.update(reference=None, adverse_impact=None)
            # the counts it was compared with: a finding states them (docs/fairness.md)
            if leading is not None and not details["untested"]:
                details.update(
                    reference_group=leading["group"],
                    reference_promoted=leading["promoted"],
                    reference_eligible=leading["eligible"],
                )
            behind = rows_behind(
                "promotion_rounds", round_from=start, round_to=end, **{**ctx.scope.filters(), dim: g["group"]}
            )
            group = {dim: g["group"]}
            found.append(
                measured(
                    ctx,
                    definition,
                    g["promoted"],
                    g["eligible"],
                    None if details["untested"] else g["impact_ratio"],
                    behind,
                    link=link,
                    group=group,
                    details=details,
                    people=group_people(persons, g) if persons else None,
                )
            )
    return found


def counted(ctx: Context, fairness: FairnessQueries, groups: list[dict[str, Any]]) -> bool:
    """Whether the groups' people are counted (`FairnessQueries.people_in_groups`, a count of the pools by person):
    always, unless the scorecard is for a reader shown values about at least `exact_below` people
    (`ScorecardQueries.scorecard`),
    for whom only a group whose pool (a person once per round) holds at least that many but could hold fewer people
    (fewer than that many times the rounds of the period) is judged otherwise by its people; the others' (None:
    their pool) are withheld or shown alike."""
    if not groups:
        return False
    below = ctx.memo.get("exact_below")
    if below is None:
        return True
    if below <= 1:
        return False
    start, end = ctx.period
    rounds = ctx.kept(("rounds", ctx.scope, start), lambda: fairness.rounds_counted(start, end, ctx.scope.selection()))
    return any(below <= g["eligible"] < below * rounds[0] for g in groups)


def group_people(persons: dict[str, int], group: dict[str, Any]) -> int:
    """A group's people (`FairnessQueries.people_in_groups`), at least one where its pool holds anyone: a pool
    counted apart from its people (a round after the count, a label read otherwise) is never shown as about nobody,
    which no minimum withholds."""
    return max(persons.get(group["group"], 0), 1 if group["eligible"] else 0)


# Why the grade-inflation indicator has no value on a card of one region's staff (details.not_measured)
JUDGED_ON_WHOLE_UNITS = "judged_on_whole_units"


def skp_indicator(ctx: Context) -> list[Indicator]:
    """The share of the units rated in the year whose staff's ratings exceed the unit's cap (grade inflation). Not
    measured of the staff in one region (`region` set: no value, details.not_measured JUDGED_ON_WHOLE_UNITS, no
    finding): a unit is judged on the ratings of all its staff, wherever placed, and its counts would tell the
    ratings of staff outside the region (the grade-inflation audit refuses such a reader alike); until 2026-12-06 a
    region's card showed the agency's whole units, named, and their rated staff."""
    if ctx.scope.region:
        behind = rows_behind("unit_ratings+staff_ratings", year=ctx.year, **ctx.scope.filters())
        return [measured(ctx, SKP, None, None, None, behind, details={"not_measured": JUDGED_ON_WHOLE_UNITS})]
    filters = {k: v for k, v in ctx.scope.filters().items() if k in ("agency", "unit")}
    over = GradeInflationQueries(ctx.store, today=ctx.today).grade_inflation(filters, start=ctx.year, end=ctx.year)
    # (the unit by `unit_key`, as grade inflation matches it: the rated unit in any spelling of the scope's)
    keyed = {("unit_key" if k == "unit" else k): (unit_key(v) if k == "unit" else v) for k, v in filters.items()}
    clauses = " AND ".join(["year = ?", *(f"{k} = ?" for k in keyed)])
    rated = int(
        ctx.store.scalar(f"SELECT COUNT(*) FROM unit_ratings WHERE {clauses}", (ctx.year, *keyed.values())) or 0
    )
    details = {"units": [f"{u['agency']}/{u['unit']}" for u in over]}
    behind = rows_behind("unit_ratings+staff_ratings", year=ctx.year, **filters)
    # the staff rated in those unit-years, whose ratings the value is about
    where = " AND ".join(["u.year = ?", *(f"u.{k} = ?" for k in keyed)])
    joined = (
        "staff_ratings s JOIN unit_ratings u ON u.year = s.year AND u.agency = s.agency AND u.unit_key = s.unit_key"
    )
    staff = int(
        ctx.store.scalar(f"SELECT COUNT(DISTINCT s.subject) FROM {joined} WHERE {where}", (ctx.year, *keyed.values()))
        or 0
    )
    return [measured(ctx, SKP, len(over), rated, ratio(len(over), rated), behind, details=details, people=staff)]


def merit(ctx: Context, min_cell: int | None) -> list[Indicator]:
    return [*promotion_indicators(ctx), *impact_indicators(ctx, min_cell), *skp_indicator(ctx)]
