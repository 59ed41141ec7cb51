"""Influence: how much a lead sways other people's decisions, bought or not."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import BuyingRole
from prospectlib.model import Lead
from prospectlib.model._require import require_lead_at


class InfluenceLabel(enum.StrEnum):
    """How much a lead sways others' decisions, bought or not (`Influence`).

    Examples:
        >>> InfluenceLabel.MEDIUM.value
        'medium'
    """

    HIGH = "high"
    """Sways many: referrals, reviews, a large reach, a champion."""
    MEDIUM = "medium"
    """Sways some."""
    LOW = "low"
    """Sways a few."""
    NONE = "none"
    """No sign of influence."""


# --- converters ------------------------------------------------------------------


def _points(value: float) -> float:
    return v.real(value, 0, expected="a number >= 0")


def _threshold(value: float) -> float:
    return v.real(value, 0, above=True, expected="a number > 0")


def _is_level(value: object) -> bool:
    return v.is_whole(value) and value >= 1  # type: ignore[operator]  # an int


def _levels(value: Iterable[int]) -> tuple[int, ...]:
    expected = "a list of whole numbers >= 1 in increasing order"
    levels: tuple[int, ...] = v.tuple_of(value, _is_level, expected)
    if any(a >= b for a, b in itertools.pairwise(levels)):
        v.refuse(expected)
    return levels


def _to_roles(value: Iterable[BuyingRole | str]) -> tuple[BuyingRole, ...]:
    return v.members(BuyingRole, value)


# --- the classifier ---------------------------------------------------------------

_DAY = dt.timedelta(days=1)
# Confidence of a LOW/MEDIUM/HIGH label by how many kinds of signal scored.
_CONFIDENCE = (0.55, 0.7, 0.85, 0.95)


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Influence:
    """How much a lead sways others' decisions, whether or not they buy.

    A points model. Each signal adds points:

    - every referral made (`Activity.REFERRAL_MADE`) in the look-back
      ``window``: ``referral_points`` (2);
    - every review written (`Activity.REVIEW_WRITTEN`) in the window:
      ``review_points`` (1);
    - the person's ``social_reach``: ``reach_points`` (2) for each of the
      ``reach_levels`` it reaches (1,000, 10,000 and 100,000 followers: the
      nano-, micro- and macro-influencer tiers);
    - a buying role in ``roles`` (influencer or champion): ``role_points`` (3).

    The total gives the label: HIGH from ``high`` (6) points, MEDIUM from
    ``medium`` (3), LOW from ``low`` (1), NONE below. So one review or one
    referral is LOW, a champion or 10,000 followers MEDIUM, three referrals or
    100,000 followers HIGH. More referrals, reviews or reach never lower the
    label.

    The confidence of a LOW, MEDIUM or HIGH label grows with the number of
    different kinds of signal behind it (0.55 for one, 0.7, 0.85, 0.95 for all
    four). NONE is surer the more is known about the person: 0.5, plus 0.2 when
    the social reach is known and 0.2 when the buying role is.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     person=pl.Person(social_reach=25_000, role="champion"),
        ...     interactions=[pl.Interaction(activity="referral_made", at=t)],
        ... )
        >>> c = Influence().classify(lead, at=t + dt.timedelta(days=1))
        >>> c.label.value, c.confidence, c.evidence["points"]
        ('high', 0.85, 9.0)
        >>> c.reasons
        ('social reach 25,000 (≥ 10,000)', 'champion in the buying group',
         'made 1 referral in the last 730 days')
    """

    labels: ClassVar[type[InfluenceLabel]] = InfluenceLabel
    """The labels it answers with."""

    name: str = attrs.field(default="influence", validator=v.text())
    """The name to register under; default ``"influence"``."""
    window: dt.timedelta | None = attrs.field(
        default=dt.timedelta(days=730),
        validator=v.optional(v.duration("a positive timedelta or None")),
    )
    """Count referrals and reviews this recent; default 730 days (two years).
    ``None`` counts every one up to ``at``."""
    referral_points: float = attrs.field(default=2.0, converter=_points)
    """Points per referral made; default 2: a referral is someone swayed."""
    review_points: float = attrs.field(default=1.0, converter=_points)
    """Points per review written; default 1."""
    reach_levels: tuple[int, ...] = attrs.field(
        default=(1_000, 10_000, 100_000), converter=_levels
    )
    """Social reach tiers, increasing; default 1,000, 10,000 and 100,000."""
    reach_points: float = attrs.field(default=2.0, converter=_points)
    """Points for each reach tier reached; default 2."""
    roles: tuple[BuyingRole, ...] = attrs.field(
        default=(BuyingRole.INFLUENCER, BuyingRole.CHAMPION),
        converter=_to_roles,
    )
    """Buying roles that sway a decision; default influencer and champion.
    Decision makers and economic buyers are left out: they decide rather than
    sway, which the qualification and market classifiers weigh."""
    role_points: float = attrs.field(default=3.0, converter=_points)
    """Points for holding one of ``roles``; default 3."""
    low: float = attrs.field(default=1.0, converter=_threshold)
    """Points from which the label is LOW; default 1."""
    medium: float = attrs.field(default=3.0, converter=_threshold)
    """Points from which the label is MEDIUM; default 3."""
    high: float = attrs.field(default=6.0, converter=_threshold)
    """Points from which the label is HIGH; default 6."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order."""
        if self.medium < self.low:
            raise v.config_error(self, "medium", f"a number >= low ({self.low})")
        if self.high < self.medium:
            raise v.config_error(self, "high", f"a number >= medium ({self.medium})")

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[InfluenceLabel]:
        """Classify *lead*'s influence as of *at*.

        Raises:
            ValidationError: *at* is not timezone-aware.
        """
        require_lead_at(lead, at)
        start = None if self.window is None else v.earlier(at, self.window)
        referrals = reviews = 0
        for item in reversed(lead.interactions):  # newest first: stop at the window
            when = item.at
            if when > at:
                continue
            if start is not None and when <= start:
                break
            if item.activity is Activity.REFERRAL_MADE:
                referrals += 1
            elif item.activity is Activity.REVIEW_WRITTEN:
                reviews += 1
        person = lead.person
        reach = None if person is None else person.social_reach
        role = None if person is None else person.role
        levels = 0 if reach is None else sum(1 for v in self.reach_levels if reach >= v)
        signals = [
            (referrals * self.referral_points, self._records(referrals, "referral")),
            (reviews * self.review_points, self._records(reviews, "review")),
            (levels * self.reach_points, self._reach(reach, levels)),
            (
                self.role_points if role in self.roles else 0.0,
                f"{_role(role)} in the buying group",
            ),
        ]
        points = sum(p for p, _ in signals)
        scored = sorted((s for s in signals if s[0] > 0), key=lambda s: -s[0])
        evidence = {
            "points": points,
            "referrals": referrals,
            "reviews": reviews,
            "social_reach": reach,
            "reach_level": levels,
            "role": None if role is None else role.value,
            "window_days": None if self.window is None else self.window / _DAY,
        }
        label = self._label(points)
        if label is not InfluenceLabel.NONE:
            return Classification(
                classifier=self.name,
                label=label,
                confidence=_CONFIDENCE[len(scored) - 1],
                reasons=[reason for _, reason in scored],
                evidence=evidence,
            )
        if scored:  # some signal, but below LOW (only with thresholds raised)
            reasons = [
                f"only {points:g} of the {self.low:g} points LOW needs",
                *(reason for _, reason in scored[:3]),
            ]
        else:
            reasons = [
                f"no referrals or reviews{self._when()}",
                self._no_reach(reach),
                "buying role unknown"
                if role is None
                else f"buying role {_role(role)} does not sway others",
            ]
        known = (reach is not None) + (role is not None)
        return Classification(
            classifier=self.name,
            label=label,
            confidence=0.5 + 0.2 * known,
            reasons=reasons,
            evidence=evidence,
        )

    def _label(self, points: float) -> InfluenceLabel:
        if points >= self.high:
            return InfluenceLabel.HIGH
        if points >= self.medium:
            return InfluenceLabel.MEDIUM
        if points >= self.low:
            return InfluenceLabel.LOW
        return InfluenceLabel.NONE

    def _when(self) -> str:
        if self.window is None:
            return ""
        return f" in the last {self.window / _DAY:g} days"

    def _records(self, n: int, what: str) -> str:
        verb = "made" if what == "referral" else "wrote"
        return f"{verb} {n} {what}{'' if n == 1 else 's'}{self._when()}"

    def _reach(self, reach: int | None, levels: int) -> str:
        if levels == 0:
            return ""  # never shown: it scored nothing
        return f"social reach {reach:,} (≥ {self.reach_levels[levels - 1]:,})"

    def _no_reach(self, reach: int | None) -> str:
        if reach is None:
            return "social reach unknown"
        if not self.reach_levels:
            return f"social reach {reach:,} (reach is not scored)"
        return f"social reach {reach:,} (below {self.reach_levels[0]:,})"


def _role(role: BuyingRole | None) -> str:
    return "" if role is None else role.value.replace("_", " ")
