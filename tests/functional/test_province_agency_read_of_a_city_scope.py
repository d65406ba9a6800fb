"""A province's agency (PROV-SUMUT, seated in 12) asked by a reader of 12.71, where none of its staff is placed, is
read of its staff in 12.71 by every read alike, as docs/api.md says: its staff work across the province, so it is not
"an agency neither seated nor staffed there" (the 403 of a regency's seated elsewhere). Until 2026-12-06 docs/api.md's
scorecard paragraph said such an agency was the 403 of every read, while headcount, training compliance and the
scorecard answered 200 with nothing counted."""

from __future__ import annotations

from tests.functional.conftest import World
from tests.functional.test_region_scope_refuses_agencies_seated_elsewhere import scoped_to_the_city


def test_a_province_agency_without_staff_in_the_city_is_read_empty_by_every_report(world: World) -> None:
    who = scoped_to_the_city(world, "reporter")
    headcount = world.get("/api/v1/reports/headcount?by=sex&agency=PROV-SUMUT", who)
    assert headcount.status_code == 200, headcount.get_json()
    # (of no one, as a withheld one: the city's headcount by agency lists no group, its people too few, so no agency
    # filter tells where they work; 0 until 2026-12-07: test_headcount_of_no_one_answers_as_one_withheld.py)
    assert (headcount.get_json()["total"], headcount.get_json()["items"]) == (None, [])
    for path in ("/api/v1/reports/training-compliance?year=2024", "/api/v1/reports/scorecard?year=2024"):
        answer = world.get(f"{path}&agency=PROV-SUMUT", who)
        assert answer.status_code == 200, (path, answer.get_json())
    refused = world.get("/api/v1/reports/headcount?by=sex&agency=KAB-DELISERDANG", who)
    assert refused.status_code == 403
