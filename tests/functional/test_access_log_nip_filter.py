"""The access log's `nip` filter takes NIPs: a value that cannot be one (a typo, a name, too few digits) is a 422
problem naming `nip` and the value, not an empty list that reads as "nobody read this record"; a NIP typed with
the separators people use (spaces, dots, dashes) is read as its digits. Its `username` filter alike: a value no
account can be named (upper case, a space) is a 422 naming `username`. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("who", ["inspector", "employee", "admin"])
@pytest.mark.parametrize("typed", ["123", "Budi Siregar", BUDI[:-1], BUDI + "0", "1986O926201003170\uff11"])
def test_a_value_that_cannot_be_a_nip_is_a_422_naming_nip(world: World, who: str, typed: str) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200
    answer = world.get("/api/v1/access-log", who, query_string={"nip": [BUDI, typed]})
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    said = f"Must be 18 digits, got {typed!r}."
    if "O" in typed and len(typed) == 18:  # (18 characters: the one not a digit named, not "got" them)
        said = f"Must be 18 digits: 'O' is not a digit 0-9, in {typed!r}."
    assert answer.get_json()["errors"] == {"nip": [said]}


def test_a_nip_typed_with_separators_is_read_as_its_digits(world: World) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200
    typed = f"{BUDI[:8]} {BUDI[8:14]}.{BUDI[14]}-{BUDI[15:]}"
    answer = world.get("/api/v1/access-log", "inspector", query_string={"nip": typed})
    assert answer.status_code == 200
    assert [(e["nip"], e["username"], e["action"]) for e in answer.get_json()["items"]] == [(BUDI, "hr", "profile")]


@pytest.mark.parametrize("typed", ["HR", "hr medan", "h", "hr;", ""])
def test_a_value_no_account_can_be_named_is_a_422_naming_username(world: World, typed: str) -> None:
    answer = world.get("/api/v1/access-log", "inspector", query_string={"username": ["hr", typed]})
    assert answer.status_code == 422
    assert answer.content_type == "application/problem+json"
    [reason] = answer.get_json()["errors"]["username"]
    assert reason.startswith(f"No account can be named {typed!r}: ")


def test_a_user_name_of_no_account_yet_is_an_empty_list_and_of_one_its_reads(world: World) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}", "hr").status_code == 200
    assert world.get("/api/v1/access-log?username=nobody", "inspector").get_json()["items"] == []
    read = world.get("/api/v1/access-log?username=hr", "inspector").get_json()["items"]
    assert [(e["nip"], e["username"]) for e in read] == [(BUDI, "hr")]
