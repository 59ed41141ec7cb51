"""Acting on policies: advance leads, and put them in the order to work them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import classify
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import ValidationError
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import SlaState
from prospectlib.lifecycle import StageKind
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.model import Lead
from prospectlib.model._require import require_lead
from prospectlib.scoring import Score
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import default_model
from prospectlib.workflow._policy import QualificationPolicy
from prospectlib.workflow._policy import Suggestion


def _require_config(value: object, cls: type[Any], path: str) -> None:
    v.require(value, cls, path, v.an(cls.__name__), ConfigTypeError)


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class Advance:
    """What `advance` did to a lead: the new lead and the suggestion it followed.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import advance, default_policy
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t)
        >>> step = advance(lead, pl.lifecycle.b2b_pipeline(), default_policy(), at=t)
        >>> step.moved, step.lead is lead, step.suggestion.reason
        (False, True, 'no rule applies')
    """

    lead: Lead
    """The lead after the event (the same lead when nothing was done)."""
    suggestion: Suggestion
    """The policy's suggestion."""

    @property
    def moved(self) -> bool:
        """Whether an event was applied."""
        return self.suggestion.event is not None

    @property
    def event(self) -> str | None:
        """The event applied, if any."""
        return self.suggestion.event


def advance(  # noqa: PLR0913  # the inputs of suggest, plus the pipeline
    lead: Lead,
    pipeline: Pipeline,
    policy: QualificationPolicy,
    *,
    at: dt.datetime,
    score: Score | None = None,
    labels: Mapping[str, Classification[Any]] | None = None,
    registry: ClassifierRegistry | None = None,
) -> Advance:
    """Apply *policy*'s suggestion for *lead* at *at*, if it has one.

    The event is sent with the suggestion's reason recorded on the new
    `StageChange`, so the history says why the lead moved. The input lead is
    never changed.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import default_policy
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> walk_in = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     source="walk_in",
        ...     purchases=[pl.Purchase(at=t, amount="250", currency="EUR")],
        ... )
        >>> step = advance(walk_in, pl.lifecycle.b2b_pipeline(), default_policy(), at=t)
        >>> step.lead.stage, step.lead.history[-1].reason
        ('customer', 'bought: a purchase makes a customer')
    """
    _require_config(pipeline, Pipeline, "pipeline")
    _require_config(policy, QualificationPolicy, "policy")
    suggestion = policy.suggest(
        lead, at=at, pipeline=pipeline, score=score, labels=labels, registry=registry
    )
    if suggestion.event is None:
        return Advance(lead=lead, suggestion=suggestion)
    moved = pipeline.send(lead, suggestion.event, at=at, reason=suggestion.event_reason)
    return Advance(lead=moved, suggestion=suggestion)


def advance_many(
    leads: Iterable[Lead],
    pipeline: Pipeline,
    policy: QualificationPolicy,
    *,
    at: dt.datetime,
    registry: ClassifierRegistry | None = None,
) -> list[Advance]:
    """`advance` for each lead, in order.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import default_policy
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> leads = [pl.Lead(id="A", created_at=t), pl.Lead(id="B", created_at=t)]
        >>> steps = advance_many(
        ...     leads, pl.lifecycle.b2b_pipeline(), default_policy(), at=t
        ... )
        >>> [s.moved for s in steps]
        [False, False]
    """
    v.require_aware(at)
    _require_config(pipeline, Pipeline, "pipeline")
    _require_config(policy, QualificationPolicy, "policy")
    out = []
    for lead in v.iterate(leads, "leads", "an iterable of Lead"):
        require_lead(lead, "leads[]")
        out.append(advance(lead, pipeline, policy, at=at, registry=registry))
    return out


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class Settled:
    """What `settle` did: the lead where it came to rest, and each step taken.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import default_policy, settle
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t)
        >>> run = settle(lead, pl.lifecycle.b2b_pipeline(), default_policy(), at=t)
        >>> run.moved, run.stopped
        (False, 'nothing more applies')
    """

    lead: Lead
    """The lead after the last step (the input lead when no step was taken)."""
    steps: tuple[Advance, ...]
    """Each step that moved the lead, in order."""
    stopped: str
    """Why it stopped: nothing more applied, a stage came round again, or the
    step bound was reached."""

    @property
    def moved(self) -> bool:
        """Whether any event was applied."""
        return bool(self.steps)


def settle(  # noqa: PLR0913  # the inputs of advance, plus the bound
    lead: Lead,
    pipeline: Pipeline,
    policy: QualificationPolicy,
    *,
    at: dt.datetime,
    max_steps: int = 16,
    registry: ClassifierRegistry | None = None,
) -> Settled:
    """`advance` *lead* at *at* again and again, until nothing more applies.

    One moment can move a lead several stages (a purchase makes a prospect a
    customer through each stage between). It stops when the policy suggests
    nothing, before an event that would bring the lead back to a stage it was
    in at this moment (a policy whose events undo each other cannot loop), or
    after *max_steps* events.

    Raises:
        ArgumentTypeError: *max_steps* is not a whole number >= 1.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import default_b2c_policy
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> b2c = pl.lifecycle.b2c_pipeline()
        >>> shopper = b2c.start(
        ...     pl.Lead(
        ...         id="C-1",
        ...         created_at=t,
        ...         purchases=[pl.Purchase(at=t, amount="20", currency="EUR")],
        ...     )
        ... )
        >>> run = settle(shopper, b2c, default_b2c_policy(), at=t)
        >>> run.lead.stage, [step.event for step in run.steps], run.stopped
        ('customer', ['purchase'], 'nothing more applies')
    """
    v.require(
        max_steps,
        lambda n: type(n) is int and n >= 1,
        "max_steps",
        "a whole number >= 1",
    )
    visited = {lead.stage}
    steps: list[Advance] = []
    for _ in range(max_steps):
        step = advance(lead, pipeline, policy, at=at, registry=registry)
        if not step.moved:
            return Settled(
                lead=lead, steps=tuple(steps), stopped="nothing more applies"
            )
        if step.lead.stage in visited:
            stopped = (
                f"{step.event!r} would bring the lead back to {step.lead.stage!r}, "
                "where it already was at this time"
            )
            return Settled(lead=lead, steps=tuple(steps), stopped=stopped)
        lead = step.lead
        visited.add(lead.stage)
        steps.append(step)
    stopped = f"max_steps ({max_steps}) events applied"
    return Settled(lead=lead, steps=tuple(steps), stopped=stopped)


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class Priority:
    """A lead's place in the order a sales team should work, and why.

    Examples:
        >>> Priority.__name__
        'Priority'
    """

    rank: int
    """1 for the lead to act on first."""
    lead: Lead
    """The lead."""
    score: Score
    """Its score."""
    temperature: str
    """Its temperature label: hot, warm, cold or dead."""
    sla: SlaState
    """Where it stands against its stage's SLA."""
    reason: str
    """Why it stands here, in words."""


