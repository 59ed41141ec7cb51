"""Policies: from scores, labels and frameworks to the next lifecycle event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from prospectlib import _convert
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.criteria import require_aware
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Transition
from prospectlib.model import Channel
from prospectlib.model import Lead
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Score
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import _check as c  # until one validation kit
from prospectlib.scoring import default_model

_GRADES = ("A", "B", "C", "D")
_LEVELS = (1, 2, 3)
_TIERS = tuple(f"{g}{n}" for g in _GRADES for n in _LEVELS)


def _one_of(choices: tuple[Any, ...]) -> Any:  # noqa: ANN401  # an attrs validator
    names = ", ".join(repr(v) for v in choices)

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(
            type(v) is type(choices[0]) and v in choices for v in value
        ):
            raise c.config_error(inst, attribute.name, f"a list of {names}")

    return check


def _to_ids(value: object) -> object:
    return (value,) if isinstance(value, str) else c.to_tuple(value)


def _ids(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise c.config_error(inst, attribute.name, "a list of ids")
    for item in value:
        c.ident(inst, attribute, item)


def _to_channels(value: object) -> object:
    value = _to_ids(value)
    if not isinstance(value, tuple):
        return value
    out: list[object] = []
    for item in value:
        try:
            out.append(Channel(item))
        except ValueError:
            out.append(item)
    return tuple(out)


def _channels(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(v, Channel) for v in value):
        names = ", ".join(repr(m.value) for m in Channel)
        raise c.config_error(inst, attribute.name, f"a list of {names}")


def _optional_criterion(
    inst: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is not None and not is_criterion(value):
        raise c.config_error(inst, attribute.name, "a criterion, or null")


def _text(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise c.config_error(inst, attribute.name, "a non-empty string")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True)
class PolicyRule:
    """When to suggest a lifecycle event: conditions on the score, labels, lead.

    Every condition given must hold (those left out hold): the lead's stage,
    the score's bounds, tiers, grades and levels, each label test, and the
    criterion ``when`` (a qualification framework such as BANT, or any
    criterion). ``contact`` names the channels the follow-up uses: the rule
    applies only when the lead granted contact on one of them.

    Examples:
        >>> rule = PolicyRule(
        ...     id="hot_fit",
        ...     event="qualify_marketing",
        ...     reason="tier B1 or better",
        ...     tiers=["A1", "B1"],
        ... )
        >>> rule.tiers
        ('A1', 'B1')
    """

    id: str = attrs.field(validator=c.ident)
    """The rule's id, unique in its policy."""
    event: str = attrs.field(validator=c.ident)
    """The event to suggest."""
    reason: str = attrs.field(validator=_text)
    """Why, in words; recorded as the stage change's reason when the event
    needs one (unless ``event_reason`` is given)."""
    stages: tuple[str, ...] = attrs.field(default=(), converter=_to_ids, validator=_ids)
    """Only for leads in these stages (empty: any)."""
    min_total: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The total must be at least this."""
    max_total: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The total must be at most this."""
    min_fit: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The fit points must be at least this."""
    max_fit: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The fit points must be at most this (e.g. negative: bad signs)."""
    min_engagement: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The engagement points must be at least this."""
    max_engagement: float | None = attrs.field(
        default=None, converter=c.to_optional_float, validator=c.optional_finite
    )
    """The engagement points must be at most this."""
    tiers: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, validator=_one_of(_TIERS)
    )
    """The tier must be one of these (empty: any)."""
    grades: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, validator=_one_of(_GRADES)
    )
    """The grade must be one of these (empty: any)."""
    levels: tuple[int, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=_one_of(_LEVELS)
    )
    """The engagement level must be one of these (empty: any)."""
    labels: tuple[LabelIs, ...] = attrs.field(
        default=(), converter=c.to_tuple, validator=c.tuple_of(LabelIs)
    )
    """Label tests that must all hold."""
    when: Criterion | None = attrs.field(default=None, validator=_optional_criterion)
    """A criterion that must hold (a framework, a recency test, …)."""
    contact: tuple[Channel, ...] = attrs.field(
        default=(), converter=_to_channels, validator=_channels
    )
    """The follow-up contacts the lead on one of these channels: needs consent."""
    event_reason: str | None = attrs.field(default=None, validator=c.optional_text)
    """The reason recorded with the event, when it differs from ``reason``
    (e.g. a `LostReason` value for ``lose``)."""

    def unmet(  # noqa: C901, PLR0911  # one check and return per kind of condition
        self,
        lead: Lead,
        score: Score,
        labels: Mapping[str, Classification[Any]],
        at: dt.datetime,
    ) -> str | None:
        """The first condition that does not hold, in words; ``None`` when all do."""
        if self.stages and lead.stage not in self.stages:
            return f"stage {lead.stage!r} is not one of {', '.join(self.stages)}"
        for what, value, low, high in (
            ("total", score.total, self.min_total, self.max_total),
            ("fit", score.fit, self.min_fit, self.max_fit),
            ("engagement", score.engagement, self.min_engagement, self.max_engagement),
        ):
            if low is not None and value < low:
                return f"{what} {value:.1f} < {low:g}"
            if high is not None and value > high:
                return f"{what} {value:.1f} > {high:g}"
        for what, have, wanted in (
            ("tier", score.tier, self.tiers),
            ("grade", score.grade, self.grades),
            ("level", score.level, self.levels),
        ):
            if wanted and have not in wanted:
                return f"{what} {have} is not one of {', '.join(map(str, wanted))}"
        for test in self.labels:
            if not test.holds(labels):
                return f"not {test.describe()}"
        if self.when is not None:
            check = self.when.evaluate(lead, at=at)
            if not check.passed:
                return "; ".join(check.unmet)
        if self.contact and not any(lead.can_contact(ch) for ch in self.contact):
            channels = " or ".join(ch.value for ch in self.contact)
            return f"no consent to contact by {channels}"
        return None

    @property
    def classifiers(self) -> tuple[str, ...]:
        """The classifiers this rule's label tests need."""
        return tuple(t.classifier for t in self.labels)


