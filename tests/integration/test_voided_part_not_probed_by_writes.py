"""After a voided NIP is appointed afresh (by another office), a live write of the record reaches only the part from
its last void on: the voided part's client keys, references and versions (the other office's) are not looked up, so
the writer is not told what they hold by a refusal. Found in review (2026-12-05): the exact values of a voided
training under its reference answered "Reference 'TR-1' was recorded with these values as version 2, which version 3
retracted", its client key named its kind and version, and a correction of version 2 "Version 2 was retracted by
version 3". The void itself sent again is still answered as recorded, the record is voided again as before, and a
migration reads the record whole."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import IdempotencyConflict, InvalidInput
from tests import factories as f

pytestmark = pytest.mark.made_store

NIP = f.nip(date(1986, 9, 26), date(2010, 3, 1), "F", sequence=743)
TRAINING = {
    "training_kind": "TEKNIS",
    "title": "Secret course",
    "hours": 20,
    "effective_date": "2012-05-01",
    "reference": "TR-1",
    "programme_id": "P1",
    "start_date": "2012-04-28",
    "organiser": "BPSDM",
}
VOID = {"target_version": 1, "reason": "NIP salah", "effective_date": "2024-02-01", "reference": "BATAL-1"}


def appointment(name: str) -> dict[str, Any]:
    return f.appointment(date(1986, 9, 26), date(2010, 3, 1), "F", name=name)


@pytest.fixture
def afresh(app: CareerLog) -> CareerLog:
    """Versions: 1 the wrong appointment, 2 a training, 3 its retraction, 4 the void, 5 the owner's appointment."""
    app.record(NIP, "appointment", appointment("Wrong Person"), actor="a")
    app.record(NIP, "training", TRAINING, actor="a", client_key="medan-tr-1")
    retraction = {"target_version": 2, "reason": "x", "effective_date": "2024-01-01", "reference": "R-0"}
    app.record(NIP, "retraction", retraction, actor="a")
    app.record(NIP, "retraction", VOID, actor="a", client_key="void-1", confirm_nip=NIP)
    assert app.record(NIP, "appointment", appointment("Owner"), actor="b").version == 5
    return app


def test_the_voided_parts_reference_and_key_are_not_looked_up(afresh: CareerLog) -> None:
    assert afresh.record(NIP, "training", TRAINING, actor="b").version == 6  # (the part since the void holds none)
    with pytest.raises(IdempotencyConflict) as other:  # (the key the voided part used: this part's reference told)
        afresh.record(NIP, "training", {**TRAINING, "title": "Other"}, actor="b", client_key="medan-tr-1")
    assert "version 6" in str(other.value)
    assert "version 2" not in str(other.value)


def test_a_key_of_the_voided_part_records_anew(afresh: CareerLog) -> None:
    fresh = {**TRAINING, "reference": "TR-9"}
    assert afresh.record(NIP, "training", fresh, actor="b", client_key="medan-tr-1").version == 6


def test_a_version_of_the_voided_part_is_refused_telling_nothing_of_it(afresh: CareerLog) -> None:
    correction = {"target_version": 2, "corrected_fields": {"hours": 21}, "effective_date": "2026-12-01"}
    with pytest.raises(InvalidInput) as refused:
        afresh.record(NIP, "correction", {**correction, "reference": "C-1", "reason": "r"}, actor="b")
    [reason] = refused.value.errors["target_version"]
    assert reason.startswith("Version 2 is of the part of this record voided by version 4")
    assert "retracted" not in reason


def test_the_void_sent_again_is_answered_and_the_record_is_voided_again(afresh: CareerLog) -> None:
    again = afresh.record(NIP, "retraction", VOID, actor="a", client_key="void-1", confirm_nip=NIP)
    assert (again.version, again.created) == (4, False)
    plain = afresh.record(NIP, "retraction", VOID, actor="a", confirm_nip=NIP)
    assert (plain.version, plain.created) == (4, False)
    void_again = {**VOID, "target_version": 5, "reference": "BATAL-2"}
    assert afresh.record(NIP, "retraction", void_again, actor="b", confirm_nip=NIP).version == 6
