"""A download of an audited list (the API's whole-list CSV, the pages' .csv and .xlsx: Services.each_audited) reads
the view in batches, each a short read of its own: no transaction stays open while the client takes the rows.

Until 2026-12-07 the download was one query whose transaction (and server-side cursor, on PostgreSQL) stayed open
for the whole download; a client reading slowly left the session idle in that transaction, PostgreSQL ended it after
idle_in_transaction_session_timeout (30 s), and the client got a 200 with a CSV cut off (4 of 13 rows). Here the
timeout is shortened to a second and the reader pauses longer than it between batches of two rows. A decision
recorded after the download began is not in it, never twice. A decision whose TMT is corrected between batches comes
once, at its place as listed, with its TMT corrected if not yet read: until 2026-12-07 each batch read the decisions
after the last key read, and the correction moved its key, so that one already read moved after the rows read came
twice (11 rows against an X-Total-Count of 10) and one not yet read moved before them not at all. X-Total-Count is
the number of decisions listed, the rows of the download but for one retracted while it is read (left out). A view
being rebuilt refuses the download (503) before its response starts, never a 200 cut off. Both stores."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

import web.services
from careerlog import config
from careerlog.config import Settings
from projections.framework import Projector
from projections.merit.audit import MeritProjection
from tests import factories as f
from tests.functional.conftest import BUDI, World, appointment_of
from tests.functional.test_pages_auth import log_in
from tests.functional.test_view_filling_not_served import held_rebuilding

MORE = 9


@pytest.fixture
def store_url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(config, "IDLE_IN_TRANSACTION_SECONDS", 1)  # (before the app's pools are made)
    monkeypatch.setattr(web.services, "DOWNLOAD_BATCH", 2)
    monkeypatch.setattr(web.services, "DOWNLOAD_READ", 2)
    return database_url


def promote(world: World, first: int, count: int, tmt: str) -> list[str]:
    """`count` employees of KOTA-MEDAN, each promoted once on `tmt`: their NIPs."""
    nips = [f.nip(date(1985, 1, 1), date(2010, 3, 1), "F", sequence=first + n) for n in range(count)]
    for nip in nips:
        world.services.ledger.record(nip, "appointment", appointment_of(nip), actor="test")
        world.services.ledger.record(nip, "rank_promotion", f.promotion("III/b", tmt), actor="test")
    world.catch_up()
    return nips


def test_a_download_read_slowly_past_the_idle_in_transaction_timeout_holds_every_row(world: World) -> None:
    promote(world, 800, MORE, "2015-04-01")
    answer = world.get("/api/v1/audits/promotions?format=csv", "inspector", buffered=False)
    assert answer.status_code == 200
    chunks = []
    for chunk in answer.response:  # (the header, then a batch of two rows at a time)
        chunks.append(chunk if isinstance(chunk, str) else chunk.decode())
        time.sleep(1.5)  # longer than the session's idle-in-transaction timeout
    answer.close()
    found = list(csv.DictReader(io.StringIO("".join(chunks).removeprefix("\ufeff"))))
    assert len(found) == MORE + 1 == int(answer.headers["X-Total-Count"])
    assert len({row["nip"] for row in found}) == MORE + 1


def test_decisions_recorded_after_the_download_began_are_not_in_it(world: World) -> None:
    listed = promote(world, 800, MORE, "2015-04-01")
    total, first, batches = begin_download(world)
    assert total == MORE + 1
    read = [row["subject"] for row in first]
    assert read == [BUDI, listed[0]]  # (BUDI's 2014 promotion first, in TMT order)
    before = promote(world, 900, 1, "2014-06-01")  # (its key before the rows read)
    after = promote(world, 910, 2, "2016-04-01")  # (after every row)
    read += [row["subject"] for batch in batches for row in batch]
    assert read == [BUDI, *listed]
    assert len(read) == total
    assert not {*before, *after} & set(read)


def begin_download(world: World) -> tuple[int, list[dict[str, Any]], Iterator[list[dict[str, Any]]]]:
    """An inspector's download of KOTA-MEDAN's promotions begun: how many were listed, its first batch and the
    batches after it."""
    inspector = world.services.accounts.get("inspector")
    total, batches = world.services.each_audited(inspector, {"agency": ["KOTA-MEDAN"]}, decision="promotion")
    return total, next(batches), batches


def correct_tmt(world: World, nip: str, tmt: str) -> None:
    """Correct the TMT of `nip`'s promotion (version 2 of their record, after the appointment) to `tmt`."""
    world.services.ledger.record(nip, "correction", f.correction(2, "2026-01-05", effective_date=tmt), actor="test")
    world.catch_up()


