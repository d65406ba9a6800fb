"""Conditional reads: every API read answered 200 carries an ETag (a digest of its body), and the same read sent
with If-None-Match naming it is a 304 Not Modified without a body, until the answer changes. On both stores.

A pipeline polling every employee's timeline sends back the ETag it holds and downloads nothing unchanged; the
read is still made (scope checked, access logged), so a 304 never tells more than a 200 would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from careerlog.reference import BUNDLED_RULES, RULES_FILE_ENV
from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World, confirm_world_pns
from tests.functional.test_career_page_eligible_while_the_next_date_waits import recorded

TIMELINE = f"/api/v1/employees/{BUDI}/timeline"


@pytest.fixture
def store_url(database_url: str) -> str:
    return database_url


def etag_of(world: World, path: str, who: str = "admin", **kwargs: Any) -> str:
    answer = world.get(path, who, **kwargs)
    assert answer.status_code == 200, answer.get_json()
    etag = answer.headers["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    assert len(etag) > 20
    return etag


def test_a_read_sent_again_with_its_etag_is_not_modified_until_a_write_changes_it(world: World) -> None:
    world.catch_up()
    etag = etag_of(world, TIMELINE)
    again = world.get(TIMELINE, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert "Content-Type" not in again.headers
    assert etag_of(world, TIMELINE) == etag  # the same answer, the same tag
    world.services.ledger.record(BUDI, "training", f.training("2016-06-01", hours=20, start="2016-05-28"), actor="t")
    world.catch_up()
    changed = world.get(TIMELINE, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert len(changed.get_json()["items"]) == 3


def test_if_none_match_is_compared_as_rfc_9110_says_for_a_get(world: World) -> None:
    world.catch_up()
    etag = etag_of(world, TIMELINE)
    for sent in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        assert world.get(TIMELINE, headers={"If-None-Match": sent}).status_code == 304, sent
    for sent in ('"other"', ""):
        assert world.get(TIMELINE, headers={"If-None-Match": sent}).status_code == 200, sent


def test_each_representation_and_each_query_has_its_own_etag(world: World) -> None:
    world.catch_up()
    tags = {
        etag_of(world, TIMELINE),
        etag_of(world, TIMELINE, headers={"Accept": "text/csv"}),
        etag_of(world, f"{TIMELINE}?as_of=2012-01-01"),
        etag_of(world, f"/api/v1/employees/{BUDI}/events"),
        etag_of(world, "/api/v1/employees?per_page=1"),
        etag_of(world, "/api/v1/employees?per_page=2"),
    }
    assert len(tags) == 6
    csv = world.get(TIMELINE, headers={"Accept": "text/csv"})
    assert world.get(TIMELINE, headers={"Accept": "text/csv", "If-None-Match": csv.headers["ETag"]}).status_code == 304


def test_every_read_of_the_api_and_its_document_is_conditional(world: World) -> None:
    world.catch_up()
    reads = [
        ("/api/v1/me", "hr"),
        (f"/api/v1/employees/{BUDI}", "hr"),
        (f"/api/v1/employees/{BUDI}/eligibility", "hr"),
        ("/api/v1/employees?sort=name&per_page=2", "hr"),
        ("/api/v1/reports/headcount?by=agency", "reporter"),
        ("/api/v1/audits/promotions", "inspector"),
        ("/api/v1/access-log", "employee"),
        ("/api/openapi.json", "admin"),
    ]
    for path, who in reads:
        etag = etag_of(world, path, who)
        assert world.get(path, who, headers={"If-None-Match": etag}).status_code == 304, path


def test_a_tag_tells_nothing_to_whom_the_record_is_refused_and_a_write_is_never_conditional(world: World) -> None:
    world.catch_up()
    path = f"/api/v1/employees/{RINA}/timeline"
    etag = etag_of(world, path)
    refused = world.get(path, "hr", headers={"If-None-Match": etag})  # KAB-KARO's: not within KOTA-MEDAN's HR
    assert refused.status_code == 404
    assert "ETag" not in refused.headers
    assert world.get(path, None, headers={"If-None-Match": "*"}).status_code == 401
    written = world.post(
        f"/api/v1/employees/{BUDI}/events",
        json={"kind": "training", **f.training("2017-06-01", hours=10, start="2017-05-29")},
        headers={"If-None-Match": "*"},
    )
    assert written.status_code == 201
    assert "ETag" not in written.headers


def test_a_read_answered_not_modified_is_logged_as_a_read(world: World) -> None:
    world.catch_up()
    etag = etag_of(world, TIMELINE, "hr")
    before = world.services.accounts.store.query("SELECT COUNT(*) AS n FROM access_log")[0]["n"]
    assert world.get(TIMELINE, "hr", headers={"If-None-Match": etag}).status_code == 304
    after = world.services.accounts.store.query("SELECT COUNT(*) AS n FROM access_log")[0]["n"]
    assert after == before + 1


COUNTED_ONCE = (
    '[[rules]]\nid = "training.counted_once"\n',
    'valid_from = "1974-01-01"\n',  # (the rule's last line: it has no params since h/jp2)
)


def test_a_timelines_etag_changes_with_the_rules_its_body_reads(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeline names a training recorded twice (`counted_once_with`, rule training.counted_once) as it is read:
    its ETag, a digest of the body, changes when a rule changes the body, the record unchanged, so that a client
    holding the tag reads the new answer (200), never a 304 keeping the old one."""
    confirm_world_pns(world)
    training = f.training("2024-03-06", hours=12, start="2024-03-05")
    recorded(world, BUDI, "training", training, date(2024, 3, 10))
    recorded(world, BUDI, "training", {**training, "reference": "CERT-AGAIN"}, date(2024, 3, 11))
    world.catch_up()
    etag = etag_of(world, TIMELINE)
    assert any("counted_once_with" in i for i in world.get(TIMELINE).get_json()["items"])
    text = Path(BUNDLED_RULES).read_text(encoding="utf-8")
    start = text.index(COUNTED_ONCE[0])
    end = text.index(COUNTED_ONCE[1], start) + len(COUNTED_ONCE[1])
    (tmp_path / "rules.toml").write_text(text[:start] + text[end:], "utf-8")  # (no training a probable duplicate)
    monkeypatch.setenv(RULES_FILE_ENV, str(tmp_path / "rules.toml"))
    again = world.get(TIMELINE, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.headers["ETag"] != etag
    assert not any("counted_once_with" in i for i in again.get_json()["items"])
