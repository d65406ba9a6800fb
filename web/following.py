"""One follower per SQLite store: the serving process holding a file lock keeps the views.

Several serving processes may share an embedded (SQLite) store; only one of them may
follow the log, or they would apply the same batches twice over. Each process tries to
take an exclusive lock on a file beside the database; the one that holds it runs a
`projections.framework.Follower`, and the others try again now and then, so another
process takes over when the follower's process ends.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path
from typing import IO

from projections.framework import Follower, Projector


def lock_path(sqlite_path: str) -> Path:
    return Path(sqlite_path).expanduser().resolve().with_name(Path(sqlite_path).name + ".follower.lock")


class FollowerLease:
    """Follows the log while this process holds the store's follower lock."""

    def __init__(self, projector: Projector, path: Path, *, retry: float = 5.0, interval: float = 0.2):
        self.projector = projector
        self.path = path
        self.retry = retry
        self.interval = interval
        self.follower: Follower | None = None
        self._file: IO[bytes] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="careerlog-follower-lease", daemon=True)

    def start(self) -> FollowerLease:
        self._thread.start()
        return self

    @property
    def following(self) -> bool:
        return self.follower is not None

    def poke(self) -> None:
        """Wake the follower after a write (when this process is the one following)."""
        if self.follower is not None:
            self.follower.poke()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5.0)
        if self.follower is not None:
            self.follower.stop()
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._take():
                self.follower = Follower(self.projector, interval=self.interval).start()
                return
            self._stop.wait(self.retry)

    def _take(self) -> bool:
        handle = self.path.open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._file = handle
        return True
