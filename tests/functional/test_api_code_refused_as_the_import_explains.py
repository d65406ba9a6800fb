"""The API refused `"promotion_kind": "Pilihan"` with "Unknown code 'Pilihan'; see the promotion_kinds reference
table." alone, where an import explains the same value (the start of the names of 201, 202, 203 and 206: write the
code or the whole name), and a misspelt agency with no near code (exploratory tester, 2026-12-06). The API's code
fields refuse a value in the ledger's words (careerlog.domain.payload.unknown_code, one wording). Both stores."""

from __future__ import annotations

import pytest

from careerlog.domain.payload import unknown_code
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_acceptance_refusals import problem
from tests.functional.test_trainings_of_the_same_days_asked import EVENTS, appointed
from web.errors import api_worded


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_promotion_kind_that_starts_several_names_is_explained(world: World) -> None:
    appointed(world)
    body = {"kind": "rank_promotion", **f.promotion("III/b", "2026-04-01", kind="Pilihan")}
    errors = problem(world.post(EVENTS, "hr", json=body), 422)["errors"]
    said = unknown_code("Pilihan", "promotion_kinds")
    assert "'Pilihan' is the start of the names of several codes of the promotion_kinds reference table" in said
    assert errors == {"promotion_kind": [said]}


def test_a_misspelt_agency_is_answered_with_the_nearest(world: World) -> None:
    appointed(world)
    body = {"kind": "placement", "agency": "KOTA-MEDANN", "unit": "Dinas Pendidikan", "effective_date": "2026-04-01"}
    errors = problem(world.post(EVENTS, "hr", json={**body, "reference": "SK-1"}), 422)["errors"]
    assert errors["agency"] == [api_worded(unknown_code("KOTA-MEDANN", "agencies"))]
    assert "did you mean" in errors["agency"][0]
