"""`careerlog audit time-to-promotion` printed "log-rank: chi2 None, df 1, p None" when the log-rank test could not be
computed (a group shown never at risk at a promotion time: `logrank` chi2 and p null, docs/fairness.md); it now says
why, as the fairness page does."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.sqlstore import SqlStore
from projections.merit.fairness import FairnessQueries
from tests.integration.test_fairness_queries import audit, store  # noqa: F401 (the fixture)

pytestmark = pytest.mark.made_store


def test_an_uncomputable_log_rank_test_says_why(
    store: SqlStore,  # noqa: F811
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computed = FairnessQueries.time_to_promotion

    def answer(self: FairnessQueries, *args: Any, **options: Any) -> dict[str, Any]:
        found = computed(self, *args, **options)
        return {**found, "logrank": {"chi2": None, "df": 1, "p": None}, "cox": None}

    monkeypatch.setattr(FairnessQueries, "time_to_promotion", answer)
    result = audit(database_url, "time-to-promotion", "--by", "sex", "--min-cell", "1")
    assert result.exit_code == 0, result.output
    assert "log-rank: not computable (df 1): one of the groups shown had no rank spell at risk" in result.output
    assert "chi2 None" not in result.output
