"""A decision's page labels each colleague's severity: it read 'medium' ('sedang') under the colleague's NIP, with
nothing to say it is the severity of the merit.passed_over finding for passing them over. Both stores."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed, promotion_of
from tests.functional.test_api_posts import STRONGER
from tests.functional.test_pages_auth import log_in

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def colleague_cell(world: World, lang: str) -> str:
    [listed] = promotion_of(world)
    page = world.client.get(f"/pages/audits/{BUDI}/{listed['version']}?lang={lang}").get_data(as_text=True)
    found = re.search(rf'<td rowspan="\d+"><a href="[^"]*">{STRONGER}</a>(.*?)</td>', page, re.S)
    assert found, page
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Severity of the finding: medium"), ("id", "Tingkat keparahan temuan: sedang")]
)
def test_a_colleagues_severity_is_labelled_as_the_findings_severity(passed: World, lang: str, label: str) -> None:
    log_in(passed, "inspector")
    assert colleague_cell(passed, lang) == f"<br><small>{label}</small>"