@attrs.frozen(kw_only=True)
class Suggestion:
    """What a policy suggests for a lead now: an event (or none), and why.

    Examples:
        >>> Suggestion(
        ...     lead_id="L-1",
        ...     stage="prospect",
        ...     event=None,
        ...     target=None,
        ...     rule=None,
        ...     reason="no rule applies",
        ...     score=None,
        ... ).event is None
        True
    """

    lead_id: str
    """The lead's id."""
    stage: str
    """The lead's stage."""
    event: str | None
    """The event to send (``None``: nothing to do now)."""
    target: str | None
    """Where the event takes the lead."""
    rule: str | None
    """The policy rule that suggested it."""
    reason: str
    """Why, in words."""
    score: Score | None
    """The score the suggestion was based on."""
    event_reason: str | None = None
    """The reason to record with the event, when it needs one."""
    passed_over: tuple[str, ...] = ()
    """Rules whose conditions held but whose event the pipeline refused now,
    or that would move the lead backwards: ``"rule: why"``."""


def _check_rules(
    inst: QualificationPolicy, attribute: attrs.Attribute[Any], value: object
) -> None:
    c.tuple_of(PolicyRule)(inst, attribute, value)
    c.unique(inst, attribute.name, (r.id for r in value))  # type: ignore[attr-defined]


def _model(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, ScoreModel):
        raise c.config_error(inst, attribute.name, "a score model")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True)
