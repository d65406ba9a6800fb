"""The career page says what each confirmation confirmed: the correction or the retraction of a placement recorded
with placement.ends_post confirmed read "Rank jump confirmed by admin when recording it (placement.ends_post)." (one
sentence for every check; a placement itself stores no confirmation). Now a sentence per check, in both languages.
And the reason the post end recorded with a placement stores ("Inter-agency placement to PROV-SUMUT (rule
placement.ends_post)", kept as stored) is shown in the visitor's language. Found in the regression pass of 2026-12-05.
Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_placement_ends_managerial_post import holding
from tests.functional.test_placement_ends_post_amended import ENDS, WITHIN, correct, placed_with_end, retract

PAGE = f"/pages/employees/{BUDI}"
STORED = "Inter-agency placement to PROV-SUMUT (rule placement.ends_post)"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url  # both stores


def pages(world: World) -> tuple[str, str]:
    world.catch_up()
    log_in(world, "admin")
    english = world.client.get(f"{PAGE}?lang=en").get_data(as_text=True)
    indonesian = world.client.get(f"{PAGE}?lang=id").get_data(as_text=True)
    return english, indonesian


def test_a_correction_ending_a_post_is_said_to_record_its_end(world: World) -> None:
    holding(world)
    placed = world.post(f"/api/v1/employees/{BUDI}/events", "admin", json={"kind": "placement", **WITHIN})
    assert placed.status_code == 201, placed.get_json()
    answer = correct(world, placed.get_json()["version"], ENDS, agency="PROV-SUMUT", region="12")
    assert answer.status_code == 201, answer.get_json()
    english, indonesian = pages(world)
    assert "The end of the post held was recorded with it, confirmed by admin (placement.ends_post)." in english
    assert "Berakhirnya jabatan yang diduduki dicatat bersamanya" in indonesian
    assert "Rank jump" not in english
    assert "Lompatan pangkat" not in indonesian


def test_a_retraction_undoing_the_post_end_is_said_to_retract_it(world: World) -> None:
    _post, placed = placed_with_end(world)
    assert retract(world, placed, confirm=ENDS).status_code == 201
    english, indonesian = pages(world)
    assert (
        "The end of the post recorded with the placement was retracted with it, confirmed by admin "
        "(placement.ends_post)." in english
    )
    assert "Berakhirnya jabatan yang dicatat bersama penempatan ini dibatalkan bersamanya" in indonesian
    assert "Rank jump" not in english
    assert "Lompatan pangkat" not in indonesian


def test_the_post_ends_system_reason_is_shown_in_the_visitors_language_and_stored_as_recorded(world: World) -> None:
    placed_with_end(world)
    english, indonesian = pages(world)
    assert STORED in english
    assert "Penempatan antarinstansi ke PROV-SUMUT (aturan placement.ends_post)" in indonesian
    assert STORED not in indonesian
    items = world.get(f"/api/v1/employees/{BUDI}/timeline", "admin").get_json()["items"]
    assert [i["values"]["reason"] for i in items if i["kind"] == "post_end"] == [STORED]


def test_a_writers_own_post_end_reason_is_shown_as_written(world: World) -> None:
    holding(world)
    body = {"kind": "post_end", "effective_date": "2024-11-01", "reference": "SK-END-1",
            "appointment_reference": "821.2/0020/2021", "reason": "Inter-agency placement to X, by hand"}  # fmt: skip
    assert world.post(f"/api/v1/employees/{BUDI}/events", "admin", json=body).status_code == 201
    _english, indonesian = pages(world)
    assert "Inter-agency placement to X, by hand" in indonesian
