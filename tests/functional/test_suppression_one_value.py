"""A reader of aggregates gives one value per filter of every aggregate report that takes a filter's values, under the
default CAREERLOG_DISCLOSURE=withhold as under perturb (since 2026-12-06): a union of values is a subtotal no table's
margins hold. Padding a small rank with a large one (`rank=III/c&rank=III/b` against `rank=III/b`) gave the small one
away by subtraction (a tester recovered every withheld rank-by-sex cell of the demo agency so), and unions were
differenced, each value left out in turn, against one another alone, not against the tables and other unions a
reporter could ask (a tester recovered KAB-KARO's withheld deceased men so: test_suppression_unions_refused). Such a
union is refused 422 naming the field, on the API (problem+json) and on the page; a unit in several spellings is one
value; inspectors see the union's exact counts. Both stores, the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.functional.conftest import World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_suppression import HEADCOUNT, f, record
from tests.functional.test_suppression import staffed as staffed  # (the fixture)

# They assert the headcount's withholding (CAREERLOG_DISCLOSURE=withhold): the default, pinned
pytestmark = pytest.mark.disclosure("withhold")

COMPLIANCE = "/api/v1/reports/training-compliance?year=2020"
ONE_VALUE = "One value for a reader of aggregates (a union of values, differenced with other reports"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def padded(staffed: World) -> World:
    """Beside the staffed agency (KOTA-MEDAN): 5 women and 5 men of III/a in BKPSDM, as many of III/b in Dinas
    Kesehatan, and 2 women and 1 man of III/c in Dinas Sosial, each PNS a year after the appointment."""
    sequence = iter(range(900, 1000))
    staff = (("BKPSDM", "III/a", 5, 5), ("Dinas Kesehatan", "III/b", 5, 5), ("Dinas Sosial", "III/c", 2, 1))
    for unit, rank, women, men in staff:
        for sex in ["F"] * women + ["M"] * men:
            nip = f.nip(date(1990, 5, 5), date(2016, 3, 1), sex, sequence=next(sequence))
            above = ("appointment.starting_rank",) if rank != "III/a" else ()  # (S-1 entrants above III/a: confirmed)
            appointed = appointment_of(nip, unit=unit, rank=rank)
            staffed.services.ledger.record(nip, "appointment", appointed, actor="test", confirmed=above)
            record(staffed, nip, "confirmation", f.confirmation(f.a_year_after(date(2016, 3, 1))))
    staffed.catch_up()
    return staffed


def by_sex(body: dict[str, Any]) -> dict[str, tuple[Any, bool]]:
    return {item["sex"]: (item.get("count", item.get("staff")), item["suppressed"]) for item in body["items"]}


def refused_naming(world: World, path: str, role: str, field: str) -> None:
    """The union of `path` refused `role` 422 as problem+json, its reason beside `field` alone."""
    answer = world.get(path, role)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    errors = answer.get_json()["errors"]
    assert list(errors) == [field], errors
    assert ONE_VALUE in str(errors[field]), errors


def test_a_small_rank_padded_with_a_large_one_is_refused_a_reporter_not_an_inspector(padded: World) -> None:
    alone = padded.get(f"{HEADCOUNT}?by=sex&rank=III/b", "reporter").get_json()
    # (Budi, of III/b, with the 5 men of Dinas Kesehatan; its 5 women withheld since 2026-12-06 as the table by sex
    # and rank withholds them, the complement among the women of III/c's 2, the rank filter a slice; its 6 men their
    # complement beside the total)
    assert by_sex(alone) == {}  # (until 2026-12-06 F and M listed, each withheld: no group of people withheld is)
    # (until 2026-12-06 answered, F and M withheld as the union less III/b would have given III/c's 2 and 1 away)
    refused_naming(padded, f"{HEADCOUNT}?by=sex&rank=III/c&rank=III/b", "reporter", "rank")
    exact = padded.get(f"{HEADCOUNT}?by=sex&rank=III/c&rank=III/b", "inspector").get_json()
    assert (by_sex(exact), exact["total"]) == ({"F": (7, False), "M": (7, False)}, 14)


def test_a_union_of_units_is_refused_a_policy_maker_in_training_compliance_not_an_inspector(padded: World) -> None:
    alone = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Kesehatan", "policy").get_json()
    # (its 5 women and 5 men withheld since 2026-12-06 as the report by sex and unit withholds them: its men the
    # complement among the men of Dinas Sosial's 1, its women theirs; the unit filter a slice of it)
    assert by_sex(alone) == {"F": (None, True), "M": (None, True)}
    refused_naming(padded, f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=Dinas Kesehatan", "policy", "unit")
    exact = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=Dinas Kesehatan", "inspector").get_json()
    assert by_sex(exact) == {"F": (7, False), "M": (6, False)}


def test_a_unit_under_two_spellings_is_one_value(padded: World) -> None:
    answer = padded.get(f"{COMPLIANCE}&by=sex&unit=Dinas Sosial&unit=dinas  sosial", "policy")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    # (Dinas Sosial's 2 and 1, its 3 staff withheld: no group of them listed since 2026-12-06, F and M before)
    assert by_sex(answer.get_json()) == {}
    assert padded.get(f"{HEADCOUNT}?by=sex&unit=BKPSDM&unit=bkpsdm", "reporter").status_code == 200


def test_the_programmes_and_mentoring_reports_refuse_a_reader_of_aggregates_a_union(padded: World) -> None:
    for path in ("/api/v1/reports/programmes", "/api/v1/reports/mentoring"):
        refused_naming(padded, f"{path}?agency=KOTA-MEDAN&agency=KAB-KARO", "reporter", "agency")
        refused_naming(padded, f"{path}?unit=Bappeda&unit=BKPSDM", "policy", "unit")
        assert padded.get(f"{path}?agency=KOTA-MEDAN&agency=KAB-KARO", "inspector").status_code == 200
        assert padded.get(f"{path}?agency=KOTA-MEDAN", "reporter").status_code == 200


def test_the_report_page_refuses_a_union_of_agencies_beside_the_field_in_indonesian(padded: World) -> None:
    log_in(padded, "reporter")
    answer = padded.client.get("/pages/reports/headcount?by=sex&agency=KOTA-MEDAN&agency=KAB-KARO")
    assert answer.status_code == 422
    assert (
        "Satu nilai bagi pembaca agregat (gabungan nilai, bila diselisihkan dengan laporan lain, akan membuka sel "
        "kecil), diisi 2: mintalah menurut bidang ini."
    ) in answer.get_data(as_text=True)
