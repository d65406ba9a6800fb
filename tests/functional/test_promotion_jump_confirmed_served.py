"""The record form and the API refuse a promotion moving more ranks than its kind allows (Budi, III/b since 2014,
promoted by a regular promotion straight to III/d) beside `new_rank`, and record it once the writer confirms it:
the form offers the box to confirm beside the refusal, the API takes `confirm: ["promotion.one_step"]`."""

from __future__ import annotations

from typing import Any

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
    assert "Konfirmasi lompatan pangkat (promotion.one_step)" in promotions
    assert "<code>confirm</code>, Konfirmasi</li>" in promotions


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
