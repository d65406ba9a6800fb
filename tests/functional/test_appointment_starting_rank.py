"""A CPNS appointed above the starting rank of the entry education (PP 98/2000 jo PP 11/2002; Kep Ka BKN 12/2002:
S-1 III/a) is an audit finding of its own decision (`appointment`, rule `appointment.starting_rank`), not a refusal:
an S-1 appointed at IV/a was recorded and nothing judged it. At the start or below it (a formation of lower
education) the appointment is compliant; a PPPK's appointment (a grade) is not judged; a corrected appointment is
judged as corrected, as a corrected promotion is; one before the rule's first day (2000-01-01) is not judged. Listed
by `careerlog audit promotions --with-posts` (all audited decisions), never by the promotions' or posts' lists. On
both stores."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

RULE = "appointment.starting_rank"
ABOVE = f.nip(date(1990, 2, 3), date(2016, 3, 1), "M", sequence=881)
BELOW = f.nip(date(1991, 4, 5), date(2017, 3, 1), "F", sequence=882)
PPPK = f.pppk_nip(date(1990, 1, 15), 2022, "F")
BEFORE_RULE = f.nip(date(1970, 1, 2), date(1999, 3, 1), "M", sequence=886)  # before the rule's 2000-01-01
CORRECTED_DOWN = f.nip(date(1992, 8, 9), date(2018, 3, 1), "F", sequence=884)
CORRECTED_UP = f.nip(date(1993, 10, 11), date(2019, 3, 1), "M", sequence=885)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # the world's store: SQLite, and PostgreSQL too (CI=true)


def record(world: World, nip: str, kind: str, payload: dict[str, Any]) -> None:
    confirmed = (
        ("appointment.starting_rank",) if kind in ("appointment", "correction") else ()
    )  # (asked since 2026-12-07)
    world.services.ledger.record(nip, kind, payload, actor="test", confirmed=confirmed)


def listed(world: World, store_url: str, *args: str) -> dict[str, dict[str, Any]]:
    """The audited decisions of `careerlog audit promotions --with-posts` (every decision), by NIP and decision."""
    env = {"CAREERLOG_DATABASE_URL": store_url}
    result = CliRunner().invoke(main, ["audit", "promotions", "--format", "json", *args], env=env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    return {f"{r['nip']}/{r['decision']}": r for r in rows["decisions"]}


def findings(world: World, nip: str) -> list[dict[str, Any]]:
    """The findings of the appointment's decision (version 1) as the audit view reads one decision."""
    found = world.services.audit_view.promotion(nip, 1)
    assert found["decision"] == "appointment"
    keys = ("rule", "message", "severity", "source", "status")
    return [{k: finding[k] for k in keys} for finding in found["findings"]]


