"""Influence: how much a lead sways other people's decisions, bought or not."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import math
from collections.abc import Iterable
from typing import Any
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import _config_error
from prospectlib.classifiers._base import _name
from prospectlib.criteria import require_aware
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import BuyingRole
from prospectlib.model import Lead


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


# --- validators and converters ----------------------------------------------------


def _to_float(value: object) -> object:
    """Whole numbers become floats; anything else is left for the validator."""
    if type(value) is int:
        return float(value)
    return value


def _points(inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if type(value) is not float or not math.isfinite(value) or value < 0:
        raise _config_error(type(inst).__name__, attribute.name, "a number >= 0")


def _threshold(inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if type(value) is not float or not math.isfinite(value) or value <= 0:
        raise _config_error(type(inst).__name__, attribute.name, "a number > 0")


def _window(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dt.timedelta) or value <= dt.timedelta(0):
        raise _config_error(
            type(inst).__name__, attribute.name, "a positive timedelta or None"
        )


def _to_ints(value: Iterable[int]) -> tuple[int, ...]:
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return tuple(value)
    return value  # type: ignore[return-value]  # the validator names the fault


def _levels(
    inst: object, attribute: attrs.Attribute[tuple[int, ...]], value: object
) -> None:
    if (
        not isinstance(value, tuple)
        or not all(type(v) is int and v >= 1 for v in value)
        or any(a >= b for a, b in itertools.pairwise(value))
    ):
        raise _config_error(
            type(inst).__name__,
            attribute.name,
            "a list of whole numbers >= 1 in increasing order",
        )


def _to_roles(value: Iterable[BuyingRole | str]) -> tuple[BuyingRole, ...]:
    if isinstance(value, (str, enum.Enum)):
        value = (value,)
    if not isinstance(value, Iterable):
        return value  # type: ignore[unreachable]  # the validator names the fault
    out: list[object] = []
    for item in value:
        try:
            out.append(BuyingRole(item))
        except ValueError:
            out.append(item)
    return tuple(out)  # type: ignore[arg-type]  # the validator checks the members


_ROLE_NAMES = ", ".join(repr(r.value) for r in BuyingRole)


def _roles(
    inst: object, attribute: attrs.Attribute[tuple[BuyingRole, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(v, BuyingRole) for v in value
    ):
        raise _config_error(
            type(inst).__name__, attribute.name, f"a list of {_ROLE_NAMES}"
        )


# --- the classifier ---------------------------------------------------------------

_DAY = dt.timedelta(days=1)
# Confidence of a LOW/MEDIUM/HIGH label by how many kinds of signal scored.
_CONFIDENCE = (0.55, 0.7, 0.85, 0.95)


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True)
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

    name: str = attrs.field(default="influence", validator=_name)
    """The name to register under; default ``"influence"``."""
    window: dt.timedelta | None = attrs.field(
        default=dt.timedelta(days=730), validator=_window
    )
    """Count referrals and reviews this recent; default 730 days (two years).
    ``None`` counts every one up to ``at``."""
    referral_points: float = attrs.field(
        default=2.0, converter=_to_float, validator=_points
    )
    """Points per referral made; default 2: a referral is someone swayed."""
    review_points: float = attrs.field(
        default=1.0, converter=_to_float, validator=_points
    )
    """Points per review written; default 1."""
    reach_levels: tuple[int, ...] = attrs.field(
        default=(1_000, 10_000, 100_000), converter=_to_ints, validator=_levels
    )
    """Social reach tiers, increasing; default 1,000, 10,000 and 100,000."""
    reach_points: float = attrs.field(
        default=2.0, converter=_to_float, validator=_points
    )
    """Points for each reach tier reached; default 2."""
    roles: tuple[BuyingRole, ...] = attrs.field(
        default=(BuyingRole.INFLUENCER, BuyingRole.CHAMPION),
        converter=_to_roles,
        validator=_roles,
    )
    """Buying roles that sway a decision; default influencer and champion.
    Decision makers and economic buyers are left out: they decide rather than
    sway, which the qualification and market classifiers weigh."""
    role_points: float = attrs.field(
        default=3.0, converter=_to_float, validator=_points
    )
    """Points for holding one of ``roles``; default 3."""
    low: float = attrs.field(default=1.0, converter=_to_float, validator=_threshold)
    """Points from which the label is LOW; default 1."""
    medium: float = attrs.field(default=3.0, converter=_to_float, validator=_threshold)
    """Points from which the label is MEDIUM; default 3."""
    high: float = attrs.field(default=6.0, converter=_to_float, validator=_threshold)
    """Points from which the label is HIGH; default 6."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order."""
        if self.medium < self.low:
            raise _config_error("Influence", "medium", f"a number >= low ({self.low})")
        if self.high < self.medium:
            raise _config_error(
                "Influence", "high", f"a number >= medium ({self.medium})"
            )

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[InfluenceLabel]:
        """Classify *lead*'s influence as of *at*.

        Raises:
            ValidationError: *at* is not timezone-aware.
        """
        require_aware(at)
        start = _window_start(at, self.window)
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


def _window_start(at: dt.datetime, window: dt.timedelta | None) -> dt.datetime | None:
    """The exclusive start of the window, ``None`` when open or before year 1."""
    if window is None:
        return None
    try:
        return at - window
    except OverflowError:  # the window reaches before datetime.min: all counts
        return None


def _role(role: BuyingRole | None) -> str:
    return "" if role is None else role.value.replace("_", " ")
