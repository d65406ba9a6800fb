"""`careerlog --help` lists every command (the web layer's `serve` and `run` among them) without importing the libraries
only some commands use: Flask, marshmallow and openpyxl (the API, the workbooks) nor lifelines (the statistics).
Importing them took about 7 s of `--help`'s 7-11 s on a loaded machine (web.commands, web/__init__.py). Nor does the
listing of the `projections` group (`careerlog projections --help`) import numpy or scipy: until 2026-12-06
projections.merit.passed_over imported numpy with the module, which every listing imports (the registry of views)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("flask", "marshmallow", "openpyxl", "lifelines", "gunicorn")

# careerlog's console script as setup.cfg names it (careerlog.cli:main), the modules it imported written after it
WRAPPER = """
import json, sys
from careerlog.cli import main
try:
    main(sys.argv[1:])
finally:
    sys.__stderr__.write(json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str, listing: tuple[str, ...] = ("serve", "projections")) -> set[str]:
    done = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in listing:
        assert command in done.stdout
    return {name.partition(".")[0] for name in json.loads(done.stderr.splitlines()[-1])}


def test_help_imports_no_heavy_library() -> None:
    assert not imported_by("--help") & set(HEAVY)


def test_help_and_the_projections_listing_import_no_numpy_nor_scipy() -> None:
    assert not imported_by("--help") & {"numpy", "scipy"}
    assert not imported_by("projections", "--help", listing=("rebuild", "status")) & {"numpy", "scipy"}
