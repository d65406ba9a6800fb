"""A headcount, mentoring or programmes report filtered by `unit` or `region` is a slice of the same report without
that filter, as one filtered by agency (mentoring, programmes) or status (headcount) is: the slices of every unit (in
every spelling, one) or of every region (a region filter the sum of the regions inside it) are suppressed and
complemented as a table's rows, and the report is withheld when a unit or region it is filtered to is. Before
(2026-12-06), with 12 mentees of KOTA-MEDAN in BKPSDM (6), Dinas Sosial (5) and Bappeda (1), the reporter read BKPSDM
6 and Dinas Sosial 5 beside the 12: Bappeda's one mentee was 12 less them; by region, and in the headcount, alike.
Inspectors see every figure. Both stores."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, SARI, World, appointment_of
from tests.functional.test_suppression import record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)
from tests.functional.test_suppression_slices import PROGRAMMES, mentees

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def placed(world: World, places: list[dict[str, str]], sex: str = "F") -> list[str]:
    """New employees, each appointed with one of `places`' overrides (agency, unit, region)."""
    nips = [f.nip(date(1991, 6, 6), date(2017, 3, 1), sex, sequence=800 + n) for n in range(len(places))]
    for nip, place in zip(nips, places, strict=True):
        record(world, nip, "appointment", appointment_of(nip, **place))
    return nips


def mentored_all(world: World, nips: list[str]) -> None:
    for nip in nips:
        start = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": f"MNT-{nip}"}
        record(world, nip, "mentoring_start", start)
    world.catch_up()


def in_units(world: World) -> list[str]:
    """6 of KOTA-MEDAN in BKPSDM and 5 in Dinas Sosial (one of them spelt `dinas  sosial`): with Sari (Bappeda)."""
    units = ["BKPSDM"] * 6 + ["Dinas Sosial"] * 4 + ["dinas  sosial"]
    return [*placed(world, [{"unit": unit} for unit in units]), SARI]


def test_a_mentoring_report_by_unit_leaves_no_unit_withheld_as_the_agency_less_the_units_shown(
    staffed: World,
) -> None:
    mentored_all(staffed, in_units(staffed))
    assert mentees(staffed, "?agency=KOTA-MEDAN", "reporter")["mentees"] == 12
    units = {
        unit: mentees(staffed, f"?agency=KOTA-MEDAN&unit={unit}", "reporter")
        for unit in ("BKPSDM", "Dinas Sosial", "Bappeda")
    }
    assert {unit: (row["mentees"], row["suppressed"]) for unit, row in units.items()} == {
        "BKPSDM": (6, False),
        "Dinas Sosial": (None, True),  # was 5: 12 less 6 and 5, Sari's mentoring in Bappeda
        "Bappeda": (None, True),
    }
    # the unit in another spelling is the same slice, withheld alike
    assert mentees(staffed, "?agency=KOTA-MEDAN&unit=DINAS%20SOSIAL", "reporter")["suppressed"] is True
    assert mentees(staffed, "?agency=KOTA-MEDAN&unit=Dinas%20Sosial", "inspector")["mentees"] == 5


def test_a_mentoring_report_by_region_leaves_no_region_withheld_as_the_province_less_the_regions_shown(
    staffed: World,
) -> None:
    regions = ["12.71"] * 6 + ["12.07"] * 5 + ["12.02"]
    mentored_all(staffed, placed(staffed, [{"agency": "PROV-SUMUT", "region": r} for r in regions]))
    assert mentees(staffed, "?agency=PROV-SUMUT", "reporter")["mentees"] == 12
    shown = {r: mentees(staffed, f"?agency=PROV-SUMUT&region={r}", "reporter") for r in ("12.71", "12.07", "12.02")}
    assert {r: (row["mentees"], row["suppressed"]) for r, row in shown.items()} == {
        "12.71": (6, False),
        "12.07": (None, True),  # was 5: 12 less 6 and 5, the one mentee of 12.02
        "12.02": (None, True),
    }
    # the province holding them all is their sum, every slice of it: withheld as one of them is
    assert mentees(staffed, "?agency=PROV-SUMUT&region=12", "reporter")["suppressed"] is True
    assert mentees(staffed, "?agency=PROV-SUMUT&region=12.07", "inspector")["mentees"] == 5


