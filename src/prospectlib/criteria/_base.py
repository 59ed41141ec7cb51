"""What every criterion shares: the protocol, the explained answer, checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from typing import Protocol
from typing import runtime_checkable

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.model import Lead
from prospectlib.model._require import require_lead_at

MAX_DEPTH = v.MAX_DEPTH
"""How many levels criteria may nest below the outermost one (32): ``not_(x)``
is one level above ``x``. Constructors refuse a deeper criterion, and so does
`prospectlib.serialize.from_dict`, so every criterion that can be built can be
written and read back."""

require_aware = v.require_aware


check_arguments = require_lead_at
"""What every criterion's ``test`` and ``evaluate`` check first: a `Lead`
(else `LeadTypeError`) and an aware datetime (else `ValidationError`)."""


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


# --- how criteria nest ---------------------------------------------------------------


def depth_of(criterion: object) -> int:
    """How many levels of criteria *criterion* holds below itself (0 for a leaf)."""
    depth: int = getattr(criterion, "_depth", 0) if type(criterion) in BUILT_IN else 0
    return depth


def nest(owner: object, parts: Iterable[object]) -> None:
    """Record *owner* one level above its deepest part; refuse it past `MAX_DEPTH`.

    *owner* keeps the depth in its private field ``_depth`` (0 without parts).
    """
    depth = max((1 + depth_of(part) for part in parts), default=0)
    if depth > MAX_DEPTH:
        v.refuse(v.DEPTH_EXPECTED)
    object.__setattr__(owner, "_depth", depth)


def nested(inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator of a field holding criteria (one, or a tuple): see `nest`."""
    nest(inst, value if isinstance(value, tuple) else (value,))


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
    """The exclusive start of ``(at - within, at]``; ``None`` for no limit.

    A window reaching before year 1 holds everything up to *at*.
    """
    return None if within is None else v.earlier(at, within)


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
