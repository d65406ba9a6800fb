"""The selection rates counted by person (`count=person`): among the people in a pool of some round of the period, each
once, how many were promoted in it (fairness-methods.md: "among the people who were eligible for promotion in a
period, were some groups promoted less often"). Counted by round (the default, as before) a person eligible in two
rounds is two trials. A person's group is their group at their first eligible round of the period. Both stores;
the counts are grouped in SQL."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from careerlog.domain.errors import InvalidInput
from careerlog.domain.unit import unit_key
from careerlog.sqlstore import SqlStore
from projections.merit.audit import ROUNDS
from projections.merit.fairness import FairnessQueries
from tests.integration.test_fairness_queries import NIP, PEOPLE, TODAY, add_pool, audit, groups, store  # noqa: F401 (the fixture)

pytestmark = pytest.mark.made_store


def counts(result: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    """Each group's pool, promoted and promoted out of rule."""
    return {g: (c["eligible"], c["promoted"], c["promoted_out_of_rule"]) for g, c in groups(result).items()}


def test_by_person_each_person_of_the_period_is_counted_once(store: SqlStore) -> None:  # noqa: F811
    # 2019-04-01: ani, bayu*, citra, dedi, eka; 2019-10-01: ani, citra, dedi*, eka (* promoted)
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    by_round = queries.fairness("sex", min_cell=1)
    assert by_round["count"] == "round"
    assert counts(by_round) == {"M": (5, 2, 0), "F": (4, 0, 0)}
    by_person = queries.fairness("sex", min_cell=1, count="person")
    assert by_person["count"] == "person"
    # men: bayu, dedi, eka (bayu and dedi promoted); women: ani, citra
    assert counts(by_person) == {"M": (3, 2, 0), "F": (2, 0, 0)}
    men, women = groups(by_person)["M"], groups(by_person)["F"]
    assert (men["selection_rate"], women["impact_ratio"], men["reference"]) == (0.6667, 0.0, True)
    assert women["p_fisher"] == 0.4  # [[2, 1], [0, 2]], two-sided: 0.3 + 0.1
    assert women["shortfall"] == 0.8  # 2 * 2/5 - 0
    # the rounds counted are the pools' rounds, not the people's first; no CMH test: a person is in one stratum
    assert (by_person["rounds"], by_person["first_round"], by_person["last_round"]) == (2, "2019-04-01", "2019-10-01")
    assert (women["mh_odds_ratio"], women["p_cmh"]) == (None, None)
    assert groups(by_round)["F"]["p_cmh"] is not None


def test_by_person_the_group_is_the_one_of_the_first_eligible_round(store: SqlStore) -> None:  # noqa: F811
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    # Eka (born 1978-05-05) is 40 on 2019-04-01 and 41 on 2019-10-01: two bands by round, the first by person
    by_round = queries.fairness("age_band", min_cell=1)
    assert {g: c["eligible"] for g, c in groups(by_round).items()} == {"26-30": 5, "31-35": 2, "36-40": 1, "41-45": 1}
    by_person = queries.fairness("age_band", min_cell=1, count="person")
    assert {g: c["eligible"] for g, c in groups(by_person).items()} == {"26-30": 3, "31-35": 1, "36-40": 1}
    # a period from the second round: Eka's first eligible round of it is 2019-10-01
    later = queries.fairness("age_band", min_cell=1, count="person", start="2019-10-01")
    assert {g: c["eligible"] for g, c in groups(later).items()} == {"26-30": 2, "31-35": 1, "41-45": 1}


def test_by_person_one_promoted_without_being_eligible_counts_out_of_rule_once(store: SqlStore) -> None:  # noqa: F811
    add_pool(store)
    birth, _, sex, place = PEOPLE["ani"]
    # a third round: Ani promoted though not eligible
    ani = [NIP["ani"], "2020-04-01", place["agency"], place["unit"], unit_key(place["unit"]), place["region"], "III/a"]
    ani += ["PNS", sex, "S1"]
    ani += [birth.isoformat(), "CPNS", 0, 1, "2020-04-01", 80.0, 10.0, 1000, None, None]
    with store.transaction() as sql:
        sql.executemany(ROUNDS.insert_statement(), [ani])
    queries = FairnessQueries(store, today=TODAY)
    assert counts(queries.fairness("sex", min_cell=1)) == {"M": (5, 2, 0), "F": (5, 1, 1)}
    # by person Ani was eligible in the period (2019): in the pool once, promoted, not out of rule
    assert counts(queries.fairness("sex", min_cell=1, count="person")) == {"M": (3, 2, 0), "F": (2, 1, 0)}
    # from 2020 she was never eligible: out of rule
    assert counts(queries.fairness("sex", min_cell=1, count="person", start="2020-01-01")) == {"F": (1, 1, 1)}


