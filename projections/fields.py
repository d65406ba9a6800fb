"""marshmallow fields for what the views hold as plain JSON (ISO dates and times, flags as 0 or 1): the API's
(web.api.fields re-exports them) and the command line's, which dumps what the API dumps with the same schemas
(projections.merit.schemas)."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields

from careerlog.domain.wording import NO_SUCH_ISO_DAY
from projections.reading import ISO_DAY


class PlainDate(fields.Date):
    """A date: loads YYYY-MM-DD (alone: `plain_day`) into a date, dumps a date or an ISO string as it is."""

    # the format it takes, as the pages say it (until 2026-12-06 marshmallow's "Not a valid date."), and a day of that
    # form the calendar does not have (2025-02-30) as an import says it (until 2026-12-06 "Must be a date YYYY-MM-DD.",
    # which it was: found by a tester)
    default_error_messages = {"invalid": "Must be a date YYYY-MM-DD.", "no_day": NO_SUCH_ISO_DAY}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> date:
        if isinstance(value, str) and not ISO_DAY.fullmatch(value):
            raise self.make_error("invalid")
        try:
            return super()._deserialize(value, attr, data, **kwargs)
        except ValidationError:
            if isinstance(value, str):  # (of the form, so of no day)
                raise self.make_error("no_day") from None
            raise

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class PlainDateTime(fields.DateTime):
    """A date and time with its offset (ISO 8601); dumps ISO strings as they are."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class Flag(fields.Boolean):
    """A true/false value the views may hold as 0 or 1: always dumped as a JSON boolean."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return None if value is None else bool(value)
