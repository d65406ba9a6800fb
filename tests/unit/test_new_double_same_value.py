"""A correction's new double (careerlog.application.new_double) names the fields it changed, compared as corrected
values are everywhere else (`same_value`, as `corrected_placing` beside it): a field rewritten to an equal value written
otherwise (a date as its text, a text in another Unicode normalization form) is no change, so is never named
as a field making the fact a double."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from careerlog.application import new_double
from careerlog.domain.employee import TRAINING_REPEATED
from careerlog.domain.wording import Reason

OTHER_DAY = date(2026, 3, 14)
STARTED = date(2026, 3, 1)
REFUSAL = TRAINING_REPEATED.reason(version=3, start="2026-03-01", end="2026-03-14", hours=24, same="the same title")


def written_as(values: Mapping[str, Any]) -> dict[int, Reason]:
    """A judge of doubles reading each value exactly as written: the other training's days and its title as the record
    holds them (so that a field not compared as corrected values are would be taken as making the fact a double)."""
    same = values.get("effective_date") == OTHER_DAY and values.get("start_date") == STARTED
    return {3: REFUSAL} if same and values.get("title") == unicodedata.normalize("NFC", "Café") else {}


@pytest.mark.parametrize(
    ("field", "before", "rewritten"),
    [
        ("start_date", "2026-03-01", STARTED),
        ("title", unicodedata.normalize("NFD", "Café"), unicodedata.normalize("NFC", "Café")),
    ],
)
def test_a_field_rewritten_to_an_equal_value_is_not_named_as_making_a_double(
    field: str, before: Any, rewritten: Any
) -> None:
    values = {"effective_date": STARTED, "start_date": STARTED, "title": unicodedata.normalize("NFC", "Café")}
    values = {**values, field: before}
    found = new_double(written_as, values, {"effective_date": OTHER_DAY, field: rewritten})
    assert found == (["corrected_fields.effective_date"], REFUSAL)
