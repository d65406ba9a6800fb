"""A second basic training (Latsar, or the Diklat Prajabatan before it) on a record that holds one (rule
training.latsar_once): a CPNS takes it once, as the condition of becoming PNS (the reference, S); that it is taken
once is an inference (I: a CPNS who failed it may take it again), so a second is asked about, not refused (confirm:
training.latsar_once), beside `training_kind`. Found by a tester (2026-12-06): a second Latsar overlapping the first
was recorded unasked. Judged with a training's other questions (careerlog.application.TRAINING_JUDGED), on a new
training and on a correction making a training one; a migration import is never asked."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.domain.employee import Career
from careerlog.domain.errors import quoted
from careerlog.domain.wording import Reason, confirmable

LATSAR_ONCE = "training.latsar_once"  # the rule, and the check a writer confirms
LATSAR_AGAIN, LATSAR_AGAIN_TICKED = confirmable(
    "Version {version} of the record is a basic training already ({kind}, {title}, {start} to {end}), which a CPNS "
    "takes once (rule training.latsar_once): if it is this training, it is recorded already (correct version "
    "{version} if it is wrong); if the employee did take it again, ",
    LATSAR_ONCE,
    ".",
    named=True,
    dates=("start", "end"),
)


def latsar_again(career: Career, values: Mapping[str, Any], exclude: int = 0) -> Reason | None:
    """The question (LATSAR_AGAIN) of a training (`values`, as read) of a kind the rule's `kinds` names on a record
    holding one already (its first, by date), `exclude`: the version of a training corrected to `values`; None when
    it is of another kind, the record holds none, or no such rule is in force on its last day."""
    end = values.get("effective_date")
    if not isinstance(end, date):
        return None
    kinds = career.rules.param(LATSAR_ONCE, end, "kinds")
    if not kinds or values.get("training_kind") not in kinds:
        return None
    trainings = career.by_kind["training"]
    held = [fact for fact in trainings if fact.version != exclude and fact.get("training_kind") in kinds]
    if not held:
        return None
    first = min(held, key=lambda fact: (fact.effective_date, fact.version))
    start = first.get("start_date")
    said = {"start": start.isoformat() if isinstance(start, date) else "?", "end": first.effective_date.isoformat()}
    said |= {"kind": first.get("training_kind"), "title": quoted(str(first.get("title")))}
    return LATSAR_AGAIN.reason(version=first.version, **said)
