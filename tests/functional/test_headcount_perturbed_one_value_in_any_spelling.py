"""Under CAREERLOG_DISCLOSURE=perturb a reader of aggregates is given one value of each filter
(web.services.one_value_each), its values counted as the filter reads them (web.services.filter_key): a
`unit` in any letter case or spacing, an agency's or a region's code in any letter case (careerlog.reference.AnyCase).
Until 2026-12-06 one_value_each read the unit's spelling itself and any other filter's values as given, so that
`agency=kota-medan&agency=KOTA-MEDAN` asked of the services was refused as 2 values, though both read KOTA-MEDAN.
Both stores."""

from __future__ import annotations

import pytest

from careerlog.domain.errors import InvalidInput
from tests.functional.conftest import World
from tests.functional.test_headcount_perturbed_withstands_averaged_unions import SECRET, units
from tests.functional.test_suppression import HEADCOUNT
from web.services import Disclosure

pytestmark = pytest.mark.disclosure("perturb")

__all__ = ["units"]


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


@pytest.mark.parametrize(
    ("name", "spellings"),
    [("agency", ["KOTA-MEDAN", "kota-medan", " Kota-Medan "]), ("region", ["12.71", " 12.71"])],
)
def test_a_code_in_two_spellings_is_one_value_for_a_reporter_under_perturb(
    units: World, name: str, spellings: list[str]
) -> None:
    units.services.disclosure = Disclosure("perturb", SECRET)
    reporter = units.services.accounts.get("reporter")
    alone = units.services.headcount(reporter, ["unit"], {name: spellings[:1]})
    assert units.services.headcount(reporter, ["unit"], {name: spellings}) == alone
    spelled = "&".join(f"{name}={s.replace(' ', '+')}" for s in spellings)
    answer = units.get(f"{HEADCOUNT}?by=unit&{spelled}", "reporter")
    assert answer.status_code == 200, answer.get_data(as_text=True)


def test_two_codes_are_still_two_values(units: World) -> None:
    units.services.disclosure = Disclosure("perturb", SECRET)
    reporter = units.services.accounts.get("reporter")
    with pytest.raises(InvalidInput, match="got 2"):
        units.services.headcount(reporter, ["unit"], {"agency": ["kota-medan", "KAB-KARO"]})
