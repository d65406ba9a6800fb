"""The scorecard's query is refused naming every field at fault in one answer (docs/api.md, 422), as every other
query is: before, an unknown agency or region, a year after this one or a trend reaching before 1900 were judged
one at a time, after the fields the schema reads (an unknown agency was named only once the year read), so a
client mended one and met the next."""

from __future__ import annotations

import pytest

from projections.training import BETWEEN
from tests.functional.conftest import World
from tests.functional.test_time_to_promotion_from_after_today import this_year

# its module fixture built once, on one worker
pytestmark = pytest.mark.xdist_group("test_scorecard_query_refused_at_once")

SCORECARD = "/api/v1/reports/scorecard"
UNKNOWN_AGENCY = "Unknown agency 'KOTA-MEDANN'; see the agencies reference table (GET /api/v1/reference/agencies)."
UNKNOWN_REGION = "Unknown region '99'; see the regions reference table (GET /api/v1/reference/regions)."


def refused(world: World, query: str) -> dict[str, list[str]]:
    answer = world.get(f"{SCORECARD}?{query}", "policy")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    errors: dict[str, list[str]] = answer.get_json()["errors"]
    return errors


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("agency=KOTA-MEDANN&year=soon", {"agency": [UNKNOWN_AGENCY], "year": ["Not a valid integer."]}),
        (
            "agency=KOTA-MEDAN&region=99&years=0&year=2024",
            {"region": [UNKNOWN_REGION], "years": ["Must be greater than or equal to 1 and less than or equal to 20."]},
        ),
        ("region=99&year=2024", {"agency": ["Missing data for required field."], "region": [UNKNOWN_REGION]}),
    ],
)
def test_every_field_of_the_scorecards_query_at_fault_is_named_at_once(
    shared_world: World, query: str, expected: dict[str, list[str]]
) -> None:
    assert refused(shared_world, query) == expected


def test_a_year_after_this_one_is_named_with_an_unknown_agency_and_region(shared_world: World) -> None:
    next_year = this_year() + 1  # (the latest date in Indonesia: projections.reading.ViewReader.today)
    assert refused(shared_world, f"agency=KOTA-MEDANN&year={next_year}&region=99") == {
        "agency": [UNKNOWN_AGENCY],
        "region": [UNKNOWN_REGION],
        "year": [BETWEEN.reason(low=1900, high=next_year - 1, number=next_year)],
    }


def test_a_trend_reaching_before_1900_is_named_with_an_unknown_agency(shared_world: World) -> None:
    errors = refused(shared_world, "agency=KOTA-MEDANN&year=1901&years=5")
    assert errors == {
        "agency": [UNKNOWN_AGENCY],
        "years": ["The trend would reach back to 1897, before 1900: at most 2 for 1901."],
    }


def test_a_query_the_scorecard_takes_is_answered_as_before(shared_world: World) -> None:
    assert shared_world.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=2024&years=1", "policy").status_code == 200
    # (another case of a code is the code, as every agency filter reads it: test_coded_filters_in_any_case)
    lower = shared_world.get(f"{SCORECARD}?agency=kota-medan&year=2024&years=1", "policy")
    assert (lower.status_code, lower.get_json()["agency"]) == (200, "KOTA-MEDAN")
