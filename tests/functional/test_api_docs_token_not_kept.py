"""The API documentation page (Swagger UI) does not keep the bearer token given to "Authorize" in the browser's
localStorage: persistAuthorization is off (it was on: the token outlived the tab on a shared computer, readable by
any script of the origin)."""

from __future__ import annotations

import json
import re

from tests.functional.conftest import World


def test_the_docs_page_does_not_persist_the_token(world: World) -> None:
    page = world.client.get("/api/docs")
    assert page.status_code == 200
    found = re.search(r"var override_config = (\{.*?\});", page.get_data(as_text=True))
    assert found is not None
    config = json.loads(found[1])
    assert config["persistAuthorization"] is False
    assert "localStorage" not in page.get_data(as_text=True)
