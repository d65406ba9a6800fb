"""The CPNS appointment judged as a decision of its own (docs/audit.md): its starting rank against the start of its
entry education (rule `appointment.starting_rank`, the version in force on its TMT; asn.toml `start`, PP 98/2000 jo
PP 11/2002). A rank above the start is a finding; one below it may be legitimate (a formation of lower education).
The ledger records either (it refuses only what cannot be true). A PPPK's appointment (a grade) is not judged.
"""

from __future__ import annotations

import functools

from careerlog.domain.payload import starting_rank_code
from careerlog.domain.wording import Template
from careerlog.reference import Rules, reference, rules
from projections.career import Fact
from projections.merit.rules import Check, check, rank_index, rule_on

STARTING_RANK_RULE = "appointment.starting_rank"
# The wording of the rule's outcome (translated on the pages: web/pages/messages.py).
STARTING_RANK = Template("appointed at {rank}; education {education} starts at {start}")


def is_judged_appointment(fact: Fact) -> bool:
    """Only a CPNS appointment (PNS) is a decision judged by its starting rank (a PPPK holds a grade)."""
    return fact.kind == "appointment" and fact.get("employment_kind") == "PNS"


def appointment_checks(fact: Fact, book: Rules | None = None) -> list[Check]:
    """`appointment.starting_rank` for one CPNS appointment (as corrected): met when its rank is at most the start
    of its entry education; none when the rule is not in force on its TMT or the education or rank is not known."""
    rule = rule_on(rules() if book is None else book, STARTING_RANK_RULE, fact.effective_date)
    ref = reference()
    education, rank = str(fact.get("education")), str(starting_rank_code(fact.get("rank")))  # (stored "iii/a": III/a)
    if rule is None or education not in ref.education or rank not in ref.ranks:
        return []
    start = str(ref.education[education]["start"])
    wording = functools.partial(STARTING_RANK, rank=rank, education=education, start=start)
    return [check(rule, rank_index(ref, rank) <= rank_index(ref, start), wording, [fact])]
