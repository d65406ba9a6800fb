"""A penalty's end filled in from its kind is worked out again when its kind or start is corrected (found by an
exploratory tester, 2026-12-06).

A POTONG_TUKIN_6 recorded without its end is stored with the end its 6 months give. Corrected to POTONG_TUKIN_12 (the
decree said 12 months), the correction kept that end: it was answered with a warning naming a day the officer never
typed ("... is before the last day ... If the decree does end it early, nothing is to be done"), and the eligibility
answer read the penalty as served months before a penalty recorded as POTONG_TUKIN_12 would have been. A correction
of the kind or start that leaves out the end now works the end out again when the end as it stands is the one the
kind's months gave (docs/events.md, PenaltyImposed); an end the writer gave stays theirs. The API, an import and the
record form's correction alike.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta

from careerlog.ages import months_last_day
from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from tests.functional.test_correction_form_fields import correction as form_correction
from tests.functional.test_next_date_after_penalty import regular_offer
from tests.functional.test_pages_auth import log_in
from tests.functional.test_penalty_without_end_bars import clerk

# begun 8 months ago: 6 months are served, 12 are not
START = latest_today().replace(day=1) - relativedelta(months=8)
SIX, TWELVE = months_last_day(START, 6), months_last_day(START, 12)
TO_TWELVE = "POTONG_TUKIN_12"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def penalised(world: World, nip: str, kind: str, end: date | None = None) -> int:
    """`nip` given a MEDIUM penalty of `kind` from START through the API (its end left out when None); its version."""
    penalty = {"kind": "penalty", "level": "MEDIUM", "penalty_kind": kind, "effective_date": START.isoformat(),
               "reference": "HD/E/2026"}  # fmt: skip
    if end is not None:
        penalty["end_date"] = end.isoformat()
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=penalty)
    assert answer.status_code == 201, answer.get_json()
    version: int = answer.get_json()["version"]
    return version


def corrected(version: int, **fields: str) -> dict[str, Any]:
    return {"kind": "correction", "target_version": version, "reason": "SK: 12 bulan", "corrected_fields": fields,
            "effective_date": latest_today().isoformat(), "reference": "RALAT/E/HD"}  # fmt: skip


def end_of(world: World, nip: str, version: int) -> str | None:
    world.catch_up()
    items = world.get(f"/api/v1/employees/{nip}/timeline").get_json()["items"]
    end: str | None = next(i for i in items if i["version"] == version)["values"].get("end_date")
    return end


def test_a_kind_corrected_works_out_the_end_filled_in_again(world: World) -> None:
    nip, direct = clerk(world, 841), clerk(world, 842)
    version = penalised(world, nip, "POTONG_TUKIN_6")
    assert end_of(world, nip, version) == SIX.isoformat()
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=corrected(version, penalty_kind=TO_TWELVE))
    assert answer.status_code == 201, answer.get_json()
    assert "warnings" not in answer.get_json()  # (it named the 6 months' end, a day no one typed)
    assert end_of(world, nip, version) == TWELVE.isoformat()
    penalised(world, direct, "POTONG_TUKIN_12")
    world.catch_up()
    item, as_recorded = regular_offer(world, nip), regular_offer(world, direct)
    assert item["next_date_basis"] == "bar"  # past the penalty's end (it read "no blocking penalty served")
    assert item["next_date"] == as_recorded["next_date"]
    assert item["missing"] == as_recorded["missing"]
    # sent again, it is the correction recorded (not other values: the end it worked out is the writer's sending's)
    again = world.post(f"/api/v1/employees/{nip}/events", "hr", json=corrected(version, penalty_kind=TO_TWELVE))
    assert again.status_code in (200, 201), again.get_json()
    assert again.get_json()["version"] == answer.get_json()["version"]


def test_a_start_corrected_works_it_out_again_and_an_end_given_stays(world: World) -> None:
    nip = clerk(world, 843)
    version = penalised(world, nip, "POTONG_TUKIN_6")
    later = START + relativedelta(months=1)
    moved = corrected(version, effective_date=later.isoformat())
    answer = world.post(f"/api/v1/employees/{nip}/events", "hr", json=moved)
    assert answer.status_code == 201, answer.get_json()
    assert end_of(world, nip, version) == months_last_day(later, 6).isoformat()
    # an end the writer gave (the decree's, earlier than the kind's) is theirs: a kind corrected keeps it, warned
    given = SIX - relativedelta(months=1)
    other = clerk(world, 844)
    version = penalised(world, other, "POTONG_TUKIN_6", given)
    answer = world.post(
        f"/api/v1/employees/{other}/events", "hr", json=corrected(version, penalty_kind="POTONG_TUKIN_12")
    )
    assert answer.status_code == 201, answer.get_json()
    [warned] = answer.get_json()["warnings"]
    assert warned.startswith(f"{given.isoformat()} is before the last day of a POTONG_TUKIN_12 penalty")
    assert end_of(world, other, version) == given.isoformat()
    # and a correction giving the end with the kind records the end given
    third = clerk(world, 845)
    version = penalised(world, third, "POTONG_TUKIN_6")
    fields = {"penalty_kind": "POTONG_TUKIN_12", "end_date": SIX.isoformat()}
    answer = world.post(f"/api/v1/employees/{third}/events", "hr", json=corrected(version, **fields))
    assert answer.status_code == 201, answer.get_json()
    assert end_of(world, third, version) == SIX.isoformat()


def test_an_import_and_the_form_work_it_out_again_too(world: World) -> None:
    nip, other = clerk(world, 846), clerk(world, 847)
    version = penalised(world, nip, "POTONG_TUKIN_6")
    row = {"nip": nip, **corrected(version, penalty_kind="POTONG_TUKIN_12")}
    upload = {"file": (io.BytesIO(json.dumps(row).encode() + b"\n"), "corrections.jsonl")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 1, report
    assert not report.get("warnings"), report
    assert end_of(world, nip, version) == TWELVE.isoformat()
    version = penalised(world, other, "POTONG_TUKIN_6")
    world.catch_up()  # (the form shows the fact's fields as the views hold it)
    log_in(world, "hr")
    data = form_correction(world, version, other, **{"corrected.penalty_kind": "POTONG_TUKIN_12"})
    data["effective_date"] = latest_today().isoformat()
    answer = world.client.post("/pages/record?kind=correction", data=data, follow_redirects=True)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert "jatuh sebelum hari terakhir hukuman" not in answer.get_data(as_text=True)
    assert end_of(world, other, version) == TWELVE.isoformat()
