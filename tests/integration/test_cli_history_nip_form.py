"""`careerlog history NIP` of a NIP of no identity number's form (17 digits typed, letters) is refused saying so, as
`record` and the API refuse it, exit 1: it was "Nothing is recorded for 19860926201003100.", the reason left for the
reader to count. A NIP typed with spaces or dashes is read as before, and one of 18 digits nobody has is still
"Nothing is recorded"."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_cli import APPOINTMENT
from tests.integration.test_cli_write_failures_named import careerlog, store

__all__ = ["store"]  # (the module's store: APPOINTMENT recorded)
NIP = APPOINTMENT["nip"]


@pytest.mark.parametrize("typed", [NIP[:-1], NIP + "0", "", "NIP-lama", NIP[:-1] + "O", NIP[:8] + "\x1b[2J\u202e"])
def test_a_nip_of_no_identity_number_s_form_is_refused_saying_so(store: str, typed: str) -> None:
    result = careerlog(store, "history", typed)
    assert result.exit_code == 1
    said = f"Must be 18 digits, got {typed!r}."
    if typed == NIP[:-1] + "O":  # (18 characters: the one not a digit named, not "got" them)
        said = f"Must be 18 digits: 'O' is not a digit 0-9, in {typed!r}."
    assert result.output == f"Error: nip: {said}\n"


def test_a_nip_typed_with_separators_is_read_and_one_nobody_has_is_not_found(store: str) -> None:
    typed = f"{NIP[:8]} {NIP[8:14]} {NIP[14]} {NIP[15:]}"
    found = careerlog(store, "history", typed)
    assert found.exit_code == 0, found.output
    assert json.loads(found.output.splitlines()[0])["nip"] == NIP
    nobody = NIP[:-3] + "999"
    missing = careerlog(store, "history", nobody)
    assert (missing.exit_code, missing.output) == (1, f"Error: Nothing is recorded for {nobody}.\n")
