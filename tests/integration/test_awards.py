"""Awards through bulk import and export on each store: recorded, refused by line, and round-tripped."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from careerlog.application import CareerLog
from careerlog.exporting import export_events
from careerlog.importing import import_file
from tests import factories as f
from tests.integration.test_import_export import write_jsonl

BIRTH, TMT = date(1975, 2, 3), date(2000, 3, 1)
NIP = f.nip(BIRTH, TMT, "M", sequence=71)


def test_awards_are_imported_each_bad_row_reported_and_exported_as_recorded(app: CareerLog, tmp_path: Path) -> None:
    rows = [
        {"kind": "appointment", "nip": NIP, **f.appointment(BIRTH, TMT, "M")},
        {"kind": "award", "nip": NIP, **f.award("SLKS_20", "2020-08-17", "2020-08-10", reference="KEPPRES-20/2020")},
        {"kind": "award", "nip": NIP, **f.award("SLKS_99", "2021-08-17")},
        {"kind": "award", "nip": NIP, **f.award("PEGAWAI_TELADAN", "1999-08-17")},
    ]
    report = import_file(app, write_jsonl(tmp_path / "awards.jsonl", rows), actor="hr")
    assert report.recorded == 2
    assert [(r.line, sorted(r.errors)) for r in report.rejected] == [
        (3, ["award_kind"]),
        (4, ["decree_date", "effective_date"]),
    ]
    out = io.BytesIO()
    export_events(app, out)
    award = json.loads(out.getvalue().splitlines()[1])
    assert {k: award[k] for k in ("kind", "nip", "version", "award_kind", "decree_date", "reference")} == {
        "kind": "award",
        "nip": NIP,
        "version": 2,
        "award_kind": "SLKS_20",
        "decree_date": "2020-08-10",
        "reference": "KEPPRES-20/2020",
    }
    dump = tmp_path / "export.jsonl"
    dump.write_bytes(out.getvalue())
    assert import_file(app, dump, actor="admin", migration=True).recorded == 0  # the same facts, stored once
