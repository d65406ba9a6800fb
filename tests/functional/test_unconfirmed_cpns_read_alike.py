"""An employee appointed CPNS whose confirmation as PNS was never recorded was read two ways: the merit audit's
promotion.no_probation judged them still a CPNS (a rank promotion then a finding), while the roster's spells, the
training answers, the compliance report, the scorecard and the study-leave audit read them as a PNS from the end of the
probation year (`projections.career.pns_from` gave appointed + 1 year). Becoming PNS at the end of the probation year
needs Latsar and a decree (the reference, section 4): without a confirmation recorded the employee is a CPNS,
everywhere, however long ago appointed, and the career page says so, with the day it was due, so that the employee
and HR see what to record.

Dewi, appointed CPNS on 1 March 2023 at III/a in KOTA-MEDAN, no confirmation recorded: promoted to III/b on 1 April
2025, 24 JP of training in 2024, study leave from 1 September 2025. On both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.training import TrainingQueries
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_training_ahead import page_text

DEWI = f.nip(date(1998, 4, 4), date(2023, 3, 1), "F", sequence=781)
TODAY = date(2026, 6, 30)
UNCONFIRMED = "CPNS since Mar 1, 2023; confirmation as PNS not recorded (due Mar 1, 2024)"
UNCONFIRMED_ID = "CPNS sejak 1 Mar 2023; pengangkatan sebagai PNS belum dicatat (semestinya pada 1 Mar 2024)"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


@pytest.fixture
def dewi(world: World) -> World:
    record = world.services.ledger.record
    record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lestari", rank="III/a"), actor="test")
    record(DEWI, "training", f.training("2024-05-10", 24, "2024-05-07"), actor="test")
    record(DEWI, "rank_promotion", f.promotion("III/b", "2025-04-01"), actor="test")
    world.catch_up()
    return world


def confirm(world: World, day: str = "2024-03-01") -> None:
    ledger = world.services.ledger
    ledger.record(DEWI, "confirmation", f.confirmation(day), actor="test", migration=f.as_stored(ledger))
    world.catch_up()


def audited_rules(world: World, version: int) -> list[str]:
    body = world.get(f"/api/v1/audits/promotions/{DEWI}-{version}", "inspector").get_json()
    return [finding["rule"] for finding in body["findings"]]


def test_the_career_page_says_an_unconfirmed_cpns_is_one_years_after_the_appointment(dewi: World) -> None:
    assert UNCONFIRMED in page_text(dewi, DEWI, "en")
    assert UNCONFIRMED_ID in page_text(dewi, DEWI, "id")
    confirm(dewi)
    english = page_text(dewi, DEWI, "en")
    assert "PNS since Mar 1, 2024" in english
    assert "confirmation as PNS not recorded" not in english
    assert "PNS sejak 1 Mar 2024" in page_text(dewi, DEWI, "id")


def test_the_roster_and_the_api_read_an_unconfirmed_cpns_as_one(dewi: World) -> None:
    employee = dewi.get(f"/api/v1/employees/{DEWI}", "hr").get_json()
    assert (employee["employment_kind"], employee["confirmed"]) == ("PNS", False)
    spells = dewi.services.projector.views.sql.query("SELECT pns_from FROM spells WHERE subject = ?", (DEWI,))
    assert {row["pns_from"] for row in spells} == {None}  # not 2024-03-01: no day as PNS at all
    queries = TrainingQueries(dewi.services.projector.views.sql, today=TODAY)
    assert queries.jp_by_year(DEWI)["cpns_years"] == [2023, 2024, 2025, 2026]  # the 20 JP is a PNS's
    assert {r["agency"]: r["staff"] for r in queries.compliance(2024)}.get("KOTA-MEDAN") is None  # (nor the world's)


def test_the_audit_and_the_pages_agree_on_an_unconfirmed_cpns(dewi: World) -> None:
    """The promotion of 1 April 2025 is a promotion.no_probation finding, the career page says a CPNS, the training
    answers leave the years unjudged and the study leave is a study_leave.service_years finding; once the confirmation
    is recorded (effective 1 March 2024) all of them read a PNS from that day."""
    assert "promotion.no_probation" in audited_rules(dewi, 3)
    assert UNCONFIRMED in page_text(dewi, DEWI, "en")
    dewi.services.ledger.record(
        DEWI,
        "study_leave_start",
        {
            "institution": "Universitas Sumatera Utara",
            "level": "S-2",
            "effective_date": "2025-09-01",
            "reference": "TB",
        },
        actor="test",
    )
    dewi.catch_up()
    [leave] = dewi.get("/api/v1/audits/study-leaves", "inspector").get_json()["items"]  # (the world has no other)
    assert (leave["pns_since"], leave["verdict"]) == (None, "findings")
    assert [x["message"] for x in leave["findings"] if x["rule"] == "study_leave.service_years"] == [
        "CPNS since 2023-03-01, no confirmation as PNS recorded by 2025-09-01; study leave from 2025-09-01"
    ]
    confirm(dewi)  # recorded after the promotion was: the audit, judging by the record as it stood, keeps its finding
    assert "PNS since Mar 1, 2024" in page_text(dewi, DEWI, "en")
    queries = TrainingQueries(dewi.services.projector.views.sql, today=TODAY)
    assert queries.jp_by_year(DEWI)["cpns_years"] == [2023]
    spells = dewi.services.projector.views.sql.query("SELECT pns_from FROM spells WHERE subject = ?", (DEWI,))
    assert {row["pns_from"] for row in spells} == {"2024-03-01"}


def test_a_cpns_separated_before_any_confirmation_is_read_one_until_the_separation(world: World) -> None:
    """Found by an exploratory tester (2026-12-07): a CPNS who died in the probation year read "confirmation as PNS
    not recorded (due ...)" after the death, as if it were still to be recorded. The page says the employee was a
    CPNS until the separation, with nothing due."""
    record = world.services.ledger.record
    record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lestari", rank="III/a"), actor="test")
    record(DEWI, "status_change", f.status("DECEASED", "2023-11-20"), actor="test")
    world.catch_up()
    english, indonesian = page_text(world, DEWI, "en"), page_text(world, DEWI, "id")
    assert "CPNS from Mar 1, 2023 until the separation on Nov 20, 2023; no confirmation as PNS recorded" in english
    assert "due Mar 1, 2024" not in english
    assert "CPNS sejak 1 Mar 2023 hingga pemberhentian pada 20 Nov 2023" in indonesian
    assert "semestinya" not in indonesian
