"""An unknown programme asked of the programmes report is a 422 naming `programme_id`, as an unknown `unit` or `focus`
is: until 2026-12-06 /api/v1/reports/programmes?programme_id=NOPE answered 200 with no items, read as no take-up.
A programme recorded, in any spelling, is read as before; one recorded only outside the reader's scope is unknown
there, as a focus is."""

from __future__ import annotations

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World

PROGRAMMES = "/api/v1/reports/programmes"


def test_an_unknown_programme_is_refused_naming_programme_id(world: World) -> None:
    world.services.ledger.record(BUDI, "training", f.training("2021-03-05", programme_id="PRG-ARSIP"), actor="test")
    world.services.ledger.record(RINA, "training", f.training("2021-03-05", programme_id="PRG-KARO"), actor="test")
    world.catch_up()
    answer = world.get(f"{PROGRAMMES}?programme_id=NOPE", "inspector")
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "programme_id": ["Unknown programme 'NOPE': no training of that programme was ever recorded there."]
    }
    assert world.get(f"{PROGRAMMES}?programme_id=prg-arsip", "inspector").status_code == 200
    assert world.get(f"{PROGRAMMES}?programme_id=PRG-KARO", "inspector").status_code == 200
    outside = world.get(f"{PROGRAMMES}?programme_id=PRG-KARO", "hr")  # (KOTA-MEDAN's HR: recorded in KAB-KARO)
    assert outside.status_code == 422, outside.get_json()
    assert list(outside.get_json()["errors"]) == ["programme_id"]
