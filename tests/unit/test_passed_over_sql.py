"""The lists' SQL count of the colleagues a regular (101) promotion passed over decides what
`clearly_stronger` decides (PassedOverQueries), on every combination of the four measures and under
each `min_better` of the merit.passed_over version in force on the round date."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import replace
from datetime import date

from careerlog.reference import Rules, reference, rules
from projections.merit.audit import DECISIONS, EARLIER_ROUNDS, ROUNDS
from projections.merit.queries import PASSED_OVER, clearly_stronger, measures, passed_over_count

LEVELS = (-1, 0, 1)  # lower, equal, higher than the promoted one's
MINE: dict[str, object] = {"performance": 4.0, "training_jp": 20.0, "days_in_rank": 1500, "education": "S-1"}
EDUCATION = {-1: "D-III", 0: "S-1", 1: "S-2"}


def versions(split: date) -> Rules:
    """merit.passed_over asking 1 measure before `split`, 3 from it (the bundled one's other fields)."""
    base = rules().versions(PASSED_OVER)[0]
    before = replace(base, valid_to=split, params={**base.params, "min_better": 1})
    after = replace(base, valid_from=split, valid_to=None, params={**base.params, "min_better": 3})
    return Rules([before, after])


def round_row(subject: str, day: str, eligible: int, promoted: int, m: dict[str, object]) -> tuple[object, ...]:
    """A `promotion_rounds` row of unit U of agency A at III/b with the measures `m`."""
    values = {"subject": subject, "round_date": day, "agency": "A", "unit": "U", "unit_key": "u", "rank": "III/b"}
    values |= {"eligible": eligible, "promoted": promoted, "tmt": day if promoted else None, **m}
    # everything the colleague's round reads recorded before the promotion was (`KNOWN_THEN`)
    values |= {"known_from": f"{day}T08:00:00.000000+00:00", "decided_at": f"{day}T09:00:00.000000+00:00"}
    return tuple(values.get(c) for c in ROUNDS.column_names)


def earlier_row(row: tuple[object, ...], since: str, until: str) -> tuple[object, ...]:
    """The round `row` as an `earlier_rounds` row: its state known from `since` until `until` (no decided_at)."""
    values = dict(zip(ROUNDS.column_names, row, strict=True))
    values |= {"known_from": since, "decided_at": None, "known_until": until}
    return tuple(values.get(c) for c in EARLIER_ROUNDS.column_names)


def test_the_sql_count_is_the_number_of_colleagues_clearly_stronger_by_the_version_in_force() -> None:
    db = sqlite3.connect(":memory:")
    for statement in [*DECISIONS.ddl(), *ROUNDS.ddl(), *EARLIER_ROUNDS.ddl()]:
        db.execute(statement)
    colleagues: list[dict[str, object]] = []
    for p, t, d, e in itertools.product(LEVELS, repeat=4):
        theirs = {
            "performance": 4.0 + p * 0.5,
            "training_jp": 20.0 + t * 8,
            "days_in_rank": 1500 + d * 30,
            "education": EDUCATION[e],
        }
        colleagues.append(theirs)
    for day in DAYS:
        decision = {
            "subject": f"P{day}",
            "version": 1,
            "decision": "promotion",
            "kind": "101",
            "tmt": day,
            "verdict": "compliant",
        }
        db.execute(DECISIONS.insert_statement(), [decision.get(c) for c in DECISIONS.column_names])
        db.execute(ROUNDS.insert_statement(), round_row(f"P{day}", day, 1, 1, MINE))
        for n, theirs in enumerate(colleagues):
            row = round_row(f"O{n}-{day}", day, 1, 0, theirs)
            if n % 2:  # every other one as the state known before the decision, standing until after it
                db.execute(
                    EARLIER_ROUNDS.insert_statement(),
                    earlier_row(row, f"{day}T08:00:00.000000+00:00", f"{day}T10:00:00.000000+00:00"),
                )
            else:
                db.execute(ROUNDS.insert_statement(), row)
            # a state that no longer stood when the decision was recorded is not compared, however strong
            db.execute(
                EARLIER_ROUNDS.insert_statement(),
                earlier_row(row, f"{day}T07:00:00.000000+00:00", f"{day}T08:00:00.000000+00:00"),
            )
        # neither one not eligible, nor one of another unit, however strong
        db.execute(ROUNDS.insert_statement(), round_row(f"X{day}", day, 0, 0, {**MINE, "performance": 5.0}))
        other = round_row(f"Y{day}", day, 1, 0, {**MINE, "performance": 5.0, "training_jp": 99.0})
        db.execute(ROUNDS.insert_statement(), (*other[:3], "V", "v", *other[5:]))

    for book in (rules(), versions(date(2020, 1, 1))):
        expected = {}
        for day in DAYS:
            rule = book.in_force(PASSED_OVER, date.fromisoformat(day))
            assert rule is not None
            mine, min_better = measures(MINE), int(rule.params["min_better"])
            expected[f"P{day}"] = sum(clearly_stronger(measures(c), mine, min_better) for c in colleagues)
        found = dict(db.execute(f"SELECT subject, {passed_over_count(book, reference())} FROM decisions d").fetchall())
        assert found == expected
    # higher performance and nothing lower: 8 of the 81; min_better 1: all 8, 2: 7, 3: 4
    assert expected == {"P2018-04-01": 8, "P2022-04-01": 4}


DAYS = ("2018-04-01", "2022-04-01")
