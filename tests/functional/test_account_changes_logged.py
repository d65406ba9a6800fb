"""Who created, disabled or unlocked which account, when and from where (the accounts page or the command line) is
kept in the store, append-only, and listed to administrators at /api/v1/account-changes (until 2026-12-02 nowhere;
unlocks, with the failed log-ins they cleared, until 2026-12-04 not)."""

from __future__ import annotations

import getpass

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import World
from tests.functional.test_pages_accounts import create
from tests.functional.test_pages_auth import csrf_token, log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def changes(world: World) -> list[tuple[str, str, str, str, str, str]]:
    answer = world.get("/api/v1/account-changes", "admin")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    items = answer.get_json()["items"]
    return [(c["username"], c["via"], c["action"], c["account"], c["role"], c["scope"]) for c in items]


def test_an_account_created_and_disabled_on_the_page_is_logged_with_who_when_and_where(world: World) -> None:
    log_in(world, "admin")  # (creates the page's account admin-web)
    known = changes(world)
    status, _ = create(world)
    assert status == 200
    data = {"csrf_token": csrf_token(world.client, "/pages/accounts")}
    assert world.client.post("/pages/accounts/siti/disable", data=data).status_code == 302
    assert changes(world)[:2] == [
        ("admin-web", "page", "disabled", "siti", "hr", "agency KOTA-MEDAN"),
        ("admin-web", "page", "created", "siti", "hr", "agency KOTA-MEDAN"),
    ]
    assert changes(world)[2:] == known
    first = world.get("/api/v1/account-changes?per_page=1", "admin").get_json()
    assert first["total"] == len(known) + 2
    assert first["items"][0]["at"]


def test_a_refused_account_logs_nothing(world: World) -> None:
    log_in(world, "admin")  # (creates the page's account admin-web)
    known = changes(world)
    status, _ = create(world, role="emperor")
    assert status == 422
    assert changes(world) == known


def test_accounts_changed_on_the_command_line_are_logged_as_the_system_user(world: World, store_url: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    args = ["accounts", "create", "tiur", "--name", "Tiur", "--role", "inspector", "--region", "12", "--no-password"]
    for command in (args, ["accounts", "disable", "tiur"]):
        result = CliRunner().invoke(main, command, env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    who = getpass.getuser()
    assert changes(world)[:2] == [
        (who, "cli", "disabled", "tiur", "inspector", "region 12"),
        (who, "cli", "created", "tiur", "inspector", "region 12"),
    ]


def test_an_unlock_on_the_command_line_is_listed_with_the_failed_log_ins_it_cleared(
    world: World, store_url: str
) -> None:
    for _ in range(3):
        assert world.services.accounts.start_log_in("hr", most=20, seconds=3600) is None
    env = {"CAREERLOG_DATABASE_URL": store_url}
    result = CliRunner().invoke(main, ["accounts", "unlock", "hr"], env=env, catch_exceptions=False)
    assert result.output == "unlocked hr: 3 failed log-ins cleared\n"
    items = world.get("/api/v1/account-changes", "admin").get_json()["items"]
    assert {key: items[0][key] for key in ("username", "via", "action", "account", "role", "cleared")} == {
        "username": getpass.getuser(),
        "via": "cli",
        "action": "unlocked",
        "account": "hr",
        "role": "hr",
        "cleared": 3,
    }
    assert {item["cleared"] for item in items[1:]} == {None}  # (each account the world created)
    csv = world.get("/api/v1/account-changes?format=csv", "admin").get_data(as_text=True).splitlines()
    assert csv[0].split(",")[-1] == "cleared"
    assert csv[1].endswith(",unlocked,hr,hr,agency KOTA-MEDAN,3")


@pytest.mark.parametrize("who", ["hr", "inspector", "reporter", "policy", "employee"])
def test_only_administrators_read_the_account_changes(world: World, who: str) -> None:
    assert world.get("/api/v1/account-changes", who).status_code == 403
