"""The programmes report's spell index: its quick answers equal looking at every spell."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from projections.training import Member, PeerSets, Spell, SpellIndex, comparable, promotion_comparison

RANKS = ("III/a", "III/b", "III/c", None)


def spells_of(subject: str, rng: random.Random) -> list[Spell]:
    """One after another mostly; sometimes overlapping, going back, of no length, or left open."""
    day, spells = date(2000, 1, 1) + timedelta(days=rng.randrange(400)), []
    for _ in range(rng.randrange(1, 6)):
        length = rng.choice([0, 1, 30, 200, 400, 900])
        end = day + timedelta(days=length)
        if rng.random() < 0.1:
            end = day - timedelta(days=5)  # going back (an impossible row the view may still hold)
        spells.append(Spell(subject, day, end, rng.choice(("A", "B")), rng.choice(RANKS)))
        day = end + timedelta(days=rng.choice([0, 0, 10, -20]))  # -20: overlapping
    if rng.random() < 0.5:
        last = spells[-1]
        spells[-1] = Spell(subject, last.start, None, last.agency, last.rank)
    return spells


def looked_at_one_by_one(spells: list[Spell], subject: str, day: date, months: int) -> bool:
    mine = [s for s in spells if s.subject == subject]
    held = next((s for s in mine if s.holds(day)), None)
    until = day + relativedelta(months=months)
    return held is not None and any(day < s.start <= until and s.rank != held.rank for s in mine)


@pytest.mark.parametrize("seed", range(5))
def test_who_was_promoted_and_who_held_a_post_equal_looking_at_every_spell(seed: int) -> None:
    rng = random.Random(seed)
    spells = [s for n in range(300) for s in spells_of(f"E{n}", rng)]
    index = SpellIndex(spells)
    for _ in range(3000):
        subject, day = f"E{rng.randrange(310)}", date(2000, 1, 1) + timedelta(days=rng.randrange(3000))
        months = rng.choice([1, 6, 24, 120])
        assert index.promoted(subject, day, months) == looked_at_one_by_one(spells, subject, day, months)
        agency, rank = rng.choice(("A", "B")), rng.choice(RANKS)
        holders = sorted({s.subject for s in spells if s.agency == agency and s.rank == rank and s.holds(day)})
        assert index.holding(agency, rank, day) == holders


@pytest.mark.parametrize("seed", range(3))
def test_an_index_among_some_employees_answers_as_one_of_their_spells_alone(seed: int) -> None:
    rng = random.Random(seed)
    spells = [s for n in range(200) for s in spells_of(f"E{n}", rng)]
    chosen = {f"E{n}" for n in range(210) if rng.random() < 0.4}
    whole = SpellIndex(spells)
    among, alone = whole.among(chosen), SpellIndex([s for s in spells if s.subject in chosen])
    for _ in range(2000):
        subject, day = f"E{rng.randrange(210)}", date(2000, 1, 1) + timedelta(days=rng.randrange(3000))
        months = rng.choice([1, 6, 24, 120])
        assert among.promoted(subject, day, months) == alone.promoted(subject, day, months)
        assert among.on(subject, day) == alone.on(subject, day)
        agency, rank = rng.choice(("A", "B")), rng.choice(RANKS)
        assert among.holding(agency, rank, day) == alone.holding(agency, rank, day)
        assert whole.holding(agency, rank, day) == SpellIndex(spells).holding(agency, rank, day)  # whole unchanged
    assert whole.subjects_in("A") == {s.subject for s in spells if s.agency == "A"}


def spells_and_posts(rng: random.Random) -> tuple[list[Spell], list[tuple[str, str | None, date]]]:
    """300 employees' spells, and 800 (agency, rank, day) to ask about."""
    spells = [s for n in range(300) for s in spells_of(f"E{n}", rng)]
    days = [date(2000, 1, 1) + timedelta(days=rng.randrange(3000)) for _ in range(800)]
    return spells, [(rng.choice(("A", "B", "C")), rng.choice(RANKS), day) for day in days]


@pytest.mark.parametrize("seed", range(3))
def test_who_held_a_post_worked_out_for_many_days_at_once_equals_each_day_on_its_own(seed: int) -> None:
    rng = random.Random(seed)
    spells, keys = spells_and_posts(rng)
    prepared = SpellIndex(spells)
    prepared.prepare(keys)
    assert prepared._holding.keys() == set(keys)
    for agency, rank, day in keys:
        assert prepared.holding(agency, rank, day) == SpellIndex(spells).holding(agency, rank, day)


@pytest.mark.parametrize("seed", range(3))
def test_who_of_a_posts_holders_was_promoted_worked_out_in_one_sweep_equals_asking_each(seed: int) -> None:
    rng = random.Random(seed)
    spells, keys = spells_and_posts(rng)
    chosen = {f"E{n}" for n in range(300) if rng.random() < 0.5}
    for months in (1, 6, 24, 120):
        for index in (SpellIndex(spells), SpellIndex(spells).among(chosen)):
            index.prepare(keys, months)
            for agency, rank, day in keys:
                asked = {s for s in index.holding(agency, rank, day) if index.promoted(s, day, months)}
                assert index.promoted_holding(agency, rank, day, months) == asked


@pytest.mark.parametrize("seed", range(5))
def test_a_groups_colleagues_counted_by_kept_sets_equal_comparing_each_colleague(seed: int) -> None:
    rng = random.Random(seed)
    spells = [s for n in range(300) for s in spells_of(f"E{n}", rng)]
    days = [date(2000, 1, 1) + timedelta(days=rng.randrange(3000)) for _ in range(12)]  # groups share days
    groups = []
    for _ in range(40):
        members = [
            Member(f"E{rng.randrange(310)}", rng.choice(days), rng.choice(("A", "B", "C")), rng.choice(RANKS))
            for _ in range(rng.randrange(0, 15))
        ]
        excluded = {m.subject for m in members} | {f"E{rng.randrange(310)}" for _ in range(rng.randrange(30))}
        groups.append((members, excluded))
    months, today = rng.choice([6, 24, 120]), date(2000, 1, 1) + timedelta(days=rng.randrange(4000))
    index = SpellIndex(spells)
    index.prepare(((m.agency, m.rank, m.day) for members, _excluded in groups for m in members), months)
    kept = PeerSets(index, months)
    for members, excluded in groups:
        one_by_one = comparable(members, excluded, SpellIndex(spells))
        expected = promotion_comparison(members, one_by_one, SpellIndex(spells), months, today)
        assert kept.comparison(members, excluded, today) == expected
