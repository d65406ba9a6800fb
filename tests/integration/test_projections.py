"""Projections on each store: incremental equals rebuild, queries, following, schema changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.sqlstore import SqlStore
from projections.framework import Follower, Projector
from projections.queries import Queries
from projections.registry import all_projections
from projections.roster import RosterProjection
from tests import factories as f

# A test marked MADE gets an empty PostgreSQL store made before (tests/conftest.py, lent_postgres_url): the tests that
# record, project and query. Not the two about making views (a rebuild, a view of a new version).
MADE = pytest.mark.made_store

BUDI = f.nip(date(1986, 9, 26), date(2010, 3, 1), "M", sequence=31)
SARI = f.nip(date(1990, 1, 1), date(2015, 5, 1), "F", sequence=32)
RINA = f.nip(date(1972, 7, 7), date(1998, 3, 1), "F", sequence=33)


@pytest.fixture
def clock() -> f.Clock:
    return f.Clock(datetime.fromisoformat("2010-03-20T02:00:00+00:00"))


@pytest.fixture
def ledger(settings: Settings, clock: f.Clock) -> Iterator[CareerLog]:
    app = CareerLog.from_settings(settings, clock=clock)
    yield app
    app.close()


@pytest.fixture
def projector(settings: Settings, ledger: CareerLog) -> Iterator[Projector]:
    worker = Projector(settings, all_projections(), app=ledger, batch_size=3)
    yield worker
    worker.close()


def populate(app: CareerLog, clock: f.Clock) -> None:
    """Three careers with promotions, a placement, a correction, a retraction and a separation."""

    def at(iso: str) -> None:
        clock.set(iso + "T02:00:00+00:00")

    at("2010-03-20")
    app.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
    at("2014-04-15")
    app.record(BUDI, "rank_promotion", f.promotion("III/b", "2014-04-01"), actor="hr")
    at("2015-05-20")
    app.record(SARI, "appointment", f.appointment(date(1990, 1, 1), date(2015, 5, 1), "F", unit="Bappeda"), actor="hr")
    at("2016-01-10")
    app.record(BUDI, "training", f.training("2016-01-08", hours=16, start="2016-01-07"), actor="hr")
    at("2017-02-01")
    app.record(BUDI, "correction", f.correction(3, "2017-02-01", hours=12), actor="hr")
    at("2018-04-10")
    app.record(BUDI, "rank_promotion", f.promotion("III/c", "2018-04-01"), actor="hr")
    at("2018-05-01")
    app.record(BUDI, "retraction", f.retraction(5, "2018-05-01"), actor="hr")
    at("2019-01-10")
    app.record(RINA, "appointment", f.appointment(date(1972, 7, 7), date(1998, 3, 1), "F", rank="IV/a"), actor="hr")
    at("2020-07-01")
    placement = {"agency": "PROV-SUMUT", "unit": "Inspektorat", "region": "12", "effective_date": "2020-07-01"}
    app.record(SARI, "placement", {**placement, "reference": "MUT-1"}, actor="hr")
    at("2024-10-02")
    app.record(RINA, "status_change", f.status("RETIRED", "2024-10-01"), actor="hr")


def dump(store: SqlStore) -> dict[str, list[dict[str, object]]]:
    return {
        table.name: store.query(f"SELECT * FROM {table.name} ORDER BY {', '.join(table.primary_key)}")
        for projection in all_projections()
        for table in projection.tables
    }


def test_catching_up_in_small_batches_gives_the_tables_of_a_rebuild(
    ledger: CareerLog, clock: f.Clock, projector: Projector
) -> None:
    populate(ledger, clock)
    assert projector.catch_up() == ledger.max_notification_id()
    incremental = dump(projector.views.sql)
    assert incremental["roster"]
    projector.rebuild()
    assert dump(projector.views.sql) == incremental
    assert all(s.lag == 0 for s in projector.status())


@MADE
def test_an_event_applied_twice_changes_nothing(ledger: CareerLog, clock: f.Clock, projector: Projector) -> None:
    populate(ledger, clock)
    projector.catch_up()
    before = dump(projector.views.sql)
    projector.apply(projector.projections, [BUDI, SARI], ledger.max_notification_id())
    assert dump(projector.views.sql) == before


@MADE
def test_the_timeline_answers_as_of_and_known_at(ledger: CareerLog, clock: f.Clock, projector: Projector) -> None:
    populate(ledger, clock)
    projector.catch_up()
    queries = Queries(projector.views.sql)
    now = queries.timeline(BUDI)
    training = next(i for i in now["items"] if i["kind"] == "training")
    assert training["values"]["hours"] == 12
    assert training["original"]["hours"] == 16
    assert training["corrections"][0]["version"] == 4
    retracted = next(i for i in now["items"] if i["version"] == 5)
    assert retracted["retracted"]["version"] == 6
    known_2016 = queries.timeline(BUDI, known_at=datetime.fromisoformat("2016-06-01T00:00:00+00:00"))
    training_then = next(i for i in known_2016["items"] if i["kind"] == "training")
    assert training_then["values"]["hours"] == 16
    assert training_then["corrections"] == []
    as_of_2015 = queries.timeline(BUDI, as_of=date(2015, 1, 1))
    assert [i["kind"] for i in as_of_2015["items"]] == ["appointment", "rank_promotion"]
    with pytest.raises(NotFound):
        queries.timeline(f.UNKNOWN_NIP)


@MADE
def test_the_roster_filters_sorts_pages_and_counts(ledger: CareerLog, clock: f.Clock, projector: Projector) -> None:
    populate(ledger, clock)
    projector.catch_up()
    queries = Queries(projector.views.sql, today=date(2026, 1, 1))
    budi = queries.employee(BUDI)
    assert (budi["rank"], budi["rank_since"], budi["years_in_rank"]) == ("III/b", "2014-04-01", 11.8)
    sari = queries.employee(SARI)
    assert (sari["agency"], sari["unit"], sari["region"]) == ("PROV-SUMUT", "Inspektorat", "12")
    assert queries.employee(RINA)["status"] == "RETIRED"
    page = queries.roster({"agency": "KOTA-MEDAN"}, sort="rank", descending=True, per_page=1)
    assert (page.total, [i["nip"] for i in page.items]) == (2, [RINA])
    assert queries.roster(search="budi").total == 3  # every factory name is Budi Siregar
    assert queries.roster({"sex": "F"}, min_years_in_rank=11).total == 1
    counts = queries.headcount(["agency", "sex"])
    assert {(r["agency"], r["sex"], r["count"]) for r in counts} == {
        ("KOTA-MEDAN", "F", 1),
        ("KOTA-MEDAN", "M", 1),
        ("PROV-SUMUT", "F", 1),
    }
    assert sum(r["count"] for r in queries.headcount(["age_band"])) == 3


@MADE
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda q: q.roster({"colour": "x"}), "colour"),
        (lambda q: q.roster(sort="salary"), "sort"),
        (lambda q: q.roster(per_page=10_000), "per_page"),
        (lambda q: q.headcount(["salary"]), "by"),
        (lambda q: q.roster(age_band="young"), "age_band"),
    ],
)
def test_bad_query_parameters_name_the_field(projector: Projector, call: object, field: str) -> None:
    with pytest.raises(InvalidInput) as e:
        call(Queries(projector.views.sql))  # type: ignore[operator]
    assert field in e.value.errors


@MADE
def test_filter_values_are_parameters_not_sql(ledger: CareerLog, clock: f.Clock, projector: Projector) -> None:
    populate(ledger, clock)
    projector.catch_up()
    queries = Queries(projector.views.sql)
    assert queries.roster({"agency": "x' OR '1'='1"}).total == 0
    assert queries.roster(search="%' OR 1=1 --").total == 0


@MADE
def test_the_follower_makes_a_write_visible_by_itself_promptly(ledger: CareerLog, projector: Projector) -> None:
    """The follower, not poked and with no catch-up asked, applies a new write by itself, polling (every 0.05 s
    here): one that stopped polling, or died, fails. 0.11-0.25 s at rest; the bound is 3 s, not the second the docs
    say (docs/architecture.md), so that a loaded 2-core runner of pytest -n 2 does not fail it."""
    follower = Follower(projector, interval=0.05).start()
    try:
        ledger.record(BUDI, "appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1), "M"), actor="hr")
        started = time.monotonic()
        projector.wait(ledger.max_notification_id(), timeout=3.0)
        assert time.monotonic() - started < 3.0
        assert Queries(projector.views.sql).employee(BUDI)["rank"] == "III/a"
    finally:
        follower.stop()
    assert follower.error is None


def test_a_changed_view_version_is_rebuilt_from_the_log(
    settings: Settings, ledger: CareerLog, clock: f.Clock, projector: Projector
) -> None:
    populate(ledger, clock)
    projector.catch_up()

    class RosterV2(RosterProjection):
        version = RosterProjection.version + 1

    upgraded = Projector(settings, [RosterV2()], app=ledger)
    try:
        assert upgraded.position(upgraded.projections[0]) == 0
        assert upgraded.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 0
        upgraded.catch_up()
        assert upgraded.views.sql.scalar("SELECT COUNT(*) AS n FROM roster") == 3
    finally:
        upgraded.close()
