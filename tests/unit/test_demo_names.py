"""The demo's health and teaching staff carry the academic titles of the profession their functional post asks
for. Names were titled by the unit alone: a hospital's 'dr. Roy Sitorus' was a Perawat, 'Heru, S.Kep.' an Apoteker,
'..., S.Farm.' a Dokter, 'Puji Lestari' (no degree) a Dokter Ahli Madya, '..., A.Md.Farm.' a Bidan."""

from __future__ import annotations

import pytest

from careerlog.demo import Demo
from tests import demos

pytestmark = pytest.mark.xdist_group(demos.GROUP)  # the shared demo is generated once, on one worker

# The functional post's profession (the title's first words) and what its holders' names must show.
PROFESSIONS = {
    "Dokter": ("dr. ",),
    "Apoteker": ("apt. ", "S.Farm."),
    "Perawat": ("A.Md.Kep.", "S.Kep., Ners"),
    "Bidan": ("A.Md.Keb.", "S.Tr.Keb."),
    "Nutrisionis": ("A.Md.Gz.", "S.Gz."),
    "Guru": ("S.Pd.",),
}


@pytest.fixture(scope="module")
def demo() -> Demo:
    return demos.medium()


def names_by_profession(demo: Demo) -> list[tuple[str, str]]:
    """(name on the appointment, functional job family) of everyone, "" for those without one."""
    return [(next(r.payload["name"] for r in p.recs if r.kind == "appointment"), p.family) for p in demo.people]


def test_a_functional_post_holder_carries_the_titles_of_the_posts_profession(demo: Demo) -> None:
    seen = dict.fromkeys(PROFESSIONS, 0)
    for name, job in names_by_profession(demo):
        if job in PROFESSIONS:
            seen[job] += 1
            assert any(title in name for title in PROFESSIONS[job]), (name, job)
    assert all(seen[job] > 0 for job in ("Dokter", "Perawat", "Guru")), seen


def test_only_a_dokter_is_dr(demo: Demo) -> None:
    doctors = [(name, job) for name, job in names_by_profession(demo) if name.startswith(("dr. ", "Dr. dr. "))]
    assert doctors
    assert [(name, job) for name, job in doctors if job != "Dokter"] == []
