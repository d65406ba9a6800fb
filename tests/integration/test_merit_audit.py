"""The merit audit on each store: the demo's injected irregularities found with exactly their rules,
clean promotions without findings, and incremental catch-up equal to a rebuild."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.demo import record_demo
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from projections.merit.cli import DECISION_COLUMNS, POST_COLUMNS, PROMOTION_COLUMNS, csv_text
from projections.merit.distribution import GradeInflationQueries
from projections.merit.eligibility import EligibilityQueries
from projections.merit.passed_over import DecisionPassedOverQueries, ledger_records
from projections.merit.queries import AuditQueries, PassedOverQueries
from projections.merit.schemas import DecisionSchema
from projections.store import open_view_store
from tests.conftest import STORES
from tests.demos import shared
from tests.stores import copy_of_made

EMPLOYEES = 150
SEED = 1  # every irregularity type of the demo, passed_over among them (by 101 promotions only; 5 until 2026-12-05)
TODAY = date(2026, 11, 23)
NOT_A_DECISION_FINDING = ("skp.", "merit.passed_over", "fairness.")  # unit-years, queries, rounds


# The tests that only read the demo's caught-up merit view share one recording per store (`shared_demo`), on one worker:
# recording the demo is most of a test's cost (5-13 s of wall on PostgreSQL). The tests that catch up, rebuild or
# change the view themselves record their own (`demo_store`).
SHARED = pytest.mark.xdist_group("test_merit_audit")


def load_demo(app: CareerLog, employees: int, seed: int, today: date) -> None:
    """careerlog.demo.load_demo of the demo generated once per process (tests/demos.py's shared, which the
    irregularities' test reads too), recorded as load_demo records it (record_demo): load_demo generates it anew
    for each store it records."""
    record_demo(app, shared(employees, seed, today))


@contextmanager
def recorded_demo(settings: Settings, employees: int) -> Iterator[CareerLog]:
    """The ledger of the test's store, the demo of `employees` recorded into it."""
    app = CareerLog.from_settings(settings)
    try:
        load_demo(app, employees=employees, seed=SEED, today=TODAY)
        yield app
    finally:
        app.close()


DEMO_MADE = pytest.StashKey[bool]()  # the test's store holds the demo already (this module's `database_url`)


def make_demo(url: str) -> None:
    """The demo recorded into a new store and its merit view made, not caught up (each test catches it up): as a
    test that records the demo and then opens the merit view finds its store."""
    settings = Settings(database_url=url)
    with recorded_demo(settings, EMPLOYEES) as app:
        Projector(settings, [MeritProjection()], app=app).close()


@pytest.fixture(params=STORES)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test's store (tests/conftest.py's), but for a test asking for the demo recorded (`demo_store`): a store of
    its own as `make_demo` leaves one, made once per process (tests.stores.copy_of_made). Recording the demo cost
    each such test 6-10 s of setup on either store; a module importing `demo_store` without this fixture records
    the demo into its test's store as before."""
    if "demo_store" not in request.fixturenames:
        yield str(request.getfixturevalue(f"{request.param}_url"))
        return
    request.node.stash[DEMO_MADE] = True
    with copy_of_made(request, request.param, "merit_demo", make_demo) as url:
        yield url


@pytest.fixture
def demo_store(request: pytest.FixtureRequest, settings: Settings) -> Iterator[CareerLog]:
    """The ledger of the test's store holding the demo: made so (this module's `database_url`), or recorded now."""
    if not request.node.stash.get(DEMO_MADE, False):
        with recorded_demo(settings, EMPLOYEES) as app:
            yield app
        return
    app = CareerLog.from_settings(settings)
    try:
        yield app
    finally:
        app.close()


SMALL = 30  # employees: decisions with and without findings, for a test about the view's indexes, not the audit


@pytest.fixture
def small_demo_store(settings: Settings) -> Iterator[CareerLog]:
    with recorded_demo(settings, SMALL) as app:
        yield app


@pytest.fixture(scope="module")
def shared_demo(shared_database_url: str) -> Iterator[tuple[Settings, CareerLog]]:
    """The demo recorded once per store and module with its merit view caught up: for tests that only read them."""
    settings = Settings(database_url=shared_database_url)
    with recorded_demo(settings, EMPLOYEES) as app:
        projector = Projector(settings, [MeritProjection()], app=app)
        projector.catch_up()
        projector.close()
        yield settings, app


@pytest.fixture
def shared_settings(shared_demo: tuple[Settings, CareerLog]) -> Settings:
    return shared_demo[0]


def tables(projector: Projector) -> dict[str, list[dict[str, object]]]:
    with projector.views.reading() as sql:
        return {
            t.name: sql.query(f"SELECT * FROM {t.name} ORDER BY {', '.join(t.primary_key)}")
            for t in MeritProjection.tables
        }


