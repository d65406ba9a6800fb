"""A correction moving a fact that was a confirmed double of X onto being a double of Y is asked the duplicate question
(fact.duplicate; a training's training.duplicate) naming Y, beside the corrected field whose new value makes the double
(`corrected_fields.effective_date`, as the correction's other questions are keyed), on the API (`confirm`), the record
form (its box, beside the date's input) and an import (the check's name in the Konfirmasi column: a yes does not
confirm it on a correction; an earlier line of the file named as "Line N of this file", a training's too: until
2026-12-07 that one told a correction row its yes confirmed it). Until 2026-12-07 it was recorded unasked (asked only
of a fact a double of none before), and asked beside `corrected_fields`. A correction of a field the double is not
judged by, on a confirmed double, is not asked. Both stores."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_corrected_values_typed_as_json import said_beside
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in

EVENTS = f"/api/v1/employees/{BUDI}/events"
DEGREE = {"kind": "education", "level": "S-1", "field_of_study": "Hukum", "institution": "USU"}
DUPLICATE = ["fact.duplicate"]
KEY = "corrected_fields.effective_date"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def posted(world: World, body: dict[str, Any]) -> int:
    answer = world.post(EVENTS, "hr", json=body)
    assert answer.status_code == 201, answer.get_json()
    version: int = answer.get_json()["version"]
    return version


def degrees(world: World) -> tuple[int, int, int]:
    """X (HD/R/001) and Y (HD.R.001, a year later): no double of each other; Z (HD-R-001), a confirmed double of X."""
    x = posted(world, {**DEGREE, "effective_date": "2015-08-01", "reference": "HD/R/001"})
    y = posted(world, {**DEGREE, "effective_date": "2016-08-01", "reference": "HD.R.001"})
    z = posted(world, {**DEGREE, "effective_date": "2015-08-01", "reference": "HD-R-001", "confirm": DUPLICATE})
    return x, y, z


def of_y(version: int, how: str = "confirm it (confirm: fact.duplicate) and send it again") -> str:
    return (
        f"Version {version} of the record is a education of the same date (2016-08-01) and the same level S-1, under "
        f"the reference 'HD.R.001', this one written otherwise: if it is this education, it is recorded already "
        f"(correct version {version} if it is wrong); if the record does hold two, {how}."
    )


def moved(version: int) -> dict[str, Any]:
    return {"kind": "correction", **f.correction(version, "2026-08-03", effective_date="2016-08-01")}


def corrections(world: World) -> list[Any]:
    return [e for e in world.services.ledger.get_events(BUDI) if e.KIND == "correction"]


def test_the_api_asks_a_double_moved_onto_another_beside_the_date_naming_it(world: World) -> None:
    _, y, z = degrees(world)
    refused = problem(world.post(EVENTS, "hr", json=moved(z)), 422)
    assert refused["errors"] == {KEY: [of_y(y)]}
    assert corrections(world) == []
    posted(world, {**moved(z), "confirm": DUPLICATE})
    assert [tuple(e.confirmed) for e in corrections(world)] == [tuple(DUPLICATE)]


def test_a_training_moved_onto_another_is_asked_beside_both_dates(world: World) -> None:
    other = {"kind": "training", **f.training("2026-03-06", start="2026-03-02", reference="T-A")}
    posted(world, other)
    y = posted(world, {**other, "start_date": "2026-05-04", "effective_date": "2026-05-08", "reference": "T-B"})
    z = posted(world, {**other, "reference": "T-C", "confirm": ["training.duplicate"]})
    body = {"kind": "correction", **f.correction(z, "2026-06-01", start_date="2026-05-04", effective_date="2026-05-08")}
    errors = problem(world.post(EVENTS, "hr", json=body), 422)["errors"]
    assert list(errors) == [KEY, "corrected_fields.start_date"]
    assert errors[KEY] == errors["corrected_fields.start_date"]
    assert errors[KEY][0].startswith(f"The training recorded as version {y} has the same days (2026-05-04 to ")
    posted(world, {**body, "confirm": ["training.duplicate"]})


def test_a_note_corrected_on_a_confirmed_double_is_not_asked(world: World) -> None:
    _, _, z = degrees(world)
    posted(world, {"kind": "correction", **f.correction(z, "2026-08-03", institution="UNIMED")})
    assert [tuple(e.confirmed) for e in corrections(world)] == [()]


def test_the_form_asks_it_beside_the_date_with_its_box(world: World) -> None:
    _, y, z = degrees(world)
    log_in(world, "hr")
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    data = correction(world, z, **{"corrected.effective_date": "2016-08-01"})
    refused = world.client.post("/pages/record?kind=correction&lang=en", data=data)
    assert refused.status_code == 422, refused.get_data(as_text=True)
    page = refused.get_data(as_text=True)
    assert said_beside(page, KEY).startswith(f"Version {y} of the record is a education of the same date")
    box = re.search(r'<input type="checkbox" name="confirm" value="fact.duplicate"[^>]*>', page)
    assert box, page
    assert f'aria-describedby="{KEY}-error"' in box[0]
    answer = world.client.post("/pages/record?kind=correction", data={**data, "confirm": "fact.duplicate"})
    assert answer.status_code in (200, 302, 303), answer.get_data(as_text=True)
    assert [tuple(e.confirmed) for e in corrections(world)] == [tuple(DUPLICATE)]


def imported(world: World, *rows: dict[str, Any]) -> dict[str, Any]:
    body = b"".join(json.dumps({"nip": BUDI, **row}).encode() + b"\n" for row in rows)
    upload = {"file": (io.BytesIO(body), "rows.jsonl")}
    report: dict[str, Any] = world.post(
        "/api/v1/imports", "hr", data=upload, content_type="multipart/form-data"
    ).get_json()
    return report


def test_an_import_asks_it_beside_the_date_and_a_yes_does_not_confirm_it(world: World) -> None:
    _, y, z = degrees(world)
    how = (
        "confirm it (write fact.duplicate in the Konfirmasi column: a yes does not confirm it on a correction) and "
        "import the row again"
    )
    for confirm in (None, "ya"):
        row = moved(z) if confirm is None else {**moved(z), "confirm": confirm}
        report = imported(world, row)
        assert report["recorded"] == 0, report
        assert report["rejected"][0]["errors"] == {KEY: [of_y(y, how)]}
    report = imported(world, {**moved(z), "confirm": "fact.duplicate"})
    assert report["recorded"] == 1, report
    assert [tuple(e.confirmed) for e in corrections(world)] == [tuple(DUPLICATE)]


def test_an_import_names_the_earlier_line_that_recorded_the_fact_doubled(world: World) -> None:
    posted(world, {**DEGREE, "effective_date": "2015-08-01", "reference": "HD/R/001"})
    z = posted(world, {**DEGREE, "effective_date": "2015-08-01", "reference": "HD-R-001", "confirm": DUPLICATE})
    rows = ({**DEGREE, "effective_date": "2016-08-01", "reference": "HD.R.001"}, moved(z))
    for path in ("/api/v1/imports?dry_run=true", "/api/v1/imports"):
        body = b"".join(json.dumps({"nip": BUDI, **row}).encode() + b"\n" for row in rows)
        upload = {"file": (io.BytesIO(body), "rows.jsonl")}
        report = world.post(path, "hr", data=upload, content_type="multipart/form-data").get_json()
        (rejected,) = report["rejected"]
        [said] = rejected["errors"][KEY]
        assert said.startswith("Line 1 of this file recorded a education (version "), said
        assert said.endswith(
            "confirm it (write fact.duplicate in the Konfirmasi column: a yes does not confirm it on a correction) "
            "and import the row again."
        ), said


def test_an_import_names_the_earlier_line_that_recorded_the_training_doubled(world: World) -> None:
    other = {"kind": "training", **f.training("2026-03-06", start="2026-03-02", reference="T-A")}
    z = posted(world, {**other, "start_date": "2026-05-04", "effective_date": "2026-05-08", "reference": "T-C"})
    row = {"kind": "correction", **f.correction(z, "2026-06-01", start_date="2026-03-02", effective_date="2026-03-06")}
    report = imported(world, other, row)
    (rejected,) = report["rejected"]
    [said] = rejected["errors"][KEY]
    assert said.startswith("Line 1 of this file recorded a training (version "), said
    assert said.endswith("a yes does not confirm it on a correction) and import the row again."), said
