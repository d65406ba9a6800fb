"""The career page speaks to the employee reading their own record and of "the employee" to anyone else (docs/pages.md
"Who it speaks to"). The sentence a functional employee with no SKP rating counted yet reads under their credit points
has no "you" in English ("No SKP rating since 2022 is recorded yet to give a rate."), so one message serves both
readers; its Indonesian said "laju perolehan angka kredit Anda" ("your credit rate") to HR and inspectors as well.
It names no one now, in either language."""

from __future__ import annotations

from datetime import date

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_training_ahead import page_text


def test_the_no_rate_sentence_names_no_reader(world: World) -> None:
    nip = f.nip(date(1994, 4, 4), date(2021, 3, 1), "M", sequence=841)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "title": "Analis SDM Aparatur Ahli Pertama"}
    post |= {"unit": "BKPSDM", "assignment": "DEFINITIVE", "effective_date": "2022-03-01", "reference": "SK-JF-841"}
    ledger.record(nip, "post_appointment", post, actor="test")
    world.catch_up()
    assert "No SKP rating since 2022 is recorded yet to give a rate." in page_text(world, nip, "en")
    indonesian = page_text(world, nip, "id")  # read by an administrator (page_text logs in as admin)
    no_rate = "Belum ada penilaian SKP sejak 2022 yang tercatat untuk menghitung laju perolehan angka kredit."
    assert no_rate in indonesian
    assert "angka kredit Anda" not in indonesian
