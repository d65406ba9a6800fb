"""careerlog.cli.ends_on_sigterm: a long command stopped by SIGTERM or SIGHUP (an SSH session dropped) says so,
exit 128 + the signal; SIGHUP ended it at once without a word. A signal taken inside a C library's callback, which
turns the handler's exception into its own error (orjson's `default`: "TypeError: Type is not JSON serializable"),
still ends the command as the signal, not as an internal error (exit 70)."""

from __future__ import annotations

import os
import signal
from decimal import Decimal
from typing import Any

import orjson
import pytest

from careerlog.cli import StoppedBySigterm, ends_on_sigterm


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_stop_a_long_command_saying_so(sig: int, code: int) -> None:
    # (as from a terminal: under `nohup` SIGHUP is ignored and a command leaves it so, careerlog.cli.signals_to_take;
    # the suite run under nohup failed here)
    before = signal.signal(signal.SIGHUP, signal.SIG_DFL)
    try:
        stopped_by(sig, code)
    finally:
        signal.signal(signal.SIGHUP, before)


def stopped_by(sig: int, code: int) -> None:
    with pytest.raises(StoppedBySigterm) as stopped, ends_on_sigterm("what it leaves."):
        os.kill(os.getpid(), sig)  # (the handler runs at once, in this thread)
    assert stopped.value.exit_code == code
    assert stopped.value.message == f"stopped by {signal.Signals(sig).name}: what it leaves."


def test_a_signal_taken_inside_a_c_callback_stops_the_command_as_the_signal() -> None:
    def default(value: Any) -> str:
        os.kill(os.getpid(), signal.SIGTERM)  # (the handler's Terminated raised in here, inside orjson)
        return str(value)

    with pytest.raises(StoppedBySigterm) as stopped, ends_on_sigterm("what it leaves."):
        orjson.dumps(Decimal(1), default=default)
    assert stopped.value.exit_code == 143
