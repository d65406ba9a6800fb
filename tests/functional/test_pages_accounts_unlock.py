"""The accounts page's Unlock: an administrator clears the failed log-ins counted for a user name (after
CAREERLOG_LOGIN_FAILURE_LIMIT of them every log-in with it is refused), as `careerlog accounts unlock` does, and the
unlock is kept in the account changes as that administrator's (via page) with how many it cleared. Until 2026-12-04
only the command line unlocked, and no unlock was kept anywhere."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in

LOCKED = "hr-karo-web"


def changes(world: World) -> list[tuple[str, str, str, str, int | None]]:
    items = world.get("/api/v1/account-changes", "admin").get_json()["items"]
    return [(c["username"], c["via"], c["action"], c["account"], c["cleared"]) for c in items]


def attempt(client: FlaskClient, password: str, address: str) -> int:
    token = csrf_token(client)
    data = {"username": LOCKED, "password": password, "csrf_token": token}
    return client.post("/pages/login", data=data, environ_base={"REMOTE_ADDR": address}).status_code


@pytest.fixture
def store_url(database_url: str) -> str:
    """The world on each store (SQLite and PostgreSQL)."""
    return database_url


@pytest.fixture
def locked(world: World) -> World:
    """The world with hr-karo's page account refused after 3 failed log-ins (a limit of 3 an hour), and the
    administrator logged in on the world's client."""
    world.app.config["CAREERLOG_LOGIN_FAILURE_LIMIT"] = "3/hour"
    log_in(world, "hr_karo")  # (creates hr-karo-web, with PASSWORD)
    log_in(world, "admin")
    other = world.app.test_client()
    assert [attempt(other, "salah-sekali", f"10.0.0.{i}") for i in (1, 2, 3)] == [400] * 3
    assert attempt(other, PASSWORD, "10.0.0.9") == 429
    return world


def row_of(page: str, username: str) -> str:
    row = page[page.index(f"<td>{username}</td>") :]
    return row[: row.index("</tr>")]


def test_the_administrator_unlocks_a_user_name_on_the_page_it_logs_in_again_and_the_unlock_is_kept(
    locked: World,
) -> None:
    known = changes(locked)
    page = locked.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    assert "3 failed log-ins" in row_of(page, LOCKED)
    assert 'aria-label="Unlock hr-karo-web"' in row_of(page, LOCKED)
    assert "Unlock" not in row_of(page, "hr-karo")  # (no failed log-ins counted: no button)
    token = csrf_token(locked.client, "/pages/accounts")
    answer = locked.client.post(f"/pages/accounts/{LOCKED}/unlock?lang=en", data={"csrf_token": token})
    assert answer.status_code == 302
    shown = locked.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    assert "Account hr-karo-web unlocked: 3 failed log-ins cleared." in shown
    assert "failed log-in" not in row_of(shown, LOCKED)
    assert "Unlock" not in row_of(shown, LOCKED)
    assert changes(locked) == [("admin-web", "page", "unlocked", LOCKED, 3), *known]
    assert attempt(locked.app.test_client(), PASSWORD, "10.0.0.9") == 302  # logged in


def test_an_unlock_with_nothing_counted_changes_nothing_and_says_so_in_indonesian(locked: World) -> None:
    token = csrf_token(locked.client, "/pages/accounts")
    assert locked.client.post(f"/pages/accounts/{LOCKED}/unlock", data={"csrf_token": token}).status_code == 302
    known = changes(locked)
    again = locked.client.post(
        f"/pages/accounts/{LOCKED}/unlock?lang=id", data={"csrf_token": token}, follow_redirects=True
    )
    assert again.status_code == 200
    text = again.get_data(as_text=True)
    assert "hr-karo-web tidak memiliki percobaan masuk gagal yang tercatat: tidak ada yang diubah." in text
    assert changes(locked) == known


def test_the_page_in_indonesian_names_the_failed_log_ins_and_the_button(locked: World) -> None:
    page = locked.client.get("/pages/accounts?lang=id").get_data(as_text=True)
    assert "3 percobaan masuk gagal" in row_of(page, LOCKED)
    assert re.search(r'aria-label="Buka kunci hr-karo-web">Buka kunci</button>', page)
    token = csrf_token(locked.client, "/pages/accounts")
    done = locked.client.post(f"/pages/accounts/{LOCKED}/unlock?lang=id", data={"csrf_token": token})
    assert done.status_code == 302
    shown = locked.client.get("/pages/accounts?lang=id").get_data(as_text=True)
    assert "Kunci akun hr-karo-web dibuka: 3 percobaan masuk gagal dihapus." in shown


def test_an_unlock_without_its_csrf_token_or_of_no_account_clears_and_keeps_nothing(locked: World) -> None:
    known = changes(locked)
    assert locked.client.post(f"/pages/accounts/{LOCKED}/unlock", data={}).status_code == 400
    token = csrf_token(locked.client, "/pages/accounts")
    assert locked.client.post("/pages/accounts/nobody/unlock", data={"csrf_token": token}).status_code == 404
    assert locked.services.accounts.log_in_failures(LOCKED)[0] == 3
    assert changes(locked) == known


@pytest.mark.parametrize("who", ["hr", "inspector", "reporter", "policy", "employee"])
def test_no_other_role_may_unlock(locked: World, who: str) -> None:
    log_in(locked, who)  # (creates its page account: an account change)
    token = csrf_token(locked.client, f"/pages/employees/{BUDI}" if who == "employee" else "/pages/")
    assert locked.client.post(f"/pages/accounts/{LOCKED}/unlock", data={"csrf_token": token}).status_code == 403
    assert locked.services.accounts.log_in_failures(LOCKED)[0] == 3
    assert [c for c in changes(locked) if c[2] == "unlocked"] == []
