"""Frozen records made without their constructor (a record's entries, a rule's outcome) are the
ones their constructor makes: equal, hashed alike, frozen; and a record as known before a time
lists the facts of several kinds as one built from its entries would."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from careerlog.reference import Rule
from projections.career import CareerRecord, Entry
from projections.merit.rules import MET, MISSING, TRAINING, Check, check
from tests import factories as f

WORDING = TRAINING  # an existing template (a new one would need its translation)


def rule(**params: object) -> Rule:
    return Rule("promotion.training", "Training", "PP 11/2017", "confirmed", date(2020, 1, 1), None, "medium", params)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (check(rule(), True, WORDING), Check("promotion.training", MET, "medium", "PP 11/2017", "confirmed", WORDING)),
        (
            check(rule(enforced=False), False, WORDING, []),
            Check("promotion.training", MISSING, "medium", "PP 11/2017", "confirmed", WORDING, (), False),
        ),
    ],
)
def test_check_makes_the_check_its_constructor_makes(made: Check, expected: Check) -> None:
    assert made == expected
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert dataclasses.asdict(made) == dataclasses.asdict(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.outcome = MET  # type: ignore[misc]


def test_a_made_checks_wording_is_made_when_first_read() -> None:
    calls: list[int] = []

    def wording() -> object:
        calls.append(1)
        return WORDING(hours=8, year=2024, needed=20)

    made = check(rule(), False, wording)  # type: ignore[arg-type]
    assert calls == []
    assert made.message == "8 JP in 2024; 20 needed"
    assert made.message == "8 JP in 2024; 20 needed"
    assert calls == [1]
    assert made.finding
    assert made.missing


def test_an_entry_of_an_event_is_the_entry_its_constructor_makes() -> None:
    [*_, event] = f.CareerBuilder().add("training", f.training("2015-03-03", hours=8)).events()
    made = Entry.of(event)
    expected = Entry(
        event.originator_version,
        event.KIND,
        event.effective_date,
        event.timestamp,
        event.reference,
        made.values,
        event.recorded_by,
        event.migrated,
    )
    assert made == expected
    assert repr(made) == repr(expected)
    assert made.values["hours"] == 8
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "exam"  # type: ignore[misc]


MOVED = {"agency": "PROV-SUMUT", "unit": "Bappeda", "region": "12", "effective_date": "2012-02-01", "reference": "M-1"}


def test_a_record_known_before_a_time_lists_several_kinds_as_one_built_from_its_entries() -> None:
    final = (
        f.CareerBuilder()
        .add("placement", MOVED, "2012-02-03T00:00:00+00:00")
        .add("training", f.training("2012-02-01", hours=8), "2014-01-02T00:00:00+00:00")  # recorded late
        .add("rank_promotion", f.promotion("III/b", "2013-04-01"), "2013-04-02T00:00:00+00:00")
        .add("training", f.training("2011-06-01", hours=4), "2013-05-01T00:00:00+00:00")
        .record()
    )
    moment = datetime(2013, 6, 1, tzinfo=UTC)
    kinds = ("training", "placement", "rank_promotion", "appointment")
    final.of_kind(*kinds)  # the full record's list, which the known record's is taken from
    known = final.known_before(moment)
    rebuilt = CareerRecord(final.subject, [e for e in final.entries if e.recorded_at < moment])
    assert [x.version for x in known.of_kind(*kinds)] == [x.version for x in rebuilt.of_kind(*kinds)]
    assert len(known.of_kind(*kinds)) == len(final.of_kind(*kinds)) - 1
    day = date(2012, 3, 1)
    assert [x.version for x in known.of_kind(*kinds, until=day)] == [
        x.version for x in rebuilt.of_kind(*kinds, until=day)
    ]
    assert known.placement_on(day) == rebuilt.placement_on(day)
