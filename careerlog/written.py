"""Files the command line writes (an export, an import's report and refused rows, the demo's output): a failure
while writing one names it."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager


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
