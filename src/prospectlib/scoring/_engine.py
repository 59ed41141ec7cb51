"""How a score model scores: compiled once per model into one Python function.

`compile_model` has `_codegen` write the source of one function per model and
compiles it. What the function hands back to lives here: `_Layout` applies the
caps (`scale`) when a bound may bind, runs the classifiers a label test needs,
and builds the `Contribution` objects and their reasons, only when someone
asks for them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

import attrs

from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import classify
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.scoring import _codegen
from prospectlib.scoring._codegen import NO_LABELS
from prospectlib.scoring._codegen import Labels
from prospectlib.scoring._codegen import ScoreFunction
from prospectlib.scoring._score import Contribution
from prospectlib.scoring._score import ContributionKind
from prospectlib.scoring._score import Score

if TYPE_CHECKING:
    from prospectlib.scoring._parts import ModelParts
    from prospectlib.scoring._parts import Rule
    from prospectlib.scoring._parts import Signal

_DAY = 86_400.0


def scale(
    values: list[float], units: list[list[int]], low: float | None, high: float | None
) -> None:
    """Scale *values* in place so that the sum over *units* lies in [low, high].

    A unit is a list of indexes into *values* that is scaled as one (a capped
    group, a dimension) so that what was capped below stays within its cap.
    Only the side that overflows is scaled, in proportion: over ``high``, the
    units with a positive sum shrink until the sum is ``high``; under ``low``,
    those with a negative sum. Signs never change (``high >= 0 >= low``), and
    the sum afterwards is the sum before, clamped to [low, high].
    """
    sums = [math.fsum(values[i] for i in unit) for unit in units]
    positive = math.fsum(v for v in sums if v > 0)
    negative = math.fsum(v for v in sums if v < 0)
    total = positive + negative
    if high is not None and total > high:
        factor, side = (high - negative) / positive, 1
    elif low is not None and total < low:
        factor, side = (low - positive) / negative, -1
    else:
        return
    for unit, net in zip(units, sums, strict=True):
        if net * side > 0:
            for i in unit:
                values[i] *= factor


@attrs.frozen
class Plan:
    """A score model compiled for scoring: one generated function and its source."""

    classifiers: tuple[str, ...]
    """The classifiers the model's label tests need, in order."""
    score: ScoreFunction
    """``score(lead, at, labels, registry)``: see `ScoreModel.score`."""
    source: str = attrs.field(repr=False)
    """The text of the generated function, for debugging."""


@attrs.frozen
class _Layout:
    """What the generated function hands back to: caps, labels, explanations."""

    model: ModelParts
    classifiers: tuple[str, ...]
    groups: tuple[tuple[list[list[int]], float | None, float | None], ...]
    dimensions: tuple[tuple[str, list[list[int]], float | None, float | None], ...]
    every: list[list[int]]

    def labels(
        self,
        lead: Lead,
        at: dt.datetime,
        labels: Labels | None,
        registry: ClassifierRegistry | None,
    ) -> Labels:
        """The labels given, plus those of the classifiers they miss."""
        given: Labels = labels or NO_LABELS
        missing = [name for name in self.classifiers if name not in given]
        if not missing:
            return given
        found = classify(lead, at=at, registry=registry, only=missing)
        return {**given, **found}

    def finish(  # noqa: PLR0913, PLR0917  # what the generated function computed
        self,
        lead: Lead,
        at: dt.datetime,
        labels: Labels,
        held: tuple[object, ...],
        counts: tuple[int, ...],
        values: list[float],
    ) -> Score:
        """Apply the caps to *values* and make the `Score` (when a cap may bind)."""
        decayed = tuple(values)
        for units, low, high in self.groups:
            scale(values, units, low, high)
        for _, units, low, high in self.dimensions:
            scale(values, units, low, high)
        scale(values, self.every, self.model.min_total, self.model.max_total)
        sums: dict[str, float] = {
            name: math.fsum(values[i] for unit in units for i in unit) + 0.0
            for name, units, _, _ in self.dimensions
        }
        model = self.model
        graded, leveled = model.grades.dimension, model.levels.dimension
        return Score._made(  # noqa: SLF001  # the fast path kept for scoring
            lead.id,
            model.name,
            at,
            math.fsum(sums.values()) + 0.0,
            FrozenMap(sums),
            model.grades.grade(sums[graded]),
            model.levels.level(sums[leveled]),
            graded,
            leveled,
            self,
            (lead, at, labels, held, counts, decayed, tuple(values)),
        )

    def contributions(self, raw: tuple[Any, ...], /) -> tuple[Contribution, ...]:
        """The contributions of one score, in the model's order (`Explainer`).

        *raw* is what the score was made of: ``(lead, at, labels, held,
        counts, decayed, values)``: per rule whether it held, per signal the
        interactions counted, and per rule then signal the points before and
        after the caps.
        """
        lead: Lead
        at: dt.datetime
        labels: Labels
        held: Sequence[object]
        counts: Sequence[int]
        decayed: Sequence[float]
        values: Sequence[float]
        lead, at, labels, held, counts, decayed, values = raw
        model = self.model
        out: list[Contribution] = []
        for k, rule in enumerate(model.rules):
            if held[k]:
                out.append(
                    Contribution(
                        kind=ContributionKind.RULE,
                        id=rule.id,
                        dimension=rule.dimension,
                        group=rule.group,
                        count=1,
                        raw=rule.points,
                        decayed=rule.points,
                        points=values[k],
                        reason=_rule_reason(rule, lead, at, labels),
                    )
                )
        first = len(model.rules)
        for k, signal in enumerate(model.signals):
            if counts[k]:
                out.append(
                    Contribution(
                        kind=ContributionKind.SIGNAL,
                        id=signal.id,
                        dimension=signal.dimension,
                        group=signal.group,
                        count=counts[k],
                        raw=signal.points * counts[k],
                        decayed=decayed[first + k],
                        points=values[first + k],
                        reason=_signal_reason(signal, counts[k]),
                    )
                )
        return tuple(out)


