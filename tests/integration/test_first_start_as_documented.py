"""docs/operations.md, "First start", step 2 on a store not made yet: `careerlog projections run --once` makes it and
its views, all ready at position 0, which `careerlog projections status` then lists. The step said `projections
status` creates the schema and the tables, but since b88c92e that command only reads and refuses a store that is not
there (exit 1, 'No careerlog store at ...'): an operator following the steps stopped at step 2."""

from __future__ import annotations

from click.testing import CliRunner

from careerlog.cli import main
from projections.registry import all_projections


def careerlog(database_url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--database-url", database_url, *args])
    return result.exit_code, result.output


def test_step_two_makes_the_store_and_its_views_ready_at_position_zero(database_url: str) -> None:
    code, output = careerlog(database_url, "projections", "status")
    assert code == 1  # it only reads, as the step now says
    assert "No careerlog store at" in output
    code, output = careerlog(database_url, "projections", "run", "--once")
    assert code == 0, output
    code, output = careerlog(database_url, "projections", "status")
    assert code == 0, output
    _, *lines = output.splitlines()
    rows = {cells[0]: cells[1:] for cells in (line.split() for line in lines)}
    assert set(rows) == {p.name for p in all_projections()}
    positions = {name: (cells[2], cells[4], cells[5]) for name, cells in rows.items()}  # position, lag, state
    assert positions == dict.fromkeys(rows, ("0", "0", "ready"))
    code, output = careerlog(database_url, "info")
    assert code == 0, output
    assert "last event position: 0" in output
