"""The career page's heading names the unit the employee is placed in and the post held now, from the roster row the
page already reads: after a placement or a post appointment the HR officer read them in the timeline alone (the heading
named the agency and rank)."""

from __future__ import annotations

import re

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # (both stores: the roster's row and the views are read as on SQLite)


def identity(world: World, lang: str) -> str:
    page = world.client.get(f"/pages/employees/{BUDI}?lang={lang}").get_data(as_text=True)
    found = re.search(r'<dl class="totals identity">(.*?)</dl>', page, re.S)
    assert found is not None
    return re.sub(r"\s+", " ", found.group(1))


def test_the_heading_names_the_unit_placed_in_and_the_post_held(world: World) -> None:
    log_in(world, "hr")
    assert "<dt>Unit</dt><dd>BKPSDM</dd>" in identity(world, "en")  # (the appointment's unit)
    assert "<dt>Post</dt>" not in identity(world, "en")  # (none held)
    moved = {"agency": "KOTA-MEDAN", "unit": "Bappeda", "region": "12.71", "effective_date": "2019-01-02"}
    world.services.ledger.record(BUDI, "placement", {**moved, "reference": "MUT-1"}, actor="test")
    post = {"post_kind": "PENGAWAS", "level": "IV.a", "title": "Kepala Subbagian Umum", "unit": "Bappeda"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2020-04-01", "reference": "J-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()
    english = identity(world, "en")
    assert "<dt>Unit</dt><dd>Bappeda</dd>" in english
    assert "<dt>Post</dt><dd>Kepala Subbagian Umum (Supervisory post, IV.a)</dd>" in english
    assert "<dt>Jabatan</dt><dd>Kepala Subbagian Umum (Jabatan Pengawas, IV.a)</dd>" in identity(world, "id")


def test_an_acting_post_is_named_so(world: World) -> None:
    post = {"post_kind": "ADMINISTRATOR", "level": "III.a", "title": "Kepala Bidang Mutasi", "unit": "BKPSDM"}
    post |= {"assignment": "PLT", "effective_date": "2021-02-01", "reference": "PLT-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()
    log_in(world, "employee")
    held = "Kepala Bidang Mutasi (Administrator post, III.a), Acting holder (Plt)"
    assert f"<dt>Post</dt><dd>{held}</dd>" in identity(world, "en")


def test_a_post_of_no_level_is_named_with_its_kind(world: World) -> None:
    """Found by an exploratory tester (2026-12-06, demo of seed 3): a post held read "Bendahara" alone, its kind (an
    implementing post, Jabatan Pelaksana) unsaid."""
    post = {"post_kind": "PELAKSANA", "title": "Bendahara", "unit": "BKPSDM"}
    post |= {"assignment": "DEFINITIVE", "effective_date": "2021-02-01", "reference": "JP-1"}
    world.services.ledger.record(BUDI, "post_appointment", post, actor="test")
    world.catch_up()
    log_in(world, "employee")
    assert "<dt>Post</dt><dd>Bendahara (Implementing post)</dd>" in identity(world, "en")
    assert "<dt>Jabatan</dt><dd>Bendahara (Jabatan Pelaksana)</dd>" in identity(world, "id")
