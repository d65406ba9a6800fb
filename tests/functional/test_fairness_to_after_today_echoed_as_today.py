"""Fairness asked `to=2030-01-01` echoed `period.to` 2030-01-01 though no pool holds a round after today; it now
answers the period it counted, to today, as time to promotion already did."""

from __future__ import annotations

from tests.functional.conftest import World


def test_a_to_after_today_is_echoed_as_today(world: World) -> None:
    answer = world.get("/api/v1/audits/fairness", "admin", query_string={"by": "sex", "to": "2030-01-01"}).get_json()
    assert answer["period"]["to"] < "2030-01-01"  # today (the services' day, in the easternmost zone)
    times = world.get("/api/v1/audits/time-to-promotion", "admin", query_string={"by": "sex", "to": "2030-01-01"})
    assert answer["period"]["to"] == times.get_json()["period"]["to"]
    asked = world.get("/api/v1/audits/fairness", "admin", query_string={"by": "sex", "to": "2020-01-01"}).get_json()
    assert asked["period"] == {"from": None, "to": "2020-01-01"}


def test_both_statistics_answer_the_day_their_period_ended_when_no_to_was_asked(world: World) -> None:
    """Fairness left `period.to` null when no `to` was asked, while time to promotion filled today: both now say
    the day they counted to, the same day."""
    rates = world.get("/api/v1/audits/fairness", "admin", query_string={"by": "sex"}).get_json()
    times = world.get("/api/v1/audits/time-to-promotion", "admin", query_string={"by": "sex"}).get_json()
    assert rates["period"]["to"] is not None
    assert rates["period"] == times["period"]
    assert {group["period_to"] for group in rates["groups"]} <= {rates["period"]["to"]}
