"""A fact's path and If-Match that name no version say so.

`/api/v1/employees/{nip}/events/abc` (or `/-1`) answered the generic 404 unknown-path, as if the API had no such
path: now the 404 names `version`, a whole number from 1; so does `/0` (until 2026-12-06 a 404 with a `detail` alone,
read as a version no fact has), and the OpenAPI document's path parameter says `minimum: 1`. A correction whose
If-Match tag names no version of the fact (`"abc"`) was refused 412 "... it stands as version 5 left it, not as
none": now the refusal says the tag names no version, and gives the fact's ETag. A tag naming another version is
refused as before. Both stores."""

from __future__ import annotations

import pytest

from tests.functional.conftest import BUDI, World
from tests.functional.test_api_correction_if_match import EVENTS, correction, training


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize("version", ["abc", "-1", "1.5", "0", "00"])
def test_a_fact_path_naming_no_version_is_a_404_naming_version(world: World, version: str) -> None:
    answer = world.get(f"/api/v1/employees/{BUDI}/events/{version}", "hr")
    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/problem+json"
    body = answer.get_json()
    assert body["type"].endswith(":not-found")
    assert body["errors"] == {
        "version": [
            f"No fact has version {version}: a fact's version is a whole number from 1, as the record's events "
            "list them."
        ]
    }
    assert world.get(f"/api/v1/employees/{BUDI}/nope", "hr").get_json()["type"].endswith(":unknown-path")


def test_the_openapi_document_says_versions_start_at_1(world: World) -> None:
    spec = world.get("/api/openapi.json", who=None).get_json()
    [path] = [p for p in spec["paths"] if p.endswith("/events/{version}")]
    parameters = [*spec["paths"][path].get("parameters", []), *spec["paths"][path]["get"].get("parameters", [])]
    [version] = [p for p in parameters if p["name"] == "version"]
    assert version["schema"] == {"type": "integer", "minimum": 1}


def test_an_if_match_naming_no_version_says_so(world: World) -> None:
    version = training(world)
    world.post(EVENTS, "hr", json=correction(version, "C-N1", hours=24))  # (changed in version + 1)
    late = world.post(EVENTS, "hr", json=correction(version, "C-N2", hours=16), headers={"If-Match": '"abc"'})
    assert late.status_code == 412, late.get_json()
    [said] = late.get_json()["errors"]["If-Match"]
    assert "not as none" not in said
    assert said.startswith(f"The If-Match tag names no version of version {version} of {BUDI}:")
    assert f'version {version + 1} changed it last, its ETag now "{version + 1}"' in said
    other = world.post(EVENTS, "hr", json=correction(version, "C-N3", hours=16), headers={"If-Match": f'"{version}"'})
    # (until 2026-12-08 "it stands as version N left it, not as M", read oddly, in Indonesian the more)
    assert (
        f'changed it last (its ETag now "{version + 1}"), not {version} as If-Match says;'
        in (other.get_json()["errors"]["If-Match"][0])
    )
