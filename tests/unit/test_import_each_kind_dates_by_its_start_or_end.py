"""Every kind whose event is a start read "Tanggal Selesai" as its effective date (HEADER_ALIASES' reading of a
training's last day): an acting post (Plt) of "Tanggal Mulai 01/02/2024; Tanggal Selesai 31/07/2024" was recorded as
appointed on 2024-07-31, its "Tanggal Mulai" left out with a note, and an unpaid leave (CLTN) alike (review of
2026-12-06). Each kind of docs/events.md now reads a start's name and an end's by what its event is
(textfiles.KIND_HEADER_ALIASES): a start's by its "Tanggal Mulai", an end's (and a completion's) by its "Tanggal
Selesai" or "Tanggal Berakhir", a penalty by both (its start and its end_date), a fact of one day by neither.

In a file of several kinds, a row whose kind reads such a column as no field of it (a study leave's start's planned
end) was refused `tanggal_selesai: Unknown field.`; its cell is now left out with a note, as a file of one kind's."""

from __future__ import annotations

import io
from typing import Any

import pytest

from careerlog.domain.events import BY_KIND
from careerlog.domain.payload import payload_fields
from careerlog.importing import ColumnNotes, read_csv
from careerlog.textfiles import column_name

NIP = "199001012015031002"
START, END = "effective_date", "effective_date"
# each kind's reading of ("Tanggal Mulai", "Tanggal Selesai", "Tanggal Berakhir"): the field it names, None for none
EXPECTED: dict[str, tuple[str | None, str | None, str | None]] = {
    # a start: dated by its start (its TMT), its end (planned, or an acting post's, a leave's) no field
    "appointment": (START, None, None),
    "confirmation": (START, None, None),
    "rank_promotion": (START, None, None),
    "post_appointment": (START, None, None),
    "placement": (START, None, None),
    "status_change": (START, None, None),
    "study_leave_start": (START, None, None),
    "mentoring_start": (START, None, None),
    "mentee_assigned": (START, None, None),
    # an end, or a completion: dated by its end
    "post_end": (None, END, END),
    "study_leave_end": (None, END, END),
    "mentoring_end": (None, END, END),
    "mentee_released": (None, END, END),
    "education": (None, END, END),
    "training": ("start_date", END, END),  # (its first day, and its last, which dates it)
    "penalty": (START, "end_date", "end_date"),  # (its start dates it; its end is its end_date)
    # a fact of one day: neither name dates it
    "training_feedback": (None, None, None),
    "mentoring_session": (None, None, None),
    "performance_rating": (None, None, None),
    "exam": (None, None, None),
    "award": (None, None, None),
    "correction": (None, None, None),
    "retraction": (None, None, None),
    "unit_registration": (None, None, None),
    "unit_rating": (None, None, None),
}
NAMES = {
    0: ["Tanggal Mulai", "Tgl Mulai", "TMT Mulai", "Tgl. Mulai"],
    1: ["Tanggal Selesai", "Tgl Selesai", "TMT Selesai", "TANGGAL SELESAI"],
    2: ["Tanggal Berakhir", "Tgl Berakhir", "Tanggal Akhir"],
}


def test_every_kind_of_the_events_is_judged_here() -> None:
    assert set(EXPECTED) == set(BY_KIND)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_kind_reads_a_start_and_an_end_by_what_its_event_is(kind: str) -> None:
    fields = {"effective_date", *(spec.name for spec in payload_fields(BY_KIND[kind]))}
    for place, names in NAMES.items():
        expected = EXPECTED[kind][place]
        for name in names:
            if kind == "training" and name.startswith("TMT"):  # (no decree's TMT dates a training: no name of it)
                continue
            read = column_name(name, kind)
            if expected is None:
                assert read not in fields, (kind, name, read)
            else:
                assert read == expected, (kind, name, read)


def csv_rows(kind: str | None, header: list[str], *rows: list[str]) -> list[Any]:
    text = "".join(";".join(cells) + "\r\n" for cells in (header, *rows))
    return [row for _, row, _ in read_csv(io.BytesIO(text.encode()), kind)]


POST = ["NIP", "Nomor SK", "Jenis Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Penugasan"]
POST_ROW = [NIP, "PLT-1", "STRUKTURAL", "Kepala Bidang", "BKPSDM", "PLT"]


def test_an_acting_posts_appointment_is_dated_by_its_start_not_its_end() -> None:
    notes, row = csv_rows(
        "post_appointment", [*POST, "Tanggal Mulai", "Tanggal Selesai"], [*POST_ROW, "01/02/2024", "31/07/2024"]
    )
    assert isinstance(row, dict), row
    assert row["effective_date"] == "2024-02-01"
    assert "31/07/2024" not in str(row)
    assert "2024-07-31" not in str(row)
    assert isinstance(notes, ColumnNotes)
    assert list(notes.errors) == ["Tanggal Selesai"]
    assert "Not a column of post_appointment" in notes.errors["Tanggal Selesai"][0]


def test_an_unpaid_leave_is_dated_by_its_start_not_its_end() -> None:
    header = ["NIP", "Nomor SK", "Kedudukan Hukum", "Tanggal Mulai", "Tanggal Selesai"]
    notes, row = csv_rows("status_change", header, [NIP, "CLTN-1", "UNPAID_LEAVE", "01/02/2024", "31/01/2027"])
    assert isinstance(row, dict), row
    assert row["effective_date"] == "2024-02-01"
    assert isinstance(notes, ColumnNotes)
    assert list(notes.errors) == ["Tanggal Selesai"]


@pytest.mark.parametrize(
    ("kind", "cells"),
    [
        ("study_leave_start", [NIP, "study_leave_start", "TB-1", "USU", "S-2", "", "", "01/09/2024", "31/08/2026"]),
        (
            "mentoring_start",
            [NIP, "mentoring_start", "M-1", "", "", "198001012005011001", "Audit", "01/09/2024", "31/08/2025"],
        ),
        ("post_appointment", [NIP, "post_appointment", "PLT-1", "", "", "", "", "01/02/2024", "31/07/2024"]),
    ],
)
def test_a_start_rows_filled_end_in_a_file_of_several_kinds_is_left_out_with_a_note(
    kind: str, cells: list[str]
) -> None:
    header = ["NIP", "kind", "Nomor SK", "Lembaga Pendidikan", "Jenjang", "NIP Mentor", "Fokus"]
    header += ["Tanggal Mulai", "Tanggal Selesai"]
    if kind == "post_appointment":
        header[3:7] = ["Jenis Jabatan", "Nama Jabatan", "Unit Kerja", "Jenis Penugasan"]
        cells[3:7] = ["STRUKTURAL", "Kepala Bidang", "BKPSDM", "PLT"]
    training = [NIP, "training", "C-1", "", "", "", "", "01/03/2025", "04/03/2025"]
    read = csv_rows(None, header, cells, [*cells[:2], "X-2", *cells[3:]], training)
    notes, start, second, last = read
    assert isinstance(notes, ColumnNotes), read
    assert list(notes.errors) == ["Tanggal Selesai"]
    assert f"Not a column of {kind}" in notes.errors["Tanggal Selesai"][0]
    for row in (start, second):
        assert isinstance(row, dict), row
        assert row["effective_date"] == cells[7][6:] + "-" + cells[7][3:5] + "-" + cells[7][:2]
        assert "tanggal_selesai" not in row
    assert isinstance(last, dict), last
    assert (last["start_date"], last["effective_date"]) == ("2025-03-01", "2025-03-04")  # (a training's: its last day)
