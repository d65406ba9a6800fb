"""What a civil servant reads of their next promotion on the career page (acceptance pass of 2026-12-02):

- a post holder was offered their 201 or 202 with no word that they rise by it and not by the regular 101 (since
  promotion.regular_without_post, PP 99/2000 art. 4); the eligibility answer carries it as `regular_closed`;
- no requirement named the regulation it rests on (rules.toml's `source`): each now does, and says when the rule is
  unconfirmed (M);
- "Requirements judged on" could be a day gone by (the first promotion date after the record's last fact) with
  nothing said: the page now says that day is past, and gives the next promotion date from today;
- a functional employee short of credit points (angka kredit) was told "credit 50 of 100 since 2024" and no more: the
  page says how many are still needed, what a year rated Baik or Sangat Baik earns at their level, and, when ratings
  counted so far give a rate, with which year's rating they reach the credit at that rate.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from careerlog.access import Scope
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_eligibility_answers import answer_validator
from tests.functional.test_pages_auth import log_in
from tests.functional.test_time_to_promotion_from_after_today import this_year
from web.pages.next_promotion import citation, credit_ahead

NONE = "\u2013"  # the page's en dash for no value


@pytest.fixture
def store_url(database_url: str) -> str:
    """Both stores: SQLite and PostgreSQL."""
    return database_url


def log_in_as_the_employee(world: World, nip: str) -> None:
    """Log in as the employee of `nip` (an employee account of their own made first): the page then speaks to them
    ("your level", "Anda"), as it speaks of them by name to HR (test_career_page_reader_voice.py)."""
    username = f"pegawai-{nip}"
    if username not in {a.username for a in world.services.accounts.list_accounts()}:
        world.services.accounts.create(username, display_name="Pegawai", role="employee", scope=Scope(), nip=nip)
    log_in(world, username)


def page_text(world: World, nip: str, lang: str = "en") -> str:
    """The career page of `nip` as the employee reads their own, as text."""
    log_in_as_the_employee(world, nip)
    page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def ahli_muda_short_of_credit(world: World, born: date = date(1985, 5, 5)) -> str:
    """A Guru Ahli Muda, III/c since 1 April two years ago (202), rated Baik for the two years since: 2 x 25 = 50 of the
    100 credit points the level asks (PermenPANRB 1/2023)."""
    nip = f.nip(born, date(2010, 3, 1), "F", sequence=751)
    ledger, since = world.services.ledger, this_year() - 2
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    ledger.record(
        nip,
        "confirmation",
        {"effective_date": "2011-03-01", "reference": "SK-C-751", "latsar_certificate": "L-751"},
        actor="test",
    )
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_MUDA", "title": "Guru Ahli Muda", "unit": "Dinas Pendidikan"}
    post |= {"assignment": "DEFINITIVE", "effective_date": f"{since - 1}-01-02", "reference": "SK-JF-751"}
    ledger.record(nip, "post_appointment", post, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/c", f"{since}-04-01", kind="202"), actor="test")
    for year in (since, since + 1):
        ledger.record(nip, "performance_rating", f.rating(year, "BAIK"), actor="test")
    world.catch_up()
    return nip


def test_a_functional_post_holder_is_told_they_rise_by_202_not_by_the_regular_101(world: World) -> None:
    nip = ahli_muda_short_of_credit(world)
    english = page_text(world, nip)
    assert (
        "You hold a definitive functional post, so you rise by Selective: functional post (202), with credit points, "
        "not by the regular promotion (Regular (101))" in english  # the kinds in English, with their codes
    )
    assert "PP 99/2000 art. 4" in english
    assert "This rule is unconfirmed" in english
    indonesian = page_text(world, nip, "id")
    assert (
        "Anda menduduki jabatan fungsional definitif, sehingga jenis kenaikan pangkat Anda adalah "
        "“Pilihan: jabatan fungsional (202)”, dengan angka kredit, bukan “Reguler (101)”: kenaikan pangkat reguler "
        "diberikan kepada PNS" in indonesian  # (until 2026-12-05 "naik pangkat melalui Pilihan: ... (Reguler (101))")
    )
    found = world.services.career_page(world.services.accounts.get("admin"), nip)
    assert found["regular_closed"]["kind"] == "202"
    assert found["regular_closed"]["instead_of"] == "101"
    assert found["regular_closed"]["rule"] == "promotion.regular_without_post"
    # a PNS holding no post is offered the 101 and told nothing of the kind
    assert "so you rise by" not in page_text(world, BUDI)


def test_each_requirement_names_the_regulation_it_rests_on(world: World) -> None:
    english = page_text(world, BUDI)
    assert "(basis: PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023)" in english  # promotion.time_in_rank
    assert "(basis: PP 94/2021; unconfirmed)" in english  # promotion.penalty, M (the version in force since 2021-08-31)
    indonesian = page_text(world, BUDI, "id")
    assert "(dasar: PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023)" in indonesian
    # the regulations a source names, not its English remarks (promotion.training, an inference)
    assert "(dasar: PP 11/2017 Pasal 203 ayat (4); sebuah inferensi)" in indonesian
    assert "sets the yearly entitlement" not in indonesian
    item = world.services.eligibility(world.services.accounts.get("admin"), BUDI)["items"][0]
    sources = {r["rule"]: (r["source"], r["status"]) for r in item["requirements"]}
    assert sources["promotion.time_in_rank"] == ("PP 99/2000 jo PP 12/2002; Peraturan BKN 4/2023", "S")


def test_a_requirements_day_gone_by_is_said_past_with_the_next_promotion_date(world: World) -> None:
    """Budi's record was judged on the first promotion date after its last fact; a year on, that day is past."""
    item = world.services.eligibility(world.services.accounts.get("admin"), BUDI)["items"][0]
    assert "That day is past" not in page_text(world, BUDI)
    later = date.fromisoformat(item["judged_on"]) + timedelta(days=200)
    world.services.eligibility_view._today = later
    shown = page_text(world, BUDI)
    judged = date.fromisoformat(item["judged_on"])
    assert re.search(f"Requirements judged on: {judged:%b} {judged.day}, {judged.year} ?\\. That day is past", shown)
    next_date = world.services.eligibility(world.services.accounts.get("admin"), BUDI)["items"][0]["next_date"]
    assert next_date > later.isoformat()
    nxt = date.fromisoformat(next_date)
    assert f"Next promotion date: {nxt:%b} {nxt.day}, {nxt.year}" in shown
    assert "Hari itu sudah lewat" in page_text(world, BUDI, "id")