class QualificationPolicy:
    """Rules that turn a lead's score and labels into its next lifecycle event.

    `suggest` tries the rules in order and suggests the first whose
    conditions hold and whose event the pipeline accepts now (same guards as
    `Pipeline.send`). Suggestions only move a lead forward on the success
    path or into a detour (or back from a detour), never backwards, and never
    an event that needs a person (an actor, such as a sales rep accepting).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.workflow import default_policy
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     purchases=[pl.Purchase(at=t, amount="99", currency="EUR")],
        ... )
        >>> s = default_policy().suggest(lead, at=t)
        >>> s.event, s.reason
        ('purchase', 'bought: a purchase makes a customer')
    """

    name: str = attrs.field(validator=c.ident)
    """The policy's name."""
    pipeline: str = attrs.field(validator=c.ident)
    """The id of the pipeline it is written for."""
    rules: tuple[PolicyRule, ...] = attrs.field(
        converter=c.to_tuple, validator=_check_rules
    )
    """The rules, tried in order."""
    model: ScoreModel = attrs.field(factory=default_model, validator=_model)
    """The score model used when no score is given."""

    def _pipeline(self, pipeline: Pipeline | None) -> Pipeline:
        if pipeline is None:
            from prospectlib.lifecycle import b2b_pipeline  # noqa: PLC0415  # defaults on demand
            from prospectlib.lifecycle import b2c_pipeline  # noqa: PLC0415

            defaults = {"b2b": b2b_pipeline, "b2c": b2c_pipeline}
            make = defaults.get(self.pipeline)
            if make is None:
                raise _pipeline_error(
                    f"the pipeline {self.pipeline!r} (only b2b and b2c are "
                    "built in: pass pipeline=...)"
                )
            return make()
        if not isinstance(pipeline, Pipeline) or pipeline.id != self.pipeline:
            got = (
                pipeline.id
                if isinstance(pipeline, Pipeline)
                else type(pipeline).__name__
            )
            raise _pipeline_error(f"the pipeline {self.pipeline!r} (got {got!r})")
        return pipeline

    def suggest(  # noqa: PLR0913  # the inputs a suggestion may reuse
        self,
        lead: Lead,
        *,
        at: dt.datetime,
        pipeline: Pipeline | None = None,
        score: Score | None = None,
        labels: Mapping[str, Classification[Any]] | None = None,
        registry: ClassifierRegistry | None = None,
    ) -> Suggestion:
        """The next event for *lead* at *at*, with the reason (or why none).

        Args:
            lead: The lead.
            at: The moment (timezone-aware).
            pipeline: The pipeline the lead is in; the built-in one named by
                ``self.pipeline`` when left out.
            score: The lead's score at *at*, when already computed; else
                ``self.model`` scores it.
            labels: Classifications already made, by classifier name.
            registry: Where to find the classifiers that are missing.

        Raises:
            InvalidConfigError: *pipeline* is not the one the policy is for.
        """
        if type(lead) is not Lead:
            raise InvalidLeadError(
                [Problem(path="lead", expected=f"a Lead (got {type(lead).__name__})")]
            )
        require_aware(at)
        chart = self._pipeline(pipeline)
        known = dict(labels or {})
        if score is None:
            score = self.model.score(lead, at=at, labels=known, registry=registry)
        wanted = [n for r in self.rules for n in r.classifiers if n not in known]
        if wanted:
            from prospectlib.classifiers import classify  # noqa: PLC0415  # lazily

            known.update(
                classify(lead, at=at, registry=registry, only=dict.fromkeys(wanted))
            )
        passed_over: list[str] = []
        available = set(chart.events_from(lead.stage))
        for rule in self.rules:
            if rule.event not in available or rule.unmet(lead, score, known, at):
                continue
            refusal = _refusal(chart, lead, rule, at)
            if refusal is not None:
                passed_over.append(f"{rule.id}: {refusal}")
                continue
            decision = chart.check(lead, rule.event, at=at)
            return Suggestion(
                lead_id=lead.id,
                stage=lead.stage,
                event=rule.event,
                target=decision.target,
                rule=rule.id,
                reason=rule.reason,
                score=score,
                event_reason=rule.event_reason or rule.reason,
                passed_over=tuple(passed_over),
            )
        return Suggestion(
            lead_id=lead.id,
            stage=lead.stage,
            event=None,
            target=None,
            rule=None,
            reason="no rule applies",
            score=score,
            passed_over=tuple(passed_over),
        )


def _refusal(
    pipeline: Pipeline, lead: Lead, rule: PolicyRule, at: dt.datetime
) -> str | None:
    """Why the pipeline would not take the rule's event now (``None``: it would)."""
    decision = pipeline.check(lead, rule.event, at=at)
    if not decision.allowed:
        return "; ".join(decision.unmet)
    transition = _transition(pipeline, lead.stage, rule.event, decision.target)
    if transition.requires_actor:
        return f"{rule.event!r} needs a person (an actor)"
    recorded = rule.event_reason or rule.reason
    if transition.reasons and recorded not in transition.reasons:
        return f"{rule.event!r} needs a reason among {', '.join(transition.reasons)}"
    source = pipeline.stage(lead.stage).order
    target = pipeline.stage(decision.target).order  # type: ignore[arg-type]
    if source is not None and target is not None and target < source:
        return f"{rule.event!r} would move the lead backwards"
    return None


def _transition(
    pipeline: Pipeline, stage: str, event: str, target: str | None
) -> Transition:
    return next(
        t
        for t in pipeline.transitions_for(event)
        if stage in t.sources and t.target == target
    )


def _pipeline_error(expected: str) -> InvalidConfigError:
    return InvalidConfigError([Problem(path="pipeline", expected=expected)])
