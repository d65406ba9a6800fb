"""The 20 JP a year is judged of a PNS in service at the year's end, as the training compliance report counts its
staff (projections.training.compliance: the spells in post on 31 December, today in the current year). The year the
service ended in (retired, dismissed, deceased before its end) was still judged on the career page: a PNS retired on
1 April 2025 with 8 JP read "2025 8 20 no", and one retired on 1 April this year "not yet" for a year they can no
longer complete, while the compliance report of either year leaves them out. That year has no target and no verdict,
and the page says why (`ended_years`)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import World, appointment_of, confirm_world_pns
from tests.functional.test_pages_auth import PASSWORD, csrf_token, log_in

NONE = "\u2013"  # the page's en dash for no value


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def retired_on(world: World, day: str, sequence: int) -> str:
    """A PNS appointed in 1994, confirmed in 1995, with 24 JP in the year before `day`'s and 8 JP in its year (none on
    1 January), retired (status RETIRED) on `day`."""
    nip = f.nip(date(1967, 3, 10), date(1994, 3, 1), "F", sequence=sequence)
    year = int(day[:4])
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    confirmation = {"effective_date": "1995-03-01", "reference": f"SK-PNS-{sequence}", "latsar_certificate": "L-1"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "training", f.training(f"{year - 1}-05-02", hours=24, start=f"{year - 1}-04-30"), actor="test")
    if day[5:] != "01-01":
        ledger.record(nip, "training", f.training(f"{year}-02-03", hours=8), actor="test")
    ledger.record(nip, "status_change", f.status("RETIRED", day), actor="test")
    world.catch_up()
    return nip


def test_the_year_the_service_ended_in_is_not_judged_by_the_20_jp(world: World) -> None:
    nip = retired_on(world, "2025-04-01", 821)
    queries = TrainingQueries(world.services.projector.views.sql, today=date(2026, 12, 2))
    answer = queries.jp_by_year(nip)
    years = {y["year"]: y for y in answer["years"]}
    assert max(years) == 2025
    assert years[2025] == {"year": 2025, "hours": 8, "target_jp": None, "met": None}
    assert (years[2024]["target_jp"], years[2024]["met"]) == (20, True)  # in service on 31 December 2024
    assert answer["ended_years"] == [2025]
    assert answer["away_years"] == []
    confirm_world_pns(world)
    compliance = {r["agency"]: r["staff"] for r in queries.compliance(2025)}  # (the world's two in Medan, not her)
    assert compliance.get("KOTA-MEDAN") == 2


def test_a_separation_on_the_first_of_january_leaves_the_year_before_judged(world: World) -> None:
    """Retired on 1 January 2025: in service on 31 December 2024, whose year is judged; 2025 is not served at all."""
    nip = retired_on(world, "2025-01-01", 822)
    answer = TrainingQueries(world.services.projector.views.sql, today=date(2026, 12, 2)).jp_by_year(nip)
    years = {y["year"]: y for y in answer["years"]}
    assert max(years) == 2024
    assert (years[2024]["target_jp"], years[2024]["met"]) == (20, True)
    assert answer["ended_years"] == []


def page_text(world: World, nip: str, lang: str) -> str:
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_career_page_says_the_year_the_service_ended_in_is_not_judged(world: World) -> None:
    """Retired on 1 April this year: the year read 'not yet', as if the 20 JP could still be reached."""
    this_year = latest_today().year
    nip = retired_on(world, f"{this_year}-04-01", 823)
    log_in(world, "admin")
    english = page_text(world, nip, "en")
    assert f"{this_year} 8 {NONE} {NONE}" in english
    assert f"{this_year} 8 20 not yet" not in english
    assert f"{this_year - 1} 24 20 yes" in english
    assert (
        f"The employee's service ended on Apr 1, {this_year}, before the end of {this_year}: the 20 JP a year is "
        f"judged of a PNS in service at a year's end, so {this_year} is not judged." in english
    )
    assert "you" not in english[english.find("Training hours") :].split("Mentoring")[0]
    indonesian = page_text(world, nip, "id")
    assert (
        f"Masa dinas yang bersangkutan berakhir pada 1 Apr {this_year}, sebelum akhir tahun {this_year}: 20 JP "
        f"setahun dinilai bagi PNS yang masih bertugas pada akhir tahun, sehingga tahun {this_year} tidak dinilai."
        in indonesian
    )


def test_the_career_page_says_so_to_the_employee_reading_their_own_record(world: World) -> None:
    nip = retired_on(world, "2025-04-01", 824)
    world.services.accounts.create("retired-web", display_name="Retired", role="employee", nip=nip, password=PASSWORD)
    token = csrf_token(world.client)
    world.client.post("/pages/login", data={"username": "retired-web", "password": PASSWORD, "csrf_token": token})
    english = page_text(world, nip, "en")
    assert f"2025 8 {NONE} {NONE}" in english
    assert (
        "Your service ended on Apr 1, 2025, before the end of 2025: the 20 JP a year is judged of a PNS in service at "
        "a year's end, so 2025 is not judged." in english
    )
    assert (
        "Masa dinas Anda berakhir pada 1 Apr 2025, sebelum akhir tahun 2025: 20 JP setahun dinilai bagi PNS yang "
        "masih bertugas pada akhir tahun, sehingga tahun 2025 tidak dinilai." in page_text(world, nip, "id")
    )
