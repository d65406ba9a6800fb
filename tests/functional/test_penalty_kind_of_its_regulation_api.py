"""A penalty of a kind its day's discipline regulation does not have is a 422 problem+json beside penalty_kind (rule
penalty.kinds): a PENURUNAN_PANGKAT_3 of PP 53/2010 dated 2026, after PP 94/2021 replaced it; the same kind dated 2015,
a decision recorded late, is recorded."""

from __future__ import annotations

from tests.functional.conftest import BUDI, World

EVENTS = f"/api/v1/employees/{BUDI}/events"


def test_a_kind_out_of_its_regulation_is_a_422_naming_the_kind_and_the_regulation(world: World) -> None:
    body = {"kind": "penalty", "level": "SEVERE", "penalty_kind": "PENURUNAN_PANGKAT_3", "reference": "HD-PK-1"}
    answer = world.post(EVENTS, "hr", json={**body, "effective_date": "2026-03-02"})
    assert (answer.status_code, answer.mimetype) == (422, "application/problem+json")
    [reason] = answer.get_json()["errors"]["penalty_kind"]
    assert reason.startswith(
        "PENURUNAN_PANGKAT_3 is not a penalty kind of PP 94/2021, the discipline regulation in force on 2026-03-02"
    )
    assert world.post(EVENTS, "hr", json={**body, "effective_date": "2015-05-04"}).status_code == 201
