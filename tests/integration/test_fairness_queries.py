"""Fairness and time-to-promotion queries on each store: employees recorded through the
application and projected (roster, spells, training); the promotion pool inserted as the
merit view's `promotion_rounds` rows."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.domain.errors import InvalidInput
from careerlog.domain.unit import unit_key
from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from careerlog.sqlstore import SqlStore
from projections.merit.audit import ROUNDS
from projections.merit.fairness import FairnessQueries
from tests import factories as f
from tests.conftest import STORES, projected
from tests.stores import LentSchema
from tests.unit.test_fairness_reference_promoted_every_time import PROMOTED_EVERY_TIME

# Each test has a store of its own (it may add the pool, drop a table...) holding the people recorded and every view
# caught up: a copy of one made once for the module, on one worker (`database_url` below).
pytestmark = pytest.mark.xdist_group("test_fairness_queries")

TODAY = date(2026, 6, 30)
MEDAN = {"agency": "KOTA-MEDAN", "unit": "BKPSDM", "region": "12.71"}
SUMUT = {"agency": "PROV-SUMUT", "unit": "Inspektorat", "region": "12"}

# name: (birth, TMT CPNS, sex, place)
PEOPLE: dict[str, tuple[date, date, str, dict[str, str]]] = {
    "ani": (date(1990, 1, 1), date(2015, 3, 1), "F", MEDAN),
    "bayu": (date(1989, 2, 2), date(2015, 3, 1), "M", MEDAN),
    "citra": (date(1991, 3, 3), date(2015, 3, 1), "F", SUMUT),
    "dedi": (date(1987, 4, 4), date(2015, 3, 1), "M", MEDAN),
    "eka": (date(1978, 5, 5), date(2015, 3, 1), "M", SUMUT),
    "fajar": (date(1992, 6, 6), date(2015, 3, 1), "M", SUMUT),
}
NIP = {name: f.nip(b, t, s, sequence=60 + i) for i, (name, (b, t, s, _)) in enumerate(PEOPLE.items())}
# a PPPK (grade IX from 2016, never promoted in rank: PPPK hold contract grades), left out of time to promotion
GITA = (date(1990, 7, 7), date(2016, 3, 1), "F")
NIP["gita"] = f.pppk_nip(GITA[0], GITA[1].year, GITA[2])


CLOCK = f.Clock(datetime.fromisoformat("2026-06-01T02:00:00+00:00"))
MADE = pytest.StashKey[bool]()  # the test's store holds the people already (this module's `database_url`)


def make(url: str) -> None:
    """The people recorded (populate) into a new store and every view caught up."""
    with projected(url, populate, clock=CLOCK):
        pass


@pytest.fixture(scope="module")
def made_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("made") / "careerlog.db"
    make(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="module")
def made_postgres() -> Iterator[LentSchema[None]]:
    made = LentSchema(make, "t_fairness")
    yield made
    made.drop()


@pytest.fixture(params=STORES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store of the test's own as `make` leaves it, made once for the module: on SQLite a copy of the made file
    (sqlite3's backup), on PostgreSQL the made schema lent to the test and put back as made after it
    (tests.stores.LentSchema; made again when the test changed its tables)."""
    request.node.stash[MADE] = True
    if request.param == "sqlite":
        path = tmp_path / "careerlog.db"
        with (
            closing(sqlite3.connect(request.getfixturevalue("made_sqlite"))) as made,
            closing(sqlite3.connect(path)) as copy,
        ):
            made.backup(copy)
        yield f"sqlite:///{path}"
        return
    with request.getfixturevalue("made_postgres").lend() as (url, _):
        yield url


@pytest.fixture
def store(request: pytest.FixtureRequest, database_url: str) -> Iterator[SqlStore]:
    """The views of the test's store with the people recorded (populate) and every view caught up: in this module
    made so (`database_url`), in a module that imports this fixture recorded now into its store."""
    with projected(
        database_url, (lambda app: None) if request.node.stash.get(MADE, False) else populate, CLOCK
    ) as views:
        yield views


