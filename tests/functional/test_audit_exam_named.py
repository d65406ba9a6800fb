"""An audit finding of a service exam names the exam, not its code, on the decision page, in both languages.

Found on the demo's audited promotions (e.g. a II/d -> III/a of 2001): the finding promotion.service_exam read "exam
UD_I not passed by Apr 1, 2001" / "belum lulus ujian UD_I sampai dengan 1 Apr 2001", the exam by its code, where the
career page already names it ("Service exam, level I (II/d to III/a)"). Now the decision page reads "Service exam,
level I (II/d to III/a) not passed by Apr 1, 2014" / "belum lulus Ujian dinas tingkat I (II/d ke III/a) sampai
dengan 1 Apr 2014" (the template declares its codes; web.pages.messages.PAGE_WORDINGS words it). The stored English
and the API's message keep the code. Both stores."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in

CLERK = f.nip(date(1980, 2, 2), date(2006, 3, 1), "M", sequence=881)  # KOTA-MEDAN, II/c from 2006, no exam


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def promoted_without_exam(world: World) -> World:
    """II/c (2006), II/d (2010), III/a (2014) without the service exam level I (UD_I) the III/a needs (an SLTA
    entrant: an S-1 would exempt it, promotion.service_exam's `exempt_education`)."""
    ledger = world.services.ledger
    clerk = appointment_of(CLERK, name="Andi Lubis", rank="II/c", education="SLTA")  # (above SLTA's II/a: confirmed)
    ledger.record(CLERK, "appointment", clerk, actor="test", confirmed=("appointment.starting_rank",))
    ledger.record(CLERK, "rank_promotion", f.promotion("II/d", "2010-04-01"), actor="test")
    ledger.record(CLERK, "rank_promotion", f.promotion("III/a", "2014-04-01"), actor="test")
    world.catch_up()
    return world


def test_a_service_exam_finding_names_the_exam_in_both_languages(promoted_without_exam: World) -> None:
    world = promoted_without_exam
    audited = world.get(f"/api/v1/audits/promotions/{CLERK}-3", "inspector").get_json()
    (exam,) = [x for x in audited["findings"] if x["rule"] == "promotion.service_exam"]
    assert exam["message"] == "exam UD_I not passed by 2014-04-01"  # stored and answered as before
    log_in(world, "inspector")
    english = world.client.get(f"/pages/audits/{CLERK}/3?lang=en").get_data(as_text=True)
    assert "Service exam, level I (II/d to III/a) not passed by Apr 1, 2014" in english
    assert "UD_I" not in english
    indonesian = world.client.get(f"/pages/audits/{CLERK}/3?lang=id").get_data(as_text=True)
    assert "belum lulus Ujian dinas tingkat I (II/d ke III/a) sampai dengan 1 Apr 2014" in indonesian
    assert "UD_I" not in indonesian
