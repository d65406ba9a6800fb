"""An import's header of many columns is read in time linear in its columns.

The header's check for a column named twice counted each name over the whole header (list.count in a loop):
quadratic. 16,000 columns (a 100 KB line) took 2 s of CPU, a 1 MB header some 200 s, and a 10 MB one (under the
50 MB upload limit) would hold a worker for hours: any HR account could take the server's workers away with a
few uploads. The answer is the same (a file without a kind is refused naming it, a repeated field names its
columns); only its cost changed."""

from __future__ import annotations

import io
import time

from tests.functional.conftest import BUDI, World

COLUMNS = 60_000  # before: ~30 s of CPU for the header alone


def upload(world: World, text: str, query: str = "") -> tuple[int, dict, float]:
    started = time.process_time()
    answer = world.post(
        f"/api/v1/imports?dry_run=true{query}",
        "hr",
        data={"file": (io.BytesIO(text.encode()), "many.csv")},
        content_type="multipart/form-data",
    )
    return answer.status_code, answer.get_json(), time.process_time() - started


def test_a_header_of_many_columns_is_refused_quickly(world: World) -> None:
    header = ",".join(f"c{i}" for i in range(COLUMNS))
    status, body, cpu = upload(world, f"{header}\n1\n")
    assert status == 200, body
    assert body["rejected"][0]["errors"].keys() == {"kind"}
    assert body["recorded"] == 0
    assert cpu < 5, f"{cpu:.1f} s of CPU for a header of {COLUMNS} columns"


def test_a_field_named_twice_among_many_columns_is_named(world: World) -> None:
    header = ",".join(["nip", "kind", *(f"c{i}" for i in range(COLUMNS)), "TMT", "effective_date"])
    status, body, cpu = upload(world, f"{header}\n{BUDI},training\n")
    assert status == 200, body
    reasons = body["rejected"][0]["errors"]["line"][0]
    assert "'TMT', 'effective_date'" in reasons
    assert cpu < 5, f"{cpu:.1f} s of CPU for a header of {COLUMNS} columns"
