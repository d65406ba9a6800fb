"""The scorecard's figures are kept per web worker (web.kept), as the fairness statistics are: the same scorecard
asked again, by its page, its PDF or the API, is not computed again (about 0.85 s of CPU for a unit of the
2,000-employee demo, on every request before), and the kept figures are never shown for what they were not
computed from: an event recorded since, views judged under new rules, other settings of the scorecard, another
reader's reach or smallest cell is computed anew, and a reader outside the agency is refused whatever is kept.
Both stores."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.reference import RULES_FILE_ENV
from projections.scorecard import findings
from projections.scorecard.scorecard import ScorecardQueries
from tests import factories as f
from tests.functional.conftest import TEST_CONFIG, World, appointment_of, own_client
from tests.functional.test_pages_auth import log_in
from tests.functional.test_passed_over_cli_judged_rules import other_rules
from tests.functional.test_view_judged_otherwise_not_served import rebuilt_under
from tests.guard_clock import a_second_passes

__all__ = ["other_rules"]  # the bundled rules with merit.passed_over's min_better 3 instead of 2
# Its tests on both stores and test_scorecard_format_refused.py's, which asks for the same scorecard, on one worker: the
# same charts and PDF drawn once (the process's kept drawings, web.pages.scorecard_charts and scorecard_pdf.KEPT).
pytestmark = pytest.mark.xdist_group("scorecard_of_the_world")

PAGE = "/pages/scorecard?agency=KOTA-MEDAN&year=2025&years=2&lang=en"
API = "/api/v1/reports/scorecard?agency=KOTA-MEDAN&year=2025&years=2"
DEWI = f.nip(date(1991, 3, 3), date(2016, 3, 1), "F", sequence=731)  # KOTA-MEDAN, recorded during a test


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # the events and the new rules' worker fill the views


@pytest.fixture
def computed(world: World, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many scorecards were computed (ScorecardQueries.scorecard), by agency."""
    counts: Counter[str] = Counter()
    original = ScorecardQueries.scorecard

    def counted(self: ScorecardQueries, agency: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        counts[agency] += 1
        return original(self, agency, *args, **kwargs)

    monkeypatch.setattr(ScorecardQueries, "scorecard", counted)
    log_in(world, "inspector")
    return counts


def main(world: World, path: str = PAGE) -> str:
    """A page's own content (the header's log-out form carries a token signed with the time)."""
    response = world.client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    page = response.get_data(as_text=True)
    return page[page.index("<main") : page.index("</main>")]


def test_the_same_scorecard_asked_again_is_answered_without_computing_it_again(
    world: World, computed: Counter[str]
) -> None:
    first = main(world)
    assert main(world) == first
    assert computed == {"KOTA-MEDAN": 1}
    assert world.client.get(PAGE.replace("/scorecard?", "/scorecard.pdf?")).status_code == 200
    assert computed == {"KOTA-MEDAN": 1}  # the PDF reads the same card
    assert main(world, PAGE.replace("lang=en", "lang=id")) != first  # another language: the same figures
    assert computed == {"KOTA-MEDAN": 1}


def test_the_api_shares_the_kept_scorecard_of_the_same_reader(world: World, computed: Counter[str]) -> None:
    first = world.get(API, "inspector")
    assert first.status_code == 200
    assert world.get(API, "inspector").get_json() == first.get_json()
    assert computed == {"KOTA-MEDAN": 1}
    main(world)  # the inspector's page: the same reader's card
    assert computed == {"KOTA-MEDAN": 1}


def test_an_event_recorded_since_is_counted_not_answered_from_the_kept_card(
    world: World, computed: Counter[str]
) -> None:
    before = world.get(API, "inspector").get_json()
    world.services.ledger.record(DEWI, "appointment", appointment_of(DEWI, name="Dewi Lubis"), actor="test")
    world.catch_up()
    after = world.get(API, "inspector").get_json()
    assert computed == {"KOTA-MEDAN": 2}
    assert after != before


def test_views_judged_under_new_rules_read_by_the_server_are_computed_anew(
    world: World, computed: Counter[str], store_url: str, other_rules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change of the rules: the views judged again under them (a projection worker started with the new file),
    then the server reading them (started again with the same file: here its environment, the same app and so the
    same kept cards)."""
    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    main(world)
    rebuilt_under(store_url, other_rules, monkeypatch)
    monkeypatch.setenv(RULES_FILE_ENV, str(other_rules))
    a_second_passes(monkeypatch)  # the web process looks at the views' rules at most once a second
    main(world)
    assert computed == {"KOTA-MEDAN": 2}


def test_a_change_of_the_scorecards_settings_is_computed_anew(
    world: World, computed: Counter[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    main(world)
    thresholds = tmp_path / "thresholds.toml"
    shutil.copy(findings.DEFAULT_FILE, thresholds)
    monkeypatch.setenv(findings.THRESHOLDS_ENV, str(thresholds))
    main(world)
    assert computed == {"KOTA-MEDAN": 1}  # the same settings from another file: the same card
    longer = tmp_path / "longer.toml"  # (a file's settings are read once: findings._load)
    longer.write_text(thresholds.read_text(encoding="utf-8").replace("window_months = 24", "window_months = 36"))
    monkeypatch.setenv(findings.THRESHOLDS_ENV, str(longer))
    assert findings.settings().window_months == 36
    main(world)
    assert computed == {"KOTA-MEDAN": 2}


def test_each_reach_has_its_own_card_and_another_agency_is_refused_whatever_is_kept(
    world: World, computed: Counter[str]
) -> None:
    region = main(world)  # the inspector of region 12: KOTA-MEDAN compared with KAB-KARO
    assert world.client.get(PAGE.replace("KOTA-MEDAN", "KAB-KARO")).status_code == 200
    medan = own_client(world)
    log_in(medan, "inspector_medan")
    assert main(medan) != region  # compared with no other agency
    assert computed == {"KOTA-MEDAN": 2, "KAB-KARO": 1}
    assert medan.client.get(PAGE.replace("KOTA-MEDAN", "KAB-KARO")).status_code == 403
    reporter = own_client(world)
    log_in(reporter, "policy")  # the region's policy maker: small cells withheld, another card
    main(reporter)
    assert computed["KOTA-MEDAN"] == 3
