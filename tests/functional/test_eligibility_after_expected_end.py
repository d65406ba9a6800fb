"""A reporting client reads an employee's eligibility and must be able to tell a forecast that will in all
likelihood never come: a promotion date after the day the employee's service is expected to end (the retirement
age, rule retirement.age, as the career page reads it). Found by an exploratory tester (2026-12-07): the API gave
`next_date` 2028-04-01 and `decision` "to_come" to an employee whose service ends on 31 March 2027, where the career
page says "This date is after the day the employee's service is expected to end, Mar 31, 2027", and offered a
promotion in 2030 to one whose expected end, 31 January 2024, is already past. The answer now gives the expected end
(`service_end`) and, per offer, `expected_end` and `after_expected_end`; `decision` keeps its values.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

RETIRING = "196903011995031001"  # born 1 March 1969, SLTA: 58 reached in March 2027
PAST_END = f.nip(date(1966, 1, 1), date(1990, 3, 1), "M", sequence=1)  # 58 reached in January 2024


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: on PostgreSQL the read's roster row is read ahead (web.fastreads)."""
    return database_url


def eligibility(world: World, nip: str) -> dict:
    answer = world.get(f"/api/v1/employees/{nip}/eligibility", "admin")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


def test_an_offer_after_the_expected_end_of_service_says_so(world: World) -> None:
    """The tester's case: II/b since 1 April 2024, the next regular promotion on 1 April 2028, a year after the day
    service is expected to end."""
    ledger = world.services.ledger
    ledger.record(RETIRING, "appointment", appointment_of(RETIRING, rank="II/a", education="SLTA"), actor="test")
    ledger.record(RETIRING, "rank_promotion", f.promotion("II/b", "2024-04-01"), actor="test")
    world.catch_up()
    body = eligibility(world, RETIRING)
    assert body["service_end"] == {
        "retirement_age": 58,
        "expected_end": "2027-03-31",
        "rule": "retirement.age",
        "rule_status": "M",
        "rule_confirmed": False,
        "past": False,
        "post": False,
        "acting": False,
    }
    (offer,) = body["items"]
    assert (offer["kind"], offer["next_date"], offer["decision"]) == ("101", "2028-04-01", "to_come")
    assert offer["expected_end"] == "2027-03-31"
    assert offer["after_expected_end"] is True


def test_an_offer_to_one_past_the_expected_end_with_no_separation_is_after_it(world: World) -> None:
    """Born 1 January 1966, no end of service recorded: the expected end, 31 January 2024, is past, and every
    promotion date offered now is after it."""
    world.services.ledger.record(PAST_END, "appointment", appointment_of(PAST_END, rank="III/a"), actor="test")
    world.catch_up()
    body = eligibility(world, PAST_END)
    assert body["service_end"]["expected_end"] == "2024-01-31"
    assert body["service_end"]["past"] is True
    assert body["items"]
    for offer in body["items"]:
        assert offer["next_date"] > "2024-01-31"
        assert (offer["expected_end"], offer["after_expected_end"]) == ("2024-01-31", True)


def test_an_offer_before_the_expected_end_is_not_after_it(world: World) -> None:
    """Budi, born 26 September 1986: his service ends on 30 September 2044, long after any date offered now."""
    body = eligibility(world, BUDI)
    assert body["service_end"]["expected_end"] == "2044-09-30"
    assert body["service_end"]["past"] is False
    assert body["items"]
    assert all(o["expected_end"] == "2044-09-30" and o["after_expected_end"] is False for o in body["items"])


def test_no_expected_end_once_service_ended(world: World) -> None:
    world.services.ledger.record(BUDI, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    world.catch_up()
    body = eligibility(world, BUDI)
    assert body["service_end"] is None
    assert body["items"] == []  # (no offer to a service ended: nothing to compare with an end)
    assert body["no_promotion"]["reason"] == "separated"


def test_a_functional_post_holders_offer_reads_the_expected_end_too(world: World) -> None:
    """With a 202 open the roster row was not read (nothing to say of why none is open): the expected end of
    service is read from it all the same. An Ahli Muda born March 1969 retires at 58, on 31 March 2027."""
    ledger = world.services.ledger
    ledger.record(RETIRING, "appointment", appointment_of(RETIRING, rank="III/b", education="S-1"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MUDA", "title": "Analis Kebijakan", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2024-01-02", "reference": "SK-JAB-END"}
    ledger.record(RETIRING, "post_appointment", post, actor="test")
    ledger.record(RETIRING, "rank_promotion", f.promotion("III/c", "2024-04-01", kind="202"), actor="test")
    world.catch_up()
    body = eligibility(world, RETIRING)
    assert body["service_end"]["expected_end"] == "2027-03-31"
    assert body["service_end"]["post"] is True
    kinds = {o["kind"]: o for o in body["items"]}
    assert "202" in kinds
    assert kinds["202"]["expected_end"] == "2027-03-31"
    assert kinds["202"]["next_date"] == "2027-02-01"  # (before the end by two months)
    assert kinds["202"]["after_expected_end"] is False


def test_the_csv_gives_the_expected_end_on_each_offer_after_its_other_columns(world: World) -> None:
    ledger = world.services.ledger
    ledger.record(RETIRING, "appointment", appointment_of(RETIRING, rank="II/a", education="SLTA"), actor="test")
    ledger.record(RETIRING, "rank_promotion", f.promotion("II/b", "2024-04-01"), actor="test")
    world.catch_up()
    answer = world.get(f"/api/v1/employees/{RETIRING}/eligibility?format=csv", "admin")
    assert answer.status_code == 200
    (row,) = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert list(row)[-3:] == ["decision", "expected_end", "after_expected_end"]
    assert (row["next_date"], row["expected_end"], row["after_expected_end"]) == ("2028-04-01", "2027-03-31", "true")


def slta_at_its_ceiling(world: World, nip: str) -> None:
    """A pelaksana with SLTA at III/b since 2016, its regular ceiling: the 101 to III/c blocked, no next date."""
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test", confirmed=["promotion.one_step"]
    )
    world.catch_up()


def test_a_blocked_offer_is_after_an_expected_end_gone_by_and_unknown_before_it(world: World) -> None:
    """A review (2026-12-07): a blocked offer (no next date) was compared by its earliest date, a day long gone, and
    read false, as if it could come before the end. Past the end any promotion to come is after it (true); before
    it, with no date to compare, null."""
    slta_at_its_ceiling(world, PAST_END)
    (offer,) = eligibility(world, PAST_END)["items"]
    assert (offer["blocked"] is not None, offer["next_date"]) == (True, None)
    assert (offer["expected_end"], offer["after_expected_end"]) == ("2024-01-31", True)
    serving = f.nip(date(1975, 3, 3), date(2000, 3, 1), "M", sequence=772)  # 58 in March 2033
    slta_at_its_ceiling(world, serving)
    (offer,) = eligibility(world, serving)["items"]
    assert (offer["blocked"] is not None, offer["next_date"]) == (True, None)
    assert (offer["expected_end"], offer["after_expected_end"]) == ("2033-03-31", None)
