"""The same text in another Unicode normalization form is the same text: `SK/Café/2026/1` written with é (NFC) or with
e and a combining accent (NFD, as macOS and some input methods write it) names one certificate, and a title so written
is the same title. Sent again in the other form, a fact is already recorded (by the API, `careerlog record` and an
import of CSV or JSON Lines alike), and each text is kept in NFC. Before, the second form was recorded as a new fact
(the record held one training twice) and a row whose title alone was in the other form was refused as "already
recorded with different values (title)".

A log recorded before holds such pairs: it still loads, both facts are read as recorded, and a resend names one of
them (the later) every time; a migration reproduces the pair as it was."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import orjson
import pytest
from click.testing import CliRunner

from careerlog.application import CareerLog
from careerlog.cli import main
from careerlog.config import Settings
from careerlog.domain.events import TrainingCompleted
from careerlog.domain.ledger import identity_key, reference_key
from careerlog.domain.payload import in_nfc_payload, same_value
from careerlog.domain.unit import unit_key
from careerlog.exporting import export_events
from careerlog.importing import import_file
from careerlog.names import same_name
from tests import factories as f

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)

NIP = f.nip()
NFC = "SK/Café/2026/1"
NFD = unicodedata.normalize("NFD", NFC)
TITLE = "Pelatihan Café Manajemen"
TITLE_NFD = unicodedata.normalize("NFD", TITLE)


def trainings(app: CareerLog) -> list[tuple[int, str, str]]:
    employee = app.get_employee(NIP)
    assert employee is not None
    return [
        (x.version, x.values["reference"], x.values["title"]) for x in employee.facts.values() if x.kind == "training"
    ]


def test_the_forms_differ_as_written_and_are_one_key() -> None:
    assert NFC != NFD
    assert len(NFD) == len(NFC) + 1
    assert reference_key(NFC) == reference_key(NFD) == reference_key(" sk/CAFÉ/2026/1")
    assert reference_key(unicodedata.normalize("NFD", "SK/CAFÉ/2026/1")) == reference_key(NFC)
    assert reference_key("SK/Cafe/2026/1") != reference_key(NFC)  # no accent: another reference
    assert reference_key("SK/2²") != reference_key("SK/22")  # compatibility forms are other text (not NFKC)
    assert identity_key(TrainingCompleted, {"reference": NFD}, None) == identity_key(
        TrainingCompleted, {"reference": NFC}, None
    )
    assert same_value(TITLE, TITLE_NFD)
    assert not same_value(TITLE, "Pelatihan Cafe Manajemen")
    payload = {"title": TITLE_NFD, "hours": 8, "corrected_fields": {"title": TITLE_NFD}}
    assert in_nfc_payload(payload) == {"title": TITLE, "hours": 8, "corrected_fields": {"title": TITLE}}
    ascii_only = {"title": "Arsip", "hours": 8}
    assert in_nfc_payload(ascii_only) is ascii_only  # (nothing to change: no copy)


def test_a_training_sent_again_in_the_other_form_is_already_recorded(app: CareerLog) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = app.record(NIP, "training", f.training("2026-11-17", reference=NFD, title=TITLE_NFD), actor="hr")
    again = app.record(NIP, "training", f.training("2026-11-17", reference=NFC, title=TITLE), actor="hr")
    assert (again.version, again.created) == (first.version, False)
    keyed = app.record(
        NIP, "training", f.training("2026-11-17", reference=NFD, title=TITLE), actor="hr", client_key="k1"
    )
    assert (keyed.version, keyed.created) == (first.version, False)
    assert trainings(app) == [(first.version, NFC, TITLE)]  # kept in NFC


def training_rows(nfd: bool) -> list[dict[str, Any]]:
    def form(text: str) -> str:
        return unicodedata.normalize("NFD" if nfd else "NFC", text)

    common = {"nip": NIP, "training_kind": "TEKNIS", "title": form(TITLE), "organiser": "BKPSDM", "hours": "8"}
    return [
        {**common, "start_date": "2026-11-17", "effective_date": "2026-11-17", "reference": form(NFC)},
        {**common, "start_date": "2026-11-18", "effective_date": "2026-11-18", "reference": "SK/plain/2026/2"},
    ]


def write(tmp_path: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_bytes(b"".join(orjson.dumps({"kind": "training", **r}) + b"\n" for r in rows))
    elif name.endswith(".xlsx"):
        book = openpyxl.Workbook()
        for values in [list(rows[0]), *(list(r.values()) for r in rows)]:
            book.active.append(values)
        book.save(path)
    else:
        lines = [",".join(rows[0]), *(",".join(r.values()) for r in rows)]
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "xlsx"])
@pytest.mark.parametrize("nfd_first", [False, True], ids=["nfc_then_nfd", "nfd_then_nfc"])
def test_an_import_in_the_other_form_is_already_recorded(
    app: CareerLog, tmp_path: Path, suffix: str, nfd_first: bool
) -> None:
    app.record(NIP, "appointment", f.appointment(), actor="hr")
    first = import_file(app, write(tmp_path, f"training-1.{suffix}", training_rows(nfd_first)), actor="hr")
    assert (first.recorded, first.rejected) == (2, [])
    again = import_file(app, write(tmp_path, f"training-2.{suffix}", training_rows(not nfd_first)), actor="hr")
    assert (again.recorded, again.already_recorded, again.rejected) == (0, 2, [])
    assert [(r, t) for _, r, t in trainings(app)] == [(NFC, TITLE), ("SK/plain/2026/2", TITLE)]


NAME = "José Siregar"
NAME_NFD = unicodedata.normalize("NFD", NAME)


def test_a_name_in_either_form_is_the_same_name() -> None:
    assert same_name(NAME, NAME_NFD)
    assert same_name(NAME_NFD, NAME)
    assert not same_name(NAME, "Josi Siregar")


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_an_import_naming_the_employee_in_nfd_is_recorded(app: CareerLog, tmp_path: Path, suffix: str) -> None:
    """The appointment keeps the name in NFC; a file writing it in NFD (macOS) names the same employee. Before, the
    name's words split at the combining accent ("Jos", "e") and every row was refused as another person's."""
    app.record(NIP, "appointment", {**f.appointment(), "name": NAME_NFD}, actor="hr")
    assert app.get_employee(NIP).facts[1].values["name"] == NAME  # (kept in NFC)
    rows = [{**row, "name": NAME_NFD} for row in training_rows(nfd=True)]
    result = import_file(app, write(tmp_path, f"training.{suffix}", rows), actor="hr")
    assert (result.recorded, result.rejected) == (2, [])


UNIT = "Bagian Umum Café"
UNIT_NFD = unicodedata.normalize("NFD", UNIT)


def test_a_unit_named_in_the_other_form_is_the_unit_recorded_in_nfc(app: CareerLog) -> None:
    """A unit's name is in its subject, not its payload: a new unit's name is kept in NFC, and a rating under the name
    in another form goes into that unit's record. Before, the NFD name was kept as sent and NFC registered a second
    unit."""
    assert unit_key(UNIT) == unit_key(UNIT_NFD) == unit_key(" bagian  umum CAFÉ")
    assert unit_key("Bagian Umum Cafe") != unit_key(UNIT)
    first = app.rate_unit("KOTA-MEDAN", UNIT_NFD, f.rating(2023), actor="hr")
    assert first.subject == f"UNIT:KOTA-MEDAN:{UNIT}"  # (registered in NFC)
    second = app.rate_unit("KOTA-MEDAN", UNIT, f.rating(2024), actor="hr")
    third = app.rate_unit("KOTA-MEDAN", UNIT_NFD, f.rating(2025), actor="hr")
    assert (second.subject, second.version, third.subject, third.version) == (first.subject, 3, first.subject, 4)
    assert [s for s in app.unit_subjects() if s.startswith("UNIT:KOTA-MEDAN:")] == [first.subject]


def test_careerlog_record_in_the_other_form_is_already_recorded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'careerlog.db'}"
    app = CareerLog.from_settings(Settings(database_url=url))
    try:
        app.record(NIP, "appointment", f.appointment(), actor="hr")
    finally:
        app.close()
    fields = [f"{k}={v}" for k, v in f.training("2026-11-17", reference=NFC, title=TITLE).items()]
    runner = CliRunner()
    one = runner.invoke(main, ["record", NIP, "training", *fields], env={"CAREERLOG_DATABASE_URL": url})
    assert one.exit_code == 0, one.output
    nfd = [unicodedata.normalize("NFD", field) for field in fields]
    two = runner.invoke(main, ["record", NIP, "training", *nfd], env={"CAREERLOG_DATABASE_URL": url})
    assert two.exit_code == 0, two.output
    assert "already recorded" in two.output


def legacy_log(tmp_path: Path) -> Path:
    """A log recorded before 2026-12-05 that holds one training twice, in NFC and in NFD (a migration reproduces it)."""
    training = {"kind": "training", "nip": NIP, **f.training("2026-11-17", reference=NFC, title=TITLE)}
    rows: list[dict[str, Any]] = [
        {"kind": "appointment", "nip": NIP, **f.appointment(), "recorded_at": "2010-03-05T02:00:00+00:00"},
        {**training, "recorded_at": "2026-11-20T02:00:00+00:00"},
        {**training, "reference": NFD, "title": TITLE_NFD, "recorded_at": "2026-11-21T02:00:00+00:00"},
    ]
    path = tmp_path / "old.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def test_a_log_holding_both_forms_loads_reads_both_and_a_resend_names_the_later(
    app: CareerLog, settings: Settings, tmp_path: Path
) -> None:
    report = import_file(app, legacy_log(tmp_path), actor="admin", migration=True)
    assert (report.recorded, report.already_recorded, report.rejected) == (3, 0, [])
    assert trainings(app) == [(2, NFC, TITLE), (3, NFD, TITLE_NFD)]  # both, as recorded
    before = io.BytesIO()
    export_events(app, before)
    for reference, title in [(NFC, TITLE), (NFD, TITLE_NFD), (NFD, TITLE)]:
        again = app.record(NIP, "training", f.training("2026-11-17", reference=reference, title=title), actor="hr")
        assert (again.version, again.created) == (3, False)
    other = CareerLog.from_settings(settings)  # (read afresh from the store)
    try:
        again = other.record(NIP, "training", f.training("2026-11-17", reference=NFC, title=TITLE), actor="hr")
        assert (again.version, again.created) == (3, False)
        assert trainings(other) == [(2, NFC, TITLE), (3, NFD, TITLE_NFD)]
    finally:
        other.close()
    after = io.BytesIO()
    export_events(app, after)
    assert after.getvalue() == before.getvalue()  # nothing recorded, nothing changed


def test_a_migration_reproduces_a_log_holding_both_forms(app: CareerLog, tmp_path: Path) -> None:
    import_file(app, legacy_log(tmp_path), actor="admin", migration=True)
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
