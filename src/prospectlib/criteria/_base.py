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
from prospectlib.errors import Unmet
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


def _conditions_from_unmet(check: Check) -> tuple[Unmet, ...]:
    """Conditions for a check built with texts only (a criterion of yours)."""
    return tuple(
        Unmet(kind="custom", key=None, verdict="unmet", message=m) for m in check.unmet
    )


def _matching(check: Check, attribute: attrs.Attribute[Any], value: object) -> None:
    """`Check.conditions` must be `Unmet` values whose messages are `unmet`."""
    if not (
        isinstance(value, tuple)
        and all(isinstance(c, Unmet) for c in value)
        and tuple(c.message for c in value) == check.unmet
    ):
        raise v.config_error(
            check, attribute.name, "a tuple of Unmet whose messages are unmet, in order"
        )


@attrs.frozen(kw_only=True)
class Check:
    """An explained answer: passed or not, why, and which parts were unmet.

    ``unmet`` says each unmet part in words; ``conditions`` says the same parts
    as data (`prospectlib.errors.Unmet`: kind, key, verdict, message), which is
    what a service hands its client. A check you build with ``unmet`` alone
    gets one ``custom`` condition per line.

    Examples:
        >>> c = Check(passed=False, reason="needs 3 of 4", unmet=("budget is not met",))
        >>> c.passed, c.unmet
        (False, ('budget is not met',))
        >>> c.conditions[0].kind, c.conditions[0].message
        ('custom', 'budget is not met')
    """

    passed: bool
    """Whether the criterion holds."""
    reason: str
    """Why, in one sentence."""
    unmet: tuple[str, ...] = ()
    """For a failed check: the reasons of the failed leaf criteria (or ``reason``)."""
    conditions: tuple[Unmet, ...] = attrs.field(
        default=attrs.Factory(_conditions_from_unmet, takes_self=True),
        validator=_matching,
    )
    """For a failed check: each unmet part as data, in the order of ``unmet``."""

    def __bool__(self) -> bool:
        """A check is truthy when it passed."""
        return self.passed


# The answers criteria build are valid by construction, so they are made
# without their classes' checks: `Check` and `Unmet` check what a caller gives
# them, and in `__init__` those checks cost more than most criteria's own test
# (``evaluate`` runs on every explanation, guard refusal and policy decision).
_new = object.__new__
_set = object.__setattr__


def _check(reason: str, conditions: tuple[Unmet, ...]) -> Check:
    """A `Check` the library states, made without its checks.

    It failed when it names unmet *conditions*, and passed when it names none.
    """
    made: Check = _new(Check)
    _set(made, "passed", not conditions)
    _set(made, "reason", reason)
    _set(made, "unmet", tuple(c.message for c in conditions))
    _set(made, "conditions", conditions)
    return made


def _unmet(kind: str, key: str | None, verdict: str, message: str) -> Unmet:
    """An `Unmet` the library states, made without its checks."""
    made: Unmet = _new(Unmet)
    _set(made, "kind", kind)
    _set(made, "key", key)
    _set(made, "verdict", verdict)
    _set(made, "message", message)
    return made


def _fail(
    reason: str, kind: str, key: str | None = None, *, unknown: bool = False
) -> Check:
    """A leaf criterion's refusal: one condition, in words and as data."""
    verdict = "unknown" if unknown else "unmet"
    condition = _unmet(kind, key, verdict, reason)
    return _check(reason, (condition,))


def _fail_all(reason: str, conditions: Iterable[Unmet], kind: str) -> Check:
    """A composite's refusal: the unmet conditions of its parts.

    A part of yours may fail with no conditions: then the composite's *reason*
    is the one condition, of its *kind*.
    """
    found = tuple(conditions) or (_unmet(kind, None, "unmet", reason),)
    return _check(reason, found)


def subject_of(criterion: object) -> str | None:
    """What a refusal of the library's *criterion* is about (``None`` if nothing)."""
    if type(criterion) not in BUILT_IN:
        return None
    subject: str | None = getattr(criterion, "_subject", None)
    return subject


def _pass(reason: str) -> Check:
    return _check(reason, ())


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
