"""Questions about a lead's stage history: visits, time in stage, SLAs."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.lifecycle._spec import Stage
from prospectlib.model import Lead
from prospectlib.model._require import require_lead
from prospectlib.model._require import require_lead_at


@attrs.frozen(kw_only=True)
class StageVisit:
    """One stay of a lead in a stage.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> StageVisit(stage="nurture", entered_at=t, exited_at=None).exited_at is None
        True
    """

    stage: str
    """The stage."""
    entered_at: dt.datetime
    """When the lead entered (its ``created_at`` for the first stage)."""
    exited_at: dt.datetime | None
    """When it left; ``None`` for the current stage."""


def stage_visits(lead: Lead) -> tuple[StageVisit, ...]:
    """Every stay of *lead* in a stage, oldest first; the last is the current one.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     stage="nurture",
        ...     history=[
        ...         pl.StageChange(
        ...             event="nurture",
        ...             source="prospect",
        ...             target="nurture",
        ...             at=t + dt.timedelta(days=2),
        ...         )
        ...     ],
        ... )
        >>> [(v.stage, v.exited_at is None) for v in stage_visits(lead)]
        [('prospect', False), ('nurture', True)]
    """
    history = require_lead(lead).history
    if not history:
        return (
            StageVisit(stage=lead.stage, entered_at=lead.created_at, exited_at=None),
        )
    visits = [
        StageVisit(
            stage=history[0].source,
            entered_at=lead.created_at,
            exited_at=history[0].at,
        )
    ]
    for index, change in enumerate(history):
        following = history[index + 1] if index + 1 < len(history) else None
        visits.append(
            StageVisit(
                stage=change.target,
                entered_at=change.at,
                exited_at=None if following is None else following.at,
            )
        )
    return tuple(visits)


def _check_not_before(lead: Lead, at: dt.datetime) -> None:
    if at < lead.stage_entered_at:
        raise ValidationError(
            [
                Problem(
                    path="at", expected="a time on or after the lead entered its stage"
                )
            ]
        )


def time_in_stage(lead: Lead, *, at: dt.datetime) -> dt.timedelta:
    """How long *lead* has been in its current stage at *at*.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> time_in_stage(
        ...     pl.Lead(id="L", created_at=t), at=t + dt.timedelta(days=3)
        ... ).days
        3
    """
    require_lead_at(lead, at)
    _check_not_before(lead, at)
    return at - lead.stage_entered_at


def time_per_stage(lead: Lead, *, at: dt.datetime) -> dict[str, dt.timedelta]:
    """Total time *lead* spent in each stage up to *at*; re-entries add up.

    Stays after *at* are left out and a stay *at* falls in is cut at *at*, so
    the answer for a past moment never changes.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> day = dt.timedelta(days=1)
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     stage="nurture",
        ...     history=[
        ...         pl.StageChange(
        ...             event="a", source="prospect", target="nurture", at=t + day
        ...         ),
        ...         pl.StageChange(
        ...             event="b", source="nurture", target="prospect", at=t + 3 * day
        ...         ),
        ...         pl.StageChange(
        ...             event="a", source="prospect", target="nurture", at=t + 4 * day
        ...         ),
        ...     ],
        ... )
        >>> {k: v.days for k, v in time_per_stage(lead, at=t + 10 * day).items()}
        {'prospect': 2, 'nurture': 8}
    """
    require_lead_at(lead, at)
    totals: dict[str, dt.timedelta] = {}
    for visit in stage_visits(lead):
        if visit.entered_at > at:
            break
        end = at if visit.exited_at is None or visit.exited_at > at else visit.exited_at
        totals[visit.stage] = totals.get(visit.stage, dt.timedelta(0)) + (
            end - visit.entered_at
        )
    return totals


def entered_at(lead: Lead, stage: str, *, first: bool = False) -> dt.datetime | None:
    """When *lead* last (``first=True``: first) entered *stage*; ``None`` if never.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> entered_at(pl.Lead(id="L", created_at=t), "prospect") == t
        True
    """
    visits = [v for v in stage_visits(lead) if v.stage == stage]
    if not visits:
        return None
    return (visits[0] if first else visits[-1]).entered_at


def exited_at(lead: Lead, stage: str) -> dt.datetime | None:
    """When *lead* last left *stage*; ``None`` if it never left it (or never was there).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> exited_at(pl.Lead(id="L", created_at=t), "prospect") is None
        True
    """
    left = [v.exited_at for v in stage_visits(lead) if v.stage == stage and v.exited_at]
    return left[-1] if left else None


class SlaState(enum.StrEnum):
    """Where a lead stands against its stage's SLA.

    Examples:
        >>> SlaState.DUE_SOON.value
        'due_soon'
    """

    NONE = "none"
    """The stage has no SLA."""
    WITHIN = "within"
    """Inside the SLA, with time to spare."""
    DUE_SOON = "due_soon"
    """Inside the SLA, but within the stage's ``due_soon`` of its end."""
    OVERDUE = "overdue"
    """Past the SLA."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class SlaStatus:
    """A lead's standing against its current stage's SLA at a time.

    Examples:
        >>> SlaStatus(
        ...     stage="sales_qualified",
        ...     state=SlaState.NONE,
        ...     due_at=None,
        ...     remaining=None,
        ... ).state.value
        'none'
    """

    stage: str
    """The lead's stage."""
    state: SlaState
    """Within, due soon, overdue, or no SLA."""
    due_at: dt.datetime | None
    """When the SLA ends (``None`` without an SLA, or when it would end after
    year 9999, the calendar's end: such an SLA is never due)."""
    remaining: dt.timedelta | None
    """Time left (negative when overdue; ``None`` without an SLA)."""


def sla_status(stage: Stage, lead: Lead, *, at: dt.datetime) -> SlaStatus:
    """*lead*'s standing against *stage*'s SLA at *at* (the stage it is in)."""
    if stage.sla is None:
        return SlaStatus(
            stage=stage.id, state=SlaState.NONE, due_at=None, remaining=None
        )
    _check_not_before(lead, at)
    entered = lead.stage_entered_at
    due_at = v.later(entered, stage.sla)
    remaining = stage.sla - (at - entered)  # timedeltas: no calendar to fall off
    if remaining < dt.timedelta(0):
        state = SlaState.OVERDUE
    elif stage.due_soon is not None and remaining <= stage.due_soon:
        state = SlaState.DUE_SOON
    else:
        state = SlaState.WITHIN
    return SlaStatus(stage=stage.id, state=state, due_at=due_at, remaining=remaining)
