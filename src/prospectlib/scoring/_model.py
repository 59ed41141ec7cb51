"""A score model as data: rules, signals, groups, dimensions, grades and levels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers import BUILT_IN_LABELS
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.criteria import Criterion
from prospectlib.criteria import is_criterion
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Lead
from prospectlib.scoring._engine import Plan
from prospectlib.scoring._engine import compile_model

if TYPE_CHECKING:
    from prospectlib.scoring._score import Score

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
    classifier's own labels, so a typo fails when the model is defined.

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
        if known is None:
            return
        values = [m.value for m in known]
        wrong = [v for v in self.labels if v not in values]
        if wrong:
            choices = ", ".join(repr(v) for v in values)
            raise v.config_error(
                self,
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


def _to_activities(value: Iterable[Activity | str] | str) -> tuple[Activity, ...]:
    expected = "a non-empty list of distinct activities"
    return v.members(Activity, value, expected=expected, non_empty=True, distinct=True)


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
    activities: tuple[Activity, ...] = attrs.field(converter=_to_activities)
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


_DEFAULT_DIMENSIONS = (Dimension(id=FIT), Dimension(id=ENGAGEMENT))


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return v.records(value, Rule, unique="id")


def _signals(value: Iterable[Signal]) -> tuple[Signal, ...]:
    return v.records(value, Signal, unique="id")


def _groups(value: Iterable[Group]) -> tuple[Group, ...]:
    return v.records(value, Group, unique="id")


def _dimensions(value: Iterable[Dimension]) -> tuple[Dimension, ...]:
    return v.records(value, Dimension, non_empty=True, unique="id")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class ScoreModel:
    """A score model: rules and signals adding up to explained points.

    A lead's score is the sum of its contributions: each `Rule` whose
    condition holds, and each `Signal` for the matching interactions (decayed
    by age). Contributions count in a dimension (``fit``, ``engagement``, …);
    caps apply in order: each `Group`'s, then each `Dimension`'s limits, then
    the total's (``max_total``, ``min_total``). A cap scales the contributions
    on the side that overflows, so contributions always add up to the total.
    The fit dimension gives a grade (A to D), the engagement dimension a level
    (1 to 3), together the tier (``"A1"`` … ``"D3"``, HubSpot's fit-by-engagement
    matrix).

    Models are data: ``prospectlib.serialize.to_dict(model)`` writes one and
    ``from_dict(ScoreModel, data)`` reads one back, validated.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib import criteria as cr
        >>> model = ScoreModel(
        ...     name="tiny",
        ...     rules=[
        ...         Rule(
        ...             id="has_company",
        ...             points=30,
        ...             when=cr.compare("company", "exists"),
        ...         )
        ...     ],
        ...     signals=[
        ...         Signal(
        ...             id="webinar",
        ...             activities=["webinar_attendance"],
        ...             points=20,
        ...             half_life=dt.timedelta(days=30),
        ...         )
        ...     ],
        ... )
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     company=pl.Company(name="Acme"),
        ...     interactions=[pl.Interaction(activity="webinar_attendance", at=t)],
        ... )
        >>> score = model.score(lead, at=t + dt.timedelta(days=30))
        >>> score.total, score.fit, score.engagement, score.tier
        (40.0, 30.0, 10.0, 'C3')
    """

    name: str = attrs.field(default="custom", validator=ident)
    """The model's name, shown in explanations."""
    rules: tuple[Rule, ...] = attrs.field(default=(), converter=_rules)
    """The rules, in the order explanations list them."""
    signals: tuple[Signal, ...] = attrs.field(default=(), converter=_signals)
    """The signals."""
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_groups)
    """The groups with caps, named by rules and signals."""
    dimensions: tuple[Dimension, ...] = attrs.field(
        default=_DEFAULT_DIMENSIONS, converter=_dimensions
    )
    """The dimensions (default: ``fit`` and ``engagement``, each up to 100)."""
    max_total: float | None = attrs.field(default=100.0, converter=_maximum)
    """The total's limit (default 100; ``None``: none)."""
    min_total: float | None = attrs.field(default=None, converter=_minimum)
    """The lowest the total can go, as a number <= 0 (``None``: no floor)."""
    grades: Grades = attrs.field(factory=Grades)
    """How the fit dimension becomes a grade."""
    levels: Levels = attrs.field(factory=Levels)
    """How the engagement dimension becomes a level."""
    _plan: Plan = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        """Check names across the model, then compile it once for scoring."""
        ids = {r.id for r in self.rules}
        for index, signal in enumerate(self.signals):
            if signal.id in ids:
                raise v.config_error(
                    self,
                    f"signals[{index}].id",
                    f"an id no rule has (got {signal.id!r})",
                )
        self._check_names()
        object.__setattr__(self, "_plan", compile_model(self))

    def __getstate__(self) -> dict[str, object]:
        """Pickle the fields only: the compiled plan holds generated functions."""
        return {
            f.name: getattr(self, f.name) for f in attrs.fields(ScoreModel) if f.init
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore the fields, then compile the model again (it was checked)."""
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_plan", compile_model(self))

    def _check_names(self) -> None:
        groups = {g.id for g in self.groups}
        dimensions = {d.id for d in self.dimensions}
        dims = ", ".join(repr(d) for d in sorted(dimensions))
        group_dimension: dict[str, str] = {}
        sections: tuple[tuple[str, tuple[Rule | Signal, ...]], ...] = (
            ("rules", self.rules),
            ("signals", self.signals),
        )
        for field, items in sections:
            for index, item in enumerate(items):
                if item.group is not None:
                    first = group_dimension.setdefault(item.group, item.dimension)
                    if first != item.dimension:
                        raise v.config_error(
                            self,
                            f"{field}[{index}].dimension",
                            f"{first!r}, the dimension of the rest of group "
                            f"{item.group!r} (a group counts in one dimension)",
                        )
                if item.dimension not in dimensions:
                    raise v.config_error(
                        self,
                        f"{field}[{index}].dimension",
                        f"one of the model's dimensions: {dims}",
                    )
                if item.group is not None and item.group not in groups:
                    raise v.config_error(
                        self,
                        f"{field}[{index}].group",
                        "one of the model's groups "
                        f"({', '.join(sorted(groups)) or 'none defined'})",
                    )
        for field, dimension in (
            ("grades", self.grades.dimension),
            ("levels", self.levels.dimension),
        ):
            if dimension not in dimensions:
                raise v.config_error(
                    self, f"{field}.dimension", f"one of the model's dimensions: {dims}"
                )

    @property
    def classifiers(self) -> tuple[str, ...]:
        """The classifiers the model's label tests need, in order.

        Examples:
            >>> ScoreModel().classifiers
            ()
        """
        return self._plan.classifiers

    def score(
        self,
        lead: Lead,
        *,
        at: dt.datetime,
        labels: Mapping[str, Classification[Any]] | None = None,
        registry: ClassifierRegistry | None = None,
    ) -> Score:
        """Score *lead* as of *at*.

        Args:
            lead: The lead to score.
            at: The moment to score it at (timezone-aware); records after it
                are ignored.
            labels: Classifications already made (from `prospectlib.classify`),
                by classifier name; the classifiers the model needs and that
                are missing here are run.
            registry: Where to find the classifiers to run (default: the
                built-ins).

        Returns:
            The `Score`, with its contributions built when first asked for.

        Raises:
            LeadTypeError: *lead* is not a `Lead`.
            ValidationError: *at* is not timezone-aware.
            ArgumentTypeError: *labels* is not a mapping of names to
                classifications, or *registry* is not a `ClassifierRegistry`
                (`ConfigTypeError`); both are `TypeError`s too.
            UnknownClassifierError: a label test names a classifier that the
                registry does not hold.
        """
        if labels is not None or registry is not None:
            _check_labels(labels, registry, self._plan.classifiers)
        return self._plan.score(lead, at, labels, registry)

    def score_many(
        self,
        leads: Iterable[Lead],
        *,
        at: dt.datetime,
        registry: ClassifierRegistry | None = None,
    ) -> list[Score]:
        """`score` for each lead, in order.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> leads = [pl.Lead(id="A", created_at=t), pl.Lead(id="B", created_at=t)]
            >>> [s.total for s in ScoreModel().score_many(leads, at=t)]
            [0.0, 0.0]
        """
        if registry is not None:
            _check_labels(None, registry, ())
        plan = self._plan
        leads = v.iterate(leads, "leads", "an iterable of Lead")
        return [plan.score(lead, at, None, registry) for lead in leads]


def _check_labels(labels: object, registry: object, needed: tuple[str, ...]) -> None:
    """Refuse *labels* that are not classifications by name, or a bad *registry*.

    Of the labels, those the model reads (*needed*) are looked at.
    """
    if registry is not None:
        expected = "a ClassifierRegistry or None"
        v.require(registry, ClassifierRegistry, "registry", expected, ConfigTypeError)
    if labels is None:
        return
    v.require(labels, Mapping, "labels", "a mapping of names to classifications")
    for name in needed:
        answer = labels.get(name)  # type: ignore[attr-defined]  # a Mapping
        if answer is not None:
            v.require(answer, Classification, f"labels[{name!r}]", "a Classification")
