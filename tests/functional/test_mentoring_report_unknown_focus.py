"""A mentoring report's `focus` no mentoring was ever recorded with is a 422 naming `focus`, as an unknown unit is:
`GET /api/v1/reports/mentoring?focus=bogus` answered 200 with all zeros, read as no mentoring. A focus recorded is
answered as before. On both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World
from tests.functional.test_api_posts import record

MENTORING = "/api/v1/reports/mentoring"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def mentored(world: World) -> World:
    """Sari mentored by Budi (both KOTA-MEDAN) on audit since 2020."""
    started = {"mentor_nip": BUDI, "focus": "Audit", "effective_date": "2020-01-06", "reference": "MNT-1"}
    record(world, SARI, "mentoring_start", started)
    world.catch_up()
    return world


def test_a_focus_recorded_is_answered(mentored: World) -> None:
    answer = mentored.get(MENTORING, "admin", query_string={"focus": "Audit"})
    assert answer.status_code == 200, answer.get_json()


def test_an_unknown_focus_is_refused_naming_it(mentored: World) -> None:
    answer = mentored.get(MENTORING, "admin", query_string={"focus": "bogus"})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["focus"] == [
        "Unknown focus 'bogus': no mentoring of that focus was ever recorded there."
    ]
