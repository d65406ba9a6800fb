"""One "today": the latest calendar date anywhere in Indonesia (careerlog.domain.ledger.latest_today), the day the
ledger judges a fact's date "in the future" against, is the day every view, page and command line reads as today. The
queries, the career page and the command line's `--from` read the server's date (UTC in production) instead: from
15:00 to 24:00 UTC (00:00 to 09:00 in Jayapura) a fact the ledger accepted as dated today had not yet happened in
the views, and `careerlog audit fairness --from <today>` was refused while the API took the same day.

The clock is fixed as tests/functional/test_year_begun_in_indonesia.py fixes it (and the recording's time with it): at
20:00 UTC, when Jayapura's date is already the next day."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import click
import pytest

from careerlog import application
from careerlog.cli_dates import Day
from careerlog.domain import ledger
from projections.reading import ViewReader
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of, confirm_world_pns
from tests.functional.test_pages_auth import log_in

UTC_TODAY = datetime.now(UTC).date()  # the server's date (its clock in UTC, as in production)


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> date:
    """The clock at `moment` (UTC), as the ledger reads it for today and for a recording's time; the date it is then
    in Jayapura."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return moment.astimezone(tz)

    monkeypatch.setattr(ledger, "datetime", Clock)
    monkeypatch.setattr(application, "datetime", Clock)
    return (moment + timedelta(hours=9)).date()


def evening_in_utc(monkeypatch: pytest.MonkeyPatch) -> date:
    """20:00 UTC today (the server's date): 03:00 tomorrow in Jakarta, 05:00 in Jayapura; Jayapura's date."""
    jayapura = at(monkeypatch, datetime(UTC_TODAY.year, UTC_TODAY.month, UTC_TODAY.day, 20, tzinfo=UTC))
    assert jayapura == UTC_TODAY + timedelta(days=1)
    return jayapura


def test_the_views_read_today_as_the_day_the_ledger_judges_the_future_by(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    jayapura = evening_in_utc(monkeypatch)
    assert ViewReader(world.services.projector.views.sql).today == jayapura
    assert ViewReader(world.services.projector.views.sql, today=date(2026, 3, 1)).today == date(2026, 3, 1)  # fixed
    # someone 31 today in Jayapura: the ledger takes a fact of theirs dated today there, and the roster counts them 31
    born = date(jayapura.year - 31, jayapura.month, jayapura.day) if (jayapura.month, jayapura.day) != (2, 29) else None
    if born is None:
        pytest.skip("no such birthday 31 years ago")
    nip = f.nip(born, date(2015, 5, 1), "F", sequence=761)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, name="Ani"), actor="test")
    answer = world.post(
        f"/api/v1/employees/{nip}/events",
        json={"kind": "status_change", **f.status("ACTIVE", jayapura.isoformat())},
        headers={"Idempotency-Key": "today-in-jayapura"},
    )
    assert answer.status_code == 201, answer.get_json()["errors"]  # (dated today in Jayapura: not in the future)
    world.catch_up()
    employee = world.get(f"/api/v1/employees/{nip}").get_json()
    assert employee["age_band"] == "31-35"  # by the UTC date still 30: 26-30


def test_the_command_line_takes_the_from_the_api_takes(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    jayapura = evening_in_utc(monkeypatch)
    today, tomorrow = jayapura.isoformat(), (jayapura + timedelta(days=1)).isoformat()
    answered = world.get(f"/api/v1/audits/fairness?by=sex&from={today}", "inspector")
    assert answered.status_code == 200, answered.get_json()
    assert Day(until_today=True).convert(today, None, None) == today
    refused = world.get(f"/api/v1/audits/fairness?by=sex&from={tomorrow}", "inspector")
    assert list(refused.get_json()["errors"]) == ["from"]
    with pytest.raises(click.BadParameter, match=re.escape(f"{tomorrow} is after today ({today}).")):
        Day(until_today=True).convert(tomorrow, None, None)


def test_the_career_page_counts_a_year_begun_in_jayapura_as_this_year(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 20:00 UTC on 31 December the new year has begun in Jayapura: its JP are 'not yet' short of the target,
    as the training view counts them up to today."""
    new_year = at(monkeypatch, datetime(UTC_TODAY.year, 12, 31, 20, tzinfo=UTC)).year
    assert new_year == UTC_TODAY.year + 1
    confirm_world_pns(world)
    log_in(world, "admin")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert f"{new_year} 0 20 not yet" in text