def test_a_download_holds_each_decision_once_when_a_tmt_is_corrected_while_it_is_read(world: World) -> None:
    listed = promote(world, 800, MORE, "2015-04-01")
    total, first, batches = begin_download(world)
    assert [row["subject"] for row in first] == [BUDI, listed[0]]
    correct_tmt(world, listed[0], "2016-06-01")  # (read already, moved after every row: it came again)
    correct_tmt(world, listed[-1], "2014-01-01")  # (not read yet, moved before the rows read: it never came)
    rows = [*first, *(row for batch in batches for row in batch)]
    assert [row["subject"] for row in rows] == [BUDI, *listed]  # (each once, at its place as listed)
    assert len(rows) == total == MORE + 1
    assert rows[1]["tmt"] == "2015-04-01"  # (as read, before its correction)
    assert rows[-1]["tmt"] == "2014-01-01"  # (as it stands when its batch was read)
    assert rows[-1]["corrected"]


def test_a_csv_download_read_while_tmts_are_corrected_has_as_many_rows_as_its_total(world: World) -> None:
    listed = promote(world, 800, MORE, "2015-04-01")
    answer = world.get("/api/v1/audits/promotions?format=csv", "inspector", buffered=False)
    assert answer.status_code == 200
    chunks = []
    for number, chunk in enumerate(answer.response):  # (the header, then a batch of two rows at a time)
        chunks.append(chunk if isinstance(chunk, str) else chunk.decode())
        if number == 1:
            correct_tmt(world, listed[0], "2016-06-01")
            correct_tmt(world, listed[-2], "2014-01-01")
    answer.close()
    found = list(csv.DictReader(io.StringIO("".join(chunks).removeprefix("\ufeff"))))
    assert sorted(row["nip"] for row in found) == sorted([BUDI, *listed])
    assert len(found) == int(answer.headers["X-Total-Count"])


EXPLAINED_EN = "Part of the records is being filled again (after an upgrade, a change of the rules or a rebuild)"
EXPLAINED_ID = "Sebagian data sedang diisi ulang (setelah pemutakhiran versi, perubahan aturan, atau pembangunan ulang)"


def test_a_download_of_a_view_being_rebuilt_is_refused_before_its_response_starts(
    world: World, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    promote(world, 800, MORE, "2015-04-01")
    log_in(world, "inspector")
    worker = Projector(Settings(database_url=store_url), [MeritProjection()])
    try:
        with held_rebuilding(worker, "merit", monkeypatch):
            answer = world.get("/api/v1/audits/promotions?format=csv", "inspector")
            assert answer.status_code == 503
            assert answer.mimetype == "application/problem+json"
            assert "merit" in answer.get_json()["detail"]
            for path in ("/pages/audits.csv", "/pages/audits.xlsx"):
                # (a client's download: the page's explanation, in its language; until 2026-12-07 werkzeug's English
                # "The server cannot process the request due to a high load")
                for language, said in (("en", EXPLAINED_EN), ("id", EXPLAINED_ID)):
                    refused = world.client.get(f"{path}?lang={language}", headers={"Accept": "*/*"})
                    assert refused.status_code == 503
                    assert refused.mimetype == "application/problem+json"
                    assert refused.headers["Retry-After"]
                    assert said in refused.get_json()["detail"], path
        worker.rebuild(["merit"])
        assert world.get("/api/v1/audits/promotions?format=csv", "inspector").status_code == 200
    finally:
        worker.close()


def test_a_decision_moved_into_a_later_batchs_range_comes_once_at_its_place_as_listed(world: World) -> None:
    monthly = [promote(world, 800 + n, 1, f"2015-{n + 1:02}-01")[0] for n in range(12)]  # (one TMT each)
    total, first, batches = begin_download(world)  # (the batches up to the fourth may be read already: read ahead)
    moved = monthly[7]  # (of the fifth batch, not read yet)
    correct_tmt(world, moved, "2015-10-01")  # (now within the sixth batch's range: between monthly[8] and [10])
    rows = [*first, *(row for batch in batches for row in batch)]
    assert [row["subject"] for row in rows] == [BUDI, *monthly]  # (until 2026-12-07: after monthly[9])
    assert len(rows) == total
    assert next(row["tmt"] for row in rows if row["subject"] == moved) == "2015-10-01"


def test_a_decision_retracted_while_the_download_is_read_is_left_out_one_row_fewer_than_the_total(world: World) -> None:
    listed = promote(world, 800, MORE, "2015-04-01")
    total, first, batches = begin_download(world)
    world.services.ledger.record(listed[-1], "retraction", f.retraction(2, "2026-01-05"), actor="test")
    world.catch_up()
    rows = [*first, *(row for batch in batches for row in batch)]
    assert [row["subject"] for row in rows] == [BUDI, *listed[:-1]]
    assert len(rows) == total - 1
