"""A filtered report's attribute is judged against the wider answers that hold every one of its people and more
(projections.training.strictly_wider), each set of people once; a region filter's people are in the regions around
its code too (web.services.enclosing)."""

from __future__ import annotations

from datetime import date

from projections.training import Member, strictly_wider
from web.services import enclosing


def people(*subjects: str) -> list[Member]:
    return [Member(subject, date(2021, 1, 4), "KOTA-MEDAN", "III/a") for subject in subjects]


def test_a_wider_answer_counts_only_where_it_holds_every_person_and_more_each_set_once() -> None:
    answer = people("a", "b")
    same, wider, again, overlapping, disjoint = (
        people("b", "a"),
        people("a", "b", "c"),
        people("c", "b", "a"),
        people("a", "c", "d"),
        people("x"),
    )
    assert strictly_wider(answer, [same, wider, again, overlapping, disjoint]) == [wider]


def test_an_answer_of_no_one_is_held_by_every_answer_of_someone() -> None:
    assert strictly_wider([], [people(), people("a")]) == [people("a")]


def test_a_regions_code_is_enclosed_by_its_provinces() -> None:
    assert enclosing("12.71") == ["12", "12.71"]
    assert enclosing("12") == ["12"]
