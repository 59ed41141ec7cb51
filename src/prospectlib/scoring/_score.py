"""A lead's score: its total, dimensions, tier, and every contribution explained."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable
from typing import Any

import attrs

from prospectlib.model import FrozenMap


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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class Score:
    """A lead's score as of a time: total, dimensions, grade, level, tier, why.

    ``contributions`` (built the first time they are asked for) lists every
    rule and signal that counted; their points add up to ``total``.

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
    """

    lead_id: str
    """The id of the lead scored."""
    model: str
    """The name of the model that scored it."""
    at: dt.datetime
    """The moment it was scored at."""
    total: float
    """The total, after every cap."""
    dimensions: FrozenMap[str, float]
    """Points per dimension, after every cap (they add up to ``total``)."""
    grade: str
    """The fit grade: ``"A"`` (best) to ``"D"``."""
    level: int
    """The engagement level: 1 (most engaged), 2 or 3."""
    _explain: Callable[[], tuple[Contribution, ...]] = attrs.field(
        repr=False, eq=False, hash=False, alias="explain"
    )
    _graded: str = attrs.field(
        default="fit", repr=False, eq=False, hash=False, alias="graded"
    )
    _leveled: str = attrs.field(
        default="engagement", repr=False, eq=False, hash=False, alias="leveled"
    )

    @property
    def tier(self) -> str:
        """Grade and level together, ``"A1"`` (best fit, most engaged) to ``"D3"``."""
        return f"{self.grade}{self.level}"

    @property
    def fit(self) -> float:
        """Points in the graded dimension (by default ``fit``)."""
        return self.dimensions[self._graded]

    @property
    def engagement(self) -> float:
        """Points in the dimension read for the level (by default ``engagement``)."""
        return self.dimensions[self._leveled]

    @functools.cached_property
    def contributions(self) -> tuple[Contribution, ...]:
        """Every rule and signal that counted, in the model's order."""
        return self._explain()

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
        notes = {self._graded: f" (grade {self.grade})"}
        notes[self._leveled] = notes.get(self._leveled, "") + f" (level {self.level})"
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


# A compiled score (see `_codegen`) sets only the slots every score reads and
# leaves in the ``_explain`` slot a tuple ``(fill, ...)``: what the other
# slots are made of. The first read of one of them calls ``fill(score, raw)``,
# which sets them all, so a score nobody explains never builds its
# dimensions' `FrozenMap` nor the callable for its contributions.
_LAZY = ("dimensions", "_explain", "_graded", "_leveled")
SLOTS: dict[str, Any] = {f.name: vars(Score)[f.name] for f in attrs.fields(Score)}
"""The slots of `Score` by field name, to set without ``__init__``."""


class _Lazy:
    """A slot of `Score` that a compiled score fills in when first read."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:  # noqa: ANN401  # a slot descriptor
        self._slot = slot

    def __get__(self, score: Score | None, owner: type[Score] | None = None) -> Any:  # noqa: ANN401  # the slot's value
        if score is None:
            return self
        explain = _EXPLAIN.__get__(score, owner)
        if explain.__class__ is tuple:
            explain[0](score, explain)
        return self._slot.__get__(score, owner)

    def __set__(self, score: Score, value: object) -> None:
        self._slot.__set__(score, value)


_EXPLAIN = SLOTS["_explain"]
for _name in _LAZY:
    setattr(Score, _name, _Lazy(SLOTS[_name]))
del _name
