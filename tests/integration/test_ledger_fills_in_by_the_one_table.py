"""What the ledger fills in of a recording, and how it gives a recording sent again the value filled in otherwise
before, are read from one table, application.FILLED_IN (`Filling`): the recording hard-coded a penalty's end for the
second (`event_cls is PenaltyImposed and values.get("end_date") is None`, review of 2026-12-06), so a field added to
the table would have been filled in without it. A field the table names is filled in and reconciled alike."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog import application
from careerlog.application import CareerLog, Filling
from tests import factories as f

pytestmark = pytest.mark.made_store

NIP = f.nip(sequence=743)
LATER = {"start_date": "2016-02-07", "effective_date": "2016-02-08"}


def test_a_field_the_table_names_is_filled_in_and_given_its_earlier_value_by_it(
    app: CareerLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    seen: list[dict[str, Any]] = []

    def as_filled_before(record: Any, values: dict[str, Any]) -> None:
        seen.append(dict(values))

    filling = Filling(lambda values: "PROG-FILLED", as_filled_before)
    monkeypatch.setitem(application.FILLED_IN, "training", {"programme_id": filling})  # type: ignore[index]
    training = f.training("2016-01-08", hours=16, start="2016-01-07")
    training.pop("programme_id", None)
    recorded = app.record(NIP, "training", training, actor="hr")
    assert [e.get("programme_id") for e in app.get_history(NIP) if e["version"] == recorded.version] == ["PROG-FILLED"]
    assert [v["programme_id"] for v in seen] == ["PROG-FILLED"]
    another = {**training, "programme_id": "GIVEN", "reference": "C-2", "title": "Arsip", **LATER}  # (rules
    # training.duplicate and training.daily_jp: another training on other days)
    app.record(NIP, "training", another, actor="hr")
    assert len(seen) == 1  # (a value given is no value filled in)
