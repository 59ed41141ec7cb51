"""How a score model scores: compiled once per model, applied to many leads.

The per-lead path does only arithmetic and the criteria's fast ``test``: one
pass over the interactions (newest first) feeds every signal, caps scale
numbers in lists, and the `Contribution` objects with their reasons are built
only when someone asks for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

import attrs

from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import classify
from prospectlib.criteria import require_aware
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem
from prospectlib.model import Activity
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.scoring._score import Contribution
from prospectlib.scoring._score import ContributionKind
from prospectlib.scoring._score import Score

if TYPE_CHECKING:
    from prospectlib.scoring._model import Rule
    from prospectlib.scoring._model import ScoreModel
    from prospectlib.scoring._model import Signal

_Labels = Mapping[str, Classification[Any]]
_NO_LABELS: FrozenMap[str, Classification[Any]] = FrozenMap()
_DAY = 86_400.0


def _seconds(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else delta.total_seconds()


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
    """A score model compiled for scoring: indexes, flat lists, no lookups by name."""

    model: ScoreModel
    classifiers: tuple[str, ...]
    tests: tuple[Callable[[Lead, dt.datetime, _Labels], bool], ...]
    rule_points: tuple[float, ...]
    by_activity: dict[Activity, tuple[int, ...]]
    signal_points: tuple[float, ...]
    half_lives: tuple[float | None, ...]
    windows: tuple[float | None, ...]
    max_counts: tuple[int | None, ...]
    groups: tuple[tuple[list[list[int]], float | None, float | None], ...]
    dimensions: tuple[tuple[str, list[list[int]], float | None, float | None], ...]
    every: list[list[int]]
    total_low: float | None
    total_high: float | None

    def score(
        self,
        lead: Lead,
        at: dt.datetime,
        labels: _Labels | None,
        registry: ClassifierRegistry | None,
    ) -> Score:
        """Score *lead* as of *at* (see `ScoreModel.score`)."""
        if type(lead) is not Lead:
            raise InvalidLeadError(
                [Problem(path="lead", expected=f"a Lead (got {type(lead).__name__})")]
            )
        if at.__class__ is not dt.datetime or at.tzinfo is None:
            require_aware(at)
        known = self._labels(lead, at, labels, registry)
        held = [test(lead, at, known) for test in self.tests]
        values = [
            points if h else 0.0
            for points, h in zip(self.rule_points, held, strict=True)
        ]
        counts, weights = self._signals(lead, at)
        values.extend(p * w for p, w in zip(self.signal_points, weights, strict=True))
        decayed = values.copy()
        for units, low, high in self.groups:
            scale(values, units, low, high)
        for _, units, low, high in self.dimensions:
            scale(values, units, low, high)
        scale(values, self.every, self.total_low, self.total_high)
        sums: dict[str, float] = {
            name: math.fsum(values[i] for unit in units for i in unit) + 0.0
            for name, units, _, _ in self.dimensions
        }
        model = self.model
        explain = functools.partial(
            self._contributions, lead, at, known, held, counts, decayed, values
        )
        return Score(
            lead_id=lead.id,
            model=model.name,
            at=at,
            total=math.fsum(sums.values()) + 0.0,
            dimensions=FrozenMap(sums),
            grade=model.grades.grade(sums[model.grades.dimension]),
            level=model.levels.level(sums[model.levels.dimension]),
            explain=explain,
            graded=model.grades.dimension,
            leveled=model.levels.dimension,
        )

    def _labels(
        self,
        lead: Lead,
        at: dt.datetime,
        labels: _Labels | None,
        registry: ClassifierRegistry | None,
    ) -> _Labels:
        if not self.classifiers:
            return _NO_LABELS
        given: _Labels = labels or _NO_LABELS
        missing = [name for name in self.classifiers if name not in given]
        if not missing:
            return given
        found = classify(lead, at=at, registry=registry, only=missing)
        return {**given, **found}

    def _signals(self, lead: Lead, at: dt.datetime) -> tuple[list[int], list[float]]:
        n = len(self.signal_points)
        counts = [0] * n
        weights = [0.0] * n
        by_activity = self.by_activity
        if not by_activity:
            return counts, weights
        half_lives = self.half_lives
        windows = self.windows
        max_counts = self.max_counts
        for item in reversed(lead.interactions):  # newest first
            wanted = by_activity.get(item.activity)
            if wanted is None or item.at > at:
                continue
            age = (at - item.at).total_seconds()
            for k in wanted:
                window = windows[k]
                if window is not None and age >= window:
                    continue
                cap = max_counts[k]
                if cap is not None and counts[k] >= cap:
                    continue
                counts[k] += 1
                half_life = half_lives[k]
                weights[k] += 1.0 if half_life is None else 0.5 ** (age / half_life)
        return counts, weights

    def _contributions(  # noqa: PLR0913, PLR0917  # a partial of what one score computed
        self,
        lead: Lead,
        at: dt.datetime,
        labels: _Labels,
        held: list[bool],
        counts: list[int],
        decayed: list[float],
        values: list[float],
    ) -> tuple[Contribution, ...]:
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


def _rule_reason(rule: Rule, lead: Lead, at: dt.datetime, labels: _Labels) -> str:
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


def _criterion_test(rule: Rule) -> Callable[[Lead, dt.datetime, _Labels], bool]:
    if rule.when is not None:
        test = rule.when.test
        return lambda lead, at, _labels: test(lead, at=at)
    label = rule.label
    assert label is not None  # a rule has a criterion or a label test  # noqa: S101
    holds = label.holds
    return lambda _lead, _at, labels: holds(labels)


def compile_model(model: ScoreModel) -> Plan:
    """Compile *model* into a `Plan` (once, when the model is made)."""
    signals = model.signals
    by_activity: dict[Activity, list[int]] = {}
    for k, signal in enumerate(signals):
        for activity in signal.activities:
            by_activity.setdefault(activity, []).append(k)
    items: tuple[Rule | Signal, ...] = (*model.rules, *signals)
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
    classifiers = tuple(
        dict.fromkeys(r.label.classifier for r in model.rules if r.label is not None)
    )
    return Plan(
        model=model,
        classifiers=classifiers,
        tests=tuple(_criterion_test(r) for r in model.rules),
        rule_points=tuple(r.points for r in model.rules),
        by_activity={a: tuple(ks) for a, ks in by_activity.items()},
        signal_points=tuple(s.points for s in signals),
        half_lives=tuple(_seconds(s.half_life) for s in signals),
        windows=tuple(_seconds(s.within) for s in signals),
        max_counts=tuple(s.max_count for s in signals),
        groups=tuple(
            ([[i] for i in group_members[g.id]], g.min, g.max)
            for g in model.groups
            if g.id in capped
        ),
        dimensions=tuple(
            (d.id, dim_units[d.id], d.min, d.max) for d in model.dimensions
        ),
        every=[[i for unit in dim_units[d.id] for i in unit] for d in model.dimensions],
        total_low=model.min_total,
        total_high=model.max_total,
    )
