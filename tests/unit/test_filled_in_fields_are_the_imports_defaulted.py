"""The fields `complete` fills in for a recording that leaves them out are the ones the import treats as filled in
(a column of no field beside a header leaving one out refuses the file: importing.UNKNOWN_MAY_BE_DEFAULTED). The
import kept its own copy of them (DEFAULTED_FIELDS, a penalty's end) until the review of 2026-12-05: a field
`complete` learnt to fill had to be added there too. Both read application.FILLED_IN now; this test watches what
`complete` does to the demo's recordings of every kind, each optional field left out in turn, so a field filled in
outside that table fails it."""

from __future__ import annotations

from datetime import date
from typing import Any

from careerlog.application import complete, filled_in
from careerlog.demo import generate
from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import parse_payload, payload_fields


def filled_by_complete() -> tuple[dict[str, set[str]], set[str]]:
    """For each kind, the fields `complete` filled in of the demo's recordings, each optional field left out in
    turn; and the kinds seen."""
    filled: dict[str, set[str]] = {}
    seen: set[str] = set()
    for rec in generate(60, 3, date(2026, 11, 1)).records():
        event_cls = BY_KIND[rec.kind]
        values = parse_payload(event_cls, rec.payload)
        seen.add(rec.kind)
        for spec in payload_fields(event_cls):
            if spec.required:
                continue
            left_out: dict[str, Any] = {**values, spec.name: None}
            after = complete(event_cls, dict(left_out))
            filled.setdefault(rec.kind, set()).update(k for k in after if after[k] != left_out.get(k))
    return filled, seen


def test_every_field_complete_fills_in_is_one_the_import_treats_as_filled_in() -> None:
    filled, seen = filled_by_complete()
    assert {"penalty", "training", "rank_promotion", "appointment", "study_leave_start"} <= seen
    assert filled["penalty"] == {"end_date"}  # (the demo's penalties of a kind with months: the end filled in)
    for kind, names in filled.items():
        assert names <= set(filled_in(kind)), kind
