"""A stored row reads plainly (`projections.stored_entries.stored_entry`) only with every field an entry reads:
without any one of them, common or of the payload, it gives None (the caller decodes it as careerlog does, the event
reading the class's default or failing), and with all of them the entry the mapper's event gives."""

from __future__ import annotations

from datetime import UTC, date, datetime

import orjson
import pytest

from careerlog.persistence import class_of
from projections.stored_entries import COMMON, payload_names, stored_entry

TOPIC = "careerlog.domain.events:PerformanceRated"
STATE = {
    "timestamp": "2009-01-13T03:48:00+00:00",
    "effective_date": "2008-12-31",
    "reference": "SKP.2008/197512212008012001",
    "recorded_by": "demo:kota-medan",
    "migrated": True,
    "client_key": None,
    "year": 2008,
    "predicate": "AMAT_BAIK",
    "score": None,
    "class_version": 2,
}
READ = [*COMMON, *payload_names(class_of(TOPIC))[0]]


def test_a_row_with_every_field_read_reads_plainly_typed() -> None:
    entry = stored_entry(3, TOPIC, orjson.dumps(STATE))
    assert entry is not None
    assert (entry.version, entry.kind, entry.effective_date, entry.reference) == (
        3,
        "performance_rating",
        date(2008, 12, 31),
        "SKP.2008/197512212008012001",
    )
    assert entry.recorded_at == datetime(2009, 1, 13, 3, 48, tzinfo=UTC)
    assert (entry.day_text, entry.stamp_text) == ("2008-12-31", "2009-01-13T03:48:00+00:00")
    assert list(entry.values) == list(payload_names(class_of(TOPIC))[0])


@pytest.mark.parametrize("missing", READ)
def test_a_row_without_a_field_read_does_not_read_plainly(missing: str) -> None:
    state = {k: v for k, v in STATE.items() if k != missing}
    assert stored_entry(3, TOPIC, orjson.dumps(state)) is None


def test_a_topics_rows_are_read_by_one_reader_made_for_it_once() -> None:
    """`stored_entry` reads a topic's rows with a function written out for its class (`_reader`), made on the first
    row and kept: the same entry as the first read, a first-version state given the class's fixed upcast values, a
    state of another class version None."""
    from projections import stored_entries

    first = stored_entry(3, TOPIC, orjson.dumps(STATE))
    reader = stored_entries._READERS[TOPIC]
    assert stored_entries._reader(TOPIC) is reader
    assert reader(3, orjson.dumps(STATE)) == first == stored_entry(3, TOPIC, orjson.dumps(STATE))
    older = {k: v for k, v in STATE.items() if k not in ("class_version", "score")}  # version 1: no score stored
    assert reader(3, orjson.dumps(older)) == first  # (its score None, as `upcast_v1_v2` gives it)
    assert reader(3, orjson.dumps({**STATE, "class_version": 3})) is None


def test_a_converted_field_no_entry_reads_may_be_missing_and_is_converted_when_there() -> None:
    """The checks a writer confirmed (`confirmed`, a list in JSON, a tuple typed) are read by no field of the entry's
    but its `confirmed`: a row of a class with them reads plainly without them (none confirmed) and with them typed."""
    topic = "careerlog.domain.events:RankPromoted"
    state = {
        "timestamp": "2012-04-02T01:00:00+00:00",
        "effective_date": "2012-04-01",
        "reference": "SK.2012/001",
        "recorded_by": "demo:kota-medan",
        "migrated": True,
        "client_key": None,
        "new_rank": "III/b",
        "promotion_kind": "REGULAR",
        "class_version": 2,
    }
    plain = stored_entry(5, topic, orjson.dumps(state))
    assert plain is not None
    assert plain.confirmed == ()
    confirmed = stored_entry(5, topic, orjson.dumps({**state, "confirmed": ["promotion.one_step"]}))
    assert confirmed is not None
    assert confirmed.confirmed == ("promotion.one_step",)
    assert confirmed.values == plain.values
