"""The fairness page's CSV download names each group's pool `pool`, as the page ('In the pool') and the API do: its
column `eligible` holds the whole pool of the rounds, the eligible and those promoted though not eligible
(`promoted_out_of_rule`). `eligible` stays, with the same number (deprecated, docs/fairness.md); `pool` is the last
column, as in the API's CSV, so the other columns keep their places. Both stores."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_fairness_pool import rates


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_the_fairness_csv_gives_the_pool_as_pool_beside_the_deprecated_eligible(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(world.services, "fairness", lambda *args, **kwargs: rates())
    log_in(world, "inspector")
    text = world.client.get("/pages/fairness.csv?by=sex&min_cell=1").get_data(as_text=True).lstrip("\ufeff")
    header = text.splitlines()[0].split(",")
    assert header[-1] == "pool"
    assert header.index("eligible") == 1  # the columns before keep their places
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows["F"]["pool"], rows["F"]["eligible"], rows["F"]["promoted_out_of_rule"]) == ("120", "120", "7")
    assert (rows["M"]["pool"], rows["M"]["eligible"]) == ("100", "100")


def test_the_recorded_fairness_csv_gives_pool(world: World) -> None:
    log_in(world, "inspector")
    text = world.client.get("/pages/fairness.csv?by=sex").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    assert all(row["pool"] == row["eligible"] for row in rows)
