"""A training's title or organiser pasted from a PDF or a chat carries invisible characters (a zero-width space
U+200B, a soft hyphen U+00AD, a no-break space): the same training recorded again typed plainly, under another
certificate, is asked about (rule training.duplicate), and a probable duplicate so written counts its JP once (rule
training.counted_once, which compares alike). Found by an exploratory tester (2026-12-07): `Seminar SPBE\\u200b` then
`Seminar SPBE` was recorded unasked, its 4 JP counted twice. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.career import Recorded, repeated_trainings
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_acceptance_refusals import problem

NIP = f.nip(date(1986, 4, 29), date(2021, 3, 1), "M", sequence=1)
EVENTS = f"/api/v1/employees/{NIP}/events"
SEMINAR = {
    "kind": "training",
    "training_kind": "SEMINAR",
    "organiser": "Diskominfo",
    "hours": 4,
    "start_date": "2026-10-20",
    "effective_date": "2026-10-20",
}
PASTED = [
    ("Seminar SPBE\u200b", "Diskominfo"),
    ("Seminar\u00a0SPBE", "Disko\u00adminfo"),
    ("\ufeffSeminar SPBE", "Diskominfo\u2060"),
    ("Seminar S\u200cP\u200dBE\u200e", "\u200fDiskominfo"),
]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(("title", "organiser"), PASTED)
def test_a_training_recorded_again_without_the_invisible_characters_of_a_copy_is_asked(
    world: World, title: str, organiser: str
) -> None:
    world.services.ledger.record(NIP, "appointment", appointment_of(NIP, rank="III/a"), actor="test")
    first = world.post(EVENTS, "hr", json={**SEMINAR, "reference": "ZW/1", "title": title, "organiser": organiser})
    assert first.status_code == 201, first.get_data(as_text=True)
    again = {**SEMINAR, "reference": "ZW/2", "title": "Seminar SPBE"}
    body = problem(world.post(EVENTS, "hr", json=again), 422)
    (asked,) = body["errors"]["reference"]
    assert "the same title and organiser (rule training.duplicate)" in asked, asked
    confirmed = world.post(EVENTS, "hr", json={**again, "confirm": ["training.duplicate"]})
    assert confirmed.status_code == 201, confirmed.get_data(as_text=True)


@pytest.mark.parametrize(("title", "organiser"), PASTED)
def test_a_probable_duplicate_written_with_invisible_characters_counts_its_jp_once(title: str, organiser: str) -> None:
    values = {key: value for key, value in SEMINAR.items() if key != "kind"}
    pasted = Recorded(3, "2026-10-20", {**values, "reference": "ZW/1", "title": title, "organiser": organiser}, ())
    plain = Recorded(5, "2026-10-20", {**values, "reference": "ZW/2", "title": "Seminar SPBE"}, ())
    assert repeated_trainings([pasted, plain]) == {5: 3}


def test_a_title_of_other_visible_letters_is_still_another_training() -> None:
    values = {key: value for key, value in SEMINAR.items() if key != "kind"}
    pasted = Recorded(3, "2026-10-20", {**values, "reference": "ZW/1", "title": "Seminar SPBE\u200b2"}, ())
    plain = Recorded(5, "2026-10-20", {**values, "reference": "ZW/2", "title": "Seminar SPBE"}, ())
    assert repeated_trainings([pasted, plain]) == {}
