"""A page's whole number of more digits than Python's int() reads (4,300; a URL may hold twice as many) is read as a
number too big for its field, as a shorter one past the field's bound is: it was a 500 ("Exceeds the limit (4300
digits) for integer string conversion") on every page reading page, min_cell, year, years or wait_for, and on the
record form for a rating's year and a correction's fields holding one."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World, own_client
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of

pytestmark = pytest.mark.xdist_group("pages_numbers_of_too_many_digits")
LONG = "1" * 5000


def errors_of(answer_text: str) -> dict[str, str]:
    return dict(re.findall(r'<span class="error" id="([a-z_]+)-error">(.*?)</span>', answer_text))


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("inspector", "/pages/audits"),
        ("inspector", "/pages/audits/posts"),
        ("inspector", "/pages/audits/awards"),
        ("inspector", "/pages/audits/study-leaves"),
        ("admin", "/pages/accounts/changes"),
        ("hr", "/pages/past-retirement"),
    ],
)
def test_a_page_number_too_long_to_read_shows_the_last_page(shared_world: World, who: str, path: str) -> None:
    world = own_client(shared_world)
    log_in(world, who)
    assert world.client.get(f"{path}?page={LONG}&lang=en").status_code == 200


@pytest.mark.parametrize("path", ["/pages/fairness", "/pages/fairness.csv", "/pages/time-to-promotion.xlsx"])
def test_a_smallest_cell_too_long_to_read_is_refused_beside_min_cell(shared_world: World, path: str) -> None:
    world = own_client(shared_world)
    log_in(world, "inspector")
    answer = world.client.get(f"{path}?by=sex&min_cell={LONG}&lang=en")
    assert answer.status_code == 422
    assert "Must be a whole number from 1 to 1,000,000." in answer.get_data(as_text=True)


@pytest.mark.parametrize("name", ["year", "years"])
def test_a_scorecard_year_too_long_to_read_is_refused_beside_its_field(shared_world: World, name: str) -> None:
    world = own_client(shared_world)
    log_in(world, "policy")
    for path in ("/pages/scorecard", "/pages/scorecard.pdf"):
        answer = world.client.get(f"{path}?agency=KOTA-MEDAN&{name}={LONG}&lang=en")
        assert answer.status_code == 422, path
        assert "Must be a whole number from " in answer.get_data(as_text=True), path


def test_a_training_reports_year_too_long_to_read_is_refused_as_out_of_range(shared_world: World) -> None:
    world = own_client(shared_world)
    log_in(world, "reporter")
    answer = world.client.get(f"/pages/reports/training?year={LONG}&lang=en")
    assert answer.status_code == 422
    assert errors_of(answer.get_data(as_text=True))["year"].startswith("Must be a whole number from 1900 to ")


def test_a_log_position_too_long_to_read_is_refused_as_none_given_yet(shared_world: World) -> None:
    world = own_client(shared_world)
    log_in(world, "hr")
    answer = world.client.get(f"/pages/employees/{BUDI}?wait_for={LONG}&lang=en")
    assert answer.status_code == 422
    assert "No recording has been given this log position yet." in answer.get_data(as_text=True)


def test_a_correction_form_naming_a_version_too_long_to_read_shows_no_fact(shared_world: World) -> None:
    world = own_client(shared_world)
    log_in(world, "hr")
    answer = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={LONG}&lang=en")
    assert answer.status_code == 200


def test_a_rating_year_too_long_to_read_is_refused_beside_the_year(shared_world: World) -> None:
    # the ledger's reading of the year for its rating scheme (careerlog.domain.ratings) raised ValueError: a 500
    world = own_client(shared_world)
    log_in(world, "hr")
    data = {**form_of(world, "performance_rating"), "nip": BUDI, "year": LONG, "predicate": "BAIK"}
    data.update(effective_date="2024-01-05", reference="SKP/1")
    answer = world.client.post("/pages/record?kind=performance_rating&lang=en", data=data)
    assert answer.status_code == 422
    assert "year" in errors_of(answer.get_data(as_text=True))


def test_corrected_fields_holding_a_number_too_long_to_read_are_refused_beside_them(shared_world: World) -> None:
    # json.loads raised ValueError (no JSONDecodeError) on it: a 500
    world = own_client(shared_world)
    log_in(world, "hr")
    data = {**form_of(world, "correction"), "nip": BUDI, "corrected_fields": '{"hours": ' + LONG + "}"}
    for lang, said in (
        ("en", "Holds a number of more digits than any field takes (4,300 at most)."),
        ("id", "Memuat angka dengan digit lebih banyak daripada yang diterima isian mana pun (paling banyak 4.300)."),
    ):
        answer = world.client.post(f"/pages/record?kind=correction&lang={lang}", data=data)
        assert answer.status_code == 422
        assert errors_of(answer.get_data(as_text=True))["corrected_fields"] == said


def test_a_page_number_of_leading_zeros_past_the_limit_is_read_as_its_value(shared_world: World) -> None:
    """int() counts leading zeros among its 4,300 digits: `page=000...01` (4,301 digits) was a 500, read as too
    long by its digits after the zeros and then refused by int()."""
    world = own_client(shared_world)
    log_in(world, "inspector")
    assert world.client.get(f"/pages/audits?page={'0' * 4300}1&lang=en").status_code == 200


def test_a_whole_number_is_read_with_the_limit_of_digits_turned_off() -> None:
    """PYTHONINTMAXSTRDIGITS=0 (sys.set_int_max_str_digits(0)) turns the limit off: every number was then read as
    "more digits than int() reads" (any digit past 0), so page=2 showed the last page and min_cell=5 was refused."""
    import sys

    from web.pages.common import whole

    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert (whole("2"), whole("0005"), whole("0"), whole("x")) == (2, 5, 0, None)
    finally:
        sys.set_int_max_str_digits(limit)
    assert (whole("0" * 4300 + "7"), whole(LONG)) == (7, None)
