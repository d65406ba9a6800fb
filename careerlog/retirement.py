"""The retirement age (batas usia pensiun) of the post held, by rule retirement.age (unconfirmed, M; docs/rules.md).

One reading for everything that needs it: the career page's expected end of service (projections.merit.retirement)
and the demo generator, which retires its civil servants by it (careerlog.demo), so that the demo never keeps an
employee in service past the age the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from careerlog.ages import add_years
from careerlog.reference import Rules

RULE = "retirement.age"


def retirement_age(
    book: Rules, day: date, post_kind: str | None, level: str | None, title: str | None = None
) -> tuple[int, str] | None:
    """The retirement age of the post held on `day` and the rule's status; None when the rule is not in force.

    A managerial kind's age (`post_kinds`), else for a functional post the age of the title's first word
    (`post_titles`: Guru, Dosen; in any letter case, GURU KELAS as Guru Kelas) or of its level (`functional_levels`),
    else the rule's `default`."""
    rule = book.in_force(RULE, day)
    if rule is None:
        return None
    return age_by(rule.params, post_kind, level, title), rule.status


def age_by(params: Mapping[str, Any], post_kind: str | None, level: str | None, title: str | None = None) -> int:
    """The age a version of the rule (its `params`) gives the post: `retirement_age`'s reading."""
    by_post = params.get("post_kinds", {}).get(post_kind) if post_kind else None
    functional = post_kind == "FUNGSIONAL"
    by_title = title_age(params.get("post_titles", {}), title) if functional and title else None
    by_level = params.get("functional_levels", {}).get(level) if functional and level else None
    return int(by_post or by_title or by_level or params["default"])


def age_reached(
    book: Rules, birth: date, today: date, post_kind: str | None, level: str | None, title: str | None = None
) -> tuple[int, str] | None:
    """The retirement age one born on `birth` reaches holding the post, by the version of the rule in force on the day
    that age is reached (the rule of the day service ends, as every rule is read on its day: a version raising the age
    from a day on is the age of those who reach the former one after it), and that version's status; the earliest
    such day when several versions would each end the service on a day of their own. A day no version is in force on
    (before the rule begins) is read by the version in force `today`, as before; None when none is."""
    found = []
    for rule in book.versions(RULE):
        age = age_by(rule.params, post_kind, level, title)
        reached = add_years(birth, age)
        if rule.in_force_on(reached):
            found.append((reached, age, rule.status))
    if found:
        _, age, status = min(found)
        return age, status
    return retirement_age(book, today, post_kind, level, title)


def title_age(ages: Mapping[str, Any], title: str) -> Any:
    """The age `post_titles` gives the first word of a post's title, the words compared in any letter case; None
    when it names none (or the title has no word)."""
    words = title.split()
    if not words:
        return None
    first = words[0].casefold()
    return next((age for word, age in ages.items() if str(word).casefold() == first), None)
