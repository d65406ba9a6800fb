"""The fairness page's time to promotion counts PNS rank spells only and says so; grouped by employment kind it has
one group, PNS (PPPK hold contract grades, never promoted in rank), and says why there is no log-rank test or Cox
model instead of showing nothing."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_api_audits_and_reports import record_a_pppk
from tests.functional.test_pages_auth import log_in


def time_section(world: World, query: str) -> str:
    log_in(world, "inspector")
    response = world.client.get(f"/pages/fairness?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page[page.index('<section aria-labelledby="h-km">') :]


def test_time_to_promotion_by_employment_kind_names_its_one_group_and_why_it_is_not_tested(world: World) -> None:
    record_a_pppk(world)
    section = time_section(world, "by=employment_kind&min_cell=1&lang=en")
    assert section.count('<th scope="row">') == 1  # PNS alone
    assert "No log-rank test or Cox model: they compare two groups or more, each with n of at least 1" in section
    assert "Grouped by employment kind there is only one group, PNS: PPPK are not promoted in rank" in section
    assert "Log-rank test:" not in section


def test_time_to_promotion_says_it_counts_pns_rank_spells_only(world: World) -> None:
    section = time_section(world, "by=sex&min_cell=1&lang=en")
    assert "Rank spells of PNS only (CPNS included): PPPK hold contract grades" in section
    assert "Log-rank test:" in section
    assert 'id="untested"' not in section


def test_the_one_group_notice_is_in_indonesian_on_an_indonesian_page(world: World) -> None:
    section = time_section(world, "by=employment_kind&min_cell=1&lang=id")
    assert 'id="untested"' in section
    assert "No log-rank test" not in section
    assert "Rank spells of PNS only" not in section
