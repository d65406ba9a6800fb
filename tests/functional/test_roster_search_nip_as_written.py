"""The roster's search (the API's `q`, the start page's search by name) finds a NIP written as it is printed on a
decree, "19860926 201003 1 701", or with dots or dashes: every other place that takes a NIP (a path, the access log's
`nip`, an import) strips those separators, and the start page opens a NIP so typed. The search matched the text as
typed against the 18 digits and found no one. Nor did it find a name typed with two spaces between its words, which
the start page's search (spaces run together) found."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, SARI, World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def found(world: World, typed: str) -> list[str]:
    answer = world.get("/api/v1/employees", query_string={"q": typed})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [item["nip"] for item in answer.get_json()["items"]]


def printed(nip: str) -> str:
    """A NIP as decrees print it: birth date, appointment month, sex, sequence."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


@pytest.mark.parametrize(
    "typed",
    [printed(BUDI), printed(BUDI).replace(" ", "."), printed(BUDI).replace(" ", "-"), f" {BUDI[:8]} {BUDI[8:14]} "],
)
def test_the_roster_finds_a_nip_written_with_separators(world: World, typed: str) -> None:
    assert found(world, typed) == [BUDI]


def test_a_part_of_a_printed_nip_is_found_as_the_digits_are(world: World) -> None:
    assert found(world, printed(BUDI)[9:17]) == found(world, BUDI[8:15]) == [BUDI]


def test_separators_alone_still_search_names_only(world: World) -> None:
    assert found(world, "-") == found(world, " . ") == []


def test_the_roster_finds_a_name_typed_with_spaces_run_together(world: World) -> None:
    assert found(world, "Budi  Siregar") == found(world, "Budi Siregar") == [BUDI]
    assert found(world, "sari \t nasution") == [SARI]
