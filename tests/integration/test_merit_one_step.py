"""A regular promotion recorded two ranks up (III/a to III/c) is listed among the audited promotions with findings,
under `rule=promotion.one_step`, with the rank held and the decision as evidence; the one-step promotion of a
colleague is not; on each store (the ledger records such a step: imported history holds them)."""

from __future__ import annotations

from datetime import date

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.queries import AuditQueries
from projections.store import open_view_store
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

RULE = "promotion.one_step"


def record_career(app: CareerLog, clock: f.Clock, nip: str, birth: date, new_rank: str) -> int:
    """An S-1 CPNS of 2010 at III/a, confirmed, rated Baik, each fact recorded when it took effect, promoted by a
    101 to `new_rank` on 2014-04-01 (recorded ten days later, a jump confirmed by HR as the decree reads): the version
    of that promotion."""

    def rec(kind: str, payload: dict[str, object], at: str) -> int:
        clock.set(at)
        return app.record(nip, kind, payload, actor="hr", confirmed=[RULE]).version

    rec("appointment", f.appointment(birth, date(2010, 3, 1), "M", rank="III/a"), "2010-03-02T02:00:00+00:00")
    confirmation = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": f"PNS-{nip}"}
    rec("confirmation", confirmation, "2011-03-02T02:00:00+00:00")
    for year in range(2010, 2014):
        rec("performance_rating", f.rating(year), f"{year + 1}-01-15T02:00:00+00:00")
    return rec("rank_promotion", f.promotion(new_rank, "2014-04-01"), "2014-04-10T02:00:00+00:00")


def test_a_regular_promotion_two_ranks_up_is_listed_under_its_rule_with_its_evidence(settings: Settings) -> None:
    clock = f.Clock()
    skipped, stepped = f.nip(date(1986, 9, 26)), f.nip(date(1987, 2, 3))
    with CareerLog.from_settings(settings, clock=clock) as app:
        version = record_career(app, clock, skipped, date(1986, 9, 26), "III/c")
        record_career(app, clock, stepped, date(1987, 2, 3), "III/b")
        projector = Projector(settings, [MeritProjection()], app=app)
        projector.catch_up()
        projector.close()

    audit = AuditQueries(open_view_store(settings).sql)
    listed = {d["subject"]: d for d in audit.promotions({})}
    assert {n: (d["rank_before"], d["rank_after"], d["verdict"]) for n, d in listed.items()} == {
        skipped: ("III/a", "III/c", "findings"),
        stepped: ("III/a", "III/b", "compliant"),
    }
    assert [d["subject"] for d in audit.promotions({}, rule=RULE)] == [skipped]
    assert [d["subject"] for d in audit.promotions({}, severity="high")] == [skipped]

    decision = audit.promotion(skipped, version)
    assert [(x["rule"], x["severity"], x["status"]) for x in decision["findings"]] == [(RULE, "high", "M")]
    finding = decision["findings"][0]
    assert finding["message"] == "a 101 promotion from III/a goes up to III/b; new rank III/c"
    assert [(e["kind"], e["version"]) for e in finding["evidence"]] == [("appointment", 1), ("rank_promotion", version)]
