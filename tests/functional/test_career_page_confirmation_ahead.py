"""A CPNS appointed this year reads what their first promotion needs. The confirmation as PNS (promotion.no_probation)
is judged on the promotion's date, years away, and its stored wording 'not confirmed by 2030-04-01' stood under
'Still missing' as '✗ not confirmed by Apr 1, 2030': a day still to come, read as missed. It says what is needed
by then; a day gone by reads as stored."""

from __future__ import annotations

from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_training_ahead import page_text
from web.pages.next_promotion import confirmation_ahead


def cpns_appointed_in(world: World, year: int) -> str:
    """A CPNS appointed on 1 March of a year at III/a, nothing else recorded: their NIP."""
    nip = f.nip(date(1999, 7, 5), date(year, 3, 1), "M", sequence=751)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    return nip


def test_a_cpns_confirmation_due_later_is_said_as_needed_not_as_missed(world: World) -> None:
    appointed = latest_today().year  # the first regular promotion on 1 April, four years on
    nip = cpns_appointed_in(world, appointed)
    english = page_text(world, nip, "en")
    assert f"Earliest date: Apr 1, {appointed + 4}" in english
    assert f"not confirmed by Apr 1, {appointed + 4}" not in english
    assert (
        f"Confirmation as PNS (after Latsar and the probation year) is needed by Apr 1, {appointed + 4}; "
        "it is not recorded yet" in english
    )
    indonesian = page_text(world, nip, "id")
    assert (
        f"Pengangkatan sebagai PNS (setelah Latsar dan masa percobaan) diperlukan paling lambat 1 Apr "
        f"{appointed + 4}; belum tercatat" in indonesian
    )


def test_a_confirmation_day_gone_by_is_said_as_recorded() -> None:
    requirement = {"rule": "promotion.no_probation", "outcome": "missing", "enforced": True}
    found = {
        "eligibility": [
            {"kind": "101", "requirements": [requirement | {"message": "not confirmed by 2026-12-01"}]},
            {"kind": "203", "requirements": [requirement | {"message": "not confirmed by 2027-02-01"}]},
        ]
    }
    assert confirmation_ahead(found, date(2026, 12, 2)) == {"203": "2027-02-01"}
