"""The scorecard's awards.per_1000_staff counts the staff in post of the card's population (its denominator), in the
current year the headcount's active staff of it: a reader of aggregates sees the value only where the headcount,
asked by that reader for the same population, shows its total (Services.staff_withheld). Until 2026-12-07 a tester (a
reporter, the demo of 4,000 on PostgreSQL) read from the scorecard of KAB-KARO's Sekretariat Daerah, a complement
the headcount `by=unit` withheld, its 1 award of 14 staff: every complement of the headcount `by=unit` was published
so, and the rest of each line of that table was its small units. Both stores."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of, confirm_world_pns
from tests.functional.test_suppression import record, staff

pytestmark = pytest.mark.disclosure("withhold")

SCORECARD = "/api/v1/reports/scorecard"
HEADCOUNT = "/api/v1/reports/headcount"
COMPLIANCE = "/api/v1/reports/training-compliance"
PER_1000 = "awards.per_1000_staff"
# KOTA-MEDAN's units besides Budi's BKPSDM and Sari's Bappeda (one each, both small): the headcount `by=unit`
# withholds the smallest other, Dinas Kesehatan's 6, as their complement, and shows Dinas Sosial's 9
UNITS = (("Dinas Kesehatan", 6), ("Dinas Sosial", 9))
COMPLEMENT = "Dinas Kesehatan"
# KAB-KARO's staff besides Rina: enough that the headcount `by=agency` shows KOTA-MEDAN (not a complement of hers)
KARO = 5
# the scorecard's current year (its `as_of`, today's), whose staff in post are the headcount's
YEAR = date.today().year
# a status in post (the card counts it) the headcount does not count unless asked (HEADCOUNT_STATUSES)
PENALISED = "UNDER_PENALTY"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def units(world: World) -> World:
    sequence = 900
    first: dict[str, str] = {}
    for unit, people in UNITS:
        for n in range(people):
            sequence += 1
            nip = f.nip(date(1990, 2, 1 + n), date(2015, 3, 1), "M", sequence=sequence)
            record(world, nip, "appointment", appointment_of(nip, unit=unit))
            record(world, nip, "confirmation", f.confirmation("2016-03-01"))
            first.setdefault(unit, nip)
    for n in range(KARO):
        sequence += 1
        nip = f.nip(date(1988, 2, 1 + n), date(2014, 3, 1), "F", sequence=sequence)
        place = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
        record(world, nip, "appointment", appointment_of(nip, **place))
        record(world, nip, "confirmation", f.confirmation("2015-03-01"))
    for nip in (*first.values(), BUDI):
        record(world, nip, "award", f.award("SLKS_10", f"{YEAR}-01-01"))
    world.catch_up()
    return world


def answer(world: World, path: str, who: str, **asked: Any) -> dict[str, Any]:
    found = world.get(f"{path}?{urlencode(asked)}", who)
    assert found.status_code == 200, found.get_json()
    return dict(found.get_json())


def per_1000(card: dict[str, Any], scope: str = "trend") -> dict[tuple[str, int], tuple[Any, Any, Any, bool]]:
    return {
        (v["agency"], v["year"]): (v["numerator"], v["denominator"], v["value"], v["suppressed"])
        for v in card["indicators"][PER_1000][scope]
    }


def unit_card(world: World, who: str, unit: str, years: int = 1) -> dict[str, Any]:
    return answer(world, SCORECARD, who, agency="KOTA-MEDAN", year=YEAR, years=years, unit=unit)


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_unit_the_headcount_withholds_has_no_staff_count_on_its_scorecard(units: World, who: str) -> None:
    """The tester's case: the unit withheld as a complement by the headcount `by=unit` no longer has its 6 staff (nor
    its 1 award per 166.67 per 1,000, which gave them back) on its scorecard."""
    table = answer(units, HEADCOUNT, who, by="unit", agency="KOTA-MEDAN")["items"]
    counts = {row["unit"]: (row["count"], row["suppressed"]) for row in table}
    assert counts[COMPLEMENT] == (None, True)
    assert counts["Dinas Sosial"] == (9, False)
    card = unit_card(units, who, COMPLEMENT)
    assert per_1000(card)[("KOTA-MEDAN", YEAR)] == (None, None, None, True)  # (1, 6, 166.67 until 2026-12-07)
    assert not [x for x in card["findings"] if x["indicator"] == PER_1000]


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_unit_and_an_agency_the_headcount_shows_keep_their_staff_count(units: World, who: str) -> None:
    """The withholding follows the headcount's: a unit whose count it shows, and the agency's whole (the comparison),
    keep theirs, the same count as the headcount's."""
    card = unit_card(units, who, "Dinas Sosial")
    assert per_1000(card)[("KOTA-MEDAN", YEAR)] == (1, 9, 111.11, False)
    total = answer(units, HEADCOUNT, who, by="agency", agency="KOTA-MEDAN")["total"]
    assert per_1000(card, "comparison")[("KOTA-MEDAN", YEAR)] == (3, total, round(3000 / total, 2), False)


