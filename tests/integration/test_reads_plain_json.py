"""The timeline, eligibility and roster answers, written by orjson from plain data, are the bodies
marshmallow dumps with their response schemas (fields, values, order): for every employee of a small
demo, on both stores."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from flask import Flask
from flask.testing import FlaskClient

from careerlog.access import Scope
from careerlog.config import Settings
from careerlog.demo import load_demo
from careerlog.keyset import decode_cursor
from web import create_app
from web.api.audit_schemas import EligibilitySchema
from web.api.common import shape_of
from web.api.paging import unbound_cursor
from web.api.schemas import EmployeeSchema, RosterPageSchema, TimelineSchema
from web.services import Services

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

EMPLOYEES = 25


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[Flask, dict[str, str]]]:
    app = create_app(Settings(database_url=database_url), test_config={"TESTING": True})
    services: Services = app.extensions["careerlog"]
    load_demo(services.ledger, employees=EMPLOYEES, seed=3)
    services.projector.catch_up()
    services.accounts.create("boss", display_name="Boss", role="admin", scope=Scope(national=True))
    headers = {"Authorization": f"Bearer {services.accounts.issue_token('boss', days=1).token}"}
    yield app, headers
    services.close()


def answered(client: FlaskClient, path: str, headers: dict[str, str]) -> bytes:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_data()


def dumped(schema: Any, data: Any) -> bytes:
    """Marshmallow's dump of the data, as JSON: the same fields, values and order byte for byte."""
    return orjson.dumps(schema.dump(data))


def test_every_timeline_and_eligibility_answer_is_the_schemas_dump(served: tuple[Flask, dict[str, str]]) -> None:
    app, headers = served
    services: Services = app.extensions["careerlog"]
    client = app.test_client()
    reader = services.accounts.get("boss")
    subjects = [r["subject"] for r in services.projector.views.sql.query("SELECT subject FROM roster")]
    known_at = datetime.now(UTC)
    assert len(subjects) == EMPLOYEES
    open_kinds = 0
    for nip in subjects:
        for query, options in (("", {}), ("?as_of=2015-06-30", {"as_of": datetime(2015, 6, 30).date()})):
            found = services.timeline(reader, nip, as_of=options.get("as_of"), known_at=None)
            assert answered(client, f"/api/v1/employees/{nip}/timeline{query}", headers) == dumped(
                TimelineSchema(), found
            )
        found = services.timeline(reader, nip, as_of=None, known_at=known_at)
        path = f"/api/v1/employees/{nip}/timeline?known_at={known_at.isoformat().replace('+', '%2B')}"
        assert answered(client, path, headers) == dumped(TimelineSchema(), found)
        eligibility = services.eligibility(reader, nip)
        open_kinds += sum("subject" in item for item in eligibility["items"])
        assert answered(client, f"/api/v1/employees/{nip}/eligibility", headers) == dumped(
            EligibilitySchema(), eligibility
        )
    assert open_kinds > 0  # the rows' own `subject` column was there to be left out


def test_every_roster_page_is_the_schemas_dump(served: tuple[Flask, dict[str, str]]) -> None:
    app, headers = served
    services: Services = app.extensions["careerlog"]
    reader = services.accounts.get("boss")
    client = app.test_client()
    for sort, page in itertools.product(["name", "-rank", "rank_since", "-birth_date"], (1, 2, 3)):
        found = services.roster(reader, {}, search=None, sort=sort.lstrip("-"), descending=sort[0] == "-",
                                page=page, per_page=10)  # fmt: skip
        answer = answered(client, f"/api/v1/employees?sort={sort}&page={page}&per_page=10", headers)
        # (a page's next is the list's cursor bound to the query's digest since 2026-12-06: the list's own inside it)
        bound = orjson.loads(answer)["next"]
        if bound is not None:
            answer = answer.replace(bound.encode(), unbound_cursor(bound, decode_cursor(bound)[1]).encode())
        assert answer == dumped(RosterPageSchema(), found.to_dict())
        assert orjson.loads(answer)["items"], "each page holds employees"


def test_a_shape_keeps_only_the_documented_fields_at_every_depth() -> None:
    shape = shape_of(RosterPageSchema())
    item = dict.fromkeys(EmployeeSchema().fields) | {"subject": "x", "rank_order": 3}
    cut = shape.cut({"items": [item], "total": 1, "page": 1, "per_page": 50, "secret": True})
    assert set(cut) == {"items", "total", "page", "per_page"}
    assert set(cut["items"][0]) == set(EmployeeSchema().fields)
