"""What happened to a lead: interactions, purchases, objections, evidence and more.

Every record carries its own timezone-aware time.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs

from prospectlib.model import _check as c
from prospectlib.model._enums import Activity
from prospectlib.model._enums import Channel
from prospectlib.model._enums import ConsentStatus
from prospectlib.model._enums import LawfulBasis
from prospectlib.model._enums import ObjectionKind
from prospectlib.model._enums import Verdict

_CURRENCY = re.compile(r"[A-Z]{3}")
_optional_text = c.optional(c.text)
_optional_aware = c.optional(c.aware)
_optional_channel = c.optional(c.member_of(Channel))


def _activity(value: Activity | str) -> Activity:
    return c.enum_value(Activity, value)


def _channel(value: Channel | str) -> Channel:
    return c.enum_value(Channel, value)


def _optional_channel_value(value: Channel | str | None) -> Channel | None:
    return None if value is None else c.enum_value(Channel, value)


def _objection_kind(value: ObjectionKind | str) -> ObjectionKind:
    return c.enum_value(ObjectionKind, value)


def _verdict(value: Verdict | str) -> Verdict:
    return c.enum_value(Verdict, value)


def _consent_status(value: ConsentStatus | str) -> ConsentStatus:
    return c.enum_value(ConsentStatus, value)


def _lawful_basis(value: LawfulBasis | str | None) -> LawfulBasis | None:
    return None if value is None else c.enum_value(LawfulBasis, value)


@attrs.frozen(kw_only=True)
class Interaction:
    """One thing a lead did: a visit, a download, a webinar, a call.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
        >>> i = Interaction(activity="webinar_attendance", at=t, detail="Routing 101")
        >>> i.activity
        <Activity.WEBINAR_ATTENDANCE: 'webinar_attendance'>
    """

    activity: Activity = attrs.field(
        converter=_activity, validator=c.member_of(Activity)
    )
    """What the lead did."""
    at: dt.datetime = attrs.field(validator=c.aware)
    """When (timezone-aware)."""
    channel: Channel | None = attrs.field(
        default=None, converter=_optional_channel_value, validator=_optional_channel
    )
    """Where it happened, if recorded."""
    value: float | None = attrs.field(default=None, validator=c.optional(c.finite))
    """A number that goes with it, e.g. seconds watched or pages viewed."""
    detail: str | None = attrs.field(default=None, validator=_optional_text)
    """Which content, page or campaign, e.g. ``"Routing 101"``."""


def _currency(inst: Purchase, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or _CURRENCY.fullmatch(value) is None:
        c.fail(inst, attribute.name, "an ISO 4217 currency code like 'EUR'")


@attrs.frozen(kw_only=True)
class Purchase:
    """One purchase: what makes a lead a customer.

    ``amount`` is the total paid, as a `Decimal`; ints, floats and numeric
    strings are converted (floats by their shortest repr).

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> Purchase(at=t, amount="49.90", currency="EUR", quantity=2).amount
        Decimal('49.90')
    """

    at: dt.datetime = attrs.field(validator=c.aware)
    """When it was bought (timezone-aware)."""
    amount: Decimal = attrs.field(converter=c.to_decimal, validator=c.money)
    """Total paid, >= 0."""
    currency: str = attrs.field(validator=_currency)
    """ISO 4217 code of ``amount``, e.g. ``"EUR"``."""
    quantity: int = attrs.field(default=1, validator=c.count)
    """Units bought, >= 0."""
    product: str | None = attrs.field(default=None, validator=_optional_text)
    """What was bought."""
    reference: str | None = attrs.field(default=None, validator=_optional_text)
    """Order or invoice number."""


@attrs.frozen(kw_only=True)
class Objection:
    """Something that holds the lead back, and when it was resolved, if it was.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> o = Objection(kind="price", raised_at=t)
        >>> o.is_open(), o.is_open(at=t - dt.timedelta(days=1))
        (True, False)
    """

    kind: ObjectionKind = attrs.field(
        converter=_objection_kind, validator=c.member_of(ObjectionKind)
    )
    """What holds the lead back."""
    raised_at: dt.datetime = attrs.field(validator=c.aware)
    """When the lead raised it."""
    resolved_at: dt.datetime | None = attrs.field(
        default=None, validator=_optional_aware
    )
    """When it was resolved; ``None`` while it is open."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """Free text, e.g. what the competitor offered."""

    def __attrs_post_init__(self) -> None:
        """Refuse a resolution before the objection was raised."""
        if self.resolved_at is not None and self.resolved_at < self.raised_at:
            c.fail(self, "resolved_at", "a time on or after raised_at")

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Whether the objection stands at *at* (or, without *at*, at all).

        An objection is open from ``raised_at`` until ``resolved_at``.
        """
        if at is None:
            return self.resolved_at is None
        return self.raised_at <= at and (
            self.resolved_at is None or at < self.resolved_at
        )


@attrs.frozen(kw_only=True)
class Evidence:
    """What is known about one qualification criterion, e.g. BANT's ``budget``.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> Evidence(
        ...     criterion="budget", verdict="met", at=t, note="20k approved"
        ... ).verdict
        <Verdict.MET: 'met'>
    """

    criterion: str = attrs.field(validator=c.text)
    """The criterion's name, e.g. ``"budget"``, ``"authority"``, ``"need"``."""
    verdict: Verdict = attrs.field(converter=_verdict, validator=c.member_of(Verdict))
    """Met, unmet or unknown."""
    at: dt.datetime = attrs.field(validator=c.aware)
    """When it was established."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """How it is known, e.g. ``"confirmed on the discovery call"``."""


@attrs.frozen(kw_only=True)
class Consent:
    """A lead's consent for one channel, with the lawful basis for contact.

    Examples:
        >>> Consent(channel="email", status="granted", basis="consent").permits
        True
    """

    channel: Channel = attrs.field(converter=_channel, validator=c.member_of(Channel))
    """The channel this record is about."""
    status: ConsentStatus = attrs.field(
        default=ConsentStatus.UNKNOWN,
        converter=_consent_status,
        validator=c.member_of(ConsentStatus),
    )
    """Granted, denied or unknown."""
    basis: LawfulBasis | None = attrs.field(
        default=None,
        converter=_lawful_basis,
        validator=c.optional(c.member_of(LawfulBasis)),
    )
    """The legal ground for contact on this channel."""
    at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    """When the status was given or last changed."""

    @property
    def permits(self) -> bool:
        """Whether contact on this channel is allowed: only an explicit grant is."""
        return self.status is ConsentStatus.GRANTED


@attrs.frozen(kw_only=True)
class StageChange:
    """One step in a lead's lifecycle history: ``source`` → ``target`` by ``event``.

    Histories are append-only; pipelines (``prospectlib.lifecycle``) write them.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> StageChange(
        ...     event="capture", source="prospect", target="information_qualified", at=t
        ... ).target
        'information_qualified'
    """

    event: str = attrs.field(validator=c.text)
    """The event that caused the change."""
    source: str = attrs.field(validator=c.text)
    """The stage the lead left."""
    target: str = attrs.field(validator=c.text)
    """The stage the lead entered."""
    at: dt.datetime = attrs.field(validator=c.aware)
    """When the change happened."""
    reason: str | None = attrs.field(default=None, validator=_optional_text)
    """Why, in words."""
    actor: str | None = attrs.field(default=None, validator=_optional_text)
    """Who made the change: a user id, a team, or an automation's name."""
