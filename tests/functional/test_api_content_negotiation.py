"""What the API answers in: an Accept header that allows none of an endpoint's media types is a 406
(problem+json naming the header and the types offered), on every endpoint and on the fast reads too;
`format` is a parameter of the endpoints that answer in CSV, the same on each, and refused (422, naming
`format`) where only JSON is offered."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World

PROBLEM_JSON = "application/problem+json"
# Endpoints that answer in CSV too (the first three are answered by web.fastreads on their happy path).
CSV_READS = [
    f"/api/v1/employees/{BUDI}/timeline",
    f"/api/v1/employees/{BUDI}/eligibility",
    "/api/v1/employees?per_page=5",
    f"/api/v1/employees/{BUDI}/events",
    "/api/v1/audits/promotions",
    "/api/v1/access-log",
]
# Endpoints that answer in JSON only.
JSON_READS = ["/api/v1/me", f"/api/v1/employees/{BUDI}"]


@pytest.mark.parametrize("accept", ["application/xml", "text/html, image/*", "application/json;q=0, text/csv;q=0"])
@pytest.mark.parametrize("path", CSV_READS + JSON_READS)
def test_an_accept_header_allowing_no_offered_type_is_not_acceptable(world: World, path: str, accept: str) -> None:
    response = world.get(path, headers={"Accept": accept})

    assert response.status_code == 406
    assert response.mimetype == PROBLEM_JSON
    problem = response.get_json()
    assert problem["status"] == 406
    assert "Accept" in problem["errors"]
    assert accept in problem["detail"]
    offered = problem["detail"].partition("offered here:")[2]
    assert "application/json" in offered
    assert ("text/csv" in offered) == (path in CSV_READS)


def test_a_write_with_an_accept_header_allowing_no_offered_type_is_refused_and_records_nothing(world: World) -> None:
    before = world.log()

    response = world.post(
        f"/api/v1/employees/{BUDI}/events", json={"kind": "nothing"}, headers={"Accept": "application/xml"}
    )

    assert response.status_code == 406
    assert world.log() == before


@pytest.mark.parametrize(
    "accept", [None, "*/*", "application/*", "application/json", "application/json; charset=utf-8", "text/*;q=0.1, */*"]
)
@pytest.mark.parametrize("path", CSV_READS + JSON_READS)
def test_accept_headers_allowing_json_are_answered_in_json(world: World, path: str, accept: str | None) -> None:
    response = world.get(path, headers={"Accept": accept} if accept else {})

    assert response.status_code == 200
    assert response.mimetype == "application/json"


@pytest.mark.parametrize("path", JSON_READS)
def test_csv_asked_by_accept_of_a_json_only_endpoint_is_not_acceptable(world: World, path: str) -> None:
    response = world.get(path, headers={"Accept": "text/csv"})

    assert response.status_code == 406
    assert "text/csv" not in response.get_json()["detail"].partition("offered here:")[2]


@pytest.mark.parametrize("path", CSV_READS)
@pytest.mark.parametrize(("chosen", "mimetype"), [("csv", "text/csv"), ("json", "application/json")])
def test_format_chooses_the_answer_on_every_endpoint_offering_csv(
    world: World, path: str, chosen: str, mimetype: str
) -> None:
    sep = "&" if "?" in path else "?"

    response = world.get(f"{path}{sep}format={chosen}", headers={"Accept": "application/xml"})

    assert response.status_code == 200
    assert response.mimetype == mimetype


@pytest.mark.parametrize("path", JSON_READS)
@pytest.mark.parametrize("chosen", ["csv", "json"])
def test_format_is_refused_naming_it_where_csv_is_not_offered(world: World, path: str, chosen: str) -> None:
    response = world.get(f"{path}?format={chosen}")

    assert response.status_code == 422
    assert response.mimetype == PROBLEM_JSON
    (reason,) = response.get_json()["errors"]["format"]
    assert "CSV" in reason
    assert "JSON" in reason


def test_every_operation_documents_the_406_and_only_csv_endpoints_document_format(world: World) -> None:
    spec = world.client.get("/api/openapi.json").get_json()

    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            assert operation["responses"]["406"] == {"$ref": "#/components/responses/NOT_ACCEPTABLE"}, (path, method)
            in_csv = "text/csv" in operation["responses"].get("200", {}).get("content", {})
            names = {p.get("name") for p in operation.get("parameters", [])}
            if not in_csv:
                assert "format" not in names, (path, method)
    assert "406" in spec["info"]["description"]


@pytest.mark.parametrize("accept", ["application/problem+json", "application/problem+json; charset=utf-8"])
@pytest.mark.parametrize("path", CSV_READS + JSON_READS)
def test_an_accept_of_the_error_type_alone_is_answered_in_json_and_its_errors_as_problems(
    world: World, path: str, accept: str
) -> None:
    """problem+json says how the client takes an error, not what it wants on success (was a 406)."""
    response = world.get(path, headers={"Accept": accept})

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    refused = world.get(path, None, headers={"Accept": accept})
    assert refused.status_code == 401
    assert refused.mimetype == PROBLEM_JSON


@pytest.mark.parametrize("path", CSV_READS + JSON_READS)
def test_the_error_type_beside_json_refused_is_not_acceptable(world: World, path: str) -> None:
    """A client that takes no JSON says so (`application/json;q=0`, CSV too where offered): the error type beside
    it does not make the read JSON, which is why the error type alone is JSON (docs/api.md: no success answer is
    ever problem+json; RFC 9110 12.5.1 lets a server disregard an Accept allowing none of its types)."""
    accept = {"Accept": "application/problem+json, application/json;q=0, text/csv;q=0"}
    response = world.get(path, headers=accept)
    assert response.status_code == 406, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM_JSON


def test_the_error_type_beside_csv_chooses_csv_where_offered_and_is_not_acceptable_elsewhere(world: World) -> None:
    accept = {"Accept": "application/problem+json, text/csv"}
    assert world.get(CSV_READS[0], headers=accept).mimetype == "text/csv"
    assert world.get(JSON_READS[0], headers=accept).status_code == 406


@pytest.mark.parametrize(("accept", "status"), [("text/csv", 406), ("application/xml", 406), ("text/html", 406)])
def test_the_openapi_document_is_negotiated_as_a_json_only_read(world: World, accept: str, status: int) -> None:
    response = world.get("/api/openapi.json", None, headers={"Accept": accept})

    assert response.status_code == status
    assert response.mimetype == PROBLEM_JSON
    assert "Accept" in response.get_json()["errors"]
    for fine in (None, "application/json", "*/*", "application/problem+json", "application/vnd.oai.openapi+json, */*"):
        answer = world.get("/api/openapi.json", None, headers={"Accept": fine} if fine else {})
        assert answer.status_code == 200, fine
        assert answer.mimetype == "application/json"
    refused = world.get("/api/openapi.json?format=csv", None)
    assert refused.status_code == 422
    assert "format" in refused.get_json()["errors"]
    assert world.get("/api/docs", None, headers={"Accept": "text/html"}).status_code == 200  # the page is HTML
