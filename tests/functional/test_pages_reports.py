"""Report pages: headcount, training compliance, programmes and mentoring, each with its chart."""

from __future__ import annotations

from tests import factories as f
from tests.functional.conftest import BUDI, World, confirm_world_pns
from tests.functional.test_pages_auth import log_in


def test_headcount_counts_the_readers_scope_with_a_chart(world: World) -> None:
    log_in(world, "hr")  # Kota Medan: Budi and Sari
    page = world.client.get("/pages/reports/headcount?by=agency&lang=en").get_data(as_text=True)
    assert "<title>Employees per group</title>" in page
    assert "<td>KOTA-MEDAN</td><td>2</td>" in page
    assert "KAB-KARO" not in page.split("<table>")[1]
    province = log_in(world, "inspector")  # exact counts: only aggregate-only roles see small cells suppressed
    assert province.status_code == 302
    everyone = world.client.get("/pages/reports/headcount?by=agency").get_data(as_text=True)
    assert "<td>KAB-KARO</td><td>1</td>" in everyone


def test_training_compliance_shows_the_share_with_the_yearly_jp(world: World) -> None:
    confirm_world_pns(world)  # the world's PNS confirmed (unconfirmed, a CPNS: not judged by the yearly JP)
    world.services.ledger.record(BUDI, "training", f.training("2024-06-30", hours=12, start="2024-06-29"), actor="t")
    world.services.ledger.record(BUDI, "training", f.training("2024-07-31", hours=12, start="2024-07-30"), actor="t")
    world.catch_up()
    log_in(world, "inspector")
    page = world.client.get("/pages/reports/training?year=2024&by=agency&agency=KOTA-MEDAN&lang=en").get_data(
        as_text=True
    )
    assert "<title>Share of staff with the yearly JP in 2024</title>" in page
    assert "<td>KOTA-MEDAN</td>\n<td>2</td><td>1</td><td>50%</td>" in page


def test_a_year_that_is_not_a_number_is_refused_beside_the_field(world: World) -> None:
    log_in(world, "reporter")
    answer = world.client.get("/pages/reports/training?year=last&lang=en")
    assert answer.status_code == 422
    assert '<span class="error" id="year-error">Must be a year, e.g. 2024.</span>' in answer.get_data(as_text=True)


def test_programme_and_mentoring_reports_render_for_each_reporting_role(world: World) -> None:
    for who in ("admin", "hr", "inspector", "reporter"):
        log_in(world, who)
        for name in ("programmes", "mentoring"):
            answer = world.client.get(f"/pages/reports/{name}?lang=en")
            assert answer.status_code == 200, (who, name)
        mentoring = world.client.get("/pages/reports/mentoring?lang=en").get_data(as_text=True)
        assert "Colleagues never mentored" in mentoring


def test_numbers_follow_the_language(world: World) -> None:
    confirm_world_pns(world)  # the world's PNS confirmed (unconfirmed, a CPNS: not judged by the yearly JP)
    world.services.ledger.record(BUDI, "training", f.training("2024-06-30", hours=7, start="2024-06-30"), actor="t")
    world.catch_up()
    log_in(world, "inspector")
    english = world.client.get("/pages/reports/training?year=2024&agency=KOTA-MEDAN&lang=en").get_data(as_text=True)
    indonesian = world.client.get("/pages/reports/training?year=2024&agency=KOTA-MEDAN&lang=id").get_data(as_text=True)
    assert "<td>3.5</td>" in english  # 7 JP over 2 staff
    assert "<td>3,5</td>" in indonesian


def test_an_unknown_report_is_an_html_404_and_employees_get_403(world: World) -> None:
    log_in(world, "reporter")
    assert world.client.get("/pages/reports/salaries").status_code == 404
    log_in(world, "employee")
    answer = world.client.get("/pages/reports/headcount")
    assert answer.status_code == 403
    assert "Peran Anda tidak mencakup halaman ini." in answer.get_data(as_text=True)
