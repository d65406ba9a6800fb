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
        "programme_id": [
            "Unknown programme 'NOPE': no training of that programme was ever recorded in region 12 (the region "
            "asked, or your scope)."
        ]
    }
    assert world.get(f"{PROGRAMMES}?programme_id=prg-arsip", "inspector").status_code == 200
    assert world.get(f"{PROGRAMMES}?programme_id=PRG-KARO", "inspector").status_code == 200
    outside = world.get(f"{PROGRAMMES}?programme_id=PRG-KARO", "hr")  # (KOTA-MEDAN's HR: recorded in KAB-KARO)
    assert outside.status_code == 422, outside.get_json()
    assert list(outside.get_json()["errors"]) == ["programme_id"]


def test_the_unknown_programme_refusal_names_the_agency_asked_or_scoped_not_there(world: World) -> None:
    """The refusal's "...ever recorded there." named no place (a reporting client's tester, 2026-12-06): it names
    the agency and region asked, or the reader's scope, and "anywhere" for a reader of every agency asking none."""
    world.services.ledger.record(RINA, "training", f.training("2021-03-05", programme_id="PRG-KARO"), actor="test")
    world.catch_up()
    outside = world.get(f"{PROGRAMMES}?programme_id=PRG-KARO", "hr")
    assert outside.get_json()["errors"]["programme_id"] == [
        "Unknown programme 'PRG-KARO': no training of that programme was ever recorded in agency KOTA-MEDAN (the "
        "agency asked, or your scope)."
    ]
    asked = world.get(f"{PROGRAMMES}?programme_id=PRG-KARO&agency=KOTA-MEDAN", "inspector")
    assert "in agency KOTA-MEDAN" in asked.get_json()["errors"]["programme_id"][0]
    # (a reader of aggregates' judged in its scope alone: a 422 here, a 200 where the programme had its one
    # participant, told which agency; tests/functional/test_programmes_filtered_list_no_withheld_programme.py)
    assert world.get(f"{PROGRAMMES}?programme_id=PRG-KARO&agency=KOTA-MEDAN", "reporter").get_json()["items"] == []
    anywhere = world.get(f"{PROGRAMMES}?programme_id=NOPE", "reporter")
    assert anywhere.get_json()["errors"]["programme_id"] == [
        "Unknown programme 'NOPE': no training of that programme was ever recorded anywhere."
    ]


def test_a_programme_one_letter_off_is_refused_with_the_programme_it_may_be(world: World) -> None:
    """`programme_id=PRG-2019-ARSIP-1` was refused without PRG-2019-ARSIP-01 (a reporting client's tester,
    2026-12-06); a programme recorded only outside the reader's scope is never named."""
    world.services.ledger.record(
        BUDI, "training", f.training("2021-03-05", programme_id="PRG-2019-ARSIP-01"), actor="t"
    )
    world.services.ledger.record(RINA, "training", f.training("2021-03-05", programme_id="PRG-2019-KARO-01"), actor="t")
    world.catch_up()
    near = world.get(f"{PROGRAMMES}?programme_id=PRG-2019-ARSIP-1", "inspector")
    assert near.get_json()["errors"]["programme_id"][0].startswith(
        "Unknown programme 'PRG-2019-ARSIP-1' (did you mean 'PRG-2019-ARSIP-01'?): no training"
    )
    outside = world.get(f"{PROGRAMMES}?programme_id=PRG-2019-KARO-1", "hr")  # (KOTA-MEDAN's HR: Karo's unseen)
    assert "did you mean" not in outside.get_json()["errors"]["programme_id"][0]
    inside = world.get(f"{PROGRAMMES}?programme_id=PRG-2019-KARO-1", "inspector")
    assert "did you mean 'PRG-2019-KARO-01'" in inside.get_json()["errors"]["programme_id"][0]
