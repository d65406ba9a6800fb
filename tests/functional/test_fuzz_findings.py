"""What the schemathesis run found, each kept as a fixed example: a 4xx naming the field, never a 5xx."""

from __future__ import annotations

import io
import json
import time

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import log_in


def test_waiting_for_a_position_no_write_has_been_given_is_422_at_once(world: World) -> None:
    head = world.services.ledger.max_notification_id()
    started = time.monotonic()
    response = world.get(f"/api/v1/employees?wait_for={head + 1}")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"wait_for"}
    assert time.monotonic() - started < 2.0
    assert world.get(f"/api/v1/employees?wait_for={head}").status_code == 200


def test_rating_a_unit_of_an_unknown_agency_is_422_naming_the_agency(world: World) -> None:
    before = world.log()
    body = {"effective_date": "2000-01-01", "predicate": "BAIK", "reference": "5", "year": 2000}
    response = world.post("/api/v1/units/NO-SUCH-AGENCY/Umum/ratings", json=body)
    assert response.status_code == 422
    # (in the agency filters' words since 2026-12-05: "Unknown code ..." before)
    assert "Not one of the known values: 'NO-SUCH-AGENCY'" in response.get_json()["errors"]["agency"][0]
    assert world.log() == before


def test_a_csv_import_that_is_not_utf8_is_reported_by_line_not_a_500(world: World) -> None:
    before = world.log()
    data = {"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00binary"), "training.csv")}
    response = world.post("/api/v1/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    report = response.get_json()
    assert (report["recorded"], len(report["rejected"])) == (0, 1)
    assert "Not UTF-8 text" in report["rejected"][0]["errors"]["line"][0]
    assert world.log() == before


def test_like_wildcards_in_the_roster_search_match_only_themselves(world: World) -> None:
    for wildcard in ("%", "_", "%%"):
        assert world.get("/api/v1/employees", query_string={"q": wildcard}).get_json()["total"] == 0
    assert world.get("/api/v1/employees", query_string={"q": "siregar"}).get_json()["total"] == 1


def test_a_nul_character_in_a_query_parameter_is_422_naming_it(world: World) -> None:
    response = world.get("/api/v1/employees", query_string={"q": "\x00"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"q"}


def test_a_nul_character_in_a_recorded_text_is_422_naming_the_field(world: World) -> None:
    before = world.log()
    body = {"kind": "training", **f.training("2016-01-08", title="Arsip\x00Digital")}
    response = world.post(f"/api/v1/employees/{BUDI}/events", json=body)
    assert response.status_code == 422
    assert "NUL" in response.get_json()["errors"]["title"][0]
    assert world.log() == before


def test_a_huge_min_years_in_rank_is_422_naming_it(world: World) -> None:
    response = world.get("/api/v1/employees", query_string={"min_years_in_rank": "9.9e307"})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"min_years_in_rank"}


def test_a_programmes_year_no_store_can_hold_is_422_naming_it_not_a_500(world: World) -> None:
    for year in (str(10**30), str(-(10**30)), str(2**63), "10000"):
        response = world.get("/api/v1/reports/programmes", query_string={"year": ["2016", year]})
        assert response.status_code == 422, year
        assert set(response.get_json()["errors"]) == {"year"}
    assert world.get("/api/v1/reports/programmes", query_string={"year": ["2016", "2017"]}).status_code == 200


def test_a_nip_of_digits_other_than_0_to_9_is_422_naming_it(world: World) -> None:
    fullwidth = {ord("0") + d: 0xFF10 + d for d in range(10)}  # FULLWIDTH DIGIT ZERO...
    arabic = {ord("0") + d: 0x0660 + d for d in range(10)}  # ARABIC-INDIC DIGIT ZERO...
    sex = BUDI[14]  # an ASCII sex digit, the other digits another script's: the same NIP written otherwise
    before = world.log()
    # (fullwidth digits are the digits 0-9 in Unicode's compatibility form: Budi's NIP, appointed already, since
    # 2026-12-07; careerlog.domain.nip.normalise_nip)
    response = world.post("/api/v1/employees", json={"nip": BUDI.translate(fullwidth), **appointment_of(BUDI)})
    assert (response.status_code, list(response.get_json()["errors"])) == (409, ["nip"])
    for nip in (
        BUDI[:14].translate(arabic) + sex + BUDI[15:].translate(arabic),
        BUDI[:17] + "\u00b2",  # a superscript two: a digit to str.isdigit, not to int()
    ):
        response = world.post("/api/v1/employees", json={"nip": nip, **appointment_of(BUDI)})
        assert response.status_code == 422, nip
        assert "Must be 18 digits" in response.get_json()["errors"]["nip"][0]
    assert world.log() == before


SUPERSCRIPT_TWO = "\u00b2"  # a digit to str.isdigit, not to int()


def test_a_wait_for_of_a_superscript_digit_is_422_naming_it_not_a_500(world: World) -> None:
    for path in ("/api/v1/me", "/api/v1/employees", f"/api/v1/employees/{BUDI}/timeline"):
        response = world.get(path, query_string={"wait_for": SUPERSCRIPT_TWO})
        assert response.status_code == 422, path
        assert set(response.get_json()["errors"]) == {"wait_for"}


def test_an_imported_row_whose_version_is_a_superscript_digit_is_rejected_by_line_not_a_500(world: World) -> None:
    before = world.log()
    row = {"kind": "training", "nip": BUDI, "version": SUPERSCRIPT_TWO, **f.training("2016-01-08", reference="SUP")}
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "events.jsonl")}
    response = world.post("/api/v1/imports", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert [(p["line"], list(p["errors"])) for p in response.get_json()["rejected"]] == [(1, ["version"])]
    assert world.log() == before


def test_a_report_page_year_of_a_superscript_digit_is_422_naming_it_not_a_500(world: World) -> None:
    log_in(world, "inspector")
    for path in ("/pages/reports/training", "/pages/scorecard"):
        answer = world.client.get(path, query_string={"year": "20" + SUPERSCRIPT_TWO + "4", "lang": "en"})
        assert answer.status_code == 422, path
    answer = world.client.get("/pages/scorecard", query_string={"years": SUPERSCRIPT_TWO, "lang": "en"})
    assert answer.status_code == 422


def test_an_access_log_period_beyond_utc_is_422_naming_it_not_a_500(world: World) -> None:
    for name, moment in (("since", "9999-12-31T23:59:59-12:00"), ("until", "0001-01-01T00:00:00+14:00")):
        response = world.get("/api/v1/access-log", query_string={name: moment})
        assert response.status_code == 422, name
        assert set(response.get_json()["errors"]) == {name}
    assert world.get("/api/v1/access-log", query_string={"since": "9999-12-31T23:59:59Z"}).status_code == 200


def test_a_headcount_by_the_same_field_twice_is_422_naming_by_not_a_503(world: World) -> None:
    for by in ("age_band,age_band", "sex,sex", "status,age_band,age_band,agency"):
        response = world.get("/api/v1/reports/headcount", "reporter", query_string={"by": by})
        assert response.status_code == 422, by
        assert response.get_json()["errors"] == {"by": ["Name each field once."]}


def test_a_body_nested_too_deeply_to_read_is_400_naming_the_body_not_a_500(world: World) -> None:
    before = world.log()
    for depth in (990, 100_000):
        body = '{"kind": "correction", "corrected_fields": ' + '{"a": ' * depth + "1" + "}" * depth + "}"
        response = world.post(f"/api/v1/employees/{BUDI}/events", data=body, content_type="application/json")
        assert response.status_code == 400, depth
        assert response.mimetype == "application/problem+json"
        assert "nested too deeply" in response.get_json()["errors"]["body"][0]
    assert world.log() == before


def test_a_one_value_parameter_given_twice_is_422_naming_it_and_an_import_records_nothing(world: World) -> None:
    before = world.log()
    row = {"kind": "training", "nip": BUDI, **f.training("2016-01-08", reference="TWICE")}
    data = {"file": (io.BytesIO((json.dumps(row) + "\n").encode()), "events.jsonl")}
    response = world.post(
        "/api/v1/imports?dry_run=false&dry_run=true", data=data, content_type="multipart/form-data"
    )  # the first value was taken: recorded, where the client may have meant a dry run
    assert response.status_code == 422
    assert "more than once" in response.get_json()["errors"]["dry_run"][0]
    assert world.log() == before
    for query in ("page=1&page=2", "per_page=5&per_page=50", "sort=name&sort=-name"):
        response = world.get(f"/api/v1/employees?{query}")
        assert response.status_code == 422, query
        assert set(response.get_json()["errors"]) == {query.split("=")[0]}
    assert world.get("/api/v1/employees?agency=KOTA-MEDAN&agency=KAB-KARO").status_code == 200  # a list: repeatable


def test_a_scorecard_trend_reaching_before_1900_is_422_naming_years_not_a_year_never_asked(world: World) -> None:
    query = {"agency": "KOTA-MEDAN", "year": "1901", "years": "3"}
    response = world.get("/api/v1/reports/scorecard", "policy", query_string=query)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert list(errors) == ["years"]
    assert "1899" in errors["years"][0]
    assert "at most 2" in errors["years"][0]
    assert world.get("/api/v1/reports/scorecard", "policy", query_string={**query, "years": "2"}).status_code == 200
