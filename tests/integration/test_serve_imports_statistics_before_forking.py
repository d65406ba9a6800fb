"""`careerlog serve` imports the statistics libraries and the pages' modules once, in gunicorn's master, before it
forks the workers.

The fairness statistics import pandas, scipy.stats, statsmodels and lifelines where they are used (every CLI
process imports their modules, and most never compute a statistic). Served, that put 1.5-2.5 s of importing
into the first fairness, time-to-promotion or scorecard request of each worker (the 2,000-employee demo's
fairness page: 2.6 s of CPU in a new worker, 0.6 s once they were imported). Imported before the fork, every
worker inherits them. Checked in a fresh interpreter, with gunicorn's loop replaced by a note of what is
imported at the moment it would fork.

The pages' modules (web.pages.PAGE_MODULES, and matplotlib for their charts) are imported by the first app made,
not with `web`: a worker's first app took 0.8-1.2 s of CPU importing them, where an app takes 0.06 s once they are.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from projections.merit.fairness import STATISTICS_LIBRARIES
from web.pages import PAGE_MODULES

SCRIPT = """
import json, sys
from careerlog.config import Settings
from projections.merit.fairness import STATISTICS_LIBRARIES
from web import cli
from web.pages import PAGE_MODULES

LOOKED_FOR = (*STATISTICS_LIBRARIES, *PAGE_MODULES, "matplotlib")
found = {"before": [name for name in LOOKED_FOR if name in sys.modules]}

def forking(self):
    found["at_fork"] = [name for name in LOOKED_FOR if name in sys.modules]

cli.Server.run = forking
cli.serve(Settings(database_url=sys.argv[1]), "127.0.0.1:0", 2)
print(json.dumps(found))
"""


def test_serve_imports_the_statistics_libraries_and_the_pages_before_forking_its_workers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url], capture_output=True, text=True, timeout=120, cwd=Path.cwd(), check=False
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # the CLI's modules leave them to the statistics (numpy aside, which careerlog imports anyway)
    assert not {"pandas", "scipy.stats", "lifelines", "matplotlib", *PAGE_MODULES} & set(found["before"])
    assert found["at_fork"] == [*STATISTICS_LIBRARIES, *PAGE_MODULES, "matplotlib"]
