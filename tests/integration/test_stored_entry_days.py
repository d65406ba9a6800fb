"""A rebuild reads each stored day text once (`projections.stored_entries._DAYS`): a row's entry is the one
careerlog's decoding gives (`Entry.of(app.decode(row))`), with the effective date's stored text kept only
when it is the date's `isoformat()`, whether the day was read before, is read for the first time, or is
not kept because the store holds more distinct days than are kept."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from careerlog.application import CareerLog
from projections import stored_entries
from projections.career import Entry
from projections.stored_entries import stored_entry
from tests import factories as f
from tests.integration.test_projections import BUDI, clock, ledger

__all__ = ["clock", "ledger"]  # the fixtures of test_projections, used here too

# forms `date.fromisoformat` reads: as `isoformat()` writes it, without separators, a week date
DAYS = ("2021-03-04", "20210304", "2021-W09-4")


@pytest.mark.parametrize("kept", [True, False])
@pytest.mark.parametrize("day", DAYS)
def test_a_day_read_once_and_again_gives_the_entry_careerlogs_decoding_gives(
    ledger: CareerLog, monkeypatch: pytest.MonkeyPatch, day: str, kept: bool
) -> None:
    monkeypatch.setattr(stored_entries, "_DAYS", {})
    if not kept:  # a store of more distinct days than are kept: each read from its text
        monkeypatch.setattr(stored_entries, "_DAYS_KEPT", 0)
    ledger.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    ledger.record(BUDI, "training", f.training("2010-03-10", start="2010-03-08", cost=1500000), actor="hr")
    for stored in ledger.recorder.select_events(BUDI):  # type: ignore[attr-defined]
        state = orjson.loads(stored.state)
        state["effective_date"] = day
        if "start_date" in state:  # a date of the payload too
            state["start_date"] = day
        row = {"originator_id": BUDI, "originator_version": stored.originator_version, "topic": stored.topic}
        decoded = Entry.of(ledger.decode({**row, "state": orjson.dumps(state)}))
        for _ in range(2):  # the day read, then found again
            entry = stored_entry(stored.originator_version, stored.topic, orjson.dumps(state))
            assert repr(entry) == repr(decoded)  # the same values, of the same types, in the same order
            assert entry is not None
            assert entry.day_text == (day if day == entry.effective_date.isoformat() else None)
        assert (day in stored_entries._DAYS) is kept
