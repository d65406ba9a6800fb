"""The study-leave audit through the API and the CLI: each start of study leave (tugas belajar) within the scope with
its verdict and findings (a year as PNS, no medium or severe penalty in force, a penalty recorded after the start as
evidence.recorded_after). Before, a status change to STUDY_LEAVE or a study_leave_start was not audited at all. On
both stores."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner, Result

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, SARI, World, confirm_world_pns

STUDY_LEAVES = "/api/v1/audits/study-leaves"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def record(world: World, nip: str, kind: str, payload: dict[str, Any]) -> None:
    world.services.ledger.record(nip, kind, payload, actor="test")


def leave(day: str) -> dict[str, Any]:
    return {"institution": "Universitas Sumatera Utara", "level": "S-2", "effective_date": day, "reference": "TB-1"}


@pytest.fixture
def on_leave(world: World) -> World:
    """Budi (KOTA-MEDAN, appointed 2010) on study leave from 2020-09-01 while a medium penalty of 2020-06-01 runs (six
    months); Sari (KOTA-MEDAN, appointed 2015) by a status change to STUDY_LEAVE on 2022-09-01, and a severe penalty
    of 2022-08-01 recorded after it; Rina (KAB-KARO, appointed 1998) on study leave from 2021-02-01, compliant. Each
    confirmed as PNS a year after the appointment, recorded first (without it, a CPNS: a study_leave.service_years
    finding)."""
    confirm_world_pns(world)
    penalty = {
        "level": "MEDIUM",
        "penalty_kind": "PENUNDAAN_KP_1",
        "end_date": "2020-11-30",
        "effective_date": "2020-06-01",
        "reference": "HD-1",
    }
    record(world, BUDI, "penalty", penalty)
    record(world, BUDI, "study_leave_start", leave("2020-09-01"))
    record(world, SARI, "status_change", f.status("STUDY_LEAVE", "2022-09-01"))
    late = {"level": "SEVERE", "penalty_kind": "PENURUNAN_JABATAN", "effective_date": "2022-08-01", "reference": "HD-2"}
    record(world, SARI, "penalty", late)
    record(world, RINA, "study_leave_start", leave("2021-02-01"))
    world.catch_up()
    return world


def listed(world: World, query: str = "", who: str = "inspector") -> list[tuple[str, str | None]]:
    body = world.get(f"{STUDY_LEAVES}?{query}", who).get_json()
    return [(i["nip"], i["verdict"]) for i in body["items"]]


def test_each_start_of_study_leave_is_listed_with_its_verdict_and_findings(on_leave: World) -> None:
    body = on_leave.get(STUDY_LEAVES, "inspector").get_json()
    assert [(i["nip"], i["start_date"], i["kind"], i["verdict"]) for i in body["items"]] == [
        (BUDI, "2020-09-01", "study_leave_start", "findings"),
        (RINA, "2021-02-01", "study_leave_start", "compliant"),
        (SARI, "2022-09-01", "status_change", "findings"),
    ]
    budi, _, sari = body["items"]
    [penalty] = budi["findings"]
    assert (penalty["rule"], penalty["severity"], penalty["status"]) == ("study_leave.penalty", "high", "S")
    assert penalty["message"] == "penalties barring study leave in force on 2020-09-01: 1"
    assert [e["kind"] for e in penalty["evidence"]] == ["penalty"]
    [late] = sari["findings"]  # the penalty recorded after the start: not a study_leave.penalty finding
    assert late["rule"] == "evidence.recorded_after"
    assert [(e["kind"], e["effective_date"]) for e in late["evidence"]] == [("penalty", "2022-08-01")]
    assert (sari["pns_since"], sari["pns_years"], sari["judged"]) == ("2016-05-01", 6, True)
    assert body["total"] == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verdict=compliant", [RINA]),
        ("rule=evidence.recorded_after", [SARI]),
        ("rule=study_leave.penalty", [BUDI]),
        ("severity=high&agency=KOTA-MEDAN", [BUDI, SARI]),
        ("from=2021-01-01&to=2021-12-31", [RINA]),
        ("per_page=1&page=3", [SARI]),
    ],
)
def test_the_study_leaves_filter_by_verdict_rule_period_and_place(
    on_leave: World, query: str, expected: list[str]
) -> None:
    assert [nip for nip, _ in listed(on_leave, query)] == expected


def test_another_agencys_study_leave_is_not_listed_and_those_shown_are_logged(on_leave: World) -> None:
    assert [nip for nip, _ in listed(on_leave, who="inspector_medan")] == [BUDI, SARI]
    entries = on_leave.get(f"/api/v1/access-log?nip={BUDI}", "admin").get_json()["items"]
    assert ("inspector-medan", "audits") in [(e["username"], e["action"]) for e in entries]


@pytest.mark.parametrize(
    ("query", "field"),
    [("verdict=maybe", "verdict"), ("rule=promotion.penalty", "rule"), ("rule=", "rule"), ("colour=red", "colour")],
)
def test_bad_study_leave_filters_are_422_naming_the_field(on_leave: World, query: str, field: str) -> None:
    response = on_leave.get(f"{STUDY_LEAVES}?{query}", "inspector")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_only_auditors_see_the_study_leave_audit(on_leave: World) -> None:
    assert on_leave.get(STUDY_LEAVES, "hr").status_code == 403


def run(store_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CAREERLOG_DATABASE_URL": store_url})


def test_the_command_lists_the_starts_with_their_findings(on_leave: World, store_url: str) -> None:
    result = run(store_url, "audit", "study-leaves", "--format", "json")
    assert result.exit_code == 0, result.output
    leaves = json.loads(result.output)["study_leaves"]
    assert [(s["nip"], s["verdict"], [x["rule"] for x in s["findings"]]) for s in leaves] == [
        (BUDI, "findings", ["study_leave.penalty"]),
        (RINA, "compliant", []),
        (SARI, "findings", ["evidence.recorded_after"]),
    ]
    table = run(store_url, "audit", "study-leaves", "--verdict", "findings", "--agency", "KOTA-MEDAN")
    assert table.exit_code == 0, table.output
    assert "study_leave.penalty (high): penalties barring study leave in force on 2020-09-01: 1" in table.output
    assert table.output.rstrip().endswith("2 starts of study leave, 2 with findings")
    refused = run(store_url, "audit", "study-leaves", "--rule", "post.education")
    assert refused.exit_code == 1
    assert "rule" in refused.output
