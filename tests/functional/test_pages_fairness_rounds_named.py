"""The fairness page and API name the rounds the selection rates pool, their first and last date beside their number:
the page read "Rounds: 64." (the demo) with no dates when no period was asked, and the API's `period` was null."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates, times


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_fairness_page_and_api_name_the_first_and_last_round_counted(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: followed)
    followed = {**times(), "period": {"from": None, "to": "2026-12-02"}}
    log_in(world, "inspector")
    assert "The rounds counted: Apr 1, 2024 to Apr 1, 2024." in world.client.get("/pages/fairness?lang=en").get_data(
        as_text=True
    )
    indonesian = world.client.get("/pages/fairness?lang=id").get_data(as_text=True)
    assert "Putaran yang dihitung: 1 Apr 2024 sampai 1 Apr 2024." in indonesian
    body = world.get("/api/v1/audits/fairness?by=sex", "inspector").get_json()
    assert (body["first_round"], body["last_round"]) == ("2024-04-01", "2024-04-01")


def test_the_time_to_promotion_table_names_the_rank_spells_period(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    answers = iter(
        [
            {**times(), "period": {"from": None, "to": "2026-12-02"}},
            {**times(), "period": {"from": "2015-01-01", "to": "2020-12-31"}, "entered_late": 12},
            {**times(), "period": {"from": None, "to": "2026-12-02"}},
        ]
    )
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: next(answers))
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?lang=en").get_data(as_text=True)
    assert "Rank spells of any start, followed until Dec 2, 2026." in page
    page = world.client.get("/pages/fairness?from=2015-01-01&to=2020-12-31&lang=en").get_data(as_text=True)
    assert (
        "Rank spells held on or after Jan 1, 2015, followed until Dec 31, 2020: those begun before it (12) enter at "
        "their years in rank on that day." in page
    )
    assert "Promoted by 4 or 8 years: of the rank spells begun from Jan 1, 2015 alone" in page
    indonesian = world.client.get("/pages/fairness?lang=id").get_data(as_text=True)
    assert "Masa dalam pangkat yang dimulai kapan pun, diikuti sampai 2 Des 2026." in indonesian
