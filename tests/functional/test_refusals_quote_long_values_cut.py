"""A refusal quotes the user's own value the one bounded way an import's report does (careerlog.domain.errors.cut:
40 characters, a longer one ending in "…"), naming its field and its reason as before; a short value is quoted as
it always was. Before, a NIP of thousands of digits in an API address was copied whole into the 404's detail, and a
whole number of thousands of digits (hours) into its 422 reason and an import's report."""

from __future__ import annotations

import io
import re

import pytest

from tests.functional.conftest import BUDI, MISSING, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form

LONG_NIP = "1" * 5000
HUGE = int("9" * 4000)  # (fewer digits than int() reads from a text: 4,300)
CUT = "9" * 39 + "…"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_no_api_refusal_quotes_more_than_40_characters_of_a_query_or_path_value(world: World) -> None:
    """Every GET of the OpenAPI document, each query parameter and then each path parameter given 3,000 characters:
    a refusal quotes at most 40 of them (the path, `instance`, is the address as sent)."""
    long = "Q" * 3000
    echoed = []
    for path, operations in world.get("/api/openapi.json").get_json()["paths"].items():
        if "get" not in operations:
            continue
        plain = re.sub(r"\{[^}]+\}", "1", path.replace("{nip}", BUDI))
        asked = [f"{plain}?{p['name']}={long}" for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        for name in re.findall(r"\{([^}]+)\}", path):
            asked.append(re.sub(r"\{[^}]+\}", BUDI, path.replace("{" + name + "}", long)))
        for url in asked:
            answer = world.get(url, "admin")
            body = answer.get_json() or {}
            body.pop("instance", None)
            if "Q" * 41 in str(body):
                echoed.append(f"{answer.status_code} {url[:80]}")
    assert echoed == []


def test_no_page_refusal_quotes_more_than_40_characters_of_a_filter(world: World) -> None:
    """Every page of the app, each field of its forms given 3,000 characters in the address: the message beside a
    field quotes at most 40 of them (what was typed stays in the field itself)."""
    log_in(world, "admin")
    long = "Q" * 3000
    echoed = []
    for rule in [r.rule for r in world.app.url_map.iter_rules() if r.rule.startswith("/pages") and "GET" in r.methods]:
        url = re.sub(r"<(?:int:)?([^>]+)>", lambda m: BUDI if m.group(1) == "nip" else "1", rule)
        page = world.client.get(f"{url}?lang=en")
        if page.mimetype != "text/html":
            page.close()  # (a download streamed, unread: closed as a WSGI server closes it, its context popped)
            continue
        for name in sorted(set(re.findall(r'name="([a-z_]+)"', page.get_data(as_text=True))) - {"csrf_token"}):
            answer = world.client.get(f"{url}?lang=en&{name}={long}")
            messages = re.findall(r'<span class="error"[^>]*>(.*?)</span>', answer.get_data(as_text=True), re.S)
            if any("Q" * 41 in message for message in messages):
                echoed.append(f"{url} {name}")
    assert echoed == []


def test_a_very_long_file_name_is_quoted_cut_in_an_import_refusal(world: World) -> None:
    upload = {"file": (io.BytesIO(b"{}"), "x" * 3000)}
    answer = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data")
    assert answer.status_code == 422
    (reason,) = answer.get_json()["errors"]["file"]
    assert reason.startswith(f"Cannot tell the format of '{'x' * 39}…': name the file"), reason[:100]


@pytest.mark.parametrize("tail", ["", "/timeline", "/eligibility", "/events"])
def test_a_very_long_nip_in_an_api_address_is_quoted_cut_in_the_404(world: World, tail: str) -> None:
    answer = world.get(f"/api/v1/employees/{LONG_NIP}{tail}", "admin")
    assert answer.status_code == 404
    assert answer.get_json()["detail"] == f"'{'1' * 39}…' is not a NIP: a NIP is 18 digits."
    assert answer.get_json()["instance"] == f"/api/v1/employees/{LONG_NIP}{tail}"  # (the path as sent, once)
    short = world.get(f"/api/v1/employees/{MISSING}{tail}", "admin")
    assert short.get_json()["detail"] == f"No employee with NIP {MISSING} is in the records you can read."


def training(hours: int, reference: str) -> dict[str, object]:
    body: dict[str, object] = {"kind": "training", "training_kind": "TEKNIS", "title": "Arsip", "organiser": "BKPSDM"}
    return body | {"hours": hours, "start_date": "2024-05-06", "effective_date": "2024-05-06", "reference": reference}


def test_a_huge_number_is_quoted_cut_in_an_api_refusal(world: World) -> None:
    before = world.log()
    few = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training(-HUGE, "L-1"))
    many = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training(HUGE, "L-2"))
    short = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=training(0, "L-3"))
    assert (few.status_code, many.status_code, short.status_code) == (422, 422, 422)
    assert few.get_json()["errors"]["hours"] == [f"Must be at least 1 JP, got -{'9' * 38}…."]
    assert many.get_json()["errors"]["hours"] == [f"{CUT} JP is more than 12 JP a day (training days: 1)."]
    assert short.get_json()["errors"]["hours"] == ["Must be at least 1 JP, got 0."]
    assert world.log() == before


def test_a_huge_number_is_quoted_cut_in_an_import_report(world: World) -> None:
    before = world.log()
    header = "nip;training_kind;title;organiser;hours;start_date;effective_date;reference"
    rows = [f"{BUDI};TEKNIS;Arsip;BKPSDM;{'9' * 4000};06/05/2024;06/05/2024;L-4"]
    upload = {"file": (io.BytesIO("\n".join([header, *rows]).encode()), "training.csv")}
    report = world.post("/api/v1/imports", "hr", data=upload, content_type="multipart/form-data").get_json()
    assert report["recorded"] == 0
    assert [problem["errors"] for problem in report["rejected"]] == [
        {"hours": [f"{CUT} JP is more than 12 JP a day (training days: 1)."]}
    ]
    assert world.log() == before


def test_a_huge_number_is_quoted_cut_beside_its_field_on_the_record_form(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    answer = world.client.post("/pages/record?kind=training&lang=en", data=training_form(world, hours="9" * 4000))
    assert answer.status_code == 422
    beside = re.search(r'<span class="error" id="hours-error">(.*?)</span>', answer.get_data(as_text=True), re.S)
    assert beside is not None
    assert beside.group(1) == f"{CUT} JP is more than 12 JP a day (training days: 3)."
    assert world.log() == before


def test_a_very_long_corrected_date_is_quoted_cut(world: World) -> None:
    before = world.log()
    body = {"kind": "correction", "target_version": 2, "reason": "typo", "effective_date": "2024-05-06"}
    reasons = []
    for wrong in ["Q" * 3000, [1] * 3000, "2024-13-01"]:
        body |= {"reference": f"C-{len(reasons)}", "corrected_fields": {"effective_date": wrong}}
        answer = world.post(f"/api/v1/employees/{BUDI}/events", "hr", json=body)
        assert answer.status_code == 422
        reasons += answer.get_json()["errors"]["corrected_fields.effective_date"]
    assert reasons == [
        f"Not a valid date (expected YYYY-MM-DD): '{'Q' * 39}…'.",
        "Not a valid date (expected YYYY-MM-DD): [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,….",
        # (of the form, of no day: as a recording's own date is said, since 2026-12-06)
        "No such day in the calendar, read as YYYY-MM-DD (year, month, day): check the day and the month.",
    ]
    assert world.log() == before
