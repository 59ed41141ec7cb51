"""Temperature: how warm a lead's interest is now, fading with a half-life."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import ConsentStatus
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.model import Scalar
from prospectlib.model import Term
from prospectlib.model._require import require_lead_at


class TemperatureLabel(enum.StrEnum):
    """How warm a lead's interest is now (`Temperature`).

    Examples:
        >>> TemperatureLabel.HOT.value
        'hot'
    """

    HOT = "hot"
    """Engaged strongly and recently: act now."""
    WARM = "warm"
    """Some recent interest."""
    COLD = "cold"
    """Little, or old, interest."""
    DEAD = "dead"
    """Nothing for a long time, or gone (unsubscribed)."""


_DAY = dt.timedelta(days=1)
_SECONDS_PER_DAY = 86_400.0

TEMPERATURE_WEIGHTS: FrozenMap[str, Scalar] = FrozenMap(
    {
        # Asking to talk or buy: the strongest signals.
        Activity.DEMO_REQUEST.value: 30.0,
        Activity.QUOTE_REQUEST.value: 30.0,
        Activity.CONTACT_REQUEST.value: 25.0,
        Activity.MEETING.value: 20.0,
        Activity.TRIAL_START.value: 20.0,
        Activity.CALL.value: 15.0,
        # Evaluating: researching, comparing, putting things in the cart.
        Activity.CART_ADD.value: 10.0,
        Activity.WEBINAR_ATTENDANCE.value: 10.0,
        Activity.PRICING_PAGE_VIEW.value: 8.0,
        Activity.CASE_STUDY_DOWNLOAD.value: 8.0,
        Activity.FORM_SUBMISSION.value: 8.0,
        Activity.EVENT_VISIT.value: 8.0,
        Activity.STORE_VISIT.value: 8.0,
        Activity.SOLUTION_VIDEO_VIEW.value: 6.0,
        Activity.CONTENT_DOWNLOAD.value: 5.0,
        Activity.WEBINAR_REGISTRATION.value: 5.0,
        Activity.REVIEW_WRITTEN.value: 5.0,
        Activity.REFERRAL_MADE.value: 5.0,
        Activity.WISHLIST_ADD.value: 4.0,
        # Light touches.
        Activity.EMAIL_CLICK.value: 3.0,
        Activity.NEWSLETTER_SIGNUP.value: 3.0,
        Activity.AD_CLICK.value: 2.0,
        Activity.SOCIAL_ENGAGEMENT.value: 2.0,
        Activity.WEBSITE_VISIT.value: 1.0,
        Activity.PAGE_VIEW.value: 0.5,
        Activity.EMAIL_OPEN.value: 0.25,
    }
)
"""`Temperature`'s default points per activity, at age zero (``unsubscribe`` has
none: it makes a lead DEAD)."""

_UNSUBSCRIBE = Activity.UNSUBSCRIBE
_ACTIVITIES = frozenset(a.value for a in Activity) - {Activity.UNSUBSCRIBE.value}


# --- converters -------------------------------------------------------------------


def _to_weights(value: Mapping[str | Activity, float]) -> FrozenMap[str, Scalar]:
    """Weights keyed by activity value (plain strings), as floats."""
    if not isinstance(value, Mapping):
        v.refuse("a mapping of activities to points")
    out: dict[str, Scalar] = {}
    for key, weight in value.items():
        name = key.value if isinstance(key, Activity) else key
        if name not in _ACTIVITIES:
            v.refuse(
                f"activities other than 'unsubscribe' as keys (got {name!r})"
                if isinstance(name, str)
                else f"activities as keys (got a key of type {type(key).__name__})"
            )
        try:
            out[name] = _points(weight)
        except v.RefusalError as exc:
            raise exc.prefixed(f"[{name!r}]") from None
    return FrozenMap(out)


def _points(value: float) -> float:
    return v.real(value, 0, expected="a finite number >= 0")


def _threshold(value: float) -> float:
    return v.real(value, 0, above=True, expected="a finite number > 0")


def _margin(value: float, boundary: float) -> float:
    """How far *value* is from *boundary*, in doublings, capped at 1."""
    if value <= 0:
        return 1.0
    return min(1.0, abs(math.log2(value / boundary)))


def _ago(seconds: float) -> str:
    days = seconds / _SECONDS_PER_DAY
    if days < 1:
        return "today"
    whole = math.floor(days)
    return "1 day ago" if whole == 1 else f"{whole} days ago"


# --- the classifier -----------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Temperature:
    """Temperature: HOT, WARM, COLD or DEAD, by how recently and strongly it engaged.

    Every interaction and purchase up to ``at`` adds its points (``weights``,
    ``purchase_weight``), halved for every ``half_life`` of age: the engagement
    score is ``sum(points * 0.5 ** (age / half_life))``. At ``hot`` or above the
    lead is HOT, at ``warm`` or above WARM, below that COLD. It is DEAD when
    nothing happened for ``dead_after`` (counted from its creation when it never
    engaged), or when it opted out (an ``unsubscribe`` interaction, or consent
    denied on every channel it was asked about, none granted) and has not
    engaged since. An ``unsubscribe`` scores nothing; activities missing from
    ``weights`` score nothing but still show the lead is alive.

    Interest fades when a lead waits: with no new records, a later ``at`` never
    makes a lead warmer, and one more interaction never makes it colder.

    The confidence is how far the lead is from the nearest boundary: the score
    in doublings from the thresholds (twice or half a threshold is certain),
    and, for COLD and time-DEAD leads, the idle time against ``dead_after``; an
    opt-out is certain.

    Examples:
        A demo request today is HOT; three weeks later it has faded to WARM:

        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     interactions=[pl.Interaction(activity="demo_request", at=t)],
        ... )
        >>> temperature = Temperature()
        >>> c = temperature.classify(lead, at=t)
        >>> c.label.value, c.evidence["score"], c.reasons[0]
        ('hot', 30.0, 'engagement score 30 >= 20 (hot)')
        >>> later = temperature.classify(lead, at=t + dt.timedelta(days=21))
        >>> later.label.value, later.evidence["score"]
        ('warm', 10.607)
        >>> temperature.classify(lead, at=t + dt.timedelta(days=200)).label.value
        'dead'
    """

    labels: ClassVar[type[TemperatureLabel]] = TemperatureLabel
    """The labels it answers with."""

    name: str = attrs.field(default="temperature", validator=v.text())
    """The registry name (default ``"temperature"``)."""
    half_life: dt.timedelta = attrs.field(default=14 * _DAY, validator=v.duration())
    """After this long an interaction counts half (default 14 days)."""
    weights: FrozenMap[str, Scalar] = attrs.field(
        default=TEMPERATURE_WEIGHTS, converter=_to_weights
    )
    """Points per activity at age zero, keyed by activity (default
    `TEMPERATURE_WEIGHTS`: demo and quote requests 30, contact requests 25, meetings
    and trials 20, calls 15, webinars and carts 10, … website visits 1, page
    views 0.5, e-mail opens 0.25). Activities left out score nothing."""
    purchase_weight: float = attrs.field(default=15.0, converter=_points)
    """Points per purchase at age zero (default 15)."""
    hot: float = attrs.field(default=20.0, converter=_threshold)
    """The score from which a lead is HOT (default 20: a demo request stays HOT
    for about 8 days)."""
    warm: float = attrs.field(default=5.0, converter=_threshold)
    """The score from which a lead is WARM (default 5: a webinar attended stays
    WARM for 14 days, a demo request for about 36)."""
    dead_after: dt.timedelta = attrs.field(default=180 * _DAY, validator=v.duration())
    """With nothing for this long, a lead is DEAD (default 180 days)."""
    _table: dict[Activity | Term, float] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds out of order; index the weights by activity."""
        if self.warm >= self.hot:
            raise v.config_error(self, "warm", f"a number below hot ({self.hot:g})")
        table = {Activity(k): float(w) for k, w in self.weights.items()}  # type: ignore[arg-type]
        object.__setattr__(self, "_table", table)

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[TemperatureLabel]:
        """How warm *lead*'s interest is as of *at*.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> lead = pl.Lead(
            ...     id="L-1",
            ...     created_at=t,
            ...     interactions=[
            ...         pl.Interaction(activity="webinar_attendance", at=t),
            ...         pl.Interaction(activity="unsubscribe", at=t),
            ...     ],
            ... )
            >>> c = Temperature().classify(lead, at=t)
            >>> c.label.value, c.confidence, c.reasons[0]
            ('dead', 1.0, 'unsubscribed and not engaged since')
        """
        require_lead_at(lead, at)
        seen = self._engagement(lead, at)
        last = seen.last
        opt_out = _opt_out(lead, at, seen.unsubscribed)
        opted_out = opt_out is not None and (last is None or last <= opt_out[0])
        since = lead.created_at if last is None else last
        idle = max(0.0, (at - since).total_seconds())
        evidence: dict[str, Scalar] = {
            "score": round(seen.score, 3),
            "days_since_last_activity": None
            if last is None
            else round(idle / _SECONDS_PER_DAY, 2),
            "interactions": seen.interactions,
            "purchases": seen.purchases,
            "opted_out": opted_out,
        }
        if last is None:
            recency = f"no activity since created {_ago(idle)}"
        else:
            recency = f"last activity {_ago(idle)} ({seen.last_what})"
        dead_after = self.dead_after.total_seconds()
        if opt_out is not None and opted_out:
            label = TemperatureLabel.DEAD
            confidence = 1.0
            reasons = [f"{opt_out[1]} and not engaged since", recency]
        elif idle >= dead_after:
            label = TemperatureLabel.DEAD
            confidence = 0.5 + 0.5 * min(1.0, (idle - dead_after) / dead_after)
            reasons = [f"nothing for {self.dead_after / _DAY:g} days or more", recency]
        else:
            label, margin, headline = self._grade(seen.score)
            if label is TemperatureLabel.COLD:
                margin = min(margin, 1 - idle / dead_after)
            confidence = 0.5 + 0.5 * margin
            reasons = [headline, recency]
            if seen.top > 0 and seen.top_what != seen.last_what:
                reasons.append(f"strongest: {seen.top_what} {_ago(seen.top_age)}")
        return Classification(
            classifier=self.name,
            label=label,
            confidence=confidence,
            reasons=reasons,
            evidence=evidence,
        )

    def _engagement(self, lead: Lead, at: dt.datetime) -> _Seen:
        """Add up the decayed points of everything up to *at*."""
        table = self._table
        # (when, what, points); an Activity is a str, so it names itself.
        records: list[tuple[dt.datetime, str, float]] = []
        unsubscribed: dt.datetime | None = None
        for item in lead.interactions:  # in time order
            if item.at > at:
                break
            if item.activity is _UNSUBSCRIBE:
                unsubscribed = item.at
            else:
                records.append((item.at, item.activity, table.get(item.activity, 0.0)))
        interactions = len(records)
        for purchase in lead.purchases:  # in time order
            if purchase.at > at:
                break
            records.append((purchase.at, "purchase", self.purchase_weight))
        seen = _Seen.total(records, at, self.half_life.total_seconds())
        seen.interactions = interactions
        seen.purchases = len(records) - interactions
        seen.unsubscribed = unsubscribed
        return seen

    def _grade(self, score: float) -> tuple[TemperatureLabel, float, str]:
        """HOT, WARM or COLD by score: the label, its margin and the headline."""
        shown = f"{score:.3g}" if score < 100 else f"{score:.0f}"  # noqa: PLR2004  # 3 digits
        if score >= self.hot:
            return (
                TemperatureLabel.HOT,
                _margin(score, self.hot),
                f"engagement score {shown} >= {self.hot:g} (hot)",
            )
        if score >= self.warm:
            return (
                TemperatureLabel.WARM,
                min(_margin(score, self.warm), _margin(score, self.hot)),
                f"engagement score {shown} >= {self.warm:g} (warm)",
            )
        return (
            TemperatureLabel.COLD,
            _margin(score, self.warm),
            f"engagement score {shown} below {self.warm:g} (warm)",
        )


