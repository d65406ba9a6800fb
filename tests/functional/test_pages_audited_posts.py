"""The inspector's pages of audited post appointments: the list (filters, CSV) and one appointment with its
findings and the stronger colleague passed over. Before, the pages had no post appointment at all (the API
had): an inspector could not open a JPT appointment without open selection, nor see whom it passed over.
The decision's page says which record the colleagues are compared on (as known before the decision)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_api_posts import STRONGER, ready_colleague, record
from tests.functional.test_pages_auth import log_in
from tests.unit.test_merit_posts import post


@pytest.fixture
def appointed(world: World) -> World:
    """Budi appointed Pengawas in 2018 without ratings or the PKP, over a ready colleague; Rina (KAB-KARO) a
    pelaksana in 2000."""
    ready_colleague(world)
    record(world, BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"))
    record(world, RINA, "post_appointment", {**post("PELAKSANA", "2000-01-03"), "unit": "Dinas Pendidikan"})
    world.catch_up()
    log_in(world, "inspector")
    return world


def test_audited_post_appointments_are_listed_with_links_to_each(appointed: World) -> None:
    page = appointed.client.get("/pages/audits/posts?lang=en").get_data(as_text=True)
    assert "Audited post appointments" in page
    assert "3 post appointments" in page
    assert f'href="/pages/audits/posts/{BUDI}/3"' in page
    assert "Supervisory post" in page  # its kind in English (Jabatan Pengawas in Indonesian), no code
    assert 'option value="true"' not in page  # no passed-over filter: the lists do not compare posts
    chosen = appointed.client.get("/pages/audits/posts?rule=post.leadership_training&lang=en").get_data(as_text=True)
    assert "1 post appointment" in chosen
    assert BUDI in chosen
    assert STRONGER not in chosen


def test_audited_post_appointments_download_as_csv_with_the_same_filters(appointed: World) -> None:
    answer = appointed.client.get("/pages/audits/posts.csv?agency=KOTA-MEDAN")
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["nip"], r["decision"], r["kind"]) for r in rows] == [
        (STRONGER, "post", "PELAKSANA"),
        (BUDI, "post", "PENGAWAS"),
    ]


def test_an_audited_post_appointment_page_shows_its_findings_and_the_colleague_passed_over(
    appointed: World,
) -> None:
    answer = appointed.client.get(f"/pages/audits/posts/{BUDI}/3?lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Audited post appointment" in page
    assert "post.leadership_training" in page
    assert "merit.passed_over" in page
    assert f'<a href="/pages/employees/{STRONGER}">{STRONGER}</a>' in page
    assert "<td>Performance (SKP score)</td><td>0</td><td>4</td>" in page  # the appointee's value, then hers
    assert "was recorded" in page
    assert "a fact recorded later, for or against a colleague, is not counted" in page
    indonesian = appointed.client.get(f"/pages/audits/posts/{BUDI}/3?lang=id").get_data(as_text=True)
    assert "Pengangkatan dalam jabatan yang diaudit" in indonesian
    assert "sebagaimana diketahui sebelum keputusan ini dicatat" in indonesian


def test_a_post_page_is_not_a_promotion_page_nor_the_reverse(appointed: World) -> None:
    assert appointed.client.get(f"/pages/audits/{BUDI}/3").status_code == 404
    assert appointed.client.get(f"/pages/audits/posts/{BUDI}/2").status_code == 404
    assert appointed.client.get(f"/pages/audits/{BUDI}/2").status_code == 200


def test_the_menu_offers_the_audited_post_appointments(appointed: World) -> None:
    page = appointed.client.get("/pages/?lang=en").get_data(as_text=True)
    assert 'href="/pages/audits/posts"' in page


def test_the_education_compared_reads_as_the_degrees_not_their_place_on_the_ladder(appointed: World) -> None:
    page = appointed.client.get(f"/pages/audits/posts/{BUDI}/3?lang=en").get_data(as_text=True)
    assert "<td>Education (place on the ladder)</td><td>S-1/D-IV</td><td>S-1/D-IV</td>" in page  # was 7 and 7


def test_a_decision_the_comparison_does_not_cover_says_so_not_that_nobody_was_stronger(appointed: World) -> None:
    page = appointed.client.get(f"/pages/audits/posts/{RINA}/2?lang=en").get_data(as_text=True)  # a pelaksana post
    assert "Not compared: the passed-over comparison covers" in page
    assert "No eligible colleague of the same unit and rank was clearly stronger." not in page
    assert "Each colleague is compared" not in page
