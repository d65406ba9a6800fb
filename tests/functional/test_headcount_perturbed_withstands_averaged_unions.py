"""The averaging attack on the perturbed headcount, run: a reporter asks the totals of `unit in {Bappeda} + S_i` and of
`unit in S_i` for 40 different sets S_i of KOTA-MEDAN's other units, each difference Sari's 1 plus noise of its own,
and averages them. Under the cell key alone (perturb until 2026-12-06, `Disclosure.guarded` False) the mean recovers
her 1; under perturb now each filter takes one value for a reader of aggregates (the unions refused, naming the
filter) and a cell below CAREERLOG_MIN_CELL is withheld (a row printed 0 told of 1-2 people). Both stores; a fixed
secret and seed, so the run is the same each time (docs/security.md)."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from bench.disclosure import asker, conjunction_attack, union_attack
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_headcount_perturbed_by_cell_key import body, counts
from tests.functional.test_suppression import HEADCOUNT, record, staff
from web.services import Disclosure

pytestmark = pytest.mark.disclosure("perturb")

SECRET = "the averaging attack's secret, 32 characters or more"  # (a test's)
UNITS = [
    "Inspektorat",
    "Dinas Kesehatan",
    "Dinas Sosial",
    "Satpol PP",
    "Dinas Perhubungan",
    "Kecamatan Medan Kota",
    "RSUD Pirngadi",
]  # (KOTA-MEDAN's other units beside BKPSDM: 2^8 - 1 unions without Bappeda)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


@pytest.fixture
def units(world: World) -> World:
    """The staffed world (Budi and 6 colleagues in BKPSDM, Sari alone in Bappeda) and two people in each of 7 more
    units of KOTA-MEDAN."""
    staff(world)
    for n, unit in enumerate(UNITS):
        for m in range(2):
            nip = f.nip(date(1993, 1 + n, 1 + m), date(2019, 2, 1), "M", sequence=800 + 2 * n + m)
            record(world, nip, "appointment", appointment_of(nip, unit=unit))
    world.catch_up()
    return world


def averaged(world: World, disclosure: Disclosure) -> float:
    """The attack on Sari's Bappeda as the reporter: the mean of the differences of 40 pairs of unions (NaN: none)."""
    world.services.disclosure = disclosure
    reporter = world.services.accounts.get("reporter")

    def ask(by: list[str], filters: dict[str, list[str]]) -> dict | None:  # type: ignore[type-arg]
        answer = world.get(f"{HEADCOUNT}?" + "&".join([f"by={b}" for b in by] + query(filters)), "reporter")
        if answer.status_code == 422:  # (refused, naming the filter)
            return None
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return answer.get_json()  # type: ignore[no-any-return]

    assert reporter.role == "reporter"
    return union_attack(ask, "KOTA-MEDAN", "Bappeda", ["BKPSDM", *UNITS], random.Random(3))


def query(filters: dict[str, list[str]]) -> list[str]:
    return [f"{name}={value.replace(' ', '+')}" for name, values in filters.items() for value in values]


def test_averaging_differences_of_unions_recovers_a_cell_of_one_under_the_cell_key_alone_not_under_perturb(
    units: World,
) -> None:
    alone = averaged(units, Disclosure("perturb", SECRET, guarded=False))
    assert round(alone) == 1, alone  # (Sari's 1: 40 differences of mean 1, their noise averaged away)
    guarded = averaged(units, Disclosure("perturb", SECRET))
    assert math.isnan(guarded), guarded  # (every union refused: nothing to average)


def test_a_reporter_gets_one_value_per_filter_under_perturb_an_inspector_any(units: World) -> None:
    answer = units.get(f"{HEADCOUNT}?by=unit&unit=Bappeda&unit=BKPSDM", "reporter")
    assert answer.status_code == 422, answer.get_data(as_text=True)
    problem = answer.get_json()
    assert "unit" in str(problem), problem
    assert "One value for a reader of aggregates (a union of values" in str(problem), problem
    assert units.get(f"{HEADCOUNT}?by=unit&unit=Bappeda&unit=BKPSDM", "inspector").status_code == 200
    assert units.get(f"{HEADCOUNT}?by=unit&unit=BKPSDM", "reporter").status_code == 200


def test_a_small_cell_is_withheld_under_perturb_not_printed_as_a_small_figure(units: World) -> None:
    """Sari's 1 and each unit of 2 withheld (a row printed 0 told of 1-2 people: rows exist for occupied cells
    alone); BKPSDM's 7 and the total perturbed, within 2."""
    units.services.disclosure = Disclosure("perturb", SECRET)
    found = body(units, "by=unit&agency=KOTA-MEDAN")
    assert found["disclosure"] == "perturbed"
    flagged = {item["unit"]: (item["count"], item["suppressed"]) for item in found["items"]}
    assert {unit: flagged[unit] for unit in ["Bappeda", *UNITS]} == dict.fromkeys(["Bappeda", *UNITS], (None, True))
    shown = counts(found)
    assert abs(shown["BKPSDM"] - 7) <= 2
    assert abs(shown["<total>"] - 22) <= 2
    assert counts(body(units, "by=unit&unit=Bappeda"))["<total>"] is None  # (her total alone: withheld too)
    assert body(units, "by=unit&unit=Bappeda")["total_all_statuses_suppressed"] is True


def test_what_one_value_per_filter_leaves_cannot_be_formed_here(units: World) -> None:
    """The attack left (the agency's filtered totals less its other units' rows): each other row of 2 is withheld,
    so no estimate of Sari's cell is formed; under the cell key alone it is. A request refused (since 2026-12-07 more
    than CAREERLOG_MAX_REPORT_FILTERS filters, under the guarded method) forms none either (`asker`)."""

    def asked(disclosure: Disclosure) -> float:
        units.services.disclosure = disclosure
        reporter, inspector = (units.services.accounts.get(name) for name in ("reporter", "inspector"))
        ask, truth = asker(units.services, reporter), asker(units.services, inspector)
        return conjunction_attack(ask, truth, "KOTA-MEDAN", "Bappeda")

    assert not math.isnan(asked(Disclosure("perturb", SECRET, guarded=False)))
    assert math.isnan(asked(Disclosure("perturb", SECRET)))


def test_one_unit_in_two_spellings_is_one_value_for_a_reporter_under_perturb(units: World) -> None:
    """`unit=Bappeda&unit=BAPPEDA` names one unit (letter case and spacing aside, as the filter reads it): until
    2026-12-06 refused as 2 values; two units are still refused."""
    units.services.disclosure = Disclosure("perturb", SECRET)
    spelled = units.get(f"{HEADCOUNT}?by=unit&unit=Bappeda&unit=BAPPEDA&unit=+bappeda+", "reporter")
    assert spelled.status_code == 200, spelled.get_data(as_text=True)
    assert spelled.get_json() == units.get(f"{HEADCOUNT}?by=unit&unit=Bappeda", "reporter").get_json()
    two = units.get(f"{HEADCOUNT}?by=unit&unit=Bappeda&unit=bkpsdm", "reporter")
    assert two.status_code == 422, two.get_data(as_text=True)
    assert "got 2" in str(two.get_json())
