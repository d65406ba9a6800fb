"""The audited posts' `level` filter takes the levels a post may carry, and refuses any other naming `level`.

/api/v1/audits/posts?level=ahli_muda (or "Ahli Muda", ESELON_IV) answered 200 with total 0, read as "no such
appointment", where every other coded filter answers 422 naming the field. The levels are a fixed list (asn.toml's
post kinds: the eselons I.a ... IV.b, the functional levels AHLI_PERTAMA ... PENYELIA), declared as the enum of the
parameter in the OpenAPI document. A known level is read as before, in any letter case since 2026-12-05 (`ahli_muda`,
`iv.a`: tests/functional/test_coded_filters_in_any_case.py). Both stores."""

from __future__ import annotations

import pytest

from careerlog.reference import reference
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import POSTS, record
from tests.unit.test_merit_posts import post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def posted(world: World) -> World:
    """Budi appointed Pengawas (IV.a) in 2018."""
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    return world


@pytest.mark.parametrize("level", ["ahli-muda", "Ahli Muda", "ESELON_IV", "iv.a.1"])
def test_an_unknown_level_is_refused_naming_it(posted: World, level: str) -> None:
    answer = posted.get(f"{POSTS}?level={level}", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert answer.headers["Content-Type"] == "application/problem+json"
    [reason] = answer.get_json()["errors"]["level"]
    assert repr(level) in reason
    assert "AHLI_MUDA" in reason
    assert "IV.a" in reason


def test_a_known_level_is_read_as_before(posted: World) -> None:
    body = posted.get(f"{POSTS}?level=IV.a", "inspector").get_json()
    assert [(i["nip"], i["level"]) for i in body["items"]] == [(BUDI, "IV.a")]
    assert posted.get(f"{POSTS}?level=AHLI_MUDA", "inspector").get_json()["total"] == 0


def test_the_levels_are_the_post_kinds_and_declared_in_the_openapi_document(world: World) -> None:
    levels = reference().post_levels()
    assert levels[:2] == ["I.a", "I.b"]
    assert {"IV.b", "AHLI_PERTAMA", "PENYELIA"} <= set(levels)
    spec = world.get("/api/openapi.json", None).get_json()
    [level] = [p for p in spec["paths"]["/api/v1/audits/posts"]["get"]["parameters"] if p["name"] == "level"]
    assert level["schema"]["items"]["enum"] == levels
