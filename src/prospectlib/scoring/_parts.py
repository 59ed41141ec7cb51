"""The parts of a score model: rules, signals, groups, dimensions, grades, levels.

`ScoreModel` (in `prospectlib.scoring._model`) puts them together; the engine
reads a model through `ModelParts`, so it needs nothing of `ScoreModel` itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import Protocol

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers import BUILT_IN_LABELS
from prospectlib.classifiers import Classification
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Term
from prospectlib.model._terms import open_members

FIT = "fit"
"""The dimension of how well a lead matches who you sell to."""
ENGAGEMENT = "engagement"
"""The dimension of how much interest a lead shows."""


ident = v.ident
_optional_ident = v.optional(ident)
_optional_text = v.optional(v.text("a non-empty string or null"))
_optional_delta = v.optional(v.duration("a positive duration, or null"))


def _points(value: float) -> float:
    return v.real(value)


def _limit(value: float | None, sign: int) -> float | None:
    """A cap: a finite number >= 0 (*sign* 1, a maximum) or <= 0 (-1, a minimum)."""
    if value is None:
        return None
    expected = f"a finite number {'>=' if sign > 0 else '<='} 0, or null"
    number = v.real(value, expected=expected)
    if number * sign < 0:
        v.refuse(expected)
    return number


def _maximum(value: float | None) -> float | None:
    return _limit(value, 1)


def _minimum(value: float | None) -> float | None:
    return _limit(value, -1)


def _to_labels(value: Iterable[str] | str) -> tuple[str, ...]:
    expected = "a non-empty list of label values"
    if isinstance(value, str):  # one label (a StrEnum member is a str)
        value = (value,)
    # Label enum members become their plain values.
    labels = (str(x) if isinstance(x, str) else x for x in v.items(value, expected))
    return v.texts(tuple(labels), expected, non_empty=True)


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class LabelIs:
    """A test on a classifier's answer: its label is one of ``labels``.

    For the built-in classifiers the labels are checked against the
    classifier's own labels, so a typo fails when the model is defined; for a
    classifier of yours, when a model is scored with the registry holding it.

    Examples:
        >>> strong = LabelIs(classifier="profile_fit", labels=("strong",))
        >>> strong.labels
        ('strong',)
        >>> LabelIs(classifier="profile_fit", labels=("strnog",))
        Traceback (most recent call last):
        ...
        prospectlib.errors.InvalidConfigError: LabelIs.labels: expected labels of \
