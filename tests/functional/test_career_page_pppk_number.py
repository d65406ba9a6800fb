"""A PPPK's identity number is an NI PPPK, not a NIP (asn-career-rules.md section 1: a NIP is a PNS's, digits 9-14
its TMT CPNS; an NI PPPK's digits 9-12 are the year first appointed, 13 always 2, 14 the contract count).

Found by helper emphunt (2026-12-03): the career page of a PPPK employee, which calls her grade a "PPPK grade" and
says rank promotions do not apply to her, headed her number "NIP 19900115 202221 2 002", as if she were a civil
servant appointed in a 21st month of 2022.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_career_page_basis import log_in_as_the_employee


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_pppk_employees_number_is_headed_ni_pppk(world: World, lang: str) -> None:
    pppk = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(
        date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX", recruitment_path="PPPK"
    )
    world.services.ledger.record(pppk, "appointment", payload, actor="test")
    world.catch_up()
    log_in_as_the_employee(world, pppk)
    page = world.client.get(f"/pages/employees/{pppk}?lang={lang}").get_data(as_text=True)
    spaced = f"{pppk[:8]} {pppk[8:14]} {pppk[14]} {pppk[15:]}"
    assert f"<dt>NI PPPK</dt><dd>{spaced}</dd>" in page
    assert "<dt>NIP</dt>" not in page
    log_in_as_the_employee(world, BUDI)  # a PNS's number is a NIP, as before
    assert "<dt>NIP</dt><dd>19860926 201003 1 701</dd>" in world.client.get(
        f"/pages/employees/{BUDI}?lang={lang}"
    ).get_data(as_text=True)
