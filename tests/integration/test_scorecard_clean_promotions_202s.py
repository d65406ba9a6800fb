"""merit.clean_promotions counts a 202 (functional-post) promotion in neither part, with a finding or without.

A 202 clean by its rule checks reads `not_compared` in the lists (its page alone compares it with its colleagues), so
the share left it out; a 202 with a finding stayed in the denominator. The share then fell with every flagged 202
and never rose with a clean one: an exploratory tester saw KAB-DELISERDANG 2026 fall from 32 of 36 to 32 of 37
("Only 86% ... met every rule") on recording one bad 202, its 16 clean 202s in neither count. Now the share is of
the promotions the lists judge fully, the 202s left out alike (docs/scorecard.md). On both stores."""

from __future__ import annotations

from datetime import date

import pytest

from projections.merit.queries import AuditQueries
from projections.scorecard.findings import findings, settings
from projections.scorecard.indicators import Context, Indicator, Scope
from projections.scorecard.merit import CLEAN, promotion_indicators
from tests import factories as f
from tests.integration.test_passed_over_202_pool import guru
from tests.unit.test_merit_queries import T, clerk, view_store_at

pytestmark = pytest.mark.made_store  # an empty PostgreSQL store made once and lent (tests/conftest.py)


def promoted(builder: f.CareerBuilder, kind: str) -> f.CareerBuilder:
    builder.add("rank_promotion", f.promotion("III/c", "2018-04-01", kind=kind), f"2018-04-20{T}")
    return builder


def test_clean_and_flagged_202s_are_alike_out_of_the_share(database_url: str) -> None:
    people = {
        "clean 101": promoted(clerk(781, "BAIK"), "101"),
        "flagged 101": promoted(clerk(782, "KURANG"), "101"),
        "clean 202": promoted(guru(783, "BAIK", "AHLI_MUDA"), "202"),
        "flagged 202": promoted(guru(784, "KURANG", "AHLI_MUDA"), "202"),
    }
    store = view_store_at(database_url, [b.record() for b in people.values()])
    verdicts = {d["subject"]: d["verdict"] for d in AuditQueries(store).promotions() if d["tmt"] == "2018-04-01"}
    assert {name: verdicts[b.nip] for name, b in people.items()} == {
        "clean 101": "compliant",
        "flagged 101": "findings",
        "clean 202": "not_compared",
        "flagged 202": "findings",
    }
    ctx = Context(store, Scope("KOTA-MEDAN"), 2018, date(2026, 6, 1))
    clean = next(i for i in promotion_indicators(ctx) if i.id == "merit.clean_promotions")
    # the 101s alone: 1 of 2 (until 2026-12-06 1 of 3, the flagged 202 counted and the clean one not)
    assert (clean.numerator, clean.denominator, clean.value, clean.people) == (1, 2, 0.5, 2)
    # the numerator is what its link lists: the compliant promotions
    assert "verdict=compliant" in (clean.link or "")
    assert sum(1 for v in verdicts.values() if v == "compliant") == clean.numerator


def test_the_share_and_its_finding_name_the_promotions_other_than_202s() -> None:
    # (until 2026-12-06 "Promotions without findings" and "Only 80% of the rank promotions ...", as if of every one)
    assert CLEAN.title == "Promotions other than 202s without findings"
    assert "merit.findings_by_rule" in CLEAN.definition  # where a 202's findings are counted
    share = Indicator("merit.clean_promotions", "KOTA-MEDAN", 2018, 4, 5, 0.8, {})
    (found,) = findings([share], 2018, settings().thresholds)
    english = "Only 80% of the rank promotions other than 202s in KOTA-MEDAN in 2018 met every rule."
    assert found["texts"]["en"] == english
    assert found["texts"]["id"].startswith("Hanya 80% kenaikan pangkat selain 202 di KOTA-MEDAN pada 2018 ")
