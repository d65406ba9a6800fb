"""The retirement age (batas usia pensiun) of the post held, by rule retirement.age (unconfirmed, M; docs/rules.md).

One reading for everything that needs it: the career page's expected end of service (projections.merit.retirement)
and the demo generator, which retires its civil servants by it (careerlog.demo), so that the demo never keeps an
employee in service past the age the page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

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
    params = rule.params
    by_post = params.get("post_kinds", {}).get(post_kind) if post_kind else None
    functional = post_kind == "FUNGSIONAL"
    by_title = title_age(params.get("post_titles", {}), title) if functional and title else None
    by_level = params.get("functional_levels", {}).get(level) if functional and level else None
    return int(by_post or by_title or by_level or params["default"]), rule.status


def title_age(ages: Mapping[str, Any], title: str) -> Any:
    """The age `post_titles` gives the first word of a post's title, the words compared in any letter case; None
    when it names none (or the title has no word)."""
    words = title.split()
    if not words:
        return None
    first = words[0].casefold()
    return next((age for word, age in ages.items() if str(word).casefold() == first), None)
