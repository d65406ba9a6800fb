"""A fact whose reference a correction changed, then retracted, sent again as it stood (under the reference the
correction gave it, no new client key): it was recorded anew (201, a new version; an import's row recorded), as the
ledger's look-up by kind and reference (`Ledger.by_reference`) gave the fact named by a correction only while it was in
force (a review, 2026-12-07). It is now answered as any retracted fact's values sent again are: the API's 409 naming
the retraction, the import's row refused saying so, nothing recorded; other values under that reference, and the same
under a new client key, are recorded anew, as before. Both stores."""

from __future__ import annotations

import html
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_hr import form_of
from tests.functional.test_reference_conflict_named import imported_jsonl
from tests.functional.test_retracted_row_run_again_said_first import corrected_and_retracted

EVENTS = f"/api/v1/employees/{BUDI}/events"
RECORDED = {"kind": "training", **f.training("2016-02-12", hours=8, reference="T-OLD")}
AS_CORRECTED = {**RECORDED, "reference": "T-NEW"}


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.fixture
def retracted(world: World) -> World:
    """Training T-OLD recorded, its reference corrected to T-NEW, then retracted."""
    return corrected_and_retracted(world, RECORDED, ("2016-02-20", "2016-03-01"), reference="T-NEW")


def test_the_api_answers_a_fact_sent_again_under_its_corrected_reference_with_the_retraction(
    retracted: World,
) -> None:
    version, by = retracted.retracted  # type: ignore[attr-defined]
    before = retracted.log()
    answer = retracted.post(EVENTS, "hr", json=AS_CORRECTED)
    assert answer.status_code == 409, answer.get_json()
    assert answer.get_json()["errors"] == {
        "reference": [
            f"Reference 'T-NEW' was recorded as version {version}, then corrected to these values; version {by} "
            "retracted it: none of it is in force. To record the fact again, send it under a new client key (the API's "
            "Idempotency-Key header, careerlog record's --client-key; the record page's box below its fields), or "
            "with the values it should have."
        ]
    }
    assert retracted.log() == before


def test_an_imports_row_of_a_fact_under_its_corrected_reference_is_refused_naming_the_retraction(
    retracted: World,
) -> None:
    version, by = retracted.retracted  # type: ignore[attr-defined]
    before = retracted.log()
    report: dict[str, Any] = imported_jsonl(retracted, {"nip": BUDI, **AS_CORRECTED})
    assert report["recorded"] == 0, report
    [refused] = report["rejected"]
    assert refused["errors"] == {
        "reference": [
            f"Reference 'T-NEW' was recorded as version {version}, then corrected to these values; version {by} "
            "retracted it: a file run again does not record it again. If it stays retracted, remove this row from the "
            "file; to record the fact again, give the row a client_key (a column of that name) not used before, or "
            "the values it should have."
        ]
    }
    assert retracted.log() == before


def test_other_values_under_the_corrected_reference_are_recorded_anew(retracted: World) -> None:
    """As under any retracted fact's reference: another fact."""
    other = retracted.post(EVENTS, "hr", json={**AS_CORRECTED, "hours": 4})
    assert other.status_code == 201, other.get_json()


def test_the_same_fact_under_the_corrected_reference_and_a_new_client_key_is_recorded_anew(retracted: World) -> None:
    keyed = retracted.post(EVENTS, "hr", json=AS_CORRECTED, headers={"Idempotency-Key": "again-1"})
    assert keyed.status_code == 201, keyed.get_json()
    again = retracted.post(EVENTS, "hr", json=AS_CORRECTED)  # (now answered by the fact recorded anew)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["version"] == keyed.get_json()["version"]


INDONESIAN = {"Accept-Language": "id-ID,id;q=0.9"}


