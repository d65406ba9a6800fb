"""Screen readers: the timeline's links read "Koreksi versi 8", naming nothing a listener can place, and a corrected
value was `<del title="sebelum koreksi">`, so a reader heard both values with nothing saying which was the old one.
The links now name the event's kind and date ("Koreksi Pelatihan TMT 10 Mei 2024, versi 8"), and the old value is
led by visually hidden text, "(sebelum koreksi: ...)"."""

from __future__ import annotations

import re

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


def test_the_correct_and_retract_links_name_the_events_kind_and_date(world: World) -> None:
    done = world.services.ledger.record(
        BUDI, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="test"
    )
    world.catch_up()
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert f'aria-label="Koreksi Pelatihan TMT 10 Mei 2024, versi {done.version}"' in page
    assert f'aria-label="Batalkan Pelatihan TMT 10 Mei 2024, versi {done.version}"' in page
    assert 'aria-label="Koreksi versi' not in page


def test_a_corrected_values_old_value_is_said_to_be_the_one_before_the_correction(world: World) -> None:
    done = world.services.ledger.record(
        BUDI, "training", f.training("2024-05-10", hours=16, start="2024-05-08"), actor="test"
    )
    world.services.ledger.record(BUDI, "correction", f.correction(done.version, "2024-06-01", hours=24), actor="test")
    world.catch_up()
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    (deleted,) = re.findall(r"<del [^>]*>(.*?)</del>", page, re.S)
    spoken = re.sub(r"<[^>]+>", "", deleted)
    assert spoken == "(sebelum koreksi: 16)", deleted
    assert '<span class="visually-hidden">(sebelum koreksi: </span>' in deleted
