"""A correction is asked whether the fact it corrects would be a double (training.duplicate, fact.duplicate) of a fact
it was not a double of before, compared as the set of facts it doubles before and after: one confirmed a double of X
and moved onto being a double of Y is asked, naming Y, beside the corrected field(s) whose new value makes it so. Until
2026-12-07 a correction was asked only when it made a double of a fact a double of none, beside `corrected_fields`:
one moved from X onto Y was recorded unasked. One leaving its doubles as they were (a field the double is not judged
by) is not asked, nor a migration. Both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.application import CareerLog, Migration
from careerlog.domain.errors import InvalidInput
from tests import factories as f

NIP = f.nip()
DEGREE = {"level": "S-1", "field_of_study": "Hukum", "institution": "USU"}
DUPLICATE = ("fact.duplicate",)
TRAINING_DUPLICATE = ("training.duplicate",)


def recorded(app: CareerLog, kind: str, payload: dict[str, Any], confirmed: tuple[str, ...] = ()) -> int:
    return app.record(NIP, kind, payload, actor="hr", confirmed=confirmed).version


def degrees(app: CareerLog) -> tuple[int, int, int]:
    """X (HD/R/001) and Y (HD.R.001, a year later): no double of each other; Z (HD-R-001), a confirmed double of X."""
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    x = recorded(app, "education", {**DEGREE, "effective_date": "2015-08-01", "reference": "HD/R/001"})
    y = recorded(app, "education", {**DEGREE, "effective_date": "2016-08-01", "reference": "HD.R.001"})
    z = recorded(app, "education", {**DEGREE, "effective_date": "2015-08-01", "reference": "HD-R-001"}, DUPLICATE)
    return x, y, z


def asked(app: CareerLog, target: int, **fields: Any) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(target, "2026-08-03", **fields), actor="hr")
    return {name: [str(reason) for reason in reasons] for name, reasons in refused.value.errors.items()}


def stored(app: CareerLog, version: int) -> tuple[str, ...]:
    (event,) = [e for e in app.events.get(NIP) if e.originator_version == version]
    return tuple(event.confirmed)


def test_a_confirmed_double_moved_onto_another_fact_is_asked_naming_it_beside_the_date(app: CareerLog) -> None:
    x, y, z = degrees(app)
    errors = asked(app, z, effective_date="2016-08-01")
    assert list(errors) == ["corrected_fields.effective_date"]
    [said] = errors["corrected_fields.effective_date"]
    assert said.startswith(f"Version {y} of the record is a education of the same date (2016-08-01)"), said
    assert "under the reference 'HD.R.001'" in said
    assert "confirm: fact.duplicate" in said
    assert app.get_employee(NIP).version == z  # (nothing recorded)
    outcome = app.record(
        NIP, "correction", f.correction(z, "2026-08-03", effective_date="2016-08-01"), actor="hr", confirmed=DUPLICATE
    )
    assert stored(app, outcome.version) == DUPLICATE
    assert x != y


def test_a_confirmed_training_double_moved_onto_another_training_is_asked_beside_both_dates(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    x = recorded(app, "training", f.training("2020-01-05", start="2020-01-01", reference="T-A"))
    y = recorded(app, "training", f.training("2021-01-05", start="2021-01-01", reference="T-B"))
    z = recorded(app, "training", f.training("2020-01-05", start="2020-01-01", reference="T-C"), TRAINING_DUPLICATE)
    errors = asked(app, z, start_date="2021-01-01", effective_date="2021-01-05")
    assert list(errors) == ["corrected_fields.effective_date", "corrected_fields.start_date"]
    [said] = errors["corrected_fields.start_date"]
    assert errors["corrected_fields.effective_date"] == [said]
    assert said.startswith(f"The training recorded as version {y} has the same days (2021-01-01 to 2021-01-05)"), said
    moved = f.correction(z, "2026-08-03", start_date="2021-01-01", effective_date="2021-01-05")
    outcome = app.record(NIP, "correction", moved, actor="hr", confirmed=TRAINING_DUPLICATE)
    assert stored(app, outcome.version) == TRAINING_DUPLICATE
    assert x < y


def test_each_field_whose_new_value_makes_the_double_is_named_and_no_other(app: CareerLog) -> None:
    _, _, z = degrees(app)
    w = recorded(app, "education", {**DEGREE, "effective_date": "2017-08-01", "reference": "HD/R/002"})
    both = asked(app, z, effective_date="2017-08-01", reference="HD-R-002")  # (each alone no double of W)
    assert list(both) == ["corrected_fields.effective_date", "corrected_fields.reference"]
    assert both["corrected_fields.reference"][0].startswith(f"Version {w} of the record")
    with_other = asked(app, z, effective_date="2017-08-01", reference="HD-R-002", institution="UNIMED")
    assert list(with_other) == list(both)  # (the institution changes no double)


def test_a_correction_leaving_its_doubles_as_they_were_is_not_asked(app: CareerLog) -> None:
    _, _, z = degrees(app)
    outcome = app.record(NIP, "correction", f.correction(z, "2026-08-03", institution="UNIMED"), actor="hr")
    assert outcome.created
    assert stored(app, outcome.version) == ()
    off = app.record(NIP, "correction", f.correction(z, "2026-08-04", effective_date="2018-08-01"), actor="hr")
    assert off.created
    assert stored(app, off.version) == ()


def test_a_double_of_none_moved_onto_one_is_asked_as_before(app: CareerLog) -> None:
    _, y, _ = degrees(app)
    w = recorded(app, "education", {**DEGREE, "effective_date": "2018-08-01", "reference": "HD R 001"})
    errors = asked(app, w, effective_date="2016-08-01")
    assert list(errors) == ["corrected_fields.effective_date"]
    assert errors["corrected_fields.effective_date"][0].startswith(f"Version {y} of the record")


def test_a_migration_is_not_asked(app: CareerLog) -> None:
    _, _, z = degrees(app)
    migration = Migration(f.NOW, "admin", True)
    moved = f.correction(z, "2026-08-03", effective_date="2016-08-01")
    outcome = app.record(NIP, "correction", moved, actor="admin", migration=migration)
    assert outcome.created
    assert stored(app, outcome.version) == ()
