"""The OpenAPI document: valid, generated from the event classes, served with an offline page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import oas30_format_checker as oas30_format
from openapi_spec_validator import validate

from careerlog.domain.events import BY_KIND, EMPLOYEE_EVENTS, Appointed
from careerlog.domain.payload import payload_fields
from careerlog.reference import reference
from web.api.event_schemas import CONFIRMED_KINDS

PATHS = {
    "/api/v1/employees": {"get", "post"},
    "/api/v1/employees/past-retirement": {"get"},
    "/api/v1/employees/{nip}": {"get"},
    "/api/v1/employees/{nip}/events": {"get", "post"},
    "/api/v1/employees/{nip}/events/{version}": {"get"},
    "/api/v1/employees/{nip}/timeline": {"get"},
    "/api/v1/employees/{nip}/eligibility": {"get"},
    "/api/v1/audits/promotions": {"get"},
    "/api/v1/audits/promotions/{decision}": {"get"},
    "/api/v1/audits/posts": {"get"},
    "/api/v1/audits/posts/{decision}": {"get"},
    "/api/v1/audits/appointments": {"get"},
    "/api/v1/audits/appointments/{decision}": {"get"},
    "/api/v1/audits/passed-over": {"get"},
    "/api/v1/audits/grade-inflation": {"get"},
    "/api/v1/audits/awards": {"get"},
    "/api/v1/audits/study-leaves": {"get"},
    "/api/v1/audits/fairness": {"get"},
    "/api/v1/audits/time-to-promotion": {"get"},
    "/api/v1/reports/headcount": {"get"},
    "/api/v1/reports/training-compliance": {"get"},
    "/api/v1/reports/programmes": {"get"},
    "/api/v1/reports/mentoring": {"get"},
    "/api/v1/reports/scorecard": {"get"},
    "/api/v1/units/{agency}/{unit}/ratings": {"get", "post"},
    "/api/v1/units/{agency}/{unit}/events": {"get", "post"},
    "/api/v1/imports": {"post"},
    "/api/v1/imports/templates/{kind}.xlsx": {"get"},
    "/api/v1/imports/{job_id}": {"get"},
    "/api/v1/access-log": {"get"},
    "/api/v1/account-changes": {"get"},
    "/api/v1/me": {"get"},
    "/api/v1/reference": {"get"},
    "/api/v1/reference/{table}": {"get"},
    "/api/v1/kinds": {"get"},
}


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.get_json()
    return document


def test_the_openapi_document_is_valid_openapi_3(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"].startswith("3.")


def test_the_document_lists_every_endpoint(spec: dict[str, Any]) -> None:
    assert {path: set(ops) - {"parameters"} for path, ops in spec["paths"].items()} == PATHS


def test_the_document_and_the_app_serve_the_same_endpoints(spec: dict[str, Any], app: Flask) -> None:
    served = {
        re.sub(r"<(?:\w+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }
    assert served == set(spec["paths"])


def test_list_and_report_filters_are_documented_as_query_parameters(spec: dict[str, Any]) -> None:
    names = {p["name"] for p in spec["paths"]["/api/v1/audits/promotions"]["get"]["parameters"]}
    assert {"agency", "unit", "region", "kind", "from", "to", "rule", "severity", "verdict", "page"} <= names
    posts = {p["name"] for p in spec["paths"]["/api/v1/audits/posts"]["get"]["parameters"]}
    assert {"agency", "kind", "level", "from", "to", "rule", "severity", "verdict", "page"} <= posts
    inflation = {p["name"] for p in spec["paths"]["/api/v1/audits/grade-inflation"]["get"]["parameters"]}
    assert {"agency", "unit", "year", "page", "per_page"} <= inflation
    awards = {p["name"] for p in spec["paths"]["/api/v1/audits/awards"]["get"]["parameters"]}
    assert {"agency", "unit", "region", "kind", "from", "to", "verdict", "page", "per_page", "format"} <= awards
    fairness = spec["paths"]["/api/v1/audits/fairness"]["get"]["parameters"]
    assert next(p for p in fairness if p["name"] == "by")["required"] is True


def test_every_operation_needs_a_bearer_token(spec: dict[str, Any]) -> None:
    assert spec["security"] == [{"bearerAuth": []}]
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}


def test_errors_are_documented_as_problem_json(spec: dict[str, Any]) -> None:
    content = spec["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(content) == ["application/problem+json"]
    assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_the_problems_errors_name_every_field_a_conflict_is_named_by(spec: dict[str, Any]) -> None:
    """A 409 names `reference`, `Idempotency-Key` or, for a NIP already appointed, `nip` (web.errors.conflict_errors):
    the document named `reference` alone."""
    described = spec["components"]["schemas"]["Problem"]["properties"]["errors"]["description"]
    for named in ("(409, `reference`)", "(409, `Idempotency-Key`)", "(409, `nip`)"):
        assert named in described


@pytest.mark.parametrize("event_cls", [c for c in EMPLOYEE_EVENTS if c.RECORDABLE and c is not Appointed])
def test_each_kinds_schema_is_its_event_class(spec: dict[str, Any], event_cls: Any) -> None:
    schemas = spec["components"]["schemas"]
    mapping = schemas["RecordEvent"]["discriminator"]["mapping"]
    schema = schemas[mapping[event_cls.KIND].rsplit("/", 1)[1]]
    fields = payload_fields(event_cls)
    properties = schema["properties"]
    assert properties["kind"]["enum"] == [event_cls.KIND]
    writable = {name for name, p in properties.items() if not p.get("readOnly")}
    confirm = ["confirm"] if event_cls in CONFIRMED_KINDS else []  # (what the writer confirms: no field, not stored)
    confirm += ["confirm_nip"] if event_cls.KIND == "retraction" else []  # (a void's NIP given again: not stored)
    assert writable == {"kind", *confirm, *(spec_.name for spec_ in fields)}
    assert set(schema["required"]) == {"kind", *(s.name for s in fields if s.required)}
    assert schema["additionalProperties"] is False
    for field in fields:
        prop = properties[field.name]
        assert prop["description"].startswith(field.doc)
        if field.table:
            assert [c for c in prop["enum"] if c is not None] == reference().table(field.table).codes
        assert prop.get("type") == {"date": "string", "decimal": "string", "object": "object"}.get(
            field.type_name, field.type_name
        )


def test_the_history_documents_every_kind_an_employee_record_holds(spec: dict[str, Any]) -> None:
    mapping = spec["components"]["schemas"]["HistoryEvent"]["discriminator"]["mapping"]
    assert set(mapping) == {c.KIND for c in EMPLOYEE_EVENTS}
    assert set(mapping) <= set(BY_KIND)


def test_the_documentation_page_works_offline(client: FlaskClient) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) == 3
    for asset in assets:
        assert asset.startswith("/api/docs/static/")
        response = client.get(asset)
        assert response.status_code == 200
        assert len(response.data) > 1000
        response.close()
    assert '"validatorUrl": null' in html


def test_every_read_documents_its_etag_if_none_match_and_not_modified(spec: dict[str, Any]) -> None:
    reads = [(path, ops["get"]) for path, ops in spec["paths"].items() if "get" in ops]
    assert len(reads) == 34  # (GET /audits/passed-over since 2026-12-06, GET /imports/{job_id} since 2026-12-07)
    for path, operation in reads:
        assert "ETag" in operation["responses"]["200"]["headers"], path
        assert "ETag" in operation["responses"]["304"]["headers"], path
        assert {"in": "header", "name": "If-None-Match"}.items() <= next(
            p for p in operation["parameters"] if p["name"] == "If-None-Match"
        ).items(), path
    writes = [ops["post"] for ops in spec["paths"].values() if "post" in ops]
    assert writes
    assert all("304" not in w["responses"] for w in writes)


def test_every_operation_documents_the_rate_limits_429_and_the_503_with_their_retry_after(spec: dict[str, Any]) -> None:
    operations = [(path, op) for path, ops in spec["paths"].items() for name, op in ops.items() if name != "parameters"]
    assert len(operations) == 39
    for path, operation in operations:
        assert operation["responses"]["429"] == {"$ref": "#/components/responses/TOO_MANY_REQUESTS"}, path
        assert operation["responses"]["503"] == {"$ref": "#/components/responses/SERVICE_UNAVAILABLE"}, path
    for name in ("TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE"):
        response = spec["components"]["responses"][name]
        assert response["headers"]["Retry-After"]["schema"] == {"type": "integer"}
        assert list(response["content"]) == ["application/problem+json"]


def test_the_documents_description_tells_a_client_of_etags_the_rate_limit_and_the_roster_links(
    spec: dict[str, Any],
) -> None:
    description = spec["info"]["description"]
    for told in ("If-None-Match", "304", "private, no-cache", "no-store", "429", "Retry-After", 'rel="next"'):
        assert told in description, told


def test_the_documents_description_names_every_list_that_links_its_next_page(spec: dict[str, Any]) -> None:
    """Every list whose 200 documents a `Link` header is named where the description tells of the links: the audited
    CPNS appointments and study leaves and the records past their retirement day, listed later, were not."""
    description = " ".join(spec["info"]["description"].split())
    words = {
        "/api/v1/employees": "the roster",
        "/api/v1/employees/past-retirement": "past their retirement day",
        "/api/v1/audits/promotions": "the audited promotions",
        "/api/v1/audits/posts": "posts",
        "/api/v1/audits/appointments": "CPNS appointments",
        "/api/v1/audits/awards": "awards",
        "/api/v1/audits/study-leaves": "study leaves",
        "/api/v1/audits/grade-inflation": "grade inflation",
        "/api/v1/access-log": "the access log",
        "/api/v1/account-changes": "the account changes",
    }
    linked = [
        path
        for path, ops in spec["paths"].items()
        if "Link" in ops.get("get", {}).get("responses", {}).get("200", {}).get("headers", {})
    ]
    assert sorted(linked) == sorted(words)
    told = description[: description.index('rel="next"')]
    assert [path for path, word in words.items() if word not in told] == []


def test_every_grouping_says_each_field_is_named_once(spec: dict[str, Any]) -> None:
    """A `by` naming a field twice is refused (422, "Name each field once." or "... dimension once."); the statistics'
    `by` did not say so in the document (uniqueItems), the reports' did."""
    groupings = [
        (path, parameter["schema"])
        for path, ops in spec["paths"].items()
        for parameter in ops.get("get", {}).get("parameters", [])
        if parameter["name"] == "by"
    ]
    assert len(groupings) == 4
    assert [path for path, schema in groupings if schema.get("uniqueItems") is not True] == []


