"""One follower per SQLite store: the serving process holding a file lock keeps the views.

Several serving processes may share an embedded (SQLite) store; only one of them may
follow the log, or they would apply the same batches twice over. Each process tries to
take an exclusive lock on a file beside the database; the one that holds it runs a
`projections.framework.Follower`, and the others try again now and then, so another
process takes over when the follower's process ends.

The follower leaves alone a view another process fills: one another careerlog release made again at its version
(an upgrade under way, or an older release's rebuild taking it back) or one judged by other rules
(CAREERLOG_RULES_FILE). It says so once per view and version (or rules) on the log, at WARNING, with what to do:
an operator otherwise sees only a view that stops catching up. A step that fails (the follower tries again every
second) is logged at ERROR with its traceback once per kind and message of error, and again once it recovers.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from pathlib import Path
from typing import IO

from projections.framework import Follower, Projector

log = logging.getLogger(__name__)


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
        self._told: set[tuple[str, object]] = set()  # the views left alone already logged, with what was found
        self._failing: str | None = None  # the error the follower's steps fail with, as logged

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
                self.follower = Follower(self.projector, interval=self.interval, stepped=self.tell).start()
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

    def tell(self) -> None:
        """After each of the follower's steps: what the operator is to know (`tell_failing`, `tell_left_alone`)."""
        self.tell_failing()
        self.tell_left_alone()

    @property
    def failing(self) -> str | None:
        """The error this process's follower's last step failed with (`RuntimeError: ...`), as the log gives it;
        None while its steps succeed, and in a process that does not follow (another holds the lock)."""
        error = self.follower.error if self.follower is not None else None
        return None if error is None else f"{type(error).__name__}: {error}"

    @property
    def failing_kind(self) -> str | None:
        """The kind of that error alone (`RuntimeError`), what a client is told (web.errors.own_follower_failing: its
        message may hold paths or SQL, for the log); None as `failing`."""
        error = self.follower.error if self.follower is not None else None
        return None if error is None else type(error).__name__

    def tell_failing(self) -> None:
        """Log a step's error (the views stop catching up while it lasts) once per kind and message, with its
        traceback, and that the follower recovered when a step succeeds again."""
        error = self.follower.error if self.follower is not None else None
        described = self.failing
        if described == self._failing:
            return
        if error is not None:
            log.error(
                "The SQLite follower's step failed: %s. The views stop catching up with the log while it lasts; "
                "the follower tries again every second (this is logged again only for another error).",
                described,
                exc_info=error,
            )
        else:
            log.warning("The SQLite follower's steps succeed again after: %s", self._failing)
        self._failing = described

    def tell_left_alone(self) -> None:
        """Log, once per view and what its version (or rules) were found to be, each view the follower leaves
        alone because another release or other rules fill it (`Projector.versioned_otherwise`,
        `configured_otherwise`), with what the operator is to do."""
        ours = {p.name: p.version for p in self.projector.projections}
        for name, theirs in list(self.projector.versioned_otherwise.items()):
            if (name, theirs) in self._told:
                continue
            self._told.add((name, theirs))
            own = ours.get(name)
            if own is not None and theirs > own:
                remedy = (
                    "a newer careerlog release made it again (an upgrade under way): stop this server and run the "
                    "newer release on every process"
                )
            else:
                remedy = (
                    f"an older careerlog release took it back (its careerlog projections rebuild {name}): run one "
                    f"release on every process; to keep this one, stop the older ones and run this release's "
                    f"careerlog projections rebuild {name}"
                )
            log.warning(
                "The SQLite follower leaves the view %s alone: it is at version %s in the store, this release's is "
                "version %s; %s (docs/operations.md, Upgrades). Until then it is not kept current by this server.",
                name,
                theirs,
                own,
                remedy,
            )
        for name, (digests, digest) in list(self.projector.configured_otherwise.items()):
            if (name, digests) in self._told:
                continue
            self._told.add((name, digests))
            log.warning(
                "The SQLite follower leaves the view %s alone: its rows are judged by the rules of digest %s, this "
                "server's CAREERLOG_RULES_FILE gives %s; give every process the same CAREERLOG_RULES_FILE and start "
                "this server again (docs/operations.md, Upgrades). Until then it is not kept current by this server.",
                name,
                digests,
                digest,
            )
