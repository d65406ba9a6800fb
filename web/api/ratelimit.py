"""The per-token rate limit of the API (CAREERLOG_API_RATE_LIMIT, default 3000 per minute): a token past it is
answered 429 problem+json with Retry-After until its window ends.

The count is the `limits` package's fixed window (Flask-Limiter's default strategy, as the log-in limit's),
kept in the store's `rate_limits` table (careerlog.accounts.Accounts.hit) so that every worker and host of
`careerlog serve` counts together. A write of the store on every request would cost a read more than the read
itself (about 0.3 ms of CPU on SQLite), so each process counts a token's hits itself and adds them to the store
in batches: when a second has passed since it last did, when it holds `batch` hits (a hundredth of the limit),
when the window is new to it, and on every hit within `batch` below the limit (past it, in batches again: a
client hammering on refused is no more writes). It knows the store's count as of its last batch, so a token is
refused once its hits in the store and in this process reach the limit; other processes' hits not yet added
(fewer than `batch` each, under a second's) are what a token may pass it by.

The fast reads (web.fastreads) count each request they answer here too. A request they hand to Flask after counting
it (a record outside the scope, a role refused: the Flask app answers every error) carries COUNTED in its WSGI
environ, and `guard` does not count it again: counted twice, each such 403 or 404 cost a token two requests. One
they hand over before counting (CSV, `wait_for`, a refused query) or past the limit is counted there as any other.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from eventsourcing.persistence import PersistenceError
from flask import Response
from limits import RateLimitItem, parse
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter

from careerlog.accounts import Accounts, token_hash
from careerlog.domain.wording import Refusal
from web.errors import problem

COUNTED = "careerlog.rate_limit.counted"  # WSGI environ key: the fast path counted this request, within the limit
FLUSH_SECONDS = 1.0  # a process adds a token's hits to the store at least this often while it is used
KEPT_TALLIES = 4096  # tokens whose counts a process keeps before forgetting those whose window has ended

# The 429's detail, and its limit as `limits` writes it ("5 per 1 minute"), one wording a unit of time: Refusals, so
# the API says them in the client's language (web.languages; until 2026-12-08 in English whatever was asked)
TOO_MANY_REQUESTS = Refusal(
    "Too many requests with this token (at most {limit}): try again in {wait} seconds.", numbers=("wait",)
)
PER_UNIT = {
    unit: Refusal(f"{{amount}} per {{multiples}} {unit}", numbers=("amount", "multiples"))
    for unit in ("second", "minute", "hour", "day", "month", "year")
}


def limit_words(item: RateLimitItem) -> str:
    """A rate limit as `limits` writes it (`str(item)`: "5 per 1 minute"), worded to be translated."""
    per = PER_UNIT.get(item.GRANULARITY.name)
    return str(item) if per is None else per.reason(amount=item.amount, multiples=item.multiples)


@dataclass
class Tally:
    """One token's window as a process knows it."""

    window_end: float = 0.0  # when the store's window ends (0: not known yet)
    counted: int = 0  # the store's count after this process last added its hits (every process's hits)
    pending: int = 0  # this process's hits not yet in the store
    added_at: float = 0.0  # when this process last added its hits


class BatchedStoreCounts(Storage):
    """A `limits` storage counting in the store (web.login_limit's table) in batches, for one rate limit."""

    STORAGE_SCHEME = ["careerlog-batched"]

    def __init__(self, accounts: Accounts, limit: int, *, flush_seconds: float = FLUSH_SECONDS) -> None:
        super().__init__()
        self.accounts = accounts
        self.limit = limit
        self.batch = max(1, limit // 100)
        self.flush_seconds = flush_seconds
        self.tallies: dict[str, Tally] = {}
        self.lock = threading.Lock()

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return PersistenceError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self.lock:
            tally = self.tallies.get(key)
            if tally is None or now >= tally.window_end > 0:
                if len(self.tallies) >= KEPT_TALLIES:
                    self.tallies = {k: t for k, t in self.tallies.items() if t.window_end > now}
                tally = self.tallies[key] = Tally()
            tally.pending += amount
            if not self._due(tally, now):
                return tally.counted + tally.pending
            adding, tally.pending, tally.added_at = tally.pending, 0, now
        counted = self.accounts.hit(key, expiry, adding)  # outside the lock: other tokens' hits go on meanwhile
        window_end = self.accounts.hits(key)[1] if tally.window_end == 0 else tally.window_end
        with self.lock:
            tally.counted = max(tally.counted, counted)
            tally.window_end = window_end
            return tally.counted + tally.pending

    def _due(self, tally: Tally, now: float) -> bool:
        """Whether this hit adds the process's hits to the store (see the module's docstring)."""
        return (
            tally.window_end == 0
            or tally.pending >= self.batch
            or now - tally.added_at >= self.flush_seconds
            or tally.counted < self.limit < tally.counted + tally.pending + self.batch
        )

    def get(self, key: str) -> int:
        with self.lock:
            tally = self.tallies.get(key)
            return 0 if tally is None else tally.counted + tally.pending

    def get_expiry(self, key: str) -> float:
        with self.lock:
            tally = self.tallies.get(key)
            return tally.window_end if tally is not None and tally.window_end else time.time()

    def check(self) -> bool:
        try:
            self.accounts.hits("")
        except PersistenceError:
            return False
        return True

    def reset(self) -> int | None:
        with self.lock:
            keys, self.tallies = list(self.tallies), {}
        for key in keys:
            self.accounts.forget_hits(key)
        return None

    def clear(self, key: str) -> None:
        with self.lock:
            self.tallies.pop(key, None)
        self.accounts.forget_hits(key)


class TokenLimit:
    """The API's limit per token: `allows` counts a request, `refusal` is its 429."""

    def __init__(self, accounts: Accounts, rate: str | None) -> None:
        self.item: RateLimitItem | None = parse(rate) if rate else None
        self.strategy = (
            FixedWindowRateLimiter(BatchedStoreCounts(accounts, self.item.amount)) if self.item is not None else None
        )

    def allows(self, token: str) -> bool:
        """Count a request of this token; whether it is within the limit (always, with no limit set)."""
        if self.item is None or self.strategy is None:
            return True
        return self.strategy.hit(self.item, "api-token", token_hash(token))

    def refusal(self, token: str) -> Response:
        """The 429 to a token past its limit: problem+json naming the limit, Retry-After the seconds its window
        has left."""
        assert self.item is not None  # (only a limit refuses)
        assert self.strategy is not None
        reset = self.strategy.get_window_stats(self.item, "api-token", token_hash(token)).reset_time
        wait = max(1, math.ceil(reset - time.time()))
        detail = TOO_MANY_REQUESTS.reason(limit=limit_words(self.item), wait=wait)
        return problem(429, detail, slug="rate-limited", headers={"Retry-After": str(wait)})
