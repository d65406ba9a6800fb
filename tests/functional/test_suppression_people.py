"""A scorecard value is withheld from a reader of aggregates when the PEOPLE behind it are fewer than the minimum,
whatever its denominator counts. The cost per JP divides by JP, a programme's rating by opinions (one per participant
and programme): one person's 24 JP of trainings, or one person's opinions of five cohorts of a course, were shown
(a denominator of 24 or 5) while the same person's hours per employee were withheld. Both stores, the API, its CSV.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.functional.conftest import World, appointment_of
from tests.functional.test_suppression import SARI, f, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

BAPPEDA = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=1&unit=Bappeda"
MEDAN = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2020&years=1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def value(card: dict[str, Any], indicator: str, **group: str) -> dict[str, Any]:
    [found] = [v for v in card["indicators"][indicator]["trend"] if v["group"] == group]
    return found


def figures(found: dict[str, Any]) -> tuple[Any, Any, Any, bool]:
    return found["numerator"], found["denominator"], found["value"], found["suppressed"]


def test_the_cost_per_jp_of_one_persons_trainings_is_withheld_as_their_hours_are(staffed: World) -> None:
    record(staffed, SARI, "training", f.training("2020-06-05", 24, "2020-06-01", cost=4_800_000))
    staffed.catch_up()
    card = staffed.get(BAPPEDA, "reporter").get_json()  # Sari alone in Bappeda
    assert figures(value(card, "training.hours_per_employee")) == (None, None, None, True)
    assert figures(value(card, "training.cost_per_jp")) == (None, None, None, True)  # was 4,800,000 / 24, shown
    exact = staffed.get(BAPPEDA, "inspector").get_json()
    assert figures(value(exact, "training.cost_per_jp")) == (4_800_000, 24, 200_000, False)
    assert "people" not in value(exact, "training.cost_per_jp")  # (what it is judged by, not shown)
    text = staffed.get(BAPPEDA + "&format=csv", "reporter").get_data(as_text=True)
    [line] = [row for row in text.splitlines() if row.startswith("training.cost_per_jp,trend,")]
    assert line.startswith("training.cost_per_jp,trend,KOTA-MEDAN,Bappeda,,2020,,,,,")
    assert line.endswith(",true,")  # (suppressed, then untested: empty, 16668143)


def test_a_programme_rated_by_one_person_in_five_cohorts_is_withheld(staffed: World) -> None:
    for n in range(1, 6):
        day = f"2020-0{n + 1}-10"
        record(staffed, SARI, "training", f.training(day, 8, title=f"Arsip Angkatan {n}", programme_id=f"PRG-{n}"))
        feedback = {"programme_id": f"PRG-{n}", "rating": 2, "relevance": 3, "effective_date": "2020-09-01"}
        record(staffed, SARI, "training_feedback", {**feedback, "reference": f"E-{n}"})
    staffed.catch_up()
    card = staffed.get(MEDAN, "policy").get_json()  # five opinions, one person's
    for indicator in ("training.programme_rating", "training.programme_relevance"):
        assert figures(value(card, indicator, programme="Arsip")) == (None, None, None, True)
    exact = staffed.get(MEDAN, "inspector").get_json()
    assert figures(value(exact, "training.programme_rating", programme="Arsip")) == (10, 5, 2.0, False)


def test_the_awards_of_one_person_are_withheld_however_many(staffed: World) -> None:
    # (KAB-KARO staffed beside Rina: training compliance of 2020 by agency shows KOTA-MEDAN's 8 staff, the awards per
    # 1,000 staff's denominator, which it withheld as the complement of Rina's 1 alone, and the card then with it:
    # a past year's staff judged by that year's training compliance since 2026-12-07)
    for n in range(5):
        nip = f.nip(date(1988, 2, 1 + n), date(2014, 3, 1), "F", sequence=960 + n)
        place = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
        record(staffed, nip, "appointment", appointment_of(nip, **place))
        record(staffed, nip, "confirmation", f.confirmation("2015-03-01"))
    kinds = ("PEGAWAI_TELADAN", "ANUGERAH_ASN", "OTHER", "SL_PEMBANGUNAN", "SL_WIRA_KARYA")
    for month, kind in enumerate(kinds, start=3):
        record(staffed, SARI, "award", f.award(kind, f"2020-0{month}-17"))
    staffed.catch_up()
    card = staffed.get(MEDAN, "reporter").get_json()  # five awards, all Sari's
    assert figures(value(card, "awards.irregular")) == (None, None, None, True)
    assert figures(value(card, "awards.per_1000_staff")) == (5, 8, 625.0, False)  # (not judged by its people)
    exact = staffed.get(MEDAN, "inspector").get_json()
    assert value(exact, "awards.irregular")["denominator"] == 5
