"""A promotion by degree (203, penyesuaian ijazah) needs, by the reference (asn-career-rules.md section 2, S), at least
1 year in rank, "Baik" for 1 year, the adjustment exam and a degree that fits the post. The record holds no fit of a
degree to a post, so no rule judges it and no requirement lists it: the career page's list of what is still needed
left it out, as if the others were all. It says that this condition is not judged from the record."""

from __future__ import annotations

from datetime import date

from careerlog.domain.ledger import latest_today
from tests import factories as f
from tests.functional.conftest import World, appointment_of
from tests.functional.test_career_page_basis import page_text


def slta_with_a_degree(world: World) -> str:
    """An SLTA pelaksana at II/b since 2020, confirmed, rated Baik, who obtained an S-1 in 2024 (which starts at III/a:
    a promotion by degree is open)."""
    nip = f.nip(date(1990, 4, 4), date(2012, 3, 1), "M", sequence=803)
    ledger = world.services.ledger
    ledger.record(nip, "appointment", appointment_of(nip, rank="II/a", education="SLTA"), actor="test")
    confirmation = {"effective_date": "2013-03-01", "reference": "SK-PNS-803", "latsar_certificate": "L-803"}
    ledger.record(nip, "confirmation", confirmation, actor="test")
    ledger.record(nip, "rank_promotion", f.promotion("II/b", "2016-04-01"), actor="test")
    for year in range(2012, latest_today().year):
        ledger.record(nip, "performance_rating", f.rating(year), actor="test")
    degree = {"level": "S-1", "field_of_study": "Hukum", "institution": "USU", "effective_date": "2024-08-01"}
    ledger.record(nip, "education", degree | {"reference": "IJZ-803"}, actor="test")
    world.catch_up()
    return nip


def test_a_promotion_by_degree_says_the_degree_must_fit_the_post_which_the_record_does_not_judge(world: World) -> None:
    nip = slta_with_a_degree(world)
    items = world.get(f"/api/v1/employees/{nip}/eligibility", "admin").get_json()["items"]
    assert "203" in [i["kind"] for i in items]
    english = page_text(world, nip)
    assert (
        "A promotion by degree also needs the degree to fit your post: that is not recorded here, and your HR office "
        "judges it." in english
    )
    indonesian = page_text(world, nip, "id")
    assert (
        "Kenaikan pangkat penyesuaian ijazah juga mensyaratkan ijazah itu sesuai dengan jabatan Anda: hal itu tidak "
        "tercatat di sini, dan kantor kepegawaian Anda yang menilainya." in indonesian
    )
    assert english.count("to fit your post") == 1  # (the 203 alone, not the 101)
