"""A year asked of the scorecard or the training report (API, pages, command line) is "after this one" only if it has
not begun anywhere in Indonesia (UTC+7 to UTC+9), as a fact's date is "in the future" only after today in the
easternmost zone (careerlog.domain.ledger.local_date). It was judged by the server's UTC date: for up to 9 hours
around New Year a year already begun in Indonesia was refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import click
import pytest

from careerlog.cli_dates import YearToThisYear
from careerlog.domain import ledger
from tests.functional.conftest import World, own_client
from tests.functional.test_pages_auth import log_in

NEXT_YEAR = date.today().year + 1  # (begun in Jayapura at 15:00 UTC on 31 December, in Jakarta at 17:00)


def at(monkeypatch: pytest.MonkeyPatch, hour: int) -> None:
    """The clock at `hour` UTC on 31 December of this year."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return datetime(NEXT_YEAR - 1, 12, 31, hour, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(ledger, "datetime", Clock)


def test_a_year_begun_in_indonesia_is_asked_of_the_scorecard_and_the_training_report(
    shared_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, 20)  # 03:00 on 1 January in Jakarta, 05:00 in Jayapura
    answer = shared_world.get(f"/api/v1/reports/scorecard?agency=KOTA-MEDAN&year={NEXT_YEAR}&years=1", "policy")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    world = own_client(shared_world)
    log_in(world, "policy")
    page = world.client.get(f"/pages/scorecard?agency=KOTA-MEDAN&year={NEXT_YEAR}&years=1")
    assert page.status_code == 200, page.get_data(as_text=True)
    world = own_client(shared_world)
    log_in(world, "reporter")
    page = world.client.get(f"/pages/reports/training?year={NEXT_YEAR}")
    assert page.status_code == 200, page.get_data(as_text=True)
    assert YearToThisYear(min=1900).convert(str(NEXT_YEAR), None, None) == NEXT_YEAR


def test_a_year_not_yet_begun_in_jayapura_is_still_refused(
    shared_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, 14)  # 21:00 on 31 December in Jakarta, 23:00 in Jayapura
    answer = shared_world.get(f"/api/v1/reports/scorecard?agency=KOTA-MEDAN&year={NEXT_YEAR}&years=1", "policy")
    assert answer.status_code == 422
    assert list(answer.get_json()["errors"]) == ["year"]
    with pytest.raises(click.BadParameter):
        YearToThisYear(min=1900).convert(str(NEXT_YEAR), None, None)
