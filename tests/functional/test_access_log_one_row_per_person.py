"""A read that shows the same employee more than once (a list of audited decisions with two of theirs: the world's
2014 promotion and one of 2018) writes one access-log row for them, not one per time shown: the row says who read
whose record and why, not how often it appeared on the page. Distinct rows (another employee, another purpose) are
all kept (docs/security.md, "Access log: which reads"). Both stores."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import record


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def reads_of(world: World, nip: str) -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}&per_page=100", "admin").get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


def test_a_list_showing_two_decisions_of_one_employee_logs_one_read_of_them(world: World) -> None:
    record(world, BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"))
    world.catch_up()
    before = reads_of(world, BUDI)
    body = world.get("/api/v1/audits/promotions?per_page=100", "inspector").get_json()
    assert [i["nip"] for i in body["items"]].count(BUDI) >= 2
    added = reads_of(world, BUDI)[: len(reads_of(world, BUDI)) - len(before)]
    assert added == [("inspector", "audits")]
    # every other employee the page shows is logged too, once each
    shown = {i["nip"] for i in body["items"]}
    for nip in shown:
        assert reads_of(world, nip).count(("inspector", "audits")) == 1