def test_a_functional_employee_short_of_credit_points_is_told_when_at_their_rate(world: World) -> None:
    nip = ahli_muda_short_of_credit(world)
    since = this_year() - 2
    english = page_text(world, nip)
    assert f"Credit points (angka kredit): 50 of the 100 your level needs, counted from {since}" in english
    assert "credit 50 of 100" not in english
    # 25 a year rated Baik: 50 more is two more years, the year after last's and the next
    assert (
        f"At your rate so far (25 credit points a year, from 2 rated years since {since}), the 100 are reached with "
        f"your SKP rating for {since + 3}: from Feb 1, {since + 4}, the first promotion date after it" in english
    )
    assert "50 more credit points are needed: your level earns 25 a year rated Baik, 37.5 rated Sangat Baik." in english
    assert f"dengan penilaian SKP Anda untuk tahun {since + 3}" in page_text(world, nip, "id")


def test_with_no_rating_counted_no_rate_is_made_up() -> None:
    requirement = {"rule": "promotion.credit_points", "outcome": "missing", "enforced": True}
    post = {"kind": "post_appointment", "retracted": False, "effective_date": "2023-01-02", "version": 2}
    post["values"] = {"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "assignment": "DEFINITIVE"}
    found = {
        "timeline": {"items": [post]},
        "eligibility": [
            {
                "kind": "202",
                "judged_on": "2026-02-01",
                "earliest_date": "2026-02-01",
                "requirements": [requirement | {"message": "credit 0 of 50 since 2024"}],
            }
        ],
    }
    said = credit_ahead(found)["202"]
    assert said["reach_year"] is None
    assert said["count"] == 0
    assert (said["remaining"], said["baik"], said["best"]) == (50.0, 12.5, 18.75)


def test_a_pppk_year_above_the_24_jp_cap_is_flagged(world: World) -> None:
    """training.pppk_yearly_jp (M, PP 49/2018 art. 39) caps a PPPK's competency development at 24 JP a year of the
    contract: a year of 30 JP read as no verdict, like any other. Counted per year of the contract (from 1 March)."""
    nip = f.pppk_nip(date(1990, 1, 15), 2022, "F")
    payload = f.appointment(date(1990, 1, 15), date(2022, 3, 1), "F", employment_kind="PPPK", rank="IX")
    world.services.ledger.record(nip, "appointment", payload | {"recruitment_path": "PPPK"}, actor="test")
    world.services.ledger.record(nip, "training", f.training("2023-05-12", hours=30, start="2023-05-09"), actor="test")
    world.services.ledger.record(nip, "training", f.training("2024-05-12", hours=24, start="2024-05-09"), actor="test")
    world.catch_up()
    english = page_text(world, nip)
    assert f"2023 30 {NONE} {NONE}" in english  # the calendar years: no verdict, no cap
    assert (
        f"Mar 1, 2023 {NONE} Feb 29, 2024 30 24 the first 24 JP count; the JP above them do not count further"
        in english
    )
    assert f"Mar 1, 2024 {NONE} Feb 28, 2025 24 24 yes" in english  # at the cap is within it
    assert "24 JP pertama dihitung; JP di atasnya tidak dihitung lagi" in page_text(world, nip, "id")


def test_a_source_is_shown_as_the_regulations_it_cites() -> None:
    assert citation("PP 99/2000 art. 4 jo PP 12/2002 (regular promotion for PNS holding no post)") == (
        "PP 99/2000 art. 4 jo PP 12/2002"
    )
    assert citation("Merit system (UU 20/2023 art. 27); KASN/BKN assessment (PermenPANRB 40/2018)") == (
        "UU 20/2023 art. 27; PermenPANRB 40/2018"
    )
    assert citation("1 JP = 45 minutes (LAN)") == "1 JP = 45 minutes (LAN)"  # no regulation cited: as written


def test_an_education_ceiling_is_said_to_need_a_higher_education_not_time(world: World) -> None:
    """A pelaksana with SLTA at III/b (its regular ceiling) was offered a 101 to III/c with an earliest date gone by
    and "education SLTA allows up to III/b; new rank III/c" among the missing, as if the date would bring it."""
    nip = f.nip(date(1975, 3, 3), date(2000, 3, 1), "M", sequence=771)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/b", "2016-04-01"), actor="test", confirmed=["promotion.one_step"]
    )
    world.catch_up()
    english = page_text(world, nip)
    assert (
        "Blocked: your education, Senior secondary school (SLTA / SMA / SMK), allows a regular promotion up to III/b, "
        "so no date brings III/c. "
        "It opens with a higher degree recorded" in english
    )  # (tests/functional/test_eligibility_blocked_by_ceiling.py: the offer reads as blocked, not reached)
    assert "pendidikan Anda, SLTA / SMA / SMK, memungkinkan kenaikan pangkat reguler" in page_text(world, nip, "id")
    assert "allows a regular promotion up to" not in page_text(world, BUDI)  # S-1 at III/b: up to III/d


