"""The command line and the web app start without importing pandas, numpy's statistics stack or scipy:
those are imported by the statistics that use them, so `careerlog --help` and every other command
do not pay for them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "scipy", "statsmodels", "lifelines")


def imported_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter has imported after running `code`."""
    check = f"{code}\nimport sys\nprint('imported:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    found = done.stdout.splitlines()[-1].removeprefix("imported:")
    return [m for m in found.split(",") if m]


def test_the_help_of_the_command_line_imports_no_statistics_library() -> None:
    code = "import sys\nfrom careerlog.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert imported_after(code) == []


def test_the_web_pages_and_api_import_no_pandas() -> None:
    assert imported_after("import web.api.audits, web.pages.inspector, web.pages.reports") == []
