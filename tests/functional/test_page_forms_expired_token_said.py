"""A page form sent with a CSRF token that no longer holds (the page left open past the token's hour, or past the
idle time-out that empties the session the token is checked against) says so, on the page the form was on, and
nothing is done: the log-in page came back with no word at all (the user name and password seemed refused for
nothing), so did the import page, and the log-out and the accounts page's Disable and Unlock buttons answered "The
request could not be understood" (400)."""

from __future__ import annotations

import io
import re

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

EXPIRED = "The form has expired; send it again."
STALE = "stale-token-" + "x" * 40


def said(page: str) -> list[str]:
    return re.findall(r'class="error"[^>]*>([^<]*)<', page)


def test_the_log_in_says_its_form_expired_and_keeps_the_user_name(world: World) -> None:
    world.client.get("/pages/login?lang=en")
    sent = {"username": "admin-web", "password": "kata-sandi-rahasia-1", "csrf_token": STALE}
    answer = world.client.post("/pages/login", data=sent)
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert said(page) == [EXPIRED]
    assert 'value="admin-web"' in page
    assert world.client.get("/pages/").status_code == 401  # not logged in


def test_the_import_says_its_form_expired(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    header = "nip,tanggal_mulai,tanggal_selesai,nomor_sertifikat,jenis,judul,penyelenggara,jp"
    body = f"{header}\n{BUDI},2024-01-01,2024-01-02,X1,TEKNIS,t,o,2\n"
    sent = {"csrf_token": STALE, "kind": "training", "file": (io.BytesIO(body.encode()), "diklat.csv")}
    answer = world.client.post("/pages/import?lang=en", data=sent)
    assert answer.status_code == 422
    assert EXPIRED in said(answer.get_data(as_text=True))
    assert world.log() == before


def test_the_log_out_says_its_form_expired(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.post("/pages/logout?lang=en", data={"csrf_token": STALE})
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert EXPIRED in page
    assert 'action="/pages/logout"' in page  # the log-out button again, with a token that holds
    assert world.client.get("/pages/").status_code == 200  # still logged in: nothing was done
    world.client.post(
        "/pages/logout", data={"csrf_token": re.findall(r'name="csrf_token"[^>]*value="([^"]+)"', page)[0]}
    )
    gone = world.client.post("/pages/logout", data={"csrf_token": STALE})  # (logged out: nothing to end)
    assert gone.status_code == 302
    assert "/pages/login" in gone.headers["Location"]


def test_the_accounts_buttons_say_their_form_expired(world: World) -> None:
    log_in(world, "admin")
    world.client.get("/pages/accounts?lang=en")
    for action in ("disable", "unlock"):
        answer = world.client.post(f"/pages/accounts/reporter/{action}", data={"csrf_token": STALE})
        assert answer.status_code == 400, action
        assert EXPIRED in said(answer.get_data(as_text=True)), action
    assert not world.services.accounts.get("reporter").disabled