def test_an_offer_after_retirement_says_a_pengabdian_promotion_is_not_forecast(world: World) -> None:
    """Pengabdian (212, on retirement) is a promotion kind of the reference with no conditions given (only that it
    is exempt from the promotion dates): careerlog offers none, and says so where an offer falls after the day
    service is expected to end."""
    nip = f.nip(date(1969, 1, 10), date(1995, 3, 1), "M", sequence=781)  # 58 in January 2027
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("III/b", f"{this_year() - 1}-04-01"), actor="test")
    world.catch_up()
    english = page_text(world, nip)
    assert "This date is after the day your service is expected to end" in english
    assert "A promotion on retirement (Pengabdian, 212) is not forecast here" in english
    assert "Kenaikan pangkat pengabdian (212) menjelang pensiun tidak diperkirakan di sini" in page_text(
        world, nip, "id"
    )


def test_the_eligibility_answer_carries_the_regulations_the_next_date_and_why_no_101(world: World) -> None:
    nip = ahli_muda_short_of_credit(world)
    path = f"/api/v1/employees/{nip}/eligibility"
    body = world.get(path, "admin").get_json()
    assert body["regular_closed"] == {
        "kind": "202",
        "instead_of": "101",
        "rule": "promotion.regular_without_post",
        "source": "PP 99/2000 art. 4 jo PP 12/2002 (regular promotion for PNS holding no structural or functional "
        "post)",
        "status": "M",
    }
    item = body["items"][0]
    sources = {r["rule"]: (r["source"], r["status"]) for r in item["requirements"]}
    assert sources["promotion.credit_points"] == ("PermenPANRB 1/2023; Peraturan BKN 3/2023", "S")
    assert item["next_date"] >= item["earliest_date"]
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)
    budi = world.get(f"/api/v1/employees/{BUDI}/eligibility", "admin").get_json()
    assert budi["regular_closed"] is None  # a 101 is open to him
    assert world.get(f"{path}?format=csv", "admin").status_code == 200


