"""The roster's search by name or NIP at scale: a synthetic roster of N rows (names of Indonesian first, middle and
last names, some with accents and apostrophes; 18-digit NIPs), searched through `Queries.roster` (the page and its
count, as the API asks them) with and without the trigram index (PostgreSQL: roster_search, pg_trgm), and what the
index costs: its build after a rebuild's rows are in, and catch-up writes (batches of 500 subjects' rows deleted and
inserted again, as projections.framework.RowBatch writes them).

    .venv/bin/python -m bench.roster_search fill --rows 1000000 --store postgres   # prints the store's URL
    .venv/bin/python -m bench.roster_search measure --url URL            # searches and writes without the index
    .venv/bin/python -m bench.roster_search measure --url URL --index    # the index built (timed), then the same
    .venv/bin/python -m bench.roster_search drop --url URL

`measure` without --index runs with any release's careerlog (the reads before this one's, run from its tree);
a PostgreSQL store is a schema of its own, a SQLite one a file in a temporary directory.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg

from bench.common import POSTGRES_URL
from careerlog.config import Settings
from careerlog.sqlstore import SqlStore, open_store
from projections.queries import Queries
from projections.roster import ROSTER, folded


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = words(
    "Muhammad Ahmad Budi Siti Dewi Sri Agus Andi Rina Eko Joko Wahyu Nur Putri Ayu Dian Hendra Rizky Fajar Indah "
    "Yusuf Abdul Ratna Bambang Slamet Sutrisno Yanti Lestari Hadi Rahmat Fitri Iwan Teguh Arif Dedi Bayu Citra "
    "Nu'man Ma\u2019ruf Ja'far Jos\u00e9 Ren\u00e9 Ign\u00e1sius Kristina Maria Yohanes Agnes Wayan Made Nyoman Ketut"
)
MIDDLE = words(
    "Dwi Tri Eka Catur Nur Adi Sri Putra Putri Wati Indra Surya Cahya Budi Hari Rahma Kusuma Prasetyo Santoso "
    "Wibowo Setiawan Hidayat Saputra Pratama Permana Gunawan Nugroho Utami Anggraini Wulandari Ma'ruf Sa'adah"
)
LAST = words(
    "Siregar Nasution Harahap Lubis Simanjuntak Sitompul Hutapea Pardede Tambunan Sinaga Purba Ginting Tarigan "
    "Sembiring Manurung Situmorang Pohan Daulay Rangkuti Batubara Wijaya Halim Tanjung Lim Kurniawan Susanto "
    "Hartono Suharto Rahardjo Sasmita Atmaja Nugraha Syahputra Hasibuan Matondang Pangaribuan Sihombing Silalahi "
    "Simatupang Napitupulu Panjaitan Situngkir Manalu Aritonang Damanik Saragih Girsang Sipayung Malau Lumbantobing "
    "Kaligis Lumenta Rondonuwu Wowor Mandagi Pattiasina Latuconsina Tuasikal Pelupessy Wattimena Ratulangi Sompie "
    "D\u2019Souza Chandra Gunadi Ar\u00e9valo"
)
SEARCHES = (
    "Siregar",
    "siti nur",
    "Ma'ruf",
    "josé",
    "pattiasina",
    "Lumbantobing",
    "xqz",
    "an",
    "wan",
    "nur",
    "19880512",
    "2015",
    "Siti Siregar",  # words anywhere in the name, in any order (since 2026-12-05)
    "Siregar Dwi",
    "Dr. Rina br Lubis",
)


def synthetic_rows(n: int, seed: int = 1) -> Iterator[tuple[Any, ...]]:
    """n roster rows: the columns a search, its page and its count read (others NULL), in ROSTER's column order."""
    rng = random.Random(seed)
    names = ROSTER.column_names
    seen: set[str] = set()
    while len(seen) < n:
        born = f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        nip = f"{born}20{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
        if nip in seen:
            continue
        seen.add(nip)
        parts = [rng.choice(FIRST), *([rng.choice(MIDDLE)] if rng.random() < 0.6 else []), rng.choice(LAST)]
        name = " ".join(parts)
        row: dict[str, Any] = dict.fromkeys(names)
        row.update(
            subject=nip,
            name=name,
            name_folded=folded(name),
            sex="M" if nip[14] == "1" else "F",
            status="ACTIVE",
            agency=f"A{rng.randint(1, 40):02d}",
            unit=f"U{rng.randint(1, 400):03d}",
            region=f"{rng.randint(11, 94)}{rng.randint(1, 30):02d}",
            rank="III/a",
            rank_order=rng.randint(0, 16),
            birth_date=f"{born[:4]}-{born[4:6]}-{born[6:]}",
        )
        yield tuple(row[c] for c in names)


