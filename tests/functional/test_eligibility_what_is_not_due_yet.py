"""What the employee is told about a next promotion whose open requirements are not due yet: the API's `decision`,
`standing` and `due`, and the career page's words (en and id). Both stores.

Found by an exploratory tester (2026-12-06, demo of seed 3, each seen twice):
- 197907252012031001 and 196810211998101001 read `not_eligible`, "(passed, but not every requirement is met: see
  below)", while all that was open was this year's SKP, not due before 1 January;
- 199401292021101001 and 13 others read the service exam ✗ "not passed by Oct 1, 2029" (`not_met`, `due` null) for a
  promotion judged on that day, read as a forecast that they fail it;
- the years in rank read "reached on Oct 1, 2029" in the past tense, and an earliest date years gone by stood above
  the next promotion date as "Earliest date: Apr 1, 2022".
Found again (2026-12-07): the earliest date gone by said nothing of the year rated below that held it (now said)."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded
from tests.functional.test_next_date_after_penalty import regular_offer

TODAY = date(2026, 12, 6)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def rated(world: World, nip: str, years: range, below: int | None = None) -> None:
    for year in years:
        predicate = "BUTUH_PERBAIKAN" if year == below else "BAIK"
        recorded(world, nip, "performance_rating", f.rating(year, predicate), date(year + 1, 1, 10))


def waiting_on_this_years_skp(world: World) -> str:
    """An S-1 at III/b since 1 April 2022 (4 years reached on 1 April 2026), 2024 rated Butuh Perbaikan, a training
    recorded today: judged on 1 February 2027, which reads 2025 (Baik) and 2026 (not due before 1 January); no date
    before it is met (1 December 2026 reads 2024)."""
    nip = f.nip(date(1985, 5, 5), date(2010, 3, 1), "M", sequence=881)
    recorded(world, nip, "appointment", appointment_of(nip, rank="III/a"), date(2010, 3, 5))
    recorded(world, nip, "confirmation", f.confirmation("2011-03-01"), date(2011, 3, 5))
    recorded(world, nip, "rank_promotion", f.promotion("III/b", "2022-04-01"), date(2022, 4, 5))
    rated(world, nip, range(2010, 2026), below=2024)
    recorded(world, nip, "training", f.training("2026-12-05", hours=8, start="2026-12-04"), TODAY)
    world.catch_up()
    return nip


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Earliest date, gone by: Apr 1, 2026 (not every requirement was met then: SKP 2024 was rated below Baik; "
            "what is still open is not due yet: see below; once it is met, the promotion can come on Feb 1, 2027)",
        ),
        (
            "id",
            "Tanggal paling awal, sudah lewat: 1 Apr 2026 (ada persyaratan yang tidak terpenuhi pada tanggal itu: SKP "
            "2024 dinilai di bawah Baik; yang masih terbuka belum jatuh tempo: lihat di bawah; setelah terpenuhi, "
            "kenaikan pangkat dapat terjadi pada 1 Feb 2027)",
        ),
    ],
)
def test_an_offer_come_waiting_only_on_this_years_skp_is_not_decided_not_eligible(
    world: World, lang: str, said: str
) -> None:
    world.services.eligibility_view._today = TODAY
    nip = waiting_on_this_years_skp(world)
    item = regular_offer(world, nip)
    skp = next(r for r in item["requirements"] if r["rule"] == "promotion.performance")
    assert (item["judged_on"], item["missing"], item["met_on"]) == ("2027-02-01", ["promotion.performance"], None)
    assert (skp["standing"], skp["due"]) == ("not_due", "2027-01-01")
    assert item["decision"] == "to_come"
    text = page_text(world, nip, lang)
    assert said in text
    assert "not every requirement is met" not in text
    assert "belum semua persyaratan terpenuhi" not in text
    assert text.index("Feb 1, 2027" if lang == "en" else "1 Feb 2027") < text.index(
        "Apr 1, 2026" if lang == "en" else "1 Apr 2026"
    )


def the_exam_ahead(world: World) -> str:
    """An SLTA clerk at II/d since 1 October 2025, rated Baik: the 101 to III/a, judged on 1 October 2029 (4 years in
    rank), asks the service exam UD_I, not passed yet."""
    nip = f.nip(date(1990, 5, 5), date(2010, 3, 1), "M", sequence=882)
    recorded(world, nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), date(2010, 3, 5))
    recorded(world, nip, "confirmation", f.confirmation("2011-03-01"), date(2011, 3, 5))
    recorded(world, nip, "rank_promotion", f.promotion("II/d", "2025-10-01"), date(2025, 10, 5))
    rated(world, nip, range(2010, 2026))
    world.catch_up()
    return nip


@pytest.mark.parametrize(
    ("lang", "exam", "in_rank", "failed"),
    [
        (
            "en",
            "To pass: Service exam, level I (II/d to III/a); it must be passed by Oct 1, 2029",
            "At least 4 years in rank II/d (held since Oct 1, 2025), to be reached on Oct 1, 2029",
            "not passed by",
        ),
        (
            "id",
            "; harus lulus paling lambat 1 Okt 2029",
            "Paling sedikit 4 tahun dalam pangkat II/d (sejak 1 Okt 2025), akan terpenuhi pada 1 Okt 2029",
            "belum lulus sampai dengan",
        ),
    ],
)
def test_a_service_exam_for_a_date_ahead_must_be_passed_by_it_not_failed(
    world: World, lang: str, exam: str, in_rank: str, failed: str
) -> None:
    world.services.eligibility_view._today = TODAY
    nip = the_exam_ahead(world)
    item = regular_offer(world, nip)
    found = {r["rule"]: r for r in item["requirements"]}
    assert (item["new_rank"], item["judged_on"], item["decision"]) == ("III/a", "2029-10-01", "to_come")
    assert (found["promotion.service_exam"]["standing"], found["promotion.service_exam"]["due"]) == (
        "not_due",
        "2029-10-01",
    )
    skp = found["promotion.performance"]  # 2027 and 2028 wanted: due once the first is overdue (view 56: 2029-01-01)
    assert (skp["message"], skp["standing"], skp["due"]) == (
        "ratings below BAIK or absent for 2027, 2028",
        "not_due",
        "2028-01-01",
    )
    text = page_text(world, nip, lang)
    assert exam in text
    assert in_rank in text
    assert failed not in text
