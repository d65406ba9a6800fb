"""The import page's headings go down one level at a time, as a screen reader's list of headings reads them: the
kinds' columns (each an h3) stood straight under the page's h1, their section (a <details>) headed by no heading."""

from __future__ import annotations

import itertools
import re

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in


def test_the_import_pages_headings_skip_no_level(world: World) -> None:
    log_in(world, "hr")
    page = world.client.get("/pages/import?lang=en").get_data(as_text=True)
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels)), levels
    assert re.search(r"<summary><h2[^>]*>The columns of each kind of event</h2></summary>", page)
