"""The awards page refuses an award kind that is no code, beside the field, as the API's `kind` and the audited
promotions' and posts' pages refuse theirs.

Before, `/pages/audits/awards?kind=XX` (a misspelt SLKS_10, a lower-case slks_10) answered 200 with no award listed
under a kind filter reading "all", as if there were none of that kind; the API answers 422 naming `kind`. Now the page
is a 422 with the reason beside the kind ("Not a known code: 'XX'; choose one from the list." / "Bukan kode yang
dikenal ...", since 2026-12-06: it named the API's GET /api/v1/reference/award_kinds), and a known kind is still read,
in any letter case since 2026-12-05 (slks_10 is SLKS_10, as the API's:
tests/functional/test_coded_filters_in_any_case.py). Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("kind", ["XX", "slks_100"])
def test_the_awards_page_refuses_an_award_kind_that_is_no_code(world: World, kind: str) -> None:
    log_in(world, "inspector")
    response = world.client.get(f"/pages/audits/awards?kind={kind}&lang=en")
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert f'id="kind-error">Not a known code: &#39;{kind}&#39;; choose one from the list.' in text
    indonesian = world.client.get(f"/pages/audits/awards?kind={kind}&lang=id")
    assert indonesian.status_code == 422
    assert 'id="kind-error">' in indonesian.get_data(as_text=True)
    assert world.get(f"/api/v1/audits/awards?kind={kind}", "inspector").status_code == 422  # as the API


def test_the_awards_page_still_reads_a_known_kind(world: World) -> None:
    log_in(world, "inspector")
    assert world.client.get("/pages/audits/awards?kind=SLKS_10&kind=SLKS_20&lang=en").status_code == 200
    assert world.client.get("/pages/audits/awards?kind=slks_10&kind=Slks_20&lang=en").status_code == 200
