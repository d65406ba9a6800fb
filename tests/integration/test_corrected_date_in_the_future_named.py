"""A correction moving a fact's date into the future is refused naming that date, as a fact's own date in the future
is (`2030-05-10 is in the future.`). It was refused with a bare "Is in the future." beside
corrected_fields.effective_date, the one date refusal of the ledger that did not say which day it meant (found
correcting a training's last day through the API in the exploratory pass of 2026-12-05)."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.domain.ledger import latest_today
from tests import factories as f

NIP = f.nip()


@pytest.fixture
def database_url(sqlite_url: str) -> str:  # (a check of the record alone: one store shows it)
    return sqlite_url


def test_a_fact_corrected_to_a_day_in_the_future_is_refused_naming_the_day(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    app.record(NIP, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="hr")  # version 2
    later = date(latest_today().year + 3, 5, 10).isoformat()
    before = [e.originator_version for e in app.events_of([NIP])[NIP]]
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(2, "2024-06-05", effective_date=later), actor="hr")
    assert refused.value.errors == {"corrected_fields.effective_date": [f"{later} is in the future."]}
    assert [e.originator_version for e in app.events_of([NIP])[NIP]] == before == [1, 2]
