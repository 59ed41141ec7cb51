"""Policies: from scores, labels and frameworks to the next lifecycle event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Transition
from prospectlib.model import Channel
from prospectlib.model import Lead
from prospectlib.model._require import require_lead_at
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Score
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import default_model

_GRADES = ("A", "B", "C", "D")
_LEVELS = (1, 2, 3)
_TIERS = tuple(f"{g}{n}" for g in _GRADES for n in _LEVELS)


def _choices(value: object, choices: tuple[Any, ...]) -> tuple[Any, ...]:
    """A tuple of *choices* (one alone is a list of one), of their type exactly."""
    kind = type(choices[0])
    expected = f"a list of {', '.join(repr(choice) for choice in choices)}"
    return v.tuple_of(
        (value,) if type(value) is kind else value,
        lambda item: type(item) is kind and item in choices,
        expected,
    )


def _tiers(value: Iterable[str] | str) -> tuple[str, ...]:
    return _choices(value, _TIERS)


def _grades(value: Iterable[str] | str) -> tuple[str, ...]:
    return _choices(value, _GRADES)


def _levels(value: Iterable[int] | int) -> tuple[int, ...]:
    return _choices(value, _LEVELS)


def _stages(value: Iterable[str] | str) -> tuple[str, ...]:
    return v.tuple_of(
        (value,) if isinstance(value, str) else value, v.is_ident, "a list of ids"
    )


def _channels(value: Iterable[Channel | str] | Channel | str) -> tuple[Channel, ...]:
    return v.members(Channel, value)


def _bound(value: float | None) -> float | None:
    return None if value is None else v.real(value)


def _labels(value: Iterable[LabelIs]) -> tuple[LabelIs, ...]:
    return v.records(value, LabelIs)


def _rules(value: Iterable[PolicyRule]) -> tuple[PolicyRule, ...]:
    return v.records(value, PolicyRule, unique="id")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
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

    id: str = attrs.field(validator=v.ident)
    """The rule's id, unique in its policy."""
    event: str = attrs.field(validator=v.ident)
    """The event to suggest."""
    reason: str = attrs.field(validator=v.text())
    """Why, in words; recorded as the stage change's reason when the event
    needs one (unless ``event_reason`` is given)."""
    stages: tuple[str, ...] = attrs.field(default=(), converter=_stages)
    """Only for leads in these stages (empty: any)."""
    min_total: float | None = attrs.field(default=None, converter=_bound)
    """The total must be at least this."""
    max_total: float | None = attrs.field(default=None, converter=_bound)
    """The total must be at most this."""
    min_fit: float | None = attrs.field(default=None, converter=_bound)
    """The fit points must be at least this."""
    max_fit: float | None = attrs.field(default=None, converter=_bound)
    """The fit points must be at most this (e.g. negative: bad signs)."""
    min_engagement: float | None = attrs.field(default=None, converter=_bound)
    """The engagement points must be at least this."""
    max_engagement: float | None = attrs.field(default=None, converter=_bound)
    """The engagement points must be at most this."""
    tiers: tuple[str, ...] = attrs.field(default=(), converter=_tiers)
    """The tier must be one of these (empty: any)."""
    grades: tuple[str, ...] = attrs.field(default=(), converter=_grades)
    """The grade must be one of these (empty: any)."""
    levels: tuple[int, ...] = attrs.field(default=(), converter=_levels)
    """The engagement level must be one of these (empty: any)."""
    labels: tuple[LabelIs, ...] = attrs.field(default=(), converter=_labels)
    """Label tests that must all hold."""
    when: Criterion | None = attrs.field(
        default=None,
        validator=v.optional(v.instance(is_criterion, "a criterion, or null")),
    )
    """A criterion that must hold (a framework, a recency test, …)."""
    contact: tuple[Channel, ...] = attrs.field(default=(), converter=_channels)
    """The follow-up contacts the lead on one of these channels: needs consent."""
    event_reason: str | None = attrs.field(
        default=None, validator=v.optional(v.text("a non-empty string or null"))
    )
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


@_convert.serializable(error=ValidationError)
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


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
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

    name: str = attrs.field(validator=v.ident)
    """The policy's name."""
    pipeline: str = attrs.field(validator=v.ident)
    """The id of the pipeline it is written for."""
    rules: tuple[PolicyRule, ...] = attrs.field(converter=_rules)
    """The rules, tried in order."""
    model: ScoreModel = attrs.field(
        factory=default_model, validator=v.instance(ScoreModel, "a score model")
    )
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
        wanted = f"the pipeline {self.pipeline!r}"
        if not isinstance(pipeline, Pipeline):
            raise ConfigTypeError(
                [
                    Problem(
                        path="pipeline",
                        expected=f"{wanted} (got {type(pipeline).__name__!r})",
                    )
                ]
            )
        if pipeline.id != self.pipeline:
            raise _pipeline_error(f"{wanted} (got {pipeline.id!r})")
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
            LeadTypeError: *lead* is not a `Lead`.
            InvalidConfigError: *pipeline* is not the one the policy is for (a
                `ConfigTypeError`, also a `TypeError`, when it is no pipeline).
            ArgumentTypeError: *score* is not a `Score`, or *labels* not a
                mapping of classifications (`TypeError`s too).
        """
        require_lead_at(lead, at)
        chart = self._pipeline(pipeline)
        if score is not None:
            v.require(score, Score, "score", "a Score or None")
        if labels is not None:
            v.require(
                labels, Mapping, "labels", "a mapping of names to classifications"
            )
        known = dict(labels or {})
        for name in {n for rule in self.rules for n in rule.classifiers}:
            if known.get(name) is not None:
                expected = "a Classification"
                v.require(known[name], Classification, f"labels[{name!r}]", expected)
        if score is None:
            score = self.model.score(lead, at=at, labels=known, registry=registry)
        wanted = [n for r in self.rules for n in r.classifiers if n not in known]
        if wanted:
            from prospectlib.classifiers import classify  # noqa: PLC0415  # lazily

            known.update(
                classify(
                    lead, at=at, registry=registry, only=tuple(dict.fromkeys(wanted))
                )
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
