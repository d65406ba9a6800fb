"""The audited promotions' and posts' lists are two lists: each refuses the other's cursor as "Not a cursor of this
list" (422 naming `after`), as docs/api.md says of a cursor of another list. Found on the demo: the `next` of a page
of /api/v1/audits/promotions, passed as `after` to /api/v1/audits/posts, answered 200 with the posts after that
promotion's TMT, NIP and version, every post before it skipped in silence (both lists' cursors were the
`decisions` keyset's). Each list still reads on after its own cursor. SQLite world: the store matters not."""

from __future__ import annotations

import pytest

from tests.functional.conftest import World
from tests.functional.test_api_posts import posted

__all__ = ["posted"]  # Budi appointed Pengawas, beside the world's promotions

LISTS = ("/api/v1/audits/promotions", "/api/v1/audits/posts")


@pytest.mark.parametrize(("source", "target"), [LISTS, LISTS[::-1]], ids=["promotions to posts", "posts to promotions"])
def test_a_cursor_of_the_other_list_is_refused_naming_after(posted: World, source: str, target: str) -> None:
    cursor = posted.get(f"{source}?per_page=1", "admin").get_json()["next"]
    assert cursor is not None
    answer = posted.get(f"{target}?after={cursor}", "admin")
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json"
    assert list(answer.get_json()["errors"]) == ["after"]
    assert "Not a cursor of this list" in answer.get_json()["errors"]["after"][0]


@pytest.mark.parametrize("path", LISTS)
def test_each_list_reads_on_after_its_own_cursor(posted: World, path: str) -> None:
    whole = posted.get(f"{path}?per_page=500", "admin").get_json()["items"]
    first = posted.get(f"{path}?per_page=1", "admin").get_json()
    rest = posted.get(f"{path}?per_page=500&after={first['next']}", "admin").get_json()["items"]
    assert [i["id"] for i in first["items"] + rest] == [i["id"] for i in whole]
