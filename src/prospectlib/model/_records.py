"""What happened to a lead: interactions, purchases, objections, evidence and more.

Every record carries its own timezone-aware time.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs

from prospectlib import _validate as v
from prospectlib.model._enums import Activity
from prospectlib.model._enums import Channel
from prospectlib.model._enums import ConsentStatus
from prospectlib.model._enums import LawfulBasis
from prospectlib.model._enums import ObjectionKind
from prospectlib.model._enums import Verdict
from prospectlib.model._terms import Term
from prospectlib.model._terms import open_member

_CURRENCY = re.compile(r"[A-Z]{3}")
_text = v.text(detail=True)
_optional_text = v.optional(_text)
_optional_aware = v.optional(v.aware)


def _optional_channel(value: Channel | str | None) -> Channel | None:
    return v.optional_member(Channel, value)


def _activity(value: Activity | Term | str) -> Activity | Term:
    return open_member(Activity, value)


def _kind(value: ObjectionKind | Term | str) -> ObjectionKind | Term:
    return open_member(ObjectionKind, value)


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Interaction:
    """One thing a lead did: a visit, a download, a webinar, a call.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
        >>> i = Interaction(activity="webinar_attendance", at=t, detail="Routing 101")
        >>> i.activity
        <Activity.WEBINAR_ATTENDANCE: 'webinar_attendance'>
    """

    activity: Activity | Term = attrs.field(converter=_activity)
    """What the lead did."""
    at: dt.datetime = attrs.field(validator=v.aware)
    """When (timezone-aware)."""
    channel: Channel | None = attrs.field(default=None, converter=_optional_channel)
    """Where it happened, if recorded."""
    value: float | None = attrs.field(default=None, validator=v.optional(v.finite()))
    """A number that goes with it, e.g. seconds watched or pages viewed."""
    detail: str | None = attrs.field(default=None, validator=_optional_text)
    """Which content, page or campaign, e.g. ``"Routing 101"``."""


def _amount(value: Decimal | float | str) -> Decimal:
    return v.amount(value)


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
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

    at: dt.datetime = attrs.field(validator=v.aware)
    """When it was bought (timezone-aware)."""
    amount: Decimal = attrs.field(converter=_amount)
    """Total paid, >= 0."""
    currency: str = attrs.field(
        validator=v.matches(_CURRENCY, "an ISO 4217 currency code like 'EUR'")
    )
    """ISO 4217 code of ``amount``, e.g. ``"EUR"``."""
    quantity: int = attrs.field(default=1, validator=v.whole(0, detail=True))
    """Units bought, >= 0."""
    product: str | None = attrs.field(default=None, validator=_optional_text)
    """What was bought."""
    reference: str | None = attrs.field(default=None, validator=_optional_text)
    """Order or invoice number."""


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Objection:
    """Something that holds the lead back, and when it was resolved, if it was.

    Examples:
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> o = Objection(kind="price", raised_at=t)
        >>> o.is_open(), o.is_open(at=t - dt.timedelta(days=1))
        (True, False)
    """

    kind: ObjectionKind | Term = attrs.field(converter=_kind)
    """What holds the lead back."""
    raised_at: dt.datetime = attrs.field(validator=v.aware)
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
            raise v.lead_error(self, "resolved_at", "a time on or after raised_at")

    def is_open(self, at: dt.datetime | None = None) -> bool:
        """Whether the objection stands at *at* (or, without *at*, at all).

        An objection is open from ``raised_at`` until ``resolved_at``.
        """
        if at is None:
            return self.resolved_at is None
        if at.__class__ is not dt.datetime or at.tzinfo is None:
            v.require_aware(at)
        return self.raised_at <= at and (
            self.resolved_at is None or at < self.resolved_at
        )


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
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

    criterion: str = attrs.field(validator=_text)
    """The criterion's name, e.g. ``"budget"``, ``"authority"``, ``"need"``."""
    verdict: Verdict = attrs.field(converter=Verdict)
    """Met, unmet or unknown."""
    at: dt.datetime = attrs.field(validator=v.aware)
    """When it was established."""
    note: str | None = attrs.field(default=None, validator=_optional_text)
    """How it is known, e.g. ``"confirmed on the discovery call"``."""


def _lawful_basis(value: LawfulBasis | str | None) -> LawfulBasis | None:
    return v.optional_member(LawfulBasis, value)


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Consent:
    """A lead's consent for one channel, with the lawful basis for contact.

    Examples:
        >>> Consent(channel="email", status="granted", basis="consent").permits
        True
    """

    channel: Channel = attrs.field(converter=Channel)
    """The channel this record is about."""
    status: ConsentStatus = attrs.field(
        default=ConsentStatus.UNKNOWN, converter=ConsentStatus
    )
    """Granted, denied or unknown."""
    basis: LawfulBasis | None = attrs.field(default=None, converter=_lawful_basis)
    """The legal ground for contact on this channel."""
    at: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)
    """When the status was given or last changed."""

    @property
    def permits(self) -> bool:
        """Whether contact on this channel is allowed: only an explicit grant is."""
        return self.status is ConsentStatus.GRANTED


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
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

    event: str = attrs.field(validator=_text)
    """The event that caused the change."""
    source: str = attrs.field(validator=_text)
    """The stage the lead left."""
    target: str = attrs.field(validator=_text)
    """The stage the lead entered."""
    at: dt.datetime = attrs.field(validator=v.aware)
    """When the change happened."""
    reason: str | None = attrs.field(default=None, validator=_optional_text)
    """Why, in words."""
    actor: str | None = attrs.field(default=None, validator=_optional_text)
    """Who made the change: a user id, a team, or an automation's name."""
