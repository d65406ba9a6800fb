"""Inspector pages: audited promotions with filters and CSV, one promotion's evidence, and fairness."""

from __future__ import annotations

import csv
import io

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from web.pages.labels import group_name


def decision_version(world: World) -> int:
    found = world.services.audit_view.promotions({"agency": ["KOTA-MEDAN"]})
    assert found, "the world's promotion is audited"
    return int(found[0]["version"])


def late_evidence(world: World) -> None:
    """A rating for the years before Budi's promotion, recorded only now: evidence after the decision."""
    ledger = world.services.ledger
    ledger.record(BUDI, "performance_rating", f.rating(2012), actor="test")
    world.catch_up()


def test_dashboard_lists_the_audited_promotions_with_a_link_to_each(world: World) -> None:
    log_in(world, "inspector")
    version = decision_version(world)
    page = world.client.get("/pages/audits?lang=en").get_data(as_text=True)
    assert "Audited promotions" in page
    assert f'href="/pages/audits/{BUDI}/{version}"' in page
    assert "III/a → III/b" in page


def test_dashboard_filters_by_period_agency_verdict_and_severity(world: World) -> None:
    log_in(world, "inspector")
    outside = world.client.get("/pages/audits?from=2015-01-01").get_data(as_text=True)
    assert BUDI not in outside
    other_agency = world.client.get("/pages/audits?agency=KAB-KARO").get_data(as_text=True)
    assert BUDI not in other_agency
    inside = world.client.get("/pages/audits?from=2014-01-01&to=2014-12-31&agency=KOTA-MEDAN").get_data(as_text=True)
    assert BUDI in inside
    row = world.services.audit_view.promotions({"agency": ["KOTA-MEDAN"]})[0]
    same = world.client.get(f"/pages/audits?verdict={row['verdict']}").get_data(as_text=True)
    assert BUDI in same
    other = "compliant" if row["verdict"] == "findings" else "findings"
    assert BUDI not in world.client.get(f"/pages/audits?verdict={other}").get_data(as_text=True)


