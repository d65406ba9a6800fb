"""Training and mentoring views on each store: a small civil service recorded through the
application, projected, and every query checked to the exact figure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import InvalidInput, NotFound
from careerlog.sqlstore import SqlStore
from projections.framework import Projector
from projections.mentoring import MentoringProjection, MentoringQueries
from projections.registry import all_projections
from projections.training import TrainingProjection, TrainingQueries
from tests import factories as f
from tests.conftest import STORES, projected
from tests.stores import copy_of_made

pytestmark = pytest.mark.xdist_group("test_training_mentoring")  # its module fixtures are built once, on one worker

TODAY = date(2026, 6, 30)
MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}
SUMUT = {"agency": "PROV-SUMUT", "unit": "Inspektorat", "region": "12"}

# name: (birth, TMT CPNS, sex, place, starting rank)
PEOPLE: dict[str, tuple[date, date, str, dict[str, str], str]] = {
    "ani": (date(1990, 1, 1), date(2015, 3, 1), "F", MEDAN, "III/a"),
    "bayu": (date(1989, 2, 2), date(2014, 3, 1), "M", MEDAN, "III/a"),
    "citra": (date(1991, 3, 3), date(2016, 3, 1), "F", {**MEDAN, "unit": "Bappeda"}, "III/a"),
    "dedi": (date(1987, 4, 4), date(2012, 3, 1), "M", MEDAN, "III/a"),
    "eka": (date(1978, 5, 5), date(2005, 3, 1), "M", MEDAN, "III/d"),
    "fajar": (date(1992, 6, 6), date(2017, 3, 1), "M", SUMUT, "III/a"),
    "gita": (date(1993, 7, 7), date(2018, 3, 1), "F", SUMUT, "III/a"),
}
NIP = {
    name: f.nip(birth, tmt, sex, sequence=40 + i) for i, (name, (birth, tmt, sex, _, _)) in enumerate(PEOPLE.items())
}


START = datetime.fromisoformat("2026-06-01T02:00:00+00:00")


@pytest.fixture
def clock() -> f.Clock:
    return f.Clock(START)


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


MADE = pytest.StashKey[bool]()  # the test's store holds the small civil service already (`database_url`)


def make(url: str) -> None:
    """The small civil service recorded into a new store and every view caught up, as `writable` leaves one."""
    with projected(url, populate, clock=f.Clock(START), batch_size=3):
        pass


@pytest.fixture(params=STORES)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test's store (tests/conftest.py's), but for a test asking for `writable`: a store of its own as `make`
    leaves one, made once per process (tests.stores.copy_of_made), where recording and catching up the people (in
    batches of 3) cost each such test 6-9 s of setup on PostgreSQL under load."""
    if "writable" not in request.fixturenames:
        yield str(request.getfixturevalue(f"{request.param}_url"))
        return
    request.node.stash[MADE] = True
    with copy_of_made(request, request.param, "training_people", make) as url:
        yield url


@pytest.fixture
def writable(request: pytest.FixtureRequest, ledger: CareerLog, projector: Projector) -> SqlStore:
    """The small civil service on a store of this test's own, which it may add to: made so (`database_url`), or
    recorded now."""
    if not request.node.stash.get(MADE, False):
        populate(ledger)
    projector.catch_up()
    return projector.views.sql


@pytest.fixture(scope="module")
def populated(shared_database_url: str) -> Iterator[SqlStore]:
    """The small civil service recorded and projected once per store, for the tests that only read it."""
    with projected(shared_database_url, populate, clock=f.Clock(START), batch_size=3) as views:
        yield views


