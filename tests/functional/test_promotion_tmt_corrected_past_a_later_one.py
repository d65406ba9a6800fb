"""A correction of a rank promotion's TMT alone, moving it past a later promotion, is refused beside the date it
changed, naming that date: on the new TMT the later rank was already held, so the promotion would be a demotion (rule:
a promotion names a rank above the one held at its TMT; asn-career-rules.md section 2). Found by an HR tester: until
2026-12-06 it was refused beside the rank HR had not touched ("III/c is not above III/d, held since ...: a demotion is
a penalty"), on the form beside the rank's input, naming no date."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_correction_form_fields import correction
from tests.functional.test_pages_auth import log_in

SAID = (
    "On 2020-04-01, its TMT, the rank held was already III/c (since 2018-04-01): III/b is not above it, and a "
    "demotion is a penalty, not a promotion."
)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def promoted_again(world: World) -> None:
    """Budi: III/b on 2014-04-01 (version 2), then III/c on 2018-04-01 (version 3)."""
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    world.catch_up()


def test_the_apis_correction_of_the_tmt_alone_is_refused_beside_the_date(world: World) -> None:
    promoted_again(world)
    before = world.log()
    body: dict[str, Any] = {"kind": "correction", **f.correction(2, "2025-01-06", effective_date="2020-04-01")}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    errors = answer.get_json()["errors"]
    assert errors == {"corrected_fields.effective_date": [SAID]}
    assert world.log() == before


def test_a_correction_of_the_rank_is_still_refused_beside_the_rank(world: World) -> None:
    promoted_again(world)
    body: dict[str, Any] = {"kind": "correction", **f.correction(3, "2025-01-06", new_rank="III/a")}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"] == {
        "corrected_fields.new_rank": [
            "On 2018-04-01, its TMT, the rank held was already III/b (since 2014-04-01): III/a is not above it, and a "
            "demotion is a penalty, not a promotion."
        ]
    }


def test_the_forms_correction_of_the_tmt_alone_is_refused_beside_the_date_input(world: World) -> None:
    promoted_again(world)
    log_in(world, "hr")
    before = world.log()
    data = correction(world, 2, **{"corrected.effective_date": "01/04/2020"})
    answer = world.client.post("/pages/record?kind=correction", data=data)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'id="corrected_fields.effective_date-error"' in page
    assert 'id="corrected_fields.new_rank-error"' not in page
    said = "Pada 1 Apr 2020, TMT-nya, pangkat yang dipegang sudah III/c (sejak 1 Apr 2018): III/b tidak lebih tinggi"
    assert said in page
    assert world.log() == before
