"""A training's cost follows one rule on every route, and each refusal of it names what is accepted. Found by an HR
tester: the "less than 100 rupiah" refusal advised "write it in whole rupiah, without a decimal mark", yet a cost with
sen (`1500.5` through the API, "1.500,50" on the Indonesian page) is recorded as written, as it has been since
2026-12-01 (rule training.cost's `whole` false as shipped): the advice now says to write the amount without
thousands separators, which every route reads. On the English page "1.500.000" was refused with a bare "Not a valid
number." naming no accepted form: a number the page cannot read is refused naming the forms it reads, in the page's
language, and "1,500,000" is read. Both stores."""

from __future__ import annotations

from decimal import Decimal

import pytest
from markupsafe import escape

from tests.functional.conftest import World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_record_form_every_field_at_once import beside
from tests.functional.test_training_cost_implausible_asked import EVENTS, NIP, appointed, recorded, training


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def sent_on_the_page(world: World, lang: str, reference: str, cost: str, day: str = "2026-11-02") -> tuple[int, str]:
    fact = training(reference, start_date=day, effective_date=day)
    form = {**form_of(world, "training"), "nip": NIP, **{k: str(v) for k, v in fact.items()}}
    del form["kind"]
    answer = world.client.post(f"/pages/record?kind=training&lang={lang}", data={**form, "cost": cost})
    return answer.status_code, answer.get_data(as_text=True)


# A number the page cannot read, as each language's page refuses it (the forms it reads in its own separators)
UNREAD = {
    "en": "Not a valid number: write it in digits 0-9 as this page writes numbers, such as 1,500,000 or 1,500,000.5.",
    "id": "Bukan angka yang sah: tulislah dengan angka 0-9 seperti halaman ini menulis angka, misalnya 1.500.000 atau "
    "1.500.000,5.",
}
UNREAD_ID = UNREAD["id"]


@pytest.mark.parametrize(("lang", "typed"), [("en", "1.500.000"), ("id", "1,500.000"), ("en", "satu juta")])
def test_a_cost_the_page_cannot_read_names_the_forms_it_reads(world: World, lang: str, typed: str) -> None:
    appointed(world)
    log_in(world, "hr")
    before = world.log()
    status, page = sent_on_the_page(world, lang, "T-unread", typed)
    assert status == 422
    assert beside(page)["cost"] == str(escape(UNREAD[lang]))
    assert world.log() == before


def test_each_route_reads_a_cost_alike_with_or_without_sen(world: World) -> None:
    appointed(world)
    log_in(world, "hr")
    assert sent_on_the_page(world, "en", "T-en", "1,500,000")[0] == 302
    assert sent_on_the_page(world, "id", "T-id", "1.500,50", day="2026-11-03")[0] == 302
    day = "2026-11-04"  # (a training a day: 8 JP each, rule training.daily_jp)
    answer = world.post(EVENTS, "hr", json=training("T-api", cost=1500.5, start_date=day, effective_date=day))
    assert answer.status_code == 201, answer.get_json()
    costs = {reference: Decimal(str(cost)) for reference, cost, _ in recorded(world)}
    assert costs == {"T-en": Decimal(1500000), "T-id": Decimal("1500.5"), "T-api": Decimal("1500.5")}