def test_the_apis_indonesian_names_the_fact_as_corrected_to_these_values(retracted: World) -> None:
    version, by = retracted.retracted  # type: ignore[attr-defined]
    answer = retracted.post(EVENTS, "hr", json=AS_CORRECTED, headers=INDONESIAN)
    assert answer.status_code == 409, answer.get_json()
    [reason] = answer.get_json()["errors"]["reference"]
    assert reason.startswith(
        f"Nomor 'T-NEW' tercatat sebagai versi {version}, lalu dikoreksi menjadi nilai-nilai ini; versi {by} "
        f"membatalkannya: tidak ada yang berlaku."
    ), reason


def test_the_record_form_names_the_fact_as_corrected_and_offers_its_box(retracted: World) -> None:
    version, by = retracted.retracted  # type: ignore[attr-defined]
    log_in(retracted, "hr")
    retracted.client.get("/pages/record?lang=en")
    before = retracted.log()
    sent = {k: str(v) for k, v in AS_CORRECTED.items() if k != "kind"}
    answer = retracted.client.post(
        "/pages/record?kind=training", data={**sent, "nip": BUDI, **form_of(retracted, "training")}
    )
    page = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 422, page
    assert (
        f"Reference 'T-NEW' was recorded as version {version}, then corrected to these values; version {by} "
        "retracted it: none of it is in force, and a form sent with its values does not bring it back."
    ) in page
    assert 'name="record_anew"' in page
    indonesian = retracted.client.post(
        "/pages/record?kind=training&lang=id", data={**sent, "nip": BUDI, **form_of(retracted, "training")}
    )
    assert (
        f"Nomor 'T-NEW' tercatat sebagai versi {version}, lalu dikoreksi menjadi nilai-nilai ini; versi {by} "
        f"membatalkannya: tidak ada yang berlaku, dan formulir"
    ) in html.unescape(indonesian.get_data(as_text=True))
    assert retracted.log() == before


KEYED = {"kind": "training", **f.training("2016-04-08", hours=8, reference="T-KEYED")}


@pytest.fixture
def keyed_then_retracted(world: World) -> World:
    """Training T-KEYED recorded under client key K-CR-1 with 8 JP, corrected to 6 JP, then retracted."""
    return corrected_and_retracted(world, KEYED, ("2016-04-20", "2016-05-01"), "K-CR-1", hours=6)


def test_a_retracted_facts_own_key_with_its_values_as_corrected_is_refused_as_the_retracted_fact(
    keyed_then_retracted: World,
) -> None:
    """Its values as corrected, under its own key, were refused as another fact's ("with different values (hours)",
    KEY_RETRACTED_REUSED: a new fact needs a new key): they are the retracted fact's, refused as its key sent again
    is, named as corrected to them; an import's row so too. Other values are still another fact's."""
    world = keyed_then_retracted
    version, by = world.retracted  # type: ignore[attr-defined]
    before = world.log()
    answer = world.post(EVENTS, "hr", json={**KEYED, "hours": 6}, headers={"Idempotency-Key": "K-CR-1"})
    assert answer.status_code == 409, answer.get_json()
    assert answer.get_json()["errors"] == {
        "Idempotency-Key": [
            f"Key 'K-CR-1' was already used for the training recorded as version {version}, then corrected to these "
            f"values; version {by} retracted it: to record the fact anew, send it under a new key."
        ]
    }
    report: dict[str, Any] = imported_jsonl(world, {"nip": BUDI, **KEYED, "hours": 6, "client_key": "K-CR-1"})
    [refused] = report["rejected"]
    assert refused["errors"] == {
        "client_key": [
            f"Key 'K-CR-1' was already used for the training recorded as version {version}, then corrected to these "
            f"values; version {by} retracted it: a file run again does not record it again. If it stays "
            "retracted, remove this row from the file; a new fact needs a new client_key."
        ]
    }
    other = world.post(EVENTS, "hr", json={**KEYED, "hours": 4}, headers={"Idempotency-Key": "K-CR-1"})
    assert other.status_code == 409, other.get_json()
    [said] = other.get_json()["errors"]["Idempotency-Key"]
    assert f"version {version} with different values (hours), which version {by} retracted" in said, said
    assert world.log() == before
