"""Training compliance's `met` (the staff with the yearly JP) is withheld from a reader of aggregates (a reporter, a
policy maker) when it, or the rest of its group's staff, is 1 to CAREERLOG_MIN_CELL - 1, with its `share`, and in
complements along the lines of the table, so that a withheld `met` is not the agency's shown less the groups shown
beside it: the scorecard's attribute rule (docs/security.md "A group's attribute"). Its staff and JP are shown, its
row `suppressed` false and `met_suppressed` true; the API's JSON and CSV, the page and its downloads alike. Until
2026-12-07 it withheld by its staff alone: a rank's 2 of 10 met was shown where the scorecard withheld the same cell's
`training.jp_share_by_rank`. Inspectors and HR see every figure. Both stores."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest

from careerlog.domain.errors import InvalidInput
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_headcount_counts_the_active_staff import store_url
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_report_downloads import DASH, csv_rows, page_rows, sheet
from tests.functional.test_suppression import record
from web.kept import EXTENSION
from web.services import Services

__all__ = ["store_url"]  # (both stores)

COMPLIANCE = "/api/v1/reports/training-compliance"
SCORECARD = "/api/v1/reports/scorecard"
# KOTA-MEDAN's PNS in post at the end of 2020 (the world's own are CPNS, confirmed nowhere, and left out): (rank,
# education, staff, met), each appointed at its education's starting rank. III/a's 2 of 10 tells who met 20 JP; II/a's
# 6 of 12, III/b's 8 of 8 and III/c's 0 of 7 tell no one
STAFF = (("II/a", "SLTA", 12, 6), ("III/a", "S-1", 10, 2), ("III/b", "S-2", 8, 8), ("III/c", "S-3", 7, 0))
AGENCY = {"year": "2020", "agency": "KOTA-MEDAN"}


@pytest.fixture
def trained(world: World) -> World:
    sequence = 900
    for rank, education, staff, met in STAFF:
        sequence = staffed(world, sequence, staff, met, rank=rank, education=education)
    world.catch_up()
    return world


def staffed(world: World, sequence: int, staff: int, met: int, sex: str | None = None, **placed: str) -> int:
    """`staff` PNS of KOTA-MEDAN (`placed`: their agency, rank, education, unit...) in post at the end of 2020, the
    first `met` of them with 24 JP that year, women and men in turn (or all of `sex`); the sequence of the NIPs after
    theirs."""
    for n in range(staff):
        sequence += 1
        nip = f.nip(date(1990, 1, 1 + n), date(2015, 3, 1), sex or ("M" if n % 2 else "F"), sequence=sequence)
        record(world, nip, "appointment", appointment_of(nip, **placed))
        record(world, nip, "confirmation", f.confirmation("2016-03-01"))
        if n < met:
            record(world, nip, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    return sequence


def report(world: World, who: str, **asked: str) -> dict[str, Any]:
    answer = world.get(f"{COMPLIANCE}?{urlencode({**AGENCY, **asked})}", who)
    assert answer.status_code == 200, answer.get_json()
    return dict(answer.get_json())


def by_rank(world: World, who: str) -> dict[str, tuple[Any, ...]]:
    rows = report(world, who, by="rank")["items"]
    return {r["rank"]: (r["staff"], r["met"], r["share"], r["suppressed"], r["met_suppressed"]) for r in rows}


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_a_met_of_a_few_of_a_group_is_withheld_with_its_share_the_staff_shown(trained: World, who: str) -> None:
    ranks = by_rank(trained, who)
    assert ranks["III/a"] == (10, None, None, False, True)  # 2 of 10 until 2026-12-07
    assert ranks["III/c"] == (7, 0, 0.0, False, False)  # (nobody: a 0 is shown)
    assert [staff for staff, *_ in ranks.values()] == [12, 10, 8, 7]  # (the staff of every rank shown)


def test_a_withheld_met_is_not_the_agencys_less_the_ranks_shown(trained: World) -> None:
    """The agency's met (`by=agency`: 16 of 37) less the ranks shown would give III/a's 2: a complement is withheld
    with it (and its rest likewise: III/a's 8 not meeting it), never one rank's met alone."""
    [agency] = report(trained, "reporter")["items"]
    assert (agency["staff"], agency["met"], agency["met_suppressed"]) == (37, 16, False)
    ranks = by_rank(trained, "reporter")
    withheld = [rank for rank, (*_, met_suppressed) in ranks.items() if met_suppressed]
    # (III/a told; as its met's complements II/a's 6, then, 6 + 2 = 8 being two of 4 each, III/b's 8, which leaves
    # II/a's needless; as the rest's, III/a's 8 and III/b's 0 being two of 4 each, II/a's 6 not meeting it)
    assert withheld == ["II/a", "III/a", "III/b"], ranks
    left = agency["met"] - sum(met for _staff, met, *_ in ranks.values() if met is not None)
    rest = agency["staff"] - agency["met"]
    rest_left = rest - sum(staff - met for staff, met, *_ in ranks.values() if met is not None)
    # (what the withheld ranks hold together is no small group, nor their number's least or most of small ones)
    for together in (left, rest_left):
        assert together >= 5, (together, withheld)
        assert together not in (len(withheld), len(withheld) * 4), (together, withheld)


def test_a_rest_of_a_few_of_a_group_is_withheld(world: World) -> None:
    """6 of 8 met: the 2 who did not are as small a group. Its JP with it: 144 JP of 8 staff told that no more than 7
    of them had 20 (until 2026-12-07 shown)."""
    for n in range(8):
        nip = f.nip(date(1991, 2, 1 + n), date(2015, 3, 1), "F", sequence=950 + n)
        record(world, nip, "appointment", appointment_of(nip, rank="III/c", education="S-3"))
        record(world, nip, "confirmation", f.confirmation("2016-03-01"))
        if n < 6:
            record(world, nip, "training", f.training("2020-06-05", hours=24, start="2020-06-01"))
    world.catch_up()
    [row] = report(world, "reporter", by="rank")["items"]
    assert (row["staff"], row["met"], row["share"], row["met_suppressed"]) == (8, None, None, True)
    assert (row["hours"], row["average_hours"]) == (None, None)  # 6 x 24 until 2026-12-07
    [exact] = report(world, "inspector", by="rank")["items"]
    assert (exact["met"], exact["hours"]) == (6, 6 * 24)


@pytest.mark.parametrize("who", ["inspector", "hr"])
def test_inspectors_and_hr_see_every_met(trained: World, who: str) -> None:
    ranks = by_rank(trained, who)
    recorded = {rank: met for rank, _education, _staff, met in STAFF}
    assert {rank: met for rank, (_staff, met, *_) in ranks.items()} == recorded
    assert not any(met_suppressed for *_, met_suppressed in ranks.values())


def test_the_api_csv_leaves_a_withheld_met_empty_and_flags_it(trained: World) -> None:
    query = urlencode({**AGENCY, "by": "rank", "format": "csv"})
    answer = trained.get(f"{COMPLIANCE}?{query}", "reporter")
    assert answer.status_code == 200
    text = answer.get_data(as_text=True).lstrip("\ufeff")
    rows = {r["rank"]: r for r in csv.DictReader(io.StringIO(text))}
    assert [rows["III/a"][c] for c in ("staff", "met", "share", "suppressed", "met_suppressed")] == [
        "10",
        "",
        "",
        "false",
        "true",
    ]


def test_the_page_and_its_downloads_withhold_the_met_and_say_why(trained: World) -> None:
    query = urlencode({**AGENCY, "by": "rank"})
    log_in(trained, "reporter")
    page = {row[0]: row[1:] for row in page_rows(trained, f"/pages/reports/training?{query}&lang=en")}
    assert page["III/a"][:3] == ["10", DASH, DASH]
    assert page["III/c"][:2] == ["7", "0"]
    html = trained.client.get(f"/pages/reports/training?{query}&lang=en").get_data(as_text=True)
    assert 'class="help withheld-legend"' in html
    # (the withheld mark on III/a's met, share and average JP, its staff shown, as the legend explains: a dash alone
    # reads as no figure at all)
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    [iii_a] = [row for row in rows if ">III/a" in row]
    assert ['class="withheld"' in cell for cell in iii_a.split("<td>")[1:]] == [False, False, True, True, True]
    [iii_c] = [row for row in rows if ">III/c" in row]
    assert 'class="withheld"' not in iii_c
    written = {r["rank"]: r for r in csv_rows(trained, f"/pages/reports/training.csv?{query}")}
    assert [written["III/a"][c] for c in ("staff", "met", "share", "suppressed", "met_suppressed")] == [
        "10",
        "",
        "",
        "false",
        "true",
    ]
    header, *rows = sheet(trained, f"/pages/reports/training.xlsx?{query}&lang=en")
    # ("With the yearly JP withheld" until 2026-12-07, a count; then "Met the yearly JP withheld", its JP aside)
    assert header[-1] == "Met the yearly JP, share and average JP withheld"
    assert sheet(trained, f"/pages/reports/training.xlsx?{query}&lang=id")[0][-1] == (
        "Memenuhi JP tahunan, bagian dan rata-rata JP disembunyikan"
    )
    [iii_a] = [row for row in rows if row[0] == "III/a"]
    assert (iii_a[1], iii_a[2], iii_a[3]) == (10, None, None)
    log_in(trained, "inspector")
    exact = {row[0]: row[1:] for row in page_rows(trained, f"/pages/reports/training?{query}&lang=en")}
    assert exact["III/a"][:2] == ["10", "2"]


@pytest.mark.parametrize("who", ["reporter", "policy"])
def test_the_scorecard_shows_a_share_only_where_the_training_compliance_shows_its_met(trained: World, who: str) -> None:
    """A complement the training compliance withholds (its met) is withheld by the scorecard too: the two together
    give no more than the training compliance alone."""
    card = trained.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1", who).get_json()
    ranks = by_rank(trained, who)
    for value in card["indicators"]["training.jp_share_by_rank"]["trend"]:
        staff, met, _share, _suppressed, met_suppressed = ranks[value["group"]["rank"]]
        assert value["suppressed"] or (value["numerator"], value["denominator"], met_suppressed) == (met, staff, False)
    assert {
        v["group"]["rank"] for v in card["indicators"]["training.jp_share_by_rank"]["trend"] if v["suppressed"]
    } >= {rank for rank, (*_, met_suppressed) in ranks.items() if met_suppressed}


def test_the_rows_withheld_whole_are_judged_together_for_their_met(world: World) -> None:
    """Units withheld whole for their staff (Bappeda's 3, Dinas Pendidikan's 3) hold together the agency's met less the
    units shown, and its staff less theirs: beside BKPSDM's 5 of 10, the agency's 10 of 16 gave them 5 of 6, the one
    who missed 20 JP (until 2026-12-07 judged only beside a row's own telling met, and none told). BKPSDM's met is
    withheld as their complement, its staff shown."""
    sequence = 900
    for unit, staff, met in (("BKPSDM", 10, 5), ("Bappeda", 3, 3), ("Dinas Pendidikan", 3, 2)):
        sequence = staffed(world, sequence, staff, met, unit=unit)
    world.catch_up()
    [agency] = report(world, "reporter")["items"]
    assert (agency["staff"], agency["met"]) == (16, 10)
    units = {r["unit"]: r for r in report(world, "reporter", by="unit")["items"]}
    assert [(r["staff"], r["met"], r["suppressed"], r["met_suppressed"]) for r in units.values()] == [
        (10, None, False, True),  # 5 of 10 until 2026-12-07
        (None, None, True, True),
        (None, None, True, True),
    ]
    assert {r["unit"]: r["met"] for r in report(world, "inspector", by="unit")["items"]}["BKPSDM"] == 5


def test_a_met_the_table_by_agency_withholds_is_withheld_filtered_to_that_agency(trained: World) -> None:
    """KAB-DELISERDANG's 8 of 10 tells the 2 who missed 20 JP, and KOTA-MEDAN's 16 of 37 is withheld as its complement
    `by=agency`; filtered to KOTA-MEDAN its met is that table's cell, withheld too (until 2026-12-07 shown, and the
    total of both agencies less it gave KAB-DELISERDANG's), and so is every rank's, which add up to it."""
    staffed(trained, 940, 10, 8, agency="KAB-DELISERDANG", unit="Dinas Pendidikan", region="12.07")
    trained.catch_up()
    year = {"year": "2020"}
    agencies = trained.get(f"{COMPLIANCE}?{urlencode({**year, 'by': 'agency'})}", "reporter").get_json()["items"]
    assert {r["agency"]: (r["staff"], r["met"], r["met_suppressed"]) for r in agencies} == {
        "KAB-DELISERDANG": (10, None, True),
        "KOTA-MEDAN": (37, None, True),
    }
    card = trained.get(f"{SCORECARD}?agency=KOTA-MEDAN&year=2020&years=1", "reporter").get_json()
    [per_employee] = card["indicators"]["training.hours_per_employee"]["trend"]
    assert (per_employee["suppressed"], per_employee["value"]) == (True, None)  # (its JP bound its met)
    [medan] = report(trained, "reporter", by="agency")["items"]
    assert (medan["staff"], medan["met"], medan["share"], medan["met_suppressed"]) == (37, None, None, True)  # 16
    ranks = by_rank(trained, "reporter")
    assert [met for _staff, met, *_ in ranks.values()] == [None] * 4  # (III/c's 0 of 7 shown until 2026-12-07)
    [exact] = report(trained, "inspector", by="agency")["items"]
    assert exact["met"] == 16
    card = trained.get(f"{SCORECARD}?agency=KAB-DELISERDANG&year=2020&years=1", "reporter").get_json()
    [compared] = [v for v in card["indicators"]["training.jp_share"]["comparison"] if v["agency"] == "KOTA-MEDAN"]
    assert (compared["suppressed"], compared["value"]) == (True, None)  # (16 of 37 until 2026-12-07)


def test_a_met_shown_filtered_is_no_unfiltered_one_less_a_withheld_other(world: World) -> None:
    """III/a's 13 of 20 is shown `by=rank`; its men's 8 of 10 tell the 2 who missed 20 JP, withheld `&sex=M`, so its
    women's 5 of 10 `&sex=F` is withheld too, as the table by rank and sex withholds it (until 2026-12-07 shown, and
    13 less 5 gave the men's 8)."""
    staffed(world, 900, 10, 5, "F", rank="III/a")
    staffed(world, 920, 10, 8, "M", rank="III/a")
    world.catch_up()
    [rank] = report(world, "reporter", by="rank")["items"]
    assert (rank["staff"], rank["met"]) == (20, 13)
    for sex in ("F", "M"):
        [row] = report(world, "reporter", by="rank", sex=sex)["items"]
        assert (row["staff"], row["met"], row["met_suppressed"]) == (10, None, True), sex
    [women] = report(world, "inspector", by="rank", sex="F")["items"]
    assert women["met"] == 5


def test_a_filtered_met_is_withheld_where_a_table_it_is_judged_against_is_refused(
    trained: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filtered answer's met is judged against the same report without the filter (`Services.met_sliced`): one of
    those tables refused, what it would withhold is not known, so every met is withheld (until 2026-12-07 none was:
    judged as a table withholding nothing)."""
    asked = Services.training_compliance

    def refused(self: Services, reader: Any, year: int, by: list[str], filters: Any, **options: Any) -> Any:
        if not filters.get("agency"):  # (a table without the agency filter: the ones the filtered answer is judged by)
            raise InvalidInput("refused", "agency")
        return asked(self, reader, year, by, filters, **options)

    assert [met for _staff, met, *_ in by_rank(trained, "reporter").values()] == [None, None, None, 0]
    monkeypatch.setattr(Services, "training_compliance", refused)
    trained.app.extensions.pop(EXTENSION, None)  # (the same request's answer kept per worker forgotten: web.kept)
    ranks = by_rank(trained, "reporter")
    assert [met for _staff, met, *_ in ranks.values()] == [None] * 4  # (III/c's 0 of 7 shown until 2026-12-07)
    assert all(met_suppressed for *_, met_suppressed in ranks.values())
