"""Two HR officers correcting one fact through the API (a tester on PostgreSQL, 2026-12-06): a training of 1 JP, one
officer's correction to 3 JP recorded, then the other's title corrected from a read made before it, every field as
read (hours 1 again), recorded too, unasked: the first correction undone and nobody told, since the API does not
require If-Match (docs/api.md, "Corrections on the fact as read"). A correction sent without If-Match that sets a
field back to a value it held before its last correction, made by another writer, is now asked (`fact.changed_since`,
beside the field, naming the value it sets back, the value now, the version and its writer), and confirmed as every
question is; one changing only what it changes, one of the writer's own correction, one sent with If-Match and the
record form's correction are not asked. And a correction or retraction sent with If-Match on a fact retracted since
was refused 422 "Version 7 was retracted by version 14." where docs/api.md says 412 fact-changed: it is the 412 now."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_correction_if_match import correction, training
from tests.functional.test_correction_form_concurrent_correction import corrected_elsewhere, values_of
from tests.functional.test_correction_form_fields import correction as form_of_correction
from tests.functional.test_pages_auth import log_in
from tests.functional.test_unit_new_asked_of_a_correction import imported

EVENTS = f"/api/v1/employees/{BUDI}/events"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def hours_corrected_by_admin(world: World) -> tuple[int, int]:
    """The training (16 JP, recorded by hr) and admin's correction of it to 24 JP: their versions."""
    version = training(world)
    first = world.post(EVENTS, "admin", json=correction(version, "C-A", hours=24))
    assert first.status_code == 201, first.get_json()
    return version, int(first.get_json()["version"])


def asked(version: int, by: str, *, field: str = "hours", now: str = "24", value: str = "16") -> str:
    return (
        f"{field} is {now} since version {version}, in which {by} corrected it, and this correction sets it back to "
        f"{value}, undoing that correction: a correction made from a read of the fact before it, sending every field "
        "as read, does so unseen. If so, read the fact again and correct only what is to change on it; if "
        f"{field} is to be {value} again, confirm it (confirm: fact.changed_since) and send the correction again."
    )


def test_a_correction_from_an_older_read_setting_a_field_back_is_asked(world: World) -> None:
    version, first = hours_corrected_by_admin(world)
    before = world.log()
    stale = correction(version, "C-H", title="Burst 1 (revisi)", hours=16, organiser="BKPSDM Kota Medan")
    answer = world.post(EVENTS, "hr", json=stale)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {"corrected_fields.hours": [asked(first, "admin")]}
    assert world.log() == before
    confirmed = world.post(EVENTS, "hr", json={**stale, "confirm": ["fact.changed_since"]})
    assert confirmed.status_code == 201, confirmed.get_json()
    fact = world.get(f"{EVENTS}/{version}", "hr").get_json()
    assert fact["items"][-1]["corrected_fields"] == {"title": "Burst 1 (revisi)", "hours": 16}
    assert "confirm" not in fact["items"][-1]  # (asked, not stored: the correction and its writer say it)


def test_a_correction_of_only_what_it_changes_is_not_asked(world: World) -> None:
    version, _ = hours_corrected_by_admin(world)
    answer = world.post(EVENTS, "hr", json=correction(version, "C-T", title="Burst 1 (revisi)", hours=24))
    assert answer.status_code == 201, answer.get_json()


def test_a_writer_setting_back_their_own_correction_is_not_asked(world: World) -> None:
    version, _ = hours_corrected_by_admin(world)
    answer = world.post(EVENTS, "admin", json=correction(version, "C-O", hours=16))
    assert answer.status_code == 201, answer.get_json()


def test_a_value_from_before_several_corrections_is_asked_naming_the_last(world: World) -> None:
    version, _ = hours_corrected_by_admin(world)
    second = world.post(EVENTS, "admin", json=correction(version, "C-A2", hours=32))
    assert second.status_code == 201
    answer = world.post(EVENTS, "hr", json=correction(version, "C-H2", hours=16))
    assert answer.status_code == 422, answer.get_json()
    said = asked(int(second.get_json()["version"]), "admin", now="32")
    assert answer.get_json()["errors"] == {"corrected_fields.hours": [said]}


def test_with_if_match_the_condition_judges_and_nothing_is_asked(world: World) -> None:
    version, first = hours_corrected_by_admin(world)
    stale = world.post(EVENTS, "hr", json=correction(version, "C-M1", hours=16), headers={"If-Match": f'"{version}"'})
    assert stale.status_code == 412, stale.get_json()
    current = world.post(EVENTS, "hr", json=correction(version, "C-M2", hours=16), headers={"If-Match": f'"{first}"'})
    assert current.status_code == 201, current.get_json()  # (read as it stands: setting it back is meant)
    back = correction(version, "C-M3", hours=24)  # (admin's 24 again, over hr's correction: asked of admin now)
    again = world.post(EVENTS, "admin", json=back)
    said = asked(int(current.get_json()["version"]), "hr", now="16", value="24")
    assert (again.status_code, again.get_json()["errors"]) == (422, {"corrected_fields.hours": [said]})
    anyone = world.post(EVENTS, "admin", json=back, headers={"If-Match": "*"})  # (any version: as read, unasked)
    assert anyone.status_code == 201, anyone.get_json()