def populate(app: CareerLog) -> None:
    """Seven employees, each confirmed as PNS a year after the appointment; every event recorded on 1 June 2026 (the
    clock) through the application."""

    def rec(name: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(NIP[name], kind, payload, actor="hr")

    def course(name: str, end: str, start: str, hours: int, **extra: Any) -> None:
        rec(name, "training", f.training(end, hours=hours, start=start, **extra))

    for name, (birth, tmt, sex, place, rank) in PEOPLE.items():
        above = ("appointment.starting_rank",) if rank != "III/a" else ()  # (eka's III/d: above S-1's III/a)
        app.record(
            NIP[name], "appointment", f.appointment(birth, tmt, sex, rank=rank, **place), actor="hr", confirmed=above
        )
        app.record(
            NIP[name], "confirmation", f.confirmation(f.a_year_after(tmt)), actor="hr", migration=f.as_stored(app)
        )  # a PNS (unconfirmed: a CPNS, not judged)
    # Programme P-LEAD: Ani and Bayu in Medan (2019), Fajar in Sumut (2020).
    course("ani", "2019-05-10", "2019-05-08", 24, programme_id="P-LEAD", cost="3000000")
    course("bayu", "2019-05-10", "2019-05-08", 24, programme_id="P-LEAD")
    course("fajar", "2020-06-15", "2020-06-13", 24, programme_id="P-LEAD", cost="2000000")
    rec("ani", "training_feedback", {"programme_id": "P-LEAD", "rating": 4, "relevance": 5, **day("2019-05-11")})
    rec("bayu", "training_feedback", {"programme_id": "P-LEAD", "rating": 2, "relevance": 3, **day("2019-05-12")})
    course("ani", "2020-02-01", "2020-02-01", 12)
    rec("ani", "rank_promotion", f.promotion("III/b", "2020-10-01"))
    rec("citra", "rank_promotion", f.promotion("III/b", "2020-10-01"))
    # Mentoring: Eka mentors Ani (ended), Fajar mentors Gita (open).
    rec("gita", "mentoring_start", {"mentor_nip": NIP["fajar"], "focus": "Audit", **day("2021-01-04")})
    rec("ani", "mentoring_start", {"mentor_nip": NIP["eka"], "focus": "Kepemimpinan", **day("2021-02-01")})
    rec("ani", "mentoring_session", {"mentor_nip": NIP["eka"], "topic": "Rencana", "minutes": 60, **day("2021-03-01")})
    rec("ani", "mentoring_session", {"mentor_nip": NIP["eka"], "topic": "Tinjauan", "minutes": 30, **day("2021-04-01")})
    rec("ani", "mentoring_end", {"mentor_nip": NIP["eka"], "reason": "Selesai", **day("2021-12-31")})
    rec("gita", "rank_promotion", f.promotion("III/b", "2022-04-01"))
    course("citra", "2022-03-10", "2022-03-08", 25)
    course("citra", "2022-08-01", "2022-08-01", 8, programme_id="P-DIG")
    course("dedi", "2022-09-01", "2022-08-30", 20)
    course("ani", "2022-11-01", "2022-11-01", 10)
    rec("bayu", "status_change", f.status("DISMISSED", "2022-06-01", reason="Mengundurkan diri"))
    rec("ani", "rank_promotion", f.promotion("III/c", "2022-10-01"))
    course("ani", "2023-05-03", "2023-05-01", 30)
    for name, year, predicate in [
        ("ani", 2022, "BAIK"),
        ("ani", 2023, "SANGAT_BAIK"),
        ("gita", 2022, "BAIK"),
        ("citra", 2022, "BAIK"),
        ("dedi", 2022, "KURANG"),
    ]:
        rec(name, "performance_rating", f.rating(year, predicate))


def day(iso: str) -> dict[str, str]:
    return {"effective_date": iso, "reference": f"REF-{iso}-{iso}"}


def dump(store: SqlStore) -> dict[str, list[dict[str, object]]]:
    tables = [*TrainingProjection.tables, *MentoringProjection.tables]
    return {t.name: store.query(f"SELECT * FROM {t.name} ORDER BY {', '.join(t.primary_key)}") for t in tables}


def test_catching_up_in_small_batches_gives_the_training_and_mentoring_tables_of_a_rebuild(
    ledger: CareerLog, projector: Projector
) -> None:
    populate(ledger)
    projector.catch_up()
    incremental = dump(projector.views.sql)
    assert [len(incremental[t]) for t in ("training", "mentoring", "mentoring_sessions", "mentoring_ratings")] == [
        9,
        2,
        2,
        5,
    ]
    projector.rebuild()
    assert dump(projector.views.sql) == incremental


def test_jp_by_year_lists_every_year_served_with_zero_years_and_the_rule_from_2017(populated: SqlStore) -> None:
    queries = TrainingQueries(populated, today=TODAY)
    bayu = queries.jp_by_year(NIP["bayu"])  # separated on 1 June 2022
    assert [(y["year"], y["hours"], y["target_jp"], y["met"]) for y in bayu["years"]] == [
        (2014, 0, None, None),
        (2015, 0, None, None),
        (2016, 0, None, None),
        (2017, 0, 20, False),
        (2018, 0, 20, False),
        (2019, 24, 20, True),
        (2020, 0, 20, False),
        (2021, 0, 20, False),
        (2022, 0, None, None),  # the year his service ended in: out of its staff on 31 December, not judged
    ]
    assert bayu["ended_years"] == [2022]
    ani = {y["year"]: (y["hours"], y["met"]) for y in queries.jp_by_year(NIP["ani"])["years"]}
    assert (min(ani), max(ani)) == (2015, 2026)
    assert (ani[2019], ani[2020], ani[2022], ani[2023], ani[2026]) == (
        (24, True),
        (12, False),
        (10, False),
        (30, True),
        (0, False),
    )
    with pytest.raises(NotFound):
        queries.jp_by_year(f.UNKNOWN_NIP)


def test_compliance_counts_the_staff_in_post_at_the_end_of_the_year_and_who_had_20_jp(populated: SqlStore) -> None:
    queries = TrainingQueries(populated, today=TODAY)
    by_agency = queries.compliance(2022)
    # Medan: Ani 10, Citra 33, Dedi 20, Eka 0 (Bayu left in June); Sumut: Fajar 0, Gita 0.
    assert [(r["agency"], r["staff"], r["met"], r["share"], r["hours"], r["average_hours"]) for r in by_agency] == [
        ("KOTA-MEDAN", 4, 2, 0.5, 63, 15.75),
        ("PROV-SUMUT", 2, 0, 0.0, 0, 0.0),
    ]
    assert (by_agency[0]["as_of"], by_agency[0]["target_jp"], by_agency[0]["year"]) == ("2022-12-31", 20, 2022)
    by_unit = queries.compliance(2022, by=("agency", "unit"))
    assert [(r["agency"], r["unit"], r["staff"], r["met"], r["hours"]) for r in by_unit] == [
        ("KOTA-MEDAN", "BKPSDM", 3, 1, 30),
        ("KOTA-MEDAN", "Bappeda", 1, 1, 33),
        ("PROV-SUMUT", "Inspektorat", 2, 0, 0),
    ]
    women = queries.compliance(2022, by=["region"], filters={"sex": "F"})
    assert [(r["region"], r["staff"], r["met"], r["share"]) for r in women] == [("12", 1, 0, 0.0), ("12.71", 2, 1, 0.5)]
    in_2019 = queries.compliance(2019)  # Bayu still in post
    assert [(r["agency"], r["staff"], r["met"], r["share"]) for r in in_2019] == [
        ("KOTA-MEDAN", 5, 2, 0.4),
        ("PROV-SUMUT", 2, 0, 0.0),
    ]
    before_rule = queries.compliance(2016)  # Citra, appointed in March 2016, was a CPNS on 31 December: not staff
    assert [(r["staff"], r["target_jp"], r["met"], r["share"]) for r in before_rule] == [(4, None, None, None)]
    current = queries.compliance(2026)
    assert [(r["as_of"], r["staff"], r["met"]) for r in current] == [("2026-06-30", 4, 0), ("2026-06-30", 2, 0)]


def test_compliance_leaves_out_staff_away_from_duty_on_the_counting_day(
    ledger: CareerLog, projector: Projector, writable: SqlStore
) -> None:
    ledger.record(NIP["gita"], "status_change", f.status("UNPAID_LEAVE", "2022-06-01"), actor="hr")
    ledger.record(NIP["gita"], "status_change", f.status("ACTIVE", "2023-06-01"), actor="hr")
    projector.catch_up()
    queries = TrainingQueries(writable, today=TODAY)
    assert [(r["agency"], r["staff"]) for r in queries.compliance(2022)] == [("KOTA-MEDAN", 4), ("PROV-SUMUT", 1)]
    assert [(r["agency"], r["staff"]) for r in queries.compliance(2023)] == [("KOTA-MEDAN", 4), ("PROV-SUMUT", 2)]


def pppk(app: CareerLog, birth: date, sex: str) -> str:
    """A PPPK of KOTA-MEDAN (grade IX) since March 2018."""
    nip = f.pppk_nip(birth, 2018, sex)
    payload = f.appointment(birth, date(2018, 3, 1), sex, employment_kind="PPPK", rank="IX", **MEDAN)
    app.record(nip, "appointment", {**payload, "recruitment_path": "PPPK"}, actor="hr")
    return nip


def test_a_programmes_promotions_count_those_who_can_be_promoted_in_rank(
    ledger: CareerLog, projector: Projector, writable: SqlStore
) -> None:
    """A PPPK is never promoted in rank (the contract has a grade): a programme's `promoted` and `promotion_rate` are
    of its participants who can be (`promotable`), and its comparable colleagues are such too. A PPPK participant was
    counted among them, unpromoted, and another PPPK of the grade among the comparable colleagues (the demo's
    PRG-2025-DIGITAL-01 counted 2 PPPK among its 19 participants)."""
    participant = pppk(ledger, date(1991, 8, 8), "F")
    pppk(ledger, date(1992, 9, 9), "M")  # a colleague of the grade who never took part
    taken = f.training("2019-05-10", 24, "2019-05-08", programme_id="P-LEAD")
    ledger.record(participant, "training", taken, actor="hr")
    projector.catch_up()
    [lead] = TrainingQueries(writable, today=TODAY).programmes({"programme_id": "P-LEAD"})
    # Ani, Bayu and Fajar as before (Ani promoted), and the PPPK: a participant, not compared
    assert (lead["participants"], lead["promotable"], lead["promoted"], lead["promotion_rate"]) == (4, 3, 1, 0.3333)
    assert (lead["comparable"], lead["comparable_promoted"]) == (3, 2)  # Citra, Dedi and Gita: not the other PPPK


def test_programmes_report_take_up_feedback_cost_and_promotions_against_comparable_staff(
    populated: SqlStore,
) -> None:
    queries = TrainingQueries(populated, today=TODAY)
    digital, lead = queries.programmes()  # by programme id
    assert lead == {
        "programme_id": "P-LEAD",
        "participants": 3,
        "completions": 3,
        "hours": 72,
        "first_end": "2019-05-10",
        "last_end": "2020-06-15",
        "costed_completions": 2,
        "total_cost": 5000000.0,
        "costed_hours": 48,
        "cost_per_jp": 104166.67,
        "other_spellings": [],  # P-LEAD recorded in one spelling
        "feedback_count": 2,
        "mean_rating": 3.0,
        "mean_relevance": 4.0,
        # Ani promoted (2020-10), Bayu and Fajar not; comparable: Citra and Dedi (Medan III/a on
        # 2019-05-10; Citra promoted 2020-10) and Gita (Sumut III/a on 2020-06-15; promoted 2022-04).
        "window_months": 24,
        "promotable": 3,  # none a PPPK
        "promoted": 1,
        "promotion_rate": 0.3333,
        "comparable": 3,
        "comparable_promoted": 2,
        "comparable_promotion_rate": 0.6667,
        "promotion_rate_difference": -0.3333,
        "window_complete": True,
    }
    # Citra (III/b on 2022-08-01) against Ani, the only other Medan III/b then (promoted 2022-10).
    assert (digital["participants"], digital["total_cost"], digital["cost_per_jp"], digital["mean_rating"]) == (
        1,
        None,
        None,
        None,
    )
    assert (digital["promoted"], digital["comparable"], digital["comparable_promoted"]) == (0, 1, 1)
    assert digital["promotion_rate_difference"] == -1.0
    short = queries.programmes({"programme_id": "P-LEAD"}, window_months=12)
    assert (short[0]["promoted"], short[0]["comparable_promoted"]) == (0, 0)
    sumut = queries.programmes({"agency": "PROV-SUMUT"})
    assert [(p["programme_id"], p["participants"], p["cost_per_jp"], p["feedback_count"]) for p in sumut] == [
        ("P-LEAD", 1, 83333.33, 0)
    ]
    assert (sumut[0]["promotion_rate"], sumut[0]["comparable_promotion_rate"]) == (0.0, 1.0)
    assert queries.programmes({"year": 2020, "kind": "TEKNIS"})[0]["participants"] == 1


def test_mentoring_of_shows_both_directions_with_sessions(populated: SqlStore) -> None:
    queries = MentoringQueries(populated, today=TODAY)
    ani = queries.mentoring_of(NIP["ani"])
    assert ani["mentoring"] == []
    [received] = ani["mentored_by"]
    assert (received["mentor_nip"], received["focus"], received["start_date"], received["end_date"]) == (
        NIP["eka"],
        "Kepemimpinan",
        "2021-02-01",
        "2021-12-31",
    )
    assert (received["sessions"], received["minutes"], received["rank"], received["open"]) == (2, 90, "III/b", False)
    assert received["session_list"] == [
        {"date": "2021-03-01", "topic": "Rencana", "minutes": 60},
        {"date": "2021-04-01", "topic": "Tinjauan", "minutes": 30},
    ]
    eka = queries.mentoring_of(NIP["eka"])
    assert ([r["mentee_nip"] for r in eka["mentoring"]], eka["mentored_by"]) == ([NIP["ani"]], [])
    assert [r["mentee_nip"] for r in queries.mentoring_of(NIP["fajar"])["mentoring"]] == [NIP["gita"]]
    with pytest.raises(NotFound):
        queries.mentoring_of(f.UNKNOWN_NIP)


def test_relationships_filter_by_the_mentees_agency_mentor_and_open_day(populated: SqlStore) -> None:
    queries = MentoringQueries(populated, today=TODAY)
    assert [r["mentee_nip"] for r in queries.relationships()] == [NIP["gita"], NIP["ani"]]
    assert [r["mentee_nip"] for r in queries.relationships({"agency": "KOTA-MEDAN"})] == [NIP["ani"]]
    assert [r["mentee_nip"] for r in queries.relationships({"mentor_nip": NIP["fajar"]})] == [NIP["gita"]]
    assert [r["mentee_nip"] for r in queries.relationships(open_on=date(2022, 6, 1))] == [NIP["gita"]]
    assert [r["mentee_nip"] for r in queries.relationships(open_on=date(2021, 12, 31))] == [NIP["gita"], NIP["ani"]]


def test_mentoring_outcomes_compare_mentees_with_never_mentored_peers_of_the_same_agency_and_rank(
    populated: SqlStore,
) -> None:
    queries = MentoringQueries(populated, today=TODAY)
    # Mentees: Ani (Medan III/b from 2021-02-01; promoted 2022-10; JP 10 + 30; SKP 4, 5) and Gita
    # (Sumut III/a from 2021-01-04; promoted 2022-04; no JP; SKP 4). Peers: Citra (Medan III/b;
    # JP 33 + 0; SKP 4) and Fajar (Sumut III/a; a mentor, never mentored; nothing).
    assert queries.mentoring_outcomes() == {
        "window_months": 24,
        "years": 2,
        "mentees": {
            "count": 2,
            "promoted": 2,
            "promotion_rate": 1.0,
            "person_years": 4,
            "jp_per_year": 10.0,
            "rated_years": 3,
            "mean_rating": 4.3333,
        },
        "peers": {
            "count": 2,
            "promoted": 0,
            "promotion_rate": 0.0,
            "person_years": 4,
            "jp_per_year": 8.25,
            "rated_years": 1,
            "mean_rating": 4.0,
        },
        "difference": {"promotion_rate": 1.0, "jp_per_year": 1.75, "mean_rating": 0.3333},
        "window_complete": True,
    }
    medan = queries.mentoring_outcomes({"agency": "KOTA-MEDAN"}, years=1)
    assert (medan["mentees"]["jp_per_year"], medan["mentees"]["mean_rating"]) == (10.0, 4.0)
    assert (medan["peers"]["count"], medan["peers"]["jp_per_year"], medan["peers"]["mean_rating"]) == (1, 33.0, 4.0)
    early = MentoringQueries(populated, today=date(2022, 7, 1)).mentoring_outcomes()
    assert (early["mentees"]["person_years"], early["window_complete"]) == (0, False)


BAD_CALLS: list[tuple[Callable[[SqlStore], object], str]] = [
    (lambda s: TrainingQueries(s, today=TODAY).compliance(2027), "year"),
    (lambda s: TrainingQueries(s, today=TODAY).compliance("twenty"), "year"),  # type: ignore[arg-type]
    (lambda s: TrainingQueries(s, today=TODAY).compliance(2022, by=("salary",)), "by"),
    (lambda s: TrainingQueries(s, today=TODAY).compliance(2022, by=()), "by"),
    (lambda s: TrainingQueries(s, today=TODAY).compliance(2022, filters={"colour": "x"}), "colour"),
    (lambda s: TrainingQueries(s, today=TODAY).programmes({"year": "last"}), "year"),
    (lambda s: TrainingQueries(s, today=TODAY).programmes({"cost": 1}), "cost"),
    (lambda s: TrainingQueries(s, today=TODAY).programmes(window_months=0), "window_months"),
    (lambda s: MentoringQueries(s, today=TODAY).relationships({"salary": 1}), "salary"),
    (lambda s: MentoringQueries(s, today=TODAY).relationships(open_on="2022-01-01"), "open_on"),  # type: ignore[arg-type]
    (lambda s: MentoringQueries(s, today=TODAY).mentoring_outcomes(window_months=500), "window_months"),
    (lambda s: MentoringQueries(s, today=TODAY).mentoring_outcomes(years=0), "years"),
]


@pytest.mark.parametrize(("call", "field"), BAD_CALLS)
def test_bad_query_parameters_name_the_field(
    populated: SqlStore, call: Callable[[SqlStore], object], field: str
) -> None:
    with pytest.raises(InvalidInput) as e:
        call(populated)
    assert field in e.value.errors


def test_filter_values_are_parameters_not_sql(populated: SqlStore) -> None:
    injected = "x' OR '1'='1"
    assert TrainingQueries(populated, today=TODAY).compliance(2022, filters={"agency": injected}) == []
    assert TrainingQueries(populated, today=TODAY).programmes({"unit": injected}) == []
    assert MentoringQueries(populated, today=TODAY).relationships({"focus": injected}) == []


def converted_in_the_views(views: SqlStore, nip: str, on: str) -> None:
    """The spells of `nip`, a PPPK of KOTA-MEDAN at grade IX since March 2018, as the views would hold a conversion to
    PNS at III/a on `on`: the PPPK spell ending then, a PNS one beginning (written into the views as such, and the row
    of a training after it at the rank then: no event records a change of employment kind under one NIP yet)."""
    with views.transaction() as sql:
        [spell] = sql.query("SELECT * FROM spells WHERE subject = ?", (nip,))
        sql.execute("UPDATE spells SET end_date = ? WHERE subject = ?", (on, nip))
        later = {**spell, "seq": 2, "start_date": on, "end_date": None, "rank": "III/a", "employment_kind": "PNS"}
        columns = list(later)
        sql.execute(
            f"INSERT INTO spells ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [later[c] for c in columns],
        )
        sql.execute("UPDATE training SET rank = ? WHERE subject = ? AND end_date >= ?", ("III/a", nip, on))


def test_a_programmes_participant_is_promotable_by_their_employment_kind_on_the_day_of_the_training(
    ledger: CareerLog, projector: Projector, writable: SqlStore
) -> None:
    """Per person on the day, not by agency: a PPPK converted to PNS on 1 January 2019 is promotable in a programme
    taken after (P-LEAD, 10 May 2019: compared with the Medan III/a then) and not in one taken before (as a PPPK, in
    2018); a PNS of an agency employing PPPK is promotable, the PPPK colleague of a grade never compared. Until
    2026-12-06 anyone ever a PPPK in the programme's agencies was left out on every day (P-LEAD: 3 promotable)."""
    converted = pppk(ledger, date(1991, 8, 8), "F")
    pppk(ledger, date(1992, 9, 9), "M")  # a PPPK of Medan who stays one
    ledger.record(converted, "training", f.training("2018-06-10", 8, "2018-06-08", programme_id="P-PPPK"), actor="hr")
    ledger.record(converted, "training", f.training("2019-05-10", 24, "2019-05-08", programme_id="P-LEAD"), actor="hr")
    projector.catch_up()
    converted_in_the_views(writable, converted, "2019-01-01")
    queries = TrainingQueries(writable, today=TODAY)
    [lead] = queries.programmes({"programme_id": "P-LEAD"})
    # Ani, Bayu and Fajar (PNS of agencies employing PPPK: Ani promoted) and the converted, a PNS on 10 May 2019
    assert (lead["participants"], lead["promotable"], lead["promoted"], lead["promotion_rate"]) == (4, 4, 1, 0.25)
    assert (lead["comparable"], lead["comparable_promoted"]) == (3, 2)  # Citra, Dedi and Gita: no PPPK
    [before] = queries.programmes({"programme_id": "P-PPPK"})
    assert (before["participants"], before["promotable"], before["promoted"]) == (1, 0, 0)  # a PPPK on the day
