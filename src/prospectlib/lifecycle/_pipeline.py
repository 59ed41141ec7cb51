"""A pipeline: stages and transitions, built once as a python-statemachine chart."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any
from typing import cast

import attrs
from statemachine import State
from statemachine import StateChart
from statemachine.exceptions import InvalidDefinition

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.criteria import Criterion
from prospectlib.criteria import CriterionRegistry
from prospectlib.criteria import require_aware
from prospectlib.errors import ArgumentTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import LeadTypeError
from prospectlib.errors import Problem
from prospectlib.errors import TransitionNotAllowedError
from prospectlib.errors import UnknownEventError
from prospectlib.errors import UnknownStageError
from prospectlib.errors import Unmet
from prospectlib.errors import ValidationError
from prospectlib.lifecycle import _diagram
from prospectlib.lifecycle import _history
from prospectlib.lifecycle._history import SlaStatus
from prospectlib.lifecycle._spec import Stage
from prospectlib.lifecycle._spec import Transition
from prospectlib.lifecycle._spec import check_id
from prospectlib.model import Lead
from prospectlib.model import StageChange
from prospectlib.model._require import require_lead
from prospectlib.model._require import require_lead_at

# Chart attributes for stages carry this prefix, so that a stage and an event may
# share an id (B2B has both a stage and an event called ``advocate``). Ids cannot
# contain a double underscore, so no event id can take one of these names.
_STAGE_ATTR = "stage__"

# The directions Mermaid draws a state diagram in.
_DIRECTIONS = ("LR", "RL", "TB", "BT")


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class Decision:
    """Whether an event may be sent to a lead now, and why (or why not).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> b2b = pl.lifecycle.b2b_pipeline()
        >>> d = b2b.check(pl.Lead(id="L-1", created_at=t), "win", at=t)
        >>> d.allowed, d.unmet
        (False, ("no transition 'win' from 'prospect' (events from 'prospect': \
capture, disqualify, purchase, qualify_marketing)",))
    """

    event: str
    """The event asked about."""
    stage: str
    """The lead's stage."""
    target: str | None
    """Where the lead would go (``None`` when no transition applies)."""
    allowed: bool
    """Whether the event would be accepted."""
    reasons: tuple[str, ...] = ()
    """Why it is allowed: the guard's explanation."""
    unmet: tuple[str, ...] = ()
    """Why it is not allowed: each unmet condition."""
    conditions: tuple[Unmet, ...] = ()
    """The same unmet conditions as data (`prospectlib.errors.Unmet`), in order."""


@attrs.frozen
class _Route:
    """One compiled transition: where it goes and what it needs."""

    target: str
    guard: Criterion | None
    transition: Transition


@attrs.define(slots=True)
class _Holder:
    """The mutable model python-statemachine writes to; one per machine."""

    lead: Lead
    at: dt.datetime
    state: str | None = None


def _guard_cond(guard: Criterion) -> Callable[[_Holder], bool]:
    def cond(model: _Holder) -> bool:
        return guard.test(model.lead, at=model.at)

    return cond


def _config_error(path: str, expected: str) -> InvalidConfigError:
    return v.config_error("Pipeline", path, expected)


MAX_STAGES = 1_000
"""The most stages a pipeline may have (its checks take time linear in its size)."""
MAX_TRANSITIONS = 10_000
"""The most transitions a pipeline may have."""


def _to_stages(value: Iterable[Stage]) -> tuple[Stage, ...]:
    expected = f"a non-empty list of Stage (at most {MAX_STAGES:,})"
    return v.tuple_of(value, Stage, expected, non_empty=True, limit=MAX_STAGES)


def _to_transitions(value: Iterable[Transition]) -> tuple[Transition, ...]:
    expected = f"a non-empty list of Transition (at most {MAX_TRANSITIONS:,})"
    return v.tuple_of(
        value, Transition, expected, non_empty=True, limit=MAX_TRANSITIONS
    )


