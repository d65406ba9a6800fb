"""A regular (101) promotion that passed over an eligible, clearly stronger colleague of its unit and
rank is not `compliant`: its merit.passed_over finding (the rule's severity, the decision and the
colleagues' measured facts as evidence) counts in the verdict, the finding count, the worst severity
and every filter of the audited decisions' lists, which show how many colleagues it passed over
(`passed_over_count`); on both stores, on the demo whose injected cases are known."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.reference import rules
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.queries import PASSED_OVER, AuditQueries, PassedOverQueries
from projections.store import open_view_store
from tests.demos import shared
from tests.integration.test_merit_audit import (
    EMPLOYEES,
    SEED,
    TODAY,
    database_url,
    demo_store,
    shared_audit_cli,
    shared_demo,
    shared_settings,
)

# `audited` (test_passed_over_cached's too) on an empty PostgreSQL store made once and lent (tests/conftest.py);
# this module's tests only read the demo: they share one recording per store (`shared_demo`), on one worker.
pytestmark = [pytest.mark.made_store, pytest.mark.xdist_group("test_merit_passed_over_verdict")]

__all__ = [
    "database_url",
    "demo_store",
    "shared_audit_cli",
    "shared_demo",
    "shared_settings",
]  # the demo and its audit commands


@pytest.fixture
def audited(settings: Settings, demo_store: CareerLog) -> AuditQueries:
    """The demo (`demo_store`: 150 employees, seed 1) in the test's store with its merit view caught up."""
    projector = Projector(settings, [MeritProjection()], app=demo_store)
    projector.catch_up()
    projector.close()
    return AuditQueries(open_view_store(settings).sql)


def injected() -> set[tuple[str, str]]:
    demo = shared(EMPLOYEES, SEED, TODAY)  # generated once per process (tests/demos.py)
    return {(e["nip"], e["effective_date"]) for e in demo.irregularities if "merit.passed_over" in e["rules"]}


