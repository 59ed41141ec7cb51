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
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem

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


def _config_error(path: str, expected: str) -> InvalidConfigError:
    return InvalidConfigError([Problem(path=path, expected=expected)])


def check_id(owner: str, field: str, value: object) -> None:
    """Raise `InvalidConfigError` unless *value* is a usable stage or event id."""
    if type(value) is not str or _ID.fullmatch(value) is None:
        raise _config_error(
            f"{owner}.{field}",
            "an id of lower-case letters, digits and single underscores, "
            "starting with a letter, like 'sales_qualified'",
        )
    if value in RESERVED_IDS:
        raise _config_error(
            f"{owner}.{field}",
            f"an id that python-statemachine does not reserve ({value!r} is reserved)",
        )


def _id(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_id(type(inst).__name__, attribute.name, value)


def _label(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not str or not value.strip()):
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", "a non-empty string or None"
        )


def _positive_delta(
    inst: object, attribute: attrs.Attribute[dt.timedelta | None], value: object
) -> None:
    if value is not None and (
        not isinstance(value, dt.timedelta) or value <= dt.timedelta(0)
    ):
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", "a positive timedelta or None"
        )


def _optional_order(
    inst: object, attribute: attrs.Attribute[int | None], value: object
) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", "a whole number >= 0 or None"
        )


def _bool(inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise _config_error(f"{type(inst).__name__}.{attribute.name}", "true or false")


def _kind(value: StageKind | str) -> StageKind:
    try:
        return StageKind(value)
    except ValueError:
        return value  # type: ignore[return-value]  # the validator names the fault


def _kind_validator(
    inst: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, StageKind):
        choices = ", ".join(repr(k.value) for k in StageKind)
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", f"one of {choices}"
        )


def _default_label(inst: Stage) -> str:
    return inst.id.replace("_", " ").capitalize()


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True)
class Stage:
    """One stage of a pipeline.

    Examples:
        >>> import datetime as dt
        >>> Stage(
        ...     id="marketing_qualified", label="MQL", sla=dt.timedelta(days=1)
        ... ).due_soon
        datetime.timedelta(seconds=21600)
    """

    id: str = attrs.field(validator=_id)
    """The stage id stored in `Lead.stage`, e.g. ``"marketing_qualified"``."""
    label: str = attrs.field(
        default=attrs.Factory(_default_label, takes_self=True), validator=_label
    )
    """A readable name, e.g. ``"Marketing qualified (MQL)"``."""
    kind: StageKind = attrs.field(
        default=StageKind.OPEN, converter=_kind, validator=_kind_validator
    )
    """What reaching the stage means: open, won, lost or closed."""
    order: int | None = attrs.field(default=None, validator=_optional_order)
    """Position on the success path (0 first); ``None`` for a detour."""
    sla: dt.timedelta | None = attrs.field(default=None, validator=_positive_delta)
    """How long a lead may stay before it is overdue; ``None`` for no limit."""
    due_soon: dt.timedelta | None = attrs.field(validator=_positive_delta)
    """How long before the SLA ends a lead counts as due soon (default: a quarter)."""
    initial: bool = attrs.field(default=False, validator=_bool)
    """Whether new leads start here; exactly one stage is initial."""
    terminal: bool = attrs.field(default=False, validator=_bool)
    """Whether the stage is final: it accepts no event."""

    @due_soon.default
    def _due_soon_default(self) -> dt.timedelta | None:
        return None if self.sla is None else self.sla / 4

    def __attrs_post_init__(self) -> None:
        """Check the SLA settings fit together."""
        if self.due_soon is not None and (self.sla is None or self.due_soon > self.sla):
            raise _config_error("Stage.due_soon", "at most the sla (and only with one)")


def _to_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    return value  # type: ignore[unreachable]  # the validator names the fault


def _ids(
    inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: object
) -> None:
    path = f"{type(inst).__name__}.{attribute.name}"
    if not isinstance(value, tuple) or not value:
        raise _config_error(path, "one stage id or a non-empty list of them")
    for index, item in enumerate(value):
        check_id(type(inst).__name__, f"{attribute.name}[{index}]", item)
    if len(set(value)) != len(value):
        raise _config_error(path, "each stage id once")


def _to_texts(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, Iterable) and not isinstance(value, str):
        return tuple(value)
    return value  # type: ignore[return-value]  # the validator names the fault


def _reasons(
    inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not all(
        type(v) is str and v.strip() for v in value
    ):
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", "a list of non-empty strings"
        )


def _guard(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not is_criterion(value):
        raise _config_error(
            f"{type(inst).__name__}.{attribute.name}", "a criterion or None"
        )


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True)
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

    event: str = attrs.field(validator=_id)
    """The event id, e.g. ``"qualify_marketing"``."""
    sources: tuple[str, ...] = attrs.field(converter=_to_ids, validator=_ids)
    """The stages the event may be sent from."""
    target: str = attrs.field(validator=_id)
    """The stage the lead moves to."""
    guard: Criterion | None = attrs.field(default=None, validator=_guard)
    """What must hold for the move; ``None`` for no condition."""
    requires_reason: bool = attrs.field(default=False, validator=_bool)
    """Whether the caller must say why (stored in the `StageChange`)."""
    reasons: tuple[str, ...] = attrs.field(
        default=(), converter=_to_texts, validator=_reasons
    )
    """If not empty, the only reasons accepted (e.g. `LostReason` values)."""
    requires_actor: bool = attrs.field(default=False, validator=_bool)
    """Whether the caller must say who made the move (e.g. the accepting rep)."""

    def __attrs_post_init__(self) -> None:
        """A closed list of reasons implies that a reason is required."""
        if self.reasons and not self.requires_reason:
            object.__setattr__(self, "requires_reason", True)
