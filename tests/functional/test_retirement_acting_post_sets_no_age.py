"""The retirement age (rule retirement.age) is the definitive post's: an acting assignment (Plt, Plh, Pj) is a task
held for a while, not the post, and counts for no promotion either (docs/rules.md "One reading"); the demo retires
its civil servants by the definitive post alone (careerlog.demo.model.Person.post_at).

A PNS born 15 June 1968 with no definitive post, acting head of an agency (Plt, JPT Pratama) since February 2025, read
on the career page that her service is expected to end on 30 June 2028 "at the retirement age of 60 for the post
you hold", and HR's list of records past the retirement day left her out: by the age of 58 of a post held
definitively (none: an administrative post's), her service was to end on 30 June 2026."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_training_ahead import page_text

ACTING = f.nip(date(1968, 6, 15), date(1994, 3, 1), "F", sequence=831)
PAST = "/api/v1/employees/past-retirement"
CATALOGUE = Path(__file__).parents[2] / "web" / "translations" / "id" / "LC_MESSAGES" / "messages.po"


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def appoint(world: World, *posts: tuple[str, str, str, str]) -> None:
    """Appointed in 1994 at III/a, with each post (kind, level, title, assignment) from 3 February 2025 on."""
    ledger = world.services.ledger
    ledger.record(ACTING, "appointment", appointment_of(ACTING, rank="III/a", name="Rina Siregar"), actor="test")
    for n, (kind, level, title, assignment) in enumerate(posts):
        post = {"post_kind": kind, "level": level, "title": title, "unit": "BKPSDM", "assignment": assignment}
        post |= {"effective_date": "2025-02-03", "reference": f"SK-JAB-831-{n}"}
        ledger.record(ACTING, "post_appointment", post, actor="test")
    world.catch_up()


def test_an_acting_post_sets_no_retirement_age(world: World) -> None:
    appoint(world, ("JPT_PRATAMA", "II.b", "Plt. Kepala Dinas Pendidikan", "PLT"))
    english = page_text(world, ACTING, "en")
    assert "Jun 30, 2028" not in english
    assert (
        "By the retirement age of 58 for an administrative post, taken as no definitive post is held (an acting post "
        "does not set it), the employee's service was to end on Jun 30, 2026, and no end of service is recorded"
        in english
    )
    assert (
        "Menurut batas usia pensiun 58 tahun untuk jabatan administrasi, yang dipakai karena tidak ada jabatan "
        "definitif yang diduduki (penugasan sebagai Plt, Plh atau Pj tidak menentukannya), masa dinas yang "
        "bersangkutan semestinya berakhir pada 30 Jun 2026" in page_text(world, ACTING, "id")
    )
    (listed,) = [i for i in world.get(PAST, "hr").get_json()["items"] if i["nip"] == ACTING]
    assert (listed["retirement_age"], listed["expected_end"]) == (58, "2026-06-30")
    assert (listed["post_kind"], listed["post_level"], listed["post_title"]) == (None, None, None)  # reckoned from


def test_a_definitive_post_sets_it_whatever_is_held_acting_beside_it(world: World) -> None:
    appoint(
        world,
        ("JPT_PRATAMA", "II.b", "Kepala Dinas Pendidikan", "DEFINITIVE"),
        ("JPT_PRATAMA", "II.a", "Plt. Asisten Pemerintahan", "PLT"),
    )
    assert "expected to end on Jun 30, 2028, at the retirement age of 60 for the post they hold" in page_text(
        world, ACTING, "en"
    )
    assert ACTING not in [i["nip"] for i in world.get(PAST, "hr").get_json()["items"]]


def test_the_indonesian_names_every_acting_assignment_not_the_plt_alone() -> None:
    """ "An acting post" covers Plt, Plh and Pj; the catalogue words the three as "Plt, Plh atau Pj" (the assignment
    kinds' "Jenis penugasan: definitif, Plt, Plh atau Pj."), while "Pelaksana Tugas" is the Plt alone."""
    po = read_po(io.BytesIO(CATALOGUE.read_bytes()))
    acting = [m for m in po if m.id and "an acting post does not set it" in m.id]
    assert len(acting) == 4  # the career page's four sentences: past or not, own record or another's
    for message in acting:
        assert "penugasan sebagai Plt, Plh atau Pj tidak menentukannya" in message.string
        assert "pelaksana tugas" not in message.string.lower()