def trained(world: World, nips: list[str]) -> None:
    for nip in nips:
        record(world, nip, "training", f.training("2021-03-05", 16, "2021-03-01", programme_id="PRG-A"))
    world.catch_up()


def programme(world: World, query: str, role: str) -> tuple[Any, ...]:
    """The programme's participants and flag; () when not listed (filtered, a reader of aggregates gets no withheld
    row since 2026-12-07: tests/functional/test_programmes_filtered_list_no_withheld_programme.py)."""
    items = world.get(f"{PROGRAMMES}{query}", role).get_json()["items"]
    return tuple(value for item in items for value in (item["participants"], item["suppressed"]))


def test_a_programme_by_unit_leaves_no_unit_withheld_as_the_programme_less_the_units_shown(staffed: World) -> None:
    trained(staffed, in_units(staffed))

    assert programme(staffed, "?agency=KOTA-MEDAN", "reporter") == (12, False)
    assert programme(staffed, "?agency=KOTA-MEDAN&unit=BKPSDM", "reporter") == (6, False)
    assert programme(staffed, "?agency=KOTA-MEDAN&unit=Dinas%20Sosial", "reporter") == ()  # was 5
    assert programme(staffed, "?agency=KOTA-MEDAN&unit=Dinas%20Sosial", "inspector") == (5, False)


def test_a_programme_by_region_leaves_no_region_withheld_as_the_programme_less_the_regions_shown(
    staffed: World,
) -> None:
    regions = ["12.71"] * 6 + ["12.07"] * 5 + ["12.02"]
    trained(staffed, placed(staffed, [{"agency": "PROV-SUMUT", "region": r} for r in regions]))

    assert programme(staffed, "?agency=PROV-SUMUT", "reporter") == (12, False)
    assert programme(staffed, "?agency=PROV-SUMUT&region=12.71", "reporter") == (6, False)
    assert programme(staffed, "?agency=PROV-SUMUT&region=12.07", "reporter") == ()  # was 5
    assert programme(staffed, "?agency=PROV-SUMUT&region=12", "reporter") == ()
    assert programme(staffed, "?agency=PROV-SUMUT&region=12.07", "inspector") == (5, False)


def headcount(world: World, query: str, role: str) -> tuple[Any, ...]:
    body = world.get(f"/api/v1/reports/headcount?by=sex&{query}", role).get_json()
    return body["total"], {item["sex"]: item["count"] for item in body["items"]}


def test_a_headcount_by_unit_leaves_no_unit_withheld_as_the_total_less_the_units_shown(staffed: World) -> None:
    placed(staffed, [{"unit": "Dinas Sosial"}] * 4 + [{"unit": "dinas  sosial"}], sex="M")
    staffed.catch_up()
    # 14: Budi and 6 in BKPSDM, Sari alone in Bappeda, Rina alone in KAB-KARO's Dinas Pendidikan, 5 in Dinas Sosial
    assert headcount(staffed, "", "reporter")[0] == 14
    # (its men withheld since 2026-12-06, as the table by sex and unit withholds them: the women of Bappeda and
    # Dinas Pendidikan, one each, complemented by Dinas Sosial's 5 men, and they by BKPSDM's 7; its total with them)
    assert headcount(staffed, "unit=BKPSDM", "reporter") == (None, {"M": None})
    assert headcount(staffed, "unit=BKPSDM", "inspector") == (7, {"M": 7})
    # was 5 (M 5): 14 less 7 and 5, two units of one person each; its one group listed, withheld, until 2026-12-06
    # (no group of people withheld is: it told which were occupied)
    assert headcount(staffed, "unit=Dinas%20Sosial", "reporter") == (None, {})
    assert headcount(staffed, "unit=DINAS%20SOSIAL", "reporter") == (None, {})
    assert headcount(staffed, "unit=Dinas%20Sosial", "inspector") == (5, {"M": 5})
    by_unit = staffed.get("/api/v1/reports/headcount?by=unit", "reporter").get_json()["items"]
    assert sorted((item["unit"], item["count"]) for item in by_unit) == [
        ("BKPSDM", 7),
        ("Bappeda", None),
        ("Dinas Pendidikan", None),
        ("Dinas Sosial", None),
    ]


