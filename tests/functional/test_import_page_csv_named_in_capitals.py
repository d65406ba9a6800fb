"""The import page reads a CSV named in capitals (TRAINING.CSV, as Windows tools and old exports name files) as a CSV.

Before, only a name ending in lower-case `.csv` was: TRAINING.CSV with a refused row got no "Download the refused rows
(CSV)", and DIKLAT.CSV sent without a kind was not told beside the kind field to choose one (its line 1 was refused
in the command line's words, "--kind").
"""

from __future__ import annotations

import io

from tests.functional.conftest import BUDI, World
from tests.functional.test_import_refused_rows_download import refused_download
from tests.functional.test_pages_auth import csrf_token, log_in

HEADER = "nip,training_kind,title,organiser,hours,start_date,effective_date,reference\n"
ROWS = f"{BUDI},TEKNIS,Arsip,BKPSDM,24,2024-03-04,2024-03-06,C-1\n{BUDI},TEKNIS,,BKPSDM,24,2024-03-04,2024-03-06,C-2\n"


def imported(world: World, name: str, **fields: str) -> str:
    data = {"csrf_token": csrf_token(world.client, "/pages/import"), **fields}
    data["file"] = (io.BytesIO((HEADER + ROWS).encode()), name)  # type: ignore[assignment]
    answer = world.client.post("/pages/import?lang=en", data=data, content_type="multipart/form-data")
    return answer.get_data(as_text=True)


def test_a_csv_named_in_capitals_with_a_refused_row_offers_the_refused_rows_download(world: World) -> None:
    log_in(world, "hr")
    page = imported(world, "TRAINING.CSV", dry_run="y")
    assert refused_download(world, page)[0] == "TRAINING-rejected.csv"  # (the English page)


def test_a_csv_named_in_capitals_sent_without_a_kind_is_told_to_choose_one_beside_the_kind(world: World) -> None:
    log_in(world, "hr")
    before = world.log()
    page = imported(world, "BERKAS.CSV")  # (DIKLAT.CSV is a training's since 2026-12-05: COMMON_KIND_NAMES)
    error = page[page.index('id="kind-error"') :]
    assert "Choose the kind of event the CSV file or workbook holds." in error[: error.index("</span>")]
    assert world.log() == before
