"""Promotion kinds (jenis kenaikan pangkat) read in English on an English page (Regular, Selective: functional post),
with their official code beside them, and by their official Indonesian names on an Indonesian page; the stored codes
and the API's values stay the codes (web.pages.labels.promotion_kind_name)."""

from __future__ import annotations

import re

from projections.merit.rules import ONE_STEP
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from web.pages.next_promotion import plain_requirements


def main_text(world: World, who: str, lang: str, nip: str = BUDI) -> str:
    """The career page's main content as `who` reads it, as text on one line (the menu and footer left out)."""
    log_in(world, who)
    answer = world.client.get(f"/pages/employees/{nip}?lang={lang}")
    assert answer.status_code == 200
    main = answer.get_data(as_text=True).split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_promotion_kinds_read_in_english_on_english_pages_with_their_code_and_officially_in_indonesian(
    world: World,
) -> None:
    english = main_text(world, "employee", "en")
    assert "To III/c · Regular (101)" in english
    assert "Promotion kind: Regular (101)" in english  # the timeline's rank promotion
    assert "Reguler" not in english
    indonesian = main_text(world, "employee", "id")
    assert "Ke III/c · Reguler (101)" in indonesian
    assert "Regular" not in indonesian
    log_in(world, "hr")
    form = world.client.get("/pages/record?kind=rank_promotion&lang=en").get_data(as_text=True)
    assert '<option value="202">202 · Selective: functional post</option>' in form
    form = world.client.get("/pages/record?kind=rank_promotion&lang=id").get_data(as_text=True)
    assert '<option value="202">202 · Pilihan: jabatan fungsional</option>' in form
    answer = world.get(f"/api/v1/employees/{BUDI}/eligibility", "admin", headers={"Accept-Language": "en"})
    assert [item["kind"] for item in answer.get_json()["items"]] == ["101"]  # the API keeps the code


def test_a_stored_sentence_names_the_kind_in_english_with_its_code_and_in_indonesian_by_its_name(world: World) -> None:
    """The stored "a 101 promotion from III/a goes up to III/b; new rank III/c", as the page words it."""
    message = ONE_STEP(kind="101", rank="III/a", top="III/b", new="III/c").text
    found = {
        "eligibility": [{"kind": "101", "requirements": [{"rule": "r", "outcome": "missing", "message": message}]}]
    }
    with world.app.test_request_context(f"/pages/employees/{BUDI}?lang=en"):
        assert plain_requirements(found)[("101", "r")] == (
            "A Regular (101) promotion from III/a goes up to III/b; the new rank III/c is beyond it"
        )
    with world.app.test_request_context(f"/pages/employees/{BUDI}?lang=id"):
        assert plain_requirements(found)[("101", "r")] == (
            "Kenaikan pangkat Reguler dari III/a paling tinggi sampai III/b; pangkat baru III/c melampauinya"
        )
