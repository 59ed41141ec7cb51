"""Purchase frequency: does a lead come back to buy constantly, now and then, once?"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
import statistics
from collections.abc import Iterable
from operator import attrgetter
from typing import Any
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import clamp
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Lead
from prospectlib.model import Scalar
from prospectlib.model import Term
from prospectlib.model._require import require_lead_at
from prospectlib.model._terms import open_members


class FrequencyLabel(enum.StrEnum):
    """How often a lead buys (`PurchaseFrequency`).

    Examples:
        >>> FrequencyLabel.FREQUENT.value
        'frequent'
    """

    FREQUENT = "frequent"
    """Comes back constantly."""
    OCCASIONAL = "occasional"
    """Comes back, with long gaps."""
    SPORADIC = "sporadic"
    """Buys only when a need arises."""
    NONE = "none"
    """Has never bought."""


_DAY = dt.timedelta(days=1)
_AT = attrgetter("at")

VISIT_ACTIVITIES: tuple[Activity, ...] = (
    Activity.WEBSITE_VISIT,
    Activity.PAGE_VIEW,
    Activity.PRICING_PAGE_VIEW,
    Activity.STORE_VISIT,
    Activity.EVENT_VISIT,
)
"""The activities `PurchaseFrequency` counts as visits by default."""


# --- converters ------------------------------------------------------------------

_window = v.duration("a positive duration (timedelta)")


def _to_activities(
    value: Iterable[Activity | Term | str],
) -> tuple[Activity | Term, ...]:
    return open_members(Activity, value, expected="a list of Activity values or terms")


# --- shared helpers (also used by `PurchaseVolume`) -------------------------------


def _window_start(at: dt.datetime, window: dt.timedelta) -> dt.datetime | None:
    """The exclusive start of the window ending at *at*; ``None`` before year 1."""
    return v.earlier(at, window)


def _as_of(
    records: tuple[Any, ...], at: dt.datetime, start: dt.datetime | None
) -> tuple[int, int]:
    """Slice bounds of the time-ordered *records* in ``(start, at]``."""
    end = bisect.bisect_right(records, at, key=_AT)
    begin = 0 if start is None else bisect.bisect_right(records, start, key=_AT, hi=end)
    return begin, end


def _days(delta: dt.timedelta) -> float:
    """*delta* in days, rounded to 2 decimals (for evidence)."""
    return round(delta / _DAY, 2)


def _day_numbers(records: Iterable[Any], at: dt.datetime) -> list[int]:
    """The distinct calendar days (in the time zone of *at*) of time-ordered records.

    Days are numbered from *at*'s own day (0) backwards; arithmetic on
    differences, unlike converting each time to *at*'s zone, cannot overflow.
    """
    midnight = at.replace(hour=0, minute=0, second=0, microsecond=0)
    numbers: list[int] = []
    for record in records:
        number = (record.at - midnight) // _DAY
        if not numbers or number != numbers[-1]:
            numbers.append(number)
    return numbers


def _age(delta: dt.timedelta) -> str:
    """``"less than a day"``, ``"1 day"``, ``"36.5 days"``."""
    return "less than a day" if delta < _DAY else _show_days(delta / _DAY)


def _show_days(value: float) -> str:
    """``"1 day"``, ``"90 days"``, ``"2.5 days"``."""
    shown = f"{round(value, 1):g}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


# --- the classifier ---------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class PurchaseFrequency:
    """How often a lead buys: frequent, occasional, sporadic, or never.

    The label comes from two numbers, as of ``at``:

    - **purchase days in the window**: the calendar days (in the time zone of
      ``at``) with at least one purchase in the ``window`` (365 days) that
      ends at ``at``; several purchases on one day are one buying occasion;
    - **time since the last purchase**.

    The labels, with the default thresholds:

    - **FREQUENT** (comes back constantly): at least ``frequent_at_least`` (4)
      purchase days in the window, the last one within ``frequent_within``
      (90 days): buys about every quarter or more often, and still does.
    - **OCCASIONAL** (comes back, with long gaps): at least
      ``occasional_at_least`` (2) purchase days in the window, but not
      frequent (fewer days, or none lately).
    - **SPORADIC** (buys when a need arises): bought, but on fewer days than
      that: one purchase day in the window, or only older purchases.
    - **NONE**: never bought (as of ``at``).

    The label only rises when a purchase is added: more purchase days and a
    more recent last purchase can only move a lead up. The typical (median) gap
    between purchase days does not decide the label (adding a purchase can
    lengthen it); it tells how sure the label is:

    - FREQUENT: 0.7, plus up to 0.3 as the median gap is within the frequent
      rhythm (``window / frequent_at_least``, 91.25 days);
    - OCCASIONAL: 0.5, plus up to 0.25 as the median gap is as long as that
      rhythm (long gaps), plus up to 0.25 as the lead has been known for the
      whole window (a newer lead may still turn frequent);
    - SPORADIC: 0.5, plus up to 0.5 as the lead has been known for the whole
      window;
    - NONE: 1 (a fact). Visits (``visit_activities``) of a lead that never
      bought are counted in the reasons and evidence: it comes back, but has
      not bought.

    Evidence keys: ``window_days``, ``purchases_in_window``,
    ``purchase_days_in_window``, ``median_gap_days`` (``None`` with fewer than
    two purchase days), ``days_since_last_purchase`` (``None`` if never),
    ``known_for_days`` (since ``created_at``), ``visit_days_in_window``
    (``None`` once the lead has bought).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t0 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> monthly = pl.Lead(
        ...     id="L-1",
        ...     created_at=t0,
        ...     purchases=[
        ...         pl.Purchase(
        ...             at=t0 + dt.timedelta(days=30 * k),
        ...             amount="25.00",
        ...             currency="EUR",
        ...         )
        ...         for k in range(6)
        ...     ],
        ... )
        >>> at = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)
        >>> c = PurchaseFrequency().classify(monthly, at=at)
        >>> c.label.value, c.confidence
        ('frequent', 1.0)
        >>> c.reasons[0]
        'bought on 6 days in the last 365 days (frequent from 4)'
        >>> c.evidence["median_gap_days"], c.evidence["days_since_last_purchase"]
        (30.0, 27.0)
        >>> once = pl.Lead(id="L-2", created_at=t0, purchases=[monthly.purchases[0]])
        >>> PurchaseFrequency().classify(once, at=t0).label.value
        'sporadic'
    """

    labels: ClassVar[type[FrequencyLabel]] = FrequencyLabel
    """The labels it answers with."""

    window: dt.timedelta = attrs.field(
        default=dt.timedelta(days=365), validator=_window
    )
    """How far back purchases count (default 365 days), ending at ``at``."""
    frequent_at_least: int = attrs.field(default=4, validator=v.whole(1))
    """Purchase days in the window that make a lead FREQUENT (default 4)."""
    frequent_within: dt.timedelta = attrs.field(
        default=dt.timedelta(days=90), validator=_window
    )
    """A FREQUENT lead's last purchase is at most this old (default 90 days)."""
    occasional_at_least: int = attrs.field(default=2, validator=v.whole(1))
    """Purchase days in the window that make a lead OCCASIONAL (default 2)."""
    visit_activities: tuple[Activity | Term, ...] = attrs.field(
        default=VISIT_ACTIVITIES, converter=_to_activities
    )
    """What counts as a visit for a lead that never bought (`VISIT_ACTIVITIES`)."""
    name: str = attrs.field(default="purchase_frequency", validator=v.text())
    """The name to register the classifier under (default ``purchase_frequency``)."""

    def __attrs_post_init__(self) -> None:
        """Refuse thresholds that leave no room for OCCASIONAL."""
        if self.frequent_at_least <= self.occasional_at_least:
            raise v.config_error(
                self,
                "frequent_at_least",
                "a whole number greater than occasional_at_least",
            )

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[FrequencyLabel]:
        """Classify *lead* by its purchases up to *at*.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.
        """
        require_lead_at(lead, at)
        start = _window_start(at, self.window)
        purchases = lead.purchases
        begin, end = _as_of(purchases, at, start)
        known = max(at - lead.created_at, dt.timedelta(0))
        evidence: dict[str, Scalar] = {
            "window_days": self.window / _DAY,
            "purchases_in_window": end - begin,
            "purchase_days_in_window": 0,
            "median_gap_days": None,
            "days_since_last_purchase": None,
            "known_for_days": _days(known),
            "visit_days_in_window": None,
        }
        if end == 0:
            return self._never(lead, at, start, evidence)
        day_numbers = _day_numbers(purchases[begin:end], at)
        n = len(day_numbers)
        gaps = [later - earlier for earlier, later in itertools.pairwise(day_numbers)]
        gap = float(statistics.median(gaps)) if gaps else None
        since_last = at - purchases[end - 1].at
        evidence["purchase_days_in_window"] = n
        evidence["median_gap_days"] = gap
        evidence["days_since_last_purchase"] = _days(since_last)
        label, confidence, reasons = self._decide(n, gap, since_last, known)
        return Classification(
            classifier=self.name,
            label=label,
            confidence=clamp(confidence),
            reasons=reasons,
            evidence=evidence,
        )

    def _decide(
        self, n: int, gap: float | None, since_last: dt.timedelta, known: dt.timedelta
    ) -> tuple[FrequencyLabel, float, list[str]]:
        """The label, confidence and reasons of a lead that has bought."""
        window_days = self.window / _DAY
        coverage = min(1.0, known / self.window)
        rhythm = window_days / self.frequent_at_least
        plural = "" if n == 1 else "s"
        bought = f"bought on {n} day{plural} in the last {_show_days(window_days)}"
        last = f"last purchase {_age(since_last)} ago"
        typical = [] if gap is None else [f"typically {_show_days(gap)} between them"]
        if n >= self.frequent_at_least and since_last <= self.frequent_within:
            # n >= 2 here, so there is a gap; `or` only satisfies the type checker
            confidence = 0.7 + 0.3 * min(1.0, rhythm / (gap or rhythm))
            first = f"{bought} (frequent from {self.frequent_at_least})"
            return FrequencyLabel.FREQUENT, confidence, [first, last, *typical]
        if n >= self.occasional_at_least:
            fit = 0.5 if gap is None else min(1.0, gap / rhythm)
            confidence = 0.5 + 0.25 * fit + 0.25 * coverage
            if n >= self.frequent_at_least:
                lapsed = _show_days(self.frequent_within / _DAY)
                first = f"{bought}, but none in the last {lapsed}"
                return FrequencyLabel.OCCASIONAL, confidence, [first, last, *typical]
            first = (
                f"{bought} (occasional from {self.occasional_at_least}, "
                f"frequent from {self.frequent_at_least})"
            )
            return FrequencyLabel.OCCASIONAL, confidence, [first, *typical, last]
        if n:
            first = f"{bought} (occasional from {self.occasional_at_least})"
        else:
            first = f"no purchase in the last {_show_days(window_days)}"
        reasons = [first, last]
        if coverage < 1:
            reasons.append(f"a new customer: known for {_age(known)}")
        return FrequencyLabel.SPORADIC, 0.5 + 0.5 * coverage, reasons

    def _never(
        self,
        lead: Lead,
        at: dt.datetime,
        start: dt.datetime | None,
        evidence: dict[str, Scalar],
    ) -> Classification[FrequencyLabel]:
        wanted = self.visit_activities
        interactions = lead.interactions
        begin, end = _as_of(interactions, at, start)
        visit_days = _day_numbers(
            [i for i in interactions[begin:end] if i.activity in wanted], at
        )
        evidence["visit_days_in_window"] = len(visit_days)
        reasons = ["has never bought"]
        if visit_days:
            n = len(visit_days)
            reasons.append(
                f"came back on {n} day{'' if n == 1 else 's'} in the last "
                f"{_show_days(self.window / _DAY)} without buying"
            )
        return Classification(
            classifier=self.name,
            label=FrequencyLabel.NONE,
            confidence=1.0,
            reasons=reasons,
            evidence=evidence,
        )