def test_a_count_other_than_round_or_person_is_refused_naming_it(store: SqlStore) -> None:  # noqa: F811
    with pytest.raises(InvalidInput) as refused:
        FairnessQueries(store, today=TODAY).fairness("sex", count="people")
    assert refused.value.errors == {"count": ["Unknown count 'people'; one of round, person."]}


def test_the_command_counts_by_person(store: SqlStore, database_url: str) -> None:  # noqa: F811
    add_pool(store)
    args = ("fairness", "--by", "sex", "--min-cell", "1", "--format", "json")
    result = audit(database_url, *args, "--count", "person")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["count"] == "person"
    assert [(g["group"], g["pool"], g["promoted"]) for g in answer["groups"]] == [("M", 3, 2), ("F", 2, 0)]
    assert json.loads(audit(database_url, *args).output)["count"] == "round"
    table = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1", "--count", "person")
    assert "counted by person" in table.output
    as_csv = audit(database_url, "fairness", "--by", "sex", "--min-cell", "1", "--count", "person", "--format", "csv")
    assert [r["count"] for r in csv.DictReader(io.StringIO(as_csv.output))] == ["person", "person"]
    bad = audit(database_url, *args, "--count", "people")
    assert bad.exit_code == 2
    assert "'--count'" in bad.output


def test_by_person_the_eeoc_worked_example_reproduces(store: SqlStore) -> None:  # noqa: F811
    """fairness-methods.md: 48 of 80 against 12 of 40. Each of the 120 is eligible in two rounds and those selected are
    promoted in the second: counted by person the reference's figures, counted by round each person twice over."""
    rows = []
    for sex, people, selected in (("M", 80, 48), ("F", 40, 12)):
        for i in range(people):
            for day in ("2024-04-01", "2024-10-01"):
                promoted = int(i < selected and day == "2024-10-01")
                place = [f"{sex}{i:03}", day, "KOTA-MEDAN", "BKPSDM", "bkpsdm", "12.71", "III/a", "PNS", sex, "S1"]
                rows.append([*place, "1990-01-01", "CPNS", 1, promoted, day if promoted else None, 80.0, 10.0, 1000])
                rows[-1] += [None, None]
    with store.transaction() as sql:
        sql.execute("DELETE FROM promotion_rounds")
        sql.executemany(ROUNDS.insert_statement(), rows)
    queries = FairnessQueries(store, today=TODAY)
    women = groups(queries.fairness("sex", count="person"))["F"]
    assert (women["eligible"], women["promoted"], women["selection_rate"], women["impact_ratio"]) == (40, 12, 0.3, 0.5)
    assert (women["z"], women["p_z"], women["p_fisher"], women["shortfall"]) == (3.0984, 0.001946, 0.003409, 8.0)
    assert women["impact_ratio_ci"] == [0.3014, 0.8294]  # [0.301, 0.829]
    assert groups(queries.fairness("sex"))["F"]["eligible"] == 80  # by round: 40 people, two rounds each


def test_by_person_a_period_without_rounds_and_missing_values(store: SqlStore) -> None:  # noqa: F811
    add_pool(store)
    queries = FairnessQueries(store, today=TODAY)
    empty = queries.fairness(["sex", "age_band"], min_cell=1, count="person", start="2020-01-01")
    assert (empty["groups"], empty["rounds"], empty["first_round"]) == ([], 0, None)
    with store.transaction() as sql:
        sql.execute("UPDATE promotion_rounds SET sex = NULL, birth_date = NULL WHERE subject = ?", [NIP["eka"]])
    # a missing value is its own group, `unknown`, as counted by round
    for count, eka in (("round", 2), ("person", 1)):
        found = groups(queries.fairness(["sex", "age_band"], min_cell=1, count=count))
        assert found["unknown / unknown"]["eligible"] == eka
