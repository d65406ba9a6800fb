"""A NIP typed on the start page as a decree prints it, after its label ("NIP. 19860926 201003 1 701", as copied from
an SK; "NIP: ...", "NI PPPK ..."), opens that record: the label's letters made it a search by name, which answered
that no employee's name or NIP held it."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in

SHOWN = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"


@pytest.mark.parametrize(
    "typed", [f"NIP. {SHOWN}", f"NIP: {BUDI}", f"nip {SHOWN}", f" NIP.{BUDI} ", f"NI PPPK {SHOWN}"]
)
def test_a_nip_typed_after_its_label_opens_that_record(world: World, typed: str) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": typed})
    assert answer.status_code == 302
    number = "".join(c for c in typed if c.isdigit())
    assert answer.headers["Location"].endswith(f"/pages/employees/{number}")


def test_a_name_holding_the_letters_nip_is_still_searched(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": "Nipah"})
    assert answer.status_code == 200
