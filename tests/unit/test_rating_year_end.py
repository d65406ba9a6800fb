"""A year's performance rating is dated once the year has ended (rule skp.rated_after_year_end, [M]): a rating of
2026 dated 20 November 2026 is a data-entry mistake, refused naming its date, its year and the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from careerlog.domain.errors import FieldErrors
from careerlog.domain.ratings import check_rating, earliest_date
from careerlog.reference import Rules, load_rules, rules


def problems(book: Rules | None = None, dated: bool = True, **values: Any) -> dict[str, list[str]]:
    errors = FieldErrors()
    check_rating({"predicate": "BAIK", **values}, book or rules(), errors, dated=dated)
    return errors.errors


def test_a_rating_dated_before_its_years_last_day_is_refused_naming_the_date_the_year_and_the_rule() -> None:
    found = problems(year=2025, effective_date=date(2025, 11, 20))
    assert list(found) == ["effective_date"]
    (reason,) = found["effective_date"]
    assert "A rating of 2025" in reason
    assert "2025-12-31" in reason
    assert "2025-11-20" in reason
    assert "skp.rated_after_year_end" in reason


def test_a_rating_dated_on_its_years_last_day_or_early_in_the_next_year_is_accepted() -> None:
    assert problems(year=2025, effective_date=date(2025, 12, 31)) == {}
    assert problems(year=2025, effective_date=date(2026, 1, 9)) == {}


def test_a_rating_dated_in_an_earlier_year_than_the_year_it_rates_is_refused() -> None:
    assert "effective_date" in problems(year=2025, effective_date=date(2024, 12, 31))


def test_a_stored_ratings_date_is_not_judged_when_neither_its_year_nor_its_date_changes() -> None:
    assert problems(dated=False, year=2025, effective_date=date(2025, 3, 1)) == {}


def test_the_earliest_day_is_the_configured_rules(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rules]]\nid = "skp.scheme"\ntitle = "t"\nsource = "s"\nstatus = "M"\nvalid_from = "1979-01-01"\n'
        '[rules.params]\nscheme = "SKP_2022"\n'
        '[[rules]]\nid = "skp.rated_after_year_end"\ntitle = "t"\nsource = "s"\nstatus = "M"\n'
        'valid_from = "2000-01-01"\n[rules.params]\nearliest = "12-01"\nyear_offset = 0\n'
    )
    book = load_rules(path)
    assert earliest_date(2025, book) == date(2025, 12, 1)
    assert problems(book, year=2025, effective_date=date(2025, 12, 5)) == {}
    assert "effective_date" in problems(book, year=2025, effective_date=date(2025, 11, 30))
    assert earliest_date(1999, book) is None  # (the rule not in force for the year: not judged)
    assert problems(book, year=1999, effective_date=date(1999, 6, 1)) == {}


def test_the_default_earliest_day_is_the_rated_years_last_day() -> None:
    assert earliest_date(2026, rules()) == date(2026, 12, 31)
    assert earliest_date(1985, rules()) == date(1985, 12, 31)
