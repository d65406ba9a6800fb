"""Recording a generated demo: one transaction per batch of employees, on several cores if possible.

Checking a recording against an employee's record is pure Python work, so a large demo is
recorded by worker processes, each with its own connection to the same store. Mentors are
recorded first (a mentee's mentoring also writes to the mentor's record); the others are
split so that the mentees of one mentor go to the same worker, and no two workers ever
write to the same record. An in-memory store cannot be shared: it is loaded in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from careerlog.application import CareerLog, Command, Migration
from careerlog.demo.model import Person, Rec
from careerlog.domain.ledger import Outcome

ACTOR = "demo"
EMPLOYEES_PER_BATCH = 200
PARALLEL_FROM = 1500  # below this many employees one process is quicker than starting workers

Progress = Callable[[int], None]
_WORK: list[tuple[type[CareerLog], dict[str, str], Any, list[Person]]] = []


def to_command(rec: Rec) -> Command:
    migration = Migration(recorded_at=rec.recorded_at, recorded_by=f"demo:{rec.agency.lower()}", migrated=True)
    if "confirm" not in rec.payload:
        return Command(subject=rec.subject, kind=rec.kind, payload=rec.payload, migration=migration)
    # (the checks its writer confirmed: a row's `confirm`, as the import reads it, is the command's, not its payload's)
    payload = {name: value for name, value in rec.payload.items() if name != "confirm"}
    confirmed = frozenset(rec.payload["confirm"])
    return Command(subject=rec.subject, kind=rec.kind, payload=payload, migration=migration, confirmed=confirmed)


def batches(people: list[Person], size: int = EMPLOYEES_PER_BATCH) -> Iterator[tuple[int, list[Command]]]:
    for start in range(0, len(people), size):
        chunk = people[start : start + size]
        yield len(chunk), [to_command(rec) for person in chunk for rec in person.recs]


def record(app: CareerLog, commands: list[Command]) -> list[str]:
    """Record one batch; the refused commands, described."""
    results = app.record_batch(commands, actor=ACTOR)
    return [describe(c, r) for c, r in zip(commands, results, strict=True) if not created(r)]


def created(result: Outcome | Exception) -> bool:
    return isinstance(result, Outcome) and result.created


def describe(command: Command, result: Outcome | Exception) -> str:
    reason = str(result) if isinstance(result, Exception) else f"already recorded as version {result.version}"
    return f"{command.subject} {command.kind} {command.payload.get('reference')}: {reason}"


def refuse(problems: list[str]) -> None:
    if problems:
        shown = "\n".join(problems[:5])
        raise RuntimeError(f"The demo generator made {len(problems)} commands the ledger refused:\n{shown}")


def shareable(app: CareerLog) -> bool:
    """Whether worker processes can open the same store (not an in-memory SQLite database)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    module = app.env.get("PERSISTENCE_MODULE", "")
    if module == "eventsourcing.postgres":
        return True
    name = app.env.get("SQLITE_DBNAME", "")
    return module == "eventsourcing.sqlite" and bool(name) and ":memory:" not in name and "mode=memory" not in name


def load(
    app: CareerLog,
    mentors: list[Person],
    others: list[Person],
    units: list[Rec],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> None:
    """Record mentors, then everyone else (in parallel when it pays), then the units' ratings."""
    count = workers if workers is not None else min(2, os.cpu_count() or 1)
    for done, commands in batches(mentors):
        refuse(record(app, commands))
        if progress is not None:
            progress(done)
    if count > 1 and len(mentors) + len(others) >= PARALLEL_FROM and shareable(app):
        in_parallel(app, split(others, count), progress)
    else:
        for done, commands in batches(others):
            refuse(record(app, commands))
            if progress is not None:
                progress(done)
    if units:
        refuse(record(app, [to_command(rec) for rec in units]))


def split(people: list[Person], parts: int) -> list[list[Person]]:
    """Parts of about equal work, the mentees of one mentor always in the same part."""
    groups: dict[str, list[Person]] = {}
    for person in people:
        mentor = next((str(r.payload["mentor_nip"]) for r in person.recs if r.kind == "mentoring_start"), None)
        groups.setdefault(mentor or person.nip, []).append(person)
    result: list[list[Person]] = [[] for _ in range(parts)]
    load_of = [0] * parts
    for group in groups.values():
        target = load_of.index(min(load_of))
        result[target].extend(group)
        load_of[target] += sum(len(p.recs) for p in group)
    return result


def in_parallel(app: CareerLog, parts: list[list[Person]], progress: Progress | None) -> None:
    context = multiprocessing.get_context("fork")
    _WORK[:] = [(type(app), worker_env(app), app.clock, part) for part in parts]
    processes = []
    receivers: list[Connection] = []
    try:
        for index in range(len(parts)):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(index, sender), daemon=True)
            process.start()
            sender.close()
            processes.append(process)
            receivers.append(receiver)
        problems = follow(receivers, progress)
    finally:
        for process in processes:
            process.join(timeout=60)
            if process.is_alive():
                process.terminate()
        _WORK.clear()
    refuse(problems)


def follow(receivers: list[Connection], progress: Progress | None) -> list[str]:
    """Relay the workers' progress until all have finished; the refusals they report."""
    problems: list[str] = []
    open_ = list(receivers)
    while open_:
        for receiver in wait(open_):
            assert isinstance(receiver, Connection)
            try:
                status, done, found = receiver.recv()
            except EOFError:
                problems.append("A demo worker process stopped without reporting.")
                open_.remove(receiver)
                continue
            if progress is not None and done:
                progress(done)
            problems += found
            if status != "batch":
                open_.remove(receiver)
    return problems


def worker_env(app: CareerLog) -> dict[str, str]:
    """The store settings of a demo worker: the parent's, but the tables are not created again.

    The parent created them (it recorded the mentors); workers starting together and creating them each
    (`CREATE OR REPLACE FUNCTION` among the library's statements) fail on PostgreSQL with "tuple
    concurrently updated", as `CareerLog.from_settings` avoids with its lock."""
    env = {key: value for key, value in app.env.items() if not key.endswith("CREATE_TABLE")}
    return {**env, "CREATE_TABLE": "no"}


def _worker(index: int, sender: Connection) -> None:
    app_type, env, clock, people = _WORK[index]
    app = app_type(env, clock=clock)
    try:
        for done, commands in batches(people):
            problems = record(app, commands)
            if problems:
                sender.send(("failed", done, problems))
                return
            sender.send(("batch", done, []))
        sender.send(("finished", 0, []))
    except Exception as e:  # reported to the parent, which raises
        sender.send(("failed", 0, [f"{type(e).__name__}: {e}"]))
    finally:
        app.close()
        sender.close()
