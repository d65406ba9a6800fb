"""A void's confirmation (`confirm_nip`, the record's NIP given again) is judged by one function,
careerlog.application.void_confirmed, before a unit's recording is handed on and again with the record read: a NIP
given again as spaces alone is not given in either (as an optional field given blank). The early check read "   " as
given and refused a training (or a unit's retraction) for it, which the void's own check read as missing. On both
stores."""

from __future__ import annotations

import pytest

from careerlog.application import CareerLog, Command, unit_subject
from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.integration.test_ledger_store import appoint

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NO_VOID = (
    "Only a void (the retraction of a record's appointment) is confirmed by giving the NIP again; leave it out of this "
    "{kind}."
)


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_a_blank_nip_given_again_is_not_given_with_any_recording(app: CareerLog, blank: str) -> None:
    nip = appoint(app)
    outcome = app.record(nip, "training", f.training("2020-01-06"), actor="hr", confirm_nip=blank)
    assert (outcome.kind, outcome.version, outcome.created) == ("training", 2, True)
    retracted = app.record(nip, "retraction", f.retraction(2, "2021-01-01"), actor="hr", confirm_nip=blank)
    assert (retracted.version, retracted.created) == (3, True)
    with pytest.raises(InvalidInput) as void:  # (a void: the same blank read as missing)
        app.record(nip, "retraction", f.retraction(1, "2021-01-01"), actor="hr", confirm_nip=blank)
    [reason] = void.value.errors["confirm_nip"]
    assert reason.startswith("Missing: a void cannot be undone")
    assert len(app.get_history(nip)) == 3


def test_a_blank_nip_given_again_with_a_units_recording_is_not_given(app: CareerLog) -> None:
    app.rate_unit("KOTA-MEDAN", "BKPSDM", f.rating(2023), actor="hr")
    subject = unit_subject("KOTA-MEDAN", "BKPSDM")
    [blank, given] = app.record_batch(
        [
            Command(subject, "correction", f.correction(2, "2024-01-02", predicate="SANGAT_BAIK"), confirm_nip="  "),
            Command(subject, "retraction", f.retraction(2, "2024-01-03"), confirm_nip="198609262010031001"),
        ],
        actor="hr",
    )
    assert not isinstance(blank, Exception), blank
    assert isinstance(given, InvalidInput)
    assert given.errors == {"confirm_nip": [NO_VOID.format(kind="retraction")]}


def test_the_nip_given_again_with_another_kind_is_refused_before_the_record_is_read(app: CareerLog) -> None:
    nip = appoint(app)
    with pytest.raises(InvalidInput) as refused:
        app.record(nip, "training", f.training("2020-01-06"), actor="hr", confirm_nip=nip)
    assert refused.value.errors == {"confirm_nip": [NO_VOID.format(kind="training")]}
