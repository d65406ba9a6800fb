"""The national administrator's accounts page: list the accounts, create one with a role and scope, disable one.

Until 2026-12-02 accounts were managed on the command line only (careerlog accounts ...): the
administrator of a real HR system expects to do it from the pages, in either language, with
every refusal beside its field and nothing changed by a refused form.
"""

from __future__ import annotations

import re

import pytest

from careerlog.access import Role, Scope
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

GOOD = {
    "username": "siti",
    "display_name": "Siti Lubis",
    "role": "hr",
    "agencies": "KOTA-MEDAN",
    "regions": "",
    "nip": "",
    "password": "siti-password-2026",
}


def accounts_state(world: World) -> list[tuple[str, str, Scope, bool]]:
    return [(a.username, a.role.value, a.scope, a.disabled) for a in world.services.accounts.list_accounts()]


def create(world: World, lang: str = "en", **fields: str) -> tuple[int, str]:
    data = {"csrf_token": csrf_token(world.client, "/pages/accounts"), **GOOD, **fields}
    answer = world.client.post(f"/pages/accounts?lang={lang}", data=data, follow_redirects=True)
    return answer.status_code, answer.get_data(as_text=True)


def error_beside(page: str, name: str) -> str:
    found = re.search(rf'<span class="error" id="{name}-error">(.*?)</span>', page, re.S)
    assert found, (name, page)
    assert f'aria-describedby="{name}-error"' in page
    return found.group(1)


def test_the_administrator_lists_every_account_with_its_role_and_scope_in_both_languages(world: World) -> None:
    log_in(world, "admin")
    page = world.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    for account in world.services.accounts.list_accounts():
        assert f"<td>{account.username}</td>" in page
    assert "HR administrator" in page
    assert "agency KOTA-MEDAN" in page
    indonesian = world.client.get("/pages/accounts?lang=id").get_data(as_text=True)
    assert "Akun" in indonesian
    assert "Pengelola kepegawaian" in indonesian
    assert "instansi KOTA-MEDAN" in indonesian


def test_an_employee_accounts_scope_reads_own_record_only_as_the_command_line_says_it(world: World) -> None:
    """An employee account's empty scope read "nothing" on the page, as if it had no access; the command line says
    "own record only: NIP ..." (careerlog.accounts_cli.describe)."""
    log_in(world, "admin")
    page = world.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    assert "<td>employee</td>" in page
    row = page.split("<td>employee</td>", 1)[1].split("</tr>", 1)[0]
    assert f"own record only: NIP {BUDI}" in row
    assert "nothing" not in row
    indonesian = world.client.get("/pages/accounts?lang=id").get_data(as_text=True)
    assert f"hanya riwayatnya sendiri: NIP {BUDI}" in indonesian


def test_the_administrators_menu_leads_to_the_accounts_page_and_no_one_elses_does(world: World) -> None:
    log_in(world, "admin")
    assert 'href="/pages/accounts"' in world.client.get("/pages/").get_data(as_text=True)
    log_in(world, "hr")
    assert 'href="/pages/accounts"' not in world.client.get("/pages/").get_data(as_text=True)


def test_an_hr_account_created_on_the_page_has_its_role_and_scope_and_logs_in(world: World) -> None:
    log_in(world, "admin")
    status, page = create(world)
    assert status == 200
    assert "Account siti created." in page
    siti = world.services.accounts.get("siti")
    assert (siti.role, siti.scope, siti.display_name, siti.has_password) == (
        Role.HR,
        Scope(agencies=("KOTA-MEDAN",)),
        "Siti Lubis",
        True,
    )
    assert world.services.accounts.check_password("siti", "siti-password-2026").username == "siti"


def test_an_inspector_of_regions_and_an_employee_with_a_nip_are_created(world: World) -> None:
    log_in(world, "admin")
    assert create(world, username="ins-12", role="inspector", agencies="", regions="12, 13")[0] == 200
    assert world.services.accounts.get("ins-12").scope == Scope(regions=("12", "13"))
    nip = "198609262010031021"
    assert create(world, username="budi", role="employee", agencies="", nip=nip)[0] == 200
    assert world.services.accounts.get("budi").nip == nip


