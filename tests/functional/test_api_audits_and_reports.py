"""Eligibility, the merit audit's endpoints and the training and mentoring reports, through the API."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World, confirm_world_pns

AUDIT = f"/api/v1/audits/promotions/{BUDI}-2"


def access_actions(world: World, nip: str) -> list[tuple[str, str]]:
    entries = world.get(f"/api/v1/access-log?nip={nip}", "admin").get_json()["items"]
    return [(e["username"], e["action"]) for e in entries]


def promote_rina(world: World) -> None:
    world.services.ledger.record(RINA, "rank_promotion", f.promotion("III/b", "2003-04-01"), actor="test")
    world.catch_up()


# ---------------------------------------------------------------------- eligibility


def test_eligibility_gives_each_open_kind_its_earliest_date_and_what_is_missing(world: World) -> None:
    body = world.get(f"/api/v1/employees/{BUDI}/eligibility", "hr").get_json()
    assert body["nip"] == BUDI
    [regular] = body["items"]
    assert (regular["kind"], regular["rank"], regular["new_rank"]) == ("101", "III/b", "III/c")
    assert regular["earliest_date"] == "2018-04-01"
    assert regular["reached"] is True
    assert "promotion.performance" in regular["missing"]
    assert {r["rule"] for r in regular["requirements"]} >= {"promotion.time_in_rank", "promotion.performance"}
    assert ("hr", "eligibility") in access_actions(world, BUDI)


def test_an_employee_reads_their_own_eligibility_without_an_access_log_entry(world: World) -> None:
    assert world.get(f"/api/v1/employees/{BUDI}/eligibility", "employee").status_code == 200
    assert ("employee", "eligibility") not in access_actions(world, BUDI)


# ---------------------------------------------------------------------- audited decisions


def test_an_audited_promotion_shows_its_findings_with_their_evidence(world: World) -> None:
    body = world.get(AUDIT, "inspector").get_json()
    assert (body["id"], body["nip"], body["version"]) == (f"{BUDI}-2", BUDI, 2)
    assert (body["rank_before"], body["rank_after"], body["tmt"]) == ("III/a", "III/b", "2014-04-01")
    assert body["verdict"] == "findings"
    assert body["corrected"] is False
    rules = {finding["rule"]: finding for finding in body["findings"]}
    assert "promotion.performance" in rules
    assert body["finding_count"] == len(body["findings"])
    assert all(isinstance(finding["evidence"], list) for finding in body["findings"])
    assert body["passed_over"] == []
    assert ("inspector", "audit") in access_actions(world, BUDI)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 1),
        ("?verdict=findings", 1),
        ("?verdict=compliant", 0),
        ("?rule=promotion.performance", 1),
        ("?rule=promotion.education_ceiling", 0),
        ("?severity=high", 1),
        ("?from=2014-04-01&to=2014-04-01", 1),
        ("?from=2014-04-02", 0),
        ("?kind=101&agency=KOTA-MEDAN&unit=BKPSDM", 1),
        ("?kind=201", 0),
    ],
)
def test_the_audited_promotions_are_filtered(world: World, query: str, count: int) -> None:
    body = world.get(f"/api/v1/audits/promotions{query}", "inspector").get_json()
    assert body["total"] == len(body["items"]) == count


def test_the_audited_promotions_come_by_tmt_a_page_at_a_time(world: World) -> None:
    promote_rina(world)
    first = world.get("/api/v1/audits/promotions?per_page=1", "inspector").get_json()
    assert ("inspector", "audits") in access_actions(world, RINA)
    assert ("inspector", "audits") not in access_actions(world, BUDI)  # not on the page read
    second = world.get("/api/v1/audits/promotions?per_page=1&page=2", "inspector").get_json()
    assert (first["total"], second["total"]) == (2, 2)
    assert [first["items"][0]["nip"], second["items"][0]["nip"]] == [RINA, BUDI]


# ---------------------------------------------------------------------- fairness statistics


@pytest.mark.parametrize("path", ["fairness", "time-to-promotion"])
def test_the_group_statistics_stay_within_the_readers_scope(world: World, path: str) -> None:
    promote_rina(world)
    national = world.get(f"/api/v1/audits/{path}?by=sex&min_cell=1", "admin").get_json()
    medan = world.get(f"/api/v1/audits/{path}?by=agency&min_cell=1", "inspector_medan").get_json()
    outside = world.get(f"/api/v1/audits/{path}?by=sex&agency=KAB-KARO", "inspector_medan")
    assert national["scope"] == {}
    assert {g["group"] for g in medan["groups"]} == {"KOTA-MEDAN"}
    assert medan["scope"] == {"agency": ["KOTA-MEDAN"]}
    # an agency outside the scope is refused naming it (until 2026-12-05 scope {"agency": []} and no group:
    # tests/functional/test_audits_refuse_filters_outside_the_scope.py)
    assert outside.status_code == 403
    assert outside.get_json()["errors"] == {"agency": ["Agency KAB-KARO is outside your scope (agency KOTA-MEDAN)."]}


def test_fairness_counts_the_promotion_pool_per_group(world: World) -> None:
    body = world.get("/api/v1/audits/fairness?by=sex,agency&min_cell=1", "admin").get_json()
    assert body["by"] == ["sex", "agency"]
    assert body["threshold"] == body["four_fifths"] == 0.8  # (four_fifths: its deprecated alias)
    # what rule fairness.adverse_impact's version in force on the last round gave (the bundled rules here)
    assert (body["alpha"], body["rule"], body["rule_from"]) == (0.05, "fairness.adverse_impact", "1974-01-01")
    assert world.get("/api/v1/audits/fairness?by=sex", "admin").get_json()["min_cell"] == 5  # the rule's
    [group] = body["groups"]
    assert (group["group"], group["eligible"], group["promoted"]) == ("M / KOTA-MEDAN", 1, 1)


@pytest.fixture
def adverse_impact_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rules file (CAREERLOG_RULES_FILE) setting fairness.adverse_impact's threshold 0.9, min_cell 1 and alpha 0.01
    (the bundled: 0.8, 5, 0.05), set before the world is made (its views judged by them)."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    bundled = "threshold = 0.8\nmin_cell = 5\nalpha = 0.05\n"
    start = text.index(bundled, text.index('id = "fairness.adverse_impact"'))
    rules = tmp_path / "rules.toml"
    rules.write_text(f"{text[:start]}threshold = 0.9\nmin_cell = 1\nalpha = 0.01\n{text[start + len(bundled) :]}")
    monkeypatch.setenv(RULES_FILE_ENV, str(rules))


def test_fairness_takes_min_cell_and_threshold_from_the_rules_file(adverse_impact_rules: None, world: World) -> None:
    """Asked with no min_cell, the API's answer is judged by the rules file's fairness.adverse_impact, not the
    bundled values (the test above reads the bundled 5, which the API's default gave before the rule was read)."""
    body = world.get("/api/v1/audits/fairness?by=sex", "admin").get_json()
    assert (body["min_cell"], body["threshold"], body["four_fifths"], body["alpha"]) == (1, 0.9, 0.9, 0.01)
    assert (body["rule"], body["rule_from"]) == ("fairness.adverse_impact", "1974-01-01")
    assert [(g["group"], g["eligible"], g["suppressed"]) for g in body["groups"]] == [("M", 1, False)]  # under 5
    # a min_cell given still overrides the rule's
    assert world.get("/api/v1/audits/fairness?by=sex&min_cell=3", "admin").get_json()["min_cell"] == 3


def test_time_to_promotion_counts_rank_spells_per_group(world: World) -> None:
    body = world.get("/api/v1/audits/time-to-promotion?by=sex&min_cell=1", "inspector").get_json()
    groups = {g["group"]: g for g in body["groups"]}
    assert (groups["M"]["n"], groups["M"]["promoted"]) == (2, 1)  # Budi in III/a, then III/b
    assert (groups["F"]["n"], groups["F"]["promoted"]) == (2, 0)
    assert groups["M"]["median_years"] == pytest.approx(4.08, abs=0.01)
    # the cumulative incidence, leaving competing: Budi's promotion is one of M's two rank spells
    [point] = groups["M"]["incidence"]
    assert (point["years"], point["incidence"], groups["M"]["separated"]) == (pytest.approx(4.08, abs=0.01), 0.5, 0)
    assert (groups["M"]["incidence_4y"], groups["M"]["incidence_4y_ci"]) == (0.0, None)
    assert (groups["F"]["incidence"], groups["F"]["incidence_4y"]) == ([], 0.0)


def record_a_pppk(world: World) -> None:
    """A PPPK of Medan, in grade IX since 2016: never promoted in rank (PPPK hold contract grades)."""
    born, appointed = date(1990, 7, 7), date(2016, 3, 1)
    pppk = f.appointment(born, appointed, "F", employment_kind="PPPK", rank="IX", recruitment_path="PPPK")
    world.services.ledger.record(f.pppk_nip(born, appointed.year, "F"), "appointment", pppk, actor="test")
    world.catch_up()


def test_time_to_promotion_by_employment_kind_is_of_pns_alone_and_says_why_it_is_not_tested(world: World) -> None:
    record_a_pppk(world)
    body = world.get("/api/v1/audits/time-to-promotion?by=employment_kind&min_cell=1", "inspector").get_json()
    assert [(g["group"], g["n"]) for g in body["groups"]] == [("PNS", 4)]
    assert (body["logrank"], body["cox"], body["untested"]) == (None, None, "fewer_than_two_groups")
    assert body["employment_kinds"] == ["PNS"]
    by_sex = world.get("/api/v1/audits/time-to-promotion?by=sex&min_cell=1", "inspector").get_json()
    assert by_sex["untested"] is None
    assert {g["group"]: g["n"] for g in by_sex["groups"]} == {"M": 2, "F": 2}  # the PPPK woman's grade not counted
    as_csv = world.get("/api/v1/audits/time-to-promotion?by=employment_kind&min_cell=1&format=csv", "inspector")
    assert as_csv.status_code == 200
    assert len(as_csv.get_data(as_text=True).splitlines()) == 2  # the header and PNS


# ---------------------------------------------------------------------- reports


def record(world: World, nip: str, kind: str, payload: dict[str, Any]) -> None:
    world.services.ledger.record(nip, kind, payload, actor="test")


def test_training_compliance_counts_the_staff_with_the_yearly_jp(world: World) -> None:
    confirm_world_pns(world)  # the world's PNS confirmed (unconfirmed, a CPNS: not judged by the yearly JP)
    record(world, BUDI, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    world.catch_up()
    body = world.get("/api/v1/reports/training-compliance?year=2020", "inspector").get_json()
    rows = {r["agency"]: r for r in body["items"]}
    assert (rows["KOTA-MEDAN"]["staff"], rows["KOTA-MEDAN"]["met"], rows["KOTA-MEDAN"]["hours"]) == (2, 1, 24)
    assert (rows["KAB-KARO"]["staff"], rows["KAB-KARO"]["met"]) == (1, 0)
    karo = world.get("/api/v1/reports/training-compliance?year=2020&by=sex", "hr_karo").get_json()
    assert karo["items"] == [{**karo["items"][0], "sex": "F", "staff": 1}]


def test_the_programmes_report_sums_up_each_programme_within_the_scope(world: World) -> None:
    training = f.training("2021-03-05", 16, "2021-03-01", programme_id="PRG-ARSIP", cost=1_600_000)
    for nip in (BUDI, SARI, RINA):
        record(world, nip, "training", {**training, "reference": f"ARSIP-{nip}"})
    world.catch_up()
    [everyone] = world.get("/api/v1/reports/programmes", "inspector").get_json()["items"]
    [medan] = world.get("/api/v1/reports/programmes", "hr").get_json()["items"]
    assert (everyone["programme_id"], everyone["participants"], everyone["hours"]) == ("PRG-ARSIP", 3, 48)
    assert (medan["participants"], medan["cost_per_jp"]) == (2, 100000.0)
    assert world.get("/api/v1/reports/programmes?year=2020", "reporter").get_json()["items"] == []


def test_the_mentoring_report_gives_aggregates_only(world: World) -> None:
    start = {"mentor_nip": BUDI, "focus": "Kearsipan", "effective_date": "2021-01-04", "reference": "MNT-1"}
    record(world, SARI, "mentoring_start", start)
    session = {"mentor_nip": BUDI, "topic": "Retensi arsip", "minutes": 90, "effective_date": "2021-02-01"}
    record(world, SARI, "mentoring_session", {**session, "reference": "MNT-1-S1"})
    world.catch_up()
    body = world.get("/api/v1/reports/mentoring", "inspector").get_json()
    totals = {"count": 1, "open": 1, "mentees": 1, "mentors": 1, "sessions": 1, "minutes": 90, "suppressed": False}
    assert body["relationships"] == totals
    assert [i["group"] for i in body["items"]] == ["mentees", "peers"]
    assert body["items"][0]["count"] == 1
    text = json.dumps(body)
    assert BUDI not in text
    assert SARI not in text
    karo = world.get("/api/v1/reports/mentoring", "hr_karo").get_json()
    assert karo["relationships"]["count"] == 0


# ---------------------------------------------------------------------- invalid queries


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/v1/audits/promotions?severity=extreme&from=soon&per_page=0", {"severity", "from", "per_page"}),
        ("/api/v1/audits/promotions?verdict=maybe&colour=red", {"verdict", "colour"}),
        ("/api/v1/audits/fairness?by=sex,agency,region&min_cell=0", {"by", "min_cell"}),
        ("/api/v1/audits/fairness?by=name", {"by"}),
        ("/api/v1/audits/time-to-promotion", {"by"}),
        ("/api/v1/reports/training-compliance?by=nip", {"year", "by"}),
        ("/api/v1/reports/programmes?window_months=0&year=last", {"window_months", "year"}),
        ("/api/v1/reports/mentoring?mentee_nip=" + BUDI, {"mentee_nip"}),
        ("/api/v1/reports/mentoring?years=11", {"years"}),
        (f"/api/v1/employees/{BUDI}/eligibility?as_of=2020-01-01", {"as_of"}),
    ],
)
def test_invalid_or_unknown_query_parameters_are_422_by_name(world: World, path: str, fields: set[str]) -> None:
    response = world.get(path, "admin")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()["errors"]) == fields


@pytest.mark.parametrize("decision", [f"{BUDI}-9", f"{BUDI}-x", "anything", f"{SARI}-1"])
def test_a_decision_that_was_not_audited_is_404(world: World, decision: str) -> None:
    response = world.get(f"/api/v1/audits/promotions/{decision}", "admin")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
