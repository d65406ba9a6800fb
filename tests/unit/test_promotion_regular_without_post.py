"""A regular promotion (101) goes only to a PNS holding no definitive managerial or functional post.

PP 99/2000 art. 4 (as amended by PP 12/2002) gives the regular promotion to a PNS who holds no structural or
functional post; a post holder rises by the choice promotion (pilihan): 201 managerial, 202 functional. The audit
found a 101 of a Guru Ahli Muda to IV/a `compliant` (above the level's range, which only a 202 is judged against),
and the eligibility view offered the 101 beside the 201/202. The rule (`promotion.regular_without_post`, M) is a
finding whose evidence is the post's appointment; an acting post (Plt, Plh) and a pelaksana post do not count; the
eligibility offers no 101 to such a holder, and the promotion rounds count none eligible for one.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from careerlog.reference import Rule, Rules, rules
from projections.career import CareerRecord
from projections.merit.audit import audit_promotion, promotion_rounds
from projections.merit.eligibility import eligibility_rows, open_kinds, regular_closed
from projections.merit.known_alike import COVERED
from projections.merit.rules import JUDGE_NAMES, MET, MISSING, PromotionJudge, regular_bar
from tests import factories as f

T = "T00:00:00+00:00"
RULE = "promotion.regular_without_post"
TMT = date(2014, 4, 1)


def post(post_kind: str, assignment: str = "DEFINITIVE", day: str = "2010-03-01", **fields: str) -> dict[str, str]:
    return {
        "post_kind": post_kind,
        "title": {"FUNGSIONAL": "Analis Kepegawaian Ahli Pertama", "PENGAWAS": "Kepala Subbagian Umum"}.get(
            post_kind, "Pengadministrasi Umum"
        ),
        "unit": "BKPSDM",
        "assignment": assignment,
        "effective_date": day,
        "reference": f"SK-JAB-{post_kind}-{assignment}-{day}",
        **fields,
    }


def penata_muda(*posts: dict[str, str]) -> f.CareerBuilder:
    """An S-1 CPNS of 2010 at III/a, confirmed 2011, rated Baik every year, holding `posts`: a regular promotion
    to III/b on 2014-04-01 breaks no other rule."""
    builder = f.CareerBuilder(rank="III/a", education="S-1")
    for appointed in posts:
        builder.add("post_appointment", appointed, f"{appointed['effective_date']}{T}")
    builder.add("confirmation", {"latsar_certificate": "L-1", "effective_date": "2011-03-01", "reference": "PNS-1"})
    for year in range(2010, 2014):
        builder.add("performance_rating", f.rating(year), f"{year + 1}-01-15{T}")
    return builder


AHLI_PERTAMA = post("FUNGSIONAL", level="AHLI_PERTAMA")


def promoted(
    builder: f.CareerBuilder, kind: str = "101", book: Rules | None = None
) -> tuple[CareerRecord, dict, list[dict]]:
    builder.add("rank_promotion", f.promotion("III/b", TMT.isoformat(), kind=kind, reference="KP-B"), f"2014-04-10{T}")
    record = builder.record()
    decision, findings = audit_promotion(record, record.of_kind("rank_promotion")[-1], book)
    return record, decision, findings


def without(post_kinds: list[str] | None) -> Rules:
    """The configured rules with the rule's `post_kinds` replaced (None: the rule left out)."""
    if post_kinds is None:
        return Rules(r for r in rules().all if r.id != RULE)
    return Rules(
        dataclasses.replace(r, params={**r.params, "post_kinds": post_kinds}) if r.id == RULE else r
        for r in rules().all
    )


def test_a_regular_promotion_of_a_functional_post_holder_is_a_finding_with_the_post_as_evidence() -> None:
    _, decision, findings = promoted(penata_muda(AHLI_PERTAMA))
    assert decision["verdict"] == "findings"
    assert [r["rule"] for r in findings] == [RULE]
    finding = findings[0]
    assert (finding["severity"], finding["status"]) == ("high", "M")
    assert finding["message"] == "definitive post FUNGSIONAL held on 2014-04-01: its holder is promoted by 202, not 101"
    evidence = [(e["kind"], e["reference"]) for e in json.loads(finding["evidence"])]
    assert evidence == [("post_appointment", AHLI_PERTAMA["reference"])]


def test_a_regular_promotion_of_a_managerial_post_holder_names_the_201() -> None:
    pengawas = post("PENGAWAS", level="IV.a")
    _, _, findings = promoted(penata_muda(pengawas))
    assert [(r["rule"], r["message"]) for r in findings] == [
        (RULE, "definitive post PENGAWAS held on 2014-04-01: its holder is promoted by 201, not 101")
    ]


