"""The parts a pipeline is declared from: stages and transitions."""

from __future__ import annotations

import datetime as dt
import enum
import keyword
import re
from collections.abc import Iterable
from typing import Any

import attrs
from statemachine import StateChart

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.errors import InvalidConfigError

_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# Names python-statemachine keeps for itself on a chart class; an event id becomes
# an attribute of the chart, so it may not take one of them.
RESERVED_IDS = (
    frozenset(name for name in dir(StateChart) if not name.startswith("__"))
    # set on instances, or protected by the chart's metaclass
    | {
        "model",
        "state_field",
        "start_value",
        "history_values",
        "final_states",
        "initial_state",
    }
    | frozenset(keyword.kwlist)
)
"""Ids a stage or event may not have: python-statemachine's names and keywords."""


class StageKind(enum.StrEnum):
    """What reaching a stage means for the lead.

    Examples:
        >>> StageKind("won") is StageKind.WON
        True
    """

    OPEN = "open"
    """Still being worked: the funnel and its detours (nurture, lapsed)."""
    WON = "won"
    """The lead bought: customer, repeat customer, advocate."""
    LOST = "lost"
    """The lead went elsewhere or stopped answering."""
    CLOSED = "closed"
    """Work stopped for another reason: disqualified, unsubscribed."""


class LostReason(enum.StrEnum):
    """Why a lead was lost; the ``lose`` event of `b2b_pipeline` requires one.

    Examples:
        >>> LostReason.COMPETITOR.value
        'competitor'
    """

    COMPETITOR = "competitor"
    """Chose a competitor."""
    NO_LONGER_NEEDED = "no_longer_needed"
    """The need went away."""
    PRICE = "price"
    """Too expensive."""
    NO_RESPONSE = "no_response"
    """Stopped answering."""
    BAD_TIMING = "bad_timing"
    """Not now."""
    OTHER = "other"
    """Anything else."""


def id_fault(value: object) -> str | None:
    """What is wrong with *value* as a stage or event id, or ``None`` if nothing."""
    if type(value) is not str or _ID.fullmatch(value) is None:
        return (
            "an id of lower-case letters, digits and single underscores, "
            "starting with a letter, like 'sales_qualified'"
        )
    if value in RESERVED_IDS:
        return (
            f"an id that python-statemachine does not reserve ({value!r} is reserved)"
        )
    return None


def check_id(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """A usable stage or event id (an attrs validator)."""
    fault = id_fault(value)
    if fault is not None:
        v.refuse(fault)


_optional_label = v.optional(v.text("a non-empty string or None"))
_optional_delta = v.optional(v.duration("a positive timedelta or None"))


def _delta(value: dt.timedelta | str | None) -> dt.timedelta | None:
    return v.optional_duration(value)


def _default_label(inst: Stage) -> str:
    # Defaults are made before validators run: the id may be anything yet.
    return inst.id.replace("_", " ").capitalize() if type(inst.id) is str else ""


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Stage:
    """One stage of a pipeline.

    Examples:
        >>> import datetime as dt
        >>> Stage(
        ...     id="marketing_qualified", label="MQL", sla=dt.timedelta(days=1)
        ... ).due_soon
        datetime.timedelta(seconds=21600)
    """

    id: str = attrs.field(validator=check_id)
    """The stage id stored in `Lead.stage`, e.g. ``"marketing_qualified"``."""
    label: str = attrs.field(
        default=attrs.Factory(_default_label, takes_self=True),
        validator=_optional_label,
    )
    """A readable name, e.g. ``"Marketing qualified (MQL)"``."""
    kind: StageKind = attrs.field(default=StageKind.OPEN, converter=StageKind)
    """What reaching the stage means: open, won, lost or closed."""
    order: int | None = attrs.field(
        default=None,
        validator=v.optional(v.whole(0, expected="a whole number >= 0 or None")),
    )
    """Position on the success path (0 first); ``None`` for a detour."""
    sla: dt.timedelta | None = attrs.field(
        default=None, converter=_delta, validator=_optional_delta
    )
    """How long a lead may stay before it is overdue; ``None`` for no limit.

    A `datetime.timedelta`, or an ISO 8601 duration as `from_dict` reads
    (``"P2D"``, ``"PT4H"``)."""
    due_soon: dt.timedelta | None = attrs.field(
        converter=_delta, validator=_optional_delta
    )
    """How long before the SLA ends a lead counts as due soon (default: a quarter).

    A `datetime.timedelta` or an ISO 8601 duration, as ``sla``."""
    initial: bool = attrs.field(default=False, validator=v.flag)
    """Whether new leads start here; exactly one stage is initial."""
    terminal: bool = attrs.field(default=False, validator=v.flag)
    """Whether the stage is final: it accepts no event."""

    @due_soon.default
    def _due_soon_default(self) -> dt.timedelta | None:
        # Defaults are made before validators run: the sla may be anything yet.
        return self.sla / 4 if isinstance(self.sla, dt.timedelta) else None

    def __attrs_post_init__(self) -> None:
        """Check the SLA settings fit together."""
        if self.due_soon is not None and (self.sla is None or self.due_soon > self.sla):
            raise v.config_error(
                self, "due_soon", "at most the sla (and only with one)"
            )


def _guard(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    """A criterion or None; a bare function is told how to become one."""
    if value is None or is_criterion(value):
        return
    if callable(value):
        v.refuse(
            "a criterion or None (got a function: make it one with "
            "criteria.custom(name, function))"
        )
    v.refuse(f"a criterion or None ({v.got(value)})")


def _sources(value: str | Iterable[str]) -> tuple[str, ...]:
    ids = v.items(
        (value,) if isinstance(value, str) else value,
        "one stage id or a non-empty list of them",
    )
    if not ids:
        v.refuse("one stage id or a non-empty list of them")
    for index, item in enumerate(ids):
        fault = id_fault(item)
        if fault is not None:
            v.refuse(fault, f"[{index}]")
    if v.first_repeat(ids) is not None:
        v.refuse("each stage id once")
    return ids


def _reasons(value: Iterable[str]) -> tuple[str, ...]:
    return v.texts(value, "a list of non-empty strings")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Transition:
    """An event that moves a lead from any of ``sources`` to ``target``.

    Several transitions may share an event (from different sources, or from one
    source with different guards: the first whose guard passes is taken).

    Examples:
        >>> from prospectlib import criteria as cr
        >>> t = Transition(
        ...     event="purchase",
        ...     sources=("prospect", "nurture"),
        ...     target="customer",
        ...     guard=cr.has_purchase(),
        ... )
        >>> t.sources
        ('prospect', 'nurture')
    """

    event: str = attrs.field(validator=check_id)
    """The event id, e.g. ``"qualify_marketing"``."""
    sources: tuple[str, ...] = attrs.field(converter=_sources)
    """The stages the event may be sent from."""
    target: str = attrs.field(validator=check_id)
    """The stage the lead moves to."""
    guard: Criterion | None = attrs.field(default=None, validator=_guard)
    """What must hold for the move; ``None`` for no condition."""
    requires_reason: bool = attrs.field(default=False, validator=v.flag)
    """Whether the caller must say why (stored in the `StageChange`)."""
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_reasons)
    """If not empty, the only reasons accepted (e.g. `LostReason` values)."""
    requires_actor: bool = attrs.field(default=False, validator=v.flag)
    """Whether the caller must say who made the move (e.g. the accepting rep)."""

    def __attrs_post_init__(self) -> None:
        """A closed list of reasons implies that a reason is required."""
        if self.reasons and not self.requires_reason:
            object.__setattr__(self, "requires_reason", True)
