"""The correction form waited for the views to show the whole log (max_notification_id), up to
CAREERLOG_WAIT_SECONDS, on GET and POST: during another agency's import every correction form stalled the whole
time, then showed the fact as the views had it without a word (review). It waits for its own record's last event
now (CareerLog.last_notification_id), and says so when the views do not show that by then."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories as f
from tests.functional.conftest import BUDI, RINA, World
from tests.functional.test_pages_auth import log_in
from tests.functional.test_pages_record_target import recorded_training, target_section


def test_the_correction_form_waits_for_its_record_not_for_another_agencys_writes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = recorded_training(world)
    world.services.ledger.record(RINA, "training", f.training("2024-04-06"), actor="admin")  # (not caught up)
    waited: list[int] = []
    real = world.services.wait_for

    def wait_for(position: int) -> Any:
        waited.append(position)
        return real(position)

    monkeypatch.setattr(world.services, "wait_for", wait_for)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={version}&lang=en")
    section = target_section(page.get_data(as_text=True))
    assert section is not None
    assert waited == [world.services.ledger.last_notification_id(BUDI)]
    assert waited[0] < world.services.ledger.max_notification_id()
    assert 'id="target-behind"' not in section


def test_the_correction_form_says_when_its_records_last_recording_may_not_show(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = recorded_training(world)
    world.services.ledger.record(BUDI, "training", f.training("2024-04-06"), actor="admin")  # (not caught up)
    # The views held behind that recording for the whole test: the app's follower thread catches up on its own poll,
    # so a short wait_timeout alone let it catch up between the two requests (the stop's CI: the Indonesian page
    # then showed no notice).
    shown = world.services.ledger.max_notification_id() - 1
    real_wait = world.services.projector.wait

    def wait(position: int | None, timeout: float = 5.0) -> None:
        if position is not None and position > shown:
            raise TimeoutError(position)
        real_wait(position, timeout=timeout)

    monkeypatch.setattr(world.services.projector, "wait", wait)
    log_in(world, "hr")
    page = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={version}&lang=en")
    section = target_section(page.get_data(as_text=True))
    assert section is not None
    assert 'id="target-behind"' in section
    assert "The latest recording of this record may not show here yet" in section
    indonesian = world.client.get(f"/pages/record?kind=correction&nip={BUDI}&target_version={version}&lang=id")
    assert "Pencatatan terakhir riwayat ini mungkin belum tampil di sini" in indonesian.get_data(as_text=True)