def test_a_headcount_by_region_leaves_no_region_withheld_as_the_province_less_the_regions_shown(
    staffed: World,
) -> None:
    regions = ["12.71"] * 6 + ["12.07"] * 5 + ["12.02"]
    placed(staffed, [{"agency": "PROV-SUMUT", "region": r} for r in regions], sex="M")
    staffed.catch_up()
    # (its men withheld since 2026-12-06, as the table by sex and agency withholds them: the women of KAB-KARO and
    # KOTA-MEDAN, one each, complemented by KOTA-MEDAN's 7 men, and they by PROV-SUMUT's 12; its total with them)
    assert headcount(staffed, "agency=PROV-SUMUT", "reporter") == (None, {"M": None})
    assert headcount(staffed, "agency=PROV-SUMUT", "inspector")[0] == 12
    # (12.71's 6 no small slice of the province, but withheld with its men as the table by sex and agency in 12.71
    # withholds them, as above; since 2026-12-07 that table, audited across its lines, withholds the slice whole, so
    # no group is listed: until then its men listed, withheld)
    assert headcount(staffed, "agency=PROV-SUMUT&region=12.71", "reporter") == (None, {})
    assert headcount(staffed, "agency=PROV-SUMUT&region=12.71", "inspector")[0] == 6
    # (was 5; its one group listed, withheld, until 2026-12-06: no group of people withheld is)
    assert headcount(staffed, "agency=PROV-SUMUT&region=12.07", "reporter") == (None, {})
    # the province holding them all is their sum: withheld as one of its regions is
    assert headcount(staffed, "agency=PROV-SUMUT&region=12", "reporter")[0] is None
    assert headcount(staffed, "agency=PROV-SUMUT&region=12.07", "inspector") == (5, {"M": 5})


def test_a_headcount_by_region_of_a_province_a_region_of_it_withheld_is_withheld_as_its_table_by_status_is(
    staffed: World,
) -> None:
    regions = ["12.71"] * 6 + ["12.07"] * 5 + ["12.02"]
    placed(staffed, [{"agency": "PROV-SUMUT", "region": r} for r in regions], sex="M")
    staffed.catch_up()

    def by_region(reader: str) -> dict[str, int | None]:
        answer = staffed.get("/api/v1/reports/headcount?by=region&region=12", reader).get_json()
        return {item["region"]: item["count"] for item in answer["items"]}

    exact = by_region("inspector")
    assert exact["12.02"] == 1
    assert exact["12.71"] >= 6
    shown = by_region("reporter")
    # (a slice of the province withheld, 12.02's one: from 2026-12-06 (5c591440) to 2026-12-07 its rows alone withheld,
    # 12.71's shown; but the report is a slice of the province's table by status (its default ACTIVE), which withholds
    # the province's active staff, a sum of its regions' slices, one of them withheld: since 2026-12-07 a filtered
    # answer shows nothing the tables by its filters' fields withhold, test_headcount_filtered_shows_nothing_its_cross_
    # table_withholds.py, and none of it is listed, as a report of people withheld)
    assert shown == {}
    province = staffed.get("/api/v1/reports/headcount?by=status&region=12", "reporter").get_json()
    assert (province["items"], province["total"]) == ([], None)