def _words(value: object, path: str) -> None:
    """Refuse a reason or actor that is not a string (or ``None``)."""
    if value is not None:
        v.require(value, str, path, "a string or None")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Pipeline:
    """A lead lifecycle: stages, and the events that move leads between them.

    Defined once and applied to any number of leads. On construction the
    definition is checked (unique ids, exactly one initial stage, known stages in
    every transition), built into a python-statemachine chart whose own checks
    run too (no unreachable stage, no trap stage, every stage can reach a
    terminal one), and compiled into a table that `send` applies to frozen leads
    without one machine per lead.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib import criteria as cr
        >>> from prospectlib.lifecycle import Pipeline, Stage, Transition
        >>> trial = Pipeline(
        ...     id="trial",
        ...     stages=[
        ...         Stage(id="signed_up", initial=True),
        ...         Stage(id="active"),
        ...         Stage(id="paying", kind="won", terminal=True),
        ...     ],
        ...     transitions=[
        ...         Transition(
        ...             event="activate",
        ...             sources="signed_up",
        ...             target="active",
        ...             guard=cr.has_activity("trial_start"),
        ...         ),
        ...         Transition(
        ...             event="convert",
        ...             sources=("signed_up", "active"),
        ...             target="paying",
        ...             guard=cr.has_purchase(),
        ...         ),
        ...     ],
        ... )
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t, stage="signed_up")
        >>> trial.allowed_events(lead, at=t)
        ()
        >>> lead = lead.with_interactions(pl.Interaction(activity="trial_start", at=t))
        >>> trial.send(lead, "activate", at=t).stage
        'active'
    """

    id: str = attrs.field(validator=check_id)
    """The pipeline's id, e.g. ``"b2b"``."""
    label: str | None = attrs.field(
        default=None, validator=v.optional(v.text("a non-empty string or None"))
    )
    """A readable name."""
    stages: tuple[Stage, ...] = attrs.field(converter=_to_stages)
    """The stages, in the order diagrams show them."""
    transitions: tuple[Transition, ...] = attrs.field(converter=_to_transitions)
    """The transitions, in priority order for a shared source and event."""

    _stage_map: dict[str, Stage] = attrs.field(init=False, eq=False, repr=False)
    _chart: type[StateChart[Any]] = attrs.field(init=False, eq=False, repr=False)
    _table: dict[tuple[str, str], tuple[_Route, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _events_from: dict[str, tuple[str, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    _table_events: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the definition, build the chart and compile the table."""
        stage_map = _check_definition(self.stages, self.transitions)
        chart = _build_chart(self.id, self.stages, self.transitions)
        _check_endings(stage_map, self.transitions)
        table = _compile(chart, self.transitions)
        events_from: dict[str, list[str]] = {s.id: [] for s in self.stages}
        for source, event in table:
            events_from[source].append(event)
        object.__setattr__(self, "_stage_map", stage_map)
        object.__setattr__(self, "_chart", chart)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_table_events", frozenset(e for _, e in table))
        object.__setattr__(
            self,
            "_events_from",
            {stage: tuple(sorted(events)) for stage, events in events_from.items()},
        )

    # --- as data ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The definition as JSON-compatible data (guards included, by kind).

        Examples:
            >>> import prospectlib as pl
            >>> data = pl.lifecycle.b2c_pipeline().to_dict()
            >>> (
            ...     data["id"],
            ...     data["stages"][0]["id"],
            ...     data["transitions"][0]["guard"]["kind"],
            ... )
            ('b2c', 'visitor', 'any_of')
        """
        return _convert.to_dict(self)

    @classmethod
    def from_dict(
        cls, data: object, *, criteria: CriterionRegistry | None = None
    ) -> Pipeline:
        """Build and validate a pipeline from data (what `to_dict` writes).

        Args:
            data: A dict as `json.loads` gives it.
            criteria: Where ``{"kind": "custom", "name": ...}`` guards find their
                functions.

        Raises:
            InvalidConfigError: naming every bad field (e.g.
                ``Pipeline.transitions[2].guard.kind``), or what is wrong with the
                graph (an unreachable stage, a trap stage, ...).

        Examples:
            >>> import prospectlib as pl
            >>> b2b = pl.lifecycle.b2b_pipeline()
            >>> Pipeline.from_dict(b2b.to_dict()) == b2b
            True
        """
        return _convert.from_dict(cls, data, criteria=criteria)

    # --- introspection ----------------------------------------------------------------

    @property
    def statechart(self) -> type[StateChart[Any]]:
        """The python-statemachine chart class this pipeline was built as."""
        return self._chart

    @property
    def initial_stage(self) -> Stage:
        """The stage new leads start in."""
        return next(s for s in self.stages if s.initial)

    @property
    def events(self) -> tuple[str, ...]:
        """Every event id, in first-declared order."""
        return tuple(dict.fromkeys(t.event for t in self.transitions))

    def stage(self, stage_id: str) -> Stage:
        """The stage with id *stage_id*; `UnknownStageError` if there is none.

        Examples:
            >>> import prospectlib as pl
            >>> pl.lifecycle.b2b_pipeline().stage("marketing_qualified").label
            'Marketing qualified (MQL)'
        """
        try:
            return self._stage_map[stage_id]
        except (KeyError, TypeError):
            known = ", ".join(self._stage_map)
            msg = f"pipeline {self.id!r} has no stage {stage_id!r} (stages: {known})"
            raise UnknownStageError(msg) from None

    def events_from(self, stage_id: str) -> tuple[str, ...]:
        """The events that have a transition out of *stage_id*, sorted.

        Examples:
            >>> import prospectlib as pl
            >>> pl.lifecycle.b2b_pipeline().events_from("lost")
            ('reopen',)
        """
        self.stage(stage_id)
        return self._events_from[stage_id]

    def transitions_for(self, event: str) -> tuple[Transition, ...]:
        """The transitions of *event*; `UnknownEventError` if there are none."""
        found = tuple(t for t in self.transitions if t.event == event)
        if not found:
            msg = (
                f"pipeline {self.id!r} has no event {event!r} "
                f"(events: {', '.join(self.events)})"
            )
            raise UnknownEventError(msg)
        return found

    # --- moving leads -----------------------------------------------------------------

    def start(self, lead: Lead) -> Lead:
        """*lead* as this pipeline takes it on: in one of the pipeline's stages.

        A lead already in one of them is returned as it is (a lead imported with
        its stage, or one that has moved). A lead that has not moved yet and is
        in a stage the pipeline lacks (a `Lead` is made in ``"prospect"``, the
        B2B pipeline's first stage) is put in the pipeline's initial stage.

        Raises:
            LeadTypeError: *lead* is not a `Lead`.
            UnknownStageError: *lead* has moved already, to a stage the
                pipeline lacks.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> b2c = pl.lifecycle.b2c_pipeline()
            >>> lead = b2c.start(pl.Lead(id="L-1", created_at=t))
            >>> lead.stage, b2c.events_from(lead.stage)
            ('visitor', ('consider', 'engage', 'purchase', 'unsubscribe'))
        """
        require_lead(lead)
        if lead.stage in self._stage_map:
            return lead
        if lead.history:
            raise UnknownStageError(self._unknown_stage(lead))
        return attrs.evolve(lead, stage=self.initial_stage.id)

    def _unknown_stage(self, lead: Lead) -> str:
        return (
            f"lead {v.shown(lead.id)} is in stage {v.shown(lead.stage)}, which "
            f"pipeline {self.id!r} has not (stages: {', '.join(self._stage_map)}); "
            "a new lead enters a pipeline with pipeline.start(lead)"
        )

    def send(
        self,
        lead: Lead,
        event: str,
        *,
        at: dt.datetime,
        reason: str | None = None,
        actor: str | None = None,
    ) -> Lead:
        """Apply *event* to *lead* at *at*: a new lead, one `StageChange` longer.

        The input lead is never changed. A refused event raises
        `TransitionNotAllowedError` with ``lead_id``, ``stage``, ``event`` and
        ``unmet``: unknown event, no transition from the lead's stage, a required
        reason or actor missing (or a reason not among the allowed ones), *at*
        before the lead's last stage change, or every guard failing.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(id="L-1", created_at=t, stage="marketing_qualified")
            >>> b2b = pl.lifecycle.b2b_pipeline()
            >>> b2b.send(lead, "accept", at=t, actor="rep-7").history[-1].actor
            'rep-7'
        """
        if type(lead) is not Lead:
            require_lead(lead)
        if type(event) is not str:
            v.require(event, str, "event", "an event id")
        if reason is not None and type(reason) is not str:
            _words(reason, "reason")
            reason = str(reason)  # a StrEnum such as LostReason: store its value
        if actor is not None and type(actor) is not str:
            _words(actor, "actor")
        routes = self._table.get((lead.stage, event))
        if routes is not None and at.__class__ is dt.datetime and at.tzinfo is not None:
            route = routes[0]
            transition = route.transition
            if (
                len(routes) == 1
                and (
                    not transition.requires_reason
                    or (
                        reason is not None
                        and (not transition.reasons or reason in transition.reasons)
                    )
                )
                and (not transition.requires_actor or actor is not None)
                and at >= lead.stage_entered_at
                and at.utcoffset() is not None
                and (route.guard is None or route.guard.test(lead, at=at))
            ):
                try:
                    change = StageChange(
                        event=event,
                        source=lead.stage,
                        target=route.target,
                        at=at,
                        reason=reason,
                        actor=actor,
                    )
                except InvalidLeadError:
                    pass  # a blank reason or actor: the full path explains it
                else:
                    return lead.with_stage_change(change)
        return self._send_checked(lead, event, at=at, reason=reason, actor=actor)

    def _send_checked(
        self,
        lead: Lead,
        event: str,
        *,
        at: dt.datetime,
        reason: str | None,
        actor: str | None,
    ) -> Lead:
        """The full path of `send`, with every check and its explanation."""
        require_aware(at)
        route, _, unmet = self._choose(lead, event, at, reason=reason, actor=actor)
        if route is None:
            raise _refusal(lead, event, unmet)
        try:
            change = StageChange(
                event=event,
                source=lead.stage,
                target=route.target,
                at=at,
                reason=reason,
                actor=actor,
            )
        except InvalidLeadError as exc:
            conditions = tuple(
                Unmet(kind="history", key=p.path, verdict="unmet", message=str(p))
                for p in exc.problems
            )
            raise _refusal(lead, event, conditions) from exc
        return lead.with_stage_change(change)

    def _choose(  # noqa: PLR0913  # the inputs of send, plus whether to check them
        self,
        lead: Lead,
        event: str,
        at: dt.datetime,
        *,
        reason: str | None,
        actor: str | None,
        check_inputs: bool = True,
    ) -> tuple[_Route | None, tuple[str, ...], tuple[Unmet, ...]]:
        """The route *event* takes from the lead's stage and why, or why it can't.

        Returns ``(route, reasons, ())`` when allowed (the guard's explanation)
        and ``(None, (), unmet)`` when not.
        """
        routes, blocked = self._routes(lead, event, at)
        if blocked is not None:
            return None, (), (blocked,)
        unmet: dict[str, Unmet] = {}  # by message: the same line once
        for route in routes:
            reasons: tuple[str, ...] = ()
            if route.guard is not None:
                check = route.guard.evaluate(lead, at=at)
                if not check.passed:
                    for condition in check.conditions:
                        unmet.setdefault(condition.message, condition)
                    continue
                reasons = (check.reason,)
            if check_inputs:
                problems = _input_problems(route.transition, reason, actor)
                if problems:
                    for condition in problems:
                        unmet.setdefault(condition.message, condition)
                    continue
            return route, reasons, ()
        return None, (), tuple(unmet.values())

    def _routes(
        self, lead: Lead, event: str, at: dt.datetime
    ) -> tuple[tuple[_Route, ...], Unmet | None]:
        """The routes *event* may take now, or what blocks it before any guard."""
        if lead.stage not in self._stage_map:
            raise UnknownStageError(self._unknown_stage(lead))
        routes = self._table.get((lead.stage, event))
        if routes is None:
            if event not in self._table_events:
                raise UnknownEventError(
                    f"pipeline {self.id!r} has no event {v.shown(event)} "
                    f"(events: {', '.join(self.events)})"
                )
            events = ", ".join(self._events_from[lead.stage]) or "none"
            text = f"no transition {event!r} from {lead.stage!r}"
            text = f"{text} (events from {lead.stage!r}: {events})"
            return (), _unmet("transition", event, text)
        if at < lead.stage_entered_at:
            entered = lead.stage_entered_at.isoformat()
            text = (
                f"at ({at.isoformat()}) is before the lead entered "
                f"{lead.stage!r} ({entered})"
            )
            return (), _unmet("time", "at", text)
        return routes, None

    def check(self, lead: Lead, event: str, *, at: dt.datetime) -> Decision:
        """Whether `send` would accept *event* now (reason and actor aside), and why.

        Never raises for a refusal: the answer carries the unmet conditions.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(id="L-1", created_at=t, stage="sales_accepted")
            >>> pl.lifecycle.b2b_pipeline().check(lead, "qualify_sales", at=t).unmet
            ('budget is unknown (no evidence)', 'authority is unknown (no evidence)', \
'need is unknown (no evidence)', 'timing is unknown (no evidence)')
        """
        require_lead_at(lead, at)
        v.require(event, str, "event", "an event id")
        route, explained, unmet = self._choose(
            lead, event, at, reason=None, actor=None, check_inputs=False
        )
        if route is None:
            return Decision(
                event=event,
                stage=lead.stage,
                target=None,
                allowed=False,
                unmet=tuple(c.message for c in unmet),
                conditions=unmet,
            )
        return Decision(
            event=event,
            stage=lead.stage,
            target=route.target,
            allowed=True,
            reasons=explained,
        )

    def decisions(self, lead: Lead, *, at: dt.datetime) -> tuple[Decision, ...]:
        """A `Decision` for every event out of the lead's stage, sorted by event."""
        require_lead_at(lead, at)
        if lead.stage not in self._stage_map:
            return ()
        return tuple(self.check(lead, e, at=at) for e in self._events_from[lead.stage])

    def allowed_events(self, lead: Lead, *, at: dt.datetime) -> tuple[str, ...]:
        """The events whose guards pass for *lead* at *at*, sorted.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(id="L-1", created_at=t, stage="marketing_qualified")
            >>> pl.lifecycle.b2b_pipeline().allowed_events(lead, at=t)
            ('accept', 'disqualify', 'nurture')
        """
        require_lead_at(lead, at)
        stage = lead.stage
        if stage not in self._stage_map or at < lead.stage_entered_at:
            return ()
        allowed = []
        for event in self._events_from[stage]:
            for route in self._table[stage, event]:
                if route.guard is None or route.guard.test(lead, at=at):
                    allowed.append(event)
                    break
        return tuple(allowed)

    def blocked_events(self, lead: Lead, *, at: dt.datetime) -> tuple[Decision, ...]:
        """The events out of the lead's stage that are refused now, with the reasons."""
        return tuple(d for d in self.decisions(lead, at=at) if not d.allowed)

    def send_many(
        self,
        leads: Iterable[Lead],
        event: str,
        *,
        at: dt.datetime,
        reason: str | None = None,
        actor: str | None = None,
    ) -> SendManyResult:
        """Send *event* to every lead; refusals are collected, not raised.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> leads = [
            ...     pl.Lead(id="A", created_at=t, stage="marketing_qualified"),
            ...     pl.Lead(id="B", created_at=t),
            ... ]
            >>> result = pl.lifecycle.b2b_pipeline().send_many(
            ...     leads, "accept", at=t, actor="rep-7"
            ... )
            >>> (
            ...     [lead.stage for lead in result.leads],
            ...     [f.lead_id for f in result.failures],
            ... )
            (['sales_accepted', 'prospect'], ['B'])
        """
        require_aware(at)
        v.require(event, str, "event", "an event id")
        _words(reason, "reason")
        _words(actor, "actor")
        send = self.send
        out: list[Lead] = []
        failures: list[SendFailure] = []
        for index, lead in enumerate(v.iterate(leads, "leads", "an iterable of Lead")):
            try:
                out.append(send(lead, event, at=at, reason=reason, actor=actor))
            except (
                TransitionNotAllowedError,
                InvalidLeadError,
                UnknownStageError,
                UnknownEventError,
            ) as exc:
                failures.append(
                    SendFailure(
                        index=index,
                        lead_id=getattr(lead, "id", None),
                        error=exc,
                    )
                )
                out.append(lead)
        return SendManyResult(leads=tuple(out), failures=tuple(failures))

    # --- imported histories -----------------------------------------------------------

    def validate_history(self, lead: Lead) -> None:
        """Check that the lead's history is a legal path of this pipeline.

        The path must start at the initial stage and follow transitions of this
        pipeline, with the reasons, allowed reason values and actors they require,
        and end at ``lead.stage``. Guards are not re-checked: what they read may
        have changed since. Raises `InvalidLeadError` naming the first illegal step.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(id="L-1", created_at=t, stage="customer", history=[
            ...     pl.StageChange(event="win", source="prospect", target="customer",
            ...                    at=t)])
            >>> pl.lifecycle.b2b_pipeline().validate_history(lead)
            Traceback (most recent call last):
            ...
            prospectlib.errors.InvalidLeadError: Lead.history[0]: expected a \
transition of pipeline 'b2b' (no 'win' from 'prospect')
        """
        require_lead(lead)
        initial = self.initial_stage.id
        if not lead.history:
            if lead.stage != initial:
                raise _history_error(
                    "Lead.stage",
                    f"the initial stage {initial!r} for a lead without history",
                )
            return
        if lead.history[0].source != initial:
            raise _history_error(
                "Lead.history[0].source", f"the initial stage {initial!r}"
            )
        for index, change in enumerate(lead.history):
            routes = self._table.get((change.source, change.event), ())
            matching = [r for r in routes if r.target == change.target]
            path = f"Lead.history[{index}]"
            if not matching:
                raise _history_error(
                    path,
                    f"a transition of pipeline {self.id!r} "
                    f"(no {change.event!r} from {change.source!r}"
                    + (f" to {change.target!r})" if routes else ")"),
                )
            problems = [
                _input_problems(r.transition, change.reason, change.actor)
                for r in matching
            ]
            if all(problems):  # no matching transition accepts this reason and actor
                raise _history_error(path, "; ".join(c.message for c in problems[0]))

    # --- the python-statemachine engine -----------------------------------------------

    def machine(self, lead: Lead, *, at: dt.datetime) -> StateChart[Any]:
        """A python-statemachine instance at the lead's stage; guards read it at *at*.

        For interoperability and cross-checks; one machine per lead is slow and
        heavy, so use `send` for work. Sending events to the machine does not
        change *lead*.
        """
        require_lead_at(lead, at)
        if at < lead.stage_entered_at:
            raise ValidationError(
                [
                    Problem(
                        path="at",
                        expected="a time on or after the lead entered its stage",
                    )
                ]
            )
        holder = _Holder(lead=lead, at=at, state=self.stage(lead.stage).id)
        return self._chart(model=holder)

    # --- SLAs -------------------------------------------------------------------------

    def sla_status(self, lead: Lead, *, at: dt.datetime) -> SlaStatus:
        """How the lead stands against its current stage's SLA at *at*.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(id="L-1", created_at=t, stage="marketing_qualified")
            >>> b2b = pl.lifecycle.b2b_pipeline()
            >>> b2b.sla_status(lead, at=t + dt.timedelta(hours=30)).state.value
            'overdue'
        """
        require_lead_at(lead, at)
        return _history.sla_status(self.stage(lead.stage), lead, at=at)

    def overdue(self, leads: Iterable[Lead], *, at: dt.datetime) -> tuple[Lead, ...]:
        """The leads past their stage's SLA at *at*, most overdue first."""
        require_aware(at)
        found = []
        for lead in v.iterate(leads, "leads", "an iterable of Lead"):
            status = self.sla_status(lead, at=at)
            if status.due_at is not None and status.state is _history.SlaState.OVERDUE:
                found.append((status.due_at, lead))
        found.sort(key=lambda pair: pair[0])
        return tuple(lead for _, lead in found)

    # --- diagrams ---------------------------------------------------------------------

    def to_mermaid(
        self, *, events: Iterable[str] | None = None, direction: str = "LR"
    ) -> str:
        """The pipeline as a Mermaid state diagram (deterministic text).

        A large pipeline reads better in parts: with *events*, only their
        transitions are drawn, and the stages they touch (say the success path
        in one diagram and the detours in another). *direction* is Mermaid's:
        ``LR`` (left to right, the default), ``RL``, ``TB`` (top to bottom) or
        ``BT``; a long chain of stages reads better top to bottom.

        Examples:
            >>> import prospectlib as pl
            >>> print(pl.lifecycle.b2c_pipeline().to_mermaid().splitlines()[0])
            stateDiagram-v2
            >>> b2b = pl.lifecycle.b2b_pipeline()
            >>> print(b2b.to_mermaid(events=["win", "advocate"]))
            stateDiagram-v2
                direction LR
                state "Opportunity" as opportunity
                state "Customer" as customer
                state "Advocate" as advocate
                opportunity --> customer: win
                customer --> advocate: advocate
                advocate --> [*]
            <BLANKLINE>

        Raises:
            UnknownEventError: an event the pipeline does not have.
            ArgumentTypeError: *events* is not a list of event ids, or
                *direction* not a string.
            ValidationError: *direction* is not one of Mermaid's.
        """
        if direction not in _DIRECTIONS:
            expected = f"one of {', '.join(map(repr, _DIRECTIONS))}"
            problems = [Problem(path="direction", expected=expected)]
            if not isinstance(direction, str):
                raise ArgumentTypeError(problems)
            raise ValidationError(problems)
        return _diagram.to_mermaid(self, self._drawn_events(events), direction)

    def to_dot(self, *, events: Iterable[str] | None = None) -> str:
        """The pipeline as a Graphviz DOT digraph (text; no Graphviz needed).

        *events* draws only their transitions, as for `to_mermaid`.

        Examples:
            >>> import prospectlib as pl
            >>> print(pl.lifecycle.b2c_pipeline().to_dot().splitlines()[0])
            digraph b2c {
        """
        return _diagram.to_dot(self, self._drawn_events(events))

    def _drawn_events(self, events: Iterable[str] | None) -> frozenset[str] | None:
        """*events* checked against the pipeline's, or ``None`` for all of them."""
        if events is None:
            return None
        try:
            wanted = v.texts(events, "a list of event ids", single=True)
        except v.RefusalError as exc:
            raise ArgumentTypeError(exc.prefixed("events").problems) from None
        for event in wanted:
            if event not in self._table_events:
                raise UnknownEventError(
                    f"pipeline {self.id!r} has no event {v.shown(event)} "
                    f"(events: {', '.join(self.events)})"
                )
        return frozenset(wanted)


def _same_error(one: SendError, other: SendError) -> bool:
    """Errors compare by class and data: an error read back equals the one written."""
    return type(one) is type(other) and one.to_dict() == other.to_dict()


SendError = (
    TransitionNotAllowedError | InvalidLeadError | UnknownStageError | UnknownEventError
)
"""What `Pipeline.send_many` records for a lead it could not move."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class SendFailure:
    """One lead that `Pipeline.send_many` could not move.

    As data, its ``error`` is the error's `~prospectlib.errors.ProspectlibError.to_dict`
    body, and reads back as an equal error.
    """

    index: int
    """Position of the lead in the input."""
    lead_id: str | None
    """The lead's id (``None`` if the input was not a lead)."""
    error: SendError = attrs.field(eq=attrs.cmp_using(eq=_same_error), hash=False)
    """Why it was refused (compared by class and `to_dict`)."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class SendManyResult:
    """What `Pipeline.send_many` did: every lead (moved or not) and the refusals.

    It writes with `prospectlib.serialize.to_dict` (when every input was a
    `Lead`) and reads back equal, errors included.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> b2b = pl.lifecycle.b2b_pipeline()
        >>> result = b2b.send_many([pl.Lead(id="A", created_at=t)], "win", at=t)
        >>> data = pl.serialize.to_dict(result)
        >>> data["failures"][0]["error"]["error"]
        'TransitionNotAllowedError'
        >>> pl.serialize.from_dict(SendManyResult, data).failures[0].error.event
        'win'
    """

    leads: tuple[Lead, ...]
    """The leads in input order: moved ones replaced, refused ones unchanged."""
    failures: tuple[SendFailure, ...]
    """The refusals, in input order."""

    @property
    def moved(self) -> int:
        """How many leads moved."""
        return len(self.leads) - len(self.failures)


# --- send_many's errors as data -------------------------------------------------------

_SEND_ERRORS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        TransitionNotAllowedError,
        InvalidLeadError,
        LeadTypeError,
        UnknownStageError,
        UnknownEventError,
    )
}


def _text(data: dict[str, Any], key: str, at: str) -> str:
    value = data.get(key)
    if type(value) is not str:
        v.refuse("a string", f"{at}{key}")
    return value


def _objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if type(value) is not list or not all(type(x) is dict for x in value):
        v.refuse("a list of objects", key)
    return value


def _read_unmet(data: dict[str, Any], at: str) -> Unmet:
    verdict = data.get("verdict")
    if verdict not in ("unmet", "unknown"):
        v.refuse("'unmet' or 'unknown'", f"{at}verdict")
    return Unmet(
        kind=_text(data, "kind", at),
        key=None if data.get("key") is None else _text(data, "key", at),
        verdict=verdict,
        message=_text(data, "message", at),
    )


def _read_error(data: object, _: object) -> SendError:
    """A `send_many` error from its `to_dict` body.

    Keys derived from the rest (the message of a refusal, a problem's pointer)
    are not read.
    """
    if type(data) is not dict or data.get("error") not in _SEND_ERRORS:
        names = ", ".join(repr(n) for n in _SEND_ERRORS)
        v.refuse(f"an error's to_dict() body, its 'error' one of {names}", "error")
    cls = _SEND_ERRORS[data["error"]]
    if cls is TransitionNotAllowedError:
        conditions = [
            _read_unmet(c, f"conditions[{i}].")
            for i, c in enumerate(_objects(data, "conditions"))
        ]
        return TransitionNotAllowedError(
            lead_id=_text(data, "lead_id", ""),
            stage=_text(data, "stage", ""),
            event=_text(data, "event", ""),
            unmet=[c.message for c in conditions],
            conditions=conditions,
        )
    if issubclass(cls, InvalidLeadError):
        problems = _objects(data, "problems")
        return cast(
            "SendError",
            cls(
                Problem(
                    path=_text(p, "path", f"problems[{i}]."),
                    expected=_text(p, "expected", f"problems[{i}]."),
                )
                for i, p in enumerate(problems)
            ),
        )
    return cast("SendError", cls(_text(data, "message", "")))


_convert.register_hooks(
    SendError,
    structure=lambda _context: _read_error,
    unstructure=lambda error: error.to_dict(),
    error=ValidationError,
)


def _history_error(path: str, expected: str) -> InvalidLeadError:
    return InvalidLeadError([Problem(path=path, expected=expected)])


def _unmet(kind: str, key: str | None, message: str) -> Unmet:
    """A pipeline's own unmet condition (not a guard's)."""
    return Unmet(kind=kind, key=key, verdict="unmet", message=message)


def _refusal(lead: Lead, event: str, unmet: tuple[Unmet, ...]) -> Exception:
    """The `TransitionNotAllowedError` for *unmet*, in words and as data."""
    return TransitionNotAllowedError(
        lead_id=lead.id,
        stage=lead.stage,
        event=event,
        unmet=[c.message for c in unmet],
        conditions=unmet,
    )


def _input_problems(
    transition: Transition, reason: str | None, actor: str | None
) -> list[Unmet]:
    problems = []
    if transition.requires_reason and reason is None:
        if transition.reasons:
            text = f"a reason is required, one of: {', '.join(transition.reasons)}"
        else:
            text = "a reason is required"
        problems.append(_unmet("reason", "reason", text))
    elif transition.reasons and reason not in transition.reasons:
        text = f"the reason must be one of: {', '.join(transition.reasons)}"
        problems.append(_unmet("reason", "reason", text))
    if transition.requires_actor and actor is None:
        text = "an actor is required (who makes the move)"
        problems.append(_unmet("actor", "actor", text))
    return problems


def _check_definition(
    stages: tuple[Stage, ...], transitions: tuple[Transition, ...]
) -> dict[str, Stage]:
    """Our own checks, before python-statemachine's; returns the stages by id."""
    stage_map: dict[str, Stage] = {}
    for index, stage in enumerate(stages):
        if stage.id in stage_map:
            raise _config_error(f"stages[{index}].id", "a unique stage id")
        stage_map[stage.id] = stage
    initials = [s.id for s in stages if s.initial]
    if len(initials) != 1:
        raise _config_error(
            "stages",
            f"exactly one initial stage (found {len(initials)}: {', '.join(initials)})",
        )
    orders = [s.order for s in stages if s.order is not None]
    if len(set(orders)) != len(orders):
        raise _config_error("stages", "each success-path order used once")
    _check_transitions(stage_map, transitions)
    return stage_map


def _check_transitions(
    stage_map: dict[str, Stage], transitions: tuple[Transition, ...]
) -> None:
    """Every transition joins known stages, and no unguarded move repeats."""
    seen: set[tuple[str, str, str]] = set()
    for index, transition in enumerate(transitions):
        for position, source in enumerate(transition.sources):
            if source not in stage_map:
                raise _config_error(
                    f"transitions[{index}].sources[{position}]",
                    f"a stage of this pipeline ({source!r} is not)",
                )
            key = (source, transition.event, transition.target)
            if key in seen and transition.guard is None:
                raise _config_error(
                    f"transitions[{index}]",
                    f"one unguarded transition per source, event and target "
                    f"({source!r} -{transition.event}-> {transition.target!r} repeats)",
                )
            seen.add(key)
        if transition.target not in stage_map:
            raise _config_error(
                f"transitions[{index}].target",
                f"a stage of this pipeline ({transition.target!r} is not)",
            )


def _build_chart(
    pipeline_id: str, stages: tuple[Stage, ...], transitions: tuple[Transition, ...]
) -> type[StateChart[Any]]:
    """Build the python-statemachine chart; its metaclass validates the graph."""
    states = {
        s.id: State(name=s.label, value=s.id, initial=s.initial, final=s.terminal)
        for s in stages
    }
    for transition in transitions:
        cond: dict[str, Any] = {}
        if transition.guard is not None:
            cond["cond"] = _guard_cond(transition.guard)
        for source in transition.sources:
            states[source].to(states[transition.target], event=transition.event, **cond)
    namespace: dict[str, Any] = {f"{_STAGE_ATTR}{k}": v for k, v in states.items()}
    namespace |= {
        # Its check that every stage can reach a final one takes time quadratic in
        # the stages: `_check_endings` makes it in linear time, once the chart is up.
        "validate_final_reachability": False,
        "allow_event_without_transition": False,
        "catch_errors_as_events": False,
        "__module__": __name__,
    }
    name = "".join(part.capitalize() for part in pipeline_id.split("_")) + "Chart"
    try:
        return type(name, (StateChart,), namespace)
    except InvalidDefinition as exc:
        message = str(exc).replace(_STAGE_ATTR, "")
        if "no outgoing transition" in message:
            # python-statemachine's words; a stage meant to end a lifecycle says so.
            message += " (a stage that ends the lifecycle needs terminal=True)"
        raise InvalidConfigError(
            [Problem(path="Pipeline", expected=f"a valid state graph: {message}")]
        ) from exc


def _check_endings(
    stage_map: dict[str, Stage], transitions: tuple[Transition, ...]
) -> None:
    """Every stage can reach a terminal one, when there is one.

    python-statemachine's rule, found by one walk back from the terminal stages.
    """
    reached = {sid for sid, stage in stage_map.items() if stage.terminal}
    if not reached:
        return
    into: dict[str, list[str]] = {sid: [] for sid in stage_map}
    for transition in transitions:
        for source in transition.sources:
            into[transition.target].append(source)
    queue = collections.deque(reached)
    while queue:
        for source in into[queue.popleft()]:
            if source not in reached:
                reached.add(source)
                queue.append(source)
    stuck = [sid for sid in stage_map if sid not in reached]
    if stuck:
        message = (
            "All non-final states should have at least one path to a final state. "
            f"These states have no path to a final state: {stuck!r}"
        )
        raise InvalidConfigError(
            [Problem(path="Pipeline", expected=f"a valid state graph: {message}")]
        )


def _compile(
    chart: type[StateChart[Any]], transitions: tuple[Transition, ...]
) -> dict[tuple[str, str], tuple[_Route, ...]]:
    """Read the chart's transitions into a ``(stage, event) -> routes`` table.

    The chart is the source of truth for which moves exist; each move is matched
    to the declared `Transition` it came from (for its guard and requirements),
    keeping the chart's order, which is the declaration order.
    """
    specs: dict[tuple[str, str, str], list[Transition]] = {}
    for transition in transitions:
        for source in transition.sources:
            specs.setdefault((source, transition.event, transition.target), []).append(
                transition
            )
    table: dict[tuple[str, str], list[_Route]] = {}
    used: dict[tuple[str, str, str], int] = {}
    for state in chart.states:
        for chart_transition in state.transitions:
            for event in chart_transition.events:
                key = (state.value, event.id, chart_transition.target.value)
                position = used.get(key, 0)
                used[key] = position + 1
                spec = specs[key][position]
                table.setdefault((state.value, event.id), []).append(
                    _Route(
                        target=chart_transition.target.value,
                        guard=spec.guard,
                        transition=spec,
                    )
                )
    return {key: tuple(routes) for key, routes in table.items()}