def test_every_injected_irregularity_is_found_with_exactly_its_rules_and_clean_decisions_have_none(
    settings: Settings, demo_store: CareerLog
) -> None:
    projector = Projector(settings, [MeritProjection()], app=demo_store, batch_size=2000)
    projector.catch_up()
    incremental = tables(projector)
    projector.rebuild()
    assert tables(projector) == incremental
    projector.close()

    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in incremental["findings"]:
        decision = next(
            d for d in incremental["decisions"] if (d["subject"], d["version"]) == (row["subject"], row["version"])
        )
        found[(str(row["subject"]), str(decision["reference"]))].add(str(row["rule"]))
    demo = shared(EMPLOYEES, SEED, TODAY)  # generated once per process (tests/demos.py)
    kinds = {(c.subject, c.payload.get("reference")): c.kind for c in demo.commands()}
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in demo.irregularities:
        rules = {r for r in entry["rules"] if not r.startswith(NOT_A_DECISION_FINDING)}
        if rules and kinds.get((entry.get("nip"), entry.get("reference"))) in ("rank_promotion", "post_appointment"):
            expected[(entry["nip"], entry["reference"])] |= rules
    audited = {kinds[key] for key in expected}
    assert audited == {"rank_promotion", "post_appointment"}, "the demo injects promotion and post irregularities"
    assert {r for rules in expected.values() for r in rules if r.startswith("post.")} >= {
        "post.open_selection",
        "post.rank_range",
        "post.leadership_training",
    }
    promotions = {(str(d["subject"]), str(d["reference"])) for d in incremental["decisions"]}
    assert set(expected) <= promotions
    assert dict(found) == dict(expected)
    assert {(r["verdict"], r["finding_count"] > 0) for r in incremental["decisions"]} == {
        ("compliant", False),
        ("findings", True),
        (None, False),  # not judged: no rule of its kind in force on its date (merit view 44)
    }
    unjudged = [r for r in incremental["decisions"] if r["verdict"] is None]
    # (or a posthumous promotion, 211, which every promotion rule in force exempts, found in this demo since it kept
    # training.daily_jp, 2026-12-06)
    assert all(
        r["tmt"] < ("2002-01-01" if r["decision"] == "post" else "2000-01-01") or r["kind"] == "211" for r in unjudged
    )
    assert any(r["eligible"] and not r["promoted"] for r in incremental["promotion_rounds"])
    row = next(r for r in incremental["eligibility"] if r["earliest_date"] is not None)  # offered (not a closed 101)
    shown = EligibilityQueries(open_view_store(settings).sql, today=TODAY).eligibility(str(row["subject"]))
    first = shown[0]  # its earliest date gone by, but credit points short hold it to a date still to come: not reached
    assert (str(row["subject"]), row["kind"], row["earliest_date"]) == ("196708142001031001", "202", "2025-04-01")
    assert (first["kind"], first["earliest_date"], first["reached"]) == ("202", "2025-04-01", False)
    assert (first["next_date"], first["next_date_basis"], first["decision"]) == (
        "2027-02-01",
        "credit_points",
        "to_come",
    )
    assert all(isinstance(r["requirements"], list) for r in shown)
    passed = PassedOverQueries(open_view_store(settings).sql).passed_over()
    injected = {(e["nip"], e["effective_date"]) for e in demo.irregularities if "merit.passed_over" in e["rules"]}
    assert injected
    assert {(r["subject"], r["round_date"]) for r in passed} == injected
    others = DecisionPassedOverQueries(open_view_store(settings).sql, ledger_records(demo_store)).passed_over()
    assert {r["kind"] for r in others if r["decision"] == "promotion"} == set()  # the demo passes over none by 202
    managerial = {"PENGAWAS", "ADMINISTRATOR", "JPT_PRATAMA", "JPT_MADYA", "JPT_UTAMA"}
    assert {r["kind"] for r in others} <= managerial
    assert all(
        v["colleague"] >= v["appointed"] for r in others for v in r["comparison"].values()
    )  # never weaker anywhere
    inflated = GradeInflationQueries(open_view_store(settings).sql).grade_inflation()
    assert {(u["agency"], u["unit"], u["year"]) for u in inflated} == {
        (e["agency"], e["unit"], e["year"]) for e in demo.irregularities if e["type"] == "grade_inflation"
    }
    assert {d["decision"] for d in incremental["decisions"]} == {"promotion", "post", "appointment"}
    # the demo appoints every CPNS at the start of the entry education (careerlog/demo/careers.py, EDU_START)
    # (or not judged: appointed before appointment.starting_rank, 2000)
    assert {d["verdict"] for d in incremental["decisions"] if d["decision"] == "appointment"} <= {"compliant", None}