def test_appointments_are_judged_against_the_start_of_their_entry_education(world: World, store_url: str) -> None:
    record(world, ABOVE, "appointment", appointment_of(ABOVE, name="Andi Harahap", rank="III/b"))
    record(world, BELOW, "appointment", appointment_of(BELOW, name="Tina Sembiring", rank="II/c"))
    pppk = f.appointment(date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    record(world, PPPK, "appointment", pppk | {"name": "Joko Purba", "recruitment_path": "PPPK"})
    record(world, BEFORE_RULE, "appointment", appointment_of(BEFORE_RULE, name="Anton Ginting", rank="III/b"))
    world.catch_up()
    decisions = listed(world, store_url, "--with-posts")
    budi = decisions[f"{BUDI}/appointment"]  # S-1 at III/a: the start
    assert (budi["kind"], budi["rank_after"], budi["verdict"]) == ("S-1", "III/a", "compliant")
    above = decisions[f"{ABOVE}/appointment"]
    assert (above["kind"], above["rank_after"], above["verdict"], above["max_severity"]) == (
        "S-1",
        "III/b",
        "findings",
        "high",
    )
    assert findings(world, ABOVE) == [
        {
            "rule": RULE,
            "message": "appointed at III/b; education S-1 starts at III/a",
            "severity": "high",
            "source": "PP 98/2000 jo PP 11/2002; Kep Ka BKN 12/2002",
            "status": "S",
        }
    ]
    shown = CliRunner().invoke(main, ["audit", "promotion", ABOVE, "1"], env={"CAREERLOG_DATABASE_URL": store_url})
    assert shown.exit_code == 0, shown.output
    assert f"{ABOVE} v1 appointment S-1 at III/b TMT 2016-03-01" in shown.output
    assert "- appointment.starting_rank (high, S; PP 98/2000 jo PP 11/2002; Kep Ka BKN 12/2002)" in shown.output
    assert decisions[f"{BELOW}/appointment"]["verdict"] == "compliant"  # below the start: a lower formation
    assert f"{PPPK}/appointment" not in decisions  # a grade: not judged
    assert decisions[f"{BEFORE_RULE}/appointment"]["verdict"] is None  # no version of the rule in force then
    only_promotions = listed(world, store_url)
    assert {key.split("/")[1] for key in only_promotions} == {"promotion"}
    by_rule = listed(world, store_url, "--with-posts", "--rule", RULE)
    assert set(by_rule) == {f"{ABOVE}/appointment"}


def test_a_corrected_appointment_is_judged_as_corrected(world: World, store_url: str) -> None:
    record(world, CORRECTED_DOWN, "appointment", appointment_of(CORRECTED_DOWN, name="Rita Tarigan", rank="IV/a"))
    record(world, CORRECTED_UP, "appointment", appointment_of(CORRECTED_UP, name="Dodi Sitepu", education="D-III"))
    world.catch_up()
    before = listed(world, store_url, "--with-posts")
    assert before[f"{CORRECTED_DOWN}/appointment"]["verdict"] == "findings"
    assert before[f"{CORRECTED_UP}/appointment"]["verdict"] == "findings"  # D-III starts at II/c, III/a given
    record(world, CORRECTED_DOWN, "correction", f.correction(1, "2018-03-01", rank="III/a"))
    record(world, CORRECTED_UP, "correction", f.correction(1, "2019-03-01", education="S-1"))
    world.catch_up()
    after = listed(world, store_url, "--with-posts")
    for nip in (CORRECTED_DOWN, CORRECTED_UP):
        row = after[f"{nip}/appointment"]
        assert (row["verdict"], row["corrected"]) == ("compliant", True), row
    record(world, CORRECTED_DOWN, "correction", f.correction(1, "2018-03-01", rank="III/c"))
    world.catch_up()
    again = listed(world, store_url, "--with-posts")[f"{CORRECTED_DOWN}/appointment"]
    assert (again["verdict"], again["rank_after"]) == ("findings", "III/c")
    assert findings(world, CORRECTED_DOWN)[0]["message"] == "appointed at III/c; education S-1 starts at III/a"


@pytest.mark.parametrize("command", ["promotions", "posts"])
def test_the_appointment_rule_asked_of_a_list_without_appointments_names_the_command_that_lists_them(
    world: World, store_url: str, command: str
) -> None:
    """`audit promotions --rule appointment.starting_rank` (no --with-posts) and `audit posts --rule ...` list no CPNS
    appointment: refused naming `rule` and the command that lists them (before, the promotions' refusal pointed to
    the posts' list alone, which does not list them either; the posts' to none)."""
    record(world, ABOVE, "appointment", appointment_of(ABOVE, name="Andi Harahap", rank="III/b"))
    world.catch_up()
    env = {"CAREERLOG_DATABASE_URL": store_url}
    result = CliRunner().invoke(main, ["audit", command, "--rule", RULE], env=env)
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: rule: Rule {RULE} judges CPNS appointments, not the decisions of this list: they are listed with "
        f"every audited decision by careerlog audit promotions --with-posts --rule {RULE}.\n"
    )
    assert set(listed(world, store_url, "--with-posts", "--rule", RULE)) == {f"{ABOVE}/appointment"}  # as it says