def test_a_past_year_is_not_judged_by_todays_headcount(units: World) -> None:
    """A past year's denominator counts that year's staff at its end, not the headcount's: not judged by it (and
    training compliance of that year shows this unit's 6 staff, Budi and Sari CPNS, not counted there)."""
    table = answer(units, COMPLIANCE, "reporter", year=YEAR - 1, by="agency", agency="KOTA-MEDAN", unit=COMPLEMENT)
    assert [(r["staff"], r["suppressed"]) for r in table["items"]] == [(6, False)]
    card = unit_card(units, "reporter", COMPLEMENT, years=2)
    assert per_1000(card)[("KOTA-MEDAN", YEAR - 1)] == (0, 6, 0.0, False)


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_past_year_is_withheld_where_that_years_training_compliance_withholds_its_staff(
    units: World, who: str
) -> None:
    """A past year's denominator, its staff in post on 31 December, is training compliance's `staff` of that year
    where all of them are PNS: the value is withheld where that report, asked by the same reader by agency and
    filtered to the card's population, withholds it. Until 2026-12-07 shown: a reporter's KOTA-MEDAN BKPSDM 2025 on
    the demo of 2,000 had 9 staff that training compliance withholds; here, with Budi's and Sari's one-person units
    in post as PNS, training compliance `by=unit` withholds Dinas Kesehatan's 6 as their complement, and so does its
    answer filtered to that unit, which the card showed, 0 awards of 6 staff. An inspector keeps it."""
    confirm_world_pns(units)
    table = answer(units, COMPLIANCE, who, year=YEAR - 1, by="unit", agency="KOTA-MEDAN")["items"]
    [row] = [r for r in table if r["unit"] == COMPLEMENT]
    assert (row["staff"], row["suppressed"]) == (None, True)
    filtered = answer(units, COMPLIANCE, who, year=YEAR - 1, by="agency", agency="KOTA-MEDAN", unit=COMPLEMENT)
    assert [r["staff"] for r in filtered["items"]] in ([], [None])  # (withheld, its row or the whole answer)
    assert per_1000(unit_card(units, who, COMPLEMENT, years=2))[("KOTA-MEDAN", YEAR - 1)] == (None, None, None, True)
    # (the unit the training compliance shows keeps its past year: Dinas Sosial's 9)
    shown = per_1000(unit_card(units, who, "Dinas Sosial", years=2))
    assert shown[("KOTA-MEDAN", YEAR - 1)] == (0, 9, 0.0, False)
    exact = per_1000(unit_card(units, "inspector", COMPLEMENT, years=2))
    assert exact[("KOTA-MEDAN", YEAR - 1)] == (0, 6, 0.0, False)


def test_an_agencys_past_year_is_withheld_where_training_compliance_withholds_it_as_a_complement(world: World) -> None:
    """KOTA-MEDAN's 8 PNS of 2020 (Budi, his 6 colleagues, Sari), which training compliance by agency withholds as the
    complement of KAB-KARO's Rina alone, were the denominator of its 2020 awards per 1,000 staff (5 of Sari's awards,
    625 per 1,000) until 2026-12-07; withheld with it since. An inspector keeps it."""
    staff(world)
    for month in range(3, 8):
        record(world, BUDI, "award", f.award("OTHER", f"2020-0{month}-17"))
    world.catch_up()
    table = answer(world, COMPLIANCE, "reporter", year=2020, by="agency")["items"]
    assert {r["agency"]: (r["staff"], r["suppressed"]) for r in table}["KOTA-MEDAN"] == (None, True)
    card = answer(world, SCORECARD, "reporter", agency="KOTA-MEDAN", year=2020, years=1)
    assert per_1000(card)[("KOTA-MEDAN", 2020)] == (None, None, None, True)
    exact = answer(world, SCORECARD, "inspector", agency="KOTA-MEDAN", year=2020, years=1)
    assert per_1000(exact)[("KOTA-MEDAN", 2020)] == (5, 8, 625.0, False)


@pytest.fixture
def penalised(units: World) -> World:
    """KAB-KARO's 6 active staff, one more serving a disciplinary penalty (in post, so counted by the card, but not
    active, so not by the headcount's default) and four on unpaid leave (counted by neither; with the one, the small
    cells of the headcount by status, its active shown)."""
    for n, status in enumerate((PENALISED, *["UNPAID_LEAVE"] * 4)):
        nip = f.nip(date(1991, 3, 1 + n), date(2015, 3, 1), "M", sequence=990 + n)
        place = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
        record(units, nip, "appointment", appointment_of(nip, **place))
        record(units, nip, "confirmation", f.confirmation("2016-03-01"))
        record(units, nip, "status_change", f.status(status, f"{YEAR}-01-02"))
    units.catch_up()
    return units


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_the_staff_in_post_less_the_active_do_not_give_a_withheld_status_away(penalised: World, who: str) -> None:
    """The card counts every status in post (not on leave, study leave nor suspended): its staff less the headcount's
    active ones told KAB-KARO's one staff under a penalty, which the headcount by status withholds (a review of
    2026-12-07: 7 on the card less 6 active). Judged by the headcount of the statuses the card counts, the card's
    denominator is withheld where any of them is."""
    place = {"agency": "KAB-KARO"}
    by_status = answer(penalised, HEADCOUNT, who, by="status", **place)["items"]
    [row] = [r for r in by_status if r["status"] == PENALISED]  # (listed, and withheld: 1 staff)
    assert row["count"] is None
    assert row["suppressed"]
    active = answer(penalised, HEADCOUNT, who, **{"by": "agency", **place})["total"]
    assert active == 6  # (shown: the card's figure alone could give the one away)
    card = answer(penalised, SCORECARD, who, agency="KAB-KARO", year=YEAR, years=1)
    _, staff, _, withheld = per_1000(card)[("KAB-KARO", YEAR)]
    recovered = None if withheld or staff is None or active is None else staff - active
    assert recovered is None  # (7 - 6 = 1 until 2026-12-07)


def test_a_reader_of_records_sees_the_unit_exactly(units: World) -> None:
    """An inspector (a reader of records) keeps every figure, the headcount's and the scorecard's."""
    card = unit_card(units, "inspector", COMPLEMENT)
    assert per_1000(card)[("KOTA-MEDAN", YEAR)] == (1, 6, 166.67, False)
