"""The demo's generator counts credit points (careerlog.demo.merit.credit_earned) as promotion.credit_points does
(projections/merit/rules.py, docs/rules.md): from the rank's TMT year, that year included, only the years a definitive
functional post was held (a year partly in it whole), each at the level held that year as a share of a step.

Found when bb3c195 (the rule counting only the years in the post) was reverted in 22071c9: the generator still counted
every rated year after the rank's TMT year, so it made a 202 compliant that the audit found breaking the rule (the
150-employee demo of seed 5: 198601152018102001, 823.3/0002/BKPSDM.DS/2023, test_merit_audit on both stores).
"""

from __future__ import annotations

from datetime import date

from careerlog.demo.merit import credit_earned
from careerlog.demo.model import Person, Post


def analyst(rank_since: date, posts: list[tuple[str, str | None, date]], rated: range) -> Person:
    """A PNS at III/b since `rank_since` (III/a before), rated Baik in the years `rated`, holding the definitive
    posts `posts` (kind, functional level, start)."""
    person = Person(
        idx=0,
        nip="198505052010032001",
        name="Analis",
        sex="F",
        birth=date(1985, 5, 5),
        appointed=date(2010, 3, 1),
        kind="PNS",
        entry_edu="S-1",
        path="functional",
        ability=0.5,
        family="Analis SDM Aparatur",
        ladder=("AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA"),
        home="BKPSDM",
    )
    person.ranks = [(date(2010, 3, 1), "III/a"), (rank_since, "III/b")]
    person.ratings = dict.fromkeys(rated, "BAIK")
    for i, (kind, level, start) in enumerate(posts):
        person.add_post(Post(start, kind, level, f"post {i}", "BKPSDM", "DEFINITIVE", f"SK-{i}"))
    return person


def test_the_years_before_the_functional_post_earn_no_credit() -> None:
    # III/b since 2014, Ahli Muda from 2023: 2023 and 2024 (25 a year), where 2015-2024 (250) counted
    person = analyst(date(2014, 4, 1), [("FUNGSIONAL", "AHLI_MUDA", date(2023, 3, 1))], range(2010, 2025))
    assert credit_earned(person, date(2025, 4, 1), "AHLI_MUDA") == 50.0


def test_the_ranks_own_tmt_year_counts_as_the_rule_counts_it() -> None:
    # Ahli Muda since 2016, III/b since 2021-04-01: 2021 to 2024, the TMT's year included (it was left out: 75)
    person = analyst(date(2021, 4, 1), [("FUNGSIONAL", "AHLI_MUDA", date(2016, 1, 1))], range(2010, 2025))
    assert credit_earned(person, date(2025, 4, 1), "AHLI_MUDA") == 100.0


def test_the_years_between_functional_spells_earn_no_credit() -> None:
    # Ahli Muda in 2016-2017, an administrative post from 2018, Ahli Muda again from 2023: 2016, 2017, 2023, 2024
    posts = [
        ("FUNGSIONAL", "AHLI_MUDA", date(2016, 6, 1)),
        ("PELAKSANA", None, date(2018, 1, 1)),
        ("FUNGSIONAL", "AHLI_MUDA", date(2023, 3, 1)),
    ]
    person = analyst(date(2014, 4, 1), posts, range(2010, 2025))
    assert credit_earned(person, date(2025, 4, 1), "AHLI_MUDA") == 100.0


def test_a_year_in_a_lower_level_counts_as_its_share_of_a_step() -> None:
    # Ahli Pertama (12.5 of 50 a year) in 2021-2022, Ahli Muda from 2023: each year a quarter of a step, 100 of 100
    posts = [("FUNGSIONAL", "AHLI_PERTAMA", date(2021, 1, 4)), ("FUNGSIONAL", "AHLI_MUDA", date(2023, 1, 2))]
    person = analyst(date(2021, 4, 1), posts, range(2010, 2025))
    assert credit_earned(person, date(2025, 4, 1), "AHLI_MUDA") == 100.0
