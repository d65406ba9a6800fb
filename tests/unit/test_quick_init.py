"""quick_init: a frozen dataclass filled through its __dict__ is the same object as its own __init__ makes."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import pytest

from careerlog.application import Command, Migration
from careerlog.domain.ledger import Decision, Outcome, Recording
from careerlog.domain.quick import quick_init
from careerlog.importing import RowProblem

AT = datetime(2024, 1, 5, 8, 30, tzinfo=UTC)
EXAMPLES: list[tuple[type, tuple[Any, ...], dict[str, Any]]] = [
    (Command, ("198609262010031001", "training", {"hours": 3}), {"client_key": "K", "line": 4}),
    (Command, ("198609262010031001", "training", {}), {}),
    (Migration, (AT,), {"migrated": False}),
    (Recording, (AT, "hr"), {"client_key": "K"}),
    (Outcome, ("198609262010031001", 3, "training", AT, True), {}),
    (Decision, ("an aggregate", Recording, {"a": 1}, Recording(AT, "hr")), {"key": "training:R"}),
    (RowProblem, (4, None, "training"), {"errors": {"hours": ["Not a valid integer."]}}),
]


def original_init(cls: type) -> Any:
    """The class as the dataclass decorator alone would make it."""
    fields = [(f.name, f.type, f) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True)


@pytest.mark.parametrize(("cls", "args", "kwargs"), EXAMPLES, ids=lambda v: getattr(v, "__name__", ""))
def test_a_quick_frozen_dataclass_has_the_fields_equality_hash_and_repr_of_the_plain_one(
    cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    quick, plain = cls(*args, **kwargs), original_init(cls)(*args, **kwargs)
    assert list(vars(quick).items()) == list(vars(plain).items())
    assert quick == cls(*args, **kwargs)
    assert repr(quick) == repr(plain).replace(plain.__class__.__qualname__, cls.__qualname__, 1)
    try:
        expected = hash(plain)
    except TypeError:  # a dict among the fields: neither hashes
        with pytest.raises(TypeError):
            hash(quick)
    else:
        assert hash(quick) == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.line = 9  # type: ignore[attr-defined]


def test_a_quick_init_takes_keywords_and_defaults_and_refuses_what_it_cannot_build() -> None:
    assert Command(subject="S", kind="k", payload={}) == Command("S", "k", {}, None, None, None, 0)
    with pytest.raises(TypeError):
        Command("S")  # type: ignore[call-arg]

    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass
    class NotFrozen:
        a: int

    @dataclasses.dataclass(frozen=True)
    class PostInit:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (WithFactory, NotFrozen, PostInit):
        with pytest.raises(TypeError):
            quick_init(cls)