profile_fit: 'strong', 'partial', 'weak', 'none' (got 'strnog')
    """

    classifier: str = attrs.field(validator=ident)
    """The name the classifier is registered under, e.g. ``"profile_fit"``."""
    labels: tuple[str, ...] = attrs.field(converter=_to_labels)
    """The label values that pass, e.g. ``("strong", "partial")``."""

    def __attrs_post_init__(self) -> None:
        """Check the labels of a built-in classifier."""
        known = BUILT_IN_LABELS.get(self.classifier)
        if known is not None:
            self._check(known, "LabelIs")

    def _check(self, known: type[enum.StrEnum], owner: str) -> None:
        """Refuse labels that *known* (the classifier's labels) does not have."""
        values = [m.value for m in known]
        wrong = [v for v in self.labels if v not in values]
        if wrong:
            choices = ", ".join(repr(v) for v in values)
            raise v.config_error(
                owner,
                "labels",
                f"labels of {self.classifier}: {choices} (got {wrong[0]!r})",
            )

    def holds(self, labels: Mapping[str, Classification[Any]]) -> bool:
        """Whether the classifier's answer in *labels* is one of ``labels``."""
        answer = labels.get(self.classifier)
        return answer is not None and answer.label.value in self.labels

    def describe(self) -> str:
        """The test in words, e.g. ``profile_fit is strong or partial``."""
        return f"{self.classifier} is {' or '.join(self.labels)}"


_optional_criterion = v.optional(v.instance(is_criterion, "a criterion, or null"))


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Rule:
    """Points for a lead that meets a condition: a criterion or a label test.

    A rule counts once, with all its ``points``, when its condition holds at
    the time of scoring (rules do not decay: they describe what the lead *is*;
    signals describe what it *did*). Points may be negative.

    Examples:
        >>> from prospectlib import criteria as cr
        >>> Rule(
        ...     id="decision_maker",
        ...     points=10,
        ...     when=cr.compare("person.role", "eq", "decision_maker"),
        ... ).dimension
        'fit'
        >>> Rule(
        ...     id="strong_fit",
        ...     points=20,
        ...     label=LabelIs(classifier="profile_fit", labels="strong"),
        ... ).label.describe()
        'profile_fit is strong'
    """

    id: str = attrs.field(validator=ident)
    """The rule's id, unique within its model."""
    points: float = attrs.field(converter=_points)
    """The points it adds (or, negative, takes away) when its condition holds."""
    dimension: str = attrs.field(default=FIT, validator=ident)
    """The dimension the points count in (default ``"fit"``)."""
    group: str | None = attrs.field(default=None, validator=_optional_ident)
    """The group whose cap applies, if any."""
    when: Criterion | None = attrs.field(default=None, validator=_optional_criterion)
    """The condition as a criterion (exactly one of ``when`` and ``label``)."""
    label: LabelIs | None = attrs.field(
        default=None, validator=v.optional(v.instance(LabelIs, "a label test, or null"))
    )
    """The condition as a test of a classifier's label."""
    description: str | None = attrs.field(default=None, validator=_optional_text)
    """What the rule means, for explanations; the condition's reason otherwise."""

    def __attrs_post_init__(self) -> None:
        """Refuse a rule with no condition, or with two."""
        if (self.when is None) == (self.label is None):
            raise v.config_error(
                self, "when", "exactly one of 'when' (a criterion) and 'label'"
            )


def _to_activities(
    value: Iterable[Activity | Term | str] | str,
) -> tuple[Activity | Term, ...]:
    expected = "a non-empty list of distinct activities (built-in, or namespace:name)"
    return open_members(
        Activity, value, expected=expected, non_empty=True, distinct=True
    )


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Signal:
    """Points for each interaction of some activities, fading with age.

    Each matching interaction up to the time of scoring adds ``points``,
    times ``0.5 ** (age / half_life)`` when a half-life is set: a webinar
    attended one half-life ago counts half, two half-lives ago a quarter. A
    ``within`` window ignores older interactions; ``max_count`` counts only
    the most recent ones.

    Examples:
        >>> import datetime as dt
        >>> webinar = Signal(
        ...     id="webinar",
        ...     activities=["webinar_attendance"],
        ...     points=10,
        ...     half_life=dt.timedelta(days=30),
        ...     max_count=3,
        ... )
        >>> webinar.dimension, webinar.activities[0].value
        ('engagement', 'webinar_attendance')
    """

    id: str = attrs.field(validator=ident)
    """The signal's id, unique within its model."""
    activities: tuple[Activity | Term, ...] = attrs.field(converter=_to_activities)
    """The activities that count."""
    points: float = attrs.field(converter=_points)
    """Points per interaction at age zero (negative for a bad sign)."""
    dimension: str = attrs.field(default=ENGAGEMENT, validator=ident)
    """The dimension the points count in (default ``"engagement"``)."""
    group: str | None = attrs.field(default=None, validator=_optional_ident)
    """The group whose cap applies, if any."""
    half_life: dt.timedelta | None = attrs.field(
        default=None, validator=_optional_delta
    )
    """After this long an interaction counts half; ``None``: no decay."""
    within: dt.timedelta | None = attrs.field(default=None, validator=_optional_delta)
    """Only interactions this recent count; ``None``: all."""
    max_count: int | None = attrs.field(
        default=None,
        validator=v.optional(v.whole(1, expected="a whole number >= 1, or null")),
    )
    """At most this many interactions count (the most recent); ``None``: all."""
    description: str | None = attrs.field(default=None, validator=_optional_text)
    """What the signal means, for explanations."""


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Group:
    """A cap on the points of the rules and signals in a group.

    When the group's points add up to more than ``max`` (or less than
    ``min``), its positive (negative) contributions are scaled down in
    proportion, so each keeps its share and the group sits at its cap.

    Examples:
        >>> Group(id="web", max=15).max
        15.0
    """

    id: str = attrs.field(validator=ident)
    """The group's id, named by rules and signals."""
    max: float | None = attrs.field(default=None, converter=_maximum)
    """The most points the group can add (``None``: no cap)."""
    min: float | None = attrs.field(default=None, converter=_minimum)
    """The most points the group can take away, as a number <= 0."""


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Dimension:
    """A dimension of the score (fit, engagement, …) and its limits.

    Examples:
        >>> Dimension(id="fit").max
        100.0
    """

    id: str = attrs.field(validator=ident)
    """The dimension's id."""
    max: float | None = attrs.field(default=100.0, converter=_maximum)
    """The dimension's limit (default 100, HubSpot's; ``None``: none)."""
    min: float | None = attrs.field(default=None, converter=_minimum)
    """The lowest the dimension can go, as a number <= 0 (``None``: no floor)."""


def _descending(
    owner: object, names: tuple[str, ...], values: tuple[float, ...]
) -> None:
    for name, high, low in zip(names, values, values[1:], strict=False):
        if not high > low:
            raise v.config_error(owner, name, f"a number above the next one ({low:g})")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Grades:
    """How the fit dimension becomes a grade: A, B, C or D.

    Examples:
        >>> Grades().grade(45.0), Grades().grade(5.0)
        ('B', 'D')
    """

    dimension: str = attrs.field(default=FIT, validator=ident)
    """The dimension graded (default ``"fit"``)."""
    a: float = attrs.field(default=60.0, converter=_points)
    """Points from which a lead is graded A."""
    b: float = attrs.field(default=40.0, converter=_points)
    """Points from which a lead is graded B."""
    c: float = attrs.field(default=20.0, converter=_points)
    """Points from which a lead is graded C; below, D."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order."""
        _descending(self, ("a", "b"), (self.a, self.b, self.c))

    def grade(self, points: float) -> str:
        """The grade of *points*."""
        if points >= self.a:
            return "A"
        if points >= self.b:
            return "B"
        return "C" if points >= self.c else "D"


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Levels:
    """How the engagement dimension becomes a level: 1 (most), 2 or 3.

    Examples:
        >>> Levels().level(55.0), Levels().level(0.0)
        (1, 3)
    """

    dimension: str = attrs.field(default=ENGAGEMENT, validator=ident)
    """The dimension read (default ``"engagement"``)."""
    high: float = attrs.field(default=50.0, converter=_points)
    """Points from which engagement is level 1."""
    medium: float = attrs.field(default=20.0, converter=_points)
    """Points from which engagement is level 2; below, 3."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order."""
        _descending(self, ("high",), (self.high, self.medium))

    def level(self, points: float) -> int:
        """The level of *points*."""
        if points >= self.high:
            return 1
        return 2 if points >= self.medium else 3


class ModelParts(Protocol):
    """What the scoring engine reads of a score model (`ScoreModel` has it)."""

    @property
    def name(self) -> str:
        """The model's name."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules, in order."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def signals(self) -> tuple[Signal, ...]:
        """The signals, in order."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def groups(self) -> tuple[Group, ...]:
        """The groups with caps."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def max_total(self) -> float | None:
        """The total's limit."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def min_total(self) -> float | None:
        """The total's floor."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def grades(self) -> Grades:
        """How the graded dimension becomes a grade."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def levels(self) -> Levels:
        """How the leveled dimension becomes a level."""
        ...  # pragma: no cover  # a protocol's body never runs
