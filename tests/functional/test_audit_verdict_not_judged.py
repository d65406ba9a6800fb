"""The decisions not judged (dated before any rule of their kind: verdict null, `judged` false) are listed by
`verdict=not_judged`, which `compliant` and `findings` both leave out: the API, the pages' verdict choice (both
languages) and `careerlog audit promotions --verdict not_judged`. On both stores."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_api_posts import record
from tests.functional.test_pages_auth import log_in

OLD = f.nip(date(1960, 5, 1), date(1985, 3, 1), "M", sequence=781)
PROMOTIONS = "/api/v1/audits/promotions"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def old(world: World) -> World:
    """OLD, of KOTA-MEDAN since 1985, promoted to III/b in 1996 (before every promotion rule) and III/c in 2004."""
    record(world, OLD, "appointment", appointment_of(OLD, name="Tua Siregar"))
    record(world, OLD, "confirmation", f.confirmation("1986-03-01"))
    record(world, OLD, "rank_promotion", f.promotion("III/b", "1996-04-01"))
    record(world, OLD, "rank_promotion", f.promotion("III/c", "2004-04-01"))
    world.catch_up()
    return world


def listed(world: World, verdict: str) -> list[tuple[str, str, bool]]:
    body = world.get(f"{PROMOTIONS}?per_page=100&verdict={verdict}", "inspector").get_json()
    return [(i["tmt"], i["verdict"], i["judged"]) for i in body["items"] if i["nip"] == OLD]


def test_the_api_lists_the_decisions_not_judged_which_the_other_verdicts_leave_out(old: World) -> None:
    assert listed(old, "not_judged") == [("1996-04-01", None, False)]
    assert [t for t, _, _ in listed(old, "compliant") + listed(old, "findings")] == ["2004-04-01"]
    body = old.get(f"{PROMOTIONS}?verdict=not_judged", "inspector").get_json()
    assert all(i["verdict"] is None for i in body["items"])
    assert body["total"] == len(body["items"]) >= 1
    refused = old.get(f"{PROMOTIONS}?verdict=unjudged", "inspector")
    assert refused.status_code == 422
    assert "not_judged" in refused.get_json()["errors"]["verdict"][0]


@pytest.mark.parametrize(("lang", "label"), [("en", "not judged"), ("id", "tidak dinilai")])
def test_the_pages_verdict_choice_offers_not_judged(old: World, lang: str, label: str) -> None:
    log_in(old, "inspector")
    page = old.client.get(f"/pages/audits?verdict=not_judged&lang={lang}").get_data(as_text=True)
    assert f'<option value="not_judged" selected>{label}</option>' in page
    assert f"/pages/audits/{OLD}/" in page


def test_the_command_line_lists_the_promotions_not_judged(old: World, store_url: str) -> None:
    env = {"CAREERLOG_DATABASE_URL": store_url}
    found = CliRunner().invoke(main, ["audit", "promotions", "--verdict", "not_judged", "--format", "csv"], env=env)
    assert found.exit_code == 0, found.output
    rows = [r for r in found.output.splitlines()[1:] if OLD in r]
    assert len(rows) == 1
    assert "1996-04-01" in rows[0]
