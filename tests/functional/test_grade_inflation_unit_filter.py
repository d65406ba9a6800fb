"""The grade-inflation audit reads its `unit` filter as every other audit does (projections.units): in any letter
case or spacing, and a unit no employee was ever placed in (a typo) is a 422 naming `unit`, never an empty list read
as clean. Until 2026-12-05 it matched the exact text: `unit=dinas kesehatan` and `unit=Dinas Kesehatn` answered 200,
total 0, for an admin and for an agency-scoped inspector alike. Judged within the agencies the reader reaches (by
their seat, as the rows are): another agency's unit reads as unknown to an agency-scoped inspector. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_grade_inflation_cursor import INFLATION, inflated, inflated_unit  # noqa: F401


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("who", ["admin", "inspector", "inspector_medan"])
@pytest.mark.parametrize("written", ["Dinas Kesehatan", "dinas kesehatan", "  DINAS   Kesehatan "])
def test_the_unit_is_read_in_any_letter_case_or_spacing(inflated: World, who: str, written: str) -> None:  # noqa: F811
    found = inflated.get(INFLATION, who, query_string={"unit": written})
    assert found.status_code == 200, found.get_json()
    assert [u["unit"] for u in found.get_json()["items"]] == ["Dinas Kesehatan"]


@pytest.mark.parametrize("who", ["admin", "inspector", "inspector_medan"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_unknown_unit_is_refused_naming_it(inflated: World, who: str, fmt: str) -> None:  # noqa: F811
    answer = inflated.get(INFLATION, who, query_string={"unit": "Dinas Kesehatn", "format": fmt})
    assert answer.status_code == 422
    assert "Unknown unit 'Dinas Kesehatn'" in answer.get_json()["errors"]["unit"][0]


def test_a_unit_of_another_agency_reads_as_unknown_to_an_agency_scoped_inspector(world: World) -> None:
    """KOTA-MEDAN's inspector asking for a unit only KAB-KARO has staff in: refused as a unit that never was."""
    from datetime import date

    from tests import factories as f
    from tests.functional.conftest import appointment_of

    nip = f.nip(date(1990, 1, 1), date(2020, 1, 1), "M", sequence=871)
    world.services.ledger.record(
        nip,
        "appointment",
        appointment_of(nip, agency="KAB-KARO", region="12.06", unit="Dinas Perikanan Karo"),
        actor="test",
    )
    world.catch_up()
    assert world.get(INFLATION, "admin", query_string={"unit": "dinas perikanan karo"}).status_code == 200
    answer = world.get(INFLATION, "inspector_medan", query_string={"unit": "dinas perikanan karo"})
    assert answer.status_code == 422
    assert "unit" in answer.get_json()["errors"]
