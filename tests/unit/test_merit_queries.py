"""Queries over the merit views: merit.passed_over for post appointments and 202 promotions
(the colleagues of the unit and rank, judged as known before the decision, with the comparison
shown) and grade inflation per unit-year with the decisions that relied on it."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from careerlog.config import Settings
from careerlog.sqlstore import SqlStore
from projections.career import CareerRecord
from projections.merit.audit import DECISIONS, MeritProjection
from projections.merit.distribution import GradeInflationQueries
from projections.merit.passed_over import DecisionPassedOverQueries, measures_on, unchanged_since, unit_spell_rows
from projections.merit.queries import AuditQueries, read_ahead
from projections.store import open_view_store
from tests import factories as f

T = "T00:00:00+00:00"


def post(kind: str, day: str, level: str | None = None, **extra: Any) -> dict[str, Any]:
    payload = {"post_kind": kind, "title": f"{kind} {day}", "unit": "BKPSDM", "assignment": "DEFINITIVE"}
    payload |= {"effective_date": day, "reference": f"SK-{kind}-{day}-{f.nip()}", **extra}
    return payload | ({"level": level} if level else {})


def clerk(sequence: int, predicate: str = "BAIK", pkp: bool = True, late_2017: str | None = None) -> f.CareerBuilder:
    """A III/b S-1 pelaksana of KOTA-MEDAN BKPSDM since 2014-04-01, rated `predicate` in 2016-2017
    (`late_2017`: rated so for 2017, recorded on 15 February 2018 instead of 15 January)."""
    builder = f.CareerBuilder(birth=date(1986, 9, 26), appointed=date(2010, 3, 1))
    builder.nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), sequence=sequence)
    builder.add("post_appointment", post("PELAKSANA", "2010-03-01"))
    builder.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), f"2014-04-10{T}")
    for year in range(2010, 2018):
        rated = predicate if year >= 2016 else "BAIK"
        if year == 2017 and late_2017:
            builder.add("performance_rating", f.rating(year, late_2017), f"2018-02-15{T}")
        else:
            builder.add("performance_rating", f.rating(year, rated), f"{year + 1}-01-15{T}")
    if pkp:
        builder.add("training", f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP"))
    return builder


def view_store(tmp_path: Path, records: Sequence[CareerRecord]) -> SqlStore:
    return view_store_at(f"sqlite:///{tmp_path}/views.db", records)


def view_store_at(url: str, records: Sequence[CareerRecord]) -> SqlStore:
    """The merit view of `records` in the store at `url`."""
    store = open_view_store(Settings(database_url=url)).sql
    with store.transaction() as sql:
        for table in MeritProjection.tables:
            for statement in table.ddl():
                sql.execute(statement)
            for record in records:
                rows = MeritProjection().rows(record).get(table.name, [])
                sql.executemany(table.insert_statement(), ([r.get(n) for n in table.column_names] for r in rows))
    return store


def test_unit_spells_follow_placements_and_promotions_until_separation() -> None:
    builder = clerk(701).add(
        "placement",
        {"agency": "KOTA-MEDAN", "unit": "Inspektorat", "region": "12.71", "effective_date": "2016-07-01",
         "reference": "SK-MUT"},
    )  # fmt: skip
    builder.add("status_change", f.status("RETIRED", "2020-01-01"))
    rows = unit_spell_rows(builder.record())
    assert [(r["start_date"], r["end_date"], r["unit"], r["rank"]) for r in rows] == [
        ("2010-03-01", "2014-04-01", "BKPSDM", "III/a"),
        ("2014-04-01", "2016-07-01", "BKPSDM", "III/b"),
        ("2016-07-01", "2020-01-01", "Inspektorat", "III/b"),
    ]


def test_a_qualified_clearly_stronger_colleague_not_appointed_is_listed_with_the_comparison(tmp_path: Path) -> None:
    appointee = clerk(711).add("post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), f"2018-01-20{T}")
    stronger = clerk(712, "SANGAT_BAIK").add("training", f.training("2016-10-07", 40, "2016-10-03"))
    untrained = clerk(713, "SANGAT_BAIK", pkp=False).add("training", f.training("2016-10-07", 140, "2016-09-19"))
    late = clerk(714, "SANGAT_BAIK", pkp=False).add("training", f.training("2016-10-07", 100, "2016-09-26"))
    pkp = f.training("2017-06-30", 80, "2017-05-01", training_kind="PKP")
    late.add("training", pkp, f"2018-02-01{T}")  # recorded after the decision: not qualified as then known
    equal = clerk(715, "SANGAT_BAIK")  # better on performance only: not clearly stronger
    records = {b.nip: b.record() for b in (appointee, stronger, untrained, late, equal)}
    store = view_store(tmp_path, list(records.values()))

    found = DecisionPassedOverQueries(store, lambda subjects: {s: records[s] for s in subjects}).passed_over()

    assert [(r["subject"], r["decision"], r["kind"], r["colleague"]) for r in found] == [
        (appointee.nip, "post", "PENGAWAS", stronger.nip)
    ]
    assert found[0]["comparison"] == {
        "performance": {"appointed": 4.0, "colleague": 5.0},
        "training_jp": {"appointed": 80.0, "colleague": 120.0},
        "days_in_rank": {"appointed": 1372, "colleague": 1372},
        "education": {"appointed": 7, "colleague": 7},
    }
    assert found[0]["severity"] == "medium"
    by_nip = DecisionPassedOverQueries(store, lambda subjects: {s: records[s] for s in subjects})
    assert by_nip.passed_over(nip=equal.nip) == []


def test_the_measures_are_the_mean_rating_the_jp_and_the_days_in_rank_before_the_tmt() -> None:
    record = clerk(721, "SANGAT_BAIK").record()
    assert measures_on(record, date(2017, 4, 1)) == (4.5, 0.0, 1096, 7)  # 2016 Sangat Baik, 2015 Baik


def test_the_final_record_stands_for_the_known_one_only_when_nothing_late_bears_on_the_day() -> None:
    builder = clerk(731)
    builder.add("training", f.training("2019-05-10", 16, "2019-05-09"), f"2019-05-20{T}")
    record = builder.record()
    moment = datetime.fromisoformat(f"2018-01-20{T}")
    assert unchanged_since(record, moment, date(2018, 1, 2))  # only the 2019 training came later
    assert not unchanged_since(
        record, datetime.fromisoformat(f"2017-12-01{T}"), date(2018, 1, 2)
    )  # the 2017 rating came later
    assert not unchanged_since(record, moment, date(2019, 6, 1))  # the training is effective by then


def rated(sequence: int, predicate: str = "BAIK") -> f.CareerBuilder:
    """A III/a S-1 of KOTA-MEDAN BKPSDM since 2015, rated Baik 2015-2022 and `predicate` in 2023."""
    builder = f.CareerBuilder(appointed=date(2015, 3, 1))
    builder.nip = f.nip(date(1986, 9, 26), date(2015, 3, 1), sequence=sequence)
    for year in range(2015, 2024):
        builder.add("performance_rating", f.rating(year, predicate if year == 2023 else "BAIK"), f"{year + 1}-01-15{T}")
    return builder


def test_a_decision_shows_the_ratings_it_relied_on_from_a_unit_year_over_its_caps(tmp_path: Path) -> None:
    from careerlog.domain.events import BY_KIND
    from careerlog.domain.unit import Unit

    promoted = rated(741).add("rank_promotion", f.promotion("III/b", "2024-04-01"), f"2024-04-10{T}")
    staff = [promoted, *(rated(742 + i) for i in range(7)), rated(750, "SANGAT_BAIK"), rated(751, "BUTUH_PERBAIKAN")]
    recorded = f.recording(f.NOW)
    unit = Unit.register("KOTA-MEDAN", "BKPSDM", date(2024, 1, 10), recorded)
    payload = {"year": 2023, "predicate": "BAIK", "effective_date": "2024-01-10", "reference": "SKP-UNIT-2023"}
    unit.record(BY_KIND["unit_rating"], f._parse("unit_rating", payload), recorded)
    records = [b.record() for b in staff] + [CareerRecord.from_events(unit.id, list(unit.collect_events()))]
    store = view_store(tmp_path, records)

    inflated = GradeInflationQueries(store).grade_inflation()
    assert [(u["year"], u["unit_predicate"], u["rated"], u["counts"], u["exceeded"]) for u in inflated] == [
        (2023, "BAIK", 10, {"BAIK": 8, "BUTUH_PERBAIKAN": 1, "SANGAT_BAIK": 1}, [
            {"predicate": "BAIK", "share": 0.8, "max_share": 0.7}
        ])
    ]  # fmt: skip
    assert inflated[0]["evidence"][0]["reference"] == "SKP-UNIT-2023"
    assert GradeInflationQueries(store).grade_inflation(start=2024) == []
    decision = next(d for d in AuditQueries(store).promotions() if d["subject"] == promoted.nip)
    shown = AuditQueries(store).promotion(promoted.nip, decision["version"])
    assert [(r["year"], r["predicate"], r["unit_finding"]["unit"]) for r in shown["inflated_ratings"]] == [
        (2023, "BAIK", "BKPSDM")
    ]


def test_decisions_with_their_findings_stream_through_the_index_of_their_order_without_sorting_the_decisions(
    tmp_path: Path,
) -> None:
    store = view_store(tmp_path, [])
    for decision, order in ((None, ["tmt", "subject", "version"]), ("post", ["decision", "tmt", "subject", "version"])):
        statement, params = AuditQueries(store).decisions_sql(None, decision, with_findings=True)
        plan = " | ".join(str(r["detail"]) for r in store.query(f"EXPLAIN QUERY PLAN {statement}", params))
        read = re.search(r"(?:SCAN|SEARCH) d USING (COVERING )?INDEX (\w+)", plan)
        assert read is not None, plan
        columns = [r["name"] for r in store.query(f"PRAGMA index_info({read[2]})")]
        assert columns[: len(order)] == order, plan
        if decision is None:  # every decision: read from the index alone, which holds all the columns
            assert read[1], plan
            assert sorted(columns) == sorted(DECISIONS.column_names), plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan  # only a decision's own findings are put in rule order


def test_pages_read_ahead_come_in_order_and_an_error_in_the_reading_thread_is_raised_to_the_caller() -> None:
    pages = iter([[1, 2], [3], [4, 5]])
    assert list(read_ahead(lambda: next(pages, []))) == [[1, 2], [3], [4, 5]]

    def broken() -> list[int]:
        raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        list(read_ahead(broken))


def test_a_caller_that_stops_reading_ahead_early_waits_for_the_thread_so_that_nothing_reads_after_it() -> None:
    asked: list[int] = []

    def page() -> list[int]:
        asked.append(len(asked))
        time.sleep(0.01)
        return [len(asked)]

    before = threading.active_count()
    pages = read_ahead(page)
    assert next(pages) == [1]
    pages.close()  # the caller leaves: its transaction ends next
    assert threading.active_count() == before
    read = len(asked)
    time.sleep(0.05)
    assert len(asked) == read <= 3  # the page taken, the one waiting, at most the one being fetched
