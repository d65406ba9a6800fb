"""Every coded filter reads a code in any letter case (and with spaces around it) as the code it is.

`kind=pengawas`, `agency=kota-medan`, `level=ahli_muda`, `sex=m` answered 422 where `PENGAWAS`, `KOTA-MEDAN`,
`AHLI_MUDA`, `M` were read: users of an HR system type codes in any case. One rule now (careerlog.reference.AnyCase,
in the API's CodeFilter): any case in, the canonical code read and answered; a value that is no code in any case is
still refused as typed, 422 naming the field, the value and the codes or their reference endpoint. The OpenAPI
document keeps listing the canonical codes. Both stores."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from careerlog.cli import main
from tests.functional.conftest import BUDI, RINA, SARI, World
from tests.functional.test_api_post_level_filter_known import posted, store_url
from tests.functional.test_api_posts import POSTS
from tests.functional.test_pages_auth import log_in

__all__ = ["posted", "store_url"]  # Budi appointed Pengawas (IV.a) in 2018; both stores


def items(world: World, path: str, who: str = "admin") -> list[dict[str, object]]:
    answer = world.get(path, who)
    assert answer.status_code == 200, answer.get_json()
    return list(answer.get_json()["items"])


@pytest.mark.parametrize("spelling", ["kota-medan", "Kota-Medan", " kota-MEDAN "])
def test_the_rosters_agency_in_any_case_is_the_agency(world: World, spelling: str) -> None:
    found = items(world, f"/api/v1/employees?agency={quote(spelling)}")
    assert {(e["nip"], e["agency"]) for e in found} == {(BUDI, "KOTA-MEDAN"), (SARI, "KOTA-MEDAN")}


@pytest.mark.parametrize(("query", "nips"), [("sex=m", {BUDI}), ("sex=f&agency=kab-karo", {RINA})])
def test_the_rosters_other_codes_in_any_case_are_read_too(world: World, query: str, nips: set[str]) -> None:
    found = items(world, f"/api/v1/employees?{query}")
    assert {e["nip"] for e in found} == nips
    assert {e["sex"] for e in found} <= {"M", "F"}


@pytest.mark.parametrize("query", ["kind=pengawas", "kind=Pengawas&level=iv.a", "level=IV.A", "kind=PENGAWAS"])
def test_the_audited_posts_kind_and_level_in_any_case_are_read_as_their_codes(posted: World, query: str) -> None:
    found = items(posted, f"{POSTS}?{query}", "inspector")
    assert [(i["nip"], i["kind"], i["level"]) for i in found] == [(BUDI, "PENGAWAS", "IV.a")]


def test_a_functional_level_in_lower_case_is_read_as_the_level(posted: World) -> None:
    assert posted.get(f"{POSTS}?level=ahli_muda", "inspector").status_code == 200
    assert posted.get(f"{POSTS}?level=ahli_muda", "inspector").get_json()["total"] == 0


def test_the_audited_promotions_kind_and_the_awards_agency_in_any_case_are_read(world: World) -> None:
    assert items(world, "/api/v1/audits/promotions?kind=101", "inspector") == items(
        world, "/api/v1/audits/promotions?kind=101&agency=kota-medan&agency=Kab-Karo", "inspector"
    )
    assert world.get("/api/v1/audits/awards?agency=kota-medan", "inspector").status_code == 200
    assert world.get("/api/v1/audits/appointments?kind=s-1", "inspector").status_code == 200


def test_a_report_reads_its_agency_in_any_case_as_the_agency(world: World) -> None:
    exact = world.get("/api/v1/reports/headcount?by=agency&agency=KOTA-MEDAN", "reporter").get_json()
    lower = world.get("/api/v1/reports/headcount?by=agency&agency=kota-medan", "reporter").get_json()
    assert lower == exact
    assert world.get("/api/v1/reports/programmes?kind=pkp", "reporter").status_code == 200
    # (two kinds, an inspector's: a reader of aggregates gives one value per filter since 2026-12-06)
    assert world.get("/api/v1/reports/programmes?kind=pkp&kind=Bimtek", "inspector").status_code == 200


def test_an_agency_outside_the_scope_in_lower_case_is_refused_naming_its_code(world: World) -> None:
    answer = world.get("/api/v1/employees?agency=kab-karo", "hr")
    assert answer.status_code == 403
    assert "KAB-KARO" in answer.get_json()["errors"]["agency"][0]


@pytest.mark.parametrize(
    ("path", "name", "value", "listing"),
    [
        ("/api/v1/employees", "agency", "kota-medann", "GET /api/v1/reference/agencies"),
        ("/api/v1/employees", "sex", "male", "M, F"),
        (POSTS, "kind", "pengawass", "PENGAWAS"),
        (POSTS, "level", "Ahli Muda", "AHLI_MUDA"),
    ],
)
def test_a_value_no_code_in_any_case_is_still_refused_as_typed(
    world: World, path: str, name: str, value: str, listing: str
) -> None:
    answer = world.get(f"{path}?{name}={quote(value)}", "inspector" if path == POSTS else "admin")
    assert answer.status_code == 422, answer.get_json()
    [reason] = answer.get_json()["errors"][name]
    assert reason.startswith(f"Not one of the known values: {value!r} (")
    assert listing in reason


def test_the_openapi_document_lists_the_canonical_codes(world: World) -> None:
    spec = world.get("/api/openapi.json", None).get_json()
    parameters = spec["paths"]["/api/v1/employees"]["get"]["parameters"]
    [sex] = [p for p in parameters if p["name"] == "sex"]
    assert sex["schema"]["items"]["enum"] == ["M", "F"]
    assert "any letter case" in sex["description"]


def test_the_pages_read_a_code_in_any_case_as_the_code(posted: World) -> None:
    log_in(posted, "inspector")
    exact = posted.client.get("/pages/audits/posts?kind=PENGAWAS&agency=KOTA-MEDAN&lang=en")
    lower = posted.client.get("/pages/audits/posts?kind=pengawas&agency=kota-medan&lang=en")
    assert (exact.status_code, lower.status_code) == (200, 200)
    page = lower.get_data(as_text=True)
    assert f">{BUDI}</a>" in page
    assert '<option value="KOTA-MEDAN" selected>' in page  # the form shows the filter applied
    awards = posted.client.get("/pages/audits/awards?agency=Kota-Medan&kind=slks_10&lang=en")
    assert awards.status_code == 200, awards.get_data(as_text=True)
    log_in(posted, "reporter")
    report = posted.client.get("/pages/reports/headcount?agency=kota-medan&lang=en")
    assert report.status_code == 200
    assert report.get_data(as_text=True).count(">KOTA-MEDAN<") == posted.client.get(
        "/pages/reports/headcount?agency=KOTA-MEDAN&lang=en"
    ).get_data(as_text=True).count(">KOTA-MEDAN<")


def test_a_page_refuses_a_value_no_code_in_any_case_as_before(posted: World) -> None:
    log_in(posted, "inspector")
    answer = posted.client.get("/pages/audits/posts?kind=pengawass&lang=en")
    assert answer.status_code == 422
    assert "Not a post kind: &#39;pengawass&#39;" in answer.get_data(as_text=True)


def test_the_scorecard_reads_its_agency_in_any_case_on_the_api_the_page_and_the_command_line(
    posted: World, store_url: str
) -> None:
    card = posted.get("/api/v1/reports/scorecard?agency=kota-medan&year=2024&years=1", "inspector")
    assert (card.status_code, card.get_json()["agency"]) == (200, "KOTA-MEDAN")
    log_in(posted, "inspector")
    assert posted.client.get("/pages/scorecard?agency=Kota-Medan&year=2024&years=1").status_code == 200
    args = ["report", "scorecard", "--agency", "kota-medan", "--year", "2024", "--years", "1", "--format", "json"]
    result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": store_url})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["agency"] == "KOTA-MEDAN"


def test_the_audit_command_reads_its_agency_in_any_case_as_the_code(posted: World, store_url: str) -> None:
    def listed(agency: str) -> list[str]:
        args = ["audit", "posts", "--agency", agency, "--format", "json"]
        result = CliRunner().invoke(main, args, env={"CAREERLOG_DATABASE_URL": store_url})
        assert result.exit_code == 0, result.output
        return sorted(d["nip"] for d in json.loads(result.output)["decisions"])

    assert listed("kota-medan") == listed(" Kota-Medan ") == listed("KOTA-MEDAN")
    assert BUDI in listed("kota-medan")


@pytest.mark.parametrize("rank", ["iii/a", "Iii/A"])
def test_a_rank_in_any_case_is_the_rank(world: World, rank: str) -> None:
    exact = items(world, "/api/v1/employees?rank=III/a")
    assert exact
    assert items(world, f"/api/v1/employees?rank={quote(rank)}") == exact
    assert {e["rank"] for e in exact} == {"III/a"}
