"""The record form reads a date typed with its month's name first, as English writes it ("May 10, 2024"), as it reads
"10 May 2024" (until 2026-12-07 refused); and it reads a date of digits that reads either way round ("08/05/2024": 8
May, or August 5?) day first, as it always did (Indonesian usage, docs/pages.md), now saying so in its confirmation,
with the day read, so that a writer who meant the month first sees it (until 2026-12-07 read so silently). A date
that reads one way alone (13/05/2024, YYYY-MM-DD) is not remarked on. Both stores."""

from __future__ import annotations

import html
import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def recorded_page(world: World, lang: str, **dates: str) -> str:
    log_in(world, "hr")
    answer = world.client.post(f"/pages/record?kind=training&lang={lang}", data=training_form(world, **dates))
    assert answer.status_code == 302, answer.get_data(as_text=True)
    shown = world.client.get(answer.location).get_data(as_text=True)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", shown)))


@pytest.mark.parametrize(("typed", "start"), [("May 10, 2024", "May 8, 2024"), ("Mei 10 2024", "Agustus 8, 2023")])
def test_a_date_written_with_its_month_named_first_is_recorded(world: World, typed: str, start: str) -> None:
    page = recorded_page(world, "en", effective_date=typed, start_date=start)
    recorded = world.services.ledger.events_of([BUDI])[BUDI][-1]
    assert str(recorded.effective_date) == "2024-05-10"
    assert str(recorded.start_date) in ("2024-05-08", "2023-08-08")
    assert "was read day first" not in page


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "08/05/2024 was read day first, as May 8, 2024: if the month was written first, record a correction"),
        ("id", "08/05/2024 dibaca dengan hari lebih dahulu, sebagai 8 Mei 2024"),
    ],
)
def test_a_date_of_digits_read_either_way_is_read_day_first_and_said_so(world: World, lang: str, said: str) -> None:
    page = recorded_page(world, lang, effective_date="13/05/2024", start_date="08/05/2024")
    recorded = world.services.ledger.events_of([BUDI])[BUDI][-1]
    assert (str(recorded.effective_date), str(recorded.start_date)) == ("2024-05-13", "2024-05-08")
    assert said in page, page[:3000]
    assert "13/05/2024 was read" not in page
    assert "13/05/2024 dibaca" not in page


def test_a_date_of_digits_read_either_way_with_a_time_of_midnight_is_said_so_too(world: World) -> None:
    """("08/05/2024 00:00", a day as a date-and-time writes it: until 2026-12-07 read day first with no word.)"""
    page = recorded_page(world, "en", effective_date="13/05/2024", start_date="08/05/2024 00:00")
    recorded = world.services.ledger.events_of([BUDI])[BUDI][-1]
    assert str(recorded.start_date) == "2024-05-08"
    assert "08/05/2024 00:00 was read day first, as May 8, 2024: if the month was written first" in page, page[:3000]
