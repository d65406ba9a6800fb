"""The log-in page and the employee's career record page, in Indonesian and English."""

from __future__ import annotations

import re
from pathlib import Path

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.functional.conftest import BUDI, RINA, TEST_CONFIG, World, build_world, served_app

PASSWORD = "kata-sandi-rahasia-1"


def csrf_token(client: FlaskClient, path: str = "/pages/login") -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def log_in(world: World, who: str, password: str = PASSWORD) -> TestResponse:
    """Give the world's account `who` a web twin with a password, and log in as it."""
    account = world.services.accounts.get(who.replace("_", "-"))
    username = f"{account.username}-web"
    if username not in {a.username for a in world.services.accounts.list_accounts()}:
        world.services.accounts.create(
            username,
            display_name=account.display_name,
            role=account.role,
            scope=account.scope,
            nip=account.nip,
            password=PASSWORD,
        )
    token = csrf_token(world.client)
    return world.client.post("/pages/login", data={"username": username, "password": password, "csrf_token": token})


def test_login_page_is_indonesian_by_default_and_english_on_request(world: World) -> None:
    page = world.client.get("/pages/login").get_data(as_text=True)
    assert '<html lang="id">' in page
    assert "Nama pengguna" in page
    assert "<title>Masuk · careerlog</title>" in page
    english = world.client.get("/pages/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    assert "User name" in english
    assert "User name" in world.client.get("/pages/login").get_data(as_text=True)  # the choice stays


def test_employee_lands_on_their_career_record_with_corrections_listed(world: World) -> None:
    answer = log_in(world, "employee")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/pages/")
    landing = world.client.get("/pages/")
    assert landing.status_code == 302
    assert landing.headers["Location"].endswith(f"/pages/employees/{BUDI}")
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    assert "Riwayat Karier" in page
    assert "Kenaikan pangkat" in page
    assert "III/b" in page


def test_wrong_password_is_refused_with_a_translated_message(world: World) -> None:
    answer = log_in(world, "employee", password="salah")
    assert answer.status_code == 400
    assert "Nama pengguna atau kata sandi salah." in answer.get_data(as_text=True)
    assert world.client.get("/pages/").status_code == 401


def test_login_without_csrf_token_is_rejected(world: World) -> None:
    log_in(world, "employee")  # creates the web account
    world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client)})
    answer = world.client.post("/pages/login", data={"username": "employee-web", "password": PASSWORD})
    assert answer.status_code == 400
    assert world.client.get("/pages/").status_code == 401


def test_employee_cannot_read_another_record(world: World) -> None:
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{RINA}")
    assert answer.status_code in (403, 404)
    assert "Rina" not in answer.get_data(as_text=True)


def test_hr_of_another_agency_gets_not_found_not_the_record(world: World) -> None:
    log_in(world, "hr_karo")
    answer = world.client.get(f"/pages/employees/{BUDI}")
    assert answer.status_code in (403, 404)
    assert "Budi" not in answer.get_data(as_text=True)


def test_logout_ends_the_session(world: World) -> None:
    log_in(world, "hr")
    assert world.client.get("/pages/").status_code == 200
    world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client, "/pages/")})
    assert world.client.get("/pages/").status_code == 401


def test_session_cookie_is_http_only_and_same_site_lax(world: World) -> None:
    answer = log_in(world, "hr")
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_sixth_login_attempt_in_a_minute_answers_429_in_indonesian(world: World) -> None:
    for _ in range(5):
        log_in(world, "employee", password="salah")
    answer = log_in(world, "employee", password="salah")
    assert answer.status_code == 429
    assert "Terlalu banyak percobaan masuk" in answer.get_data(as_text=True)


def test_an_app_on_another_store_counts_its_log_in_attempts_on_its_own(world: World, tmp_path: Path) -> None:
    """The limiter is one for every app of the process, but its counts are each app's store's: two apps in one
    process (the tests' module worlds) do not count each other's log-ins."""
    for _ in range(6):
        log_in(world, "employee", password="salah")
    with served_app(f"sqlite:///{tmp_path}/other.db", dict(TEST_CONFIG)) as other_app:
        other = build_world(other_app, other_app.test_client())
        assert log_in(other, "employee").status_code == 302
    assert log_in(world, "employee").status_code == 429


def test_career_page_shows_jp_per_year_and_mentoring_in_english_on_request(world: World) -> None:
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "Training hours (JP) per year" in page
    assert "Mentored by" in page
    assert "<td>2010</td>" in page  # every year served is listed, zero-hour years included
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert "Jam pelajaran (JP) per tahun" in indonesian
    assert "Dibimbing oleh" in indonesian


def test_reading_the_career_page_is_written_to_the_access_log(world: World) -> None:
    log_in(world, "hr")
    world.client.get(f"/pages/employees/{BUDI}")
    entries, _total = world.services.accounts.access_log({"nip": [BUDI]}, page=1, per_page=10)
    assert any(e.action == "career_page" and e.username == "hr-web" for e in entries)
