"""A unit misspelt in a report's filter is refused with the unit it may be, as a recording asks of a new unit: a
reporting client's tester, 2026-12-06, was answered "Unknown unit 'Dinas Pendidkan' ..." alone. Only units within the
reader's scope are named: another agency's unit reads as one that never was."""

from __future__ import annotations

from tests.functional.conftest import World

HEADCOUNT = "/api/v1/reports/headcount?by=sex&unit="


def unit_refusal(world: World, unit: str, who: str) -> str:
    answer = world.get(f"{HEADCOUNT}{unit}", who)
    assert answer.status_code == 422, answer.get_json()
    return str(answer.get_json()["errors"]["unit"][0])


def test_a_unit_one_letter_off_is_refused_with_the_unit_it_may_be(world: World) -> None:
    assert unit_refusal(world, "Dinas%20Pendidkan", "reporter").startswith(
        "Unknown unit 'Dinas Pendidkan' (did you mean 'Dinas Pendidikan'?): no employee was ever placed"
    )


def test_a_unit_of_another_agency_is_never_suggested(world: World) -> None:
    # (Dinas Pendidikan is Rina's, in KAB-KARO: KOTA-MEDAN's HR is told of no such unit)
    assert "did you mean" not in unit_refusal(world, "Dinas%20Pendidkan", "hr")
