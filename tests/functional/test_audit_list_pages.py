"""The audit lists read a page in SQL (LIMIT and OFFSET, and a COUNT for the total): every page of the
audited promotions, posts and awards, in JSON and CSV, is the page the whole list sliced gives, with its
total, for several filters and page sizes, on a small demo on both stores; a total counted once per view
position is counted again when the view moves on."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from marshmallow import Schema

from careerlog.access import Scope
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.keyset import decode_cursor
from projections.merit.queries import keyset_of
from projections.queries import CursorPage
from projections.scorecard.award_queries import AWARDS_KEYSET
from tests import factories as f
from tests.functional.conftest import BUDI, World
from web import create_app
from web.api.audit_schemas import AuditPageSchema, AwardPageSchema, flat_decision
from web.api.common import row_columns, to_csv
from web.api.paging import BOUND, unbound_cursor
from web.services import Services

pytestmark = pytest.mark.xdist_group("test_audit_list_pages")  # its module fixture is built once, on one worker

EMPLOYEES = 60
SEED = 1
TODAY = date(2026, 11, 23)
PAGE_SIZES = (7, 50)


@pytest.fixture(scope="module")
def served(shared_database_url: str) -> Iterator[tuple[Flask, dict[str, str]]]:
    app = create_app(Settings(database_url=shared_database_url), test_config={"TESTING": True})
    services: Services = app.extensions["careerlog"]
    load_demo(services.ledger, employees=EMPLOYEES, seed=SEED, today=TODAY, workers=1)
    services.projector.catch_up()
    services.accounts.create("audit", display_name="Audit", role="inspector", scope=Scope(national=True))
    headers = {"Authorization": f"Bearer {services.accounts.issue_token('audit', days=1).token}"}
    yield app, headers
    services.close()


def whole_list(services: Services, path: str, query: dict[str, str]) -> list[dict[str, Any]]:
    """Every row of the list, as the views answer the whole of it (the list before it was read by page)."""
    scope = {k: [v] for k, v in query.items() if k in ("agency", "kind")}
    start, end = query.get("from"), query.get("to")
    if path == "awards":
        return services.award_view.awards(scope, start=start, end=end, verdict=query.get("verdict"))
    if "verdict" in query:
        scope["verdict"] = [query["verdict"]]
    decision = "promotion" if path == "promotions" else "post"
    # (with their findings: a list names the rules each fired, since 2026-12-07)
    return list(
        services.audit_view.each_decision(
            scope, decision=decision, start=start, end=end, rule=query.get("rule"), severity=query.get("severity")
        )
    )


def expected_page(services: Services, path: str, rows: list[dict[str, Any]], page: int, per_page: int) -> CursorPage:
    """The page of the whole list sliced, with the cursor of its last row when a page follows."""
    shown = rows[(page - 1) * per_page : page * per_page]
    keyset = AWARDS_KEYSET if path == "awards" else keyset_of("promotion" if path == "promotions" else "post")
    following = keyset.next_cursor(shown[-1]) if page * per_page < len(rows) else None
    if path == "awards":
        shown = services.award_view.with_findings(shown)
    return CursorPage(shown, len(rows), page, per_page, following)


def unbound(answer: dict[str, Any]) -> dict[str, Any]:
    """The page as answered, its `next` the list's own cursor: bound to the query's digest since 2026-12-06
    (web.api.paging.bound_cursor), which test_cursor_bound_to_the_filters checks."""
    if answer.get("next"):
        bound = decode_cursor(answer["next"])
        assert bound[0] == BOUND
        answer = {**answer, "next": unbound_cursor(answer["next"], bound[1])}
    return answer


def queries(services: Services) -> list[tuple[str, dict[str, str]]]:
    """Each list with no filter and with filters that keep some of its rows."""
    agency = services.audit_view.decisions(decision="promotion")[0]["agency"]
    award_agency = services.award_view.awards()[0]["agency"]
    rule = next(f["rule"] for d in services.audit_view.each_decision(decision="promotion") for f in d["findings"])
    found: list[tuple[str, dict[str, str]]] = []
    for path in ("promotions", "posts"):
        found += [
            (path, {}),
            (path, {"verdict": "findings"}),
            (path, {"agency": agency, "from": "2015-01-01"}),
            (path, {"severity": "medium", "to": "2024-12-31"}),
        ]
    found += [
        ("promotions", {"rule": rule}),
        ("awards", {}),
        ("awards", {"verdict": "compliant"}),
        ("awards", {"agency": award_agency, "from": "2010-01-01", "to": "2025-12-31"}),
    ]
    return found


SCHEMAS: dict[str, Schema] = {"promotions": AuditPageSchema(), "posts": AuditPageSchema(), "awards": AwardPageSchema()}


def test_every_page_of_each_audit_list_is_the_whole_list_sliced_in_json_and_csv(
    served: tuple[Flask, dict[str, str]],
) -> None:
    app, headers = served
    services: Services = app.extensions["careerlog"]
    client = app.test_client()
    reader = services.accounts.get("audit")
    pages_read = 0
    for path, query in queries(services):
        rows = whole_list(services, path, query)
        assert rows, (path, query)  # each filter keeps some rows
        schema = SCHEMAS[path]
        for per_page in PAGE_SIZES:
            last = math.ceil(len(rows) / per_page)
            for page in range(1, last + 2):  # and one page past the last: no rows, the same total
                expected = expected_page(services, path, rows, page, per_page)
                asked = "&".join(f"{k}={v}" for k, v in {**query, "page": page, "per_page": per_page}.items())
                body = client.get(f"/api/v1/audits/{path}?{asked}", headers=headers)
                assert body.status_code == 200, body.get_data(as_text=True)
                assert unbound(body.get_json()) == schema.dump(expected.to_dict()), (path, query, page, per_page)
                csv = client.get(f"/api/v1/audits/{path}?{asked}&format=csv", headers=headers)
                dumped = schema.dump(expected.to_dict())
                header = row_columns(schema, "items", dumped) if not dumped["items"] else None  # (64edf39)
                items = dumped["items"] if path == "awards" else [flat_decision(r) for r in dumped["items"]]
                assert csv.get_data(as_text=True) == to_csv(items, header)
                assert csv.headers["X-Total-Count"] == str(len(rows))
                pages_read += 1
        method = services.awards if path == "awards" else services.audits
        options: dict[str, Any] = {"decision": path[:-1]} if path != "awards" else {}
        for name in ("verdict", "rule", "severity"):
            if name in query:
                options[name] = query[name]
        for name, key in (("from", "start"), ("to", "end")):
            if name in query:
                options[key] = date.fromisoformat(query[name])
        scope = {k: [v] for k, v in query.items() if k in ("agency", "kind")}
        shown = method(reader, scope, page=2, per_page=7, **options).to_dict()
        assert schema.dump(shown) == schema.dump(expected_page(services, path, rows, 2, 7).to_dict())
    assert pages_read > 50


def test_the_inspector_pages_pages_of_fifty_and_whole_csv_are_the_whole_list_sliced(
    served: tuple[Flask, dict[str, str]],
) -> None:
    app, _headers = served
    services: Services = app.extensions["careerlog"]
    reader = services.accounts.get("audit")
    rows = whole_list(services, "promotions", {})
    assert len(rows) > 50  # more than one HTML page of 50
    schema = AuditPageSchema()
    for page in (1, 2):
        shown = services.audits(reader, {}, page=page, per_page=50).to_dict()
        assert schema.dump(shown) == schema.dump(expected_page(services, "promotions", rows, page, 50).to_dict())
    # /audits.csv: the whole list, every row, streamed (until 2026-12-07 one page of 100,000 rows)
    total, batches = services.each_audited(reader, {})
    assert total == len(rows)
    assert [r for batch in batches for r in batch] == rows
    awards = whole_list(services, "awards", {})
    assert services.awards(reader, {}, page=1, per_page=50) == expected_page(services, "awards", awards, 1, 50)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def totals(world: World) -> tuple[int, int]:
    promotions = world.get("/api/v1/audits/promotions?per_page=1", "inspector").get_json()
    awards = world.get("/api/v1/audits/awards?per_page=1", "inspector").get_json()
    return promotions["total"], awards["total"]


def test_a_list_total_is_counted_again_once_the_view_has_moved_on(world: World) -> None:
    before = totals(world)
    assert totals(world) == before  # read again at the same position (the counted total)
    world.services.ledger.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="test")
    world.services.ledger.record(BUDI, "award", f.award("SLKS_20", "2020-08-17"), actor="test")
    world.catch_up()
    assert totals(world) == (before[0] + 1, before[1] + 1)
