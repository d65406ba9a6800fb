"""A new client key's refusal is worked out once: its comma first, then its length (careerlog.application)."""

from careerlog.application import KEY_COMMA, KEY_TOO_LONG, MAX_CLIENT_KEY, new_key_refusal


def test_new_client_key_refusal_names_comma_before_length() -> None:
    assert new_key_refusal(None) is None
    assert new_key_refusal("k-1") is None
    assert new_key_refusal("x" * MAX_CLIENT_KEY) is None
    assert new_key_refusal("a,b") == KEY_COMMA
    assert new_key_refusal("x" * (MAX_CLIENT_KEY + 1)) == KEY_TOO_LONG
    assert new_key_refusal("," + "x" * MAX_CLIENT_KEY) == KEY_COMMA