def populate(app: CareerLog) -> None:
    def rec(name: str, kind: str, payload: dict[str, Any]) -> None:
        app.record(NIP[name], kind, payload, actor="hr")

    for name, (birth, tmt, sex, place) in PEOPLE.items():
        rec(name, "appointment", f.appointment(birth, tmt, sex, rank="III/a", **place))
    rec("bayu", "rank_promotion", f.promotion("III/b", "2019-04-01"))
    rec("dedi", "rank_promotion", f.promotion("III/b", "2019-10-01"))
    rec("eka", "rank_promotion", f.promotion("III/b", "2020-04-01"))
    rec("ani", "rank_promotion", f.promotion("III/b", "2021-04-01"))
    rec("fajar", "status_change", f.status("DISMISSED", "2018-06-01", reason="Mengundurkan diri"))
    rec("ani", "training", f.training("2017-05-10", hours=30, start="2017-05-08"))
    pppk = f.appointment(*GITA, employment_kind="PPPK", rank="IX", recruitment_path="PPPK", **MEDAN)
    rec("gita", "appointment", pppk)


def add_pool(store: SqlStore) -> None:
    """In place of the merit view's rows, two rounds: 2019-04-01 (men 1 of 3, women 0 of 2) and
    2019-10-01 (men 1 of 2, women 0 of 2)."""
    rows = []
    for day, promoted, eligible in [
        ("2019-04-01", {"bayu"}, ["ani", "bayu", "citra", "dedi", "eka"]),
        ("2019-10-01", {"dedi"}, ["ani", "citra", "dedi", "eka"]),
    ]:
        for name in eligible:
            birth, _, sex, place = PEOPLE[name]
            score = 90.0 if name in promoted else 80.0
            rows.append(
                [
                    NIP[name],
                    day,
                    place["agency"],
                    place["unit"],
                    unit_key(place["unit"]),
                    place["region"],
                    "III/a",
                    "PNS",
                    sex,
                    "S1",
                    birth.isoformat(),
                    "CPNS",
                    1,
                    int(name in promoted),
                    day if name in promoted else None,  # tmt: the promotion's, on the round date
                    score,
                    10.0,
                    1000,
                    None,  # known_from, decided_at: the passed-over comparison's, not the pools'
                    None,
                ]
            )
    with store.transaction() as sql:
        sql.execute("DELETE FROM promotion_rounds")
        sql.executemany(ROUNDS.insert_statement(), rows)


def groups(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["group"]: g for g in result["groups"]}


def test_fairness_by_sex_pools_the_rounds_of_the_period(store: SqlStore) -> None:
    add_pool(store)
    result = FairnessQueries(store, today=TODAY).fairness("sex", min_cell=1)
    assert (result["reference"], result["rounds"]) == ("M", 2)
    women, men = groups(result)["F"], groups(result)["M"]
    assert (men["eligible"], men["promoted"], men["selection_rate"]) == (5, 2, 0.4)
    assert (women["eligible"], women["promoted"], women["impact_ratio"]) == (4, 0, 0.0)
    assert women["adverse_impact"] is True
    assert women["p_fisher"] == 0.4444  # [[2, 3], [0, 4]], two-sided
    assert women["shortfall"] == 0.89  # 4 * 2/9 - 0


def test_fairness_filters_period_and_scope_and_flags_small_cells(store: SqlStore) -> None:
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    result = queries.fairness(["sex", "agency"], start="2019-10-01", scope={"agency": "KOTA-MEDAN"})
    assert result["period"] == {"from": "2019-10-01", "to": TODAY.isoformat()}  # (the day counted to: today)
    assert {g: (c["eligible"], c["suppressed"]) for g, c in groups(result).items()} == {
        "F / KOTA-MEDAN": (1, True),
        "M / KOTA-MEDAN": (1, True),
    }
    assert result["reference"] is None


def test_fairness_by_age_band_uses_the_age_on_each_round_date(store: SqlStore) -> None:
    add_pool(store)
    result = FairnessQueries(store, today=TODAY).fairness("age_band", min_cell=1)
    # on 2019-04-01 Ani (1990) and Bayu (Feb 1989) are 29/30, Citra 28, Dedi 31, Eka 40
    assert {g: c["eligible"] for g, c in groups(result).items()} == {"26-30": 5, "31-35": 2, "36-40": 1, "41-45": 1}


