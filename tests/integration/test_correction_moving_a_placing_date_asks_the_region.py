"""A correction moving a placement's date into a version of the rules that asks its region (agency.region_seat) was
not asked: the question read the region and the agency alone (careerlog.application.PLACING_READS), yet it judges by
the version in force on the fact's date. A rules file whose first version of the rule asks nothing (both lists empty)
and whose second, from 2020, holds a city's staff to its seat: a KOTA-MEDAN placement in 12.07 dated 2019 is recorded
unasked, and a correction moving it to 2021 is asked beside `corrected_fields.effective_date` until confirmed. On both
stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.domain.errors import InvalidInput
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
BUNDLED_VERSION = """valid_from = "1974-01-01"
[rules.params]
seat = ["regency", "city"]
province = ["province"]
"""
TWO_VERSIONS = """valid_from = "1974-01-01"
valid_to = "2020-01-01"
[rules.params]
seat = []
province = []

[[rules]]
id = "agency.region_seat"
title = "A regency's or city's staff work in its seat region, a province's within the province"
source = "agencies.toml (each agency's kind and seat region); that its staff work there is an inference"
status = "I"
valid_from = "2020-01-01"
[rules.params]
seat = ["regency", "city"]
province = ["province"]
"""


@pytest.fixture
def seat_from_2020(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index('id = "agency.region_seat"')
    assert text.index(BUNDLED_VERSION, start) > start  # (the bundled version, replaced by two)
    path = tmp_path / "rules.toml"
    path.write_text(text[:start] + text[start:].replace(BUNDLED_VERSION, TWO_VERSIONS, 1), encoding="utf-8")
    monkeypatch.setenv(RULES_FILE_ENV, str(path))


def placement(day: str) -> dict[str, Any]:
    return {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.07", "effective_date": day, "reference": "SK-M/1"}


def test_a_correction_moving_a_placements_date_into_a_version_asking_its_region_is_asked(
    app: CareerLog, seat_from_2020: None
) -> None:
    app.record(NIP, "appointment", f.appointment(region="12.71"), actor="hr")  # TMT 2010-03-01
    version = app.record(NIP, "placement", placement("2019-06-03"), actor="hr").version  # (no seat asked in 2019)
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "placement", placement("2021-06-01") | {"reference": "SK-M/2"}, actor="hr")
    assert list(refused.value.errors) == ["region"]  # (the second version asks it)
    moved = f.correction(version, "2024-06-03", effective_date="2021-06-01")
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", moved, actor="hr")
    [reason] = refused.value.errors["corrected_fields.effective_date"]
    assert str(reason).startswith("Region 12.07 is outside KOTA-MEDAN's own region (12.71)")
    assert [x.values["effective_date"].isoformat() for x in placements(app)] == ["2019-06-03"]
    app.record(NIP, "correction", moved, actor="hr", confirmed=["region.outside_seat"])
    assert [x.values["effective_date"].isoformat() for x in placements(app)] == ["2021-06-01"]


def test_a_correction_moving_its_date_within_a_version_asking_nothing_is_not_asked(
    app: CareerLog, seat_from_2020: None
) -> None:
    app.record(NIP, "appointment", f.appointment(region="12.71"), actor="hr")
    version = app.record(NIP, "placement", placement("2019-06-03"), actor="hr").version
    app.record(NIP, "correction", f.correction(version, "2024-06-03", effective_date="2019-07-01"), actor="hr")
    assert [x.values["effective_date"].isoformat() for x in placements(app)] == ["2019-07-01"]


def placements(app: CareerLog) -> list[Any]:
    return [x for x in app.get_employee(NIP).active_facts() if x.kind == "placement"]


def test_a_region_confirmed_outside_the_seat_is_not_asked_again_of_a_correction_of_its_date(
    app: CareerLog, seat_from_2020: None
) -> None:
    app.record(NIP, "appointment", f.appointment(region="12.71"), actor="hr")
    outside = placement("2021-06-01")
    version = app.record(NIP, "placement", outside, actor="hr", confirmed=["region.outside_seat"]).version
    app.record(NIP, "correction", f.correction(version, "2024-06-03", effective_date="2022-06-01"), actor="hr")
    assert [x.values["effective_date"].isoformat() for x in placements(app)] == ["2022-06-01"]
