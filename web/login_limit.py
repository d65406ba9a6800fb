"""Flask-Limiter's counts kept in the store (`careerlog://`), so every worker and host counts together.

Flask-Limiter's storages (the `limits` package: memory, Redis, Memcached, MongoDB, etcd) have no SQL
one, and the memory one counted in each worker: `careerlog serve --workers N` on H hosts let an address
try N x H times the limit. This storage keeps a key's hits in the store's `rate_limits` table
(careerlog.accounts.Accounts.hit: one atomic upsert per hit, SQLite and PostgreSQL alike), read through
the accounts of the app serving the request. It serves the fixed-window strategy (Flask-Limiter's
default), the one careerlog uses.
"""

from __future__ import annotations

from eventsourcing.persistence import PersistenceError
from flask import current_app, has_app_context
from limits.storage import Storage

from careerlog.accounts import Accounts

SCHEME = "careerlog"


class StoreStorage(Storage):
    """Rate-limit counters in the careerlog store of the current app."""

    STORAGE_SCHEME = [SCHEME]

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return PersistenceError

    @staticmethod
    def _accounts() -> Accounts | None:
        if not has_app_context():
            return None
        services = current_app.extensions.get("careerlog")
        return services.accounts if services is not None else None

    def _needed(self) -> Accounts:
        accounts = self._accounts()
        if accounts is None:
            raise RuntimeError("careerlog's rate limits are counted inside a careerlog app only.")
        return accounts

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self._needed().hit(key, expiry, amount)

    def get(self, key: str) -> int:
        return self._needed().hits(key)[0]

    def get_expiry(self, key: str) -> float:
        return self._needed().hits(key)[1]

    def check(self) -> bool:
        accounts = self._accounts()
        if accounts is None:
            return False
        try:
            accounts.hits("")
        except PersistenceError:
            return False
        return True

    def reset(self) -> int | None:
        accounts = self._accounts()
        if accounts is not None:
            accounts.forget_hits()
        return None

    def clear(self, key: str) -> None:
        self._needed().forget_hits(key)
