"""The awards audit: long-service decorations against the years served and the absence of
penalties, and achievement awards against the recipient's performance.

Each award is judged by what had been recorded before the award was recorded (as the merit
audit judges a promotion), under the rules `awards.*` in force on the award's TMT
(careerlog/reference/rules.toml, docs/rules.md). Findings are plain data; the `awards` and
`award_findings` tables keep one row per award and per finding for the scorecard.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from careerlog.ages import whole_years
from careerlog.domain.wording import Params, Template, Wording
from careerlog.reference import Rules, reference, rules
from projections.career import CareerRecord, Fact, day_iso, predicate_score
from projections.framework import Table, TupleProjection, rules_digest
from projections.merit.audit import FINDINGS
from projections.merit.rules import param_on, rule_on

SERVICE_RULE = "awards.long_service_years"
PENALTY_RULE = "awards.long_service_penalty"
PERFORMANCE_RULE = "awards.achievement_performance"

# The wording of the findings (translated on the pages: web/pages/messages.py).
TOO_FEW_YEARS = Template(
    "{award} needs {years} years of service; {served} served at {day}", ("day",), (), ("years", "served")
)
PENALISED = Template("{award} conferred on an employee given {penalties}")
UNDER_RATED = Template(
    "{award} for achievement conferred on an employee rated {predicate} for {year} (at least {wanted} expected)"
)

AWARDS = Table(
    "awards",
    (
        ("subject", "TEXT"),
        ("version", "INTEGER"),
        ("reference", "TEXT"),
        ("award_kind", "TEXT"),
        ("award_date", "TEXT"),
        ("year", "INTEGER"),
        ("agency", "TEXT"),
        ("unit", "TEXT"),
        ("region", "TEXT"),
        ("sex", "TEXT"),
        ("long_service", "INTEGER"),
        ("achievement", "INTEGER"),
        ("service_years", "INTEGER"),
        ("last_rated_year", "INTEGER"),
        ("last_score", "INTEGER"),
        ("finding_count", "INTEGER"),
    ),
    ("subject", "version"),
    # (award_date, subject, version): the audit list's order, so that a page is read in it, not sorted
    indexes=(("year", "agency"), ("award_date", "subject", "version")),
)

# The same columns as the merit audit's findings: a rule, its severity, source and status, a message
# and the versions of the facts that show it.
AWARD_FINDINGS = Table("award_findings", FINDINGS.columns, FINDINGS.primary_key, FINDINGS.indexes)


@dataclass(frozen=True)
class AwardFinding:
    """A rule an award breaks, with the versions of the facts that show it."""

    rule: str
    severity: str
    source: str
    status: str
    message: str
    evidence: tuple[int, ...]
    template: str = ""  # the English template `message` was rendered from (careerlog/domain/wording.py)
    params: Params = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "source": self.source,
            "status": self.status,
            "message": self.message,
            "evidence": list(self.evidence),
        }


def finding(
    rule_id: str, day: date, wording: Wording, evidence: Iterable[int], book: Rules | None = None
) -> AwardFinding | None:
    """The finding of the version of a rule in force on `day` (under `book`, by default the configured rules)."""
    rule = rule_on(rules() if book is None else book, rule_id, day)
    if rule is None:
        return None
    found = (rule.id, rule.severity, rule.source, rule.status, wording.text, tuple(sorted(evidence)))
    return AwardFinding(*found, wording.template, wording.params)


# ---------------------------------------------------------------------- measures


def days_away(record: CareerRecord, until: date, statuses: Iterable[str]) -> int:
    """Days before `until` spent in one of the statuses (from its change to the next change)."""
    excluded = set(statuses)
    changes = record.of_kind("status_change", until=until)  # in order of effective date and version
    away = 0
    for i, change in enumerate(changes):
        if change.get("status") not in excluded:
            continue
        end = changes[i + 1].effective_date if i + 1 < len(changes) else until
        away += max((min(end, until) - change.effective_date).days, 0)
    return away


def service_years(record: CareerRecord, day: date, book: Rules | None = None) -> int | None:
    """Whole years of service at `day`: from the appointment TMT, less time on excluded statuses (under `book`,
    by default the configured rules)."""
    if record.appointed_on is None:
        return None
    excluded = param_on(rules() if book is None else book, SERVICE_RULE, day, "excluded_statuses", [])
    start = record.appointed_on + timedelta(days=days_away(record, day, excluded))
    return max(whole_years(start, day), 0) if start <= day else 0


def last_rating(record: CareerRecord, day: date) -> Fact | None:
    """The rating of the latest year rated on or before `day`."""
    latest, year = None, 0
    for rated, fact in record.ratings.items():  # each year once (`int(fact.get("year"))`)
        if fact.effective_date <= day and (latest is None or rated > year):
            latest, year = fact, rated
    return latest


# ---------------------------------------------------------------------- checks


def check_service(
    record: CareerRecord, fact: Fact, years_needed: int, book: Rules | None = None
) -> AwardFinding | None:
    served = service_years(record, fact.effective_date, book)
    if served is None or served >= years_needed:
        return None
    day = fact.effective_date
    message = TOO_FEW_YEARS(award=fact.get("award_kind"), years=years_needed, served=served, day=day)
    return finding(SERVICE_RULE, day, message, [fact.version, 1], book)  # the appointment is version 1


def check_penalties(record: CareerRecord, fact: Fact, book: Rules | None = None) -> AwardFinding | None:
    book = rules() if book is None else book
    levels = set(param_on(book, PENALTY_RULE, fact.effective_date, "levels", []))
    found = [p for p in record.penalties() if p.effective_date <= fact.effective_date and p.get("level") in levels]
    if not found:
        return None
    listed = ", ".join(f"{p.get('penalty_kind')} ({p.get('level')}, {p.effective_date})" for p in found)
    message = PENALISED(award=fact.get("award_kind"), penalties=listed)
    return finding(PENALTY_RULE, fact.effective_date, message, [fact.version, *(p.version for p in found)], book)


def check_performance(
    record: CareerRecord, fact: Fact, book: Rules | None = None, latest: Fact | None = None
) -> AwardFinding | None:
    """(`latest`: `last_rating(record, fact.effective_date)`, if found)"""
    book = rules() if book is None else book
    wanted = param_on(book, PERFORMANCE_RULE, fact.effective_date, "min_predicate")
    latest = latest or last_rating(record, fact.effective_date)
    if wanted is None or latest is None:
        return None
    ref = reference()
    score, bar = predicate_score(ref, latest.get("predicate")), predicate_score(ref, wanted)
    if score >= bar:
        return None
    message = UNDER_RATED(
        award=fact.get("award_kind"), predicate=latest.get("predicate"), year=latest.get("year"), wanted=wanted
    )
    return finding(PERFORMANCE_RULE, fact.effective_date, message, [fact.version, latest.version], book)


def audit_award(
    final: CareerRecord,
    fact: Fact,
    known: CareerRecord | None = None,
    book: Rules | None = None,
    latest: Fact | None = None,
) -> list[AwardFinding]:
    """The findings of one award, judged by what had been recorded before it was recorded (`known`:
    `final.known_before(fact.entry.recorded_at)`, if made), under `book` (by default the configured rules;
    `latest`: `last_rating(known, fact.effective_date)`, if found)."""
    known = known or final.known_before(fact.entry.recorded_at)
    book = rules() if book is None else book
    kind = reference().award_kinds[fact.get("award_kind")]
    checks: list[AwardFinding | None] = []
    if kind.get("long_service_years"):
        years = int(kind["long_service_years"])
        checks += [check_service(known, fact, years, book), check_penalties(known, fact, book)]
    if kind.get("achievement"):
        checks.append(check_performance(known, fact, book, latest))
    return [c for c in checks if c is not None]


# ---------------------------------------------------------------------- the view


class AwardsProjection(TupleProjection):
    """One row per award (not retracted, as corrected) and one per finding."""

    name = "awards"
    version = 3  # 2: whole years of service from a 29 February reach their anniversary on 28 February (careerlog.ages)
    # 3: its configuration, the rules' digest, is that of the rules less those read only when queried
    # (framework.RULES_READ_WHEN_QUERIED: fairness.adverse_impact), as the merit view's 39: the value stored changed
    tables = (AWARDS, AWARD_FINDINGS)

    def configuration(self) -> str | None:
        """The rules' digest: an award's checks are judged by the configured rules (a change of them refills it)."""
        return rules_digest()

    def tuples(self, record: CareerRecord) -> dict[str, list[tuple[Any, ...]]]:
        awards: list[tuple[Any, ...]] = []
        findings: list[tuple[Any, ...]] = []
        book = rules()  # read once per record
        for fact in record.of_kind("award"):
            known = record.known_before(fact.entry.recorded_at)
            latest = last_rating(known, fact.effective_date)  # read by the achievement check and the row
            found = audit_award(record, fact, known, book, latest)
            awards.append(award_tuple(record, fact, len(found), known, book, latest))
            findings += [finding_tuple(record.subject, fact, f) for f in found]
        return {"awards": awards, "award_findings": findings}


def award_tuple(
    record: CareerRecord,
    fact: Fact,
    finding_count: int,
    known: CareerRecord | None = None,
    book: Rules | None = None,
    latest: Fact | None = None,
) -> tuple[Any, ...]:
    """An `awards` row as a tuple of the table's columns in order (`latest`: the known record's `last_rating` on
    the award's day, if found)."""
    day = fact.effective_date
    ref = reference()
    kind = ref.award_kinds[fact.get("award_kind")]
    agency, unit, region = record.placement_on(day) or (None, None, None)
    latest = latest or last_rating(known or record.known_before(fact.entry.recorded_at), day)
    return (
        record.subject,  # subject
        fact.version,  # version
        fact.reference,  # reference
        kind.code,  # award_kind
        day_iso(day),  # award_date
        day.year,  # year
        agency,  # agency
        unit,  # unit
        region,  # region
        record.profile("sex"),  # sex
        int(bool(kind.get("long_service_years"))),  # long_service
        int(bool(kind.get("achievement"))),  # achievement
        service_years(record, day, book),  # service_years
        None if latest is None else int(latest.get("year")),  # last_rated_year
        None if latest is None else predicate_score(ref, latest.get("predicate")),  # last_score
        finding_count,  # finding_count
    )


def finding_tuple(subject: str, fact: Fact, found: AwardFinding) -> tuple[Any, ...]:
    """An `award_findings` row as a tuple of the table's columns in order."""
    return (
        subject,
        fact.version,
        found.rule,
        found.severity,
        found.source,
        found.status,
        found.message,
        json.dumps(list(found.evidence)),
    )
