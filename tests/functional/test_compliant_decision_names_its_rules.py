"""A compliant verdict names the rules it was judged by (the exploratory tester's finding of 2026-12-07):
/pages/audits/196909111996011001/65 and the API said only "No findings". The API's decision (GET /api/v1/audits/
promotions/{nip}-{version}) and its page now give the promotion rules judged on its TMT, each with its outcome, the
version in force and the regulation it rests on, as a finding carries them. Budi holds III/b since 2014 (version 2)."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:  # (both stores)
    return database_url


def test_a_promotion_gives_the_rules_judged_with_their_version_and_source(world: World) -> None:
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").get_json()
    judged = {r["rule"]: r for r in audit["rules_judged"]}
    time = judged["promotion.time_in_rank"]
    assert time["outcome"] in ("met", "missing")
    assert time["version"] == "2000-01-01"
    assert time["source"] == "PP 99/2000 jo PP 12/2002"
    assert time["status"] == "S"
    assert {f["rule"] for f in audit["findings"]} <= set(judged) | {"merit.passed_over", "evidence.recorded_after"}
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/2?lang=en").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Rules judged" in text
    # (its outcome, date and status in words, as the findings above: until 2026-12-07 "(met): ... from 2000-01-01 ...
    # status S", and on an Indonesian page too)
    assert (
        "promotion.time_in_rank (met): version in force from Jan 1, 2000; PP 99/2000 jo PP 12/2002; "
        "status confirmed (S)" in text
    )
    assert "promotion.performance (not met)" in text
    # (the promotion rules judged on the TMT: the two judged apart are named as found among the findings)
    assert "The promotion rules judged on the TMT. Evidence recorded after the decision" in text
    page = world.client.get(f"/pages/audits/{BUDI}/2?lang=id").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "promotion.time_in_rank (terpenuhi): versi yang berlaku sejak 1 Jan 2000;" in text
