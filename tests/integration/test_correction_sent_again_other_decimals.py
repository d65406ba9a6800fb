"""A correction sent again with an amount written with other decimals is the correction already recorded: a
correction file run again from a copy saved with another number format (cost 1750000.5, then 1750000.50) was refused
as 'already recorded as version 3 with different values (corrected_fields); record a correction instead', though it
records the same value (36174a8 compared the fact's own amounts by value, a correction's corrected fields still as
their text)."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import IdempotencyConflict
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
TRAINING = {
    "training_kind": "TEKNIS",
    "title": "Arsip",
    "organiser": "BKPSDM",
    "hours": 8,
    "start_date": "2020-05-08",
    "effective_date": "2020-05-10",
    "reference": "C-1",
    "cost": "1500000",
}


def correction(cost: str) -> dict[str, Any]:
    """The correction RALAT-C-1 of the training's cost (version 2), the cost written as given."""
    return {
        "reference": "RALAT-C-1",
        "target_version": 2,
        "corrected_fields": {"cost": cost},
        "reason": "Biaya",
        "effective_date": "2024-01-02",
    }


def test_a_correction_sent_again_with_the_amount_written_otherwise_is_already_recorded(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", TRAINING, actor="hr")
    first = app.record(NIP, "correction", correction("1750000.5"), actor="hr")
    assert first.created
    for cost in ("1750000.50", "1750000.500"):
        again = app.record(NIP, "correction", correction(cost), actor="hr")
        assert (again.version, again.created) == (first.version, False)
    # another amount under the same reference is still a conflict
    with pytest.raises(IdempotencyConflict):
        app.record(NIP, "correction", correction("1750000.51"), actor="hr")
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [str(x.values["cost"]) for x in employee.active_facts() if x.kind == "training"] == ["1750000.5"]