def test_bad_input_names_the_field(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    for call, field in [
        (lambda: queries.fairness("height"), "by"),
        (lambda: queries.fairness("sex", end="2019-02-30"), "to"),
        (lambda: queries.fairness("sex", scope={"rank": "III/a"}), "rank"),
        (lambda: queries.time_to_promotion("sex,agency,region"), "by"),
    ]:
        with pytest.raises(InvalidInput) as error:
            call()
        assert list(error.value.errors) == [field]


def test_time_to_promotion_censors_leavers_and_those_still_waiting(store: SqlStore) -> None:
    with store.transaction() as sql:
        sql.execute("DROP TABLE promotion_rounds")  # no pool: no performance covariate
    result = FairnessQueries(store, today=TODAY).time_to_promotion("sex", min_cell=1)
    women, men = result["groups"]
    assert (women["group"], women["n"], women["promoted"], women["censored"]) == ("F", 3, 1, 2)
    # men: Bayu, Dedi, Eka promoted from III/a; Fajar left; their III/b spells still waiting
    assert (men["group"], men["n"], men["promoted"], men["censored"]) == ("M", 7, 3, 4)
    # Fajar censored at 3.25 years; Bayu, Dedi, Eka promoted after 4.08, 4.59, 5.09 years
    assert [(p["years"], p["survival"]) for p in men["curve"]] == [
        (0.0, 1.0),
        (4.08, 0.8333),
        (4.59, 0.6667),
        (5.09, 0.5),
    ]
    assert result["logrank"]["df"] == 1
    assert result["cox"]["covariates"] == ["education", "training_jp"]
    assert result["cox"]["reference_group"] == "M"
    # ten rank spells, one woman promoted: lifelines' fit ends with its step still large (a coefficient running off,
    # "norm(delta) is still high") at every step size tried, so no hazard ratio is given (6c044f93; it printed the
    # terms beside lifelines' warning)
    assert result["cox"]["terms"] == []
    assert "The Cox model did not converge" in result["cox"]["error"]
    assert "Refitted with smaller steps (0.5, 0.25): not converged either." in result["cox"]["error"]


def test_time_to_promotion_leaves_out_the_rank_spells_of_pppk(store: SqlStore) -> None:
    # Gita, a PPPK in grade IX since 2016, is never promoted in rank: counted, her spell was a woman still waiting
    queries = FairnessQueries(store, today=TODAY)
    assert store.scalar("SELECT COUNT(*) FROM spells WHERE employment_kind = 'PPPK'") == 1
    by_kind = queries.time_to_promotion("employment_kind", min_cell=1)
    assert [(g["group"], g["n"], g["promoted"]) for g in by_kind["groups"]] == [("PNS", 10, 4)]
    assert [g["n"] for g in queries.time_to_promotion("sex", min_cell=1)["groups"]] == [3, 7]
    assert by_kind["employment_kinds"] == ["PNS"]


def test_time_to_promotion_of_one_group_says_why_it_is_not_tested(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    by_kind = queries.time_to_promotion("employment_kind", min_cell=1)
    assert (by_kind["logrank"], by_kind["cox"], by_kind["untested"]) == (None, None, "fewer_than_two_groups")
    by_sex = queries.time_to_promotion("sex", min_cell=1)
    assert by_sex["logrank"] is not None
    assert by_sex["untested"] is None
    # every group under min_cell: none shown, none tested
    assert queries.time_to_promotion("sex", min_cell=100)["untested"] == "fewer_than_two_groups"


def test_time_to_promotion_takes_nothing_from_the_pool_rounds(store: SqlStore) -> None:
    # the pool's scores are 90 for the promoted, 80 for the others, none for Fajar, who left: the old covariate
    # (the mean score over the pool rounds, with an indicator of none) separated promoted from waiting
    queries = FairnessQueries(store, today=TODAY)
    without = queries.time_to_promotion("sex", min_cell=1, end="2020-12-31")
    add_pool(store)
    result = queries.time_to_promotion("sex", min_cell=1, end="2020-12-31")
    assert result == without
    cox = result["cox"]
    # nobody here has an SKP rating before a rank began: no performance covariate
    assert cox["covariates"] == ["education", "training_jp"]
    assert [g["promoted"] for g in result["groups"]] == [0, 3]
    # the women, none promoted, have no estimable hazard ratio: left out of the model, which has one group left
    # (until 2026-12-05 their term was fitted, its hazard ratio 0: docs/fairness.md, "Levels not estimable")
    assert [o["term"] for o in cox["left_out"]] == ["group: F"]
    assert (cox["terms"], cox["error"][:15]) == ([], "Too little data")


def test_time_to_promotion_by_several_dimensions_answers_as_each_one_alone(store: SqlStore) -> None:
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    bys = ["sex", "education", ("sex", "education")]
    together = queries.time_to_promotion_by(bys, min_cell=1, end="2024-12-31")
    assert together == [queries.time_to_promotion(by, min_cell=1, end="2024-12-31") for by in bys]
    assert queries.time_to_promotion_by(bys, min_cell=1, end="2024-12-31", jobs=2) == together  # in processes
    assert [r["by"] for r in together] == [["sex"], ["education"], ["sex", "education"]]


def audit(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["audit", *args], env={"CAREERLOG_DATABASE_URL": database_url})


def test_audit_fairness_command_prints_json_csv_and_a_table(store: SqlStore, database_url: str) -> None:
    add_pool(store)
    as_json = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)["reference"] == "M"
    as_csv = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["group"], r["eligible"], r["impact_ratio"], r["adverse_impact"]) for r in rows] == [
        ("M", "5", "1.0", "false"),
        ("F", "4", "0.0", "true"),
    ]
    table = audit(database_url, "fairness", "--by", "sex,agency", "--agency", "KOTA-MEDAN")
    assert "reference: -; rounds: 2" in table.output  # (no group of 5 to be the reference: it read "None")
    # the rule's threshold and level, as the answer's four_fifths and alpha say
    said = "adverse impact: a ratio under 0.8; significant: adjusted p at most 0.05 (rule fairness.adverse_impact, "
    assert f"{said}version from 1974-01-01)" in table.output
    assert table.output.splitlines()[0].split()[:3] == ["group", "eligible", "promoted"]