def test_a_promotion_that_passed_over_a_clearly_stronger_colleague_reads_findings_in_every_list_and_filter(
    shared_settings: Settings,
) -> None:
    audit = AuditQueries(open_view_store(shared_settings).sql)
    severity = rules().versions(PASSED_OVER)[0].severity
    pairs = PassedOverQueries(audit.store).passed_over()
    colleagues = Counter((p["subject"], p["tmt"]) for p in pairs)  # (the decision's TMT: merit view 34)
    assert set(colleagues) == injected()

    listed = audit.decisions({})
    passed = {(d["subject"], d["tmt"]): d for d in listed if d["passed_over_count"]}
    assert {k: d["passed_over_count"] for k, d in passed.items()} == dict(colleagues)
    assert {(d["decision"], d["kind"], d["verdict"]) for d in passed.values()} == {("promotion", "101", "findings")}
    assert all(d["max_severity"] in ("medium", "high") and d["finding_count"] >= 1 for d in passed.values())
    # each one's rule checks alone found nothing: it was `compliant` before (the stored columns say so)
    stored = {
        (r["subject"], r["tmt"]): r
        for r in audit.store.query("SELECT subject, tmt, verdict, finding_count, max_severity FROM decisions")
    }
    assert any(stored[k]["verdict"] == "compliant" for k in passed)
    for key, decision in passed.items():
        assert decision["finding_count"] == stored[key]["finding_count"] + 1
    # the lists compare every other 101 promotion judged (0) and say nothing of the others (None), nor of one no rule
    # judged (before 2000: merit view 44)
    regular = [d for d in listed if d["decision"] == "promotion" and d["kind"] == "101" and d["verdict"] is not None]
    assert {d["passed_over_count"] for d in listed if d["verdict"] is None} <= {None}
    assert sum(1 for d in regular if d["passed_over_count"] == 0) == len(regular) - len(passed)
    assert {d["passed_over_count"] for d in listed if d["decision"] == "post"} == {None}

    keys = set(passed)
    only = {(d["subject"], d["tmt"]) for d in audit.decisions({}, passed_over=True)}
    assert only == keys
    assert keys.isdisjoint((d["subject"], d["tmt"]) for d in audit.decisions({}, passed_over=False))
    assert {(d["subject"], d["tmt"]) for d in audit.decisions({}, rule=PASSED_OVER)} == keys
    flagged = {(d["subject"], d["tmt"]) for d in audit.decisions({"verdict": ["findings"]})}
    assert keys <= flagged
    compliant = audit.decisions({"verdict": ["compliant"]})
    assert keys.isdisjoint((d["subject"], d["tmt"]) for d in compliant)
    assert {d["verdict"] for d in compliant} == {"compliant"}
    assert keys <= {(d["subject"], d["tmt"]) for d in audit.decisions({}, severity=severity)}
    unjudged = [d for d in listed if d["verdict"] is None]  # no rule of its kind in force then (merit view 44)
    # (a 202 or managerial post clean by its rules, which only its page compares with colleagues: since 2026-12-06)
    uncompared = audit.decisions({"verdict": ["not_compared"]})
    assert {d["verdict"] for d in uncompared} == {"not_compared"}
    assert len(flagged) + len(compliant) + len(unjudged) + len(uncompared) == len(listed)
    assert audit.decisions_count({"verdict": ["findings"]}) == len(flagged)
    assert audit.decisions_count({}, passed_over=True) == len(keys)
    page = audit.decisions_page({"verdict": ["compliant"]}, page=1, per_page=10)
    assert page.total == len(compliant)
    # (each with the rules its findings fired, none for a compliant one, since 2026-12-07: the lists name them)
    assert [{k: v for k, v in row.items() if k != "findings"} for row in page.rows] == compliant[:10]
    assert all(row["findings"] == [] for row in page.rows)

    # streamed with their findings: the merit.passed_over finding, pointing to the decision itself
    streamed = {(d["subject"], d["tmt"]): d for d in audit.each_decision()}
    shown = ("verdict", "finding_count", "max_severity", "passed_over_count")
    assert {k: [d[c] for c in shown] for k, d in streamed.items()} == {
        (d["subject"], d["tmt"]): [d[c] for c in shown] for d in listed
    }
    for key, decision in passed.items():
        found = [f for f in streamed[key]["findings"] if f["rule"] == PASSED_OVER]
        assert [(f["severity"], f["evidence"][0]["version"]) for f in found] == [(severity, decision["version"])]
        assert len(streamed[key]["findings"]) == decision["finding_count"]


def test_the_audit_commands_show_and_filter_the_promotions_that_passed_over_a_colleague(
    shared_audit_cli: Callable[..., str],
) -> None:
    run = shared_audit_cli
    listed = json.loads(run("promotions", "--passed-over", "--format", "json"))["decisions"]
    assert {(d["nip"], d["tmt"]) for d in listed} == injected()
    flagged = json.loads(run("promotions", "--verdict", "findings", "--format", "json"))["decisions"]
    assert {(d["nip"], d["tmt"]) for d in listed} <= {(d["nip"], d["tmt"]) for d in flagged}
    compliant = run("promotions", "--verdict", "compliant", "--format", "csv").splitlines()
    assert compliant[0].endswith(",max_severity,passed_over_count")
    assert not {tuple(line.split(",")[:2]) for line in compliant[1:]} & {(d["tmt"], d["nip"]) for d in listed}
    first = listed[0]
    shown = json.loads(run("promotion", first["nip"], str(first["version"]), "--format", "json"))
    assert (shown["verdict"], shown["passed_over_count"]) == ("findings", first["passed_over_count"])
    finding = next(f for f in shown["findings"] if f["rule"] == PASSED_OVER)
    assert finding["colleagues"] == sorted(p["colleague"] for p in shown["passed_over"])
    assert finding["evidence"][0]["subject"] == first["nip"]
    measured = {(e["subject"], e["kind"]) for e in finding["evidence"][1:]}
    assert finding["evidence"][1]["subject"] == first["nip"]  # the promoted's own measures, then the colleagues'
    assert {subject for subject, _ in measured} == {first["nip"], *finding["colleagues"]}
    assert {kind for _, kind in measured} >= {"performance_rating"}
    assert "merit.passed_over (medium" in run("promotion", first["nip"], str(first["version"]))