def test_every_required_text_of_a_body_says_it_may_not_be_empty(spec: dict[str, Any]) -> None:
    """A required text of a write's body given empty or only spaces is refused ("May not be empty."; an appointment's
    `nip` "must be 18 digits"), but the document described each as any text: a client generated from it, or
    schemathesis, sent `"title": ""` or `"nip": ""` as valid."""
    admitting = []
    for name, schema in spec["components"]["schemas"].items():
        for field in schema.get("required", []):
            value = schema["properties"][field]
            if value.get("type") == "string" and "enum" not in value and value.get("format") != "binary":
                validator = OAS30Validator({**value, "components": spec["components"]}, format_checker=oas30_format)
                admitting += [(name, field, v) for v in ("", "  ") if validator.is_valid(v)]
    assert admitting == []


def test_the_path_parameters_say_what_they_take(spec: dict[str, Any]) -> None:
    """A rating's `{agency}` not in the agencies table is refused (422 naming `agency`) and a template's `{kind}` not
    a kind's is a 404, but the document gave both as any text (and a rating's `{unit}`, refused empty, too)."""
    rating = {p["name"]: p["schema"] for p in spec["paths"]["/api/v1/units/{agency}/{unit}/ratings"]["parameters"]}
    assert "KOTA-MEDAN" in rating["agency"]["enum"]
    assert (rating["unit"]["minLength"], rating["unit"]["pattern"]) == (1, r"\S")
    [template] = spec["paths"]["/api/v1/imports/templates/{kind}.xlsx"]["parameters"]
    assert "training" in template["schema"]["enum"]
    assert "mentee_assigned" not in template["schema"]["enum"]


