"""The demo injects some passed-over cases by a functional-post (202) promotion (4 of the 27 on the
2,000-employee `make run` demo): the decision's own page finds them, the lists' passed_over filter does
not (docs/audit.md "What the lists cover"), and the demo names their promotion kind. On both stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.demo import generate, load_demo
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.passed_over import every_passed_over, ledger_records, passed_over_of
from projections.merit.queries import AuditQueries
from projections.store import open_view_store

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

EMPLOYEES, SEED, TODAY = 200, 192, date(2026, 11, 23)  # two passed-over cases, one of them by a 202 promotion (61 once)


@pytest.fixture
def audited(settings: Settings) -> Iterator[tuple[CareerLog, AuditQueries]]:
    app = CareerLog.from_settings(settings)
    load_demo(app, employees=EMPLOYEES, seed=SEED, today=TODAY)
    projector = Projector(settings, [MeritProjection()], app=app, batch_size=2000)
    projector.catch_up()
    projector.close()
    yield app, AuditQueries(open_view_store(settings).sql)
    app.close()


def test_a_case_by_a_202_promotion_is_on_its_decision_page_and_not_in_the_passed_over_list(
    audited: tuple[CareerLog, AuditQueries],
) -> None:
    app, audit = audited
    cases = [e for e in generate(EMPLOYEES, SEED, TODAY).irregularities if e["type"] == "passed_over"]
    by_kind = {
        kind: {(e["nip"], e["effective_date"]) for e in cases if e["details"]["promotion_kind"] == kind}
        for kind in ("101", "202")
    }
    assert len(by_kind["202"]) == 1
    listed = audit.decisions({}, decision="promotion", passed_over=True)
    assert {(d["subject"], d["tmt"]) for d in listed} == by_kind["101"]
    for case in (e for e in cases if e["details"]["promotion_kind"] == "202"):
        query = "SELECT * FROM decisions WHERE subject = ? AND tmt = ? AND decision = 'promotion'"
        decision = audit.store.query(query, (case["nip"], case["effective_date"]))[0]
        found = passed_over_of(audit.store, ledger_records(app), decision)
        assert [row["colleague"] for row in found] == [case["details"]["colleague_nip"]]


def test_the_passed_over_pairs_of_every_kind_list_the_202_case_as_the_demos_summary_says(
    audited: tuple[CareerLog, AuditQueries],
) -> None:
    # (`careerlog audit passed-over`, GET /api/v1/audits/passed-over: the summary said "not in the passed_over lists")
    app, audit = audited
    demo = generate(EMPLOYEES, SEED, TODAY)
    cases = [e for e in demo.irregularities if e["type"] == "passed_over"]
    found, _ = every_passed_over(audit.store, ledger_records(app), {})
    listed = {(p["nip"], p["tmt"], p["kind"], p["colleague"]) for p in found}
    [case] = [e for e in cases if e["details"]["promotion_kind"] == "202"]
    assert (case["nip"], case["effective_date"], "202", case["details"]["colleague_nip"]) in listed
    assert "listed by careerlog audit passed-over" in demo.summary()
