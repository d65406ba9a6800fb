"""A redirect the app makes (after a log-in, to the log-in page, a form's answer) has a body in the page's language, a
link to where it goes: werkzeug's English "Redirecting... You should be redirected automatically" showed for a moment
after an Indonesian log-in (found by an HR tester, until 2026-12-07)."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in


@pytest.mark.parametrize(("lang", "said"), [("id", "Lanjut ke halaman berikutnya"), ("en", "Go on to the next page")])
def test_a_log_ins_redirect_says_where_it_goes_in_the_pages_language(world: World, lang: str, said: str) -> None:
    log_in(world, "hr")  # (the account's web twin)
    world.client.post("/pages/logout", data={"csrf_token": csrf_token(world.client)})
    token = csrf_token(world.client, f"/pages/login?lang={lang}")
    sent = {"username": "hr-web", "password": PASSWORD, "csrf_token": token}
    answer = world.client.post(f"/pages/login?lang={lang}", data=sent)
    assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
    body = answer.get_data(as_text=True)
    assert "Redirecting" not in body
    assert "redirected automatically" not in body
    assert f'<html lang="{lang}">' in body
    assert f'<a href="{answer.headers["Location"]}">{said}</a>' in body


def test_the_root_redirect_of_an_indonesian_visitor_is_worded_so(world: World) -> None:
    answer = world.client.get("/?lang=id")
    assert answer.status_code == 302
    assert "Lanjut ke halaman berikutnya" in answer.get_data(as_text=True)


@pytest.mark.parametrize(("lang", "said"), [("id", "Lanjut ke halaman berikutnya"), ("en", "Go on to the next page")])
@pytest.mark.parametrize(("path", "to"), [("/pages", "/pages/"), ("/pages//login", "/pages/login")])
def test_routings_own_308_says_where_it_goes_in_the_pages_language(
    world: World, lang: str, said: str, path: str, to: str
) -> None:
    """(werkzeug's slash redirects, a trailing `/` added or slashes merged, were English on an Indonesian page.)"""
    answer = world.client.get(f"{path}?lang={lang}")
    assert answer.status_code == 308
    assert answer.headers["Location"] == f"http://localhost{to}?lang={lang}"  # (werkzeug's, as it was)
    body = answer.get_data(as_text=True)
    assert "Redirecting" not in body
    assert f'<html lang="{lang}">' in body
    assert f'<a href="http://localhost{to}?lang={lang}">{said}</a>' in body
