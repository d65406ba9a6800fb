"""A refusal of several fields joined them "; " after each field's sentence, its full stop and all: the command line
said "effective_date: Must not be after 2026-11-19.; hours: ..." (HR tester, 2026-12-07). The full stop before a
semicolon is left out (careerlog.domain.errors.fields_joined), the last field's kept: InvalidInput's message (what
the command line prints), an import row's reasons (careerlog.importing.described) alike."""

from __future__ import annotations

from careerlog.domain.errors import InvalidInput, fields_joined
from careerlog.importing import described

ERRORS = {
    "effective_date": ["Must not be after 2026-11-19."],
    "hours": ["Not a whole number of lesson hours."],
}


def test_the_command_lines_message_has_no_full_stop_before_a_semicolon() -> None:
    said = InvalidInput(ERRORS).describe()
    assert said == "effective_date: Must not be after 2026-11-19; hours: Not a whole number of lesson hours."
    assert ".;" not in said


def test_an_import_rows_reasons_have_none_either_a_typed_cell_kept_after_its_reason() -> None:
    assert described(ERRORS, {"hours": "delapan"}) == (
        "effective_date: Must not be after 2026-11-19; hours: Not a whole number of lesson hours. (typed: 'delapan')"
    )
    assert described(ERRORS, {"effective_date": "2026-11-20"}) == (
        "effective_date: Must not be after 2026-11-19. (typed: '2026-11-20'); "
        "hours: Not a whole number of lesson hours."
    )


def test_an_ellipsis_and_a_part_of_no_full_stop_are_kept_as_they_are() -> None:
    assert fields_joined(["a: one of X, Y...", "b: two", "c: three."]) == "a: one of X, Y...; b: two; c: three."
    assert fields_joined([]) == ""
