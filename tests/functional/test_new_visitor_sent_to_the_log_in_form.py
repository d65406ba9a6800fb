"""A new visitor's browser opening `/` (sent on to /pages/) was shown the error page "Please log in (401)" with a
link, not the log-in form. A browser (asking for text/html) with no session opening the home is now sent to the
log-in form, which brings it back there (`next=`), in the language asked; a client not asking for HTML is still
answered 401, and another page still answers a browser 401."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_a_browser_with_no_session_is_sent_from_the_home_to_the_log_in_form(world: World) -> None:
    home = world.client.get(world.client.get("/").headers["Location"], headers=BROWSER)
    assert home.status_code == 302
    where = urlsplit(home.headers["Location"])
    assert where.path == "/pages/login"
    assert parse_qs(where.query)["next"] == ["/pages/"]
    form = world.client.get(home.headers["Location"], headers=BROWSER)
    assert form.status_code == 200
    assert 'name="password"' in form.get_data(as_text=True)


def test_the_language_asked_is_kept_on_the_way_to_the_log_in_form(world: World) -> None:
    home = world.client.get("/pages/?lang=id", headers=BROWSER)
    query = parse_qs(urlsplit(home.headers["Location"]).query)
    assert (query["lang"], query["next"]) == (["id"], ["/pages/?lang=id"])


def test_a_client_not_asking_for_html_and_another_page_still_answer_401(world: World) -> None:
    assert world.client.get("/pages/", headers={"Accept": "*/*"}).status_code == 401
    assert world.client.get("/pages/", headers={"Accept": "application/json"}).status_code == 401
    assert world.client.get("/pages/fairness", headers=BROWSER).status_code == 401


def test_a_signed_in_browser_opens_the_home(world: World) -> None:
    log_in(world, "hr")
    assert world.client.get("/pages/", headers=BROWSER).status_code == 200
