"""A definitive post appointment the audit will flag (the post rules: post.rank_range, the rank held against the
post's eselon range, and a managerial post's own) is recorded with the warning a rank promotion's or a CPNS
appointment's recording gives (POSTED_AGAINST, in English and Indonesian): the API's `warnings`, the record form's
result page, an import's warnings beside `post_kind` (a dry run's "Would be recorded; ..."), a correction's too. An
acting post (Plt, Plh, Pj) is no decision: not judged. Found by an HR tester: until 2026-12-06 an Administrator
III.a post given to a II/d was recorded with "Tercatat" alone, found only later by the audit."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import orjson
import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_appointment_above_starting_rank_warned import import_warned
from tests.functional.test_pages_auth import csrf_token, log_in
from tests.functional.test_pages_hr import form_of
from tests.unit.test_merit_posts import post

EVENTS = f"/api/v1/employees/{BUDI}/events"
ADMINISTRATOR = post("ADMINISTRATOR", "2024-01-02", "III.a")  # (Budi: III/b since 2014; the range III/d to IV/b)
RANGE = "post.rank_range: rank III/b; the post's range is III/d to IV/b (the audit will flag it)."
SAID = "Recorded; by the rules in force on 2024-01-02 this post appointment does not meet "


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores)


def warned(answer: Any) -> list[str]:
    assert answer.status_code == 201, answer.get_json()
    found: list[str] = answer.get_json().get("warnings", [])
    return found


def test_the_apis_post_out_of_its_rank_range_is_warned(world: World) -> None:
    found = warned(world.post(EVENTS, "hr", json={"kind": "post_appointment", **ADMINISTRATOR}))
    assert f"{SAID}{RANGE}" in found, found
    assert all(w.startswith(SAID) for w in found), found


def test_an_acting_post_or_one_in_range_is_not_warned(world: World) -> None:
    acting = {**ADMINISTRATOR, "assignment": "PLT", "reference": "SK-PLT-1"}
    assert warned(world.post(EVENTS, "hr", json={"kind": "post_appointment", **acting})) == []
    pengawas = post("PENGAWAS", "2024-02-01", "IV.a")  # (III/b is in III/b to III/d)
    assert not any(
        "post.rank_range" in w for w in warned(world.post(EVENTS, "hr", json=pengawas | {"kind": "post_appointment"}))
    )


def test_a_correction_making_an_acting_post_definitive_is_warned(world: World) -> None:
    acting = {**ADMINISTRATOR, "assignment": "PLT", "reference": "SK-PLT-1"}
    version = world.post(EVENTS, "hr", json={"kind": "post_appointment", **acting}).get_json()["version"]
    body = {"kind": "correction", **f.correction(version, "2024-03-01", assignment="DEFINITIVE")}
    found = warned(world.post(EVENTS, "hr", json=body))
    assert f"{SAID}{RANGE}" in found, found


def test_the_record_form_says_the_warning_after_recording(world: World) -> None:
    log_in(world, "hr")
    form = {**form_of(world, "post_appointment"), "nip": BUDI, **ADMINISTRATOR}
    answer = world.client.post("/pages/record?kind=post_appointment", data=form, follow_redirects=True)
    page = re.sub(r"\s+", " ", answer.get_data(as_text=True))
    assert "Tercatat: Pengangkatan dalam jabatan, versi 3 untuk" in page, page
    assert (
        "Tercatat; menurut aturan yang berlaku pada 2 Jan 2024 pengangkatan dalam jabatan ini tidak memenuhi "
        "post.rank_range: "
    ) in page, page
    assert "(audit akan menandainya)." in page, page


def test_an_import_warns_of_it_beside_the_post_kind(world: World) -> None:
    text = orjson.dumps({"kind": "post_appointment", "nip": BUDI, **ADMINISTRATOR}) + b"\n"
    import_warned(world, text, "post_appointment", "post_kind", BUDI, "post.rank_range: rank III/b")


def test_the_record_form_and_the_import_page_say_a_managerial_posts_findings_in_indonesian(world: World) -> None:
    """Found by an HR tester: a managerial post's findings (post.education, post.post_below, post.performance,
    post.leadership_training) were said in the stored English on an Indonesian page, with ISO dates and raw codes
    ("0 days in PENGAWAS by 2026-11-01"), where a rank promotion's are said in Indonesian. Until 2026-12-06 the
    pages localised the finding of a promotion's and a CPNS appointment's warning alone."""
    log_in(world, "hr")
    administrator = post("ADMINISTRATOR", "2024-01-02", "III.b")
    form = {**form_of(world, "post_appointment"), "nip": BUDI, **administrator}
    dry_run = import_page(world, {"kind": "post_appointment", "nip": BUDI, **administrator}, "id")
    answer = world.client.post("/pages/record?kind=post_appointment&lang=id", data=form, follow_redirects=True)
    findings = (
        "post.post_below: 0 hari dalam Jabatan Pengawas sampai dengan 2 Jan 2024; diperlukan 3 tahun (1.095 hari) "
        "(audit akan menandainya).",
        "post.performance: predikat kinerja di bawah Baik atau tidak ada untuk tahun 2022, 2023 (audit",
        "post.leadership_training: belum menyelesaikan Diklat PKA sampai dengan 2 Jan 2024 (audit akan",
    )
    for page in (answer, dry_run):
        shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page.get_data(as_text=True))))
        assert all(finding in shown for finding in findings), shown
        assert "days in" not in shown, shown
        assert "2024-01-02" not in shown, shown
    english = import_page(
        world, {"kind": "post_appointment", "nip": BUDI, **post("ADMINISTRATOR", "2024-03-01", "III.b")}, "en"
    )
    shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(english.get_data(as_text=True))))
    assert "post.leadership_training: no PKA completed by Mar 1, 2024 (the audit would" in shown, shown


def import_page(world: World, row: dict[str, Any], lang: str) -> Any:
    """The import page's report of a dry run of a file of the one row, by a logged-in HR officer."""
    text = orjson.dumps(row) + b"\n"
    upload: dict[str, Any] = {
        "csrf_token": csrf_token(world.client, "/pages/import"),
        "file": (io.BytesIO(text), "r.jsonl"),
    }
    upload["dry_run"] = "y"
    return world.client.post(f"/pages/import?lang={lang}", data=upload, content_type="multipart/form-data")
