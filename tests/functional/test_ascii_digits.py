"""Numbers, years, page numbers and ids are written in digits 0-9: the same number in another script's digits
(Arabic-Indic, full-width), which int(), float(), Decimal() and Babel read, is refused naming the field, and
nothing is recorded."""

from __future__ import annotations

import io
import json
from typing import Any

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.openapi_walk import filled, record_audited_post
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import training_form
from tests.functional.test_training_cost_one_rule_on_every_route import UNREAD_ID

ARABIC = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))

# A value each numeric query parameter takes in digits 0-9 (then written in other digits), and the parameters some
# addresses need besides
NUMBERS = {
    "page": "1",
    "per_page": "5",
    "year": "2024",
    "years": "2",
    "min_cell": "5",
    "window_months": "24",
    "wait_for": "1",
    "min_years_in_rank": "1.5",
}
NEEDED = {
    "/api/v1/reports/training-compliance": {"year": "2024"},
    "/api/v1/reports/scorecard": {"agency": "KOTA-MEDAN", "year": "2024"},
    "/api/v1/reports/headcount": {"by": "agency"},
    "/api/v1/audits/fairness": {"by": "sex"},
    "/api/v1/audits/time-to-promotion": {"by": "sex"},
}


def numeric_parameters(world: World) -> list[tuple[str, str]]:
    """(path, parameter) of every query parameter of a read the OpenAPI document types as a number (or a list of
    numbers), with the path's NIP filled in."""
    found = []
    for path, operations in world.get("/api/openapi.json").get_json()["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            kind = schema.get("items", {}).get("type") if schema.get("type") == "array" else schema.get("type")
            if parameter["in"] == "query" and kind in ("integer", "number"):
                found.append((path, parameter["name"]))
    return found


def test_every_numeric_query_parameter_in_other_digits_is_422_naming_it(world: World) -> None:
    record_audited_post(world)  # (the posts' page's query is read about a post there is)
    parameters = numeric_parameters(world)
    assert {name for _, name in parameters} == set(NUMBERS)  # (a new one: give it a value above)
    for path, name in parameters:
        address = filled(path)
        query = {**NEEDED.get(path, {}), name: NUMBERS[name]}
        answer = world.get(address, query_string=query)
        assert name not in (answer.get_json() or {}).get("errors", {}), (path, name)
        for digits in (ARABIC, FULL_WIDTH):
            answer = world.get(address, query_string={**query, name: NUMBERS[name].translate(digits)})
            assert answer.status_code == 422, (path, name, answer.status_code)
            assert set(answer.get_json()["errors"]) == {name}, (path, name)


def test_a_number_with_a_digit_group_underscore_is_422_naming_it(world: World) -> None:
    for path, name in (("/api/v1/employees", "page"), ("/api/v1/employees", "min_years_in_rank")):
        answer = world.get(path, query_string={name: "1_0"})  # int() and float() read 10
        assert answer.status_code == 422, name
        assert set(answer.get_json()["errors"]) == {name}


def test_a_decision_id_in_other_digits_is_not_found_as_any_malformed_id(world: World) -> None:
    assert world.get(f"/api/v1/audits/promotions/{BUDI}-2").status_code == 200
    for digits in (ARABIC, FULL_WIDTH):
        answer = world.get(f"/api/v1/audits/promotions/{BUDI}-{'2'.translate(digits)}")
        assert answer.status_code == 404
        assert answer.content_type == "application/problem+json"


def test_a_decision_page_with_its_version_in_other_digits_is_not_found(world: World) -> None:
    # (werkzeug's <int:...> reads \d+, any script's digits: the page opened version 2 as the API's id did not)
    log_in(world, "inspector")
    assert world.client.get(f"/pages/audits/{BUDI}/2").status_code == 200
    for digits in (ARABIC, FULL_WIDTH):
        assert world.client.get(f"/pages/audits/{BUDI}/{'2'.translate(digits)}").status_code == 404


def recorded_training(world: World, **overrides: Any) -> tuple[int, dict[str, Any]]:
    body = {"kind": "training", **f.training("2016-01-08", reference="DIGITS"), **overrides}
    answer = world.post(f"/api/v1/employees/{BUDI}/events", json=body)
    return answer.status_code, answer.get_json()


def test_a_cost_in_other_digits_is_422_naming_it_and_nothing_is_recorded(world: World) -> None:
    before = world.log()
    for digits in (ARABIC, FULL_WIDTH):
        status, answer = recorded_training(world, cost="150000".translate(digits))
        assert status == 422
        assert answer["errors"]["cost"] == ["Not a valid number."]
    assert world.log() == before
    assert recorded_training(world, cost="150000")[0] == 201


def imported(world: World, name: str, text: str) -> dict[str, Any]:
    data = {"file": (io.BytesIO(text.encode()), name)}
    answer = world.post("/api/v1/imports", data=data, content_type="multipart/form-data")
    assert answer.status_code == 200
    report: dict[str, Any] = answer.get_json()
    return report


def test_an_imported_day_first_date_in_other_digits_is_rejected_naming_it(world: World) -> None:
    before = world.log()
    header = "nip;training_kind;title;organiser;hours;start_date;effective_date;reference\n"
    for digits in (ARABIC, FULL_WIDTH):
        day = "08/01/2016".translate(digits)
        row = f"{BUDI};TEKNIS;Arsip;BKPSDM;8;{day};{day};DAY-{digits is ARABIC}\n"
        report = imported(world, "training.csv", header + row)
        assert report["recorded"] == 0
        assert [(r["line"], sorted(r["errors"])) for r in report["rejected"]] == [(2, ["effective_date", "start_date"])]
    assert world.log() == before


def test_an_imported_decimal_in_other_digits_is_rejected_naming_it(world: World) -> None:
    before = world.log()
    for cost in ("150000".translate(ARABIC), "150.000,5".translate(ARABIC), "1_500"):
        row = {"kind": "training", "nip": BUDI, **f.training("2016-01-08", reference="COST", cost=cost)}
        report = imported(world, "events.jsonl", json.dumps(row) + "\n")
        assert [(r["line"], list(r["errors"])) for r in report["rejected"]] == [(1, ["cost"])], cost
    assert world.log() == before


def test_the_record_forms_cost_in_other_digits_is_refused_beside_it(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    for typed in ("2,5".translate(ARABIC), "1.500.000,50".translate(FULL_WIDTH)):  # Babel reads them as 2.5...
        answer = world.client.post("/pages/record?kind=training", data=training_form(world, cost=typed))
        assert answer.status_code == 422, typed
        assert f'<span class="error" id="cost-error">{UNREAD_ID}</span>' in answer.get_data(as_text=True)
    assert world.log() == before