def _rule_reason(rule: Rule, lead: Lead, at: dt.datetime, labels: Labels) -> str:
    if rule.description is not None:
        return rule.description
    if rule.when is not None:
        return rule.when.evaluate(lead, at=at).reason
    test = rule.label
    assert test is not None  # a rule has a criterion or a label test  # noqa: S101
    answer = labels[test.classifier]
    return f"{test.classifier} is {answer.label.value} ({answer.confidence:.2f} sure)"


def _days(seconds: float) -> str:
    days = seconds / _DAY
    return f"{days:g} day" if days == 1 else f"{days:g} days"


def _signal_reason(signal: Signal, count: int) -> str:
    what = " or ".join(a.value for a in signal.activities)
    text = f"{count} {what}, {signal.points:g} each"
    if signal.half_life is not None:
        text += f", half-life {_days(signal.half_life.total_seconds())}"
    if signal.within is not None:
        text += f", last {_days(signal.within.total_seconds())}"
    if signal.max_count is not None and count == signal.max_count:
        text += f", at most {signal.max_count}"
    if signal.description is not None:
        text = f"{signal.description}: {text}"
    return text


def _groups_and_dimensions(
    model: ModelParts,
) -> tuple[
    tuple[tuple[list[list[int]], float | None, float | None], ...],
    tuple[tuple[str, list[list[int]], float | None, float | None], ...],
]:
    items: tuple[Rule | Signal, ...] = (*model.rules, *model.signals)
    capped = {g.id for g in model.groups if g.min is not None or g.max is not None}
    group_members: dict[str, list[int]] = {g: [] for g in capped}
    # What each dimension scales as one: a capped group, or a single item.
    dim_units: dict[str, list[list[int]]] = {d.id: [] for d in model.dimensions}
    for index, item in enumerate(items):
        if item.group in capped:
            members = group_members[item.group]
            if not members:
                dim_units[item.dimension].append(members)
            members.append(index)
        else:
            dim_units[item.dimension].append([index])
    groups = tuple(
        ([[i] for i in group_members[g.id]], g.min, g.max)
        for g in model.groups
        if g.id in capped
    )
    dimensions = tuple((d.id, dim_units[d.id], d.min, d.max) for d in model.dimensions)
    return groups, dimensions


def compile_model(model: ModelParts, *, specialise: bool = True) -> Plan:
    """Compile *model* into a `Plan` (once, when the model is made).

    Args:
        model: The model.
        specialise: Inline the built-in criteria; ``False`` calls every
            criterion's ``test`` (the reference the inlined code is tested
            against).

    Returns:
        The plan, whose ``score`` scores a lead.
    """
    classifiers = tuple(
        dict.fromkeys(r.label.classifier for r in model.rules if r.label is not None)
    )
    groups, dimensions = _groups_and_dimensions(model)
    layout = _Layout(
        model=model,
        classifiers=classifiers,
        groups=groups,
        dimensions=dimensions,
        every=[[i for unit in units for i in unit] for _, units, _, _ in dimensions],
    )
    function, source = _codegen.write(model, layout, specialise=specialise)
    return Plan(classifiers=classifiers, score=function, source=source)
