"""The career page marks each requirement as the eligibility answer's `standing` says: "not due yet" (○) exactly when
it cannot be met yet only because its day has not come, "not met" (✗) when it is overdue or failed.

Found by an exploratory tester (2026-12-05): a CPNS appointed years ago whose confirmation as PNS was never recorded
(it was refused: its Latsar certificate was "-") read "○ not due yet: Confirmation as PNS ... is needed by <the
promotion date judged>" ("belum waktunya"), while the heading said the confirmation was due long ago. The page judged
"not due" by the promotion date; the day the confirmation was due is what counts
(tests/unit/test_requirement_standing.py for the rules)."""

from __future__ import annotations

from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_not_due_not_failed import all_requirements


def test_a_confirmation_overdue_for_years_is_marked_not_met_on_the_page_and_in_the_answer(world: World) -> None:
    nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=605)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    (found,) = [r for r in body["items"][0]["requirements"] if r["rule"] == "promotion.no_probation"]
    assert (found["standing"], found["due"]) == ("not_met", "2011-03-01")
    english = all_requirements(world, nip, "en")
    (confirmation,) = [i for i in english if "Confirmation as PNS" in i]
    assert confirmation.startswith("✗ not met:"), confirmation
    assert "was due on Mar 1, 2011; it is not recorded" in confirmation
    indonesian = all_requirements(world, nip, "id")
    (confirmation,) = [i for i in indonesian if "Pengangkatan sebagai PNS" in i]
    assert confirmation.startswith("✗ tidak terpenuhi:"), confirmation
    assert "belum waktunya" not in confirmation


def test_a_confirmation_not_due_yet_is_marked_so_on_the_page_and_in_the_answer(world: World) -> None:
    appointed = date(latest_today().year, 1, 1)
    nip = f.nip(date(1999, 7, 5), appointed, "M", sequence=606)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    (found,) = [r for r in body["items"][0]["requirements"] if r["rule"] == "promotion.no_probation"]
    assert (found["standing"], found["due"]) == ("not_due", f"{appointed.year + 1}-01-01")
    (confirmation,) = [i for i in all_requirements(world, nip, "en") if "Confirmation as PNS" in i]
    assert confirmation.startswith("○ not due yet:"), confirmation
