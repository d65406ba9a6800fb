"""A reference (decree, certificate) that differs from a recorded one only in letter case or whitespace names the same
document: `800/123/BKD`, `800/123/bkd` and `800/123 /BKD` are one decree. Recorded again with the same values it is
answered as already recorded, as an exact repeat is (before, each spelling was recorded as a new fact: the record held
one promotion twice); with other values it is the same conflict. The stored reference stays as first written, a
correction may still mend its spelling, and a migration reproduces a log that holds two such spellings as two facts
(recorded before the ledger compared references so), as it was."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from careerlog.application import CareerLog
from careerlog.config import Settings
from careerlog.domain.errors import IdempotencyConflict, InvalidInput
from careerlog.domain.events import RankPromoted
from careerlog.domain.ledger import REFERENCE_TAKEN, REFERENCE_WRITTEN, identity_key, reference_key
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
PROMOTION = f.promotion("III/b", "2019-04-01", reference="800/123/BKD")


def promotions(app: CareerLog) -> list[tuple[int, str]]:
    employee = app.get_employee(NIP)
    assert employee is not None
    return [(x.version, x.values["reference"]) for x in employee.active_facts() if x.kind == "rank_promotion"]


def test_reference_key_ignores_case_and_whitespace_only() -> None:
    assert reference_key("800/123/BKD") == reference_key("800/123/bkd") == reference_key(" 800/123 /BKD")
    assert reference_key("800/123/BKD") != reference_key("800/124/BKD")
    assert reference_key("800/123/BKD") != reference_key("800-123-BKD")  # other characters are another reference
    key = identity_key(RankPromoted, {"reference": "800/123 /bkd"}, None)
    assert key == identity_key(RankPromoted, PROMOTION, None)
    assert identity_key(RankPromoted, PROMOTION, "form-1") == "key:form-1"  # a client key is taken as it is


@pytest.mark.parametrize("written", ["800/123/bkd", "800/123 /BKD", "800 / 123 / Bkd"])
def test_a_decree_recorded_again_in_other_case_or_spacing_is_already_recorded(app: CareerLog, written: str) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = app.record(NIP, "rank_promotion", PROMOTION, actor="hr")
    again = app.record(NIP, "rank_promotion", {**PROMOTION, "reference": written}, actor="hr")
    assert (again.version, again.created, again.recorded_at) == (first.version, False, first.recorded_at)
    keyed = app.record(NIP, "rank_promotion", {**PROMOTION, "reference": written}, actor="hr", client_key="form-9")
    assert (keyed.version, keyed.created) == (first.version, False)
    assert promotions(app) == [(first.version, "800/123/BKD")]  # stored as first written


def test_a_decree_in_other_case_with_other_values_is_a_conflict_naming_it_as_typed_and_as_recorded(
    app: CareerLog,
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = app.record(NIP, "rank_promotion", PROMOTION, actor="hr")
    with pytest.raises(IdempotencyConflict) as refused:
        app.record(NIP, "rank_promotion", {**PROMOTION, "reference": "800/123/bkd", "new_rank": "III/c"}, actor="hr")
    assert str(refused.value) == (
        "Reference '800/123/bkd' (written '800/123/BKD' in the record) was already recorded as version "
        f"{first.version} with different values (new_rank): if this is another event, give it its own reference "
        f"number; if version {first.version} was wrong, record a correction of version {first.version}."
    )
    assert promotions(app) == [(first.version, "800/123/BKD")]


def sheet(tmp_path: Path, name: str, reference: str) -> Path:
    header = ["NIP", "Jenis Diklat", "Nama Diklat", "Penyelenggara", "JP", "Tanggal Mulai", "Tanggal Selesai"]
    row = [NIP, "TEKNIS", "Arsip", "BKPSDM", "8", "2020-05-08", "2020-05-10"]
    path = tmp_path / name
    lines = [[*header, "No Sertifikat"], [*row, reference]]
    path.write_text("".join(",".join(line) + "\r\n" for line in lines), encoding="utf-8")
    return path


def test_an_import_of_a_certificate_in_other_case_is_already_recorded(app: CareerLog, tmp_path: Path) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = import_file(app, sheet(tmp_path, "pelatihan.csv", "SERT/2020/07"), actor="hr")
    assert (first.recorded, first.rejected) == (1, [])
    again = import_file(app, sheet(tmp_path, "training.csv", "sert/2020/ 07"), actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 1, [])
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [x.values["reference"] for x in employee.active_facts() if x.kind == "training"] == ["SERT/2020/07"]


def test_a_correction_mends_the_spelling_but_takes_no_other_facts_reference(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    one = app.record(NIP, "training", f.training("2016-01-08", reference="T-ONE"), actor="hr")
    two = app.record(NIP, "training", f.training("2016-02-08", reference="T-TWO"), actor="hr")
    with pytest.raises(InvalidInput) as refused:
        app.record(NIP, "correction", f.correction(two.version, "2016-03-01", reference="t-one"), actor="hr")
    written = REFERENCE_WRITTEN.reason(typed="'t-one'", recorded="'T-ONE'")  # (as typed, and as the other bears it)
    taken = REFERENCE_TAKEN.reason(reference=written, version=one.version, kind="training")
    assert refused.value.errors == {"corrected_fields.reference": [taken]}
    app.record(NIP, "correction", f.correction(one.version, "2016-03-01", reference="T-One"), actor="hr")
    employee = app.get_employee(NIP)
    assert employee is not None
    assert [x.values["reference"] for x in employee.active_facts() if x.kind == "training"] == ["T-One", "T-TWO"]


def test_a_migration_keeps_two_facts_whose_references_differ_in_case(app: CareerLog, tmp_path: Path) -> None:
    training = {"kind": "training", "nip": NIP, **f.training("2016-01-08", reference="CERT-CASE")}
    rows: list[dict[str, Any]] = [
        {"kind": "appointment", "nip": NIP, **f.appointment(), "recorded_at": "2010-03-05T02:00:00+00:00"},
        {**training, "recorded_at": "2016-01-10T02:00:00+00:00"},
        {**training, "reference": "cert-case", "recorded_at": "2016-02-10T02:00:00+00:00"},
    ]
    path = tmp_path / "old.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    report = import_file(app, path, actor="admin", migration=True)
    assert (report.recorded, report.already_recorded, report.rejected) == (3, 0, [])
    first = io.BytesIO()
    export_events(app, first)
    (tmp_path / "export.jsonl").write_bytes(first.getvalue())
    other = CareerLog.from_settings(Settings(database_url=f"sqlite:///{tmp_path}/other.db"))
    try:
        for _ in range(2):  # a migration, then the same again: nothing new
            again = import_file(other, tmp_path / "export.jsonl", actor="admin", migration=True)
            assert again.rejected == []
        out = io.BytesIO()
        export_events(other, out)
        assert out.getvalue() == first.getvalue()
    finally:
        other.close()
