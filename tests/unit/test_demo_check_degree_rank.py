"""The demo's independent checker (careerlog.demo.check) judges `promotion.degree_rank` as docs/rules.md defines it:
a promotion by degree (203) needs a degree (an education fact) obtained by its TMT, and goes no higher than the
starting rank of the highest one. Without it the checker found a 203 with no degree, or above its degree's start,
compliant, so the demo could make one and its tests (the listed irregularities against what fires) would not see it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from careerlog.application import Command, Migration
from careerlog.demo.check import check
from tests import factories as f

RULE = "promotion.degree_rank"
TMT = "2018-04-01"


class Person:
    """Commands of one II/c SLTA of KOTA-MEDAN BKPSDM appointed II/a in 2010, confirmed in 2011, II/c since 2014, rated
    Baik, with the UPKP and UD_I passed in 2017: a 203 to III/a on 2018-04-01 breaks no rule but the degree's."""

    def __init__(self) -> None:
        appointed = f.appointment(date(1988, 9, 26), date(2010, 3, 1), rank="II/a", education="SLTA")
        self.nip = f.nip(date(1988, 9, 26), date(2010, 3, 1))
        self.commands: list[Command] = []
        self.add("appointment", appointed, "2010-03-01")
        self.add("confirmation", {"latsar_certificate": "L", "effective_date": "2011-03-01", "reference": "SK-PNS"})
        self.add("rank_promotion", f.promotion("II/b", "2012-04-01"))
        self.add("rank_promotion", f.promotion("II/c", "2014-04-01"))
        for year in range(2010, 2018):
            self.add("performance_rating", f.rating(year), f"{year + 1}-01-15")
        self.add("exam", {"exam": "UPKP", "effective_date": "2017-11-01", "reference": "UPKP-1"})
        self.add("exam", {"exam": "UD_I", "effective_date": "2017-11-02", "reference": "UD-1"})

    def add(self, kind: str, payload: dict[str, Any], recorded: str | None = None) -> Person:
        moment = datetime.fromisoformat(f"{recorded or payload['effective_date']}T01:00:00+00:00").astimezone(UTC)
        self.commands.append(Command(self.nip, kind, payload, migration=Migration(moment)))
        return self

    def degree(self, level: str, day: str) -> Person:
        degree = {"level": level, "field_of_study": "Administrasi Publik", "institution": "USU"}
        return self.add("education", {**degree, "effective_date": day, "reference": f"IJ-{level}"})

    def fired(self, new: str = "III/a") -> set[str]:
        self.add("rank_promotion", f.promotion(new, TMT, kind="203", reference="SK-KP-203"), "2018-04-20")
        self.commands.sort(key=lambda c: c.migration.recorded_at if c.migration else datetime.min)
        return check(self.commands).decisions[(self.nip, "SK-KP-203")]


def test_a_203_to_the_starting_rank_of_a_degree_obtained_before_it_fires_nothing() -> None:
    assert Person().degree("S-1", "2017-08-01").fired() == set()


def test_a_203_with_no_degree_fires_the_rule() -> None:
    assert Person().fired() == {RULE}


def test_a_203_whose_degree_came_after_its_tmt_fires_the_rule() -> None:
    assert Person().degree("S-1", "2018-04-02").fired() == {RULE}


def test_a_203_above_the_starting_rank_of_its_degree_fires_the_rule() -> None:
    assert Person().degree("S-1", "2017-08-01").fired("III/b") == {RULE}
    assert Person().degree("D-III", "2017-08-01").fired("II/d") == {RULE}  # D-III starts at II/c