def test_an_acting_post_or_a_pelaksana_post_does_not_bar_the_regular_promotion() -> None:
    acting = [post("PENGAWAS", assignment, level="IV.a") for assignment in ("PLT", "PLH", "PJ")]
    for held in (*acting, post("PELAKSANA")):
        record, decision, findings = promoted(penata_muda(held))
        assert (decision["verdict"], findings) == ("compliant", []), held
        checks = {c.rule: c for c in PromotionJudge(record).checks(TMT, "101", "III/b")}
        assert checks[RULE].outcome == MET


def test_a_functional_post_left_for_a_pelaksana_post_before_the_tmt_no_longer_bars_it() -> None:
    _, decision, findings = promoted(penata_muda(AHLI_PERTAMA, post("PELAKSANA", day="2013-01-02")))
    assert (decision["verdict"], findings) == ("compliant", [])


def test_a_post_taken_up_on_the_tmt_is_held_on_it() -> None:
    record = penata_muda(post("FUNGSIONAL", day=TMT.isoformat(), level="AHLI_PERTAMA")).record()
    assert {c.rule: c for c in PromotionJudge(record).checks(TMT, "101", "III/b")}[RULE].outcome == MISSING


def test_the_choice_promotions_and_the_others_are_not_judged_by_it() -> None:
    record = penata_muda(AHLI_PERTAMA).record()
    for kind in ("201", "202", "203", "211"):
        assert RULE not in {c.rule for c in PromotionJudge(record).checks(TMT, kind, "III/b")}


def offered(record: CareerRecord, end: date = date(2014, 1, 20), book: Rules | None = None) -> list[str]:
    """The kinds the eligibility view offers (a closed 101 row has no earliest date: not an offer)."""
    judge = PromotionJudge(record, book)
    return [r["kind"] for r in eligibility_rows(record, end, judge) if r["earliest_date"] is not None]


def test_the_eligibility_offers_a_post_holder_the_choice_promotion_and_no_regular_one() -> None:
    functional = penata_muda(AHLI_PERTAMA).record()
    assert offered(functional) == ["202"]
    managerial = penata_muda(post("PENGAWAS", level="IV.a")).record()
    assert offered(managerial) == ["201"]
    for held in (post("PENGAWAS", "PLT", level="IV.a"), post("PELAKSANA")):
        rows = eligibility_rows(penata_muda(held).record(), date(2014, 1, 20))
        assert [r["kind"] for r in rows] == ["101"]
        assert RULE not in {req["rule"] for req in json.loads(rows[0]["requirements"])}  # met by being offered


def test_the_promotion_rounds_count_no_post_holder_eligible_for_a_regular_promotion() -> None:
    assert [r["round_date"] for r in promotion_rounds(penata_muda(AHLI_PERTAMA).record(), date(2014, 12, 31))] == []
    clerk = [r["round_date"] for r in promotion_rounds(penata_muda(post("PELAKSANA")).record(), date(2014, 12, 31))]
    assert clerk == ["2014-04-01", "2014-10-01"]


def test_the_post_kinds_that_bar_it_are_configured_and_the_rule_may_be_left_out() -> None:
    record = penata_muda(AHLI_PERTAMA).record()
    for book in (without(["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS"]), without(None)):
        assert sorted(open_kinds(record, date(2014, 1, 20), book)) == ["101", "202"]
        assert offered(record, book=book) == ["101", "202"]
        assert all(c.rule != RULE or c.outcome == MET for c in PromotionJudge(record, book).checks(TMT, "101", "III/b"))


def test_the_rule_is_judged_and_its_reads_are_those_the_final_record_judges_alike() -> None:
    assert RULE in dict(JUDGE_NAMES)
    assert RULE in COVERED


def changed(**params: object) -> Rules:
    """The configured rules with the rule's version changed (`valid_to`, other fields, or params)."""
    fields = {k: params.pop(k) for k in ("valid_from", "valid_to") if k in params}
    return Rules(
        dataclasses.replace(r, params={**r.params, **params}, **fields) if r.id == RULE else r for r in rules().all
    )


def in_force() -> Rule:
    found = rules().in_force(RULE, TMT)
    assert found is not None
    return found


def finding_rules(findings: list[dict]) -> list[str]:
    return [r["rule"] for r in findings]


def test_an_acting_post_never_bars_it_even_of_a_listed_kind() -> None:
    for assignment in ("PLT", "PLH", "PJ"):
        record = penata_muda(post("PENGAWAS", assignment, level="IV.a")).record()
        assert regular_bar(rules(), record, TMT) is None
        assert regular_bar(rules(), record.posts[0], TMT) is None  # its spell: not definitive
        assert "101" in open_kinds(record, TMT)


