"""Where a record's last void is: the one reading of it, the ledger's (careerlog.domain.employee.Employee) and the
views' (projections.career.CareerRecord).

A record made under a wrong NIP is voided by retracting its appointment (version 1) once every other fact of it is
retracted; the NIP may then be appointed afresh (AppointedAgain), and that appointment voided again in its turn. The
record's last void is the retraction of its latest appointment when none stands (the record is voided now), else the
last retraction of an appointment before the one standing (the record appointed afresh is read from it on)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, Protocol


class VoidFact(Protocol):
    """What the reading asks of a fact: its kind and the version of its retraction (None: it stands)."""

    @property
    def kind(self) -> str: ...

    @property
    def retracted_by(self) -> int | None: ...


class Void(NamedTuple):
    """A record's last void: the version of the appointment it retracted and of its retraction, and whether the record
    is voided still (no appointment made afresh since)."""

    appointment: int
    retraction: int
    voided: bool


def last_void(facts: Mapping[int, VoidFact]) -> Void | None:
    """The record's last void, or None: its first appointment (version 1) stands, as it does in nearly every record,
    told by version 1 alone. `facts`: the record's facts by version, retracted ones too."""
    first = facts.get(1)
    if first is None or first.kind != "appointment" or first.retracted_by is None:
        return None
    appointments = [(version, fact.retracted_by) for version, fact in facts.items() if fact.kind == "appointment"]
    standing = [version for version, by in appointments if by is None]
    if not standing:  # voided: its latest appointment retracted
        appointment, by = max(appointments)
        return Void(appointment, by or 0, True)
    fresh = min(standing)
    by, appointment = max((by or 0, version) for version, by in appointments if version < fresh)
    return Void(appointment, by, False)