def test_credit_points_met_read_as_met_not_as_a_fraction(world: World) -> None:
    """'credit 62.5 of 50 since 2016' read as if 62.5 were a part of 50."""
    nip = f.nip(date(1990, 6, 6), date(2016, 3, 1), "M", sequence=791)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    post = {"post_kind": "FUNGSIONAL", "level": "AHLI_PERTAMA", "title": "Analis SDM Aparatur Ahli Pertama"}
    post |= {"unit": "BKPSDM", "assignment": "DEFINITIVE", "effective_date": "2016-03-01", "reference": "SK-JF-791"}
    ledger.record(nip, "post_appointment", post, actor="test")
    for year in range(2016, 2021):  # 5 x 12.5 (Ahli Pertama, Baik)
        ledger.record(nip, "performance_rating", f.rating(year, "BAIK"), actor="test")
    world.catch_up()
    english = page_text(world, nip)
    assert "Credit points (angka kredit): 62.5, at least the 50 your level needs, counted from 2016" in english
    assert "credit 62.5 of 50" not in english
    assert "Angka kredit: 62,5, sudah mencapai 50 yang diperlukan jenjang Anda, dihitung sejak 2016" in page_text(
        world, nip, "id"
    )


def test_a_201_at_the_top_of_its_managerial_posts_range_reads_as_blocked_until_a_higher_post(world: World) -> None:
    """A Pengawas at III/d (the top of the post's range, Kep Ka BKN 13/2002) was offered a 201 to IV/a with an
    earliest date gone by and 'post PENGAWAS tops at III/d; new rank IV/a' among the missing."""
    nip = f.nip(date(1974, 4, 4), date(1999, 3, 1), "F", sequence=795)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="III/a"), actor="test")
    ledger.record(
        nip, "rank_promotion", f.promotion("III/d", "2016-04-01"), actor="test", confirmed=["promotion.one_step"]
    )
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2015-01-02", "reference": "SK-PGW-795"}
    ledger.record(nip, "post_appointment", post, actor="test")
    world.catch_up()
    english = page_text(world, nip)
    assert (
        "Blocked: the ranks of your post, Supervisory post, go up to III/d, so no date brings IV/a while you hold it. "
        "It opens with an appointment to a post of a higher eselon (201)." in english
    )
    assert "(reached)" not in english
    assert "Next promotion date" not in english
    indonesian = page_text(world, nip, "id")
    assert "Terhalang: pangkat jabatan Anda, Jabatan Pengawas, paling tinggi III/d" in indonesian
    assert "(sudah tercapai)" not in indonesian
    log_in(world, "hr")
    for lang, said in (
        ("en", ", Supervisory post, go up to III/d, so no date brings IV/a while they hold it. It opens with"),
        ("id", ", Jabatan Pengawas, paling tinggi III/d, sehingga tidak ada tanggal yang membawa pangkat IV/a selama"),
    ):
        hr_page = world.client.get(f"/pages/employees/{nip}?lang={lang}").get_data(as_text=True)
        assert said in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", hr_page))
    body = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()
    (item,) = [i for i in body["items"] if i["kind"] == "201"]
    assert item["blocked"] == {
        "rule": "promotion.structural_range",
        "post_kind": "PENGAWAS",
        "top": "III/d",
        "opened_by": ["201"],
    }
    assert item["next_date"] is None
    spec = world.get("/api/openapi.json").get_json()
    answer_validator(spec, "/api/v1/employees/{nip}/eligibility").validate(body)


def test_credit_reached_after_the_end_of_service_says_so(world: World) -> None:
    """A Guru (retirement age 60, retirement.age M) who turns 60 in January of the year after next: service ends on
    31 January, the day before the first promotion date after the credit is reached at their rate."""
    born = date(this_year() + 2 - 60, 1, 5)
    nip = ahli_muda_short_of_credit(world, born)
    english = page_text(world, nip)
    shown = english[english.index("At your rate so far") :]
    assert shown.index("This date is after the day your service is expected to end") < shown.index("more credit")


def test_the_records_last_day_counts_a_correction_recorded_later() -> None:
    """The view judges on the first promotion date after the record's last entry, a correction's too (audit.horizon):
    the page named the last fact's day, before the correction that moved the judged day."""
    from web.pages.next_promotion import record_last_day

    fact = {"effective_date": "2025-12-31", "recorded_at": "2026-01-05T08:00:00+00:00", "retracted": None}
    fact["corrections"] = [{"effective_date": "2026-03-02", "recorded_at": "2026-03-02T09:00:00+00:00"}]
    other = {"effective_date": "2024-06-01", "recorded_at": "2024-06-02T00:00:00+00:00", "corrections": []}
    other["retracted"] = {"effective_date": "2026-04-01", "recorded_at": "2026-04-03T10:00:00+00:00"}
    assert record_last_day([fact]) == "2026-03-02"
    assert record_last_day([fact, other]) == "2026-04-03"