def test_a_pelaksana_post_never_bars_it_even_when_listed() -> None:
    """PP 99/2000 art. 4 keeps the 101 from a structural or functional post holder, who rises by 201 or 202; a
    pelaksana has no choice promotion, so listing PELAKSANA in post_kinds would leave them none."""
    book = without([*in_force().params["post_kinds"], "PELAKSANA"])
    _, decision, findings = promoted(penata_muda(post("PELAKSANA")), book=book)
    assert (decision["verdict"], findings) == ("compliant", [])
    record = penata_muda(post("PELAKSANA")).record()
    assert regular_bar(book, record, TMT) is None
    assert regular_bar(book, "PELAKSANA", TMT) is None
    assert offered(record, book=book) == ["101"]


def test_a_post_ending_on_the_tmt_does_not_bar_it_and_one_ending_the_day_after_does() -> None:
    ended = {"appointment_reference": AHLI_PERTAMA["reference"], "reference": "END-1"}
    on_tmt = penata_muda(AHLI_PERTAMA).add("post_end", {**ended, "effective_date": TMT.isoformat()}, f"2014-04-02{T}")
    _, decision, findings = promoted(on_tmt)
    assert (decision["verdict"], findings) == ("compliant", [])
    day_after = penata_muda(AHLI_PERTAMA).add("post_end", {**ended, "effective_date": "2014-04-02"}, f"2014-04-02{T}")
    _, _, findings = promoted(day_after)
    assert finding_rules(findings) == [RULE]


def test_on_the_day_of_separation_the_post_held_until_then_bars_it() -> None:
    """Nothing is held on the separation day itself (a post ends at separation, exclusive): a 101 effective on it is
    judged by the post held until then, as the other post-reading rules (201, 202) judge theirs."""
    retiring = penata_muda(AHLI_PERTAMA).add("status_change", f.status("RETIRED", TMT.isoformat()), f"2014-04-01{T}")
    record, _, findings = promoted(retiring)
    assert finding_rules(findings) == [RULE]
    assert [e["reference"] for e in json.loads(findings[0]["evidence"])] == [AHLI_PERTAMA["reference"]]
    bar = regular_bar(rules(), record, TMT)
    assert bar is not None
    assert (bar.post_kind, bar.instead, bar.barred) == ("FUNGSIONAL", "202", True)
    assert "101" not in open_kinds(record, TMT)  # the pools read the same post on that day


def test_the_rule_not_enforced_is_shown_missing_and_bars_nothing() -> None:
    """`enforced = false`, as every rule: the audit reports it, no finding; the eligibility offers the 101 and lists
    it missing but not enforced; the rounds count the holder eligible; no `regular_closed`."""
    book = changed(enforced=False)
    record, decision, findings = promoted(penata_muda(AHLI_PERTAMA), book=book)
    assert (decision["verdict"], findings) == ("compliant", [])
    check = {c.rule: c for c in PromotionJudge(record, book).checks(TMT, "101", "III/b")}[RULE]
    assert (check.outcome, check.enforced, check.finding) == (MISSING, False, False)
    holder = penata_muda(AHLI_PERTAMA).record()
    assert offered(holder, book=book) == ["101", "202"]
    regular = eligibility_rows(holder, date(2014, 1, 20), PromotionJudge(holder, book))[0]
    shown = {r["rule"]: r for r in json.loads(regular["requirements"])}[RULE]
    assert (shown["outcome"], shown["enforced"]) == (MISSING, False)
    assert RULE not in json.loads(regular["missing"])
    rounds = promotion_rounds(holder, date(2014, 12, 31), PromotionJudge(holder, book))
    assert [r["round_date"] for r in rounds] == ["2014-04-01", "2014-10-01"]
    assert sorted(open_kinds(holder, TMT, book)) == ["101", "202"]
    bar = regular_bar(book, holder, TMT)
    assert bar is not None
    assert not bar.barred


def test_the_rule_is_read_by_its_version_in_force_on_the_day() -> None:
    """Ended on 1 January 2014 (`valid_to`): a 101 of 1 April 2014 is not judged by it and is offered; in force from
    1 January 2015, a 101 of 1 April 2014 is not judged by it either, and the offer judged on 1 April 2015 is barred."""
    ended = changed(valid_to=date(2014, 1, 1))
    record, decision, findings = promoted(penata_muda(AHLI_PERTAMA), book=ended)
    assert (decision["verdict"], findings) == ("compliant", [])
    assert RULE not in {c.rule for c in PromotionJudge(record, ended).checks(TMT, "101", "III/b")}
    assert offered(penata_muda(AHLI_PERTAMA).record(), book=ended) == ["101", "202"]
    later = changed(valid_from=date(2015, 1, 1))
    _, _, findings = promoted(penata_muda(AHLI_PERTAMA), book=later)
    assert RULE not in finding_rules(findings)
    holder = penata_muda(AHLI_PERTAMA).record()
    assert offered(holder, date(2015, 1, 20), later) == ["202"]


