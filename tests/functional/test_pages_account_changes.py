"""The accounts page's Account changes: every account created, disabled or unlocked, newest first, read by the
administrators on the pages as `GET /api/v1/account-changes` reads them (the same Accounts.account_changes_page).
Until 2026-12-04 only the API listed them."""

from __future__ import annotations

import html
import re

import pytest

from careerlog.access import Scope
from tests.functional.conftest import World
from tests.functional.test_pages_accounts import GOOD, create
from tests.functional.test_pages_accounts_unlock import LOCKED, attempt
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in
from web.pages import local_datetime
from web.pages.labels import kept_scope_label


@pytest.fixture
def store_url(database_url: str) -> str:
    """The world on each store (SQLite and PostgreSQL)."""
    return database_url


def rows_of(page: str) -> list[list[str]]:
    """The cells' text of each row of the changes' table."""
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def changed(world: World) -> World:
    """The world where the administrator, on the pages, created siti, disabled her, then unlocked hr-karo-web after 3
    failed log-ins (a limit of 3 an hour)."""
    world.app.config["CAREERLOG_LOGIN_FAILURE_LIMIT"] = "3/hour"
    log_in(world, "hr_karo")  # (creates hr-karo-web, with PASSWORD)
    log_in(world, "admin")
    assert create(world)[0] == 200
    token = csrf_token(world.client, "/pages/accounts")
    assert world.client.post("/pages/accounts/siti/disable", data={"csrf_token": token}).status_code == 302
    other = world.app.test_client()
    assert [attempt(other, "salah-sekali", f"10.0.0.{i}") for i in (1, 2, 3)] == [400] * 3
    assert attempt(other, PASSWORD, "10.0.0.9") == 429
    assert world.client.post(f"/pages/accounts/{LOCKED}/unlock", data={"csrf_token": token}).status_code == 302
    return world


def test_the_administrator_reads_a_create_a_disable_and_an_unlock_newest_first_with_their_fields(
    changed: World,
) -> None:
    answer = changed.client.get("/pages/accounts/changes?lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    read, total = changed.services.accounts.account_changes()
    with changed.app.test_request_context("/pages/?lang=en"):
        when = [local_datetime(c.at) for c in read[:3]]
    assert rows_of(page)[:3] == [
        [when[0], "Account unlocked", LOCKED, "HR administrator", "agency KAB-KARO", "admin-web", "accounts page", "3"],
        [
            when[1],
            "Account disabled",
            "siti",
            "HR administrator",
            "agency KOTA-MEDAN",
            "admin-web",
            "accounts page",
            "",
        ],
        [when[2], "Account created", "siti", "HR administrator", "agency KOTA-MEDAN", "admin-web", "accounts page", ""],
    ]
    assert len(rows_of(page)) == total  # (fewer than a page: every change, no pager)
    assert 'class="pager"' not in page
    assert GOOD["password"] not in page


def test_the_accounts_page_links_to_the_account_changes(changed: World) -> None:
    page = changed.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    assert 'href="/pages/accounts/changes">Account changes</a>' in page


def test_the_account_changes_are_in_indonesian(changed: World) -> None:
    page = changed.client.get("/pages/accounts/changes?lang=id").get_data(as_text=True)
    assert "<h1>Perubahan akun</h1>" in page
    assert [row[1:3] + row[6:7] for row in rows_of(page)[:3]] == [
        ["Kunci akun dibuka", LOCKED, "halaman akun"],
        ["Akun dinonaktifkan", "siti", "halaman akun"],
        ["Akun dibuat", "siti", "halaman akun"],
    ]
    assert [row[3:5] for row in rows_of(page)[:2]] == [
        ["Pengelola kepegawaian", "instansi KAB-KARO"],
        ["Pengelola kepegawaian", "instansi KOTA-MEDAN"],
    ]
    assert "Percobaan masuk gagal yang dihapus" in page
    assert "Account unlocked" not in page


def test_the_account_changes_are_paged_50_a_page_newest_first(world: World) -> None:
    log_in(world, "admin")
    for i in range(51):
        world.services.accounts.create(
            f"pegawai-{i:02d}",
            display_name=f"Pegawai {i}",
            role="reporter",
            scope=Scope(national=True),
            by="root",
            via="cli",
        )
    first = world.client.get("/pages/accounts/changes?lang=en").get_data(as_text=True)
    assert [row[2] for row in rows_of(first)[:2]] == ["pegawai-50", "pegawai-49"]
    assert len(rows_of(first)) == 50
    assert rows_of(first)[0][3:7] == ["Reporting client", "national", "root", "command line"]
    assert 'href="/pages/accounts/changes?page=2"' in first
    second = world.client.get("/pages/accounts/changes?page=2&lang=en").get_data(as_text=True)
    _read, total = world.services.accounts.account_changes()
    assert len(rows_of(second)) == total - 50
    assert "pegawai-00" in [row[2] for row in rows_of(second)]
    wrong = world.client.get("/pages/accounts/changes?page=x&lang=en")
    assert wrong.status_code == 422
    assert "Page: Must be a whole number of at least 1." in wrong.get_data(as_text=True)


@pytest.mark.parametrize("who", ["hr", "inspector", "hr_karo"])
def test_no_one_but_an_administrator_reads_the_account_changes(world: World, who: str) -> None:
    log_in(world, who)
    assert world.client.get("/pages/accounts/changes").status_code == 403


def test_a_kept_scope_is_shown_part_by_part_in_the_visitors_language(world: World) -> None:
    with world.app.test_request_context("/pages/?lang=id"):
        assert kept_scope_label("national") == "nasional"
        assert kept_scope_label("agency KAB-KARO, region 12.71") == "instansi KAB-KARO, wilayah 12.71"
        assert kept_scope_label("nip 198001012005011001") == "hanya riwayatnya sendiri: NIP 198001012005011001"
        assert kept_scope_label("somewhere else") == "somewhere else"


def test_an_argument_the_changes_page_does_not_read_is_refused_not_ignored(world: World) -> None:
    """The account changes' page filters by nothing: `?username=siti` listed every change under an address that
    read as filtered; refused naming it (a 422 page), as every list page refuses an argument it does not read."""
    log_in(world, "admin")
    answer = world.client.get("/pages/accounts/changes?username=siti&lang=en")
    assert answer.status_code == 422
    assert "username is not a filter of this page, which has none." in answer.get_data(as_text=True)
    assert world.client.get("/pages/accounts/changes?page=1&lang=en").status_code == 200
