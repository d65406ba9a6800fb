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
    monkeypatch.setattr(world.services, "time_to_promotion", lambda *args, **kwargs: times())
    log_in(world, "inspector")
    assert "The rounds counted: Apr 1, 2024 to Apr 1, 2024." in world.client.get("/pages/fairness?lang=en").get_data(
        as_text=True
    )
    indonesian = world.client.get("/pages/fairness?lang=id").get_data(as_text=True)
    assert "Periode yang dihitung: 1 Apr 2024 sampai 1 Apr 2024." in indonesian
    body = world.get("/api/v1/audits/fairness?by=sex", "inspector").get_json()
    assert (body["first_round"], body["last_round"]) == ("2024-04-01", "2024-04-01")
