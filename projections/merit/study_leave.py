"""The study-leave audit: each start of study leave (tugas belajar) judged against the rules in force on its day.

Formal study needs 1 year as PNS and no medium or severe penalty (the reference, [S]). A study leave starts by a
`study_leave_start` fact, or by a `status_change` to STUDY_LEAVE (SIASN kedudukanHukum 03) of a day the final record
did not already hold that status the day before. Each start is judged, like a promotion, by the record as known
before it was recorded (`known_before`), under the rules `study_leave.*` in force on its day
(careerlog/reference/rules.toml, docs/rules.md, docs/audit.md): a fact it relies on that was recorded after it (a
penalty of the levels the rule lists, in force that day; a confirmation effective by then) is its own
`evidence.recorded_after` finding, as for promotions, and the other rules are judged without it.

Tables (docs/views.md): `study_leaves` (one row per start judged, with its verdict) and `study_leave_findings` (the
merit audit's `findings` columns).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from careerlog.ages import add_years, whole_years
from careerlog.domain.wording import Template
from careerlog.reference import Rule, Rules, rules
from projections.career import CareerRecord, Fact
from projections.framework import Table, TupleProjection, rules_digest
from projections.merit.audit import FINDINGS, LATE_EVIDENCE
from projections.merit.rules import SEVERITY_ORDER, Check, check, evidence_json, penalty_served, rule_on

SERVICE_RULE = "study_leave.service_years"
PENALTY_RULE = "study_leave.penalty"
LATE_RULE = "evidence.recorded_after"
STUDY_LEAVE = "STUDY_LEAVE"  # asn.toml statuses: SIASN 03, Tugas belajar
START_KIND = "study_leave_start"
STATUS_KIND = "status_change"

# The wording of the outcomes (translated on the pages: web/pages/messages.py).
PNS_SINCE = Template(
    "PNS since {since}; {years} y needed, reached on {due}; study leave from {day}",
    ("since", "due", "day"),
    (),
    ("years",),
)
PPPK_NOT_PNS = Template("a PPPK is not a PNS; study leave from {day}", ("day",))
# a CPNS: no confirmation as PNS in effect by the day (projections.career.pns_from); the appointment shows since when
STILL_CPNS = Template(
    "CPNS since {since}, no confirmation as PNS recorded by {day}; study leave from {day}", ("since", "day")
)
PENALTY_IN_FORCE = Template(
    "penalties barring study leave in force on {day}: {count}", ("day",), (), ("count",)
)  # (not the promotion rule's wording, which the pages read as a penalty barring a promotion)

STUDY_LEAVES = Table(
    "study_leaves",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("kind", "TEXT"),  # the fact that started it: study_leave_start or status_change
        ("reference", "TEXT"),
        ("start_date", "TEXT"),
        ("recorded_at", "TEXT"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("employment_kind", "TEXT"),
        ("pns_since", "TEXT"),  # as known before the start was recorded
        ("pns_years", "INTEGER"),
        ("corrected", "INTEGER"),
        ("judged", "INTEGER"),  # 1 when a study_leave.* rule was in force on the day, else 0 (verdict NULL)
        ("verdict", "TEXT"),
        ("finding_count", "INTEGER"),
        ("max_severity", "TEXT"),
    ),
    ("subject", "version"),
    # (start_date, subject, version): the list's order, so that a page is read in it, not sorted
    indexes=(("start_date", "subject", "version"), ("agency", "unit", "start_date")),
)

# The same columns as the merit audit's findings: a rule, its severity, source and status, a message and the facts
# that show it (evidence_json).
STUDY_LEAVE_FINDINGS = Table("study_leave_findings", FINDINGS.columns, FINDINGS.primary_key, FINDINGS.indexes)


def study_leave_starts(record: CareerRecord) -> list[Fact]:
    """The facts that start a study leave, in order of day: every study_leave_start (as corrected, not retracted),
    and every status change to STUDY_LEAVE of a day on which the final record did not hold it the day before (a
    change to it while already away on study leave starts nothing) and no study_leave_start is effective (the
    study leave and SIASN's status of its day recorded both: one start, judged as the study_leave_start)."""
    found = list(record.of_kind(START_KIND))
    started = {fact.effective_date for fact in found}
    for fact in record.of_kind(STATUS_KIND):
        day = fact.effective_date
        if (
            fact.get("status") == STUDY_LEAVE
            and day not in started
            and record.status_on(day - timedelta(days=1)) != STUDY_LEAVE
        ):
            found.append(fact)
    return sorted(found, key=lambda f: (f.effective_date, f.version))


def pns_start(known: CareerRecord, day: date) -> tuple[date, Fact] | None:
    """The day the employee is a PNS as `known` reads it (`projections.career.pns_from`: the confirmation in effect by
    `day`) and the confirmation; None without one (a CPNS, however long ago appointed) or without appointment."""
    confirmed = known.of_kind("confirmation", until=day) if known.appointment is not None else []
    return (confirmed[0].effective_date, confirmed[0]) if confirmed else None


def service_check(known: CareerRecord, day: date, rule: Rule) -> Check | None:
    """At least `years` as PNS on `day`, counted from the confirmation in effect then: a CPNS (none recorded by
    then) has none, however long ago appointed, a finding whose evidence is the appointment. A PPPK is never a PNS:
    per `pppk`, not judged (`not_judged`, the default: the reference names no condition for them), a finding
    (`finding`), or the years counted from the PPPK's appointment (`appointment`)."""
    years = int(rule.params.get("years", 1))
    if known.employment_kind == "PPPK":
        mode = str(rule.params.get("pppk", "not_judged"))
        if mode == "finding":
            return check(rule, False, lambda: PPPK_NOT_PNS(day=day), ())
        if mode != "appointment" or known.appointment is None:
            return None
        since, shown = known.appointment.effective_date, known.appointment
    elif (appointed := known.appointment) is None:
        return None
    elif (start := pns_start(known, day)) is None:  # a CPNS on the day: no years as PNS at all
        return check(rule, False, lambda: STILL_CPNS(since=appointed.effective_date, day=day), (appointed,))
    else:
        since, shown = start
    due = add_years(since, years)
    return check(rule, due <= day, lambda: PNS_SINCE(since=since, years=years, due=due, day=day), (shown,))


def served_penalties(known: CareerRecord, day: date, rule: Rule) -> list[Fact]:
    """The penalties of the rule's `levels` in force on `day`: begun by then and not ended (their end date, or the last
    day of the kind's months from their start, + the level's `extra_months`; one with neither stands), as
    promotion.penalty reads them."""
    levels, extra = rule.params.get("levels", []), rule.params.get("extra_months", {})
    penalties = known.of_kind("penalty", until=day)
    return [f for f in penalties if f.get("level") in levels and penalty_served(f, day, extra)]


def penalty_check(known: CareerRecord, day: date, rule: Rule) -> Check:
    blocking = served_penalties(known, day, rule)
    return check(rule, not blocking, lambda: PENALTY_IN_FORCE(count=len(blocking), day=day), blocking)


def late_check(final: CareerRecord, fact: Fact, book: Rules) -> Check | None:
    """evidence.recorded_after: a fact the study-leave rules in force read, effective by the day and recorded after
    the start was (plus the rule's `grace_days`): a confirmation (the years as PNS), or a penalty of the levels
    study_leave.penalty lists still in force that day."""
    day, moment = fact.effective_date, fact.entry.recorded_at
    rule = rule_on(book, LATE_RULE, day)
    if rule is None:
        return None
    after = moment + timedelta(days=int(rule.params.get("grace_days", 0)))
    late: list[Fact] = []
    if rule_on(book, SERVICE_RULE, day) is not None:
        late += final.recorded_after(("confirmation",), day, after)
    penalties = rule_on(book, PENALTY_RULE, day)
    if penalties is not None:
        served = served_penalties(final, day, penalties)
        late += [f for f in served if f.entry.recorded_at > after or final.moved_in_after(f, day, after)]
    if not late:
        return None
    wording = LATE_EVIDENCE(count=len(late), day=day, moment=moment)
    late.sort(key=lambda f: f.version)
    return Check(rule.id, "missing", rule.severity, rule.source, rule.status, wording, tuple(late))


def judge_start(
    final: CareerRecord, fact: Fact, book: Rules | None = None, known: CareerRecord | None = None
) -> list[Check]:
    """The findings of one start of study leave: the rules in force on its day judged by the record as known before
    it was recorded (`known`, if made), and the facts recorded after it (`late_check`)."""
    book = rules() if book is None else book
    day = fact.effective_date
    known = final.known_before(fact.entry.recorded_at) if known is None else known
    checks: list[Check | None] = []
    if (rule := rule_on(book, SERVICE_RULE, day)) is not None:
        checks.append(service_check(known, day, rule))
    if (rule := rule_on(book, PENALTY_RULE, day)) is not None:
        checks.append(penalty_check(known, day, rule))
    found = [c for c in checks if c is not None and c.finding]
    late = late_check(final, fact, book)
    return [*found, late] if late is not None else found


def study_leave_tuples(
    final: CareerRecord, fact: Fact, book: Rules | None = None
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The `study_leaves` row and `study_leave_findings` rows of one start, as tuples of their columns in order."""
    book = rules() if book is None else book
    known = final.known_before(fact.entry.recorded_at)
    failed = judge_start(final, fact, book, known)
    day = fact.effective_date
    judged = any(rule_on(book, rule_id, day) is not None for rule_id in (SERVICE_RULE, PENALTY_RULE))
    start = pns_start(known, day) if known.employment_kind != "PPPK" else None
    place = final.placement_on(day) or (None, None, None)
    severities = [c.severity for c in failed]
    subject = final.subject
    row = (
        subject,
        fact.version,
        fact.kind,
        fact.reference,
        day.isoformat(),
        fact.entry.stamp_text or fact.entry.recorded_at.isoformat(),
        place[0],
        place[1],
        place[2],
        known.employment_kind,
        start[0].isoformat() if start else None,
        max(whole_years(start[0], day), 0) if start else None,
        int(bool(fact.corrections)),
        int(judged),
        ("findings" if failed else "compliant") if judged else None,
        len(failed),
        max(severities, key=lambda s: SEVERITY_ORDER.get(s, 0)) if severities else None,
    )
    found = [
        (
            subject,
            fact.version,
            c.rule,
            c.severity,
            c.source,
            c.status,
            c.message,
            json.dumps(evidence_json(subject, c.evidence or (fact,))),  # found by an absence: the start itself
        )
        for c in failed
    ]
    return row, found


class StudyLeaveProjection(TupleProjection):
    """One row per start of study leave and one per finding (docs/audit.md, "Study leave")."""

    name = "study_leave"
    # 2: study_leave.penalty worded as a penalty barring study leave, not the promotion rule's wording; 3: a status
    # change to STUDY_LEAVE on the day of a study_leave_start is no second start; 4: evidence.recorded_after also a
    # penalty or confirmation moved into effect by the day by a correction recorded after the start; 6: without a
    # confirmation in effect a CPNS (pns_since NULL, a study_leave.service_years finding), not a PNS from the end of
    # the probation year; 7: a penalty's months end on careerlog.ages.months_last_day (begun 31 March: 30 September);
    # 8: its configuration, the rules' digest, is that of the rules less those read only when queried
    # (framework.RULES_READ_WHEN_QUERIED: fairness.adverse_impact), as the merit view's 39: the value stored changed
    version = 8
    tables = (STUDY_LEAVES, STUDY_LEAVE_FINDINGS)

    def configuration(self) -> str | None:
        """The rules' digest: a start's checks are judged by the configured rules (a change of them refills it)."""
        return rules_digest()

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        leaves: list[tuple[Any, ...]] = []
        findings: list[tuple[Any, ...]] = []
        book = rules()  # read once per record
        for fact in study_leave_starts(record):
            row, found = study_leave_tuples(record, fact, book)
            leaves.append(row)
            findings += found
        return {"study_leaves": leaves, "study_leave_findings": findings}
