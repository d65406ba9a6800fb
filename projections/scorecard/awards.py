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

from careerlog.domain.wording import Params, Template, Wording
from careerlog.reference import reference, rules
from careerlog.sqlstore import Row
from projections.career import CareerRecord, Fact, whole_years
from projections.framework import Projection, Table, rules_digest
from projections.merit.audit import FINDINGS

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


def finding(rule_id: str, day: date, wording: Wording, evidence: Iterable[int]) -> AwardFinding | None:
    rule = rules().in_force(rule_id, day)
    if rule is None:
        return None
    found = (rule.id, rule.severity, rule.source, rule.status, wording.text, tuple(sorted(evidence)))
    return AwardFinding(*found, wording.template, wording.params)


# ---------------------------------------------------------------------- measures


def days_away(record: CareerRecord, until: date, statuses: Iterable[str]) -> int:
    """Days before `until` spent in one of the statuses (from its change to the next change)."""
    excluded = set(statuses)
    changes = sorted(record.of_kind("status_change", until=until), key=lambda f: (f.effective_date, f.version))
    away = 0
    for i, change in enumerate(changes):
        if change.get("status") not in excluded:
            continue
        end = changes[i + 1].effective_date if i + 1 < len(changes) else until
        away += max((min(end, until) - change.effective_date).days, 0)
    return away


def service_years(record: CareerRecord, day: date) -> int | None:
    """Whole years of service at `day`: from the appointment TMT, less time on excluded statuses."""
    if record.appointed_on is None:
        return None
    excluded = rules().param(SERVICE_RULE, day, "excluded_statuses", [])
    start = record.appointed_on + timedelta(days=days_away(record, day, excluded))
    return max(whole_years(start, day), 0) if start <= day else 0


def last_rating(record: CareerRecord, day: date) -> Fact | None:
    """The rating of the latest year rated on or before `day`."""
    known = [f for f in record.ratings.values() if f.effective_date <= day]
    return max(known, key=lambda f: int(f.get("year")), default=None)


# ---------------------------------------------------------------------- checks


def check_service(record: CareerRecord, fact: Fact, years_needed: int) -> AwardFinding | None:
    served = service_years(record, fact.effective_date)
    if served is None or served >= years_needed:
        return None
    day = fact.effective_date
    message = TOO_FEW_YEARS(award=fact.get("award_kind"), years=years_needed, served=served, day=day)
    return finding(SERVICE_RULE, day, message, [fact.version, 1])  # the appointment is version 1


def check_penalties(record: CareerRecord, fact: Fact) -> AwardFinding | None:
    levels = set(rules().param(PENALTY_RULE, fact.effective_date, "levels", []))
    found = [p for p in record.penalties() if p.effective_date <= fact.effective_date and p.get("level") in levels]
    if not found:
        return None
    listed = ", ".join(f"{p.get('penalty_kind')} ({p.get('level')}, {p.effective_date})" for p in found)
    message = PENALISED(award=fact.get("award_kind"), penalties=listed)
    return finding(PENALTY_RULE, fact.effective_date, message, [fact.version, *(p.version for p in found)])


def check_performance(record: CareerRecord, fact: Fact) -> AwardFinding | None:
    wanted = rules().param(PERFORMANCE_RULE, fact.effective_date, "min_predicate")
    latest = last_rating(record, fact.effective_date)
    if wanted is None or latest is None:
        return None
    score, bar = reference().predicate_score(latest.get("predicate")), reference().predicate_score(wanted)
    if score >= bar:
        return None
    message = UNDER_RATED(
        award=fact.get("award_kind"), predicate=latest.get("predicate"), year=latest.get("year"), wanted=wanted
    )
    return finding(PERFORMANCE_RULE, fact.effective_date, message, [fact.version, latest.version])


def audit_award(final: CareerRecord, fact: Fact, known: CareerRecord | None = None) -> list[AwardFinding]:
    """The findings of one award, judged by what had been recorded before it was recorded (`known`:
    `final.known_before(fact.entry.recorded_at)`, if made)."""
    known = known or final.known_before(fact.entry.recorded_at)
    kind = reference().award_kinds[fact.get("award_kind")]
    checks: list[AwardFinding | None] = []
    if kind.get("long_service_years"):
        checks += [check_service(known, fact, int(kind["long_service_years"])), check_penalties(known, fact)]
    if kind.get("achievement"):
        checks.append(check_performance(known, fact))
    return [c for c in checks if c is not None]


# ---------------------------------------------------------------------- the view


class AwardsProjection(Projection):
    """One row per award (not retracted, as corrected) and one per finding."""

    name = "awards"
    version = 1
    tables = (AWARDS, AWARD_FINDINGS)

    def configuration(self) -> str | None:
        """The rules' digest: an award's checks are judged by the configured rules (a change of them refills it)."""
        return rules_digest()

    def rows(self, record: CareerRecord) -> dict[str, list[Row]]:
        awards: list[Row] = []
        findings: list[Row] = []
        for fact in record.of_kind("award"):
            known = record.known_before(fact.entry.recorded_at)
            found = audit_award(record, fact, known)
            awards.append(award_row(record, fact, len(found), known))
            findings += [finding_row(record.subject, fact, f) for f in found]
        return {"awards": awards, "award_findings": findings}


def award_row(record: CareerRecord, fact: Fact, finding_count: int, known: CareerRecord | None = None) -> Row:
    day = fact.effective_date
    kind = reference().award_kinds[fact.get("award_kind")]
    agency, unit, region = record.placement_on(day) or (None, None, None)
    latest = last_rating(known or record.known_before(fact.entry.recorded_at), day)
    return {
        "subject": record.subject,
        "version": fact.version,
        "reference": fact.reference,
        "award_kind": kind.code,
        "award_date": day.isoformat(),
        "year": day.year,
        "agency": agency,
        "unit": unit,
        "region": region,
        "sex": record.profile("sex"),
        "long_service": int(bool(kind.get("long_service_years"))),
        "achievement": int(bool(kind.get("achievement"))),
        "service_years": service_years(record, day),
        "last_rated_year": None if latest is None else int(latest.get("year")),
        "last_score": None if latest is None else reference().predicate_score(latest.get("predicate")),
        "finding_count": finding_count,
    }


def finding_row(subject: str, fact: Fact, found: AwardFinding) -> Row:
    return {
        "subject": subject,
        "version": fact.version,
        "rule": found.rule,
        "severity": found.severity,
        "source": found.source,
        "status": found.status,
        "message": found.message,
        "evidence": json.dumps(list(found.evidence)),
    }
