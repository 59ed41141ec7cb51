"""A lead's score: its total, dimensions, tier, and every contribution explained."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Mapping
from typing import Any
from typing import Protocol

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.errors import ValidationError
from prospectlib.model import FrozenMap

# Scores and contributions are answers, not configuration: a value that cannot
# be converted is a `ValidationError` at ``Score.field``.
_answer_fields = v.fields_raising(ValidationError)


class ContributionKind(enum.StrEnum):
    """What made a contribution: a rule or a signal.

    Examples:
        >>> ContributionKind.SIGNAL.value
        'signal'
    """

    RULE = "rule"
    """A `Rule` whose condition held."""
    SIGNAL = "signal"
    """A `Signal` with matching interactions."""


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True, field_transformer=_answer_fields)
class Contribution:
    """One rule or signal that counted in a score, and its points at each step.

    ``raw`` is before decay (a signal's points times the interactions it
    counted), ``decayed`` after decay, ``points`` after the caps of its group,
    its dimension and the total. The ``points`` of a score's contributions add
    up to its total.

    Examples:
        >>> c = Contribution(
        ...     kind="signal",
        ...     id="webinar",
        ...     dimension="engagement",
        ...     group=None,
        ...     count=2,
        ...     raw=20.0,
        ...     decayed=15.0,
        ...     points=15.0,
        ...     reason="2 webinar_attendance, 10 each",
        ... )
        >>> c.capped, c.decay
        (False, 5.0)
    """

    kind: ContributionKind = attrs.field(converter=ContributionKind)
    """A rule or a signal."""
    id: str
    """The rule's or signal's id."""
    dimension: str
    """The dimension it counts in."""
    group: str | None
    """Its group, if any."""
    count: int
    """Interactions counted (a signal), or 1 (a rule)."""
    raw: float
    """Points before decay."""
    decayed: float
    """Points after decay (a rule's do not decay)."""
    points: float
    """Points after the caps: what it adds to the total."""
    reason: str
    """Why it counted, in words."""

    @property
    def decay(self) -> float:
        """Points lost to decay."""
        return self.raw - self.decayed

    @property
    def capped(self) -> bool:
        """Whether a cap took points from it."""
        return self.points != self.decayed

    def describe(self) -> str:
        """One line: signed points, the id and the reason.

        Examples:
            >>> Contribution(
            ...     kind="rule",
            ...     id="price_objection",
            ...     dimension="fit",
            ...     group=None,
            ...     count=1,
            ...     raw=-10.0,
            ...     decayed=-10.0,
            ...     points=-10.0,
            ...     reason="open objection: price",
            ... ).describe()
            '-10.0 price_objection (fit): open objection: price'
        """
        capped = f", capped from {self.decayed:+.1f}" if self.capped else ""
        return f"{self.points:+.1f} {self.id} ({self.dimension}): {self.reason}{capped}"


@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True)
class TopFactors:
    """The strongest contributions of a score, each side strongest first.

    Examples:
        >>> TopFactors(positive=(), negative=()).describe()
        'no factors'
    """

    positive: tuple[Contribution, ...]
    """The contributions that added the most points."""
    negative: tuple[Contribution, ...]
    """The contributions that took the most points away."""

    def describe(self) -> str:
        """The factors in one line, e.g. ``+20 strong_fit, -10 price_objection``."""
        parts = [f"{c.points:+.0f} {c.id}" for c in (*self.positive, *self.negative)]
        return ", ".join(parts) or "no factors"


class Explainer(Protocol):
    """What lists the contributions of the scores a model makes, when asked.

    One per compiled model; each score keeps, besides it, the raw figures it
    was made of (what rules held, what signals counted, the points of each).
    """

    def contributions(self, raw: tuple[Any, ...], /) -> tuple[Contribution, ...]:
        """The contributions of the score made of *raw*, in the model's order."""
        ...


def _frozen(dimensions: Mapping[str, float]) -> FrozenMap[str, float]:
    if isinstance(dimensions, FrozenMap):
        return dimensions
    if not isinstance(dimensions, Mapping):
        v.refuse(f"a mapping of dimensions to points ({v.got(dimensions)})")
    return FrozenMap(dimensions)


