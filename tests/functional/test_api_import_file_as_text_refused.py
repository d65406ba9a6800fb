"""An import whose `file` is a text field of the form, not a file (`curl -F 'file=events.jsonl'`, the @ left out; or
a urlencoded form), is a 422 naming `file` and saying to send the file itself, and nothing is recorded. Before, the
view read the text as an upload and failed: a 500."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ({"file": "events.jsonl"}, "multipart/form-data"),
        ("file=events.jsonl", "application/x-www-form-urlencoded"),
    ],
    ids=["multipart", "urlencoded"],
)
def test_a_file_sent_as_text_is_a_422_naming_file(world: World, data: object, content_type: str) -> None:
    before = world.log()
    answer = world.post("/api/v1/imports", data=data, content_type=content_type)
    assert answer.status_code == 422, answer.get_data(as_text=True)
    assert answer.mimetype == "application/problem+json"
    (reason,) = answer.get_json()["errors"]["file"]
    assert reason.startswith("Is a text, not a file"), reason
    assert "file=@" in reason, reason
    assert world.log() == before
