"""A rank jump the writer confirmed is stored with its event and shown where HR and an inspector look: the API's
history (`confirm`) and timeline (`confirmed`, on the fact, its corrections and its retraction, with who recorded
each), the career page's timeline, and the audited promotion's API answer and page (`confirmations`, beside its
promotion.one_step finding). Before, the confirmation was not stored: nothing showed that the jump was recorded
deliberately, or by whom. Budi holds III/b since 2014 (version 2)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import csrf_token, log_in

ONE_STEP = ["promotion.one_step"]


@pytest.fixture
def store_url(database_url: str) -> str:  # (both stores)
    return database_url


def recorded(world: World, body: dict[str, Any], who: str = "hr") -> int:
    answer = world.post(f"/api/v1/employees/{BUDI}/events", who, json=body)
    assert answer.status_code == 201, answer.get_json()
    world.catch_up()
    return int(answer.get_json()["version"])


def timeline_item(world: World, version: int) -> dict[str, Any]:
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "inspector").get_json()["items"]
    return next(i for i in items if i["version"] == version)


def history_event(world: World, version: int) -> dict[str, Any]:
    items = world.get(f"/api/v1/employees/{BUDI}/events", "admin").get_json()["items"]
    return next(i for i in items if i["version"] == version)


def test_a_jump_confirmed_through_the_api_is_stored_and_shown_in_the_history_timeline_and_audit(world: World) -> None:
    version = recorded(world, {"kind": "rank_promotion", **f.promotion("III/d", "2018-04-01"), "confirm": ONE_STEP})
    assert history_event(world, version)["confirm"] == ONE_STEP
    item = timeline_item(world, version)
    assert (item["confirmed"], item["recorded_by"]) == (ONE_STEP, "hr")
    assert timeline_item(world, 2)["confirmed"] == []  # (a promotion of one rank: nothing to confirm)
    assert "confirm" not in history_event(world, 2)
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-{version}", "inspector").get_json()
    assert "promotion.one_step" in [finding["rule"] for finding in audit["findings"]]
    [confirmation] = audit["confirmations"]
    assert confirmation == {
        "version": version,
        "kind": "rank_promotion",
        "target_version": None,
        "recorded_at": item["recorded_at"],
        "recorded_by": "hr",
        "reference": item["reference"],
        "confirmed": ONE_STEP,
    }
    assert world.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").get_json()["confirmations"] == []


def test_the_career_page_and_the_decision_page_show_who_confirmed_the_jump_in_both_languages(world: World) -> None:
    version = recorded(world, {"kind": "rank_promotion", **f.promotion("III/d", "2018-04-01"), "confirm": ONE_STEP})
    log_in(world, "inspector")
    career = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert career.count("Rank jump confirmed by hr when recording it (promotion.one_step).") == 1
    karir = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert "Lompatan pangkat dikonfirmasi oleh hr saat mencatatnya (promotion.one_step)." in karir
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert '<a href="#confirmations">Recorded with the writer\'s confirmation of a rank jump.</a>' in page
    section = page[page.index('<h2 id="confirmations">Rank jump confirmed by the writer</h2>') :]
    assert re.search(
        rf"Rank promotion \(v{version}\)</a>: recorded by hr at .+ \(KP-\d+\), confirming promotion\.one_step", section
    )
    halaman = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=id").get_data(as_text=True)
    assert "Lompatan pangkat yang dikonfirmasi pencatat" in halaman
    plain = world.client.get(f"/pages/audits/{BUDI}/2?lang=en").get_data(as_text=True)
    assert 'id="confirmations"' not in plain


def test_a_retraction_leaving_a_jump_is_stored_confirmed_and_shown_on_the_promotion_it_left(world: World) -> None:
    """Retracting the III/b promotion (version 2) leaves the III/c one 2 ranks above III/a: the retraction carries
    the confirmation, shown under the retracted fact in the timeline and on the III/c promotion's audit."""
    promoted = recorded(world, {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01")})
    retraction = recorded(world, {"kind": "retraction", **f.retraction(2, "2019-01-02"), "confirm": ONE_STEP})
    assert history_event(world, retraction)["confirm"] == ONE_STEP
    retracted = timeline_item(world, 2)["retracted"]
    assert (retracted["version"], retracted["confirmed"], retracted["recorded_by"]) == (retraction, ONE_STEP, "hr")
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-{promoted}", "inspector").get_json()
    assert [(c["version"], c["kind"], c["target_version"]) for c in audit["confirmations"]] == [
        (retraction, "retraction", 2)
    ]


def test_a_correction_making_a_jump_is_stored_confirmed_and_shown_with_the_correction(world: World) -> None:
    correction = recorded(
        world, {"kind": "correction", **f.correction(2, "2019-01-02", new_rank="III/c")} | {"confirm": ONE_STEP}
    )
    [shown] = timeline_item(world, 2)["corrections"]
    assert (shown["version"], shown["confirmed"], shown["recorded_by"]) == (correction, ONE_STEP, "hr")
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").get_json()
    assert [(c["version"], c["kind"], c["target_version"]) for c in audit["confirmations"]] == [
        (correction, "correction", 2)
    ]


def test_a_confirmation_a_recording_did_not_need_is_not_stored(world: World) -> None:
    version = recorded(world, {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01"), "confirm": ONE_STEP})
    assert timeline_item(world, version)["confirmed"] == []
    assert "confirm" not in history_event(world, version)


def test_a_jump_confirmed_by_an_imported_rows_yes_is_stored_and_shown(world: World) -> None:
    log_in(world, "hr")
    token = csrf_token(world.client, "/pages/import?lang=en")
    body = f"NIP;Golongan Baru;Jenis KP;TMT;Nomor SK;Konfirmasi\r\n{BUDI};III/d;101;01/04/2018;KP-D;ya\r\n".encode()
    upload = {"csrf_token": token, "kind": "rank_promotion", "file": (io.BytesIO(body), "kp.csv")}
    answer = world.client.post("/pages/import?lang=en", data=upload, content_type="multipart/form-data")
    assert "<dt>Recorded</dt><dd>1</dd>" in re.sub(r"\s+", "", answer.get_data(as_text=True))
    world.catch_up()
    event = history_event(world, 3)
    assert (event["reference"], event["confirm"], event["recorded_by"]) == ("KP-D", ONE_STEP, "hr-web")
    assert timeline_item(world, 3)["confirmed"] == ONE_STEP
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-3", "inspector").get_json()
    assert [(c["version"], c["recorded_by"]) for c in audit["confirmations"]] == [(3, "hr-web")]
