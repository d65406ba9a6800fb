"""Every read of a personal record by someone else is logged; who sees which entries."""

from __future__ import annotations

import pytest

from careerlog.config import ConfigurationError
from tests.functional.conftest import BUDI, RINA, SARI, World
from web.config import WebSettings


def reads(world: World, who: str, query: str = "") -> list[tuple[str, str, str]]:
    items = world.get(f"/api/v1/access-log{query}", who).get_json()["items"]
    return sorted((i["username"], i["nip"], i["action"]) for i in items)


def test_reads_of_a_record_by_others_are_logged_with_who_whose_and_what(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}", "hr")
    world.get(f"/api/v1/employees/{BUDI}/events", "inspector")
    world.get(f"/api/v1/employees/{BUDI}/timeline", "admin")
    assert reads(world, "admin") == [
        ("admin", BUDI, "timeline"),
        ("hr", BUDI, "profile"),
        ("inspector", BUDI, "history"),
    ]


def test_an_employee_reading_their_own_record_is_not_logged(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}", "employee")
    world.get(f"/api/v1/employees/{BUDI}/timeline", "employee")
    assert reads(world, "admin") == []


def test_listing_the_roster_logs_a_read_of_each_listed_record(world: World) -> None:
    world.get("/api/v1/employees", "hr")
    assert reads(world, "admin") == [("hr", BUDI, "roster"), ("hr", SARI, "roster")]


def test_an_employee_sees_only_the_reads_of_their_own_record(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}", "hr")
    world.get(f"/api/v1/employees/{SARI}", "hr")
    assert reads(world, "employee") == [("hr", BUDI, "profile")]
    # another NIP is refused naming it (until 2026-12-05 an empty list, read as "nobody read it":
    # tests/functional/test_roster_and_access_log_refuse_filters_outside_the_scope.py)
    assert world.get(f"/api/v1/access-log?nip={SARI}", "employee").status_code == 403


def test_an_inspector_sees_the_reads_within_their_scope(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}", "admin")
    world.get(f"/api/v1/employees/{RINA}", "admin")
    assert reads(world, "inspector_medan") == [("admin", BUDI, "profile")]
    assert reads(world, "inspector") == sorted([("admin", BUDI, "profile"), ("admin", RINA, "profile")])


def test_the_access_log_filters_by_reader_and_pages(world: World) -> None:
    world.get(f"/api/v1/employees/{BUDI}", "hr")
    world.get(f"/api/v1/employees/{BUDI}", "admin")
    assert reads(world, "admin", "?username=hr") == [("hr", BUDI, "profile")]
    page = world.get("/api/v1/access-log?per_page=1&page=2", "admin").get_json()
    assert (page["total"], len(page["items"])) == (2, 1)


def test_hr_and_reporters_may_not_read_the_access_log(world: World) -> None:
    assert world.get("/api/v1/access-log", "hr").status_code == 403
    assert world.get("/api/v1/access-log", "reporter").status_code == 403


@pytest.mark.parametrize("test_config", [{"TESTING": True, "CAREERLOG_DURABLE_ACCESS_LOG": False}])
def test_with_the_fast_access_log_commit_every_read_by_others_is_still_logged(world: World) -> None:
    assert not world.app.extensions["careerlog"].accounts.durable_access_log
    world.get(f"/api/v1/employees/{BUDI}/timeline", "hr")
    world.get(f"/api/v1/employees/{BUDI}/eligibility", "inspector")
    world.get(f"/api/v1/employees/{BUDI}/timeline", "employee")
    assert reads(world, "admin") == [("hr", BUDI, "timeline"), ("inspector", BUDI, "eligibility")]


@pytest.mark.parametrize(("raw", "durable"), [(None, True), ("durable", True), ("fast", False)])
def test_the_access_log_commit_is_durable_unless_set_to_fast(raw: str | None, durable: bool) -> None:
    env = {"CAREERLOG_SECRET_KEY": "k"} | ({} if raw is None else {"CAREERLOG_ACCESS_LOG_COMMIT": raw})
    assert WebSettings.from_env(env).flask_config()["CAREERLOG_DURABLE_ACCESS_LOG"] is durable


def test_an_unknown_access_log_commit_is_refused_naming_the_setting() -> None:
    with pytest.raises(ConfigurationError, match="CAREERLOG_ACCESS_LOG_COMMIT: one of durable, fast"):
        WebSettings.from_env({"CAREERLOG_ACCESS_LOG_COMMIT": "sometimes"})
