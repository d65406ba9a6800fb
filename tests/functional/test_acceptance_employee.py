"""What an employee reads on their own Riwayat Karier page, checked against the ASN career rules.

The acceptance pass of 2026-12-02 (as the employees themselves) found: a requirement the rules in use
do not enforce (20 JP of training, an inference) listed under "Still missing" beside the real bars to a
promotion; a PPPK employee and an employee at the top rank (IV/e) both told only "No promotion is open at
present", as if something stood in their way; a correction shown without the decree that made it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from careerlog.access import Scope
from careerlog.domain.ledger import latest_today
from careerlog.reference import rules
from projections.merit.eligibility import first_permitted
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of, confirm_world_pns
from tests.functional.test_pages_auth import log_in


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def employee_account(world: World, name: str, nip: str) -> None:
    world.services.accounts.create(name, display_name=name.title(), role="employee", scope=Scope(), nip=nip)


def own_page(world: World, who: str, nip: str, lang: str) -> str:
    log_in(world, who)
    answer = world.client.get(f"/pages/employees/{nip}?lang={lang}")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def rated_and_confirmed(world: World) -> None:
    """Budi (III/b since 2014) confirmed and rated Baik every year up to 2025, with no training at all."""
    ledger = world.services.ledger
    confirmation = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    ledger.record(BUDI, "confirmation", confirmation, actor="test")
    for year in range(2010, 2026):
        ledger.record(BUDI, "performance_rating", f.rating(year), actor="test")
    world.catch_up()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Not a condition of promotion under the rules in use"), ("id", "Bukan syarat kenaikan pangkat menurut")],
)
def test_a_requirement_the_rules_do_not_enforce_is_not_listed_as_still_missing(
    world: World, lang: str, heading: str
) -> None:
    rated_and_confirmed(world)
    regular = next(i for i in world.services.eligibility_view.eligibility(BUDI) if i["kind"] == "101")
    advisory = [r for r in regular["requirements"] if r["outcome"] == "missing" and not r["enforced"]]
    assert [r["rule"] for r in advisory] == ["promotion.training"]
    page = own_page(world, "employee", BUDI, lang)
    still_missing = re.findall(r'<li class="missing">(.*?)</li>', page)
    assert len(still_missing) == len(regular["missing"])  # the enforced bars only
    assert not any("JP" in item for item in still_missing)
    assert heading in page
    assert re.search(r'<li class="advisory">[^<]*JP', page)  # shown apart, under its own heading


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "As a PPPK employee you are not on the civil servants' rank ladder (golongan): your grade, IX,"),
        ("id", "Sebagai pegawai PPPK, Anda tidak berada pada jenjang pangkat PNS (golongan): golongan Anda, IX,"),
    ],
)
def test_a_pppk_employee_is_told_that_rank_promotions_do_not_apply_to_them(world: World, lang: str, said: str) -> None:
    pppk = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(
        date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX", recruitment_path="PPPK"
    )
    world.services.ledger.record(pppk, "appointment", payload, actor="test")
    world.catch_up()
    employee_account(world, "pppk", pppk)
    page = text(own_page(world, "pppk", pppk, lang))
    assert said in page
    assert "No promotion is open at present" not in page
    assert "Saat ini tidak ada kenaikan pangkat yang terbuka" not in page


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "You hold the highest rank, IV/e (Pembina Utama): there is no higher rank to be promoted to."),
        ("id", "Anda memegang pangkat tertinggi, IV/e (Pembina Utama): tidak ada pangkat yang lebih tinggi"),
    ],
)
def test_an_employee_at_the_top_rank_is_told_there_is_no_higher_rank(world: World, lang: str, said: str) -> None:
    top = f.nip(date(1968, 5, 5), date(1993, 3, 1), "M", sequence=711)
    ledger = world.services.ledger
    payload = appointment_of(top, rank="IV/d", education="S-3")  # (above S-3's III/c: confirmed, since 2026-12-07)
    ledger.record(top, "appointment", payload, actor="test", confirmed=("appointment.starting_rank",))
    ledger.record(top, "rank_promotion", f.promotion("IV/e", "2020-04-01"), actor="test")
    world.catch_up()
    assert world.services.eligibility_view.eligibility(top) == []
    employee_account(world, "top", top)
    page = text(own_page(world, "top", top, lang))
    assert said in page
    assert "No promotion is open at present" not in page


@pytest.mark.parametrize(("lang", "said"), [("en", "Corrected on"), ("id", "Dikoreksi pada")])
def test_a_correction_on_the_timeline_names_the_decree_that_made_it(world: World, lang: str, said: str) -> None:
    correction = f.correction(2, "2014-05-01", new_rank="III/c")
    world.services.ledger.record(BUDI, "correction", correction, actor="test", confirmed=["promotion.one_step"])
    world.catch_up()
    page = text(own_page(world, "employee", BUDI, lang))
    assert re.search(rf"{said} [^:]*\({correction['reference']}\): Salah ketik pada SK", page)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_timeline_shows_codes_by_their_names_in_the_reference_tables(world: World, lang: str) -> None:
    """Not 'Assignment: DEFINITIVE', 'Sex: M', 'Region: 12.71': the names a civil servant reads on a decree."""
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "title": "Analis SDM", "unit": "BKPSDM"}
    post["assignment"] = "DEFINITIVE"
    world.services.ledger.record(
        BUDI, "post_appointment", post | {"effective_date": "2015-01-02", "reference": "SK-JAB-1"}, actor="test"
    )
    world.services.ledger.record(BUDI, "performance_rating", f.rating(2015, "SANGAT_BAIK"), actor="test")
    world.catch_up()
    page = text(own_page(world, "employee", BUDI, lang))
    for shown in (
        {"en": "Sex: Male", "id": "Laki-laki"}[lang],  # the English label on an English page, the official name else
        "Kota Medan (12.71)",
        "III/a (Penata Muda)",
        "III/b (Penata Muda Tingkat I)",
        {"en": "Regular (101)", "id": "Reguler (101)"}[lang],  # a promotion kind in English on an English page
        {"en": "Functional post", "id": "Jabatan Fungsional"}[lang],
        "Ahli Pertama",
        {"en": "Definitive", "id": "Definitif"}[lang],
        "Sangat Baik",
        {"en": "Civil servant (PNS)", "id": "Pegawai Negeri Sipil"}[lang],
    ):
        assert shown in page
    assert "(CPNS on appointment)" not in page  # a name is shown in both languages: no English note in it
    for code in ("DEFINITIVE", "FUNGSIONAL", "AHLI_PERTAMA", "SANGAT_BAIK", "KOTA-MEDAN"):
        assert code not in page


def test_a_penalty_that_bars_the_promotion_says_when_it_ends_and_the_first_date_after_it(world: World) -> None:
    """A medium penalty of 12 months from the 1st of this month (its end from the kind's months): the page tells
    the employee when it ends and the first promotion date after it, not only that it is served."""
    rated_and_confirmed(world)
    start = latest_today().replace(day=1)
    penalty = {"level": "MEDIUM", "penalty_kind": "POTONG_TUKIN_12", "effective_date": start.isoformat()}
    world.services.ledger.record(BUDI, "penalty", penalty | {"reference": "HD-1"}, actor="test")
    world.catch_up()
    regular = next(i for i in world.services.eligibility_view.eligibility(BUDI) if i["kind"] == "101")
    end = start + relativedelta(months=12, days=-1)
    after = first_permitted(rules(), end + timedelta(days=1))
    assert after is not None
    # the next promotion date is moved past it, the requirements judged for that date (merit 62)
    assert (regular["next_date"], regular["next_date_basis"], regular["judged_on"]) == (str(after), "bar", str(after))
    page = text(own_page(world, "employee", BUDI, "en"))
    assert f"The disciplinary penalty ends on {end:%b} {end.day}, {end.year}, its last day, and bars a" in page
    assert f"after it is {after:%b} {after.day}, {after.year}." in page
    indonesian = text(world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    assert "Hukuman disiplin berakhir pada" in indonesian


def test_ratings_short_of_baik_are_told_apart_from_ratings_not_recorded_yet(world: World) -> None:
    """'ratings below BAIK or absent for 2025, 2026' does not say which: the page says, per year, the predicate
    given (Kurang, below Baik) or that none is recorded yet (the year's rating is still to come)."""
    ledger = world.services.ledger
    confirmation = {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "SK-PNS-1"}
    ledger.record(BUDI, "confirmation", confirmation, actor="test")
    last = latest_today().year - 1
    for year in range(2010, last + 1):
        ledger.record(BUDI, "performance_rating", f.rating(year, "KURANG" if year == last else "BAIK"), actor="test")
    world.catch_up()
    regular = next(i for i in world.services.eligibility_view.eligibility(BUDI) if i["kind"] == "101")
    short = next(r for r in regular["requirements"] if r["rule"] == "promotion.performance")["message"]
    page = text(own_page(world, "employee", BUDI, "en"))
    assert f"SKP {last}: Kurang, below Baik" in page
    if str(last + 1) in short:
        assert f"SKP {last + 1}: not due yet, it is rated once the year is over" in page  # (this year's)
    indonesian = text(world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True))
    assert f"SKP {last}: Kurang, di bawah Baik" in indonesian


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Your status has been Retired since Oct 1, 2025: your service ended and no rank promotion is open."),
        (
            "id",
            "Sejak 1 Okt 2025 status kepegawaian Anda adalah Pensiun: masa dinas Anda telah berakhir dan tidak ada "
            "kenaikan pangkat yang terbuka.",  # was "Status kepegawaian Anda Pensiun sejak ...", a copula missing
        ),
    ],
)
def test_a_retired_employee_is_told_their_service_ended_not_that_no_promotion_is_open(
    world: World, lang: str, said: str
) -> None:
    """A retirement's status takes effect on the pension's first day (1 October 2025); service ended the day before,
    on the last day of the month the page forecast: it said 'Your service ended on Oct 1, 2025'."""
    ledger = world.services.ledger
    ledger.record(BUDI, "status_change", f.status("RETIRED", "2025-10-01"), actor="test")
    world.catch_up()
    assert world.services.eligibility_view.eligibility(BUDI) == []
    page = text(own_page(world, "employee", BUDI, lang))
    assert said in page
    assert "No promotion is open at present" not in page


ROW = r"<tr><td>(\d{4})</td>[^\n]*\n\s*<td>(?:<strong>)?([a-z ]+)(?:</strong>)?</td></tr>"  # year, met


def test_the_current_year_short_of_20_jp_reads_not_yet_not_no(world: World) -> None:
    """The yearly 20 JP (an entitlement, PP 11/2017 art. 203(4)) of a year still running is not yet missed."""
    confirm_world_pns(world)  # Budi a PNS since 2011 (unconfirmed, a CPNS: no year judged)
    page = own_page(world, "employee", BUDI, "en")
    rows = dict(re.findall(ROW, page))
    this_year = str(latest_today().year)
    assert rows[this_year] == "not yet"
    assert rows[str(latest_today().year - 1)] == "no"
    indonesian = world.client.get(f"/pages/employees/{BUDI}?lang=id").get_data(as_text=True)
    assert dict(re.findall(ROW, indonesian))[this_year] == "belum"
