"""A log-rank test that cannot be computed (a group shown never at risk at a promotion time: statsmodels' variance
singular, `logrank` chi2 and p null; docs/fairness.md) read "Log-rank test: chi-square -, p = -." (en dashes) on the
fairness page with no word why; then the reason followed those dashes. The page now says why in their place, in
English and in Indonesian; a computed test says nothing more."""

from __future__ import annotations

from typing import Any

import pytest

from tests.functional.conftest import World
from tests.functional.test_pages_time_to_promotion_pns_only import time_section

WHY_EN = "Log-rank test: not computable here, as one of the groups shown had no rank spell at risk"
WHY_ID = "Uji log-rank: tidak dapat dihitung di sini, karena salah satu kelompok yang ditampilkan"


@pytest.fixture
def uncomputable(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """Time to promotion answered as computed, its log-rank test not computable."""
    computed = world.services.time_to_promotion

    def answer(*args: Any, **options: Any) -> dict[str, Any]:
        found = computed(*args, **options)
        assert found["logrank"] is not None
        return {**found, "logrank": {"chi2": None, "df": found["logrank"]["df"], "p": None}}

    monkeypatch.setattr(world.services, "time_to_promotion", answer)
    return world


def test_an_uncomputable_log_rank_test_says_why(uncomputable: World) -> None:
    section = time_section(uncomputable, "by=sex&min_cell=1&lang=en")
    assert f'<p id="logrank-uncomputable">{WHY_EN}' in section
    assert "chi-square" not in section  # (no dash in place of a statistic never computed)
    assert "p = \u2013" not in section


def test_it_says_why_in_indonesian(uncomputable: World) -> None:
    section = time_section(uncomputable, "by=sex&min_cell=1&lang=id")
    assert WHY_ID in section
    assert WHY_EN not in section
    assert "khi-kuadrat" not in section


def test_a_computed_log_rank_test_says_nothing_more(world: World) -> None:
    section = time_section(world, "by=sex&min_cell=1&lang=en")
    assert "Log-rank test: chi-square" in section
    assert "logrank-uncomputable" not in section
