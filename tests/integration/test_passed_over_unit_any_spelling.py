"""The passed-over comparisons match a colleague's unit in any letter case or spacing (careerlog.domain.unit
`unit_key`), as the ledger reads a unit's name: a clerk placed in "bkpsdm  " is a colleague of one promoted in
BKPSDM of the same agency and rank. Until merit view 49 the rounds' self-join (`promotion_rounds`, `earlier_rounds`)
and the 202/post comparison (`unit_spells`, `unit_named`) matched the unit as written, and a clearly stronger
colleague placed under another spelling was never compared: not listed, not counted, no finding. A unit listed is
shown under its spelling most listed (`units_shown`). On both stores."""

from __future__ import annotations

import pytest

from projections.merit.passed_over import (
    DecisionPassedOverQueries,
    UnitStaff,
    key_of,
    passed_over_of,
    unit_named_rows,
    unit_spell_rows,
)
from projections.merit.queries import AuditQueries, PassedOverQueries
from tests import factories as f
from tests.integration.test_passed_over_202_pool import guru
from tests.unit.test_merit_queries import T, clerk, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

TMT = "2018-04-01"


def placed(builder: f.CareerBuilder, unit: str) -> f.CareerBuilder:
    """`builder` placed in `unit` of KOTA-MEDAN from 2015-01-02 (recorded then)."""
    payload = {"agency": "KOTA-MEDAN", "unit": unit, "region": "12.71", "effective_date": "2015-01-02"}
    return builder.add("placement", {**payload, "reference": f"SK-MUT-{builder.nip}"}, f"2015-01-02{T}")


def strong(sequence: int, unit: str) -> f.CareerBuilder:
    """A III/b pelaksana of KOTA-MEDAN (`clerk`) placed in `unit`, rated Sangat Baik for 2016-2017 with 40 JP more
    than a clerk rated Baik: clearly stronger than one, eligible for a 101 to III/c on 2018-04-01."""
    builder = placed(clerk(sequence, "SANGAT_BAIK"), unit)
    return builder.add("training", f.training("2016-10-07", 40, "2016-10-03"))


def promoted(builder: f.CareerBuilder) -> f.CareerBuilder:
    return builder.add("rank_promotion", f.promotion("III/c", TMT), f"2018-04-20{T}")


def test_a_101_passes_over_a_colleague_of_its_unit_written_in_another_case_and_spacing(database_url: str) -> None:
    weak = promoted(clerk(791))  # in BKPSDM, as appointed
    other = strong(792, "bkpsdm  ")  # the same unit, typed otherwise; eligible, not promoted
    records = {b.nip: b.record() for b in (weak, other)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = PassedOverQueries(store).passed_over()  # the lists' comparison, over the rounds

    assert [(r["subject"], r["colleague"], r["round_date"], r["unit"]) for r in found] == [
        (weak.nip, other.nip, TMT, "BKPSDM")
    ]
    # the promotion's verdict and count in the lists, and its own page's colleagues
    [decision] = store.query("SELECT * FROM decisions WHERE subject = ? AND tmt = ?", (weak.nip, TMT))
    listed = AuditQueries(store).promotions(passed_over=True)
    assert [(d["subject"], d["tmt"], d["passed_over_count"], d["verdict"]) for d in listed] == [
        (weak.nip, TMT, 1, "findings")
    ]
    assert [r["colleague"] for r in passed_over_of(store, loader, decision)] == [other.nip]


def test_a_202_passes_over_a_fellow_holder_of_its_unit_written_in_another_spelling(database_url: str) -> None:
    promoted_202 = guru(793, "BAIK", "AHLI_MUDA")
    promoted_202.add("rank_promotion", f.promotion("III/c", TMT, kind="202"), f"2018-04-20{T}")
    fellow = placed(guru(794, "SANGAT_BAIK", "AHLI_MUDA"), " Bkpsdm")  # eligible for its own 202, not promoted
    records = {b.nip: b.record() for b in (promoted_202, fellow)}
    store = view_store_at(database_url, list(records.values()))
    loader = lambda subjects: {s: records[s] for s in subjects}  # noqa: E731

    found = DecisionPassedOverQueries(store, loader).passed_over()

    assert [(r["subject"], r["kind"], r["colleague"], r["unit"]) for r in found] == [
        (promoted_202.nip, "202", fellow.nip, "BKPSDM")
    ]


def test_a_unit_listed_is_shown_under_its_spelling_most_listed(database_url: str) -> None:
    first, second = promoted(clerk(795)), promoted(clerk(796))  # in BKPSDM
    third = promoted(placed(clerk(797), "bkpsdm"))
    other = strong(798, "Bkpsdm")
    records = [b.record() for b in (first, second, third, other)]
    store = view_store_at(database_url, records)

    found = PassedOverQueries(store).passed_over()

    assert sorted((r["subject"], r["colleague"], r["unit"]) for r in found) == [
        (b.nip, other.nip, "BKPSDM") for b in sorted((first, second, third), key=lambda b: b.nip)
    ]
    assert store.query("SELECT unit FROM promotion_rounds WHERE subject = ? AND round_date = ?", (third.nip, TMT)) == [
        {"unit": "bkpsdm"}  # what was recorded is unchanged: the spellings stay in the views
    ]


def test_a_unit_named_only_in_another_spelling_from_the_day_the_record_places_there_is_not_named_earlier() -> None:
    """`unit_named` keeps the units an amended placing fact named before the final record placed there: a correction
    of the placement's unit from Inspektorat to "inspektorat" names no unit the record did not place the clerk in
    then (in any spelling: before merit view 49, Inspektorat from 2015-01-02)."""
    builder = placed(clerk(799), "Inspektorat")
    placement = builder.employee.version  # (the placement's: the last fact recorded)
    builder.add("correction", f.correction(placement, "2015-01-02", unit="inspektorat"), f"2018-02-01{T}")
    record = builder.record()
    assert [s["unit"] for s in unit_spell_rows(record)][-1] == "inspektorat"
    assert unit_named_rows(record, unit_spell_rows(record)) == []


def test_a_colleague_named_in_the_unit_under_two_spellings_counts_from_the_earliest(database_url: str) -> None:
    """`unit_named` holds a row per spelling a version of a placing fact named (merit view 49): a colleague named in
    "Bagian Umum" from 2018-01-01 and in "BAGIAN UMUM" from 2018-09-01 was in the unit from 2018-01-01, whichever row
    the database reads last (`UnitStaff.named`: the earliest, not the last read)."""
    store = view_store_at(database_url, [])
    rows = [("C", "Bagian Umum", "2018-01-01"), ("C", "BAGIAN UMUM", "2018-09-01")]
    for order in (rows, rows[::-1]):
        with store.transaction() as sql:
            sql.execute("DELETE FROM unit_named")
            sql.executemany(
                "INSERT INTO unit_named (subject, agency, unit, named_from, placed_at, unit_key) "
                "VALUES (?, 'KOTA-MEDAN', ?, ?, '2019-02-01T00:00:00+00:00', ?)",
                [(*row, key_of(row[1])) for row in order],
            )
        decision = {"agency": "KOTA-MEDAN", "unit": "Bagian Umum", "rank_before": "III/b", "decision": "post"}
        decisions = [
            {**decision, "tmt": tmt, "kind": "PELAKSANA", "recorded_at": f"{tmt}{T}"}
            for tmt in ("2018-06-01", "2019-01-01")
        ]

        staff = UnitStaff(store, decisions)

        assert staff.named == {"C": "2018-01-01"}
        assert staff.in_unit_before("C", "2018-06-01")
