"""Fairness (selection rates) refuses a `from` after today, naming it, as time to promotion does
(tests/functional/test_time_to_promotion_from_after_today.py): API 422, the page beside the field, its CSV 422,
`careerlog audit fairness` exit 2 (a usage error). No promotion round after today is in any pool, so such a period
holds nothing; before, /api/v1/audits/fairness?from=2030-01-01 answered 200 with no group (and the page, its CSV
and the command line so too) while time to promotion refused the same period. Today itself is still a `from`.
SQLite world: the store matters not."""

from __future__ import annotations

from click.testing import CliRunner

from careerlog.cli import main
from careerlog.domain.ledger import latest_today
from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_time_to_promotion_from_after_today import tomorrow

STATISTICS = ("fairness", "time-to-promotion")


def test_both_statistics_refuse_a_from_after_today_alike(world: World, store_url: str) -> None:
    refusals = {s: world.get(f"/api/v1/audits/{s}?by=sex&from={tomorrow()}", "inspector") for s in STATISTICS}
    assert {s: (a.status_code, list(a.get_json().get("errors", {}))) for s, a in refusals.items()} == {
        s: (422, ["from"]) for s in STATISTICS
    }
    assert "is in the future" in refusals["fairness"].get_json()["errors"]["from"][0]
    for statistic in STATISTICS:
        answered = world.get(f"/api/v1/audits/{statistic}?by=sex&from={latest_today().isoformat()}", "inspector")
        assert answered.status_code == 200, (statistic, answered.get_json())
    log_in(world, "inspector")
    page = world.client.get(f"/pages/fairness?by=sex&from={tomorrow()}&lang=en")
    assert (page.status_code, '<span class="error" id="from-error">' in page.get_data(as_text=True)) == (422, True)
    tables = {s: world.client.get(f"/pages/{s}.csv?by=sex&from={tomorrow()}").status_code for s in STATISTICS}
    assert tables == dict.fromkeys(STATISTICS, 422)
    world.catch_up()
    env = {"CAREERLOG_DATABASE_URL": store_url}
    for statistic in STATISTICS:
        result = CliRunner().invoke(main, ["audit", statistic, "--from", tomorrow()], env=env)
        assert result.exit_code == 2, (statistic, result.output)  # a usage error (tests/integration/test_cli_dates.py)
        assert "Invalid value for '--from': " in result.output, result.output
