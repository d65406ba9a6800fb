"""The PostgreSQL world (tests/functional/worlds.py) lent to a test that makes a request is lent to the next test as
made, not made again.

An app's first request starts its import jobs' thread (web.import_jobs), which makes the store's `import_jobs` table
when it is missing. The world was made without it: each test lent the world that made a request left a table the
world had not, so the schema was dropped and the world made again for the next test (about 1 s of a quiet machine's
wall per PostgreSQL test). The world is now made with that table (tests.functional.conftest.made_world)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.functional.conftest import TEST_CONFIG, made_world, served_app
from tests.functional.worlds import Tokens
from tests.stores import LentSchema

pytestmark = pytest.mark.postgres


@pytest.fixture
def lent() -> Iterator[LentSchema[Tokens]]:
    world = LentSchema(made_world, "t_wlent")
    yield world
    world.drop()


def requested(url: str, token: str) -> int:
    """A page and an API answer asked of an app of the test's own on the store at `url`, as a test asks them."""
    with served_app(url, dict(TEST_CONFIG)) as flask_app:
        client = flask_app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/api/v1/employees", headers=headers).status_code == 200
        return client.get("/pages/", headers=headers).status_code


def test_the_world_lent_to_a_test_that_made_a_request_is_lent_again_as_made(lent: LentSchema[Tokens]) -> None:
    with lent.lend() as (url, tokens):
        requested(url, tokens["admin"])
        schema = lent.schema
        assert lent.relations_now(lent.connection()) == lent.relations  # no table the world had not
    assert lent.schema == schema  # put back, not dropped to be made again
    with lent.lend() as (url, tokens):
        assert lent.schema == schema
        requested(url, tokens["admin"])
