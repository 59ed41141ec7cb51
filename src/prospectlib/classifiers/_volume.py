"""Purchase volume: how much a lead buys, by amount or by quantity, over a window."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
from collections.abc import Iterable
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from typing import ClassVar

import attrs
import numpy as np

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import clamp
from prospectlib.classifiers._frequency import _as_of
from prospectlib.classifiers._frequency import _show_days
from prospectlib.classifiers._frequency import _window_start
from prospectlib.criteria import require_aware
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.model import Lead
from prospectlib.model import Purchase
from prospectlib.model import Scalar
from prospectlib.model._require import require_lead
from prospectlib.model._require import require_lead_at


class VolumeLabel(enum.StrEnum):
    """How much a lead buys (`PurchaseVolume`).

    Examples:
        >>> VolumeLabel.HIGH.value
        'high'
    """

    HIGH = "high"
    """Buys a lot."""
    MEDIUM = "medium"
    """Buys a middling amount."""
    LOW = "low"
    """Buys little."""
    NONE = "none"
    """Has bought nothing (in the window)."""


_DAY = dt.timedelta(days=1)
_CURRENCY = re.compile(r"[A-Z]{3}")
_LOG2 = math.log(2)
# Sums use their own context, not the caller's (see `_validate.SUMS`).
_SUM = v.SUMS


class VolumeMeasure(enum.StrEnum):
    """What `PurchaseVolume` adds up.

    Examples:
        >>> VolumeMeasure("quantity") is VolumeMeasure.QUANTITY
        True
    """

    AMOUNT = "amount"
    """The amounts paid (`Purchase.amount`), in one currency."""
    QUANTITY = "quantity"
    """The units bought (`Purchase.quantity`)."""


# --- converters ------------------------------------------------------------------


def _to_amount(value: Decimal | float | str) -> Decimal:
    """Whole numbers, numeric strings and floats (by their repr) become `Decimal`."""
    return v.amount(value, positive=True, detail=False)


def _quantile(value: object, name: str) -> float:
    try:
        return v.real(value, 0, 1, expected="a number from 0 to 1")
    except v.RefusalError as exc:
        path = f"PurchaseVolume.fit.{name}"
        raise InvalidConfigError(exc.prefixed(path).problems) from None


# --- helpers ----------------------------------------------------------------------


def _total(amounts: Sequence[Decimal]) -> Decimal:
    """The exact sum (the first amount is kept as written: ``1E+400`` stays so)."""
    if not amounts:
        return Decimal(0)
    return functools.reduce(_SUM.add, amounts[1:], amounts[0])


def _margin(ratio: float) -> float:
    """How far (``ratio`` >= 1) a total is from a threshold: 1 at twice or more."""
    if not math.isfinite(ratio) or ratio <= 0:
        return 1.0
    return min(1.0, abs(math.log(ratio)) / _LOG2)


def _money(value: Decimal) -> str:
    """A short, human form of an amount."""
    if value.is_finite() and value.adjusted() < 15:  # noqa: PLR2004  # digits shown
        return f"{value:,.2f}"
    return f"{value:.3E}"


def _number(value: Decimal) -> Scalar:
    """An amount as a JSON number (a string when no float can hold it)."""
    number = float(value)
    return number if math.isfinite(number) else str(value)


@attrs.frozen
class _Count:
    """What a lead bought in the window, as counted by one classifier."""

    measure: Decimal | int | None
    """The total that decides (``None``: nothing counted)."""
    amount: Decimal | None
    currency: str | None
    quantity: int
    purchases: int
    others: int
    """Purchases in the window that were not counted (other currencies)."""


# --- the classifier ---------------------------------------------------------------


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class PurchaseVolume:
    """How much a lead buys: high, medium, low, or none, over a window.

    The classifier adds up what the lead bought in the ``window`` (365 days)
    that ends at ``at``, by ``measure``: the amounts paid (default) or the
    units bought. The total is compared with two thresholds:

    - **HIGH**: at least the high threshold (``high_amount``, 1,000; or
      ``high_quantity``, 100 units);
    - **MEDIUM**: at least the medium threshold (``medium_amount``, 100; or
      ``medium_quantity``, 10 units);
    - **LOW**: bought in the window, less than that (zero-value purchases too);
    - **NONE**: no purchase in the window.

    The defaults are round numbers for a shop selling to consumers in a major
    currency; set your own, or learn them from your customers with `fit`
    (quantiles of their totals).

    **Currencies.** Amounts are never converted or added across currencies.
    With ``currency`` set, only purchases in that currency count (for either
    measure). With ``currency=None`` (the default), each currency's amounts
    are added up on their own and the largest total decides: the lead's
    biggest currency. That keeps the label monotonic: more spending, in any
    currency, never lowers it. Purchases left out are counted in the
    evidence (``other_currency_purchases``) and lower the confidence.

    **Confidence.** 0.5, plus up to 0.5 as the total is far from the nearest
    threshold (twice or half of it counts as far); for LOW and MEDIUM, half of
    that second part is instead how much of the window the lead has been known
    for (a newer lead may still buy more). It is then scaled by the share of
    the window's purchases that were counted. NONE is 1 (a fact).

    Evidence keys: ``measure``, ``window_days``, ``currency``,
    ``amount_in_window`` (``None`` when quantities of several currencies are
    added), ``quantity_in_window``, ``purchases_in_window`` (counted),
    ``other_currency_purchases``, ``medium_from``, ``high_from``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t0 = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L-1",
        ...     created_at=t0,
        ...     purchases=[
        ...         pl.Purchase(at=t0, amount="120.00", currency="EUR", quantity=3),
        ...         pl.Purchase(at=t0, amount="80.00", currency="EUR", quantity=2),
        ...     ],
        ... )
        >>> c = PurchaseVolume().classify(lead, at=t0)
        >>> c.label.value, c.confidence
        ('medium', 0.75)
        >>> print(c.reasons[0])
        spent 200.00 EUR in the last 365 days (medium from 100.00, high from
        1,000.00)
        >>> PurchaseVolume(measure="quantity").classify(lead, at=t0).label.value
        'low'
    """

    labels: ClassVar[type[VolumeLabel]] = VolumeLabel
    """The labels it answers with."""

    window: dt.timedelta = attrs.field(
        default=dt.timedelta(days=365),
        validator=v.duration("a positive duration (timedelta)"),
    )
    """How far back purchases count (default 365 days), ending at ``at``."""
    measure: VolumeMeasure = attrs.field(
        default=VolumeMeasure.AMOUNT, converter=VolumeMeasure
    )
    """What is added up: amounts (default) or quantities."""
    currency: str | None = attrs.field(
        default=None,
        validator=v.optional(
            v.matches(_CURRENCY, "an ISO 4217 currency code like 'EUR', or None")
        ),
    )
    """Count only this currency; ``None`` (default): the lead's biggest one."""
    medium_amount: Decimal = attrs.field(default=Decimal(100), converter=_to_amount)
    """An amount from which a lead is MEDIUM (default 100)."""
    high_amount: Decimal = attrs.field(default=Decimal(1000), converter=_to_amount)
    """An amount from which a lead is HIGH (default 1,000)."""
    medium_quantity: int = attrs.field(default=10, validator=v.whole(1))
    """Units from which a lead is MEDIUM (default 10)."""
    high_quantity: int = attrs.field(default=100, validator=v.whole(1))
    """Units from which a lead is HIGH (default 100)."""
    name: str = attrs.field(default="purchase_volume", validator=v.text())
    """The name to register the classifier under (default ``purchase_volume``)."""

    def __attrs_post_init__(self) -> None:
        """Refuse a high threshold below the medium one."""
        for kind in ("amount", "quantity"):
            if getattr(self, f"high_{kind}") < getattr(self, f"medium_{kind}"):
                raise v.config_error(
                    self,
                    f"high_{kind}",
                    f"a value >= medium_{kind}",
                )

    @property
    def thresholds(self) -> tuple[Decimal | int, Decimal | int]:
        """The (medium, high) thresholds of the chosen ``measure``.

        Examples:
            >>> PurchaseVolume(measure="quantity").thresholds
            (10, 100)
        """
        if self.measure is VolumeMeasure.AMOUNT:
            return self.medium_amount, self.high_amount
        return self.medium_quantity, self.high_quantity

    def _count(self, lead: Lead, at: dt.datetime) -> _Count:
        begin, end = _as_of(lead.purchases, at, _window_start(at, self.window))
        window = lead.purchases[begin:end]
        if self.currency is not None:
            counted: Sequence[Purchase] = [
                p for p in window if p.currency == self.currency
            ]
            currency: str | None = self.currency
        elif self.measure is VolumeMeasure.AMOUNT and window:
            currency, counted = _biggest_currency(window)
        else:
            counted, currency = window, None
        quantity = sum(p.quantity for p in counted)
        amount = None if currency is None else _total([p.amount for p in counted])
        measure: Decimal | int | None = None
        if counted:
            measure = amount if self.measure is VolumeMeasure.AMOUNT else quantity
        return _Count(
            measure=measure,
            amount=amount,
            currency=currency,
            quantity=quantity,
            purchases=len(counted),
            others=len(window) - len(counted),
        )

    def classify(self, lead: Lead, *, at: dt.datetime) -> Classification[VolumeLabel]:
        """Classify *lead* by what it bought in the window ending at *at*.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.
        """
        require_lead_at(lead, at)
        count = self._count(lead, at)
        medium, high = self.thresholds
        evidence: dict[str, Scalar] = {
            "measure": self.measure.value,
            "window_days": self.window / _DAY,
            "currency": count.currency,
            "amount_in_window": None if count.amount is None else _number(count.amount),
            "quantity_in_window": count.quantity,
            "purchases_in_window": count.purchases,
            "other_currency_purchases": count.others,
            "medium_from": _number(medium) if isinstance(medium, Decimal) else medium,
            "high_from": _number(high) if isinstance(high, Decimal) else high,
        }
        window = _show_days(self.window / _DAY)
        others = []
        if count.others:
            s = "" if count.others == 1 else "s"
            others = [f"{count.others} purchase{s} in other currencies not counted"]
        value = count.measure
        if value is None:
            what = "" if self.currency is None else f" in {self.currency}"
            return Classification(
                classifier=self.name,
                label=VolumeLabel.NONE,
                confidence=1.0,
                reasons=[f"no purchase{what} in the last {window}", *others],
                evidence=evidence,
            )
        if isinstance(value, Decimal):
            show: Any = _money
            did = f"spent {_money(value)} {count.currency}"
        else:
            show = str
            did = f"bought {value} unit{'' if value == 1 else 's'}"
        did += f" in the last {window}"
        if value >= high:
            label = VolumeLabel.HIGH
            reason = f"{did} (high from {show(high)})"
            confidence = 0.5 + 0.5 * _margin(_ratio(value, high))
        else:
            known = max(at - lead.created_at, dt.timedelta(0))
            coverage = min(1.0, known / self.window)
            if value >= medium:
                label = VolumeLabel.MEDIUM
                reason = f"{did} (medium from {show(medium)}, high from {show(high)})"
                margin = min(
                    _margin(_ratio(value, medium)), _margin(_ratio(high, value))
                )
            else:
                label = VolumeLabel.LOW
                reason = f"{did} (medium from {show(medium)})"
                margin = _margin(_ratio(medium, value))
            confidence = 0.5 + 0.25 * margin + 0.25 * coverage
        share = count.purchases / (count.purchases + count.others)
        s = "" if count.purchases == 1 else "s"
        return Classification(
            classifier=self.name,
            label=label,
            confidence=clamp(confidence * share),
            reasons=[reason, f"{count.purchases} purchase{s} counted", *others],
            evidence=evidence,
        )

    def fit(
        self,
        leads: Iterable[Lead],
        *,
        at: dt.datetime,
        medium_quantile: float = 0.5,
        high_quantile: float = 0.8,
    ) -> PurchaseVolume:
        """A copy whose thresholds are quantiles of *leads*' totals as of *at*.

        Each lead's total is what `classify` would compare (same window,
        measure and currency rule). Leads with nothing (or only zero-value
        purchases) in the window are left out, so the thresholds describe
        buyers: by default the medium threshold is the median buyer's total
        and the high one the 80th percentile's (numpy's ``inverted_cdf``
        quantile, so each threshold is a total some lead really has). Only the
        thresholds of ``measure`` change. Fit a population that buys in one
        currency, or set ``currency``: totals in different currencies are not
        comparable.

        Args:
            leads: The population, e.g. every customer of the last year.
            at: The moment to count up to (timezone-aware).
            medium_quantile: The quantile that becomes the medium threshold.
            high_quantile: The quantile that becomes the high threshold.

        Returns:
            A new `PurchaseVolume`; this one is unchanged.

        Raises:
            InvalidConfigError: A quantile is not from 0 to 1, *medium_quantile*
                is above *high_quantile*, or no lead bought anything in the
                window.
            ValidationError: *at* is not a timezone-aware datetime.

        Examples:
            >>> import datetime as dt
            >>> import prospectlib as pl
            >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            >>> leads = [
            ...     pl.Lead(
            ...         id=f"L-{k}",
            ...         created_at=t,
            ...         purchases=[pl.Purchase(at=t, amount=10 * k, currency="EUR")],
            ...     )
            ...     for k in range(11)
            ... ]
            >>> fitted = PurchaseVolume().fit(leads, at=t)
            >>> fitted.medium_amount, fitted.high_amount
            (Decimal('50'), Decimal('80'))
            >>> fitted.classify(leads[9], at=t).label.value
            'high'
        """
        require_aware(at)
        low = _quantile(medium_quantile, "medium_quantile")
        high = _quantile(high_quantile, "high_quantile")
        if low > high:
            raise InvalidConfigError(
                [
                    Problem(
                        path="PurchaseVolume.fit.medium_quantile",
                        expected="a number at most high_quantile",
                    )
                ]
            )
        totals = sorted(
            value
            for lead in v.iterate(leads, "leads", "an iterable of Lead")
            if (value := self._count(require_lead(lead, "leads[]"), at).measure)
            is not None
            and value > 0
        )
        if not totals:
            raise InvalidConfigError(
                [
                    Problem(
                        path="leads",
                        expected="at least one lead that bought something in the "
                        "window (as of at)",
                    )
                ]
            )
        medium_value, high_value = _pick(totals, (low, high))
        if self.measure is VolumeMeasure.AMOUNT:
            return attrs.evolve(
                self,
                medium_amount=Decimal(medium_value),
                high_amount=Decimal(high_value),
            )
        return attrs.evolve(
            self, medium_quantity=int(medium_value), high_quantity=int(high_value)
        )


def _ratio(big: Decimal | int, small: Decimal | int) -> float:
    """``big / small`` as a float; infinite when *small* is 0 (or too small)."""
    return float(_SUM.divide(Decimal(big), Decimal(small)))  # x/0: Infinity, no trap


def _biggest_currency(
    window: Sequence[Purchase],
) -> tuple[str, list[Purchase]]:
    """The currency with the largest total (ties: more purchases, then the code)."""
    by_currency: dict[str, list[Purchase]] = {}
    for purchase in window:
        by_currency.setdefault(purchase.currency, []).append(purchase)
    if len(by_currency) == 1:
        return window[0].currency, list(window)
    _, _, currency = max(
        (_total([p.amount for p in items]), len(items), code)
        for code, items in by_currency.items()
    )
    return currency, by_currency[currency]


def _pick(
    totals: list[Decimal | int], quantiles: tuple[float, float]
) -> tuple[Decimal | int, Decimal | int]:
    """The totals at *quantiles* of the sorted *totals* (numpy ``inverted_cdf``)."""
    positions = np.quantile(np.arange(len(totals)), quantiles, method="inverted_cdf")
    low, high = (totals[int(p)] for p in positions)
    return low, high