def test_audit_time_to_promotion_command_reports_log_rank_and_cox(store: SqlStore, database_url: str) -> None:
    result = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1")
    assert result.exit_code == 0, result.output
    assert "log-rank: chi2" in result.output
    said = "Cox (reference M, adjusted for education, training_jp; standard errors clustered by employee):"
    assert said in result.output


def test_audit_time_to_promotion_command_by_employment_kind_says_why_it_is_not_tested(
    store: SqlStore, database_url: str
) -> None:
    result = audit(database_url, "time-to-promotion", "--by", "employment_kind", "--min-cell", "1")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()[1:2]] == ["PNS"]  # the one group, no PPPK
    assert "rank spells of PNS only: PPPK hold contract grades, never promoted in rank" in result.output
    assert "log-rank: - (no test nor Cox model: they need two groups of at least 1)" in result.output
    as_json = json.loads(audit(database_url, "time-to-promotion", "--by", "employment_kind", "--format", "json").output)
    assert (as_json["untested"], as_json["employment_kinds"]) == ("fewer_than_two_groups", ["PNS"])
    assert [g["group"] for g in as_json["groups"]] == ["PNS"]


def test_audit_time_to_promotion_csv_carries_why_on_each_row(store: SqlStore, database_url: str) -> None:
    # as it carries `suppressed`: the CSV is for machines, and had one row PNS and no word why it was not tested
    one = audit(database_url, "time-to-promotion", "--by", "employment_kind", "--min-cell", "1", "--format", "csv")
    assert one.exit_code == 0, one.output
    assert one.output.splitlines()[0].split(",")[-2:] == ["suppressed", "untested"]
    assert [(r["group"], r["untested"]) for r in csv.DictReader(io.StringIO(one.output))] == [
        ("PNS", "fewer_than_two_groups")
    ]
    two = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1", "--format", "csv")
    assert [r["untested"] for r in csv.DictReader(io.StringIO(two.output))] == ["", ""]


