"""A requirement not yet due is not marked failed: on a new CPNS's page the list of all requirements marked SKP
2028/2029 and "20 JP pada tahun 2029 (0 JP tercatat sejauh ini)" with "✗ tidak terpenuhi / not met", while the
page also said "belum waktunya / not due yet". They are now marked "○ not due yet" (to a screen reader too), and a
requirement whose time is past and not met keeps its cross."""

from __future__ import annotations

import re
from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in


def all_requirements(world: World, nip: str, lang: str) -> list[str]:
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    lists = re.findall(r"<details><summary>.*?</summary>\s*<ul>(.*?)</ul>", page, re.S)
    assert lists, page
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip()
        for item in re.findall(r"<li>(.*?)</li>", lists[0], re.S)
    ]


def test_a_new_cpns_requirements_of_years_to_come_are_marked_not_due_not_failed(world: World) -> None:
    appointed = latest_today().year - 1
    nip = f.nip(date(1992, 9, 8), date(appointed, 3, 1), "M", sequence=742)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    world.catch_up()
    items = all_requirements(world, nip, "id")
    jp = next(i for i in items if f"20 JP pelatihan pada tahun {appointed + 3}" in i)
    assert jp.startswith("○ belum waktunya:"), jp
    skp = next(i for i in items if "SKP" in i)
    assert skp.startswith("○ belum waktunya:"), skp
    assert all("tidak terpenuhi" not in i for i in (jp, skp))
    english = all_requirements(world, nip, "en")
    assert any(i.startswith("○ not due yet:") and "JP" in i for i in english), english
