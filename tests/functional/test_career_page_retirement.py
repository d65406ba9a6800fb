"""An employee near retirement expects to see the day their service ends (batas usia pensiun). The reference
names the status 98 (reached retirement age) but no ages: the ages are a configurable rule marked unconfirmed
(retirement.age, M), as the law commonly states them: 58 for administrative posts, 60 for senior managerial
(JPT) posts and Ahli Madya, 65 for Ahli Utama; service ends on the last day of the month the age is reached.
Shown on the career page, and in the API's eligibility since 2026-12-07 (`service_end`).
"""

from __future__ import annotations

import re
from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_career_page_basis import log_in_as_the_employee


def page_text(world: World, nip: str) -> str:
    """The career page of `nip` as the employee reads their own ("Your service is expected to end ..."), as text."""
    log_in_as_the_employee(world, nip)
    page = world.client.get(f"/pages/employees/{nip}?lang=en").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_career_page_shows_the_day_service_ends_at_the_administrative_age(world: World) -> None:
    """Budi, born 26 September 1986, holds no senior post: 58, so his service ends on 30 September 2044."""
    shown = page_text(world, BUDI)
    assert "Your service is expected to end on Sep 30, 2044, at the retirement age of 58" in shown
    assert "unconfirmed" in shown
    body = world.get(f"/api/v1/employees/{BUDI}/eligibility", "admin").get_json()
    assert body["service_end"]["expected_end"] == "2044-09-30"  # the API's since 2026-12-07


def test_an_ahli_utama_retires_at_65(world: World) -> None:
    nip = f.nip(date(1966, 2, 10), date(1992, 3, 1), "M", sequence=721)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a", education="S-3"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_UTAMA", "title": "Peneliti", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2020-01-02", "reference": "SK-JAB-9"}
    ledger.record(nip, "post_appointment", post, actor="test")
    world.catch_up()
    assert "at the retirement age of 65" in page_text(world, nip)
    assert "Feb 28, 2031" in page_text(world, nip)


def test_no_end_of_service_is_forecast_once_service_ended(world: World) -> None:
    world.services.ledger.record(BUDI, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    world.catch_up()
    assert "Your service is expected to end" not in page_text(world, BUDI)


def test_a_retirement_day_already_past_is_not_forecast_as_to_come(world: World) -> None:
    """Born 15 January 1960 in an administrative post: 58 reached in January 2018, service still recorded. The page
    said 'Your service is expected to end on Jan 31, 2018', a day gone by, as if to come."""
    nip = f.nip(date(1960, 1, 15), date(1990, 3, 1), "M", sequence=731)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    shown = page_text(world, nip)
    assert "Your service is expected to end" not in shown
    assert (
        "By the retirement age of 58 for an administrative post, taken as no post is held, your service was to "
        "end on Jan 31, 2018, and no end of service is recorded (an unconfirmed rule: your HR office confirms the "
        "date)." in shown
    )


def test_a_promotion_whose_earliest_date_falls_after_the_retirement_day_says_so(world: World) -> None:
    """Appointed at III/a in March 2024, born June 1969: the regular promotion's earliest date, 1 April 2028, comes
    after the day service is expected to end, 30 June 2027."""
    nip = f.nip(date(1969, 6, 10), date(2024, 3, 1), "M", sequence=732)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    shown = page_text(world, nip)
    assert "Earliest date: Apr 1, 2028" in shown
    assert "This date is after the day your service is expected to end, Jun 30, 2027." in shown
    assert "after the day your service is expected to end" not in page_text(world, BUDI)


def test_a_teacher_retires_at_60_whatever_the_level(world: World) -> None:
    """A Guru Ahli Muda who turned 58 last March: teachers retire at 60 (UU 14/2005 art. 30(4)), so service ends on
    31 March next year. The page said 58 (the level's age): 'your service was to end on Mar 31, <last year>, and no
    end of service is recorded', to a teacher with more than a year still to serve."""
    born = date(latest_today().year - 59, 3, 10)
    nip = f.nip(born, date(1995, 3, 1), "F", sequence=741)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MUDA", "title": "Guru Ahli Muda", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2015-01-02", "reference": "SK-JAB-10"}
    ledger.record(nip, "post_appointment", post, actor="test")
    world.catch_up()
    shown = page_text(world, nip)
    assert f"Your service is expected to end on Mar 31, {born.year + 60}, at the retirement age of 60" in shown
    assert "no end of service is recorded" not in shown


def test_with_no_post_recorded_the_age_is_said_to_be_an_administrative_posts(world: World) -> None:
    """Found by helper emphunt (2026-12-03): Budi, whose record holds no post, read "at the retirement age of 58 for
    the post you hold", an age the page had taken for a post it does not know: the rule's default, an administrative
    post's. It says so; a post recorded is "the post you hold" again."""
    shown = page_text(world, BUDI)
    assert (
        "Your service is expected to end on Sep 30, 2044, at the retirement age of 58 for an administrative post, "
        "taken as no post is held (an unconfirmed rule: your HR office confirms the date)." in shown
    )
    assert "for the post you hold" not in shown
    log_in_as_the_employee(world, BUDI)
    indonesian = re.sub(r"\s+", " ", world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    assert "58 tahun untuk jabatan administrasi, yang dipakai karena tidak ada jabatan yang diduduki" in indonesian
    post = {"post_kind": "PELAKSANA", "title": "Pengadministrasi Umum", "unit": "BKPSDM", "assignment": "DEFINITIVE"}
    post |= {"effective_date": "2015-01-02", "reference": "SK-JAB-BUDI"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()
    shown = page_text(world, BUDI)
    assert "Your service is expected to end on Sep 30, 2044, at the retirement age of 58 for the post you hold" in shown
