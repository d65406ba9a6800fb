"""`passed_over_count` is null only where no comparison is made, 0 where one is made and passes no one over: a
regular (101) promotion is counted in the list, a structural-post (201) promotion is compared nowhere (null in the
list and on its page), and the field's description says so (it called 201 and 203 promotions "not judged", which
`judged` true contradicted, and left a reader to guess what null meant beside 0)."""

from __future__ import annotations

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_api_passed_over_verdict import PROMOTIONS, passed
from tests.functional.test_api_posts import STRONGER, record

__all__ = ["passed"]  # Budi promoted on 2018-04-01 (101) over Dewi, clearly stronger (test_api_passed_over_verdict)


def test_passed_over_count_is_null_only_where_no_comparison_is_made(passed: World) -> None:
    record(passed, BUDI, "rank_promotion", f.promotion("III/d", "2019-04-01", kind="201"))
    record(passed, STRONGER, "rank_promotion", f.promotion("III/c", "2019-04-01"))
    passed.catch_up()
    items = passed.get(f"{PROMOTIONS}?per_page=100", "inspector").get_json()["items"]
    listed = {(i["nip"], i["tmt"]): i for i in items}
    assert (listed[BUDI, "2018-04-01"]["verdict"], listed[BUDI, "2018-04-01"]["passed_over_count"]) == ("findings", 1)
    assert listed[STRONGER, "2019-04-01"]["passed_over_count"] == 0  # compared: no one stronger passed over
    structural = listed[BUDI, "2019-04-01"]
    assert (structural["judged"], structural["passed_over_count"]) == (True, None)
    page = passed.get(f"{PROMOTIONS}/{structural['id']}", "inspector").get_json()
    assert page["passed_over_count"] is None


def test_the_fields_description_says_null_is_no_comparison_and_0_none_passed_over(world: World) -> None:
    schemas = world.client.get("/api/openapi.json").get_json()["components"]["schemas"]
    described = [
        s["properties"]["passed_over_count"]["description"]
        for s in schemas.values()
        if "passed_over_count" in s.get("properties", {})
    ]
    assert described
    for text in described:
        assert "0 when compared and none passed over; null only where no comparison is made" in text
        assert "201 and 203 promotions" in text
        assert "not judged: 201" not in text