def test_fairness_by_employment_kind_has_one_group_and_says_why_nothing_is_compared(store: SqlStore) -> None:
    # the merit view puts Gita, a PPPK, in no round (she is never eligible for a 101): the pools are of PNS only
    assert store.scalar("SELECT COUNT(*) FROM promotion_rounds WHERE subject = ?", (NIP["gita"],)) == 0
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    by_kind = queries.fairness("employment_kind", min_cell=1)
    assert [(g["group"], g["eligible"], g["untested"]) for g in by_kind["groups"]] == [
        ("PNS", 9, "fewer_than_two_groups")
    ]
    assert (by_kind["employment_kinds"], by_kind["untested"]) == (["PNS"], "fewer_than_two_groups")
    by_sex = queries.fairness("sex", min_cell=1)
    assert (by_sex["employment_kinds"], by_sex["untested"]) == (["PNS"], None)
    assert [g["untested"] for g in by_sex["groups"]] == [None, None]
    # every group under min_cell: none shown, none compared; the scorecard's answer (no detail) says it alike
    assert queries.fairness("sex", min_cell=100)["untested"] == "fewer_than_two_groups"
    assert queries.fairness("employment_kind", min_cell=1, detail=False)["untested"] == "fewer_than_two_groups"


def test_fairness_of_groups_nobody_in_was_promoted_says_why_nothing_is_compared(store: SqlStore) -> None:
    # North Sumatra's pools: Citra (F) and Eka (M), in both rounds, neither promoted; two groups shown, no rate to
    # compare (0 / 0): the answer said nothing (`untested` null) and the other group's ratio was null with no word why
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    sumut = queries.fairness("sex", scope={"agency": "PROV-SUMUT"}, min_cell=1)
    assert [(g["group"], g["eligible"], g["promoted"]) for g in sumut["groups"]] == [("F", 2, 0), ("M", 2, 0)]
    assert sumut["untested"] == "nobody_promoted"
    assert [g["untested"] for g in sumut["groups"]] == ["nobody_promoted", "nobody_promoted"]
    assert [g["p_fisher"] for g in sumut["groups"]] == [None, None]
    # Medan's pools hold Bayu's and Dedi's promotions: compared
    assert queries.fairness("sex", scope={"agency": "KOTA-MEDAN"}, min_cell=1)["untested"] is None


def test_time_to_promotion_of_groups_nobody_in_was_promoted_has_no_test(store: SqlStore, database_url: str) -> None:
    # by the end of 2018 nobody had been promoted (the first, Bayu, in April 2019): a log-rank test of no event gave
    # chi2 0 and p 1, which reads as "the groups are alike", and the Cox model an error
    queries = FairnessQueries(store, today=TODAY)
    early = queries.time_to_promotion("sex", end="2018-12-31", min_cell=1)
    assert [(g["group"], g["promoted"]) for g in early["groups"]] == [("F", 0), ("M", 0)]
    assert (early["logrank"], early["cox"], early["untested"]) == (None, None, "nobody_promoted")
    assert queries.time_to_promotion("sex", end="2019-12-31", min_cell=1)["untested"] is None
    said = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1", "--to", "2018-12-31")
    assert said.exit_code == 0, said.output
    assert "log-rank: - (no test nor Cox model: nobody in the groups shown was promoted)" in said.output


def test_audit_fairness_command_by_employment_kind_says_why_nothing_is_compared(
    store: SqlStore, database_url: str
) -> None:
    add_pool(store)
    table = audit(database_url, "fairness", "--by", "employment_kind", "--min-cell", "1")
    assert table.exit_code == 0, table.output
    assert [line.split()[0] for line in table.output.splitlines()[1:2]] == ["PNS"]
    assert "pools of PNS only: PPPK hold contract grades, never promoted in rank" in table.output
    assert "impact ratios: - (no comparison: they need two groups of at least 1)" in table.output
    as_csv = audit(database_url, "fairness", "--by", "employment_kind", "--min-cell", "1", "--format", "csv")
    assert as_csv.output.splitlines()[0].split(",")[-3:] == ["pool", "untested", "count"]
    assert [(r["group"], r["untested"]) for r in csv.DictReader(io.StringIO(as_csv.output))] == [
        ("PNS", "fewer_than_two_groups")
    ]
    as_json = json.loads(audit(database_url, "fairness", "--by", "employment_kind", "--format", "json").output)
    assert (as_json["untested"], as_json["employment_kinds"]) == ("fewer_than_two_groups", ["PNS"])
    by_sex = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1")
    assert "impact ratios: -" not in by_sex.output
    assert "pools of PNS only" in by_sex.output


