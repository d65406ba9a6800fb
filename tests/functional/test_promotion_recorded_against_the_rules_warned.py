"""A rank promotion recorded (or corrected) against a rule the audit judges is recorded, as its decree says, and the
answer says so: the API's `warnings`, each "Recorded; by the rules in force on <TMT> it does not meet <rule>: <the
audit's finding> (the audit will flag it).", and the record form's result page in the visitor's language. Judged as the
audit judges the promotion (projections.merit.audit.audit_promotion), from the ledger's record alone. Before, only a
rank jump was asked about; the rest was recorded without a word, found later by the audit."""

from __future__ import annotations

import html
import io
import re

import orjson

from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import form_of

EVENTS = f"/api/v1/employees/{BUDI}/events"


def warned(answer: object) -> list[str]:
    body = answer.get_json()  # type: ignore[attr-defined]
    assert answer.status_code == 201, body  # type: ignore[attr-defined]
    return list(body.get("warnings", []))


def test_a_promotion_after_fourteen_months_in_rank_is_recorded_with_a_warning(world: World) -> None:
    confirm_world_pns(world)
    found = warned(world.post(EVENTS, "hr", json={"kind": "rank_promotion", **f.promotion("III/c", "2015-06-01")}))
    rules = [re.search(r"does not meet ([a-z_.]+):", w)[1] for w in found]  # type: ignore[index]
    assert "promotion.time_in_rank" in rules, found
    assert "promotion.dates" in rules, found
    [time] = [w for w in found if "promotion.time_in_rank" in w]
    assert time.startswith("Recorded; by the rules in force on 2015-06-01 it does not meet promotion.time_in_rank: ")
    assert time.endswith(" (the audit will flag it)."), time


def test_a_correction_moving_a_promotions_tmt_off_the_permitted_days_is_warned(world: World) -> None:
    confirm_world_pns(world)
    body = {"kind": "correction", **f.correction(2, "2014-06-01", effective_date="2014-05-02")}
    found = warned(world.post(EVENTS, "hr", json=body))
    assert any("does not meet promotion.dates" in w for w in found), found


def test_another_write_has_no_warnings(world: World) -> None:
    answer = world.post(EVENTS, "hr", json={"kind": "training", **f.training("2016-05-10")})
    assert answer.status_code == 201
    assert "warnings" not in answer.get_json()


def test_the_record_form_says_the_warning_after_recording(world: World) -> None:
    confirm_world_pns(world)
    log_in(world, "hr")
    form = {**form_of(world, "rank_promotion"), "nip": BUDI, **f.promotion("III/c", "2015-06-01")}
    answer = world.client.post("/pages/record?kind=rank_promotion", data=form, follow_redirects=True)
    page = re.sub(r"\s+", " ", answer.get_data(as_text=True))
    assert "Tercatat: Kenaikan pangkat, versi 4 untuk" in page, page
    assert "Tercatat; menurut aturan yang berlaku pada 1 Jun 2015 kenaikan pangkat ini tidak memenuhi " in page, page
    assert "promotion.time_in_rank" in page, page
    assert "Sudah tercatat" not in page, page
    assert "(audit akan menandainya)." in page, page


def rows_file(*rows: dict[str, object]) -> bytes:
    return b"".join(orjson.dumps({"nip": BUDI, **row}) + b"\n" for row in rows)


def test_an_import_reports_each_promotion_recorded_against_the_rules_by_line(world: World) -> None:
    confirm_world_pns(world)
    text = rows_file(
        {"kind": "training", **f.training("2016-05-10")},
        {"kind": "rank_promotion", **f.promotion("III/c", "2015-06-01")},
    )
    upload = {"file": (io.BytesIO(text), "rows.jsonl")}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    body = answer.get_json()
    assert body["recorded"] == 2, body
    [row] = body["warnings"]
    assert (row["line"], row["subject"], row["kind"], list(row["errors"])) == (2, BUDI, "rank_promotion", ["new_rank"])
    assert any(
        w.startswith("Recorded; by the rules in force on 2015-06-01 it does not meet promotion.time_in_rank: ")
        for w in row["errors"]["new_rank"]
    ), row


def test_the_import_page_says_each_warning_in_the_visitors_language(world: World) -> None:
    confirm_world_pns(world)
    log_in(world, "hr")
    text = rows_file({"kind": "rank_promotion", **f.promotion("III/c", "2015-06-01")})
    upload = {"csrf_token": csrf_token(world.client, "/pages/import"), "file": (io.BytesIO(text), "rows.jsonl")}
    page = world.client.post("/pages/import?lang=id", data=upload, content_type="multipart/form-data")
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))
    assert (
        "Tercatat; menurut aturan yang berlaku pada 1 Jun 2015 kenaikan pangkat ini tidak memenuhi "
        "promotion.time_in_rank: pangkat III/b sejak 1 Apr 2014"
    ) in shown, shown


def test_a_dry_run_warns_of_each_promotion_it_would_record_against_the_rules(world: World) -> None:
    """Until 2026-12-05 a dry run, where HR looks, said nothing of it; judged on the record as the run would leave it
    (its correction of the promotion an earlier row of the file would record, too), nothing stored."""
    confirm_world_pns(world)
    before = world.log()
    promoted = len(list(world.services.ledger.events.get(BUDI))) + 1  # (the version the first row would record)
    text = rows_file(
        {"kind": "rank_promotion", **f.promotion("III/c", "2015-06-01")},
        {"kind": "correction", **f.correction(promoted, "2015-07-01", effective_date="2015-07-02")},
    )
    upload = {"file": (io.BytesIO(text), "rows.jsonl")}
    answer = world.post("/api/v1/imports?dry_run=true", "hr", data=upload, content_type="multipart/form-data")
    body = answer.get_json()
    assert (body["dry_run"], body["recorded"]) == (True, 2), body
    assert [(row["line"], list(row["errors"])) for row in body["warnings"]] == [
        (1, ["new_rank"]),
        (2, ["target_version"]),
    ], body
    said = body["warnings"][0]["errors"]["new_rank"]
    # (the promotion as the file's rows leave it, its TMT corrected, as an import's warnings judge it)
    prefix = "Would be recorded; by the rules in force on 2015-07-02 it does not meet promotion.time_in_rank: "
    assert any(w.startswith(prefix) and w.endswith(" (the audit would flag it).") for w in said), said
    assert world.log() == before
