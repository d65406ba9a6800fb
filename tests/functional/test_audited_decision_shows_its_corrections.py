"""A corrected decision shows its corrections (the exploratory tester's finding of 2026-12-07): after a correction of
196909111996011001's promotion (target_version 65, a new effective_date), /pages/audits/196909111996011001/65 said
"findings (corrected later)" and showed only the new TMT. The API's decision (GET /api/v1/audits/promotions/
{nip}-{version}) and its page now give each correction: its version, reference, reason, when and by whom it was
recorded, and each field corrected with the value before it and after. Budi holds III/b since 2014 (version 2)."""

from __future__ import annotations

import re

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_jump_confirmation_stored_served import recorded
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:  # (both stores)
    return database_url


def test_a_corrected_promotion_gives_its_correction_with_the_original_value(world: World) -> None:
    version = recorded(world, {"kind": "rank_promotion", **f.promotion("III/c", "2018-04-01")})
    fixed = recorded(world, {"kind": "correction", **f.correction(version, "2018-05-02", effective_date="2018-10-01")})
    audit = world.get(f"/api/v1/audits/promotions/{BUDI}-{version}", "inspector").get_json()
    assert audit["corrected"] is True
    assert audit["tmt"] == "2018-10-01"
    [correction] = audit["corrections"]
    assert correction["version"] == fixed
    assert correction["recorded_by"] == "hr"
    assert correction["reason"]
    assert correction["reference"]
    assert correction["fields"] == [{"field": "effective_date", "before": "2018-04-01", "after": "2018-10-01"}]
    assert world.get(f"/api/v1/audits/promotions/{BUDI}-2", "inspector").get_json()["corrections"] == []
    log_in(world, "inspector")
    page = world.client.get(f"/pages/audits/{BUDI}/{version}?lang=en").get_data(as_text=True)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Corrections" in text
    # (the field and its dates as the career page words them; until 2026-12-07 "effective_date: 2018-04-01 → ...")
    assert "Effective date (TMT): Apr 1, 2018 → Oct 1, 2018" in text
    assert correction["reason"] in text