def audit_command(database_url: str) -> Callable[..., str]:
    """`careerlog audit ARGS` on this store: the command's output."""

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": database_url})
        assert result.exit_code == 0, result.output
        return result.output

    return run


@pytest.fixture
def audit_cli(settings: Settings, database_url: str, demo_store: CareerLog) -> Callable[..., str]:
    """`careerlog audit ARGS` on the demo with its merit view caught up: the command's output."""
    projector = Projector(settings, [MeritProjection()], app=demo_store)
    projector.catch_up()
    projector.close()
    return audit_command(database_url)


@pytest.fixture
def shared_audit_cli(shared_settings: Settings) -> Callable[..., str]:
    """`audit_cli` on the demo recorded once per store and module (`shared_demo`)."""
    return audit_command(shared_settings.database_url)


@SHARED
def test_the_audit_commands_list_flagged_promotions_and_show_a_finding_with_its_evidence(
    shared_audit_cli: Callable[..., str], shared_settings: Settings
) -> None:
    run = shared_audit_cli

    listed = json.loads(run("promotions", "--rule", "promotion.time_in_rank", "--format", "json"))["decisions"]
    assert listed
    assert {d["verdict"] for d in listed} == {"findings"}
    first = listed[0]
    shown = json.loads(run("promotion", first["nip"], str(first["version"]), "--format", "json"))
    finding = next(f for f in shown["findings"] if f["rule"] == "promotion.time_in_rank")
    assert finding["evidence"][0]["kind"] in ("appointment", "rank_promotion")
    assert "promotion.time_in_rank (high, S;" in run("promotion", first["nip"], str(first["version"]))
    high = run("promotions", "--severity", "high", "--from", "2000-01-01", "--format", "csv").splitlines()
    assert high[0].startswith("tmt,nip,version")
    posts = json.loads(run("posts", "--rule", "post.open_selection", "--format", "json"))["decisions"]
    assert posts
    assert {(d["decision"], d["kind"][:4], d["verdict"]) for d in posts} == {("post", "JPT_", "findings")}
    post = json.loads(run("promotion", posts[0]["nip"], str(posts[0]["version"]), "--format", "json"))
    selection = next(f for f in post["findings"] if f["rule"] == "post.open_selection")
    assert selection["evidence"][0]["kind"] == "post_appointment"
    assert "post.open_selection (high, S;" in run("promotion", posts[0]["nip"], str(posts[0]["version"]))
    both = run("promotions", "--with-posts", "--format", "csv").splitlines()
    assert both[0].startswith("decision,tmt,nip")
    assert {line.split(",")[0] for line in both[1:]} == {"promotion", "post", "appointment"}  # every decision
    inflated = json.loads(run("grade-inflation", "--format", "json"))["units"]
    assert [(u["rule"], u["exceeded"][0]["predicate"]) for u in inflated] == [("skp.distribution", "BAIK")]
    passed = json.loads(run("passed-over", "--format", "json"))["passed_over"]
    assert {(r["decision"], r["kind"]) for r in passed} >= {("promotion", "101")}
    first_pass = next(r for r in passed if r["kind"] == "101")
    assert first_pass["colleague"] in run("promotion", first_pass["nip"], str(version_of(listed_all(run), first_pass)))
    bad = CliRunner().invoke(
        main,
        ["audit", "promotions", "--from", "2020-13-01"],
        env={"CAREERLOG_DATABASE_URL": shared_settings.database_url},
    )
    assert bad.exit_code != 0
    assert "from" in bad.output


def listed_all(run: Callable[..., str]) -> list[dict[str, object]]:
    return list(json.loads(run("promotions", "--format", "json"))["decisions"])


def version_of(decisions: list[dict[str, object]], passed: dict[str, object]) -> object:
    return next(d["version"] for d in decisions if (d["nip"], d["tmt"]) == (passed["nip"], passed["tmt"]))


