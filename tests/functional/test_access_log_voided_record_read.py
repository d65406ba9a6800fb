"""A read of a voided record's views (its profile, timeline, eligibility, career page) is a 404 that shows the reader
when, by whom and why it was voided (the void's day, the HR account, the reason): a read of the record, logged as
the read it answers is (docs/security.md). The notice was raised before the access was logged, so such a read left
no row. Outside the reader's scope the plain 404 tells nothing and logs nothing. On both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import SARI, World
from tests.functional.test_access_log_every_personal_read import logged
from tests.functional.test_pages_auth import log_in
from tests.functional.test_void_record_of_a_wrong_nip import voided


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("read", "action"), [("", "profile"), ("/timeline", "timeline"), ("/eligibility", "eligibility")]
)
def test_a_read_of_a_voided_records_views_is_logged_with_its_notice(world: World, read: str, action: str) -> None:
    voided(world)
    answer = world.get(f"/api/v1/employees/{SARI}{read}", "inspector")
    assert answer.status_code == 404
    assert "was voided on 2024-02-01 by hr" in answer.get_json()["detail"]
    assert ("inspector", SARI, action) in logged(world)


def test_the_career_page_of_a_voided_record_is_logged_once(world: World) -> None:
    voided(world)
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/employees/{SARI}?lang=en")
    assert answer.status_code == 404
    assert f"The record of NIP {SARI} was voided on" in answer.get_data(as_text=True)
    items = world.get("/api/v1/access-log?per_page=100", "admin").get_json()["items"]
    assert [(i["username"], i["action"]) for i in items if i["nip"] == SARI] == [
        ("inspector-web", "career_page")
    ]  # (the page account)


def test_a_read_of_a_voided_record_outside_the_scope_logs_nothing(world: World) -> None:
    voided(world)
    answer = world.get(f"/api/v1/employees/{SARI}", "hr_karo")
    assert answer.status_code == 404
    assert not {entry for entry in logged(world) if entry[0] == "hr_karo"}
