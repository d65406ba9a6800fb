"""Walk the served OpenAPI document: its GET operations and a valid value for each query parameter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.functional.conftest import BUDI, World
from tests.unit.test_merit_posts import post

# BUDI's audited decisions, once `record_audited_post` has recorded his post: the III/b of 2014 and the Pengawas
# post of 2018 (versions 2 and 3 of his record).
DECISIONS = {
    "/api/v1/audits/promotions/{decision}": f"{BUDI}-2",
    "/api/v1/audits/posts/{decision}": f"{BUDI}-3",
    "/api/v1/audits/appointments/{decision}": f"{BUDI}-1",
}

# Query parameters the document does not require of every caller that the walks' readers (who reach several agencies)
# must send all the same: the scorecard's `agency` is left out only by a caller reaching one agency (since 2026-12-05).
NEEDED_OF_SEVERAL_AGENCIES = {"/api/v1/reports/scorecard": ("agency",)}


@dataclass(frozen=True)
class Operation:
    path: str
    parameters: tuple[dict[str, Any], ...]

    @property
    def has_path_parameters(self) -> bool:
        return "{" in self.path

    def query(self, name: str) -> dict[str, Any] | None:
        return next((p for p in self.parameters if p["in"] == "query" and p["name"] == name), None)

    def required_query(self) -> dict[str, Any]:
        """A valid value for every required query parameter (and those a reader of several agencies must send)."""
        needed = NEEDED_OF_SEVERAL_AGENCIES.get(self.path, ())
        return {
            p["name"]: sample(p["schema"])
            for p in self.parameters
            if p["in"] == "query" and (p.get("required") or p["name"] in needed)
        }


def get_operations(world: World) -> list[Operation]:
    spec = world.client.get("/api/openapi.json").get_json()
    return [
        Operation(path, tuple(item["get"].get("parameters", [])))
        for path, item in spec["paths"].items()
        if "get" in item
    ]


def sample(schema: dict[str, Any]) -> Any:
    """A valid value of a parameter's schema (the first choice, the default, or a plain one)."""
    if schema.get("type") == "array":
        return [sample(schema["items"])]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    if schema.get("type") == "integer":
        return min(max(2020, schema.get("minimum", 2020)), schema.get("maximum", 2020))
    if schema.get("format") == "date":
        return "2020-01-01"
    return "x"


def record_audited_post(world: World) -> None:
    """BUDI's Pengawas post of 2018 (version 3 of his record), audited: a decision for the posts' page to show."""
    world.services.ledger.record(BUDI, "post_appointment", post("PENGAWAS", "2018-01-02", "IV.a"), actor="test")
    world.catch_up()


def filled(path: str) -> str:
    """A path of the document with its parameters filled by records there are (BUDI, his audited decisions: a
    request about one that is not there is a 404 before its query is read)."""
    return path.replace("{decision}", DECISIONS.get(path, "")).replace("{nip}", BUDI)
