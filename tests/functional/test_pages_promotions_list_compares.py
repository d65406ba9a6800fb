"""The inspector's list of audited promotions says which promotions it compares with the colleagues passed over.

It counted them for regular (101) promotions only and said nothing: a functional-post (202) promotion that passed
over a clearly stronger colleague read `compliant` with an empty count beside the 101s' zeros, and the filter
"Colleagues passed over: yes" left it out without a word (its own page reads `with findings`, docs/audit.md). The
list now names each promotion's kind, links a 202's count to its page ("on its page"), says "not compared" for the
kinds never compared, and says above the table what it counts and what its filters cannot find. Both stores.
"""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import passed
from tests.functional.test_api_posts import STRONGER, record
from tests.functional.test_pages_auth import log_in

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)

NOTES = {
    "en": "Colleagues passed over are counted in this list for regular (101) promotions. A functional-post (202)",
    "id": "Rekan yang terlewati dihitung dalam daftar ini untuk kenaikan pangkat reguler (101).",
}
CELLS = {"en": ("on its page", "not compared"), "id": ("di halamannya", "tidak dibandingkan")}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rows(page: str) -> dict[tuple[str, str], str]:
    """Each row's (NIP, TMT text) -> the row's HTML."""
    found = {}
    for row in re.findall(r'<tr class="sev-[^"]*">(.*?)</tr>', page, re.S):
        nip = re.search(r">(\d{18})</a>", row)
        day = re.search(r"<td>([^<]*)</td>", row)
        assert nip, row
        assert day, row
        found[(nip.group(1), day.group(1))] = row
    return found


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_promotions_list_names_each_kind_and_says_what_it_compares(passed: World, lang: str) -> None:
    record(passed, STRONGER, "rank_promotion", f.promotion("III/c", "2018-10-01", kind="202"))
    record(passed, BUDI, "rank_promotion", f.promotion("III/d", "2019-04-01", kind="201"))
    passed.catch_up()
    log_in(passed, "inspector")
    page = passed.client.get(f"/pages/audits?lang={lang}").get_data(as_text=True)
    assert NOTES[lang] in page
    listed = rows(page)
    on_page, not_compared = CELLS[lang]
    regular = next(r for (nip, _), r in listed.items() if nip == BUDI and "III/b → III/c" in r)
    assert {"en": "<small>Regular (101)</small>", "id": "<small>Reguler (101)</small>"}[lang] in regular
    assert regular.strip().endswith("<td>1</td>")  # counted: Dewi passed over
    functional = next(r for (nip, _), r in listed.items() if nip == STRONGER and "III/b → III/c" in r)
    assert "(202)</small>" in functional
    assert re.search(rf'<a href="/pages/audits/{STRONGER}/\d+">{on_page}</a></td>$', functional.strip())
    structural = next(r for (nip, _), r in listed.items() if nip == BUDI and "III/c → III/d" in r)
    assert "(201)</small>" in structural
    assert structural.strip().endswith(f"<td>{not_compared}</td>")


VERDICTS = {
    "en": ("colleagues not compared here: see its page", "compliant: its colleagues compared on this page, none"),
    "id": ("rekan kerja tidak dibandingkan di sini: lihat halamannya", "sesuai aturan: rekan kerjanya dibandingkan di"),
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_202_the_list_does_not_compare_reads_on_its_page_as_compared_there(passed: World, lang: str) -> None:
    """The list said "colleagues not compared here: see its page" and the page then said "compliant" alone, as if
    the list's word were not so: the page now says its colleagues were compared there, none passed over."""
    record(passed, STRONGER, "rank_promotion", f.promotion("III/c", "2018-10-01", kind="202"))
    passed.catch_up()
    log_in(passed, "inspector")
    page = passed.client.get(f"/pages/audits?lang={lang}").get_data(as_text=True)
    functional = next(r for (nip, _), r in rows(page).items() if nip == STRONGER and "III/b → III/c" in r)
    listed, compared = VERDICTS[lang]
    assert f"<td>{listed}</td>" in functional, functional
    link = re.search(rf'<a href="(/pages/audits/{STRONGER}/\d+)">', functional)
    assert link
    detail = passed.client.get(f"{link.group(1)}?lang={lang}").get_data(as_text=True)
    verdict = re.search(r"<dd>([^<]*)</dd>\s*</dl>", detail)
    assert verdict
    assert verdict.group(1).startswith(compared), verdict.group(1)
