"""The CPNS probation year (masa percobaan), by rule confirmation.probation (docs/rules.md).

One reading for everything that needs it: the refusal of a confirmation as PNS dated before the probation ends
(careerlog.domain.employee, `probation_refusal`), the day the career page says a CPNS's confirmation is due and the
merit audit's reading of a CPNS's year (projections.career.`confirmation_due`).
"""

from __future__ import annotations

from datetime import date

from careerlog.ages import add_years
from careerlog.reference import Rules

RULE = "confirmation.probation"
# The probation the reference names ("at the end of the probation year", section 4, S): the years when no version of
# the rule is in force on the appointment's TMT (a day before the rule begins, or a rules file without it)
PROBATION_YEARS = 1


def probation_years(book: Rules, appointed: date) -> int | None:
    """The years of probation of a CPNS appointed on `appointed`, by the version of the rule in force on that day (the
    day the probation begins); None when no version is (a confirmation is then not judged by its day)."""
    rule = book.in_force(RULE, appointed)
    return None if rule is None else int(rule.params.get("years", PROBATION_YEARS))


def probation_end(book: Rules, appointed: date) -> date:
    """The first day a CPNS appointed on `appointed` is confirmed as PNS on at the earliest: the end of the probation
    (the rule's years after the appointment's TMT, an anniversary of a 29 February on 28 February; one year when
    no version of the rule is in force then)."""
    years = probation_years(book, appointed)
    return add_years(appointed, PROBATION_YEARS if years is None else years)
