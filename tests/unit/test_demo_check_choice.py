"""The demo's independent checker (careerlog.demo.check) reads a functional-post (202) promotion's passed-over pool as
docs/rules.md defines it: the colleagues who could have had that 202, each holding a definitive functional post and
eligible then for their own 202 (since 2026-12-07; a colleague on another track, a pelaksana eligible for a 101, a
managerial post holder eligible for a 201, a colleague eligible for a 203 by a new degree, is not in it; until then
each colleague eligible for the kind open to them was), not the 101-eligible alone. It judged every decision's
colleagues by a 101 probe, which since `promotion.regular_without_post` no post holder passes: a 202 passing over a
fellow Guru eligible for their own 202 (what the audit finds, docs/audit.md) was compliant to the checker, so the
demo could plant such a case, or make one by mistake, and its tests would not see it. Of the fellow holders, those of
the appointee's own functional post alone (its title without the level words, as the audit's same_post reads it:
since 2026-12-07 to the checker; until then a 202 of an Analis SDM passed over an eligible Perawat to it, and the demo's
tests compared it with an audit that does not)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from careerlog.application import Command, Migration
from careerlog.demo.check import check
from tests import factories as f

TMT = "2018-04-01"


class Person:
    """Commands of one III/b S-1 of KOTA-MEDAN BKPSDM appointed in 2010, confirmed in 2011, III/b since `since`."""

    def __init__(self, sequence: int, since: str = "2014-04-01"):
        self.nip = f.nip(date(1986, 9, 26), date(2010, 3, 1), sequence=sequence)
        self.commands: list[Command] = []
        self.add("appointment", f.appointment(date(1986, 9, 26), date(2010, 3, 1)), "2010-03-01")
        self.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
        self.add("rank_promotion", f.promotion("III/b", since))

    def add(self, kind: str, payload: dict[str, Any], recorded: str | None = None) -> Person:
        moment = datetime.fromisoformat(f"{recorded or payload['effective_date']}T01:00:00+00:00").astimezone(UTC)
        self.commands.append(Command(self.nip, kind, payload, migration=Migration(moment)))
        return self

    def rated(self, predicate: str) -> Person:
        for year in range(2010, 2018):
            rating = f.rating(year, predicate if year >= 2016 else "BAIK")
            self.add("performance_rating", rating, f"{year + 1}-01-15")
        if predicate == "SANGAT_BAIK":
            self.add("training", f.training("2016-10-07", 40, "2016-10-03"))
        return self

    def guru(self, level: str, title: str = "Analis SDM") -> Person:
        post = {"post_kind": "FUNGSIONAL", "level": level, "title": title, "unit": "BKPSDM"}
        post |= {"assignment": "DEFINITIVE", "effective_date": "2015-01-02", "reference": f"SK-JF-{self.nip}"}
        return self.add("post_appointment", post, "2015-01-10")


def passed_over_by_the_202(*colleagues: Person, since: str = "2014-04-01") -> bool:
    promoted = Person(761, since).guru("AHLI_MUDA").rated("BAIK")
    promoted.add("rank_promotion", f.promotion("III/c", TMT, kind="202", reference="SK-KP-202"), "2018-04-20")
    commands = [c for p in (promoted, *colleagues) for c in p.commands]
    commands.sort(key=lambda c: c.migration.recorded_at if c.migration else datetime.min)
    fired = check(commands).decisions[(promoted.nip, "SK-KP-202")]
    return "merit.passed_over" in fired


def test_a_202_passing_over_a_fellow_guru_eligible_for_their_own_202_is_a_finding_to_the_checker() -> None:
    assert passed_over_by_the_202(Person(762).guru("AHLI_MUDA").rated("SANGAT_BAIK"))


def test_a_fellow_guru_whose_level_tops_at_the_rank_held_is_not_in_the_checker_s_pool() -> None:
    # Ahli Pertama tops at III/b: no 202 to III/c, and as a holder no 101 either
    assert not passed_over_by_the_202(Person(763).guru("AHLI_PERTAMA").rated("SANGAT_BAIK"))


def test_a_pelaksana_eligible_for_a_101_is_not_in_the_checker_s_pool() -> None:
    assert not passed_over_by_the_202(Person(764).rated("SANGAT_BAIK"))


def test_a_colleague_eligible_only_for_a_203_by_a_new_degree_is_not_in_the_checker_s_pool() -> None:
    # two years at III/b, short of a 101's four; an S-3 of 2017 starts at III/c, with the UPKP: a 203 is open
    by_degree = Person(765, "2016-04-01").rated("SANGAT_BAIK")
    degree = {"level": "S-3", "field_of_study": "Administrasi Publik", "institution": "USU"}
    by_degree.add("education", {**degree, "effective_date": "2017-08-01", "reference": "IJ-S3"})
    by_degree.add("exam", {"exam": "UPKP", "effective_date": "2017-11-01", "reference": "UPKP-1"})
    assert not passed_over_by_the_202(by_degree, since="2016-04-01")


def test_a_fellow_holder_of_another_functional_post_is_not_in_the_checker_s_pool() -> None:
    # eligible for a 202 of their own, stronger, but a Perawat: an Analis SDM's 202 did not take theirs
    assert not passed_over_by_the_202(Person(766).guru("AHLI_MUDA", "Perawat Ahli Muda").rated("SANGAT_BAIK"))


def test_a_fellow_holder_of_the_same_post_at_another_level_in_its_title_is_in_the_checker_s_pool() -> None:
    # the title's level words aside, "analis sdm ahli muda" is the appointee's Analis SDM
    assert passed_over_by_the_202(Person(767).guru("AHLI_MUDA", "Analis SDM Ahli Muda").rated("SANGAT_BAIK"))


def test_a_colleague_whose_same_functional_post_had_ended_is_not_in_the_checker_s_pool() -> None:
    # an Analis SDM until a post end of 2017: no functional post held on the 202's day, as the audit's same_post reads
    # it (CareerRecord.definitive_post_on; until 2026-12-07 the checker read the last post taken up, ended or not)
    ended = Person(768).guru("AHLI_MUDA").rated("SANGAT_BAIK")
    ended.add(
        "post_end",
        {"appointment_reference": f"SK-JF-{ended.nip}", "effective_date": "2017-06-01", "reference": "SK-END"},
    )
    assert not passed_over_by_the_202(ended)
