"""A page's words are in each reader's language, whichever language the page was first rendered in.

Jinja's optimizer called a filter given constant arguments while compiling a template and kept its result in the
template's code: the employees found page's column names (`{{ "unit" | field_label }}`) stayed in the language of
the request that first rendered the page, for every later reader of that server process."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_find_employee_by_name import found
from tests.functional.test_pages_auth import log_in

COLUMNS = {"id": ("Unit kerja", "Kedudukan hukum"), "en": ("Work unit", "Legal status")}


@pytest.mark.parametrize("first", ["en", "id"])
def test_the_employees_found_columns_are_in_each_readers_language_whichever_came_first(
    world: World, first: str
) -> None:
    world.catch_up()
    log_in(world, "hr")
    then = "id" if first == "en" else "en"
    for lang in (first, then, first):
        page = found(world, "budi", lang=lang)
        for column in COLUMNS[lang]:
            assert f'<th scope="col">{column}</th>' in page, (lang, column)
