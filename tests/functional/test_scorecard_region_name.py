"""The scorecard API reads a region written by its name as the region's code: region=Kota Medan is 12.71, the card
the same as region=12.71's, where it answered region "Kota Medan" and counted no one (a region's name is read as its
code since agencies and regions are read by their names: careerlog.reference.Table by_name; the scorecard normalised
the agency and left the region as written)."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_scorecard_api import PATH, trained, values  # noqa: F401  (trained: a fixture)


def test_a_region_written_by_its_name_is_its_codes_card(trained: World) -> None:  # noqa: F811
    by_code = trained.get(f"{PATH}?agency=KOTA-MEDAN&region=12.71&year=2020&years=2", "inspector").get_json()
    by_name = trained.get(f"{PATH}?agency=KOTA-MEDAN&region=Kota%20Medan&year=2020&years=2", "inspector")
    assert by_name.status_code == 200, by_name.get_json()
    card = by_name.get_json()
    assert card["region"] == "12.71"
    assert values(card, "training.jp_share") == values(by_code, "training.jp_share")
    assert values(by_code, "training.jp_share")[("KOTA-MEDAN", 2020)][1] == 2