def fill(store: SqlStore, rows: int) -> None:
    with store.transaction() as sql:
        for statement in ROSTER.ddl():
            sql.execute(statement)
    made = list(synthetic_rows(rows))
    for start in range(0, len(made), 50_000):
        with store.transaction() as sql:
            sql.insert("roster", ROSTER.column_names, made[start : start + 50_000])


def timed(work: Any, repeat: int) -> float:
    """The median of `repeat` runs of `work`, in ms."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        work()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def searches(queries: Queries, repeat: int) -> dict[str, tuple[float, int]]:
    found = {}
    for q in SEARCHES:
        page = queries.roster(search=q)
        found[q] = (timed(lambda q=q: queries.roster(search=q), repeat), page.total)
    return found


def writes(store: SqlStore, batches: int) -> tuple[float, float, float]:
    """ms a batch of 500 subjects' roster rows deleted and inserted again (a catch-up's write): median, mean, max."""
    with store.transaction() as sql:
        rows = sql.query(f"SELECT * FROM roster ORDER BY subject LIMIT {500 * batches}")
    names = ROSTER.column_names
    times = []
    for b in range(batches):
        chunk = rows[b * 500 : (b + 1) * 500]
        subjects = [r["subject"] for r in chunk]
        t = time.perf_counter()
        with store.transaction() as sql:
            sql.execute(f"DELETE FROM roster WHERE subject IN ({', '.join('?' * len(subjects))})", subjects)
            sql.insert("roster", names, [tuple(r[c] for c in names) for r in chunk])
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), statistics.mean(times), max(times)


def index(store: SqlStore, settings: Settings) -> float:
    """ms to build the search index as a rebuild's last step builds it (Table.search_ddl), 0 without one."""
    from projections.trigrams import trigram_schema

    trigrams = trigram_schema(settings) if store.dialect == "postgres" else None
    statements = ROSTER.search_ddl(store.dialect, trigrams)
    t = time.perf_counter()
    with store.transaction() as sql:
        for statement in statements:
            sql.execute(statement)
        if store.dialect == "postgres":
            sql.execute("ANALYZE roster")
    return (time.perf_counter() - t) * 1000 if statements else 0.0


def report(label: str, found: dict[str, tuple[float, int]], write_ms: tuple[float, float, float]) -> None:
    median, mean, most = write_ms
    print(f"{label}: catch-up write of 500 rows: median {median:.1f} ms, mean {mean:.1f}, max {most:.1f}")
    for q, (ms, total) in found.items():
        print(f"  q={q!r:16} {ms:9.1f} ms  ({total} found)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("action", choices=("fill", "measure", "drop"))
    p.add_argument("--rows", type=int, default=100_000, help="fill: the roster's rows")
    p.add_argument("--url", help="measure, drop: the store fill made (printed); fill: where (default: a new one)")
    p.add_argument("--store", choices=("sqlite", "postgres"), default="postgres", help="fill: the kind of store")
    p.add_argument("--index", action="store_true", help="measure: build the search index first (timed)")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--batches", type=int, default=20, help="measure: catch-up writes of 500 rows timed")
    p.add_argument("--no-search", action="store_true", help="measure: the writes alone")
    args = p.parse_args()
    url = args.url
    if url is None and args.action == "fill":
        schema = f"bench_search_{uuid.uuid4().hex[:8]}"
        tmp = tempfile.mkdtemp(prefix="roster_search_")
        url = f"{POSTGRES_URL}?schema={schema}" if args.store == "postgres" else f"sqlite:///{Path(tmp) / 's.db'}"
    if url is None:
        raise SystemExit("--url: the store `fill` made")
    settings = Settings(database_url=url)
    if args.action == "drop":
        if settings.store == "postgres":
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{settings.postgres()["schema"]}" CASCADE')
        else:
            Path(settings.sqlite_path).unlink()
        return
    settings.prepare()
    store = open_store(settings)
    try:
        if args.action == "fill":
            t = time.perf_counter()
            fill(store, args.rows)
            if store.dialect == "postgres":
                with store.transaction() as sql:
                    sql.execute("ANALYZE roster")
            print(f"{args.rows} rows in {time.perf_counter() - t:.0f} s: {url}")
            return
        if args.index:
            print(f"search index built in {index(store, settings):.0f} ms")
        found = {} if args.no_search else searches(Queries(store), args.repeat)
        report(f"search index: {args.index}", found, writes(store, args.batches))
    finally:
        store.close()


if __name__ == "__main__":
    main()
