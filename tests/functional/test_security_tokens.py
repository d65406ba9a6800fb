"""API tokens at rest and in use: only their hash is stored; a revoked token is refused."""

from __future__ import annotations

from pathlib import Path

from tests.functional.conftest import World


def test_no_issued_token_appears_in_the_raw_database_file(world: World, store_url: str) -> None:
    world.services.close()
    raw = b"".join(
        path.read_bytes() for path in Path(store_url.removeprefix("sqlite:///")).parent.glob("careerlog.db*")
    )
    assert world.tokens
    for token in world.tokens.values():
        assert token.encode() not in raw


def test_a_revoked_token_is_answered_401_from_the_next_request(world: World) -> None:
    assert world.get("/api/v1/employees", who="hr").status_code == 200
    accounts = world.services.accounts
    (info,) = [t for t in accounts.list_tokens("hr") if world.tokens["hr"].startswith(t.prefix)]
    accounts.revoke_token(info.prefix)
    response = world.get("/api/v1/employees", who="hr")
    assert response.status_code == 401
    assert "revoked" in response.get_data(as_text=True)
