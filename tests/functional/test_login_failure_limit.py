"""The failed page log-ins of one user name, from any address (CAREERLOG_LOGIN_FAILURE_LIMIT, default 20 an hour).

The log-in limit of 5 attempts a minute counts per address and user name: a password-guessing run spread over many
addresses against one account was not limited at all. Now each user name may have 20 failed log-ins an hour from any
address; past them every log-in with it is refused (429), the right password too, with a message saying to wait or
to ask an administrator (`careerlog accounts unlock`), the same for a user name that does not exist. A log-in with
the right password before that is not refused for others' failures, nor counted as one (docs/security.md, "Forms,
sizes and log-in")."""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner
from werkzeug.test import TestResponse

from careerlog.cli import main
from careerlog.config import ConfigurationError
from tests.functional.conftest import World
from tests.functional.test_pages_auth import csrf_token
from web.config import WebSettings

PASSWORD = "kata-sandi-rahasia-1"
USER = "siti-web"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def siti(world: World) -> World:
    """The world with an account that logs in with a password, as `USER`."""
    world.services.accounts.create(USER, display_name="Siti Lubis", role="admin", password=PASSWORD)
    return world


def attempt(world: World, username: str, password: str, address: str, lang: str = "") -> TestResponse:
    """One log-in from `address` (each a different one keeps the limit per address and user name out of the way)."""
    token = csrf_token(world.client)
    return world.client.post(
        f"/pages/login{'?lang=' + lang if lang else ''}",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def fail(world: World, username: str, times: int, first: int = 0) -> list[int]:
    """`times` failed log-ins with `username`, each from an address of its own."""
    return [
        attempt(world, username, "salah-sekali", f"10.0.{first + i // 200}.{i % 200 + 1}").status_code
        for i in range(times)
    ]


def error_of(answer: TestResponse) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', answer.get_data(as_text=True), re.S)
    assert found, answer.get_data(as_text=True)
    return found.group(1)


def limit(world: World, rate: str | None) -> None:
    world.app.config["CAREERLOG_LOGIN_FAILURE_LIMIT"] = rate


def test_twenty_failed_log_ins_from_twenty_addresses_refuse_the_user_name_from_anywhere_even_the_right_password(
    siti: World,
) -> None:
    assert fail(siti, USER, 20) == [400] * 20  # each address far from its own limit of 5 a minute
    answer = attempt(siti, USER, PASSWORD, "192.168.7.7")
    assert answer.status_code == 429
    assert error_of(answer).startswith("Terlalu banyak percobaan masuk yang gagal dengan nama pengguna ini")
    assert "60 menit lagi" in error_of(answer)
    assert "minta administrator" in error_of(answer)
    assert 3500 <= int(answer.headers["Retry-After"]) <= 3600
    assert siti.client.get("/pages/").status_code == 401  # not logged in


def test_the_right_password_logs_in_after_fewer_failures_than_the_limit_and_is_not_counted_as_one(siti: World) -> None:
    assert fail(siti, USER, 19) == [400] * 19
    assert attempt(siti, USER, PASSWORD, "192.168.7.7").status_code == 302
    assert siti.services.accounts.log_in_failures(USER)[0] == 19
    assert fail(siti, USER, 1, first=5) == [400]  # the twentieth
    assert attempt(siti, USER, PASSWORD, "192.168.7.8").status_code == 429


def locked_out_alike(world: World) -> TestResponse:
    """Three failed log-ins each of the known user name and of one that does not exist, then the right password:
    both refused with the same answer and the same time left. The known name's refusal."""
    answers = {}
    for name in (USER, "nobody-here"):
        assert fail(world, name, 3) == [400] * 3
        answers[name] = attempt(world, name, PASSWORD, "192.168.7.7")
    known, unknown = answers[USER], answers["nobody-here"]
    assert known.status_code == unknown.status_code == 429
    assert error_of(known) == error_of(unknown)
    assert abs(int(known.headers["Retry-After"]) - int(unknown.headers["Retry-After"])) <= 5
    return known


def test_a_user_name_that_does_not_exist_is_refused_with_the_same_answer(siti: World) -> None:
    limit(siti, "3/hour")
    locked_out_alike(siti)


def back(world: World, username: str, seconds: float) -> None:
    """Move the window of `username`'s failed log-ins `seconds` back, as if its attempts were made that much earlier
    (nothing when it has no row)."""
    key = world.services.accounts.log_in_failures_key(username)
    with world.services.accounts.store.transaction() as sql:
        sql.execute("UPDATE rate_limits SET expires_at = expires_at - ? WHERE key = ?", (seconds, key))


def test_a_user_name_that_logged_in_lately_is_refused_for_as_long_as_one_nobody_used(siti: World) -> None:
    limit(siti, "3/hour")
    assert attempt(siti, USER, PASSWORD, "192.168.7.6").status_code == 302
    back(siti, USER, 40 * 60)  # the log-in 40 minutes ago
    known = locked_out_alike(siti)
    assert 3590 <= int(known.headers["Retry-After"]) <= 3600


def test_a_log_in_leaves_no_count_of_its_user_name(siti: World) -> None:
    assert attempt(siti, USER, PASSWORD, "192.168.7.6").status_code == 302
    key = siti.services.accounts.log_in_failures_key(USER)
    with siti.services.accounts.store.transaction() as sql:
        rows = sql.query("SELECT hits FROM rate_limits WHERE key = ?", (key,))
    assert rows == []


def test_a_lock_lasts_a_full_window_from_the_failure_that_reached_the_limit_whenever_the_first_was(
    siti: World,
) -> None:
    limit(siti, "3/hour")
    assert fail(siti, USER, 1) == [400]  # the user's own typo, 40 minutes ago
    back(siti, USER, 40 * 60)
    assert attempt(siti, USER, PASSWORD, "192.168.7.6").status_code == 302  # still counted: 1
    assert fail(siti, USER, 2, first=3) == [400, 400]
    answer = attempt(siti, USER, PASSWORD, "192.168.7.7", lang="en")
    assert answer.status_code == 429
    assert 3590 <= int(answer.headers["Retry-After"]) <= 3600
    assert "for 60 more minutes" in error_of(answer)
    back(siti, USER, 30 * 60)  # half an hour on: still refused, for the half hour left (refusals do not extend it)
    answer = attempt(siti, USER, PASSWORD, "192.168.7.8")
    assert answer.status_code == 429
    assert 1790 <= int(answer.headers["Retry-After"]) <= 1800


def test_the_refusal_in_english_says_to_wait_or_ask_an_administrator(siti: World) -> None:
    limit(siti, "2 per 10 minutes")
    fail(siti, USER, 2)
    answer = attempt(siti, USER, PASSWORD, "192.168.7.7", lang="en")
    assert answer.status_code == 429
    assert error_of(answer) == (
        "Too many failed log-ins with this user name: it cannot log in for 10 more minutes, from any computer. "
        "Wait, or ask an administrator to clear its failed log-ins."
    )


def test_another_user_name_still_logs_in_from_the_same_address(siti: World) -> None:
    limit(siti, "3/hour")
    siti.services.accounts.create("budi-web", display_name="Budi", role="admin", password=PASSWORD)
    fail(siti, USER, 3)
    assert attempt(siti, USER, PASSWORD, "10.0.0.1").status_code == 429
    assert attempt(siti, "budi-web", PASSWORD, "10.0.0.1").status_code == 302


def test_refused_attempts_are_not_counted_and_the_count_ends_with_its_window(siti: World) -> None:
    limit(siti, "3/hour")
    fail(siti, USER, 3)
    assert fail(siti, USER, 4, first=3) == [429] * 4
    assert siti.services.accounts.log_in_failures(USER)[0] == 3
    key = siti.services.accounts.log_in_failures_key(USER)
    with siti.services.accounts.store.transaction() as sql:  # the hour over
        sql.execute("UPDATE rate_limits SET expires_at = ? WHERE key = ?", (time.time() - 1, key))
    assert attempt(siti, USER, PASSWORD, "192.168.7.7").status_code == 302


def test_a_form_refused_before_its_password_is_checked_counts_no_failure(siti: World) -> None:
    token = csrf_token(siti.client)
    refused = [
        siti.client.post("/pages/login", data={"username": USER, "password": "", "csrf_token": token}),
        siti.client.post("/pages/login", data={"username": USER, "password": "salah", "csrf_token": "forged"}),
    ]
    assert [answer.status_code for answer in refused] == [400, 400]
    assert siti.services.accounts.log_in_failures(USER)[0] == 0


def test_off_sets_no_such_limit(siti: World) -> None:
    limit(siti, None)
    assert fail(siti, USER, 25) == [400] * 25
    assert attempt(siti, USER, PASSWORD, "192.168.7.7").status_code == 302


def test_accounts_unlock_lets_the_user_name_log_in_again_at_once(siti: World, store_url: str) -> None:
    limit(siti, "3/hour")
    fail(siti, USER, 3)
    assert attempt(siti, USER, PASSWORD, "192.168.7.7").status_code == 429
    env = {"CAREERLOG_DATABASE_URL": store_url}
    done = CliRunner().invoke(main, ["accounts", "unlock", USER], env=env, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert done.output == f"unlocked {USER}: 3 failed log-ins cleared\n"
    assert attempt(siti, USER, PASSWORD, "192.168.7.7").status_code == 302


def test_the_limit_is_20_an_hour_by_default_and_a_bad_one_is_refused_naming_the_variable() -> None:
    assert WebSettings.from_env({}).login_failure_limit == "20/hour"
    assert WebSettings.from_env({"CAREERLOG_LOGIN_FAILURE_LIMIT": "off"}).login_failure_limit is None
    setting = {"CAREERLOG_LOGIN_FAILURE_LIMIT": "10 per 30 minutes"}
    assert WebSettings.from_env(setting).login_failure_limit == "10 per 30 minutes"
    for bad in ("0/hour", "20", "twenty/hour", "-1/hour", "1.5/hour"):
        with pytest.raises(ConfigurationError, match="CAREERLOG_LOGIN_FAILURE_LIMIT: a rate such as 20/hour"):
            WebSettings.from_env({"CAREERLOG_LOGIN_FAILURE_LIMIT": bad})
