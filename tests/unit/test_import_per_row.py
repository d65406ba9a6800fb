"""What an import does once per row, done once: the payload taken out of a row, the rules read for checks."""

from __future__ import annotations

from typing import Any

import pytest

import careerlog.domain.employee as employee_module
from careerlog.importing import META_KEYS, payload_of, row_to_command
from tests import factories as f
from tests.unit.test_employee_record import appoint, record


def test_payload_of_takes_out_the_meta_keys_keeps_the_order_and_leaves_the_row() -> None:
    row = {
        "kind": "training",
        "title": "Arsip",
        "nip": "199001012015031001",
        "hours": 8,
        "recorded_at": "2020-01-02T03:04:05+00:00",
        "version": 3,
        "effective_date": "2020-01-01",
        "client_key": "k",
        "recorded_by": "hr",
        "migrated": True,
        "organiser": "BKPSDM",
    }
    before = list(row.items())
    payload = payload_of(row)
    assert list(payload.items()) == [(k, v) for k, v in before if k not in META_KEYS]
    assert list(row.items()) == before
    assert row_to_command(7, row, migration=True).payload == payload


def test_a_careers_checks_read_the_configured_rules_once(monkeypatch: pytest.MonkeyPatch) -> None:
    employee = appoint()
    calls: list[Any] = []
    read = employee_module.rules

    def counted(*args: Any) -> Any:
        calls.append(args)
        return read(*args)

    monkeypatch.setattr(employee_module, "rules", counted)
    for end in ("2016-05-10", "2017-05-10", "2018-05-10"):
        record(employee, "training", f.training(end))
    assert len(calls) == 1  # each training's JP limit came from them, read when the career was first checked
