"""The inspector's page of the colleagues passed over (/pages/audits/passed-over): every decision that passed over an
eligible, clearly stronger colleague, of every kind compared (101, 202, post appointments), pair by pair, as GET
/api/v1/audits/passed-over answers them and from its kept answer (web.kept.kept_passed_over), with the API's filters
and its CSV. Before, the pages counted the 101s alone: a 202 or post that passed someone over was found only on its own
page, by the command or by the API. Both stores."""

from __future__ import annotations

import csv
import io

import pytest

from careerlog.accounts import Scope
from tests.functional.conftest import BUDI, World
from tests.functional.test_access_log_passed_over_recorded_later import moved_in_later, reads_of
from tests.functional.test_api_posts import STRONGER, posted
from tests.functional.test_pages_auth import log_in

__all__ = ["moved_in_later", "posted"]  # Budi appointed Pengawas of KOTA-MEDAN BKPSDM (12.71) over Dewi (STRONGER)
PAGE = "/pages/audits/passed-over"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def inspector_of(world: World, region: str) -> str:
    """An inspector scoped to `region` alone; its world name."""
    name = f"inspector_{region.replace('.', '_')}"
    world.services.accounts.create(
        name.replace("_", "-"), display_name=name.title(), role="inspector", scope=Scope(regions=(region,))
    )
    world.tokens[name] = world.services.accounts.issue_token(name.replace("_", "-"), days=30).token
    return name


def test_the_page_lists_the_post_that_passed_a_colleague_over_with_its_comparison(posted: World) -> None:
    log_in(posted, "inspector")
    answer = posted.client.get(f"{PAGE}?lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    api = posted.get("/api/v1/audits/passed-over", "inspector").get_json()
    (pair,) = api["passed_over"]
    assert f'href="/pages/audits/posts/{BUDI}/{pair["version"]}"' in page  # the decision's own page
    assert STRONGER in page
    assert "Supervisory post" in page
    assert "1 colleague passed over" in page
    for measure in ("Performance", "Training", "Days in rank", "Education"):
        assert measure in page, measure
    assert "Colleagues passed over" in page
    indonesian = posted.client.get(f"{PAGE}?lang=id").get_data(as_text=True)  # (Indonesian, the default)
    assert "1 rekan terlewati" in indonesian
    assert "Jabatan Pengawas" in indonesian


def test_the_page_of_a_region_shows_its_pairs_alone(posted: World) -> None:
    karo = inspector_of(posted, "12.06")  # (Kabupaten Karo: no decision there passed anyone over)
    medan = inspector_of(posted, "12.71")
    log_in(posted, karo)
    assert STRONGER not in posted.client.get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert "No colleague passed over matches." in posted.client.get(f"{PAGE}?lang=en").get_data(as_text=True)
    log_in(posted, medan)
    assert STRONGER in posted.client.get(f"{PAGE}?lang=en").get_data(as_text=True)
    # the filters narrow within the scope: another TMT, nobody
    assert STRONGER not in posted.client.get(f"{PAGE}?from=2018-01-03&lang=en").get_data(as_text=True)


@pytest.mark.parametrize("who", ["hr", "employee", "reporter"])
def test_others_than_inspectors_are_refused(posted: World, who: str) -> None:
    log_in(posted, who)
    assert posted.client.get(PAGE).status_code == 403
    assert posted.client.get(f"{PAGE}.csv").status_code == 403


def test_signed_out_is_asked_to_log_in_as_on_the_other_inspector_pages(posted: World) -> None:
    assert posted.client.get("/pages/fairness").status_code == 401
    assert posted.client.get(PAGE).status_code == 401
    assert posted.client.get(f"{PAGE}.csv").status_code == 401


def test_a_bad_from_is_refused_beside_the_field_in_both_languages(posted: World) -> None:
    log_in(posted, "inspector")
    english = posted.client.get(f"{PAGE}?from=20180102&lang=en")
    assert english.status_code == 422
    text = english.get_data(as_text=True)
    assert 'id="from-error"' in text
    assert "Must be a date YYYY-MM-DD." in text
    indonesian = posted.client.get(f"{PAGE}?from=20180102&lang=id").get_data(as_text=True)
    assert 'id="from-error"' in indonesian
    assert "Harus berupa tanggal TTTT-BB-HH." in indonesian
    unknown = posted.client.get(f"{PAGE}?rule=merit.passed_over&lang=en")
    assert unknown.status_code == 422
    assert "rule is not a filter of this page" in unknown.get_data(as_text=True)


def test_an_agency_outside_the_scope_is_refused(posted: World) -> None:
    log_in(posted, "inspector_medan")
    answer = posted.client.get(f"{PAGE}?agency=KAB-KARO&lang=en")
    assert answer.status_code == 403


def test_the_csv_is_the_apis(posted: World) -> None:
    log_in(posted, "inspector")
    answer = posted.client.get(f"{PAGE}.csv?agency=KOTA-MEDAN")
    assert answer.mimetype == "text/csv"
    page_rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    api = posted.get("/api/v1/audits/passed-over?agency=KOTA-MEDAN&format=csv", "inspector").get_data(as_text=True)
    assert page_rows == list(csv.DictReader(io.StringIO(api.lstrip("\ufeff"))))
    assert [(r["nip"], r["kind"], r["colleague"]) for r in page_rows] == [(BUDI, "PENGAWAS", STRONGER)]
    assert posted.client.get(f"{PAGE}.csv?to=2018-13-01").status_code == 422


def test_the_page_is_logged_as_the_reads_it_is(posted: World) -> None:
    before = reads_of(posted, STRONGER)
    log_in(posted, "inspector")
    assert posted.client.get(PAGE).status_code == 200
    assert reads_of(posted, STRONGER) == [("inspector-web", "audits"), *before]
    assert posted.client.get(PAGE).status_code == 200  # kept: read again, logged again
    assert reads_of(posted, STRONGER)[:2] == [("inspector-web", "audits")] * 2
    # one answer kept for the page and the API of the same scope (region 12): web.kept.kept_passed_over
    assert posted.get("/api/v1/audits/passed-over", "inspector").status_code == 200
    assert len(posted.app.extensions["careerlog.kept"].passed_over) == 1


def test_a_colleague_placed_by_a_later_record_is_in_its_own_table(moved_in_later: World) -> None:
    log_in(moved_in_later, "inspector_medan")
    page = moved_in_later.client.get(f"{PAGE}?lang=en").get_data(as_text=True)
    assert "Colleagues placed otherwise by a record made after the decision" in page
    later = page.split("Colleagues placed otherwise by a record made after the decision")[-1]
    assert STRONGER in later
    assert "not compared" in later


def test_the_audits_pages_and_the_menu_link_it(posted: World) -> None:
    log_in(posted, "inspector")
    for path in ("/pages/audits?agency=KOTA-MEDAN&from=2018-01-01", "/pages/audits/posts"):
        assert 'href="/pages/audits/passed-over' in posted.client.get(path).get_data(as_text=True), path
    audits = posted.client.get("/pages/audits?agency=KOTA-MEDAN&from=2018-01-01").get_data(as_text=True)
    assert 'href="/pages/audits/passed-over?agency=KOTA-MEDAN&amp;from=2018-01-01"' in audits
