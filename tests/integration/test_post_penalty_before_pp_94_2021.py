"""A post penalty of the discipline regulations before PP 94/2021 is recorded: PP 53/2010 art. 7(4) b and c
(pemindahan dalam rangka penurunan jabatan setingkat lebih rendah, pembebasan dari jabatan: PENURUNAN_JABATAN,
PEMBEBASAN_JABATAN) and PP 30/1980's pembebasan dari jabatan, without PP 94/2021's 12 months (rule penalty.kinds,
`without_months`): its end as the decree gives it (not refused as too long), else none. Found in review (2026-12-05):
a real 2015 PEMBEBASAN_JABATAN decree was refused as no kind of PP 53/2010, and HR had no code for it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from careerlog.application import CareerLog, Migration
from careerlog.domain.employee import penalty_months
from careerlog.domain.errors import InvalidInput
from tests import factories as f

pytestmark = pytest.mark.made_store

NIP = f.nip(sequence=742)


def penalty(kind: str, day: str, reference: str = "HD-1", **more: Any) -> dict[str, Any]:
    return {"level": "SEVERE", "penalty_kind": kind, "effective_date": day, "reference": reference, **more}


def ended(app: CareerLog, version: int) -> object:
    return next(e for e in app.get_history(NIP) if e["version"] == version).get("end_date")


@pytest.fixture
def appointed(app: CareerLog) -> CareerLog:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    return app


def test_a_2015_pembebasan_jabatan_is_recorded_without_pp_94_2021s_months(appointed: CareerLog) -> None:
    recorded = appointed.record(NIP, "penalty", penalty("PEMBEBASAN_JABATAN", "2015-05-04"), actor="hr")
    assert recorded.created
    assert ended(appointed, recorded.version) is None  # (no 12 months filled in: PP 53/2010 set none)
    longer = penalty("PEMBEBASAN_JABATAN", "2016-02-01", "HD-2", end_date="2019-01-31")
    assert ended(appointed, appointed.record(NIP, "penalty", longer, actor="hr").version) == "2019-01-31"
    assert appointed.record(NIP, "penalty", penalty("PENURUNAN_JABATAN", "2017-03-01", "HD-3"), actor="hr").created


def test_pp_30_1980_had_pembebasan_jabatan_but_no_penurunan_jabatan(appointed: CareerLog) -> None:
    assert appointed.record(NIP, "penalty", penalty("PEMBEBASAN_JABATAN", "2010-05-03"), actor="hr").created
    with pytest.raises(InvalidInput) as refused:
        appointed.record(NIP, "penalty", penalty("PENURUNAN_JABATAN", "2010-05-03", "HD-2"), actor="hr")
    assert "PP 30/1980" in refused.value.errors["penalty_kind"][0]


def test_under_pp_94_2021_the_12_months_still_hold(appointed: CareerLog) -> None:
    recorded = appointed.record(NIP, "penalty", penalty("PEMBEBASAN_JABATAN", "2022-01-01"), actor="hr")
    assert ended(appointed, recorded.version) == "2022-12-31"
    too_long = penalty("PEMBEBASAN_JABATAN", "2023-01-02", "HD-2", end_date="2024-06-30")
    with pytest.raises(InvalidInput) as refused:
        appointed.record(NIP, "penalty", too_long, actor="hr")
    assert list(refused.value.errors) == ["end_date"]
    assert (
        penalty_months("PEMBEBASAN_JABATAN", date(2015, 5, 4)),
        penalty_months("PENURUNAN_JABATAN", date(2022, 1, 1)),
    ) == (
        None,
        12,
    )


def test_one_recorded_with_the_12_months_filled_in_sent_again_is_the_one_recorded(appointed: CareerLog) -> None:
    """Recorded before 2026-12-05 (here by a migration) with its end filled in from PP 94/2021's months."""
    old = Migration(datetime(2016, 1, 4, 2, tzinfo=UTC), "hr")
    body = penalty("PEMBEBASAN_JABATAN", "2015-05-04")
    version = appointed.record(NIP, "penalty", {**body, "end_date": "2016-05-03"}, actor="hr", migration=old).version
    again = appointed.record(NIP, "penalty", body, actor="hr")
    assert (again.version, again.created) == (version, False)
