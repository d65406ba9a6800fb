"""A decision dated before any rule of its kind was in force is not judged: verdict null, never compliant."""

from __future__ import annotations

from datetime import date

from projections.merit.audit import MeritProjection
from projections.merit.queries import count_of
from tests import factories as f

T = "T00:00:00+00:00"


def rows_of(builder: f.CareerBuilder) -> list[dict[str, object]]:
    return MeritProjection().rows(builder.record())["decisions"]


def test_a_promotion_and_an_appointment_before_the_promotion_rules_are_not_judged_nor_compliant() -> None:
    builder = f.CareerBuilder(birth=date(1960, 5, 1), appointed=date(1985, 3, 1)).confirmed()
    builder.add("rank_promotion", f.promotion("III/b", "1989-04-01"), f"1989-04-10{T}")
    builder.add("rank_promotion", f.promotion("III/c", "2004-04-01"), f"2004-04-10{T}")
    verdicts = {(d["decision"], d["tmt"]): d["verdict"] for d in rows_of(builder)}
    assert verdicts[("appointment", "1985-03-01")] is None  # appointment.starting_rank from 2000
    assert verdicts[("promotion", "1989-04-01")] is None  # every promotion.* rule from 2000
    assert verdicts[("promotion", "2004-04-01")] in ("compliant", "findings")  # judged


def test_a_post_appointment_before_the_post_rules_is_not_judged() -> None:
    builder = f.CareerBuilder(birth=date(1960, 5, 1), appointed=date(1985, 3, 1)).confirmed()
    post = {
        "post_kind": "PENGAWAS",
        "level": "IV.a",
        "title": "Kepala Subbagian Umum",
        "unit": "BKPSDM",
        "assignment": "DEFINITIVE",
        "effective_date": "1990-01-02",
        "reference": "SK-JAB-1",
    }
    builder.add("post_appointment", post, f"1990-01-10{T}")
    builder.add("post_appointment", {**post, "effective_date": "2018-01-02", "reference": "SK-JAB-2"}, f"2018-01-10{T}")
    posts = {d["tmt"]: d["verdict"] for d in rows_of(builder) if d["decision"] == "post"}
    assert posts["1990-01-02"] is None  # the post.* rules from 2002 on
    assert posts["2018-01-02"] in ("compliant", "findings")


def test_an_unjudged_regular_promotion_is_not_compared_with_its_colleagues() -> None:
    listed = {"decision": "promotion", "kind": "101", "tmt": "1996-04-01", "subject": "x", "verdict": None}
    assert count_of(listed, {}) is None  # not "compared, none found" (0)
    assert count_of({**listed, "tmt": "2004-04-01", "verdict": "compliant"}, {}) == 0
