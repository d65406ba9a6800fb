"""A CPNS appointed above the starting rank of their entry education (rule appointment.starting_rank: asn.toml
education `start`, PP 98/2000 jo PP 11/2002), such as IV/e with an S-1, whose start is III/a. The merit audit judges
every CPNS appointment by it (projections.merit.appointments); until 2026-12-07 the ledger recorded one above the start
with the audit's warning alone, so HR, told after the fact, corrected it by a new event. A live writer is asked now,
beside `rank`, naming the start and how to confirm (confirm: appointment.starting_rank), as a TMT not on the 1st is
(careerlog.domain.tmt): a decree may appoint so (a formation asking more than the education), which HR confirms; a
mistyped rank is mended before it is recorded. A rank below the start is compliant and not asked; a PPPK's (a grade)
is not judged; a migration is never asked (it keeps a log's)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.domain.wording import Reason, confirmable
from careerlog.reference import Rules, reference

STARTING_RANK = "appointment.starting_rank"  # the rule, and the check a writer confirms
ABOVE_START, ABOVE_START_TICKED = confirmable(
    "A CPNS with education {education} starts at {start} (rule appointment.starting_rank), not {rank}: if the rank is "
    "mistyped, write the rank the decree gives ({start}?); if the decree does appoint at {rank}, ",
    STARTING_RANK,
    ".",
    named=True,  # (a correction row's yes does not confirm it, as appointment.tmt_first_day's)
)


def above_start(book: Rules, values: Mapping[str, Any]) -> Reason | None:
    """The question (ABOVE_START) of a PNS appointment (`values`, as read) at a rank above its education's start, by
    the rule in force on its TMT; None otherwise (a rank or education of no reference table is refused as such)."""
    day = values.get("effective_date")
    if not isinstance(day, date) or values.get("employment_kind") != "PNS":
        return None
    if book.in_force(STARTING_RANK, day) is None:
        return None
    ref = reference()
    education, rank = values.get("education"), values.get("rank")
    if not isinstance(education, str) or not isinstance(rank, str):
        return None
    if education not in ref.education or rank not in ref.ranks:
        return None
    start = str(ref.education[education]["start"])
    if ref.rank_index(rank) <= ref.rank_index(start):
        return None
    return ABOVE_START.reason(education=education, start=start, rank=rank)
