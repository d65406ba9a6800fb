"""The employee's Riwayat Karier page: corrections, charts, next promotion, readers and the CSV download."""

from __future__ import annotations

import csv
import html
import io
import re

from flask.testing import FlaskClient

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_pages_auth import log_in


def corrected_and_trained(world: World) -> None:
    """Budi's promotion (version 2) corrected, a training retracted, and a year of training."""
    ledger = world.services.ledger
    ledger.record(
        BUDI,
        "correction",
        f.correction(2, "2014-05-01", new_rank="III/c"),
        actor="test",
        confirmed=["promotion.one_step"],
    )
    ledger.record(BUDI, "training", f.training("2023-06-30", hours=24, start="2023-06-27"), actor="test")
    trained = ledger.record(BUDI, "training", f.training("2023-08-31", hours=8), actor="test")
    ledger.record(BUDI, "retraction", f.retraction(trained.version, "2023-09-01"), actor="test")
    world.catch_up()


def test_a_correction_shows_the_new_value_the_struck_original_and_the_reason(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    assert "Kenaikan pangkat" in page
    assert '<span class="badge">dikoreksi</span>' in page
    assert "Pangkat baru: III/c" in page
    assert 'III/b (Penata Muda Tingkat I)<span class="visually-hidden">)</span></del>' in page
    assert "Salah ketik pada SK" in page
    assert re.search(r'<tr id="event-\d+" class="retracted">', page)
    assert "Dicatat dua kali" in page


CHART_IMAGE = re.compile(r'<img class="chart" src="([^"]+)" alt="([^"]*)"')


def drawn_charts(client: FlaskClient, page: str) -> list[str]:
    """The SVG of each chart the career page shows as an image (web.pages.career.career_chart), in the page's order."""
    found = []
    for src, _alt in CHART_IMAGE.findall(page):
        answer = client.get(html.unescape(src))
        assert answer.status_code == 200, src
        assert answer.mimetype == "image/svg+xml"
        found.append(answer.get_data(as_text=True))
    return found


def test_career_page_draws_rank_and_jp_charts_as_svg_images_without_inline_styles(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{BUDI}?lang=en")
    page = answer.get_data(as_text=True)
    assert "<svg" not in page  # (drawn by their own requests: the page does not wait for matplotlib)
    rank, jp = drawn_charts(world.client, page)
    assert rank.startswith('<svg xmlns:xlink="http://www.w3.org/1999/xlink" class="chart" role="img"')
    assert "<title>Rank over the years</title>" in rank
    assert "<title>Training hours (JP) per year</title>" in jp
    assert "20 JP a year" in page
    assert "style=" not in page + rank + jp  # the Content-Security-Policy refuses inline styles
    assert "'unsafe-inline'" not in answer.headers["Content-Security-Policy"]
    alts = [alt for _src, alt in CHART_IMAGE.findall(page)]
    assert alts == [
        "Rank over the years: III/a from Mar 1, 2010, III/c from Apr 1, 2014",
        "Training hours (JP) per year: the table below gives each year&#39;s JP",
    ]


def test_career_page_shows_the_next_promotion_and_what_is_missing(world: World) -> None:
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    items = world.services.eligibility_view.eligibility(BUDI)
    assert items, "the world's employee has a promotion open"
    assert "Next promotion" in page
    assert f"To {items[0]['new_rank']}" in page
    if items[0]["missing"]:
        assert "Still missing" in page


def test_employee_sees_who_read_their_record_and_hr_does_not_see_the_log(world: World) -> None:
    log_in(world, "hr")
    hr_page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "Who has viewed this record" not in hr_page  # HR may not read the access log
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}?lang=en").get_data(as_text=True)
    assert "Who has viewed this record" in page
    assert "<td>hr-web</td>" in page


def test_the_record_downloads_as_csv_with_effective_and_recorded_times(world: World) -> None:
    corrected_and_trained(world)
    log_in(world, "employee")
    answer = world.client.get(f"/pages/employees/{BUDI}/record.csv?lang=en")  # (Indonesian: semicolons)
    assert answer.status_code == 200
    assert answer.mimetype == "text/csv"
    assert f"career-record-{BUDI}.csv" in answer.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    promotion = next(r for r in rows if r["Event"] == "Rank promotion")
    assert promotion["Effective date (TMT)"] == "2014-04-01"
    assert promotion["New rank"] == "III/c (Penata)"
    assert promotion["Corrected on (WIB)"]
    assert any(r["Retracted on (WIB)"] for r in rows if r["Event"] == "Training")


def test_another_employees_record_and_its_csv_are_not_found(world: World) -> None:
    log_in(world, "employee")
    for path in (f"/pages/employees/{RINA}", f"/pages/employees/{RINA}/record.csv"):
        answer = world.client.get(path)
        assert answer.status_code == 404
        assert answer.mimetype == "text/html"
        assert "Rina" not in answer.get_data(as_text=True)


def test_hr_opens_a_record_by_a_nip_typed_with_spaces(world: World) -> None:
    log_in(world, "hr")
    spaced = f"{BUDI[:8]} {BUDI[8:14]} {BUDI[14]} {BUDI[15:]}"
    answer = world.client.get("/pages/find", query_string={"nip": spaced})
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"/pages/employees/{BUDI}")


def test_next_promotion_names_the_promotion_kind(world: World) -> None:
    log_in(world, "employee")
    page = world.client.get(f"/pages/employees/{BUDI}").get_data(as_text=True)
    kinds = {item["kind"] for item in world.services.eligibility_view.eligibility(BUDI)}
    assert "101" in kinds
    assert "Reguler (101)" in page


def test_one_view_of_the_career_page_is_one_entry_in_the_access_log(world: World) -> None:
    log_in(world, "hr")
    world.client.get(f"/pages/employees/{BUDI}")
    entries, total = world.services.accounts.access_log({"nip": [BUDI]}, page=1, per_page=10)
    assert total == 1
    assert entries[0].action == "career_page"