# Not slotted: attrs's ``__init__`` for a frozen class then stores the fields in
# the instance's dict, and so can `Score._made`, about three times faster than
# setting eleven slots (a score is made per lead scored).
@_convert.serializable(error=ValidationError)
@attrs.frozen(kw_only=True, slots=False, field_transformer=_answer_fields)
class Score:
    """A lead's score as of a time: total, dimensions, grade, level, tier, why.

    `ScoreModel.score` makes scores; ``contributions`` (built the first time
    they are asked for) lists every rule and signal that counted, and their
    points add up to ``total``. A score can also be made from its fields, e.g.
    to test code that reads scores: it then has no contributions to list (nor
    has a copy made with `attrs.evolve`). Scores compare by their fields.

    ``grade_dimension`` and ``level_dimension`` are ordinary fields naming the
    dimensions the grade and the level were read from (the model's
    `Grades.dimension` and `Levels.dimension`, by default ``fit`` and
    ``engagement``): `fit` and `engagement` read those dimensions.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> from prospectlib.scoring import default_model
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     interactions=[pl.Interaction(activity="demo_request", at=t)],
        ... )
        >>> score = default_model().score(lead, at=t)
        >>> score.engagement, [c.id for c in score.contributions]
        (20.0, ['demo_request'])
        >>> from prospectlib.scoring import Score
        >>> made = Score(
        ...     lead_id="L-1",
        ...     model="default",
        ...     at=t,
        ...     total=20.0,
        ...     dimensions={"fit": 0.0, "engagement": 20.0},
        ...     grade="D",
        ...     level=1,
        ... )
        >>> made == score, made.tier, made.contributions
        (True, 'D1', ())
    """

    lead_id: str
    """The id of the lead scored."""
    model: str
    """The name of the model that scored it."""
    at: dt.datetime
    """The moment it was scored at."""
    total: float
    """The total, after every cap."""
    dimensions: FrozenMap[str, float] = attrs.field(converter=_frozen)
    """Points per dimension, after every cap (they add up to ``total``)."""
    grade: str
    """The fit grade: ``"A"`` (best) to ``"D"``."""
    level: int
    """The engagement level: 1 (most engaged), 2 or 3."""
    grade_dimension: str = "fit"
    """The dimension the grade was read from (`fit` reads it)."""
    level_dimension: str = "engagement"
    """The dimension the level was read from (`engagement` reads it)."""
    _explainer: Explainer | None = attrs.field(
        default=None, init=False, repr=False, eq=False, hash=False
    )
    _raw: tuple[Any, ...] = attrs.field(
        default=(), init=False, repr=False, eq=False, hash=False
    )

    @classmethod
    def _made(  # noqa: PLR0913, PLR0917  # one argument per field
        cls,
        lead_id: str,
        model: str,
        at: dt.datetime,
        total: float,
        dimensions: FrozenMap[str, float],
        grade: str,
        level: int,
        grade_dimension: str,
        level_dimension: str,
        explainer: Explainer,
        raw: tuple[Any, ...],
        /,
    ) -> Score:
        """The score ``Score(...)`` makes of these fields, and what explains it.

        For `ScoreModel.score`, which has every field right already (the
        dimensions a `FrozenMap`): like the ``__init__`` attrs writes for a
        frozen class, this stores them in the instance's ``__dict__``, but
        without parsing keywords or calling the converter; and it adds the
        *explainer* and the *raw* figures it lists the contributions from,
        which ``__init__`` leaves out. A test holds the two equal.
        """
        score = object.__new__(cls)
        fields = score.__dict__
        fields["lead_id"] = lead_id
        fields["model"] = model
        fields["at"] = at
        fields["total"] = total
        fields["dimensions"] = dimensions
        fields["grade"] = grade
        fields["level"] = level
        fields["grade_dimension"] = grade_dimension
        fields["level_dimension"] = level_dimension
        fields["_explainer"] = explainer
        fields["_raw"] = raw
        return score

    @property
    def tier(self) -> str:
        """Grade and level together, ``"A1"`` (best fit, most engaged) to ``"D3"``."""
        return f"{self.grade}{self.level}"

    @property
    def fit(self) -> float:
        """Points in the graded dimension, ``grade_dimension`` (by default ``fit``)."""
        return self.dimensions[self.grade_dimension]

    @property
    def engagement(self) -> float:
        """Points in the dimension read for the level, ``level_dimension``.

        By default ``engagement``.
        """
        return self.dimensions[self.level_dimension]

    @functools.cached_property
    def contributions(self) -> tuple[Contribution, ...]:
        """Every rule and signal that counted, in the model's order.

        Empty for a score made from its fields rather than by a model.
        """
        explainer = self._explainer
        return () if explainer is None else explainer.contributions(self._raw)

    def top(self, n: int = 3) -> TopFactors:
        """The *n* strongest positive and the *n* strongest negative contributions.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> from prospectlib.scoring import default_model
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(
            ...     id="L-1",
            ...     created_at=t,
            ...     interactions=[pl.Interaction(activity="demo_request", at=t)],
            ...     objections=[pl.Objection(kind="price", raised_at=t)],
            ... )
            >>> default_model().score(lead, at=t).top(2).describe()
            '+20 demo_request, -10 open_price_objection'
        """
        ranked = sorted(self.contributions, key=lambda c: -abs(c.points))
        return TopFactors(
            positive=tuple(c for c in ranked if c.points > 0)[:n],
            negative=tuple(c for c in ranked if c.points < 0)[:n],
        )

    def explain(self) -> str:
        """A short readable breakdown: the headline, then each contribution.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> from prospectlib.scoring import default_model
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(
            ...     id="L-1",
            ...     created_at=t,
            ...     interactions=[pl.Interaction(activity="demo_request", at=t)],
            ... )
            >>> print(default_model().score(lead, at=t).explain())
            L-1: 20.0 points by model 'default' at 2026-03-01T00:00:00+00:00, tier D1
              fit 0.0 (grade D), engagement 20.0 (level 1)
              +20.0 demo_request (engagement): 1 demo_request, 20 each, half-life
            30 days
        """
        graded, leveled = self.grade_dimension, self.level_dimension
        notes = {graded: f" (grade {self.grade})"}
        notes[leveled] = notes.get(leveled, "") + f" (level {self.level})"
        dims = ", ".join(
            f"{k} {v:.1f}{notes.get(k, '')}" for k, v in self.dimensions.items()
        )
        lines = [
            (
                f"{self.lead_id}: {self.total:.1f} points by model {self.model!r} "
                f"at {self.at.isoformat()}, tier {self.tier}"
            ),
            f"  {dims}",
        ]
        ranked = sorted(self.contributions, key=lambda c: -abs(c.points))
        lines.extend(f"  {c.describe()}" for c in ranked)
        if not ranked:
            lines.append("  nothing counted")
        return "\n".join(lines)
