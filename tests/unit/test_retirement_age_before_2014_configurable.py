"""Retirement ages before 2014: the bundled retirement.age (M) starts on 2014-01-15 (UU 5/2014), and a day before it
is read by the version in force today (58 for an administrative post). PP 32/1979 (56) is not in the shared
reference, which names no ages at all, so no earlier version is bundled (docs/rules.md, "Retirement age"); a rules
file adding one is read by the day the age is reached: one who reaches 56 before 2014-01-15 retires at 56, one who
reaches it after at 58."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from careerlog.reference import Rules, rules
from careerlog.retirement import age_reached

TODAY = date(2026, 12, 5)


def with_pp_32_1979() -> Rules:
    book = rules()
    [current] = book.versions("retirement.age")
    older = replace(
        current,
        source="PP 32/1979 (as a rules file may add it)",
        valid_from=date(1979, 1, 1),
        valid_to=date(2014, 1, 15),
        params={**current.params, "default": 56},
    )
    return Rules([*book.all, older])


def test_the_bundled_rules_read_a_retirement_before_2014_by_todays_ages() -> None:
    assert age_reached(rules(), date(1955, 6, 10), TODAY, "PELAKSANA", None) == (58, "M")


def test_a_rules_file_giving_pp_32_1979_retires_at_56_those_reaching_it_before_2014() -> None:
    book = with_pp_32_1979()
    assert age_reached(book, date(1955, 6, 10), TODAY, "PELAKSANA", None) == (56, "M")  # 56 on 2011-06-10
    assert age_reached(book, date(1958, 6, 10), TODAY, "PELAKSANA", None) == (58, "M")  # 56 on 2014-06-10
