"""Parallel import: the rows of a file split by record over worker processes.

Each record is checked, changed and saved by exactly one worker, in the order of its rows
in the file, so every record ends up as a serial import would leave it (the order of
events of different records in the log may differ; so may which of two rows of different records under one client
key is refused, the key used for another record: the second to commit its write, not the later in the file). Rows
that name two employees (the mentor of a mentoring start or end, also inside a correction's fields) tie the two
records to the same worker; so does a retraction row for the mentors the subject's stored
mentoring names (a retraction of a mentoring start withdraws the mentor's side too).

The parent process reads the file once to find those ties, then reads it again and hands
each row to the worker of its record, in chunks through bounded queues. A JSON Lines file
is read in blocks of whole lines: the lines that can tie records are found by searching a
block, not line by line, and a block written as careerlog writes rows goes out as runs of
consecutive lines of the same worker's records, each run as its bytes (`_plain_runs`). Each worker
imports its rows as `import_rows` does (batches of one transaction each, the same checks
and reports) with its own connection; the parent reports unreadable rows itself and
merges the workers' reports. A worker that stops (or a parent that dies) stops the
import; re-running it gives the store of one clean run, as for a serial import, because
each worker commits its records' rows as a prefix of them, batch by batch.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import queue
import re
import signal
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import IO, Any

import orjson

from careerlog.application import CareerLog, Clock, extended, unit_subject
from careerlog.domain.errors import CareerlogError, InvalidInput
from careerlog.domain.nip import normalise_nip
from careerlog.importing import bom_alone, parse_jsonl_line, read_jsonl

CHUNK = 500  # rows handed to a worker at a time
QUEUED_CHUNKS = 8  # chunks waiting per worker (bounds the parent's memory)
POLL = 0.5  # seconds between checks that the other side is still alive
LINK_KINDS = ("mentoring_start", "mentoring_end", "correction")

BLOCK = 1 << 20  # bytes of whole lines the parent reads from a JSON Lines file at a time
LINK_MARKERS = (b"mentor_nip", b"retraction")  # a JSON line without either cannot tie records

RawRow = tuple[int, Any, int]  # line, the row (dict, or its JSON bytes), bytes read
Run = tuple[int, bytes]  # consecutive JSON lines for a worker: the first one's number, and their bytes


class WorkerFailed(CareerlogError):
    """A worker process stopped before it finished its rows; nothing more was recorded by it."""


# ------------------------------------------------------------------------- routing


class Links:
    """Which records must go to the same worker: a union-find over the subjects tied by rows."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, subject: str) -> str:
        parent = self.parent
        while (up := parent.get(subject, subject)) != subject:
            parent[subject] = parent.get(up, up)
            subject = up
        return subject

    def tie(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def worker_of(self, subject: str, workers: int) -> int:
        return zlib.crc32(self.root(subject).encode()) % workers


def route_subject(row: dict[str, Any]) -> str:
    """The record a row goes to, as `row_to_command` finds it ("" when it has none: rejected there)."""
    try:
        if "nip" in row:
            nip = row["nip"]  # (ASCII digits: nothing to take out, as row_to_command; fullwidth ones read)
            return nip if type(nip) is str and nip.isascii() and nip.isdigit() else normalise_nip(nip)
        if "agency" in row and "unit" in row:
            return unit_subject(str(row["agency"]), str(row["unit"]))
    except InvalidInput:
        pass
    return ""


def linked_nip(value: Any) -> str | None:
    """A mentor named in a row, as the ledger reads it (a trimmed string, without the separators a NIP may be written
    with), if it could be one."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return normalise_nip(str(value).strip()) or None


def row_links(row: dict[str, Any]) -> list[str]:
    """The other records a row names: mentors, also in a correction's fields."""
    found = [linked_nip(row.get("mentor_nip"))]
    corrected = row.get("corrected_fields")
    if isinstance(corrected, dict):
        found.append(linked_nip(corrected.get("mentor_nip")))
    return [nip for nip in found if nip]


def find_links(app: CareerLog, rows: Iterable[RawRow]) -> Links:
    """Read the rows once for the ties between records, and the stored ties of retracting records."""
    links = Links()
    retracting: set[str] = set()
    for _, row, _ in rows:
        if not isinstance(row, dict):
            continue
        subject = route_subject(row)
        for other in row_links(row):
            links.tie(subject, other)
        if row.get("kind") == "retraction" and subject:
            retracting.add(subject)
    wanted = sorted(retracting)
    for start in range(0, len(wanted), 500):
        for subject, events in app.events_of(wanted[start : start + 500], LINK_KINDS).items():
            for event in events:
                for other in row_links(vars(event)):
                    links.tie(subject, other)
    return links


def jsonl_linking_rows(stream: IO[bytes]) -> Iterator[RawRow]:
    """The JSON lines that can tie records (mentors named, retractions), parsed; the others skipped unread.

    Each block of lines is searched for LINK_MARKERS; only the lines holding one are taken
    out and parsed (each once, in the file's order), and an unreadable one is skipped."""
    for first, block in _blocks(stream):
        found = set()
        for marker in LINK_MARKERS:
            at = block.find(marker)
            while at >= 0:
                start, end = block.rfind(b"\n", 0, at) + 1, block.find(b"\n", at)
                end = len(block) if end < 0 else end + 1
                found.add((start, end))
                at = block.find(marker, end)
        number, counted = first, 0
        for start, end in sorted(found):
            number += block.count(b"\n", counted, start)
            counted = start
            raw = block[start:end]
            try:
                yield number, orjson.loads(raw), len(raw)
            except orjson.JSONDecodeError:
                continue


def _blocks(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The file in blocks of whole lines (about BLOCK bytes each), with the number of each block's first line."""
    number = 1
    while block := stream.read(BLOCK):
        if not block.endswith(b"\n"):
            block += stream.readline()  # the rest of the block's last line
        yield number, block
        number += block.count(b"\n")


# ------------------------------------------------------------------------- workers


def worker_main(
    parent_pid: int,
    index: int,
    env: dict[str, str],
    clock: Clock,
    rows: multiprocessing.Queue[list[RawRow | Run] | None],
    results: multiprocessing.Queue[tuple[int, Any]],
    options: dict[str, Any],
    extend: bool = False,
) -> None:
    """Import the rows handed over until told to stop; put the report (or the error) on `results`; with the ledger's
    extensions attached (careerlog.application.extended) when the parent's ledger has them (`extend`)."""
    from careerlog.importing import fewer_collections, import_rows

    die_with_parent(parent_pid)
    try:
        with fewer_collections(), CareerLog({**env, "CREATE_TABLE": "n"}, clock=clock) as app:
            if extend:  # (as the parent's ledger: unit.new asked, a promotion's findings said)
                extended(app)
            report = import_rows(app, _received(rows), **options)
    except BaseException as e:  # handed to the parent, which raises it
        results.put((index, _portable(e)))
        return
    report.workers_cpu = [time.process_time()]
    results.put((index, report))


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this worker when the importing process dies (on Linux), as if killed with it.

    If the importing process died already, before the worker got here, nothing would
    tell it (it could wait forever for the rest of a chunk): it ends at once. Elsewhere
    than Linux the worker notices within POLL seconds while it waits for rows.
    """
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(1)


def _received(rows: multiprocessing.Queue[list[RawRow | Run] | None]) -> Iterator[RawRow]:
    parent = multiprocessing.parent_process()
    while True:
        try:
            chunk = rows.get(timeout=POLL)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                raise WorkerFailed("The importing process stopped.") from None
            continue
        if chunk is None:
            return
        for item in chunk:
            if len(item) == 2:  # a Run: its lines as read_jsonl reads them from the file
                yield from read_jsonl(io.BytesIO(item[1]), start=item[0])
            else:
                line, row, nbytes = item
                yield line, parse_jsonl_line(row) if isinstance(row, bytes) else row, nbytes


def _portable(e: BaseException) -> BaseException:
    """The error itself if it can be sent to the parent, else a WorkerFailed naming it."""
    import pickle

    try:
        pickle.loads(pickle.dumps(e))  # noqa: S301 - our own object, to see that it can travel
    except Exception:  # an error that cannot travel is described instead
        return WorkerFailed(f"{type(e).__name__}: {e}")
    return e


@contextlib.contextmanager
def interrupts_not_inherited() -> Iterator[None]:
    """Workers started meanwhile never take SIGINT (they inherit it blocked): a Ctrl-C, which the terminal sends to
    every process of the command, is the importing process's alone, which then stops them (Pool.stop) as after any
    error; one it gets meanwhile is held until the workers have started. Each worker took it otherwise as it could:
    one still importing its modules wrote a KeyboardInterrupt traceback, several at once interleaved."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


class Pool:
    """N worker processes, each with its queue of rows, and one queue of results."""

    def __init__(self, app: CareerLog, workers: int, options: dict[str, Any]):
        context = multiprocessing.get_context("spawn")  # no connection of the parent is inherited
        self.results: multiprocessing.Queue[tuple[int, Any]] = context.Queue()
        self.queues: list[multiprocessing.Queue[list[RawRow | Run] | None]] = [
            context.Queue(QUEUED_CHUNKS) for _ in range(workers)
        ]
        self.chunks: list[list[RawRow | Run]] = [[] for _ in range(workers)]
        self.sizes = [0] * workers  # rows in each worker's chunk
        self.reports: dict[int, Any] = {}
        env = dict(app.env)
        extend = app.units_known is not None or app.findings_of is not None  # (the parent's extended: theirs too)
        self.processes: list[BaseProcess] = [
            context.Process(
                target=worker_main,
                args=(os.getpid(), i, env, app.clock, self.queues[i], self.results, options, extend),
                name=f"careerlog-import-{i}",
                daemon=True,
            )
            for i in range(workers)
        ]
        try:
            with interrupts_not_inherited():
                for process in self.processes:
                    process.start()
        except BaseException:
            self.stop()  # those already started (a clock or setting that cannot be sent to a worker)
            raise

    def add(self, worker: int, item: RawRow | Run, rows: int = 1) -> None:
        """Hand a row, or a run of `rows` rows, to a worker (in chunks of at least CHUNK rows)."""
        chunk = self.chunks[worker]
        chunk.append(item)
        self.sizes[worker] += rows
        if self.sizes[worker] >= CHUNK:
            self._send(worker, chunk)
            self.chunks[worker], self.sizes[worker] = [], 0

    def finish(self) -> list[Any]:
        """Hand over the last rows, tell every worker to stop, and return their reports."""
        for worker, chunk in enumerate(self.chunks):
            if chunk:
                self._send(worker, chunk)
        for worker in range(len(self.queues)):
            self._send(worker, None)
        while len(self.reports) < len(self.processes):
            self._collect(block=True)
        for process in self.processes:
            process.join()
        return [self.reports[i] for i in range(len(self.processes))]

    def stop(self) -> None:
        """End every worker still running (after an error or an interruption of the parent)."""
        started = [p for p in self.processes if p.pid is not None]
        for process in started:
            if process.is_alive():
                process.terminate()
        for process in started:
            process.join(10)
        for q in self.queues:
            q.close()
            q.cancel_join_thread()
        self.results.close()
        self.results.cancel_join_thread()

    def _send(self, worker: int, chunk: list[RawRow | Run] | None) -> None:
        while True:
            try:
                self.queues[worker].put(chunk, timeout=POLL)
                return
            except queue.Full:
                self._collect(block=False)

    def _collect(self, *, block: bool) -> None:
        """Take in the reports that have arrived; raise a worker's error, or WorkerFailed if one died."""
        self._drain(block=block)
        ended = [i for i, p in enumerate(self.processes) if i not in self.reports and p.exitcode is not None]
        if ended:
            self._drain(block=True)  # a report put just before its worker ended
            ended = [i for i in ended if i not in self.reports]
        if ended:
            raise WorkerFailed(
                f"Import worker {ended[0]} stopped (exit status {self.processes[ended[0]].exitcode}) "
                "before it finished; run the import again to record the rest."
            )

    def _drain(self, *, block: bool) -> None:
        try:
            while True:
                index, result = self.results.get(timeout=POLL) if block else self.results.get_nowait()
                if isinstance(result, BaseException):
                    raise result
                self.reports[index] = result
                block = False
        except queue.Empty:
            pass


def import_parallel(
    app: CareerLog,
    path: Path,
    read: Callable[[IO[bytes]], Iterator[RawRow]],
    *,
    fmt: str,
    workers: int,
    options: dict[str, Any],
    progress: Callable[[int], None] | None = None,
) -> Any:
    """Import a file with `workers` processes; the merged report (see the module's docstring)."""
    from careerlog.importing import ImportReport

    with path.open("rb") as stream:
        links = find_links(app, jsonl_linking_rows(stream) if fmt == "jsonl" else read(stream))
    report = ImportReport(dry_run=bool(options.get("dry_run")))
    pool = Pool(app, workers, options)
    try:
        with path.open("rb") as stream:
            done = 0
            last, worker = None, 0  # the last row's record and its worker (a record's rows mostly follow each other)
            pieces = _jsonl_pieces(stream) if fmt == "jsonl" else ((*row, 1) for row in read(stream))
            for line, row, nbytes, rows in pieces:
                report.rows += rows
                done += nbytes
                if isinstance(row, InvalidInput):
                    report.take_unread(line, row)  # (or the header's notes)
                else:
                    subject, raw = row if isinstance(row, tuple) else (route_subject(row), row)
                    if subject != last:
                        last, worker = subject, links.worker_of(subject, workers)
                    pool.add(worker, (line, raw) if type(raw) is bytes else (line, raw, nbytes), rows)
                if progress and done >= 1 << 20:
                    progress(done)
                    done = 0
        reports = pool.finish()
    finally:
        pool.stop()
    if progress and done:
        progress(done)
    for part in reports:
        report.recorded += part.recorded
        report.already_recorded += part.already_recorded
        report.recorded_by_kind.update(part.recorded_by_kind)
        report.rejected += part.rejected
        report.warnings += part.warnings  # (a mentor's transfer's, a promotion's findings: each worker's rows')
        report.workers_cpu += part.workers_cpu
        report.seen(part.already_listed, part.recorded_listed)
    report.rejected.sort(key=lambda p: p.line)
    report.warnings.sort(key=lambda p: p.line)
    return report


# A line as careerlog writes it, starting with the kind and an all-digit NIP: its record without parsing it.
_PLAIN_HEAD = re.compile(rb'\{"kind":"[a-z_]+","nip":"([0-9]+)"[,}]')
# Consecutive whole lines that each start so, with the same NIP: one record's run of rows.
_PLAIN_RUN = re.compile(
    rb'^\{"kind":"[a-z_]+","nip":"([0-9]+)"[,}][^\n]*(?:\n|\Z)(?:\{"kind":"[a-z_]+","nip":"\1"[,}][^\n]*(?:\n|\Z))*',
    re.MULTILINE,
)

Piece = tuple[int, Any, int, int]  # first line, (record, bytes) or the reason it is unreadable, bytes read, rows


def _jsonl_pieces(stream: IO[bytes]) -> Iterator[Piece]:
    """The rows of a JSON Lines file as `_raw_rows` routes them, a block of whole lines at a time.

    In a block whose every line `_raw_rows` would route without parsing it (written as
    careerlog writes rows), each run of consecutive lines of one record is one piece: its
    first line's number, (the record, the lines' bytes), their size and how many they are.
    Any other block goes line by line through `_raw_rows`, each row a piece of its own.
    """
    for first, block in _blocks(stream):
        runs = _plain_runs(block)
        if runs is None:
            for number, row, nbytes in _raw_rows(io.BytesIO(block), start=first):
                yield number, row, nbytes, 1
            continue
        number = first
        for run in runs:
            raw = run[0]
            rows = raw.count(b"\n") + (not raw.endswith(b"\n"))  # (the file's last line may have no newline)
            yield number, (run[1].decode(), raw), len(raw), rows
            number += rows


def _plain_runs(block: bytes) -> list[re.Match[bytes]] | None:
    """The runs of one record's lines that make up the whole block, when each of its lines is written as
    careerlog writes rows (it starts so, names "nip" once and has no \\u escape); None otherwise."""
    if b"\\" in block and b"\\u" in block:  # (a backslash is looked for first: a far quicker search)
        return None
    runs = list(_PLAIN_RUN.finditer(block))
    at = 0
    for run in runs:
        if run.start() != at:  # a line between runs that does not start so (or a blank one)
            return None
        at = run.end()
    lines = block.count(b"\n") + (not block.endswith(b"\n"))
    # every line holds "nip" at least once, in its start: once each if the block holds it once per line
    return runs if at == len(block) and block.count(b'"nip"') == lines else None


def _raw_rows(stream: IO[bytes], start: int = 1) -> Iterator[RawRow]:
    """JSON lines as `read_jsonl` reads them, each good row as (its record, its bytes): these go to a worker.

    A line that starts as careerlog writes rows (`{"kind":"...","nip":"<digits>",`), names
    "nip" nowhere else and has no \\u escape (which could spell another "nip" key) is not
    parsed here: its record is those digits, as `route_subject` would find it, and the
    worker that imports it parses it (and reports it, should it be unreadable, with the
    same line and reason). Any other line is parsed here. Lines are numbered from `start`.
    """
    for number, raw in enumerate(stream, start=start):
        head = _PLAIN_HEAD.match(raw)
        if head is not None and raw.count(b'"nip"') == 1 and b"\\u" not in raw:
            yield number, (head[1].decode(), raw), len(raw)
        elif raw.strip() and not (number == 1 and bom_alone(raw)):
            row = parse_jsonl_line(raw)
            yield number, (route_subject(row), raw) if isinstance(row, dict) else row, len(raw)