@SHARED
def test_the_audit_commands_stream_csv_and_json_equal_to_the_whole_list_written_at_once(
    shared_audit_cli: Callable[..., str], shared_settings: Settings
) -> None:
    run = shared_audit_cli
    audit = AuditQueries(open_view_store(shared_settings).sql)

    cases = [
        ((), {"decision": "promotion"}, PROMOTION_COLUMNS),
        (("--with-posts",), {}, DECISION_COLUMNS),
        (
            ("--severity", "high", "--from", "2000-01-01"),
            {"decision": "promotion", "severity": "high", "start": "2000-01-01"},
            PROMOTION_COLUMNS,
        ),
        # (none: a `--from` after today is refused since 2026-12-06, so an early `--to`)
        (("--to", "1950-12-31"), {"decision": "promotion", "end": "1950-12-31"}, PROMOTION_COLUMNS),
    ]
    dumped = DecisionSchema(many=True).dump  # (the API's, as the command line dumps them)
    for args, criteria, columns in cases:
        whole = audit.decisions({}, **criteria)
        found = list(audit.each_decision({}, **criteria))  # (the JSON with each one's findings: the rules it fired)
        assert (
            run("promotions", *args, "--format", "json")
            == json.dumps({"decisions": dumped(found)}, ensure_ascii=False, indent=2) + "\n"
        )
        assert run("promotions", *args, "--format", "csv") == csv_text(listed_rows(whole), columns) + "\n"
    posts = list(audit.each_decision({}, decision="post", rule="post.open_selection"))
    assert posts
    assert (
        run("posts", "--rule", "post.open_selection", "--format", "json")
        == json.dumps({"decisions": dumped(posts)}, ensure_ascii=False, indent=2) + "\n"
    )
    assert run("posts", "--format", "csv") == csv_text(listed_rows(audit.posts({})), POST_COLUMNS) + "\n"


def listed_rows(decisions: list[dict[str, object]]) -> list[dict[str, object]]:
    """The decisions' rows with their NIP as the lists' tables and CSV name it (`nip`, the view's `subject`)."""
    return [{**d, "nip": d["subject"]} for d in decisions]


def decisions_indexes(projector: Projector) -> set[str]:
    sql = projector.views.sql
    if sql.dialect == "postgres":
        found = "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?"
        return {str(r["name"]) for r in sql.query(found, ("decisions",))}
    return {str(r["name"]) for r in sql.query("SELECT name FROM sqlite_master WHERE tbl_name = ?", ("decisions",))}


def test_a_merit_view_made_before_the_indexes_of_the_audit_orders_gets_them_when_it_next_starts_without_a_rebuild(
    settings: Settings, small_demo_store: CareerLog
) -> None:
    demo_store = small_demo_store
    projector = Projector(settings, [MeritProjection()], app=demo_store)
    projector.catch_up()
    before, position = tables(projector), projector.position(MeritProjection())
    assert {d["verdict"] for d in before["decisions"]} == {"compliant", "findings", None}  # rows the restart must keep
    added = {"decisions_ix4", "decisions_ix5", "decisions_ix6"}  # the orders of the audit's lists, the stream's
    with projector.views.sql.transaction() as sql:
        for index in added:
            sql.execute(f"DROP INDEX {index}")  # as a store made before they were declared
    assert not added & decisions_indexes(projector)
    projector.close()

    started = Projector(settings, [MeritProjection()], app=demo_store)
    assert added <= decisions_indexes(started)
    assert started.position(MeritProjection()) == position > 0
    assert tables(started) == before
    started.close()


@SHARED
def test_every_decision_streams_once_in_the_list_order_with_all_its_findings_in_rule_order(
    shared_settings: Settings,
) -> None:
    settings = shared_settings
    audit = AuditQueries(open_view_store(settings).sql, today=TODAY)
    for options in ({}, {"decision": "promotion", "start": "2015-01-01"}, {"severity": "medium"}):
        listed = audit.decisions(None, **options)
        expected = [{**d, "findings": audit.promotion(d["subject"], d["version"])["findings"]} for d in listed]
        streamed = list(audit.each_decision(page=3, **options))  # pages end inside a decision's findings too
        assert streamed == expected
        assert [list(d) for d in streamed] == [[*d, "findings"] for d in listed]  # the columns in the list's order
    assert max(len(d["findings"]) for d in audit.each_decision()) >= 2


@SHARED
def test_the_stream_looks_up_findings_by_the_finding_count_which_is_each_decisions_number_of_findings(
    shared_settings: Settings,
) -> None:
    settings = shared_settings
    store = open_view_store(settings).sql
    counted = store.query(
        "SELECT d.subject, d.version, d.finding_count, COUNT(f.rule) AS found FROM decisions d "
        "LEFT JOIN findings f ON f.subject = d.subject AND f.version = d.version "
        "GROUP BY d.subject, d.version, d.finding_count"
    )
    assert [c for c in counted if c["finding_count"] != c["found"]] == []
    assert {c["found"] > 0 for c in counted} == {True, False}


@SHARED
def test_a_stream_left_early_ends_its_reading_and_the_store_reads_on(shared_settings: Settings) -> None:
    settings = shared_settings
    audit = AuditQueries(open_view_store(settings).sql, today=TODAY)
    threads = threading.active_count()
    for _ in range(3):  # more times than the pool has connections: each is given back
        stream = audit.each_decision(page=2)
        first = next(stream)
        stream.close()
        assert threading.active_count() <= threads  # (none left reading; another test's thread may end meanwhile)
    assert first == next(audit.each_decision())
    assert len(list(audit.each_decision(page=5))) == audit.decisions_count() > 0
