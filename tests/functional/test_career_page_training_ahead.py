"""The 20 JP a promotion's year before asks (promotion.training, shown, not enforced) for a year not over yet: the
career page read '✗ 0 JP in 2028; 20 needed' to a CPNS appointed in 2025 whose first promotion is in 2029, as if
they had failed a year still to come. It says what is asked and what is recorded so far."""

from __future__ import annotations

import re
from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from web.pages.next_promotion import training_ahead


def page_text(world: World, nip: str, lang: str) -> str:
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_jp_of_a_year_not_over_are_said_as_asked_not_as_missed(world: World) -> None:
    appointed = latest_today().year - 1  # (2025 on 2 December 2026: the first promotion on 1 April 2029)
    nip = f.nip(date(1991, 9, 8), date(appointed, 3, 1), "M", sequence=741)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    english = page_text(world, nip, "en")
    assert f"Earliest date: Apr 1, {appointed + 4}" in english
    assert f"0 JP in {appointed + 3}; 20 needed" not in english
    assert f"At least 20 JP of training in {appointed + 3} (0 JP recorded so far)" in english
    indonesian = page_text(world, nip, "id")
    assert f"Paling sedikit 20 JP pelatihan pada tahun {appointed + 3} (0 JP tercatat sejauh ini)" in indonesian


def test_the_jp_of_a_year_gone_by_are_said_as_recorded() -> None:
    """A record judged in February 2026 (its last day in January) reads the JP of 2025, a year over on 2 December
    2026: as stored; the year of `today` still counts."""
    requirement = {"rule": "promotion.training", "outcome": "missing", "enforced": False}
    found = {
        "eligibility": [
            {"kind": "101", "requirements": [requirement | {"message": "6 JP in 2025; 20 needed"}]},
            {"kind": "202", "requirements": [requirement | {"message": "6 JP in 2026; 20 needed"}]},
        ]
    }
    assert training_ahead(found, date(2026, 12, 2)) == {"202": {"hours": "6", "year": "2026", "needed": "20"}}
