"""The correction form opened right after a correction showed the fact's values before it: Koreksi of SKP version 4,
opened at once after correcting it, showed the old predicate, as the views follow the log a moment after a write.
The correction and retraction forms now wait for the views to show the log as it stands (at most
CAREERLOG_WAIT_SECONDS), as a page opened with `wait_for` does."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, TEST_CONFIG, World
from tests.functional.test_pages_auth import log_in


@pytest.fixture
def test_config() -> dict[str, Any]:
    # nothing follows the log in the app: the test's follower catches the views up a moment after the write
    return {**TEST_CONFIG, "CAREERLOG_WAIT_SECONDS": 3.0, "CAREERLOG_FOLLOW": False}


def test_the_correction_form_shows_the_value_of_a_correction_just_recorded(world: World) -> None:
    log_in(world, "hr")
    rated = world.services.ledger.record(BUDI, "performance_rating", f.rating(2021, "BAIK"), actor="test")
    world.catch_up()
    world.services.ledger.record(
        BUDI, "correction", f.correction(rated.version, "2024-01-02", predicate="SANGAT_BAIK"), actor="test"
    )

    def follow() -> None:  # the follower, a moment after the write
        time.sleep(0.3)
        world.catch_up()

    follower = threading.Thread(target=follow)
    follower.start()
    try:
        page = world.client.get(
            f"/pages/record?kind=correction&nip={BUDI}&target_version={rated.version}&lang=en"
        ).get_data(as_text=True)
    finally:
        follower.join()
    chosen = re.findall(r'<option value="([A-Z_]+)" selected', page)
    assert "SANGAT_BAIK" in chosen, chosen
    assert "BAIK" not in chosen
