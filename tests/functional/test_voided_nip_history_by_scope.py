"""The history of a NIP voided and appointed afresh by another agency is read in two parts, each within its own scope:
the voided record's entries (up to and including its void) by an account whose scope covered the voided record (where
its appointment placed the employee) or a national one; the fresh record's (after the void) by the scope the record is
in now. Before, the agency appointing the NIP afresh read the whole history (another person's name and data, recorded
under a wrong NIP, and the void's reason) and the agency that made and voided the wrong record lost it. A part withheld
is said to be, without its contents: in the history (`withheld`, the CSV's Withheld header) and a single fact's read
(404 problem+json). On both stores."""

from __future__ import annotations

from typing import Any

import pytest

from careerlog.access import Scope
from tests.functional.conftest import SARI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_void_record_of_a_wrong_nip import VOID, voided
from tests.functional.test_voided_nip_appointed_afresh import appointed_afresh

KARO = {"agency": "KAB-KARO", "region": "12.06", "unit": "Dinas Pendidikan"}
VOIDED = ("Sari Nasution", "NIP salah ketik", "BATAL-NIP-1")  # (the voided record's name, the void's reason, its SK)


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def afresh_by_karo(world: World) -> World:
    """Sari's record, made by Kota Medan's HR under a wrong NIP, voided by it (versions 1, 2); the NIP's owner then
    appointed by Kabupaten Karo's HR (version 3)."""
    voided(world)
    assert appointed_afresh(world, "hr_karo", **KARO)["version"] == 3
    return world


def national_inspector(world: World) -> str:
    accounts = world.services.accounts
    accounts.create("inspector-national", display_name="National", role="inspector", scope=Scope(national=True))
    world.tokens["inspector_national"] = accounts.issue_token("inspector-national", days=30).token
    return "inspector_national"


def history(world: World, who: str) -> dict[str, Any]:
    answer = world.get(f"/api/v1/employees/{SARI}/events", who)
    assert answer.status_code == 200, answer.get_json()
    return dict(answer.get_json())


def versions(found: dict[str, Any]) -> list[int]:
    return [item["version"] for item in found["items"]]


def problem(answer: Any, status: int) -> str:
    assert (answer.status_code, answer.mimetype) == (status, "application/problem+json"), answer.get_data(as_text=True)
    return str(answer.get_json()["detail"])


def reads(world: World, who: str) -> list[tuple[str, str | None, str]]:
    items = world.get(f"/api/v1/access-log?username={who}", "admin").get_json()["items"]
    return sorted((i["action"], i["agency"], i["nip"]) for i in items)


def test_the_agency_appointing_afresh_reads_the_fresh_entries_and_is_told_the_voided_ones_are_withheld(
    world: World,
) -> None:
    afresh_by_karo(world)
    found = history(world, "hr_karo")
    assert versions(found) == [3]
    assert found["items"][0]["name"] == "Sari Owner"
    [withheld] = found["withheld"]
    assert {k: v for k, v in withheld.items() if k != "note"} == {
        "first_version": 1,
        "last_version": 2,
        "entries": 2,
        "voided_on": "2024-02-01",
    }
    assert withheld["note"] == (
        f"Versions 1 to 2 of NIP {SARI} (2 entries) belong to a record voided on 2024-02-01, outside your scope: they "
        "are withheld."
    )
    csv = world.get(f"/api/v1/employees/{SARI}/events?format=csv", "hr_karo")
    assert csv.status_code == 200
    assert csv.headers["Withheld"] == withheld["note"]
    body = csv.get_data(as_text=True) + str(found)
    assert "Sari Owner" in body
    assert not [text for text in VOIDED if text in body]
    for version in (1, 2):  # (a single fact of the voided record: withheld, saying so)
        detail = problem(world.get(f"/api/v1/employees/{SARI}/events/{version}", "hr_karo"), 404)
        assert detail == (
            f"Version {version} of NIP {SARI} belongs to a record voided on 2024-02-01, outside your scope: it is "
            "withheld."
        )
    fact = world.get(f"/api/v1/employees/{SARI}/events/3", "hr_karo")
    assert fact.status_code == 200, fact.get_json()
    assert [i["version"] for i in fact.get_json()["items"]] == [3]
    assert set(reads(world, "hr-karo")) == {("history", "KAB-KARO", SARI)}  # (read where the fresh record is)


def test_the_agency_that_voided_the_record_reads_its_entries_and_not_the_fresh_records(world: World) -> None:
    afresh_by_karo(world)
    found = history(world, "hr")
    assert versions(found) == [1, 2]
    assert (found["items"][0]["name"], found["items"][1]["reason"]) == ("Sari Nasution", "NIP salah ketik")
    [withheld] = found["withheld"]
    assert withheld == {
        "first_version": 3,
        "last_version": None,
        "entries": None,
        "voided_on": None,
        "note": f"The entries of NIP {SARI} from version 3 on belong to the record appointed afresh after its void, "
        "outside your scope: they are withheld.",
    }
    assert "Sari Owner" not in str(found)
    fact = world.get(f"/api/v1/employees/{SARI}/events/1", "hr")
    assert fact.status_code == 200, fact.get_json()
    assert [i["version"] for i in fact.get_json()["items"]] == [1, 2]
    detail = problem(world.get(f"/api/v1/employees/{SARI}/events/3", "hr"), 404)
    assert detail == (
        f"Version 3 of NIP {SARI} belongs to the record appointed afresh after its void, outside your scope: it is "
        "withheld."
    )
    # its other reads as a voided record's (before the NIP was appointed afresh): not found, saying it was voided
    profile = problem(world.get(f"/api/v1/employees/{SARI}", "hr"), 404)
    assert "was voided on 2024-02-01 by hr (version 2)" in profile
    assert "Sari Owner" not in profile
    assert world.get(f"/api/v1/employees/{SARI}", "hr_karo").get_json()["name"] == "Sari Owner"
    assert set(reads(world, "hr")) == {("history", "KOTA-MEDAN", SARI), ("profile", "KOTA-MEDAN", SARI)}
    log_in(world, "hr")  # (its career page alike; Karo's HR reads the fresh record's)
    page = world.client.get(f"/pages/employees/{SARI}?lang=en")
    assert page.status_code == 404
    assert f"The record of NIP {SARI} was voided on" in page.get_data(as_text=True)
    assert "Sari Owner" not in page.get_data(as_text=True)
    log_in(world, "hr_karo")
    assert "Sari Owner" in world.client.get(f"/pages/employees/{SARI}?lang=en").get_data(as_text=True)