def test_bad_filters_are_shown_beside_their_fields(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/audits?from=2014-02-30&lang=en")
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    # (the form the calendar has no day of: as the API says it, since 2026-12-07; "Must be a date YYYY-MM-DD." before)
    said = "No such day in the calendar, read as YYYY-MM-DD (year, month, day): check the day and the month."
    assert f'<span class="error" id="from-error">{said}</span>' in page
    unknown = world.client.get("/pages/audits?severity=fatal&lang=en")
    assert unknown.status_code == 422
    assert '<span class="error" id="severity-error">Unknown severity' in unknown.get_data(as_text=True)


def test_audited_promotions_download_as_csv_with_the_same_filters(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/audits.csv?agency=KOTA-MEDAN")
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["nip"] for r in rows] == [BUDI]
    assert rows[0]["tmt"] == "2014-04-01"
    empty = world.client.get("/pages/audits.csv?agency=KAB-KARO").get_data(as_text=True)
    assert BUDI not in empty


def test_promotion_page_shows_effective_and_recorded_times_and_marks_late_evidence(world: World) -> None:
    late_evidence(world)
    log_in(world, "inspector")
    version = decision_version(world)
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    decision = world.services.audit_view.promotion(BUDI, version)
    assert "Audited promotion" in page
    for finding in decision["findings"]:
        assert finding["rule"] in page
    assert "Colleagues passed over" in page
    evidence = [e for finding in decision["findings"] for e in finding["evidence"]]
    if evidence:
        assert '<th scope="col">Effective date</th><th scope="col">Recorded at</th>' in page
    if any(e["recorded_at"] > decision["recorded_at"] for e in evidence):
        assert "after the decision" in page


def test_an_unknown_promotion_is_an_html_404(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get(f"/pages/audits/{BUDI}/99")
    assert answer.status_code == 404
    assert answer.mimetype == "text/html"
    assert "Halaman tidak ditemukan" in answer.get_data(as_text=True)


def shown(world: World, group: str, by: list[str]) -> str:
    """A fairness group as the English page names it (Laki-laki (M) / KOTA-MEDAN)."""
    with world.app.test_request_context("/pages/?lang=en"):
        return group_name(group, by)


def test_fairness_page_flags_small_cells_and_offers_csv(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/fairness?by=sex&lang=en")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Selection rates" in page
    result = world.services.fairness_view.fairness(["sex"])
    for group in result["groups"]:
        assert f'<th scope="row">{shown(world, group["group"], ["sex"])}' in page
    assert result["groups"]
    assert all(g["suppressed"] for g in result["groups"])  # three employees: every group is a small cell
    badge = '<span class="badge" title="fewer than 5: not compared">small cell</span>'
    assert page.count(badge) == len(result["groups"])
    assert 'href="/pages/fairness.csv?by=sex&amp;lang=en"' in page
    table = world.client.get("/pages/fairness.csv?by=sex")
    assert table.mimetype == "text/csv"
    header = table.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header.startswith("group,")
    assert world.client.get("/pages/time-to-promotion.csv?by=sex").mimetype == "text/csv"


def test_fairness_refuses_an_unknown_dimension_beside_the_field(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/fairness?by=religion")
    assert answer.status_code == 422
    assert 'id="by-error"' in answer.get_data(as_text=True)
    assert world.client.get("/pages/fairness.csv?by=religion").status_code == 422


def test_hr_and_reporters_may_not_open_the_inspector_pages(world: World) -> None:
    for who in ("hr", "reporter"):
        log_in(world, who)
        for path in ("/pages/audits", f"/pages/audits/{BUDI}/2", "/pages/fairness", "/pages/audits.csv"):
            answer = world.client.get(path)
            assert answer.status_code == 403, (who, path)


def test_fairness_refuses_a_smallest_group_that_is_not_a_whole_number(world: World) -> None:
    log_in(world, "inspector")
    answer = world.client.get("/pages/fairness?min_cell=0")
    assert answer.status_code == 422
    assert '<span class="error" id="min_cell-error">Harus bilangan bulat paling sedikit 1.</span>' in answer.get_data(
        as_text=True
    )


def test_fairness_groups_by_the_intersection_of_two_dimensions(world: World) -> None:
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?by=sex&by=agency&lang=en").get_data(as_text=True)
    result = world.services.fairness_view.fairness(["sex", "agency"])
    assert result["groups"]
    for group in result["groups"]:
        assert f'<th scope="row">{shown(world, group["group"], ["sex", "agency"])}' in page
    assert '<option value="agency" selected>Agency</option>' in page.split('id="f-by2"')[1]


def test_the_pager_links_to_the_pages_before_and_after_with_the_same_filters(world: World) -> None:
    template = world.app.jinja_env.from_string(
        '{% from "pages/macros.html" import pager %}{{ pager(found, "pages.audits", query) }}'
    )
    middle = {"total": 120, "page": 2, "per_page": 50}
    with world.app.test_request_context("/pages/audits?lang=en"):
        html = template.render(found=middle, query={"agency": "KOTA-MEDAN"})
        single = template.render(found={"total": 20, "page": 1, "per_page": 50}, query={})
    assert "/pages/audits?page=1&amp;agency=KOTA-MEDAN" in html
    assert "/pages/audits?page=3&amp;agency=KOTA-MEDAN" in html
    assert "Page 2" in html or "Halaman 2" in html
    assert single.strip() == ""


def test_time_to_promotion_csv_gives_the_incidence_in_plain_columns(world: World) -> None:
    # a spreadsheet's columns: the incidence by 4 and 8 years with its bounds and those who left, not the points
    # as JSON (the API gives them) nor an interval as one cell
    log_in(world, "inspector")
    answer = world.client.get("/pages/time-to-promotion.csv?by=sex&min_cell=1")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    header = list(rows[0])
    for horizon in (4, 8):
        for column in (f"incidence_{horizon}y", f"incidence_{horizon}y_low", f"incidence_{horizon}y_high"):
            assert column in header
    assert "separated" in header
    assert not {"incidence", "curve", "incidence_4y_ci", "incidence_8y_ci"} & set(header)
    assert not any("{" in value or "[" in value for row in rows for value in row.values())
    groups = {row["group"]: row for row in rows}
    api = world.get("/api/v1/audits/time-to-promotion?by=sex&min_cell=1", "inspector").get_json()
    for group in api["groups"]:
        row = groups[group["group"]]
        assert row["separated"] == str(group["separated"])
        for horizon in (4, 8):
            value, ci = group[f"incidence_{horizon}y"], group[f"incidence_{horizon}y_ci"]
            assert row[f"incidence_{horizon}y"] == ("" if value is None else str(value))
            assert row[f"incidence_{horizon}y_low"] == ("" if ci is None else str(ci[0]))
            assert row[f"incidence_{horizon}y_high"] == ("" if ci is None else str(ci[1]))


def test_fairness_page_gives_the_cumulative_incidence_in_indonesian(world: World) -> None:
    log_in(world, "inspector")
    page = world.client.get("/pages/fairness?by=sex&min_cell=1&lang=id").get_data(as_text=True)
    assert "Waktu sampai kenaikan pangkat" in page
    for indonesian in ("di antaranya keluar", "Naik pangkat dalam 4 tahun", "Naik pangkat dalam 8 tahun"):
        assert f'<th scope="col">{indonesian}</th>' in page
    assert "kejadian kumulatif Aalen-Johansen" in page
    for english in ("of whom left", "Promoted by 4 years", "Promoted by 8 years", "Median years: Kaplan-Meier"):
        assert english not in page


def test_a_rating_of_a_year_before_skp_cited_as_evidence_is_named_a_dp3_rating(world: World) -> None:
    """A decision's supporting events name a rating of a year before SKP's first (rule skp.scheme) a DP3 rating, as the
    career page does, where every rating was 'Performance rating (SKP)'."""
    late_evidence(world)  # (2012's)
    log_in(world, "inspector")
    version = decision_version(world)
    decision = world.services.audit_view.promotion(BUDI, version)
    cited = [e for finding in decision["findings"] for e in finding["evidence"] if e["kind"] == "performance_rating"]
    assert cited, decision["findings"]
    english = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    assert "Performance rating (DP3) (v" in english
    assert "Performance rating (SKP) (v" not in english
    indonesian = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=id").get_data(as_text=True)
    assert "Penilaian kinerja (DP3) (v" in indonesian
