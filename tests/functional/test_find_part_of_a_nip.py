"""The start page's search with part of a NIP ("19980315", a birth date) opened /pages/employees/19980315, a 404.
Digits of another length than a NIP's 18 now search the roster of the reader's scope, which reads NIPs too; a whole
NIP still opens its career record. (Until 2026-12-05 "NIP 19860926" was tested to open /pages/employees/19860926.)"""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_pages_auth import log_in


@pytest.mark.parametrize("typed", [BUDI[:8], f"NIP {BUDI[:8]}", f"{BUDI[:8]} {BUDI[8:12]}"])
def test_part_of_a_nip_lists_the_employees_whose_nip_holds_it(world: World, typed: str) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": typed})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert f'href="/pages/employees/{BUDI}"' in page
    assert RINA not in page  # (another agency's)


def test_part_of_a_nip_no_one_holds_is_said_so_not_a_missing_page(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find?nip=19980315&lang=en")
    assert answer.status_code == 200
    assert "No employee within your scope has a name or NIP holding “19980315”." in answer.get_data(as_text=True)


def test_a_whole_nip_still_opens_its_record(world: World) -> None:
    log_in(world, "hr")
    spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
    answer = world.client.get("/pages/find", query_string={"nip": spaced})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/pages/employees/{BUDI}")


@pytest.mark.parametrize("typed", [f"{BUDI[:4]}-{BUDI[4:8]}", f"{BUDI[:4]}.{BUDI[4:8]}"])
def test_part_of_a_nip_written_with_a_dash_or_dot_lists_the_employees_not_a_missing_page(
    world: World, typed: str
) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": typed})
    assert answer.status_code == 200
    assert f'href="/pages/employees/{BUDI}"' in answer.get_data(as_text=True)


def test_a_whole_nip_written_with_dashes_opens_its_record(world: World) -> None:
    log_in(world, "hr")
    answer = world.client.get("/pages/find", query_string={"nip": f"{BUDI[:8]}-{BUDI[8:14]}-{BUDI[14]}-{BUDI[15:]}"})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/pages/employees/{BUDI}")
