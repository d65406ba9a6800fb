"""The scorecard on both stores: JP share trend and comparison across agencies (the demo's injected irregularities
in its scorecard and the command line: tests/integration/test_scorecard_reads.py, which records the same demo)."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.sqlstore import SqlStore
from projections.scorecard import ScorecardQueries
from tests.integration.test_training_mentoring import TODAY, populated  # noqa: F401  (a fixture)

pytestmark = pytest.mark.xdist_group("test_scorecard")  # its module fixtures are built once, on one worker


def test_scorecard_gives_the_jp_share_trend_of_an_agency_and_the_comparison_across_agencies(
    populated: SqlStore,  # noqa: F811
) -> None:
    card = ScorecardQueries(populated, today=TODAY).scorecard("KOTA-MEDAN", 2022, years=2)
    jp = card["indicators"]["training.jp_share"]
    assert [(i["year"], i["numerator"], i["denominator"], i["value"]) for i in jp["trend"]] == [
        (2021, 0, 5, 0.0),  # Bayu still in post; nobody reached 20 JP
        (2022, 2, 4, 0.5),
    ]
    assert [(i["agency"], i["numerator"], i["denominator"], i["value"]) for i in jp["comparison"]] == [
        ("KOTA-MEDAN", 2, 4, 0.5),
        ("PROV-SUMUT", 0, 2, 0.0),
    ]
    assert jp["comparison"][0]["link"] == "/api/v1/reports/training-compliance?year=2022&agency=KOTA-MEDAN"


def test_scorecard_rejects_a_year_in_the_future_naming_the_field(populated: SqlStore) -> None:  # noqa: F811
    with pytest.raises(InvalidInput, match="year"):
        ScorecardQueries(populated, today=TODAY).scorecard("KOTA-MEDAN", 2030)