def test_a_barred_101_is_a_row_without_a_date_that_says_why_and_regular_closed_reads_it() -> None:
    for held, kind in ((AHLI_PERTAMA, "202"), (post("PENGAWAS", level="IV.a"), "201")):
        rows = eligibility_rows(penata_muda(held).record(), date(2014, 1, 20))
        closed = next(r for r in rows if r["kind"] == "101")
        assert closed["earliest_date"] is None
        assert json.loads(closed["missing"]) == [RULE]
        said = [r["message"] for r in json.loads(closed["requirements"])]
        day = closed["judged_on"]
        assert said == [f"definitive post {held['post_kind']} held on {day}: its holder is promoted by {kind}, not 101"]
        assert regular_closed(rules(), closed) == {
            "kind": kind,
            "instead_of": "101",
            "rule": RULE,
            "source": in_force().source,
            "status": "M",
        }
        assert regular_closed(changed(enforced=False), closed) is None  # read again by the rules it is read under


def test_the_audit_the_offer_and_the_pools_read_the_same_bar_on_every_day() -> None:
    """The one reading (`regular_bar`) on each day around a post's start, end and a separation: the audit's check,
    the kinds open (the pools) and the record's reading agree."""
    ended = {"appointment_reference": AHLI_PERTAMA["reference"], "reference": "END-1", "effective_date": "2014-04-01"}
    records = [
        penata_muda(AHLI_PERTAMA).record(),
        penata_muda(post("PENGAWAS", level="IV.a", day="2014-04-01")).record(),
        penata_muda(post("PENGAWAS", "PLT", level="IV.a")).record(),
        penata_muda(AHLI_PERTAMA).add("post_end", ended, f"2014-04-02{T}").record(),
        penata_muda(AHLI_PERTAMA).add("status_change", f.status("RETIRED", "2014-04-01"), f"2014-04-01{T}").record(),
    ]
    for record in records:
        judge = PromotionJudge(record)
        for day in (date(2014, 3, 31), TMT, date(2014, 4, 2)):
            bar = regular_bar(rules(), record, day)
            outcome = {c.rule: c for c in judge.checks(day, "101", "III/b")}[RULE].outcome
            assert outcome == (MET if bar is None else MISSING), (record.posts, day)
            assert ("101" in open_kinds(record, day)) == (bar is None), (record.posts, day)


def test_a_choice_promotions_earliest_date_is_not_before_the_post_it_rests_on() -> None:
    """III/a since 2010-03-01 (4 years in rank reached 2014-03-01), a Pengawas post from 2016-12-01: the 201 is
    offered from the first promotion date on or after the post's start, not from 2014-04-01, a date before the post
    was held (as the career page read "Earliest date: 1 Apr 2022 (reached)" after an appointment to a post on
    1 December 2026, until 2026-12-05). A 202 alike."""
    for held, kind in (
        (post("PENGAWAS", level="IV.a", day="2016-12-01"), "201"),
        (post("FUNGSIONAL", level="AHLI_PERTAMA", day="2016-12-01"), "202"),
    ):
        record = penata_muda(held).record()
        rows = {r["kind"]: r for r in eligibility_rows(record, date(2016, 12, 20)) if r["earliest_date"]}
        assert list(rows) == [kind]  # (the 101 closed: no earliest date)
        assert rows[kind]["earliest_date"] == "2017-04-01"
    clerk = {r["kind"]: r for r in eligibility_rows(penata_muda(post("PELAKSANA")).record(), date(2016, 12, 20))}
    assert clerk["101"]["earliest_date"] == "2014-04-01"  # (the rank's years alone)


def test_a_move_to_another_post_of_the_same_kind_keeps_the_day_the_first_was_held() -> None:
    """An Ahli Pertama since 2010 appointed Ahli Muda on 2016-12-01 holds a functional post without a break: the 202
    is offered from the date the rank's years give (as to an Ahli Pertama alone), not from the new level's start."""
    builder = penata_muda(AHLI_PERTAMA, post("FUNGSIONAL", level="AHLI_MUDA", day="2016-12-01"))
    rows = {r["kind"]: r for r in eligibility_rows(builder.record(), date(2016, 12, 20)) if r["earliest_date"]}
    alone = {r["kind"]: r for r in eligibility_rows(penata_muda(AHLI_PERTAMA).record(), date(2016, 12, 20))}
    assert rows["202"]["earliest_date"] == alone["202"]["earliest_date"] < "2016-12-01"
