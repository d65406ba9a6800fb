"""What sets the next promotion date (`next_date_basis`): the last bound that moves it to a later promotion date. A
credit date falling on the first permitted date from today anyway is not named as its basis (it was, on 2026-12-06
before this commit, whenever the credit came last: the page said "the first on which the credit points can be
reached" of the date any reader would get from today)."""

from __future__ import annotations

from datetime import date

from careerlog.reference import rules
from projections.merit.eligibility import next_date_and_basis

TODAY = date(2026, 12, 6)


def test_the_credit_points_set_the_next_date_only_when_they_move_it_later() -> None:
    book = rules()
    assert next_date_and_basis(book, "2025-04-01", TODAY) == ("2027-02-01", "today")
    assert next_date_and_basis(book, "2025-04-01", TODAY, None, "2027-02-01") == ("2027-02-01", "today")
    assert next_date_and_basis(book, "2025-04-01", TODAY, None, "2029-02-01") == ("2029-02-01", "credit_points")
    assert next_date_and_basis(book, "2028-02-01", TODAY, None, "2028-02-01") == ("2028-02-01", "time_in_rank")
    assert next_date_and_basis(book, "2028-02-01", TODAY, None, "2029-02-01") == ("2029-02-01", "credit_points")


def test_a_bar_sets_the_next_date_unless_the_credit_moves_it_further() -> None:
    book = rules()
    assert next_date_and_basis(book, "2025-04-01", TODAY, "2027-12-31") == ("2028-02-01", "bar")
    assert next_date_and_basis(book, "2025-04-01", TODAY, "2027-12-31", "2028-02-01") == ("2028-02-01", "bar")
    assert next_date_and_basis(book, "2025-04-01", TODAY, "2027-12-31", "2029-02-01") == ("2029-02-01", "credit_points")


def test_on_the_earliest_date_itself_today_sets_the_next_date_as_reached_says() -> None:
    """The boundary day: the earliest date is today, `reached` is true, and `next_date_basis` is `today`, the earliest
    date come (it read `time_in_rank`, "the earliest date, still to come", until 2026-12-06). The day before, it is
    still to come; the day after, gone by."""
    book = rules()
    earliest = date(2027, 2, 1)
    assert next_date_and_basis(book, "2027-02-01", date(2027, 1, 31)) == ("2027-02-01", "time_in_rank")
    assert next_date_and_basis(book, "2027-02-01", earliest) == ("2027-02-01", "today")
    assert next_date_and_basis(book, "2027-02-01", date(2027, 2, 2)) == ("2027-04-01", "today")
    assert next_date_and_basis(book, "2027-02-01", earliest, None, "2028-02-01") == ("2028-02-01", "credit_points")