def test_the_correction_form_is_not_asked(world: World) -> None:
    fact = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = world.services.ledger.record(BUDI, "training", fact, actor="test").version
    corrected_elsewhere(world, version, hours=24)  # (by "other")
    log_in(world, "hr")
    form = form_of_correction(world, version, **{"corrected.hours": "16"})  # (opened showing 24 JP)
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert values_of(world, version)["hours"] == 16


@pytest.mark.parametrize("sent", ["box", "inputs without the values shown"])
def test_the_record_form_not_on_the_fact_as_shown_is_asked(world: World, sent: str) -> None:
    """Only the form's per-field inputs sent with the values they showed make a correction on the fact as read: one
    typed as JSON in the form's corrected_fields box, or a script's POST of the inputs alone, is asked as the API's
    without If-Match is (until 2026-12-06 the box's set admin's 24 JP back to 16 unasked)."""
    fact = f.training("2024-05-10", hours=16, start="2024-05-08")
    version = world.services.ledger.record(BUDI, "training", fact, actor="test").version
    corrected_elsewhere(world, version, hours=24)  # (by "other")
    log_in(world, "hr")
    form = form_of_correction(world, version, **{"corrected.hours": "16"})
    if sent == "box":
        form = {k: v for k, v in form.items() if not k.startswith(("corrected.", "shown."))}
        form["corrected_fields"] = '{"title": "Baru", "hours": 16}'
    else:
        form = {k: v for k, v in form.items() if not k.startswith("shown.")}
    before = world.log()
    answer = world.client.post("/pages/record?kind=correction", data=form)
    assert answer.status_code == 422, answer.status_code  # (the form again, the question beside the hours)
    assert "hours bernilai 24 sejak versi" in answer.get_data(as_text=True)  # (in the form's words: its box)
    assert world.log() == before
    assert values_of(world, version)["hours"] == 24
    confirmed = world.client.post("/pages/record?kind=correction", data={**form, "confirm": "fact.changed_since"})
    assert confirmed.status_code == 302, confirmed.get_data(as_text=True)
    assert values_of(world, version)["hours"] == 16


def test_an_import_row_setting_a_field_back_is_asked_and_confirmed_by_name(world: World) -> None:
    version, first = hours_corrected_by_admin(world)
    row = {"nip": BUDI, **correction(version, "C-I", hours=16)}
    named = asked(first, "admin").replace(
        "confirm it (confirm: fact.changed_since) and send the correction again",
        "confirm it (write fact.changed_since in the Konfirmasi column: a yes does not confirm it on a correction) "
        "and import the row again",
    )
    for confirm in (None, "ya"):  # (a correction row's yes: promotion.one_step, placement.ends_post alone)
        report = imported(world, {**row, "confirm": confirm} if confirm else row)
        assert [(p["line"], p["errors"]) for p in report["rejected"]] == [(1, {"corrected_fields.hours": [named]})]
    report = imported(world, {**row, "confirm": "fact.changed_since"})
    assert (report["recorded"], report["rejected"]) == (1, [])
    # (named among the warnings, as every confirmation a row needed is: not stored, told by Outcome.asked)
    said = "Confirmed in the Konfirmasi column, each asked of this row: fact.changed_since."
    assert [w["errors"] for w in report["warnings"]] == [{"confirm": [said]}]


def retraction(version: int, reference: str) -> dict[str, Any]:
    return {
        "kind": "retraction",
        "target_version": version,
        "reason": "Salah",
        "effective_date": "2024-06-01",
        "reference": reference,
    }


def test_a_correction_or_retraction_with_if_match_of_a_fact_retracted_since_is_412(world: World) -> None:
    version, first = hours_corrected_by_admin(world)
    tag = {"If-Match": f'"{first}"'}
    retracted = world.post(EVENTS, "admin", json=retraction(version, "X-1"), headers=tag)
    assert retracted.status_code == 201, retracted.get_json()
    now = int(retracted.get_json()["version"])
    before = world.log()
    for late in (correction(version, "C-R", title="Judul"), retraction(version, "X-2")):
        answer = world.post(EVENTS, "hr", json=late, headers=tag)
        assert answer.status_code == 412, answer.get_json()
        problem = answer.get_json()
        assert problem["type"] == "urn:careerlog:problem:fact-changed"
        assert (list(problem["errors"]), problem["current_version"]) == (["If-Match"], now)
    assert world.log() == before
    unconditioned = world.post(EVENTS, "hr", json=correction(version, "C-R2", title="Judul"))
    assert unconditioned.status_code == 422  # (without If-Match: as before, naming the retraction)
    said = f"Version {version} was retracted by version {now}."
    assert unconditioned.get_json()["errors"] == {"target_version": [said]}
    current = world.post(EVENTS, "hr", json=retraction(version, "X-3"), headers={"If-Match": f'"{now}"'})
    assert current.status_code == 422, current.get_json()  # (read as it stands: already retracted, as before)
