"""A correction may not give a fact the reference another fact of its kind bears in the record.

Found recording trainings through the API: a training's certificate number corrected to that of another training of
the same record (T-B corrected to T-A) was recorded, and the record held two trainings under T-A. The corrected
training sent again as it now stood (T-A, its own dates) was then answered 409 "Reference 'T-A' was already recorded
as version 3 with different values (effective_date, start_date); record a correction instead", and nothing told the
two apart by their reference. Such a correction is now refused beside corrected_fields.reference, naming the fact
that bears it; nothing is recorded. A reference corrected back to the fact's own, or one a retracted fact bore,
is taken as before.
"""

from __future__ import annotations

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from tests import factories as f

NIP = f.nip()


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the record alone: one store shows it)
    return sqlite_url


def two_trainings(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", f.training("2020-01-05", start="2020-01-01", reference="T-A"), actor="hr")  # 2
    app.record(NIP, "training", f.training("2021-01-05", start="2021-01-01", reference="T-B"), actor="hr")  # 3


def refusal(app: CareerLog, target: int, reference: str) -> dict[str, list[str]]:
    before = len(app.get_events(NIP))
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(target, "2026-01-05", reference=reference), actor="hr")
    assert len(app.get_events(NIP)) == before  # nothing recorded
    return refused.value.errors


def test_a_correction_to_the_reference_of_another_training_is_refused_naming_it(app: CareerLog) -> None:
    two_trainings(app)
    assert refusal(app, 3, "T-A") == {
        "corrected_fields.reference": [
            "Reference 'T-A' is already that of version 2, another training of this record: two facts may not share "
            "one reference. Check the reference, or retract the fact recorded twice."
        ]
    }


def test_a_reference_typed_otherwise_than_the_training_bearing_it_is_named_as_typed_and_as_borne(
    app: CareerLog,
) -> None:
    """(named as typed alone until 2026-12-06: "Reference 't-a'", the other training's T-A not shown)"""
    two_trainings(app)
    assert refusal(app, 3, "t-a") == {
        "corrected_fields.reference": [
            "Reference 't-a' (written 'T-A' in the record) is already that of version 2, another training of this "
            "record: two facts may not share one reference. Check the reference, or retract the fact recorded twice."
        ]
    }
    app.record(NIP, "correction", f.correction(2, "2026-01-05", reference="T-Z"), actor="hr")
    assert refusal(app, 3, "t-a")["corrected_fields.reference"][0].startswith(
        "Reference 't-a' (written 'T-A' in the record) is already that of version 2,"
    )  # (as version 2 was recorded, before its correction)


def test_a_reference_a_training_was_recorded_under_and_corrected_away_from_is_still_its_own(app: CareerLog) -> None:
    two_trainings(app)
    app.record(NIP, "correction", f.correction(2, "2026-01-05", reference="T-Z"), actor="hr")
    assert "corrected_fields.reference" in refusal(app, 3, "T-A")  # (T-A still names version 2 when sent again)
    assert "corrected_fields.reference" in refusal(app, 3, "T-Z")  # (version 2 as it stands)
    app.record(NIP, "correction", f.correction(2, "2026-01-06", reference="T-A"), actor="hr")  # back: its own


def test_a_retracted_trainings_reference_or_another_kinds_may_be_taken(app: CareerLog) -> None:
    two_trainings(app)
    app.record(NIP, "exam", {"exam": "UD_I", "effective_date": "2012-05-01", "reference": "E-1"}, actor="hr")  # 4
    app.record(NIP, "retraction", f.retraction(2, "2026-01-05"), actor="hr")  # 5: T-A no longer in force
    app.record(NIP, "correction", f.correction(3, "2026-01-06", reference="T-A"), actor="hr")
    app.record(NIP, "correction", f.correction(4, "2026-01-07", reference="T-B"), actor="hr")  # (an exam's)
