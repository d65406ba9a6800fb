"""A lone decision (its own page, `audit promotion NIP VERSION`) looks for its colleagues as known before it, on
both stores: a colleague a transfer recorded after the decision but effective before its TMT moved out of the
unit is compared as known then, as the lists do (`earlier_rounds`); one such a transfer moved in is not; both
are named (`colleagues_of`). The page read the final record's `unit_spells` alone: the first was missing from
it, the second dropped without a word."""

from __future__ import annotations

from typing import Any

import pytest

from projections.merit.passed_over import colleagues_of
from tests import factories as f
from tests.unit.test_merit_queries import T, clerk, post, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def transfer(unit: str, day: str) -> dict[str, Any]:
    return {"agency": "KOTA-MEDAN", "unit": unit, "region": "12.71", "effective_date": day, "reference": f"MUT-{day}"}


def test_a_lone_decision_compares_its_colleagues_where_the_record_known_before_it_placed_them(
    database_url: str,
) -> None:
    appointed = clerk(751).add("post_appointment", post("PENGAWAS", "2018-03-01", "IV.a"), f"2018-03-20{T}")
    moved_out = clerk(752, "SANGAT_BAIK")  # clearly stronger, in BKPSDM until a transfer recorded later
    moved_out.add("training", f.training("2016-10-07", 40, "2016-10-03"))
    moved_out.add("placement", transfer("Dinas Pendidikan", "2017-09-01"), f"2018-06-01{T}")
    moved_in = clerk(753, "SANGAT_BAIK").add("placement", transfer("Dinas Pendidikan", "2015-01-05"))
    moved_in.add("training", f.training("2016-10-07", 40, "2016-10-03"))
    moved_in.add("placement", transfer("BKPSDM", "2017-09-01"), f"2018-06-01{T}")  # back, recorded later
    stayed = clerk(754)
    records = {b.nip: b.record() for b in (appointed, moved_out, moved_in, stayed)}
    store = view_store_at(database_url, list(records.values()))
    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND kind = 'PENGAWAS'", [appointed.nip])

    passed, later = colleagues_of(store, lambda subjects: {s: records[s] for s in subjects}, decision)

    assert [p["colleague"] for p in passed] == [moved_out.nip]
    assert later == [
        {"colleague": moved_out.nip, "placed": "elsewhere"},
        {"colleague": moved_in.nip, "placed": "here"},
    ]
