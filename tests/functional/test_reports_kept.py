"""The training compliance, programmes and mentoring reports are kept per web worker (web.kept.kept_report), as the
scorecard is: the same report asked again, by the API (JSON or CSV) or its page, is not computed again (a reporter's
training compliance of four filters took 2 s of CPU at the 2,000-employee demo, on every request until 2026-12-08),
and a kept answer is never given for what it was not computed from: an event applied since, other arguments,
another reader's role or scope is computed anew, and a filter outside the reader's scope is refused every time. Both
stores."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in
from web.services import Services

COMPLIANCE = "/api/v1/reports/training-compliance?year=2024&by=unit&agency=KOTA-MEDAN&sex=F"
PROGRAMMES = "/api/v1/reports/programmes?agency=KOTA-MEDAN"
MENTORING = "/api/v1/reports/mentoring?agency=KOTA-MEDAN"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def test_config() -> dict[str, Any]:
    return {**TEST_CONFIG, "CAREERLOG_FOLLOW": False}  # the events recorded are applied by `catch_up`


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many reports were computed, by the Services method computing them."""
    counts: Counter[str] = Counter()
    for name in ("training_compliance", "programmes", "mentoring_report", "headcount"):
        original = getattr(Services, name)

        def counted(self: Services, *args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            if "judged" not in kwargs and kwargs.get("of_no_one", True):  # (a request's own, not its judging's tables)
                counts[_name] += 1
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Services, name, counted)
    return counts


def asked(world: World, path: str, who: str = "reporter") -> Any:
    response = world.get(path, who)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data()


def test_the_same_report_asked_again_is_answered_without_computing_it_again(
    world: World, computed: Counter[str]
) -> None:
    first = {path: asked(world, path) for path in (COMPLIANCE, PROGRAMMES, MENTORING)}
    assert computed == {"training_compliance": 1, "programmes": 1, "mentoring_report": 1}
    assert {path: asked(world, path) for path in first} == first
    assert computed == {"training_compliance": 1, "programmes": 1, "mentoring_report": 1}
    csv = asked(world, f"{COMPLIANCE}&format=csv")  # the same answer as a CSV
    assert csv.startswith(b"unit,")
    assert computed["training_compliance"] == 1
    asked(world, COMPLIANCE.replace("sex=F", "sex=M"))  # other arguments: another answer
    asked(world, COMPLIANCE.replace("by=unit", "by=rank"))
    asked(world, PROGRAMMES + "&year=2024")
    assert computed == {"training_compliance": 3, "programmes": 2, "mentoring_report": 1}


def test_the_report_page_shares_the_apis_kept_answer(world: World, computed: Counter[str]) -> None:
    asked(world, "/api/v1/reports/programmes?agency=KOTA-MEDAN", "admin")
    log_in(world, "admin")
    page = world.client.get("/pages/reports/programmes?agency=KOTA-MEDAN")
    assert page.status_code == 200
    download = world.client.get("/pages/reports/programmes.csv?agency=KOTA-MEDAN")
    assert download.status_code == 200
    assert computed == {"programmes": 1}


def test_an_event_applied_since_is_counted_not_answered_from_the_kept_report(
    world: World, computed: Counter[str]
) -> None:
    path = "/api/v1/reports/programmes?agency=KOTA-MEDAN"
    before = world.get(path, "admin").get_json()
    programme = {"programme_id": "KEPT-1", "hours": 8}
    world.services.ledger.record(BUDI, "training", f.training("2024-05-10", **programme), actor="test")
    asked(world, path, "admin")  # (not yet applied to the views: the same views, the kept answer)
    assert computed == {"programmes": 1}
    world.catch_up()
    after = world.get(path, "admin").get_json()
    assert computed == {"programmes": 2}
    assert [i["programme_id"] for i in after["items"]] == [*(i["programme_id"] for i in before["items"]), "KEPT-1"]


def test_each_role_and_scope_has_its_own_answer_and_outside_it_is_refused_every_time(
    world: World, computed: Counter[str]
) -> None:
    asked(world, MENTORING, "admin")
    asked(world, MENTORING, "inspector")  # an inspector of region 12: every figure exact, another scope
    asked(world, MENTORING, "reporter")  # small cells withheld
    asked(world, MENTORING, "policy")  # a region's policy maker: another scope
    assert computed == {"mentoring_report": 4}
    for _ in range(2):
        refused = world.get(MENTORING, "policy_karo")  # KOTA-MEDAN outside KAB-KARO's scope
        assert refused.status_code == 403, refused.get_data(as_text=True)[:300]
    assert computed == {"mentoring_report": 6}


HEADCOUNT = "/api/v1/reports/headcount?by=unit&agency=KOTA-MEDAN&sex=F"


def test_the_headcount_is_kept_as_the_other_reports_and_counted_anew_after_an_event(
    world: World, computed: Counter[str]
) -> None:
    """(Added 2026-12-08: a reporter's headcount of four filters took about 0.9 s of CPU at the 2,000-employee demo
    on every call.)"""
    first = asked(world, HEADCOUNT)
    assert computed["headcount"] == 1
    assert asked(world, HEADCOUNT) == first
    assert asked(world, f"{HEADCOUNT}&format=csv").startswith(b"unit,")
    log_in(world, "admin")
    assert world.client.get("/pages/reports/headcount?by=unit&agency=KOTA-MEDAN").status_code == 200
    assert computed["headcount"] == 2  # (the page: an administrator, its filters, an answer of its own)
    asked(world, HEADCOUNT.replace("sex=F", "sex=M"))
    assert computed["headcount"] == 3
    world.services.ledger.record(BUDI, "training", f.training("2024-05-10"), actor="test")
    world.catch_up()  # (the views moved: counted anew)
    assert asked(world, HEADCOUNT) == first  # (a training changes no headcount)
    assert computed["headcount"] == 4