def test_the_fairness_answer_names_its_threshold_and_keeps_four_fifths_as_a_deprecated_alias(
    spec: dict[str, Any],
) -> None:
    """`four_fifths` carries whatever threshold rule fairness.adverse_impact sets: `threshold` names it, and
    `four_fifths` stays for the clients reading it, marked deprecated."""
    properties = spec["components"]["schemas"]["Fairness"]["properties"]
    assert properties["threshold"]["type"] == "number"
    assert "deprecated" not in properties["threshold"]
    assert properties["four_fifths"]["deprecated"] is True
    assert "`threshold`" in properties["four_fifths"]["description"]


def test_a_units_history_schemas_are_named_once_unit(spec: dict[str, Any]) -> None:
    # (a unit's kinds, UnitRated and UnitRegistered, were published as UnitUnitRated and UnitUnitRegistered)
    names = set(spec["components"]["schemas"])
    assert {"UnitRated", "UnitRegistered"} <= names, sorted(names)
    assert not [name for name in names if name.startswith("UnitUnit")]


NULLABLE_NESTED = [
    ("TimeToPromotion", "logrank", "Logrank", {"chi2": 1.5, "df": 1, "p": 0.22}),
    ("TimeToPromotion", "cox", "Cox", {"reference_group": "M", "covariates": [], "n": 12}),
    ("EligibilityItem", "blocked", "Blocked", {"rule": "promotion.education_ceiling"}),
]


