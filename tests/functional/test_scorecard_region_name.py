"""The scorecard API reads a region as its code (region=12.71), and refuses it written by its name (region=Kota
Medan), naming `region`, as the roster and every other region filter do. Until 2026-11 it answered region "Kota
Medan" and counted no one; then it read the name as the code (careerlog.reference.Table by_name), the one filter
that did; since 2026-12-03 it is refused as elsewhere (tests/functional/test_scorecard_agency_code_as_written.py)."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_scorecard_api import PATH, trained, values  # noqa: F401  (trained: a fixture)


def test_a_region_written_by_its_name_is_refused_naming_region(trained: World) -> None:  # noqa: F811
    by_code = trained.get(f"{PATH}?agency=KOTA-MEDAN&region=12.71&year=2020&years=2", "inspector").get_json()
    by_name = trained.get(f"{PATH}?agency=KOTA-MEDAN&region=Kota%20Medan&year=2020&years=2", "inspector")
    assert by_name.status_code == 422, by_name.get_json()
    assert list(by_name.get_json()["errors"]) == ["region"]
    assert by_code["region"] == "12.71"
    assert values(by_code, "training.jp_share")[("KOTA-MEDAN", 2020)][1] == 2
