"""The career page tells the earliest promotion date the record as it now stands met every requirement on, when the
offer is judged for a later date that misses one (`met_on`, merit view 48: after a rating corrected to Baik, judged on
the first date after the correction, which asks a year not rated yet; here, an unpaid leave begun today). Until
2026-12-05 it judged the later date alone and never said so. Both stores."""

from __future__ import annotations

import re
from datetime import date

import pytest

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World
from tests.functional.test_next_date_after_a_year_rated_below import clerk
from tests.functional.test_next_date_after_penalty import regular_offer
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "As the record now stands, the employee met every requirement for Apr 1, 2023, a promotion date before"),
        ("id", "Menurut catatan saat ini, yang bersangkutan telah memenuhi semua persyaratan untuk 1 Apr 2023"),
    ],
)
def test_the_page_tells_the_first_date_met_before_the_record_s_last_write(world: World, lang: str, said: str) -> None:
    nip, _ = clerk(world, 851, "BAIK")  # (III/b since 2019-04-01: 4 years reached on 2023-04-01; rated Baik)
    world.services.ledger.record(nip, "status_change", f.status("UNPAID_LEAVE", latest_today().isoformat()), actor="t")
    world.catch_up()
    item = regular_offer(world, nip)
    assert "promotion.legal_status" in item["missing"]
    assert (item["earliest_date"], item["met_on"]) == ("2023-04-01", "2023-04-01")
    log_in(world, "hr")
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert said in text, text[text.find("2023") - 500 :][:2000]
    assert date(2023, 4, 1) < latest_today()