@pytest.mark.parametrize(("schema", "field", "nested", "value"), NULLABLE_NESTED)
def test_a_nullable_nested_answer_is_its_schemas_object_or_null(
    spec: dict[str, Any], schema: str, field: str, nested: str, value: dict[str, Any]
) -> None:
    """apispec wrote a nullable Nested field as `anyOf` its schema or `{"type": "object", "nullable": true}`, an
    object of no properties that any object matched: time to promotion's `logrank` and `cox`, the eligibility's
    `blocked` read as bare objects. Each is its schema's object (its fields declared) or null, nothing else."""
    prop = spec["components"]["schemas"][schema]["properties"][field]
    validator = OAS30Validator({**prop, "components": spec["components"]}, format_checker=oas30_format)
    declared = spec["components"]["schemas"][nested]["properties"]
    assert set(value) <= set(declared)
    assert validator.is_valid(value)
    assert validator.is_valid(None)
    assert not validator.is_valid({"anything": "else"})  # (was valid: any object)
    branches = prop["anyOf"]
    assert {"$ref": f"#/components/schemas/{nested}"} in branches
    assert [b for b in branches if "$ref" not in b] == [{"type": "object", "nullable": True, "enum": [None]}]


def test_the_scorecards_agency_is_documented_as_the_endpoint_reads_it(spec: dict[str, Any]) -> None:
    """Left out, the scorecard's `agency` is the caller's one agency, else a 422 naming it ("Missing data for required
    field."): not required, and no null default (documented `default: null` beside its enum until 2026-12-06)."""
    [agency] = [p for p in spec["paths"]["/api/v1/reports/scorecard"]["get"]["parameters"] if p["name"] == "agency"]
    assert "default" not in agency["schema"]
    assert not agency["schema"].get("nullable")
    assert not agency.get("required")
    assert "Required, unless your scope reaches exactly one agency" in agency["description"]
    assert "a 422 naming `agency`" in agency["description"]


@pytest.mark.parametrize("path", ["/api/v1/audits/promotions", "/api/v1/audits/posts", "/api/v1/audits/appointments"])
def test_an_audited_list_documents_its_whole_list_csv_and_its_conditional_etag_and_link(
    spec: dict[str, Any], path: str
) -> None:
    # (since 2026-12-07 a CSV asked without page, per_page and after is every row, streamed, with no ETag and no Link)
    answered = spec["paths"][path]["get"]["responses"]["200"]
    assert "as CSV asked without any of them, the whole list" in answered["description"]
    headers = answered["headers"]
    assert headers["X-Total-Count"]["schema"] == {"type": "integer"}
    whole = "None on a CSV asked without `page`, `per_page` and `after` (the whole list)"
    assert whole in headers["ETag"]["description"]
    assert whole in headers["Link"]["description"]
    # (how many were listed, each once, since later on 2026-12-07: until then counted apart, before the rows were read)
    assert "how many decisions were listed when it began" in headers["X-Total-Count"]["description"]
    assert "each of them once" in headers["X-Total-Count"]["description"]
    # (a cut-off download told by its chunked body's end, not by its last line's CRLF: whole lines are sent)
    assert "ends without its last, empty chunk" in headers["X-Total-Count"]["description"]
    assert "CRLF" not in headers["X-Total-Count"]["description"]