def test_a_national_inspector_reads_every_entry_and_nothing_is_withheld(world: World) -> None:
    afresh_by_karo(world)
    found = history(world, national_inspector(world))
    assert versions(found) == [1, 2, 3]
    assert found["withheld"] == []
    assert world.get(f"/api/v1/employees/{SARI}/events/1", "inspector_national").status_code == 200
    assert world.get(f"/api/v1/employees/{SARI}/events/3", "inspector_national").status_code == 200
    both = history(world, "inspector")  # (a regional inspector whose region holds both agencies: both parts)
    assert (versions(both), both["withheld"]) == ([1, 2, 3], [])


def test_an_account_covering_neither_part_finds_no_record(world: World) -> None:
    afresh_by_karo(world)
    accounts = world.services.accounts
    accounts.create("hr-deli", display_name="Deli", role="hr", scope=Scope(agencies=("KAB-DELISERDANG",)))
    world.tokens["hr_deli"] = accounts.issue_token("hr-deli", days=30).token
    for path in ("/events", "/events/1", "/events/3"):
        detail = problem(world.get(f"/api/v1/employees/{SARI}{path}", "hr_deli"), 404)
        assert "withheld" not in detail


def test_the_nips_owner_reads_the_fresh_record_not_the_one_wrongly_made_under_their_nip(world: World) -> None:
    afresh_by_karo(world)
    world.services.accounts.create("sari", display_name="Sari", role="employee", scope=Scope(), nip=SARI)
    world.tokens["sari"] = world.services.accounts.issue_token("sari", days=30).token
    found = history(world, "sari")
    assert versions(found) == [3]
    assert [(w["first_version"], w["last_version"]) for w in found["withheld"]] == [(1, 2)]
    assert not [text for text in VOIDED if text in str(found)]
    assert world.get(f"/api/v1/employees/{SARI}/events/1", "sari").status_code == 404


def test_a_record_voided_twice_is_read_part_by_part(world: World) -> None:
    afresh_by_karo(world)
    void = {**VOID, "target_version": 3, "reference": "BATAL-NIP-3", "effective_date": "2024-03-01", "reason": "Keliru"}
    answer = world.post(f"/api/v1/employees/{SARI}/events", "hr_karo", json=void)
    assert (answer.status_code, answer.get_json()["version"]) == (201, 4), answer.get_json()
    world.catch_up()
    karo = history(world, "hr_karo")  # (the record voided now, placed in Karo: Medan's voided part not Karo's)
    assert versions(karo) == [3, 4]
    assert [(w["first_version"], w["last_version"], w["voided_on"]) for w in karo["withheld"]] == [(1, 2, "2024-02-01")]
    assert not [text for text in VOIDED if text in str(karo)]
    medan = history(world, "hr")
    assert versions(medan) == [1, 2]
    assert [(w["first_version"], w["last_version"], w["voided_on"]) for w in medan["withheld"]] == [
        (3, 4, "2024-03-01")
    ]
    assert "Sari Owner" not in str(medan)
    assert "was voided on 2024-03-01 by hr-karo (version 4)" in problem(
        world.get(f"/api/v1/employees/{SARI}", "hr_karo"), 404
    )
    assert "was voided on 2024-02-01 by hr (version 2)" in problem(world.get(f"/api/v1/employees/{SARI}", "hr"), 404)
    assert versions(history(world, "inspector")) == [1, 2, 3, 4]


def test_a_version_the_record_never_reached_is_no_fact_to_either_parts_reader_not_withheld(world: World) -> None:
    """Past the last version (3) of a record appointed afresh: not found as no fact, to the voided part's reader too,
    to whom it was 'withheld' (as of the fresh record's part, which runs to the record's end); version 3 is withheld
    from it still, and so are versions 1 and 2 from the fresh record's reader."""
    afresh_by_karo(world)
    for who in ("hr", "hr_karo"):
        for version in (4, 99):
            detail = problem(world.get(f"/api/v1/employees/{SARI}/events/{version}", who), 404)
            assert detail == f"No fact with version {version} is recorded for {SARI}."
    assert "is withheld" in problem(world.get(f"/api/v1/employees/{SARI}/events/3", "hr"), 404)
    assert "is withheld" in problem(world.get(f"/api/v1/employees/{SARI}/events/2", "hr_karo"), 404)
    assert set(reads(world, "hr")) == set()  # (nothing read: no access logged)


def test_the_history_csvs_withheld_header_is_in_the_openapi_document(shared_world: World) -> None:
    spec = shared_world.get("/api/openapi.json").get_json()
    answer = spec["paths"]["/api/v1/employees/{nip}/events"]["get"]["responses"]["200"]
    assert "text/csv" in answer["content"]
    withheld = answer["headers"]["Withheld"]
    assert withheld["schema"] == {"type": "string"}
    assert "`withheld`" in withheld["description"]
