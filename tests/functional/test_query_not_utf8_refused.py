"""A query parameter whose value (or name) is not UTF-8 once percent-decoded (`?q=%ff`) is a 422 naming it, on the
API (the fast reads' path hands it to Flask) and the pages alike, before anything is read. Before, werkzeug read the
bytes as U+FFFD and the list answered as filtered by a character no one wrote: an empty list, 200. Both stores."""

from __future__ import annotations

import html

import pytest

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in

NOT_UTF8 = (
    "Not valid UTF-8: the query's text is percent-encoded UTF-8 (%C3%A9 for \u00e9); these bytes are no character."
)


# Its tests only read the world or are refused: one world per store for the module (world_of_each_store)
pytestmark = pytest.mark.xdist_group("test_query_not_utf8_refused")


@pytest.fixture
def world(world_of_each_store: World) -> World:
    return own_client(world_of_each_store)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("q=%ff", "q"),
        ("q=Budi%20%C3", "q"),  # (a character cut short)
        ("per_page=5&q=%ed%a0%80", "q"),  # (a surrogate's bytes: no UTF-8)
        ("%ff=1", "\ufffd"),
    ],
)
def test_a_query_not_utf8_is_422_naming_the_parameter(world: World, query: str, named: str) -> None:
    answer = world.get(f"/api/v1/employees?{query}")
    assert answer.status_code == 422, answer.get_data(as_text=True)[:300]
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["errors"] == {named: [NOT_UTF8]}


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/employees/{BUDI}/timeline?wait_for=%ff",
        "/api/v1/audits/promotions?unit=%c3",
        "/api/v1/access-log?nip=%ff",
    ],
)
def test_every_api_read_refuses_a_query_not_utf8(world: World, path: str) -> None:
    answer = world.get(path)
    assert answer.status_code == 422, answer.get_data(as_text=True)[:300]
    assert list(answer.get_json()["errors"]) == [path.split("?")[1].split("=")[0]]


def test_a_query_in_utf8_reads_as_before(world: World) -> None:
    answer = world.get("/api/v1/employees?q=Budi%20Sireg%C3%A1r")  # (accents set aside by the search since 1b090e82)
    assert (answer.status_code, [row["nip"] for row in answer.get_json()["items"]]) == (200, [BUDI])
    answer = world.get("/api/v1/employees?q=Budi%20Sireg%C3%B8r")  # (an ø is no o with an accent: no one)
    assert (answer.status_code, answer.get_json()["items"]) == (200, [])
    answer = world.get("/api/v1/employees?q=Budi")
    assert [row["nip"] for row in answer.get_json()["items"]] == [BUDI]


def test_a_page_refuses_a_query_not_utf8(world: World) -> None:
    log_in(world, "inspector")
    assert world.client.get("/pages/find?nip=Budi").status_code == 200
    answer = world.client.get("/pages/find?nip=%ff")
    assert answer.status_code == 422
    assert "UTF-8" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/pages/find?nip=%ff&lang=id", "Bukan UTF-8 yang sah: teks kueri ditulis sebagai UTF-8 berkode persen"),
        (
            f"/pages/employees/{BUDI}%FF?lang=id",
            "Bukan UTF-8 yang sah: teks alamat ditulis sebagai UTF-8 berkode persen",
        ),
        ("/pages/find?nip=%ff&lang=en", "Not valid UTF-8: the query's text is percent-encoded UTF-8"),
    ],
)
def test_a_page_says_why_a_text_not_utf8_is_refused_in_its_language(world: World, path: str, said: str) -> None:
    # (the refusals were in English on an Indonesian page: no translation of them)
    log_in(world, "inspector")
    answer = world.client.get(path)
    assert answer.status_code == 422
    assert said in html.unescape(answer.get_data(as_text=True))
