"""Shared parts of the benchmarks: options, fresh stores, the demo export, timing and results.

Every benchmark measures careerlog and a bare-database baseline doing the same work in the
same run and prints the ratio, because the machine is shared and absolute rates are noisy.
Results are appended as JSON lines to bench/results/<name>.jsonl (git-ignored).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import hashlib
import io
import os
import platform
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

import careerlog
from careerlog.config import Settings
from careerlog.reference import RULES_FILE_ENV

RESULTS = Path(__file__).resolve().parent / "results"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
COLUMNS = ("originator_id", "originator_version", "topic", "state")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--employees", type=int, default=1000, help="demo employees (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="demo seed (default 1)")
    p.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument(
        "--database-url",
        help="PostgreSQL database to use (a fresh schema is made in it and dropped); default " + POSTGRES_URL,
    )
    p.add_argument("--repeat", type=int, default=1, help="measure this many times (default 1)")
    p.add_argument("--no-save", action="store_true", help="do not append the result to bench/results/")
    return p


def positive(args: argparse.Namespace) -> None:
    if args.employees < 1:
        raise SystemExit("--employees: must be at least 1")
    if args.repeat < 1:
        raise SystemExit("--repeat: must be at least 1")


@contextlib.contextmanager
def fresh_store(store: str, database_url: str | None = None) -> Iterator[Settings]:
    """Settings for an empty store: a new SQLite file, or a new schema in a PostgreSQL database."""
    if store == "sqlite":
        with tempfile.TemporaryDirectory(prefix="careerlog-bench-") as tmp:
            yield Settings(database_url=f"sqlite:///{tmp}/bench.db")
        return
    base = (database_url or POSTGRES_URL).split("?", 1)[0]
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    settings = Settings(database_url=f"{base}?schema={schema}")
    try:
        yield settings
    finally:
        with settings.connect_postgres() as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def settle(settings: Settings) -> None:
    """Start a timed part with the store's write-ahead log empty (SQLite: a TRUNCATE checkpoint), so that
    neither side pays for copying pages the other left in it. PostgreSQL: nothing (its checkpoints are
    the server's, not in the benchmark's CPU)."""
    if settings.store != "sqlite":
        return
    conn = sqlite3.connect(settings.sqlite_path, timeout=1.0)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise SystemExit("the store's write-ahead log could not be checkpointed (another connection is using it)")


def demo_sources(package: Path | None = None) -> list[Path]:
    """What the demo generator makes its export from, besides size, seed and day: the source of every careerlog
    module careerlog.demo imports, directly or through another (found by reading their import statements, so that a
    module the demo comes to import counts without anyone listing it), the data files beside them (the bundled rules
    and reference tables) and the rules file in use (CAREERLOG_RULES_FILE), in a fixed order. `package`: the careerlog
    package's directory (by default the one imported)."""
    from careerlog.reference import rules

    package = package or Path(careerlog.__file__).resolve().parent
    root = package.parent
    todo = ["careerlog.demo", *(f"careerlog.demo.{p.stem}" for p in (package / "demo").glob("*.py"))]
    todo.remove("careerlog.demo.__init__")  # (the package itself)
    seen: dict[str, Path] = {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        module = root.joinpath(*name.split("."))
        source = module / "__init__.py" if module.is_dir() else module.with_suffix(".py")
        if not source.is_file():
            continue  # a name imported from a module, not a module
        seen[name] = source
        todo.extend(".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1))  # its packages run too
        here = name.split(".") if source.name == "__init__.py" else name.split(".")[:-1]  # its package
        todo.extend(_imported_names(source.read_bytes(), tuple(here)))
    data = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc"))
    in_use = Path(path).resolve() if (path := rules().path) is not None else None
    return [*sorted(seen.values()), *data, *([in_use] if in_use is not None and in_use not in data else [])]


@functools.lru_cache(maxsize=512)
def _imported_names(source: bytes, here: tuple[str, ...]) -> tuple[str, ...]:
    """The modules (and names in them) a module's source imports, absolute; `here`: its package. Kept by source, so
    fingerprints of many copies of the package (tests/unit/test_bench_demo_export.py) read each source once."""
    names: list[str] = []
    for node in _import_statements(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            parts = [*here[: len(here) - node.level + 1], node.module or ""] if node.level else [node.module or ""]
            of = ".".join(p for p in parts if p)
            names.extend([of, *(f"{of}.{alias.name}" for alias in node.names)])
        else:
            names.extend(alias.name for alias in node.names)
    return tuple(names)


def _import_statements(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, at any depth (in a function, class, if, try, with, loop or match case):
    an import is a statement, so only statements' bodies are looked into, not the expressions that make up most of
    the tree (ast.walk over every node took most of a fingerprint's time)."""
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                todo.extend(block)


def demo_fingerprint(package: Path | None = None) -> str:
    """The first 12 hex digits of a SHA-256 of `demo_sources`' paths (from the package) and contents: the demo export
    is kept under it, so that a changed generator, rules or reference table makes its own export instead of reading
    one the old code made. Of the imported package: read once per process and rules file."""
    if package is not None:
        return _fingerprint(package)
    return _imported_fingerprint(os.environ.get(RULES_FILE_ENV))


@functools.lru_cache(maxsize=8)
def _imported_fingerprint(rules_file: str | None) -> str:
    return _fingerprint(Path(careerlog.__file__).resolve().parent)


def _fingerprint(package: Path) -> str:
    digest = hashlib.sha256()
    for path in demo_sources(package):
        name = path.relative_to(package).as_posix() if path.is_relative_to(package) else "CAREERLOG_RULES_FILE"
        digest.update(f"{name}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def demo_export(employees: int, seed: int) -> Path:
    """The demo export of N employees, generated once and kept in $CAREERLOG_BENCH_DATA (default: a temp dir), under
    the demo generator's fingerprint (`demo_fingerprint`)."""
    from careerlog.demo import write_demo

    data = Path(os.environ.get("CAREERLOG_BENCH_DATA") or Path(tempfile.gettempdir()) / "careerlog-bench")
    data.mkdir(parents=True, exist_ok=True)
    key = f"{employees}-{seed}-{demo_fingerprint()}"
    path = data / f"demo-{key}.jsonl"
    if not path.exists():
        # Each writer writes its own files and moves them into place, so two processes making the same export at
        # once (the same bytes) never take a half-written file, or its partial file, from under each other.
        with tempfile.TemporaryDirectory(dir=data, prefix=".demo-") as tmp:
            partial, irregular = Path(tmp) / path.name, Path(tmp) / f"irregular-{key}.json"
            with contextlib.redirect_stdout(io.StringIO()):
                write_demo(partial, employees=employees, seed=seed, irregularities_path=irregular)
            os.replace(irregular, data / irregular.name)
            os.replace(partial, path)
    return path


def events_table(settings: Settings) -> str:
    return "stored_events" if settings.store == "sqlite" else "careerlog_events"


def stored_rows(settings: Settings) -> list[tuple[str, int, str, bytes]]:
    """Every stored event row (subject, version, topic, state bytes) in log order."""
    from careerlog.sqlstore import open_store

    store = open_store(settings)
    try:
        order = "rowid" if settings.store == "sqlite" else "notification_id"
        rows = store.query(f"SELECT {', '.join(COLUMNS)} FROM {events_table(settings)} ORDER BY {order}")
    finally:
        store.close()
    return [(r["originator_id"], r["originator_version"], r["topic"], bytes(r["state"])) for r in rows]


@dataclass
class Timer:
    """Wall time and this process's CPU time (user + system) of what ran inside `running()`.

    On a shared machine the wall time swings with the others' load; the CPU time of the
    process much less. It leaves out the database server's work (PostgreSQL), so it compares
    like with like only on SQLite, where all the work is in this process.
    """

    seconds: float = 0.0
    cpu: float = 0.0

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds += time.perf_counter() - start
            self.cpu += time.process_time() - start_cpu


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": os.cpu_count(), "cpu": model or platform.processor(), "python": platform.python_version()}


def measured_code() -> str:
    """The directory of the careerlog package this process imported. `python -m` puts the current
    directory first on sys.path, ahead of PYTHONPATH: a run meant for a `git archive` snapshot but started
    from the working tree measures the working tree, and this line shows it."""
    return str(Path(careerlog.__file__).resolve().parent.parent)


def commit() -> str:
    """The commit measured (with "+changes" when the checkout differs from it), for the figures' record."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=here, capture_output=True)
    except OSError:
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def load_line(result: dict[str, Any]) -> str:
    """The load average before and after the timed parts, and the commit measured: how quiet the machine was."""
    before, after = result["load"]
    return f"load average (1 min) {before:.2f} before, {after:.2f} after; commit {result['commit']}"


def report(name: str, args: argparse.Namespace, result: dict[str, Any], lines: Sequence[str]) -> None:
    """Print the lines and append the result (with options, time, machine and the code measured) to
    bench/results/."""
    print(f"code measured: {measured_code()}")
    for line in lines:
        print(line)
    if args.no_save:
        return
    RESULTS.mkdir(exist_ok=True)
    entry = {
        "bench": name,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "store": args.store,
        "employees": args.employees,
        "seed": args.seed,
        "machine": machine(),
        "code": measured_code(),
        **result,
    }
    with (RESULTS / f"{name}.jsonl").open("ab") as f:
        f.write(orjson.dumps(entry) + b"\n")


def rate_line(label: str, count: int, seconds: float, unit: str = "events") -> str:
    return f"{label:<34} {count:>9} {unit} in {seconds:8.2f} s = {count / seconds:>10.0f} {unit}/s"


def cpu_fields(store: str, careerlog: Timer, bare: Timer) -> dict[str, Any]:
    """CPU seconds of both sides and, on SQLite (all work in this process), the ratio of their CPU rates."""
    fields: dict[str, Any] = {"careerlog_cpu_seconds": careerlog.cpu, "bare_cpu_seconds": bare.cpu}
    if store == "sqlite" and careerlog.cpu > 0 and bare.cpu > 0:
        fields["cpu_ratio"] = bare.cpu / careerlog.cpu
    return fields


def cpu_line(result: dict[str, Any]) -> str:
    line = f"process CPU: careerlog {result['careerlog_cpu_seconds']:.2f} s, bare {result['bare_cpu_seconds']:.2f} s"
    if "cpu_ratio" in result:
        line += f"; ratio by CPU = {result['cpu_ratio']:.3f}"
    return line
