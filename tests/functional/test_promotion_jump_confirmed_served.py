"""The record form and the API refuse a promotion moving more ranks than its kind allows (Budi, III/b since 2014,
promoted by a regular promotion straight to III/d) beside `new_rank`, and record it once the writer confirms it:
the form offers the box to confirm beside the refusal, the API takes `confirm: ["promotion.one_step"]`."""

from __future__ import annotations

import html
import io
from typing import Any

import openpyxl
import pytest

from careerlog.workbook_template import confirm_description
from careerlog.workbooks import GUIDE_SHEET
from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

BOX = 'name="confirm" value="promotion.one_step"'


def refused_then_confirmed(world: World, kind: str, data: dict[str, Any], shown: str) -> None:
    """The record form refuses `data` with `shown` (the refusal beside its field) and the box to confirm it, nothing
    recorded; sent again ticked, it is recorded."""
    before = world.log()
    refused = world.client.post(f"/pages/record?kind={kind}", data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert shown in page
    assert BOX in page
    assert world.log() == before
    confirmed = world.client.post(f"/pages/record?kind={kind}", data={**data, "confirm": "promotion.one_step"})
    assert confirmed.status_code == 302
    assert len(world.log()) == len(before) + 1


def test_the_record_form_offers_to_confirm_a_jump_and_records_it_confirmed(world: World) -> None:
    log_in(world, "hr")
    data = {**form_of(world, "rank_promotion"), "nip": BUDI, **f.promotion("III/d", "2018-04-01", reference="KP-J")}
    assert BOX not in world.client.get("/pages/record?kind=rank_promotion").get_data(as_text=True)
    refused_then_confirmed(world, "rank_promotion", data, 'id="new_rank-error">III/d berada 2 pangkat di atas III/b')


def test_the_api_refuses_a_jump_beside_new_rank_and_records_it_confirmed(world: World) -> None:
    body = {"kind": "rank_promotion", **f.promotion("III/d", "2018-04-01", reference="KP-J2")}
    refused = world.post(f"/api/v1/employees/{BUDI}/events", json=body)
    assert refused.status_code == 422
    assert list(refused.get_json()["errors"]) == ["new_rank"]
    unknown = world.post(f"/api/v1/employees/{BUDI}/events", json={**body, "confirm": ["yes"]})
    assert unknown.status_code == 422
    assert "confirm" in unknown.get_json()["errors"]
    confirmed = world.post(f"/api/v1/employees/{BUDI}/events", json={**body, "confirm": ["promotion.one_step"]})
    assert confirmed.status_code == 201


def test_the_import_page_lists_the_confirm_column_of_a_rank_promotion(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/import").get_data(as_text=True)
    promotions = page[page.index("<code>rank_promotion</code></h3>") :]
    promotions = promotions[: promotions.index("</ul>")]
    assert (
        "ya: mengonfirmasi lompatan pangkat, bila SK memang menaikkan pangkat sejauh itu (promotion.one_step)"
        in promotions
    )
    assert "bila SK memang menaikkan pangkat sejauh itu" in promotions  # (a yes confirms it: reviewA #9)
    assert "<code>confirm</code>, Konfirmasi</li>" in promotions


@pytest.mark.parametrize("kind", ["placement", "appointment", "post_appointment", "correction", "training"])
def test_the_import_pages_konfirmasi_column_is_the_templates(world: World, kind: str) -> None:
    """The page's list of a kind's columns and its template are one source (careerlog.workbook_template): until
    2026-12-05 the page described an appointment's Konfirmasi as a rank jump's, where a yes confirms unit.new."""
    log_in(world, "hr")
    page = world.client.get("/pages/import").get_data(as_text=True)
    listed = page[page.index(f"<code>{kind}</code></h3>") :]
    listed = html.unescape(listed[: listed.index("</ul>")])
    template = world.client.get(f"/pages/import/templates/{kind}.xlsx").get_data()
    guide = openpyxl.load_workbook(io.BytesIO(template))[GUIDE_SHEET]
    [described] = [row[4] for row in guide.iter_rows(min_row=2, values_only=True) if row[0] == "confirm"]
    english, indonesian = described.split(" / ")
    assert f"{indonesian}: <code>confirm</code>, Konfirmasi</li>" in listed
    assert english == confirm_description(kind)
    assert ("promotion.one_step" in indonesian) == (kind in ("correction", "rank_promotion"))


def test_the_api_refuses_a_retraction_leaving_a_jump_beside_target_version_and_records_it_confirmed(
    world: World,
) -> None:
    """Budi holds III/b since 2014 (version 2); promoted to III/c in 2018, retracting the III/b promotion leaves the
    III/c one 2 ranks above III/a: refused (it was recorded without a word), recorded once confirmed."""
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    body = {"kind": "retraction", **f.retraction(2, "2019-01-02")}
    before = world.log()
    refused = world.post(f"/api/v1/employees/{BUDI}/events", json=body)
    assert refused.status_code == 422
    [reason] = refused.get_json()["errors"]["target_version"]
    assert reason.startswith("Retracting it leaves the promotion of 2018-04-01 (version 3) to III/c 2 ranks above")
    assert world.log() == before
    confirmed = world.post(f"/api/v1/employees/{BUDI}/events", json={**body, "confirm": ["promotion.one_step"]})
    assert confirmed.status_code == 201


def test_the_record_form_offers_to_confirm_a_retraction_leaving_a_jump_and_records_it_confirmed(world: World) -> None:
    """Retracting Budi's III/b promotion (version 2) once III/c is recorded leaves the III/c one 2 ranks above III/a:
    the form refused it without the box to confirm it, so HR could not record it there."""
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    log_in(world, "hr")
    retraction = {k: str(v) for k, v in f.retraction(2, "2019-01-02").items()}
    data = {**form_of(world, "retraction"), "nip": BUDI, **retraction}
    shown = 'id="target_version-error">Pembatalan ini membuat kenaikan pangkat TMT 1 Apr 2018 (versi 3) ke III/c'
    refused_then_confirmed(world, "retraction", data, shown)


def test_the_record_forms_refusal_asks_to_tick_the_box_it_describes_in_both_languages(world: World) -> None:
    """The form said the API's words ("confirm it (confirm: promotion.one_step) and send it again") above a box that
    was not tied to the refusal (reviewB #4): it now says to tick the box below, which the refusal describes."""
    log_in(world, "hr")
    data = {**form_of(world, "rank_promotion"), "nip": BUDI, **f.promotion("III/d", "2018-04-01", reference="KP-J")}
    said = {
        "en": "if the decree does promote this far, tick the box below to confirm it and send the form again.",
        "id": "bila SK memang menaikkan pangkat sejauh ini, centang kotak di bawah untuk mengonfirmasinya lalu kirim",
    }
    label = {"en": "The promotion's decree does promote this far", "id": "SK kenaikan pangkat itu memang"}
    for lang in ("en", "id"):
        page = world.client.post(f"/pages/record?kind=rank_promotion&lang={lang}", data=data).get_data(as_text=True)
        assert said[lang] in page
        assert "confirm: promotion.one_step" not in page
        assert f'{BOX} aria-describedby="new_rank-error">' in page
        assert label[lang] in page


def test_the_box_stays_ticked_when_the_form_is_refused_for_another_reason(world: World) -> None:
    """Ticked and sent with the reference left out: refused for the reference alone, the box shown ticked (it came
    back unticked, or not at all, so the jump was refused again once the reference was given)."""
    log_in(world, "hr")
    jump = f.promotion("III/d", "2018-04-01", reference="")
    data = {**form_of(world, "rank_promotion"), "nip": BUDI, **jump, "confirm": "promotion.one_step"}
    refused = world.client.post("/pages/record?kind=rank_promotion", data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert 'id="reference-error"' in page
    assert 'id="new_rank-error"' not in page
    assert f"{BOX} checked>" in page
    again = world.client.post("/pages/record?kind=rank_promotion", data={**data, "reference": "KP-J3"})
    assert again.status_code == 302


def test_a_retraction_leaving_a_jump_is_worded_for_the_form_and_describes_the_box(world: World) -> None:
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    log_in(world, "hr")
    retraction = {k: str(v) for k, v in f.retraction(2, "2019-01-02").items()}
    data = {**form_of(world, "retraction"), "nip": BUDI, **retraction}
    page = world.client.post("/pages/record?kind=retraction&lang=en", data=data).get_data(as_text=True)
    assert "Correct that promotion first; if its decree does promote this far, tick the box below" in page
    assert "confirm: promotion.one_step" not in page
    assert f'{BOX} aria-describedby="target_version-error">' in page
