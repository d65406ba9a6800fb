"""A pasted name that differs from the one recorded, a code as written, and an import's header and cell refusals quote
the value as every other refusal does (careerlog.domain.errors.quoted): an invisible character or a no-break space in
it named where it stands, a value of more than 40 characters cut ending in "…". Until 2026-12-07 they quoted it as
Python writes it ('Siti\\xa0Aminah', a column 'Tanggal\\u200bMulai'), which HR could not read. A refusal setting the
value typed beside the one recorded (a name, a reference, a programme's spelling) quotes both so that the difference
shows (errors.quoted_apart: whole up to 200 characters), where cutting both at 40 hid it. Both stores."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of

ROW = f"{BUDI};{{name}};TEKNIS;Arsip;BKPSDM;8;04/03/2024;04/03/2024;{{ref}}"
HEADER = "NIP;Nama;Jenis Diklat;Nama Diklat;Penyelenggara;JP;Tanggal Mulai;Tanggal Selesai;No Sertifikat"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def imported(world: World, text: str) -> dict:
    data = {"file": (io.BytesIO(text.encode()), "training.csv")}
    answer = world.post("/api/v1/imports?dry_run=true", "hr", data=data, content_type="multipart/form-data")
    return answer.get_json()


def test_a_pasted_name_that_differs_names_its_no_break_space_and_is_quoted_whole_up_to_200_characters(
    world: World,
) -> None:
    long = "Siti Aminah binti Abdul Rahman Harahap Nasution Lubis"
    huge = "Siti Aminah " * 30
    rows = [ROW.format(name="Siti\u00a0Aminah", ref="Q-1"), ROW.format(name=long, ref="Q-2")]
    report = imported(world, "\r\n".join([HEADER, *rows, ROW.format(name=huge, ref="Q-4")]))
    [pasted, whole, cut] = [problem["errors"]["name"][0] for problem in report["rejected"]]
    assert pasted.startswith("'Siti(U+00A0 no-break space)Aminah' is not the name recorded for NIP"), pasted
    assert "\\xa0" not in pasted
    assert whole.startswith(f"'{long}' is not the name recorded"), whole  # (until 2026-12-07 cut at 40)
    assert cut.startswith(f"'{huge[:199]}…' is not the name recorded"), cut


LONG_NAME = "Raden Roro Siti Aminah binti Abdul Rahman Harahap"


def test_a_name_differing_past_its_40th_character_shows_the_difference(world: World) -> None:
    """Both names quoted whole: until 2026-12-07 each was cut at 40 characters, 'Raden Roro Siti Aminah binti Abdul
    Rahma…' beside the same, the difference the refusal is there to show cut off."""
    nip = f.nip(date(1991, 2, 2), date(2016, 3, 1), "F", sequence=951)
    world.services.ledger.record(nip, "appointment", appointment_of(nip, name=LONG_NAME), actor="test")
    typed = LONG_NAME.replace("Harahap", "Nasution")
    row = ROW.replace(BUDI, nip).format(name=typed, ref="Q-5")
    [problem] = imported(world, "\r\n".join([HEADER, row]))["rejected"]
    assert problem["errors"]["name"] == [
        f"'{typed}' is not the name recorded for NIP {nip} ('{LONG_NAME}'): check the NIP, or the name."
    ]


EVENTS = f"/api/v1/employees/{BUDI}/events"
DECREE = "800.1.11.1/KEP.1234/BKPSDM-KAB.BANDUNG/XI/2026"  # (its first 39 characters end at BANDUNG/)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (DECREE.replace("/XI/", "/xi/"), "written"),  # (one document written otherwise)
        (DECREE.replace("/XI/", "/XII/"), "corrected to"),  # (the one the record held before its correction)
    ],
)
def test_a_reference_typed_beside_the_one_recorded_shows_where_they_differ(world: World, typed: str, said: str) -> None:
    """Until 2026-12-07 both were cut at 40 characters: "'800.1.11.1/KEP.1234/BKPSDM-KAB.BANDUNG/…' (corrected
    to '800.1.11.1/KEP.1234/BKPSDM-KAB.BANDUNG/…' in the record)", two quotes alike."""
    training = {"kind": "training", **f.training("2016-01-08", reference=typed if said != "written" else DECREE)}
    version = world.post(EVENTS, "hr", json=training).get_json()["version"]
    if said == "corrected to":
        correction = f.correction(version, "2026-01-05", reference=DECREE)
        world.services.ledger.record(BUDI, "correction", correction, actor="test")
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**training, "reference": typed, "hours": 4})
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(f"Reference '{typed}' ({said} '{DECREE}' in the record) was already recorded"), reason
    assert world.log() == before


def test_a_programme_spelt_otherwise_past_its_40th_character_shows_the_difference(world: World) -> None:
    programme = "Pelatihan Kepemimpinan Administrator (PKA) Angkatan XII"
    world.services.ledger.record(BUDI, "training", f.training("2016-05-10", programme_id=programme), actor="test")
    typed = programme.replace("Angkatan", "angkatan")
    feedback = {"programme_id": typed, "rating": 4, "relevance": 5, "effective_date": "2016-12-01", "reference": "E-1"}
    answer = world.post(EVENTS, "hr", json={"kind": "training_feedback", **feedback})
    assert answer.status_code == 422, answer.get_json()
    assert answer.get_json()["errors"]["programme_id"] == [
        f"The employee has no completed training in programme '{typed}'; their trainings record it as "
        f"'{programme}': give the programme exactly as they do."
    ]


def test_a_header_refusal_names_an_invisible_character_in_a_column(world: World) -> None:
    header = HEADER.replace("Penyelenggara", "Penye\u200blenggara")
    answer = imported(world, "\r\n".join([header, ROW.format(name="Budi Siregar", ref="Q-3")]))
    said = str(answer)
    assert "'Penye(U+200B zero-width space)lenggara'" in said, said
    assert "\\u200b" not in said