def test_audit_commands_reject_bad_input_naming_the_option(store: SqlStore, database_url: str) -> None:
    result = audit(database_url, "fairness", "--by", "sex,agency,region")
    assert result.exit_code == 1
    assert "by: At most 2 dimensions" in result.output


def test_the_rank_spells_fitted_hold_only_what_the_dimensions_and_covariates_use(store: SqlStore) -> None:
    from projections.merit.fairness import Request

    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    runs, covariates = queries._rank_spells(Request.checked("sex", None, "2024-12-31", None, 1), "2024-12-31")
    # the subject, rank, stop and unit served the reading (spells, training, performance, scope): a million
    # employees' rank spells held through every fit without them
    assert not {"subject", "rank", "stop", "unit"} & set(runs.columns)
    assert {"start", "years", "promoted", "birth_date", *covariates} <= set(runs.columns)


AWKWARD = ["plain", "", " spaced ", "a,comma", 'a "quote"', "two\nlines", "tab\there", "back\\slash", "ünïcödé", None]


def test_frames_read_by_copy_are_those_read_as_rows(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import projections.merit.fairness as fairness

    # enough rows for several blocks of the COPY's data (a megabyte each), every awkward text and missing values
    rows = [(i, AWKWARD[i % len(AWKWARD)], f"{i % 997:05d}", None if i % 7 == 0 else i % 13) for i in range(40_000)]
    with store.transaction() as sql:
        sql.execute("CREATE TABLE awkward (id INTEGER, label TEXT, code TEXT, hours INTEGER)")
        sql.executemany("INSERT INTO awkward VALUES (?, ?, ?, ?)", rows)
    queries = FairnessQueries(store, today=TODAY)
    columns = ["id", "label", "code", "hours"]
    asked = [
        ("SELECT id, label, code, hours FROM awkward ORDER BY id", columns),
        ("SELECT id, label, code, hours FROM awkward WHERE id % 7 = 0 ORDER BY id", columns),  # hours all missing
        ("SELECT id, label, code, hours FROM awkward WHERE id < 0", columns),
        ("SELECT id, label, code, hours / 2.0 AS hours FROM awkward ORDER BY id", columns),  # not copied: numeric
    ]
    copied = [fairness.copied_frame(store, statement, names) is not None for statement, names in asked]
    assert copied == ([True, True, True, False] if store.dialect == "postgres" else [False] * 4)
    found = {c: [queries._frame(s, n, categorical=c) for s, n in asked] for c in (False, True)}
    monkeypatch.setattr(fairness, "copied_frame", lambda *args: None)
    for categorical, frames in found.items():
        for (statement, names), frame in zip(asked, frames, strict=True):
            rows_read = queries._frame(statement, names, categorical=categorical)
            assert len(frame) == len(rows_read)
            for name in names:
                assert values(frame[name]) == values(rows_read[name]), (statement, name)
            if len(frame) and "% 7" not in statement:  # rows with every hour missing: float (NaN), not objects
                assert frame.dtypes.astype(str).to_dict() == rows_read.dtypes.astype(str).to_dict(), statement


def values(column: Any) -> list[Any]:
    """A column's values, missing as None."""
    return [None if v is None or v != v else v for v in column.tolist()]


def rules_with_two_adverse_impact_versions(path: Path) -> Path:
    """The bundled rules with fairness.adverse_impact in two versions: the bundled params until 2019-07-01, then a
    threshold of 0.9, an alpha of 0.5 and a min_cell of 4."""
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index('id = "fairness.adverse_impact"')
    end = text.index("[[rules]]", start)
    head = 'id = "fairness.adverse_impact"\ntitle = "t"\nsource = "s"\nstatus = "I"\n'
    versions = (
        f"{head}valid_from = 1974-01-01\nvalid_to = 2019-07-01\n[rules.params]\nthreshold = 0.8\nmin_cell = 5\n"
        f"alpha = 0.05\n\n[[rules]]\n{head}valid_from = 2019-07-01\n[rules.params]\nthreshold = 0.9\nmin_cell = 4\n"
        "alpha = 0.5\n\n"
    )
    path.write_text(text[:start] + versions + text[end:], encoding="utf-8")
    return path


def test_fairness_is_judged_by_the_rule_in_force_on_the_pools_last_round(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_pool(store)  # rounds 2019-04-01 and 2019-10-01: men 2 of 5, women 0 of 4 (Fisher p 0.4444)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_with_two_adverse_impact_versions(tmp_path / "rules.toml")))
    queries = FairnessQueries(store, today=TODAY)
    later = queries.fairness("sex")  # the last round, 2019-10-01: the later version
    assert {k: later[k] for k in ("four_fifths", "alpha", "min_cell", "rule", "rule_from")} == {
        "four_fifths": 0.9,
        "alpha": 0.5,
        "min_cell": 4,
        "rule": "fairness.adverse_impact",
        "rule_from": "2019-07-01",
    }
    women = groups(later)["F"]
    assert (women["suppressed"], women["p_fisher_adjusted"], women["significant"]) == (False, 0.4444, True)
    # a min_cell given overrides the rule's
    given = queries.fairness("sex", min_cell=5)
    assert (given["min_cell"], groups(given)["F"]["suppressed"], given["four_fifths"]) == (5, True, 0.9)
    # the first round alone: the earlier version (women 0 of 2, under its min_cell of 5)
    earlier = queries.fairness("sex", end="2019-06-30")
    assert (earlier["four_fifths"], earlier["alpha"], earlier["min_cell"], earlier["rule_from"]) == (
        0.8,
        0.05,
        5,
        "1974-01-01",
    )
    assert groups(earlier)["F"]["suppressed"] is True
    # time to promotion's smallest group: the rule's in force on the period's last day (today here)
    assert queries.time_to_promotion("sex")["min_cell"] == 4
    assert queries.time_to_promotion("sex", min_cell=2)["min_cell"] == 2


def test_the_impact_ratios_interval_is_at_the_level_of_the_rules_alpha(
    store: SqlStore, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_pool(store)  # its last round, 2019-10-01, judged by the later version: an alpha of 0.5
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_with_two_adverse_impact_versions(tmp_path / "rules.toml")))
    queries = FairnessQueries(store, today=TODAY)
    assert queries.fairness("sex")["impact_ratio_ci_level"] == 0.5
    assert queries.fairness("sex", end="2019-06-30")["impact_ratio_ci_level"] == 0.95  # the earlier, 0.05
    monkeypatch.delenv(RULES_FILE_ENV)  # (the command reads the views judged by the bundled rules)
    table = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1")
    assert "impact_ratio_ci: the 95% interval (1 - alpha)" in table.output
    as_json = json.loads(audit(database_url, "fairness", "--by", "sex", "--format", "json").output)
    assert (as_json["alpha"], as_json["impact_ratio_ci_level"]) == (0.05, 0.95)


def test_the_command_answers_by_a_changed_fairness_rule_without_the_views_refilled(
    store: SqlStore, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The views filled under the bundled rules, a shell whose rules change only fairness.adverse_impact (read when
    the answer is asked, never by a view's rows) is answered by them: it was refused, the merit view's rows said to
    be judged by other rules (the digest of the whole file)."""
    add_pool(store)
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_with_two_adverse_impact_versions(tmp_path / "rules.toml")))
    table = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1")
    assert table.exit_code == 0, table.output
    assert "significant: adjusted p at most 0.5 (rule fairness.adverse_impact, version from 2019-07-01)" in table.output
    assert "impact_ratio_ci: the 50% interval (1 - alpha)" in table.output


def test_time_to_promotion_from_a_day_enters_the_rank_spells_in_progress_then(store: SqlStore) -> None:
    # from 2019-07-01: Ani's, Citra's, Dedi's and Eka's III/a (since 2015) and Bayu's III/b (since 2019-04-01) are in
    # progress, and enter at their years in rank then (delayed entry); Bayu's III/a ended before it (out), Fajar left
    # in 2018 (out). Only the spells begun from it (Dedi's, Eka's and Ani's III/b) were counted before: no promotion.
    result = FairnessQueries(store, today=TODAY).time_to_promotion("sex", start="2019-07-01", min_cell=1)
    assert result["entered_late"] == 5
    assert {g: (c["n"], c["promoted"]) for g, c in groups(result).items()} == {"F": (3, 1), "M": (5, 2)}
    assert result["untested"] is None
    assert result["logrank"] is not None
    # Dedi's III/a entered at 4.33 years and was promoted at 4.59: the men's curve falls there first
    men = groups(result)["M"]
    assert [point["years"] for point in men["curve"]] == [0.0, 4.59, 5.09]
    # the cumulative incidence is of the spells begun from that day alone (no library fits it with delayed entry)
    assert men["incidence"] == []


def test_time_to_promotions_intervals_are_at_the_level_of_the_rules_alpha(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = FairnessQueries(store, today=TODAY)
    at_5 = queries.time_to_promotion("sex", min_cell=1, end="2024-12-31")
    # the rule's later version (from 2019-07-01) has an alpha of 0.5: a 50% interval, narrower than the 95% one
    monkeypatch.setenv(RULES_FILE_ENV, str(rules_with_two_adverse_impact_versions(tmp_path / "rules.toml")))
    at_50 = queries.time_to_promotion("sex", min_cell=1, end="2024-12-31")
    assert (at_5["alpha"], at_5["ci_level"], at_50["alpha"], at_50["ci_level"]) == (0.05, 0.95, 0.5, 0.5)
    assert (at_50["rule"], at_50["rule_from"]) == ("fairness.adverse_impact", "2019-07-01")
    for wide, narrow in zip(at_5["groups"], at_50["groups"], strict=True):
        assert [p["survival"] for p in wide["curve"]] == [p["survival"] for p in narrow["curve"]]
        step = -1  # the curve's last step, below 1
        assert wide["curve"][step]["low"] < narrow["curve"][step]["low"] <= narrow["curve"][step]["survival"]


def test_time_to_promotions_cox_errors_are_clustered_by_employee(store: SqlStore) -> None:
    queries = FairnessQueries(store, today=TODAY)
    # Bayu, Dedi, Eka and Ani have two rank spells each (III/a, III/b): one cluster each
    assert queries.time_to_promotion("sex", min_cell=1, end="2024-12-31")["cox"]["standard_errors"] == (
        "clustered_by_employee"
    )
    # with spells entered late, lifelines' clustered errors would not take their entry times: model-based
    late = queries.time_to_promotion("sex", start="2019-07-01", min_cell=1)
    assert late["cox"]["standard_errors"] == "model_based"


def add_pool_by_education(store: SqlStore, cells: list[tuple[str, str, int, int]]) -> None:
    """In place of the merit view's rows, (round date, education, pool, promoted) of people made up for them."""
    rows: list[list[Any]] = []
    for day, education, pool, promoted in cells:
        place = [day, "KOTA-MEDAN", "BKPSDM", unit_key("BKPSDM"), "12.71"]
        for i in range(pool):
            subject = f"1990{len(rows):06d}2015031001"[:18]
            chosen = i < promoted
            scores = [day if chosen else None, 80.0, 10.0, 1000, None, None]  # tmt, score... as add_pool's
            rows.append(
                [subject, *place, "III/a", "PNS", "M", education, "1990-01-01", "CPNS", 1, int(chosen), *scores]
            )
    with store.transaction() as sql:
        sql.execute("DELETE FROM promotion_rounds")
        sql.executemany(ROUNDS.insert_statement(), rows)


def test_a_reference_promoted_every_time_gives_no_interval_claiming_a_gap_fisher_and_cmh_do_not_find(
    store: SqlStore, database_url: str
) -> None:
    add_pool_by_education(store, PROMOTED_EVERY_TIME)
    found = groups(FairnessQueries(store, today=TODAY).fairness("education"))
    as_json = json.loads(audit(database_url, "fairness", "--by", "education", "--format", "json").output)
    assert as_json["reference"] == "D-II"
    for answer in (found, groups(as_json)):
        for name in ("SLTA", "S-1"):
            group = answer[name]
            assert (group["p_fisher"] > 0.05, group["p_cmh"] > 0.05, group["significant"]) == (True, True, False)
            low, high = group["impact_ratio_ci"]
            assert low < 1 < high, (name, group["impact_ratio_ci"])  # SLTA's was [0.8881, 0.9495]
        assert answer["SLTA"]["impact_ratio_ci"] == [0.8821, 1.0962]