@pytest.mark.parametrize(
    ("fields", "name", "reason"),
    [
        ({"username": "Siti Lubis"}, "username", "lower-case letters"),
        ({"username": "admin"}, "username", "already exists"),
        ({"display_name": " "}, "display_name", "May not be empty"),
        ({"role": "boss"}, "role", "One of"),
        ({"agencies": ""}, "scope", "agency"),
        ({"agencies": "KOTA-ATLANTIS"}, "agencies", "KOTA-ATLANTIS"),
        ({"regions": "99.99"}, "regions", "99.99"),
        ({"password": "short"}, "password", "At least 10 characters"),
        ({"nip": "198609262010031021"}, "nip", "employee"),
    ],
)
def test_a_refused_account_shows_the_reason_beside_its_field_and_creates_nothing(
    world: World, fields: dict[str, str], name: str, reason: str
) -> None:
    log_in(world, "admin")
    before = accounts_state(world)
    status, page = create(world, **fields)
    assert status == 422
    assert reason in error_beside(page, name)
    assert accounts_state(world) == before
    typed = fields.get("display_name", GOOD["display_name"]).strip()
    if typed:
        assert f'value="{typed}"' in page  # the form again as typed
    assert "siti-password-2026" not in page  # except the password


def test_the_refusal_is_worded_in_indonesian_on_the_indonesian_page(world: World) -> None:
    log_in(world, "admin")
    status, page = create(world, lang="id", agencies="")
    assert status == 422
    assert "Tidak ada yang diubah" in page


def test_a_disabled_account_is_out_at_once_its_token_too(world: World) -> None:
    log_in(world, "admin")
    assert world.get("/api/v1/me", who="hr_karo").status_code == 200
    data = {"csrf_token": csrf_token(world.client, "/pages/accounts")}
    answer = world.client.post("/pages/accounts/hr-karo/disable?lang=en", data=data, follow_redirects=True)
    assert answer.status_code == 200
    assert "Account hr-karo disabled." in answer.get_data(as_text=True)
    assert world.services.accounts.get("hr-karo").disabled
    assert world.get("/api/v1/me", who="hr_karo").status_code == 401
    page = world.client.get("/pages/accounts?lang=en").get_data(as_text=True)
    row = page[page.index("<td>hr-karo</td>") :]
    assert "Disabled" in row[: row.index("</tr>")]


def test_the_administrator_cannot_disable_their_own_account_and_an_unknown_one_is_404(world: World) -> None:
    log_in(world, "admin")
    before = accounts_state(world)
    data = {"csrf_token": csrf_token(world.client, "/pages/accounts")}
    answer = world.client.post("/pages/accounts/admin-web/disable?lang=en", data=data)
    assert answer.status_code == 422
    assert "your own account" in answer.get_data(as_text=True)
    assert world.client.post("/pages/accounts/nobody/disable", data=data).status_code == 404
    assert accounts_state(world) == before


@pytest.mark.parametrize("who", ["hr", "inspector", "reporter", "policy", "employee"])
def test_no_other_role_may_open_list_create_or_disable(world: World, who: str) -> None:
    log_in(world, who)
    before = accounts_state(world)
    assert world.client.get("/pages/accounts").status_code == 403
    token = csrf_token(world.client, f"/pages/employees/{BUDI}" if who == "employee" else "/pages/")
    assert world.client.post("/pages/accounts", data={"csrf_token": token, **GOOD}).status_code == 403
    assert world.client.post("/pages/accounts/hr-karo/disable", data={"csrf_token": token}).status_code == 403
    assert accounts_state(world) == before


def test_a_post_without_its_csrf_token_changes_no_account(world: World) -> None:
    log_in(world, "admin")
    before = accounts_state(world)
    world.client.post("/pages/accounts", data=GOOD)
    world.client.post("/pages/accounts/hr-karo/disable", data={})
    assert accounts_state(world) == before


def test_an_unknown_scope_code_is_named_with_every_other_reason_at_once(world: World) -> None:
    # the unknown code was named alone: the name left empty and the short password only on the next sending, once the
    # code was mended (and an unknown region only once the agency was)
    log_in(world, "admin")
    before = accounts_state(world)
    status, page = create(world, display_name="", agencies="KOTA-ATLANTIS", regions="99.99", password="short")
    assert status == 422
    assert "May not be empty" in error_beside(page, "display_name")
    assert "KOTA-ATLANTIS" in error_beside(page, "agencies")
    assert "99.99" in error_beside(page, "regions")
    assert "At least 10 characters" in error_beside(page, "password")
    assert 'id="scope-error"' not in page  # (an HR account's missing agency: the agency typed is named instead)
    assert accounts_state(world) == before


def test_a_user_name_taken_is_named_with_the_other_reasons_at_once(world: World) -> None:
    # a name taken was found only once the other fields were right: the form mended was refused again for the name
    log_in(world, "admin")
    assert create(world)[0] == 200  # siti
    before = accounts_state(world)
    status, page = create(world, display_name="", password="short")
    assert status == 422
    assert "An account named siti already exists." in error_beside(page, "username")
    assert "May not be empty" in error_beside(page, "display_name")
    assert "At least 10 characters" in error_beside(page, "password")
    assert accounts_state(world) == before
