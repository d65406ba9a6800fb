"""`careerlog serve` checks CAREERLOG_SECRET_KEY (web.config.checked_secret_key): shorter than 32 characters it is
refused naming the variable (a short key signing the page sessions can be guessed offline from one cookie); unset or
empty, the server draws one of its own and warns that page log-ins then end with it and break across servers."""

from __future__ import annotations

import pytest

from careerlog.config import ConfigurationError
from web.config import NO_SECRET_KEY, checked_secret_key


@pytest.mark.parametrize("key", ["k", "x" * 31])
def test_a_secret_key_shorter_than_32_characters_is_refused_naming_it(key: str) -> None:
    with pytest.raises(ConfigurationError, match=f"^CAREERLOG_SECRET_KEY: {len(key)} characters, at least 32"):
        checked_secret_key({"CAREERLOG_SECRET_KEY": key})


def test_a_secret_key_of_32_characters_or_more_is_taken_without_a_warning() -> None:
    assert checked_secret_key({"CAREERLOG_SECRET_KEY": "x" * 32}) is None
    assert checked_secret_key({"CAREERLOG_SECRET_KEY": "x" * 43}) is None


@pytest.mark.parametrize("env", [{}, {"CAREERLOG_SECRET_KEY": ""}])
def test_no_secret_key_draws_one_with_a_warning_that_sessions_end_with_the_server(env: dict[str, str]) -> None:
    warning = checked_secret_key(env)
    assert warning == NO_SECRET_KEY
    assert warning.startswith("Warning: CAREERLOG_SECRET_KEY is not set")
    assert "do not hold on another server or host" in warning
