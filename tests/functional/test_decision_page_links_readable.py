"""A decision's page links a NIP to its career page only when the reader may open that page. The decision stays in
the scope of the place it was decided, while the people it names may have moved since: Medan's inspector reads the
audit of Budi's Pengawas post (decided in Kota Medan) after the colleague it passed over moved to Kabupaten Karo,
whose career page is a 404 to them. Before, the page offered a link to each of her supporting events, and each answered
404; now her NIP and events are named as text, and every link the page offers opens (reviewB finding 2)."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_posts import STRONGER, ready_colleague, record
from tests.functional.test_pages_auth import log_in
from tests.unit.test_merit_posts import post

KARO = {"agency": "KAB-KARO", "unit": "Dinas Pendidikan", "region": "12.06"}


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores (PostgreSQL too, with CI=true)."""
    return database_url


@pytest.fixture
def posted(world: World) -> int:
    """Budi appointed Pengawas in Kota Medan in 2018 over a stronger colleague; the post's version."""
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    world.catch_up()
    return max(int(i["version"]) for i in world.services.ledger.get_history(BUDI))


def moved(world: World, nip: str) -> None:
    """(Budi's move ends the Pengawas post he holds: confirmed, its end recorded with it, rule placement.ends_post.)"""
    payload = KARO | {"effective_date": "2020-01-02", "reference": f"SK-MUT-{nip[-4:]}"}
    world.services.ledger.record(nip, "placement", payload, actor="admin", confirmed=["placement.ends_post"])
    world.catch_up()


def decision_page(world: World, who: str, version: int) -> str:
    log_in(world, who)
    answer = world.client.get(f"/pages/audits/posts/{BUDI}/{version}?lang=en")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def career_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/pages/employees/[^"]*)"', page))


def linked_nips(page: str) -> set[str]:
    return {re.split(r"[/#?]", link)[3] for link in career_links(page)}


def test_a_colleague_moved_out_of_the_inspectors_scope_is_named_not_linked(world: World, posted: int) -> None:
    moved(world, STRONGER)
    page = decision_page(world, "inspector_medan", posted)
    assert linked_nips(page) == {BUDI}
    assert f"NIP {STRONGER} · " in page  # her supporting events still named, as text
    assert f">{STRONGER}<br>" in page  # and she is still the colleague passed over, unlinked
    for link in career_links(page):
        assert world.client.get(link).status_code == 200, link


def test_the_subject_moved_out_of_the_inspectors_scope_is_named_not_linked(world: World, posted: int) -> None:
    moved(world, BUDI)
    page = decision_page(world, "inspector_medan", posted)
    assert BUDI not in linked_nips(page)
    assert f"<dd>{BUDI}</dd>" in page
    assert world.client.get(f"/pages/employees/{BUDI}").status_code == 404
    for link in career_links(page):
        assert world.client.get(link).status_code == 200, link


def test_a_reader_whose_scope_covers_everyone_named_reads_every_link(world: World, posted: int) -> None:
    moved(world, STRONGER)
    page = decision_page(world, "inspector", posted)  # region 12: Medan and Karo
    assert linked_nips(page) == {BUDI, STRONGER}
    assert any(link.startswith(f"/pages/employees/{STRONGER}#event-") for link in career_links(page))
