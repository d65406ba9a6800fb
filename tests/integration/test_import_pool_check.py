"""An import on PostgreSQL checks its pooled connections when in doubt, not with a round trip per checkout."""

from __future__ import annotations

import pytest

from careerlog.application import CareerLog, Command, Outcome
from careerlog.config import Settings
from tests import factories as f
from tests.integration.test_pool_check import pings  # noqa: F401 - the fixture counting the pool's round trips

pytestmark = pytest.mark.postgres


def test_the_batches_of_an_import_take_their_connections_without_a_round_trip_each(
    postgres_url: str,
    pings: list[int],  # noqa: F811 - the fixture imported above
) -> None:
    settings = Settings(database_url=postgres_url, pool_size=1, max_overflow=0)
    with CareerLog.from_settings(settings, clock=lambda: f.NOW) as app:
        nips = [f.nip() for _ in range(4)]
        app.record_batch([Command(nip, "appointment", f.appointment()) for nip in nips], actor="hr")
        pings.clear()  # those of building the store and its first batch
        for nip in nips:  # four more batches, each reading its records and writing its events
            [result] = app.record_batch([Command(nip, "training", f.training("2024-05-02"))], actor="hr")
            assert isinstance(result, Outcome)
        assert len(pings) <= 1  # the pool's one connection at most once (was two round trips a batch)
