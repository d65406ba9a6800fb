"""Each id is given once on a page: the log-out form's CSRF token and the page's own form's were both
id="csrf_token" (the record, import and accounts pages), which HTML does not allow (a label or aria reference to
it, or a script's getElementById, finds the first alone)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import csrf_token, log_in

pytestmark = pytest.mark.xdist_group("page_ids_unique")


@pytest.mark.parametrize("path", ["/pages/record?kind=training", "/pages/import", "/pages/accounts", "/pages/"])
def test_no_id_is_given_twice_on_a_page_with_a_form(shared_world: World, path: str) -> None:
    world = own_client(shared_world)
    log_in(world, "admin")
    page = world.client.get(path).get_data(as_text=True)
    twice = [name for name, count in Counter(re.findall(r'\bid="([^"]+)"', page)).items() if count > 1]
    assert twice == []
    assert csrf_token(world.client, path)  # (the tests' helper still finds a token)
