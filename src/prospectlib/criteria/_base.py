"""What every criterion shares: the protocol, the explained answer, checks."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any
from typing import Protocol
from typing import runtime_checkable

import attrs

from prospectlib import _convert
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.model import Activity
from prospectlib.model import Channel
from prospectlib.model import Lead
from prospectlib.model import ObjectionKind
from prospectlib.model import Verdict


def require_aware(at: object, name: str = "at") -> dt.datetime:
    """Return *at* if it is a timezone-aware datetime, else raise `ValidationError`.

    Examples:
        >>> import datetime as dt
        >>> require_aware(dt.datetime(2026, 1, 1))
        Traceback (most recent call last):
        ...
        prospectlib.errors.ValidationError: at: expected a timezone-aware datetime \
(got a naive one)
    """
    if isinstance(at, dt.datetime) and at.utcoffset() is not None:
        return at
    if isinstance(at, dt.datetime):
        expected = "a timezone-aware datetime (got a naive one)"
    else:
        expected = f"a timezone-aware datetime (got {type(at).__name__})"
    raise ValidationError([Problem(path=name, expected=expected)])


@attrs.frozen(kw_only=True)
class Check:
    """An explained answer: passed or not, why, and which parts were unmet.

    Examples:
        >>> c = Check(passed=False, reason="needs 3 of 4", unmet=("budget is not met",))
        >>> c.passed, c.unmet
        (False, ('budget is not met',))
    """

    passed: bool
    """Whether the criterion holds."""
    reason: str
    """Why, in one sentence."""
    unmet: tuple[str, ...] = ()
    """For a failed check: the reasons of the failed leaf criteria (or ``reason``)."""

    def __bool__(self) -> bool:
        """A check is truthy when it passed."""
        return self.passed


def _fail(reason: str, unmet: tuple[str, ...] = ()) -> Check:
    return Check(passed=False, reason=reason, unmet=unmet or (reason,))


def _pass(reason: str) -> Check:
    return Check(passed=True, reason=reason)


@runtime_checkable
class Criterion(Protocol):
    """**Protocol:** a predicate over a lead at a time.

    Built-in criteria implement both methods; `test` is the fast path used by
    guards and scoring, `evaluate` adds the explanation.
    """

    def test(self, lead: Lead, *, at: dt.datetime) -> bool:
        """Whether the criterion holds for *lead* at *at*."""
        ...  # pragma: no cover  # a protocol's body never runs

    def evaluate(self, lead: Lead, *, at: dt.datetime) -> Check:
        """The explained answer for *lead* at *at*."""
        ...  # pragma: no cover  # a protocol's body never runs


# Criteria are read and written as ``{"kind": ..., ...}``: each kind's class
# registers itself (``@_convert.serializable(kind=..., of=Criterion)``).
_convert.register_union(Criterion)


# --- validators -----------------------------------------------------------------------


def _config_error(owner: object, field: str, expected: str) -> InvalidConfigError:
    return InvalidConfigError(
        [Problem(path=f"{type(owner).__name__}.{field}", expected=expected)]
    )


def _positive_int(inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 1:
        raise _config_error(inst, attribute.name, "a whole number >= 1")


def _optional_window(
    inst: object, attribute: attrs.Attribute[dt.timedelta | None], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise _config_error(inst, attribute.name, "a positive timedelta or None")


def _enum_tuple(enum_type: type[enum.Enum]) -> Callable[[object], object]:
    def convert(value: object) -> object:
        if isinstance(value, (str, enum.Enum)):
            value = (value,)
        if not isinstance(value, Iterable):
            return value
        out = []
        for item in value:
            try:
                out.append(enum_type(item))
            except ValueError:
                out.append(item)
        return tuple(out)

    return convert


def _to_activities(
    value: Iterable[Activity | str] | Activity | str,
) -> tuple[Activity, ...]:
    return _enum_tuple(Activity)(value)  # type: ignore[return-value]


def _to_objection_kinds(
    value: Iterable[ObjectionKind | str] | ObjectionKind | str,
) -> tuple[ObjectionKind, ...]:
    return _enum_tuple(ObjectionKind)(value)  # type: ignore[return-value]


def _enum_tuple_validator(enum_type: type[enum.Enum]) -> Callable[..., None]:
    names = ", ".join(repr(m.value) for m in enum_type)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(
            isinstance(v, enum_type) for v in value
        ):
            raise _config_error(inst, attribute.name, f"a list of {names}")

    return check


def _lenient(enum_type: type[enum.Enum], value: object) -> object:
    try:
        return enum_type(value)
    except ValueError:
        return value


def _to_verdict(value: Verdict | str) -> Verdict:
    return _lenient(Verdict, value)  # type: ignore[return-value]


def _to_channel(value: Channel | str) -> Channel:
    return _lenient(Channel, value)  # type: ignore[return-value]


def _member(enum_type: type[enum.Enum]) -> Callable[..., None]:
    names = ", ".join(repr(m.value) for m in enum_type)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum_type):
            raise _config_error(inst, attribute.name, f"one of {names}")

    return check


def _flag(inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise _config_error(inst, attribute.name, "true or false")


def _text(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise _config_error(inst, attribute.name, "a non-empty string")


def _stage_entry_as_of(lead: Lead, at: dt.datetime) -> dt.datetime | None:
    """When the lead's last stage change up to *at* happened (``None``: none yet)."""
    for change in reversed(lead.history):
        if change.at <= at:
            return change.at
    return None


def _stage_as_of(lead: Lead, at: dt.datetime) -> str:
    """The stage the lead was in at *at*."""
    for change in reversed(lead.history):
        if change.at <= at:
            return change.target
    return lead.history[0].source if lead.history else lead.stage


def _window_start(at: dt.datetime, within: dt.timedelta | None) -> dt.datetime | None:
    """The exclusive start of ``(at - within, at]``; ``None`` for no limit."""
    if within is None:
        return None
    try:
        return at - within
    except OverflowError:  # the window reaches before year 1: it holds everything
        return None


def _days(delta: dt.timedelta) -> str:
    days = delta / dt.timedelta(days=1)
    if days >= 1 and days == int(days):
        return f"{int(days)} day{'s' if days != 1 else ''}"
    hours = delta / dt.timedelta(hours=1)
    return f"{hours:g} hour{'s' if hours != 1 else ''}"


BUILT_IN: set[type[Any]] = set()
"""The built-in criterion classes (filled as their modules load)."""


def is_criterion(value: object) -> bool:
    """Whether *value* can serve as a criterion: it has ``test`` and ``evaluate``.

    Faster than ``isinstance(value, Criterion)`` for the built-in criteria,
    which matters when a pipeline or score model with many guards is defined.

    Examples:
        >>> from prospectlib.criteria import HasTag
        >>> is_criterion(HasTag(tag="vip")), is_criterion("vip")
        (True, False)
    """
    return type(value) in BUILT_IN or (
        not isinstance(value, type) and isinstance(value, Criterion)
    )
