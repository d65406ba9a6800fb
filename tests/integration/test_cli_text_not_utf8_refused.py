"""A value typed on the command line in bytes that are no UTF-8 (a terminal or a script writing Latin-1: "é" as the
one byte 0xE9, which Python's argv holds as the lone surrogate \\udce9) is refused naming the field ("Not a valid
string."), exit 1, and nothing is recorded. Before, `careerlog record` passed every check and failed storing the
event with a traceback ("str is not valid UTF-8: surrogates not allowed")."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import APPOINTMENT, NIP, last_position, run, write

LATIN_1_E_ACUTE = b"\xe9".decode("utf-8", "surrogateescape")  # what argv holds for the byte


def test_a_value_not_in_utf8_is_refused_naming_the_field(database_url: str, tmp_path: Path) -> None:
    run(database_url, "import", str(write(tmp_path / "e.jsonl", APPOINTMENT)))
    before = last_position(database_url)
    refused = run(
        database_url,
        "record",
        NIP,
        "rank_promotion",
        "new_rank=III/b",
        "promotion_kind=101",
        "effective_date=2014-04-01",
        f"reference=KP-Medan-{LATIN_1_E_ACUTE}",
    )
    assert refused.exit_code == 1
    assert "reference" in refused.output
    assert "Not a valid string" in refused.output
    assert last_position(database_url) == before
