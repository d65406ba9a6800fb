"""An audited decision's page refuses an argument it does not read, naming it, before the decision is read.

Before, /pages/audits/<NIP>/<version>?known_at=2019-01-01 (or as_of, or a misspelt lnag) answered 200 with the
decision as judged now, as if the argument had been read; the career page (9168e92) and the API refuse an unknown
argument. Now a 422 page names each ("known_at: Unknown field." / "known_at: Isian tidak dikenal."), and no read of
the subject's record is logged. `lang` is still read. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import posted  # noqa: F401  # (the fixture: Budi Pengawas in 2018, v3)
from tests.functional.test_pages_auth import log_in

PAGES = [f"/pages/audits/{BUDI}/2", f"/pages/audits/posts/{BUDI}/3"]  # his 2014 promotion, his 2018 post


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def reads_of_budi(world: World) -> int:
    return world.get(f"/api/v1/access-log?nip={BUDI}", "admin").get_json()["total"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("argument", ["known_at=2019-01-01T00:00:00Z", "as_of=2016-12-31", "lnag=id"])
def test_a_decision_page_refuses_an_argument_it_does_not_read(
    posted: World,  # noqa: F811
    path: str,
    argument: str,
) -> None:
    log_in(posted, "inspector")
    before = reads_of_budi(posted)
    name = argument.split("=")[0]
    response = posted.client.get(f"{path}?{argument}&lang=en")
    assert response.status_code == 422
    assert f"{name}: Unknown field." in response.get_data(as_text=True)
    indonesian = posted.client.get(f"{path}?{argument}&lang=id")
    assert indonesian.status_code == 422
    assert f"{name}: Isian tidak dikenal." in indonesian.get_data(as_text=True)
    assert reads_of_budi(posted) == before  # refused before the decision is read


@pytest.mark.parametrize("path", PAGES)
def test_a_decision_page_still_reads_its_language(posted: World, path: str) -> None:  # noqa: F811
    log_in(posted, "inspector")
    assert posted.client.get(f"{path}?lang=id").status_code == 200
    assert posted.client.get(path).status_code == 200
