"""A near miss of a code in a report's filter is refused with the code it may mean, as the import suggests one: a
reporting client's tester, 2026-12-06, was answered "Not one of the known values ..." alone for `agency=KOTA-MEDN`
and `region=12.7`."""

from __future__ import annotations

from tests.functional.conftest import World

HEADCOUNT = "/api/v1/reports/headcount?by=sex&"


def refusal(world: World, query: str, field: str) -> str:
    answer = world.get(f"{HEADCOUNT}{query}", "reporter")
    assert answer.status_code == 422, answer.get_json()
    return str(answer.get_json()["errors"][field][0])


def test_an_agency_one_letter_off_is_refused_with_the_agency_it_may_be(world: World) -> None:
    assert refusal(world, "agency=KOTA-MEDN", "agency").startswith(
        "Not one of the known values: 'KOTA-MEDN' (did you mean 'KOTA-MEDAN'?)"
    )


def test_a_region_with_its_zero_left_out_is_refused_with_the_region_it_may_be(world: World) -> None:
    assert refusal(world, "region=12.7", "region").startswith(
        "Not one of the known values: '12.7' (did you mean '12.07'?)"
    )


def test_a_status_one_edit_off_is_refused_with_the_status_it_may_be(world: World) -> None:
    assert "'RETIRD' (did you mean 'RETIRED'?)" in refusal(world, "status=RETIRD", "status")


def test_a_code_far_from_every_code_is_refused_without_a_guess(world: World) -> None:
    assert "did you mean" not in refusal(world, "status=NOPE", "status")
