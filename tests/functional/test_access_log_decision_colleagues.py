"""An audited decision's page (API and pages) names colleagues besides its subject: those passed over, and those
a record made after the decision places otherwise (`recorded_later`: placed here, or placed elsewhere, by NIP, with
what the record says of their placement). Each one named is a read of their record and is written to the access
log with the subject's, in the same statement; the ones placed by a later record were left out (docs/security.md,
"Access log: which reads")."""

from __future__ import annotations

from typing import Any

import pytest

from projections.queries import Queries
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passing_over, promotion_of
from tests.functional.test_api_posts import STRONGER, record
from tests.functional.test_pages_auth import log_in
from web.services import Services

PROMOTIONS = "/api/v1/audits/promotions"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def moved_in_later(world: World) -> dict[str, Any]:
    """Budi's 101 of 2018-04-01; Dewi, of another unit as known then, placed in his by a transfer recorded since:
    named on the page (`recorded_later`, placed `here`), not compared (test_passed_over_back_dated_transfer)."""
    passing_over(world, unit="Dinas Pendidikan")
    moved = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71", "effective_date": "2017-07-01"}
    record(world, STRONGER, "placement", {**moved, "reference": "MUT-9"})
    world.catch_up()
    [listed] = promotion_of(world)
    return listed


def reads_of(world: World, nip: str, who: str = "admin") -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}&per_page=100", who).get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


@pytest.mark.parametrize("way", ["api", "page"])
def test_a_colleague_named_on_a_decision_page_as_placed_by_a_later_record_is_logged_as_read(
    world: World, way: str
) -> None:
    listed = moved_in_later(world)
    before = reads_of(world, STRONGER)
    if way == "api":
        body = world.get(f"{PROMOTIONS}/{listed['id']}", "inspector_medan").get_json()
        assert body["recorded_later"] == [{"colleague": STRONGER, "placed": "here"}]
        reader = "inspector-medan"
    else:
        log_in(world, "inspector_medan")
        html = world.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang=en").get_data(as_text=True)
        assert STRONGER in html
        reader = "inspector-medan-web"
    assert reads_of(world, STRONGER) == [(reader, "audit"), *before]
    assert reads_of(world, BUDI)[0] == (reader, "audit")
    # logged where the decision was made (KOTA-MEDAN): the inspectors of that scope see the read
    assert (reader, "audit") in reads_of(world, STRONGER, "inspector_medan")


def test_a_colleague_passed_over_and_placed_elsewhere_by_a_later_record_is_one_read(world: World) -> None:
    passing_over(world)  # Dewi passed over in Budi's unit; a transfer recorded since moves her out from 2017
    moved = {"agency": "KOTA-MEDAN", "unit": "Dinas Pendidikan", "region": "12.71", "effective_date": "2017-07-01"}
    record(world, STRONGER, "placement", {**moved, "reference": "MUT-9"})
    world.catch_up()
    [listed] = promotion_of(world)
    body = world.get(f"{PROMOTIONS}/{listed['id']}", "inspector_medan").get_json()
    assert [p["colleague"] for p in body["passed_over"]] == [STRONGER]
    assert body["recorded_later"] == [{"colleague": STRONGER, "placed": "elsewhere"}]
    assert reads_of(world, STRONGER).count(("inspector-medan", "audit")) == 1


def test_the_cited_colleagues_ratings_are_read_where_their_reads_are_logged(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decision's page names each cited rating by its rated year (a DP3 or an SKP rating), read from the record's
    timeline: until 2026-12-06 the page read the cited colleagues' whole timelines itself (inspector.rating_years),
    past Services and its access log; now Services.audit reads them, of the people its access-log entry names."""
    passing_over(world)
    [listed] = promotion_of(world)
    read: list[tuple[str, bool]] = []
    inside = [False]
    timeline, audit = Queries.timeline, Services.audit

    def logged_audit(self: Services, *args: Any, **kwargs: Any) -> Any:
        inside[0] = True
        try:
            return audit(self, *args, **kwargs)
        finally:
            inside[0] = False

    def noted(self: Queries, nip: str, **kwargs: Any) -> Any:
        read.append((nip, inside[0]))
        return timeline(self, nip, **kwargs)

    monkeypatch.setattr(Services, "audit", logged_audit)
    monkeypatch.setattr(Queries, "timeline", noted)
    log_in(world, "inspector_medan")
    html = world.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang=en").get_data(as_text=True)
    monkeypatch.undo()
    assert "Performance rating (SKP) (v" in html
    assert (STRONGER, True) in read, read  # (a colleague's rating cited, its year read)
    assert all(within for _, within in read), read  # (each inside Services.audit: none by the page itself)
    for nip, _ in read:
        assert reads_of(world, nip)[0] == ("inspector-medan-web", "audit"), nip