@attrs.define
class _Seen:
    """What `Temperature` adds up over one lead (a private accumulator)."""

    score: float = 0.0
    last: dt.datetime | None = None
    last_what: str = ""
    top: float = 0.0
    top_what: str = ""
    top_age: float = 0.0
    interactions: int = 0
    purchases: int = 0
    unsubscribed: dt.datetime | None = None

    @classmethod
    def total(
        cls, records: list[tuple[dt.datetime, str, float]], at: dt.datetime, half: float
    ) -> _Seen:
        """Sum *records*' points halved every *half* seconds of age at *at*."""
        score = top = top_age = 0.0
        top_what = last_what = ""
        last: dt.datetime | None = None
        for when, what, points in records:
            age = (at - when).total_seconds()
            decayed = points * 0.5 ** (age / half)
            score += decayed
            if decayed > top:
                top, top_what, top_age = decayed, what, age
            if last is None or when >= last:
                last, last_what = when, what
        return cls(
            score=score,
            last=last,
            last_what=str(last_what),
            top=top,
            top_what=str(top_what),
            top_age=top_age,
        )


def _opt_out(
    lead: Lead, at: dt.datetime, unsubscribed: dt.datetime | None
) -> tuple[dt.datetime, str] | None:
    """The latest opt-out as of *at*: when, and what it was; ``None`` if none."""
    found = None if unsubscribed is None else (unsubscribed, "unsubscribed")
    denied: dt.datetime | None = None
    for record in lead.consent.values():
        if record.at is not None and record.at > at:
            continue
        if record.status is ConsentStatus.GRANTED:
            return found
        if record.status is ConsentStatus.DENIED:
            # Undated: refused since the lead was captured.
            when = lead.created_at if record.at is None else record.at
            denied = when if denied is None else max(denied, when)
    if denied is not None and (found is None or denied >= found[0]):
        return denied, "refused contact on every channel asked"
    return found
