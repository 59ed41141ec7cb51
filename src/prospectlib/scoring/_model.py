"""A score model as data: its parts put together, checked, and compiled once."""

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
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Lead
from prospectlib.scoring._engine import Plan
from prospectlib.scoring._engine import compile_model
from prospectlib.scoring._parts import ENGAGEMENT
from prospectlib.scoring._parts import FIT
from prospectlib.scoring._parts import Dimension
from prospectlib.scoring._parts import Grades
from prospectlib.scoring._parts import Group
from prospectlib.scoring._parts import Levels
from prospectlib.scoring._parts import Rule
from prospectlib.scoring._parts import Signal
from prospectlib.scoring._parts import _maximum
from prospectlib.scoring._parts import _minimum
from prospectlib.scoring._parts import ident

if TYPE_CHECKING:
    from prospectlib.scoring._score import Score

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
            if registry is not None:
                self._check_custom_labels(registry)
        return self._plan.score(lead, at, labels, registry)

    def _check_custom_labels(self, registry: ClassifierRegistry) -> None:
        """Check the label tests on classifiers of *registry* that are not built in.

        Their labels are known only now: a typo would else never match.
        """
        for index, rule in enumerate(self.rules):
            test = rule.label
            if test is None or test.classifier in BUILT_IN_LABELS:
                continue
            if test.classifier in registry:
                owner = f"ScoreModel.rules[{index}].label"
                test._check(registry.labels(test.classifier), owner)  # noqa: SLF001  # the scoring package's own

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
            self._check_custom_labels(registry)
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
