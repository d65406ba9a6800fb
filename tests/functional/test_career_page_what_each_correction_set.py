"""The career page's timeline says what each correction of a fact set, and the date of each correction and
retraction (exploratory pass of 2026-12-05). It showed the fact's values now with the original struck through, and
under it "Corrected on <day recorded> (<reference>): <reason>" per correction: a TMT corrected twice (1 Apr 2016 to
1 Oct 2016, then to 1 Apr 2017) never showed 1 Oct 2016, what the first correction had recorded, nor any correction's
or retraction's own date (that of the RALAT), which the timeline API gives."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_acceptance_employee import own_page, text


@pytest.mark.parametrize(
    ("lang", "first", "second", "retracted"),
    [
        (
            "en",
            "Dated Jan 5, 2024; it set Effective date (TMT): Oct 1, 2014.",
            "Dated Feb 6, 2024; it set Effective date (TMT): Apr 1, 2015.",
            "Dated Mar 7, 2024.",
        ),
        (
            "id",
            "Bertanggal 5 Jan 2024; menetapkan Tanggal berlaku (TMT): 1 Okt 2014.",
            "Bertanggal 6 Feb 2024; menetapkan Tanggal berlaku (TMT): 1 Apr 2015.",
            "Bertanggal 7 Mar 2024.",
        ),
    ],
)
def test_each_correction_on_the_timeline_says_its_date_and_what_it_set(
    world: World, lang: str, first: str, second: str, retracted: str
) -> None:
    ledger = world.services.ledger
    ledger.record(BUDI, "correction", f.correction(2, "2024-01-05", effective_date="2014-10-01"), actor="test")
    ledger.record(BUDI, "correction", f.correction(2, "2024-02-06", effective_date="2015-04-01"), actor="test")
    training = ledger.record(BUDI, "training", f.training("2020-05-10", hours=8), actor="test").version
    ledger.record(BUDI, "retraction", f.retraction(training, "2024-03-07"), actor="test")
    world.catch_up()
    page = text(own_page(world, "employee", BUDI, lang))
    assert first in page
    assert second in page
    assert retracted in page
