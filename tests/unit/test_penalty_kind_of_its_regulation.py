"""A penalty's kind is one of the discipline regulation in force on its effective date (rule penalty.kinds).

Found 2026-12-05: a PENURUNAN_PANGKAT_3 (a rank reduction for 3 years, PP 53/2010) was recorded with a 2026 date, after
PP 94/2021 replaced that regulation (31 August 2021), and a POTONG_TUKIN_6 (PP 94/2021) with a 2015 one. Both are now
refused beside penalty_kind, naming the regulation of the day and its kinds. The penalty's own day counts, not the
recording's: an old decision recorded late keeps its regulation's kind. A penalty already stored (recorded before the
check, or by a migration) of a kind now refused still reads, and the audits judge by it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from careerlog.domain.events import BY_KIND
from careerlog.domain.ledger import Recording
from projections.career import CareerRecord
from projections.merit.audit import MeritProjection, audit_promotion
from tests import factories as f
from tests.unit.test_employee_record import appoint, parse, record, refused

LATE = {"at": datetime(2026, 11, 2, tzinfo=UTC)}  # recorded in 2026, whatever the penalty's day


def penalty(kind: str, day: str, level: str = "SEVERE", reference: str = "HD-1") -> dict[str, Any]:
    return {"level": level, "penalty_kind": kind, "effective_date": day, "reference": reference}


def test_a_pp_53_2010_kind_dated_2026_is_refused_naming_pp_94_2021_and_its_kinds() -> None:
    assert refused(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2026-03-02"), **LATE) == {
        "penalty_kind": [
            "PENURUNAN_PANGKAT_3 is not a penalty kind of PP 94/2021, the discipline regulation in force on "
            "2026-03-02: a penalty effective then is one of TEGURAN_LISAN, TEGURAN_TERTULIS, PERNYATAAN_TIDAK_PUAS, "
            "POTONG_TUKIN_6, POTONG_TUKIN_9, POTONG_TUKIN_12, PENURUNAN_JABATAN, PEMBEBASAN_JABATAN, PEMBERHENTIAN. "
            "Check the effective date, or the kind of penalty."
        ]
    }


def test_a_pp_94_2021_kind_dated_2015_is_refused_naming_pp_53_2010() -> None:
    [reason] = refused(appoint(), "penalty", penalty("POTONG_TUKIN_6", "2015-05-04", "MEDIUM"), **LATE)["penalty_kind"]
    assert reason.startswith("POTONG_TUKIN_6 is not a penalty kind of PP 53/2010, the discipline regulation in force")


def test_a_2015_decision_recorded_in_2026_keeps_its_pp_53_2010_kind() -> None:
    assert record(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2015-05-04"), **LATE).created


def test_the_regulations_meet_on_the_day_each_took_effect() -> None:
    """PP 53/2010 from 6 June 2010 (its promulgation), PP 94/2021 from 31 August 2021."""
    [before] = refused(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2010-06-05"))["penalty_kind"]
    assert "PP 30/1980" in before
    assert record(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2010-06-06")).created
    assert record(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2021-08-30")).created
    [after] = refused(appoint(), "penalty", penalty("PENURUNAN_PANGKAT_3", "2021-08-31"))["penalty_kind"]
    assert "PP 94/2021" in after
    assert record(appoint(), "penalty", penalty("PENURUNAN_JABATAN", "2021-08-31")).created


def test_both_refusals_of_one_penalty_are_named_each_beside_its_field() -> None:
    too_long = {**penalty("POTONG_TUKIN_6", "2015-01-01", "MEDIUM"), "end_date": "2025-01-01"}
    assert set(refused(appoint(), "penalty", too_long)) == {"penalty_kind", "end_date"}


def test_a_correction_is_refused_beside_the_kind_or_the_date_it_moves() -> None:
    employee = appoint()
    record(employee, "penalty", penalty("PENURUNAN_PANGKAT_3", "2015-05-04"))  # version 2

    def correction(**fields: Any) -> dict[str, Any]:
        return {
            "target_version": 2,
            "reason": "Salah ketik",
            "corrected_fields": fields,
            "effective_date": "2026-01-05",
            "reference": "RALAT-1",
        }

    moved = refused(employee, "correction", correction(effective_date="2022-05-04"))  # (its end before it, too)
    assert "PP 94/2021" in moved["corrected_fields.effective_date"][0]
    # (PENURUNAN_JABATAN until 2026-12-05: now a kind of PP 53/2010 too, art. 7(4) b, of no fixed months)
    kind = refused(employee, "correction", correction(penalty_kind="POTONG_TUKIN_12", level="MEDIUM"))
    assert "PP 53/2010" in kind["corrected_fields.penalty_kind"][0]
    assert record(employee, "correction", correction(effective_date="2016-05-04")).created  # still PP 53/2010's


def test_a_stored_penalty_of_a_kind_now_refused_still_reads_and_is_judged_by() -> None:
    """A POTONG_TUKIN_12 dated 2015 (stored before the check, or by a migration, which keeps its log): the record
    reads it, another fact is recorded beside it, and the audit finds the promotion it bars, citing PP 53/2010."""
    builder = f.CareerBuilder(birth=date(1985, 1, 1), appointed=date(2010, 3, 1)).confirmed()
    stored = parse(penalty("POTONG_TUKIN_12", "2014-01-02", "MEDIUM"), "penalty")
    migrated = Recording(datetime(2014, 1, 10, tzinfo=UTC), "migration", migrated=True, reproduced=True)
    builder.employee.record(BY_KIND["penalty"], stored, migrated)
    builder.add("rank_promotion", f.promotion("III/b", "2014-04-01"), "2014-04-02T00:00:00+00:00")
    record_ = CareerRecord.from_events(builder.nip, builder.events())
    [kept] = record_.of_kind("penalty")
    assert (kept.get("penalty_kind"), kept.get("end_date")) == ("POTONG_TUKIN_12", date(2015, 1, 1))
    _, findings = audit_promotion(record_, record_.promotions()[0])
    [barred] = [r for r in findings if r["rule"] == "promotion.penalty"]
    assert barred["source"] == "PP 53/2010"
    rows = MeritProjection().rows(record_)  # the view's rows are made from it (no refusal, no error)
    assert rows["decisions"]
