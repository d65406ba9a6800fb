"""Each of the web layer's modules that others import imports alone in a fresh interpreter: no circular import, which
shows only when that module is the first imported. A review of 2026-12-07: web.api.imports importing web.languages at
module level (web.pages imports web.api) made `import web.languages` and `import web.pages` fail in a fresh
interpreter ("cannot import name ... from partially initialized module"), which stopped `careerlog serve`, while the
suite, importing web.app first, passed."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = (
    "web.languages",
    "web.pages",
    "web.api",
    "web.api.imports",
    "web.import_jobs",
    "web.services",
    "web.app",
    "web.fastreads",
)


@pytest.mark.parametrize("module", MODULES)
def test_the_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr.splitlines()[-1:]
