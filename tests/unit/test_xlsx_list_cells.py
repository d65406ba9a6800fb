"""A list in a workbook's row is one text cell of its items, as the CSV's cell joins them (web.pages.export)."""

from __future__ import annotations

from web.pages.export import xlsx_cell


def test_a_list_holding_numbers_is_one_text_cell_of_its_items_as_in_the_csv() -> None:
    # (the date cells' local name shadowed the module's cell(): a list with a number raised NameError)
    found = xlsx_cell(["III/a", 2, 0.5])
    assert found is not None
    assert (found.value, found.number_format) == ("III/a 2 0.5", "@")  # (a text, in the text format)
