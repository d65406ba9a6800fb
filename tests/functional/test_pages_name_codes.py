"""Codes where a reader expects a name: the inspector's lists and pages of audited post appointments showed a
functional post's level by its code ("Functional post · AHLI_PERTAMA"), where the career page names it
(Ahli Pertama, its official name in both languages); a refusal within a refusal named its field by its code
("inconsistent: promotion_kind: ...", test_pages_refusal_templates); a unit's refusal listed the kinds it records
by their codes on an English page. The API keeps its codes."""

from __future__ import annotations

import html
import re

from careerlog.application import UNIT_KINDS
from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.unit.test_merit_posts import post
from web.pages.messages import reason_text


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_audited_posts_name_a_functional_level_by_its_name(world: World) -> None:
    world.services.ledger.record(
        SARI, "post_appointment", post("FUNGSIONAL", "2019-01-02", "AHLI_PERTAMA"), actor="test"
    )
    world.catch_up()
    log_in(world, "inspector")
    for lang, kind in (("en", "Functional post"), ("id", "Jabatan Fungsional")):
        for url in ("/pages/audits/posts", f"/pages/audits/posts/{SARI}/2"):
            answer = world.client.get(f"{url}?lang={lang}")
            assert answer.status_code == 200, url
            shown = text_of(answer.get_data(as_text=True))
            assert f"{kind} · Ahli Pertama" in shown, (url, lang)
            assert "AHLI_PERTAMA" not in shown, (url, lang)
    api = world.get("/api/v1/audits/posts", "inspector").get_json()
    assert [d["level"] for d in api["items"]] == ["AHLI_PERTAMA"]  # the API's code, as clients read it


def test_a_units_refusal_names_the_kinds_it_records(world: World) -> None:
    reason = UNIT_KINDS.reason(kind="placement")
    with world.app.test_request_context("/pages/?lang=en"):
        assert reason_text(reason) == (
            "A unit records a unit rating (unit_rating), a correction or a retraction, not placement."
        )
    with world.app.test_request_context("/pages/?lang=id"):
        assert reason_text(reason) == (
            "Unit mencatat penilaian unit (unit_rating), koreksi, atau pembatalan, bukan Penempatan."
        )