# The bands leads are sorted into, first to last, and what each says.
_OVERDUE, _HOT, _WARM, _COLD, _DEAD, _CLOSED = range(6)


def _band(kind: StageKind, temperature: str, sla: SlaState) -> tuple[int, str]:
    if kind is not StageKind.OPEN:
        done = "already won" if kind is StageKind.WON else f"closed ({kind.value})"
        return _CLOSED, f"{done}: nothing to chase"
    if temperature == "dead":
        return _DEAD, "dead: no time on it"
    if sla is SlaState.OVERDUE:
        return _OVERDUE, f"SLA overdue, {temperature}"
    if temperature == "hot":
        return _HOT, "hot"
    if sla is SlaState.DUE_SOON:
        return _HOT, f"SLA due soon, {temperature}"
    return (_WARM, "warm") if temperature == "warm" else (_COLD, "cold")


def _chooser(
    pipeline: Pipeline | Callable[[Lead], Pipeline] | None,
) -> Callable[[Lead], Pipeline]:
    if pipeline is not None and not isinstance(pipeline, Pipeline):
        expected = "a Pipeline, a function choosing one per lead, or None"
        v.require(pipeline, callable, "pipeline", expected, ConfigTypeError)
        choose = pipeline

        def chosen(lead: Lead) -> Pipeline:
            chart = choose(lead)
            _require_config(chart, Pipeline, "pipeline(lead)")
            return chart

        return chosen
    fixed = b2b_pipeline() if pipeline is None else pipeline
    return lambda _lead: fixed


def prioritize(
    leads: Iterable[Lead],
    *,
    at: dt.datetime,
    pipeline: Pipeline | Callable[[Lead], Pipeline] | None = None,
    model: ScoreModel | None = None,
    registry: ClassifierRegistry | None = None,
) -> tuple[Priority, ...]:
    """The order in which to act on *leads* at *at*, each with its reason.

    Leads fall in bands, first to last: SLA overdue; hot (or SLA due soon);
    warm; cold; dead; won or closed. Within a band, leads further along the
    success path come first (SQL before MQL; detours such as nurture after
    the funnel's stages), then higher scores, then ids.

    Args:
        leads: The leads.
        at: The moment (timezone-aware).
        pipeline: The pipeline the leads are in, or a function choosing one
            per lead (default: `b2b_pipeline()`).
        model: The score model (default: `default_model()`).
        registry: Where the ``temperature`` classifier (and any the model
            needs) come from; the built-ins by default.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> demo = pl.Interaction(activity="demo_request", at=t)
        >>> leads = [
        ...     pl.Lead(id="MQL", created_at=t, stage="marketing_qualified",
        ...             interactions=[demo]),
        ...     pl.Lead(id="SQL", created_at=t, stage="sales_qualified",
        ...             interactions=[demo]),
        ...     pl.Lead(id="QUIET", created_at=t - dt.timedelta(days=400)),
        ... ]
        >>> [(p.rank, p.lead.id, p.reason) for p in prioritize(leads, at=t)]
        [(1, 'SQL', 'hot; Sales qualified (SQL); score 20 (D1)'), \
(2, 'MQL', 'hot; Marketing qualified (MQL); score 20 (D1)'), \
(3, 'QUIET', 'dead: no time on it; Prospect; score 0 (D3)')]
    """
    v.require_aware(at)
    choose = _chooser(pipeline)
    if model is not None:
        _require_config(model, ScoreModel, "model")
    scorer = default_model() if model is None else model
    ranked = []
    for lead in v.iterate(leads, "leads", "an iterable of Lead"):
        require_lead(lead, "leads[]")
        chart = choose(lead)
        labels = classify(lead, at=at, registry=registry, only=["temperature"])
        score = scorer.score(lead, at=at, labels=labels, registry=registry)
        temperature = labels["temperature"].label.value
        stage = chart.stage(lead.stage)
        sla = chart.sla_status(lead, at=at).state
        band, why = _band(stage.kind, temperature, sla)
        order = -1 if stage.order is None else stage.order
        reason = f"{why}; {stage.label}; score {score.total:.0f} ({score.tier})"
        key = (band, -order, -score.total, lead.id)
        ranked.append((key, lead, score, temperature, sla, reason))
    ranked.sort(key=lambda row: row[0])
    return tuple(
        Priority(
            rank=rank,
            lead=lead,
            score=score,
            temperature=temperature,
            sla=sla,
            reason=reason,
        )
        for rank, (_, lead, score, temperature, sla, reason) in enumerate(ranked, 1)
    )
