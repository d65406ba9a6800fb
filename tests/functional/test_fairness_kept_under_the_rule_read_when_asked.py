"""The fairness statistics kept per web worker (web.kept) are kept under the whole rules file's digest too: the
views' digest (in the stamps) leaves out fairness.adverse_impact, whose threshold, alpha and smallest cell the
statistics read as they are asked, so a change of that rule alone (a rules file of another alpha, read by the server)
was answered from the statistics kept under the old alpha, until an event moved the views. Both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from tests.functional.conftest import World

ASKED = "/api/v1/audits/fairness?by=sex&min_cell=1"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def test_a_change_of_the_fairness_rule_alone_is_answered_anew(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(RULES_FILE_ENV, raising=False)
    first = world.get(ASKED, "admin")
    assert first.status_code == 200, first.get_json()
    assert (first.get_json()["alpha"], first.get_json()["impact_ratio_ci_level"]) == (0.05, 0.95)
    bundled = Path(BUNDLED_RULES).read_text()
    assert bundled.count("alpha = 0.05") == 1
    other = tmp_path / "rules.toml"
    other.write_text(bundled.replace("alpha = 0.05", "alpha = 0.01"))
    monkeypatch.setenv(RULES_FILE_ENV, str(other))  # (the views' digest is the same: no view refilled)
    again = world.get(ASKED, "admin")
    assert again.status_code == 200, again.get_json()
    assert (again.get_json()["alpha"], again.get_json()["impact_ratio_ci_level"]) == (0.01, 0.99)
