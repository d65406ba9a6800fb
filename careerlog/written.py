"""Files the command line writes (an export, an import's report and refused rows, the demo's output): a failure
while writing one names it; those holding the record's personal data (an export, an import's report and refused
rows, the demo's output and its list of irregularities, a new SQLite store: `open_private`, `make_private`) are
made readable and writable by their owner alone."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any

# The mode of a file careerlog makes holding personal data (its owner alone reads and writes it), whatever the umask:
# an export, the demo's output and a new SQLite store were made 0644 under the usual umask 022, readable by every
# user of the machine (until 2026-12-05)
PRIVATE_MODE = 0o600


@contextmanager
def written_to(name: str | os.PathLike[str]) -> Iterator[None]:
    """Writes to the file `name` (or "standard output"): an OSError that names no file (a disk full, an I/O error or
    a quota met while writing or closing it) is raised again naming it, so that the command line reports which file
    and why in one line (careerlog.cli.friendly_errors: "Cannot use backup.jsonl: No space left on device."), not a
    traceback. A broken pipe is left as it is: the reader went away (click ends quietly)."""
    try:
        yield
    except OSError as e:
        if e.filename is not None or e.errno == errno.EPIPE:
            raise
        raise OSError(e.errno, e.strerror, str(name)) from None


def open_private(path: str | os.PathLike[str], mode: str = "wb") -> IO[Any]:
    """`path` opened for writing (emptied when there), made PRIVATE_MODE when this makes it (a file there keeps its
    mode: its owner chose it)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE), mode)


def make_private(path: str | os.PathLike[str]) -> None:
    """Make an empty file at `path`, PRIVATE_MODE, unless one is there (a new SQLite store: SQLite then writes its
    tables into it, and makes its -wal and -shm files with the store's file's mode)."""
    # (O_EXCL: a store there is never opened here, as closing a descriptor of it would drop every POSIX lock this
    # process's SQLite connections hold on it: careerlog.config.Settings._refuse_directory)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE))
