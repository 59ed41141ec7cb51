"""Acquisition: did the lead come by themselves, or did marketing reach them?"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Activity
from prospectlib.model import Lead
from prospectlib.model import Scalar
from prospectlib.model import Source
from prospectlib.model import Term
from prospectlib.model._require import require_lead_at
from prospectlib.model._terms import open_members


class AcquisitionLabel(enum.StrEnum):
    """How a lead came (`Acquisition`).

    Examples:
        >>> AcquisitionLabel.INBOUND.value
        'inbound'
    """

    INBOUND = "inbound"
    """Came by themselves: search, website, referral, walk-in."""
    OUTBOUND = "outbound"
    """Reached through active marketing: ads, events, outreach."""


_MAPPED = 0.9
"""Confidence when the lead's source is in the mapping."""
_CONTRADICTED = 0.7
"""... and the first telling interaction points the other way."""
_INFERRED = 0.6
"""Confidence when the label is inferred from the first telling interaction."""
_GUESSED = 0.0
"""Confidence of `Acquisition.fallback`: nothing tells, it is a guess."""


def _to_sources(value: Iterable[Source | Term]) -> tuple[Source | Term, ...]:
    return open_members(Source, value, single=False)


def _to_activities(value: Iterable[Activity | Term]) -> tuple[Activity | Term, ...]:
    return open_members(Activity, value, single=False)


def _disjoint(
    owner: object, field: str, inbound: tuple[object, ...], outbound: tuple[object, ...]
) -> None:
    if set(inbound) & set(outbound):
        other = field.replace("outbound", "inbound")
        raise v.config_error(owner, field, f"no value that is also in {other}")


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Acquisition:
    """How a lead came: INBOUND (by themselves) or OUTBOUND (marketing reached them).

    The lead's `Source` decides through a mapping you can change:
    `inbound_sources` and `outbound_sources`. By default search, website,
    referral, walk-in and social (organic: someone who found you on a social
    network; paid social ads are recorded as ``advertising``) are INBOUND, and
    advertising, events, e-mail campaigns and partner outreach are OUTBOUND.

    A source in neither (by default ``unknown`` and ``other``) is inferred
    from the lead's first *telling* interaction up to ``at``: the earliest
    whose activity is in `inbound_activities` (e.g. a website visit, a store
    visit, a contact request) or `outbound_activities` (an ad click, an event
    visit, an opened or clicked e-mail, a webinar). When nothing tells, the
    label is `fallback` with confidence 0.

    Confidence: 0.9 from the mapping, 0.7 when the first telling interaction
    contradicts the mapping (e.g. a ``website`` lead whose first recorded
    touch was an ad click), 0.6 when inferred, 0 for the fallback.

    Evidence keys: ``source``, ``mapped`` (whether the source is in the
    mapping), ``first_activity`` (the first telling activity, or ``None``) and
    ``inferred``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> walk_in = pl.Lead(id="L-1", created_at=t, source="walk_in")
        >>> c = Acquisition().classify(walk_in, at=t)
        >>> c.label.value, c.confidence, c.reasons[0]
        ('inbound', 0.9, 'source walk_in is inbound')
        >>> unknown = pl.Lead(
        ...     id="L-2",
        ...     created_at=t,
        ...     interactions=[pl.Interaction(activity="ad_click", at=t)],
        ... )
        >>> c = Acquisition().classify(unknown, at=t)
        >>> c.label.value, c.confidence
        ('outbound', 0.6)
    """

    labels: ClassVar[type[AcquisitionLabel]] = AcquisitionLabel
    """The labels it answers with."""

    name: str = attrs.field(default="acquisition", validator=v.text())
    """The registry name; ``"acquisition"`` by default."""
    inbound_sources: tuple[Source | Term, ...] = attrs.field(
        default=(
            Source.SEARCH,
            Source.WEBSITE,
            Source.REFERRAL,
            Source.WALK_IN,
            Source.SOCIAL,
        ),
        converter=_to_sources,
    )
    """Sources that mean the lead came by themselves: search, website, referral,
    walk-in and (organic) social by default."""
    outbound_sources: tuple[Source | Term, ...] = attrs.field(
        default=(Source.ADVERTISING, Source.EVENT, Source.EMAIL, Source.PARTNER),
        converter=_to_sources,
    )
    """Sources that mean active marketing reached the lead: advertising, events,
    e-mail campaigns and partners by default. Must not repeat an inbound one."""
    inbound_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.WEBSITE_VISIT,
            Activity.PAGE_VIEW,
            Activity.PRICING_PAGE_VIEW,
            Activity.CONTENT_DOWNLOAD,
            Activity.CASE_STUDY_DOWNLOAD,
            Activity.SOLUTION_VIDEO_VIEW,
            Activity.STORE_VISIT,
            Activity.SOCIAL_ENGAGEMENT,
            Activity.FORM_SUBMISSION,
            Activity.NEWSLETTER_SIGNUP,
            Activity.DEMO_REQUEST,
            Activity.CONTACT_REQUEST,
            Activity.QUOTE_REQUEST,
            Activity.CART_ADD,
            Activity.WISHLIST_ADD,
            Activity.TRIAL_START,
        ),
        converter=_to_activities,
    )
    """First touches that show a lead came by themselves (for unmapped sources):
    visits, views, downloads, forms, sign-ups, requests, cart and wish-list
    adds, trials and social engagement by default."""
    outbound_activities: tuple[Activity | Term, ...] = attrs.field(
        default=(
            Activity.AD_CLICK,
            Activity.EVENT_VISIT,
            Activity.EMAIL_OPEN,
            Activity.EMAIL_CLICK,
            Activity.WEBINAR_REGISTRATION,
            Activity.WEBINAR_ATTENDANCE,
        ),
        converter=_to_activities,
    )
    """First touches that show marketing reached the lead: ad clicks, event
    visits, e-mail opens and clicks, and webinars by default. Calls, meetings,
    reviews, referrals made and unsubscribes tell nothing either way."""
    fallback: AcquisitionLabel = attrs.field(
        default=AcquisitionLabel.INBOUND, converter=AcquisitionLabel
    )
    """The label when nothing tells (confidence 0); INBOUND by default."""

    def __attrs_post_init__(self) -> None:
        """Refuse a source or activity that is both inbound and outbound."""
        _disjoint(self, "outbound_sources", self.inbound_sources, self.outbound_sources)
        _disjoint(
            self,
            "outbound_activities",
            self.inbound_activities,
            self.outbound_activities,
        )

    def label_for(self, source: Source | Term) -> AcquisitionLabel | None:
        """The label the mapping gives *source*, or ``None`` when it gives none.

        Examples:
            >>> from prospectlib import Source
            >>> Acquisition().label_for(Source.EVENT).value
            'outbound'
            >>> Acquisition().label_for(Source.UNKNOWN) is None
            True
        """
        if source in self.inbound_sources:
            return AcquisitionLabel.INBOUND
        if source in self.outbound_sources:
            return AcquisitionLabel.OUTBOUND
        return None

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[AcquisitionLabel]:
        """Whether *lead* came inbound or outbound, as far as is known at *at*.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.
        """
        require_lead_at(lead, at)
        mapped = self.label_for(lead.source)
        first = self._first_telling(lead, at)
        told = None if first is None else self._activity_label(first)
        touch = None if first is None else first.value
        source = lead.source.value
        evidence: dict[str, Scalar] = {
            "source": source,
            "mapped": mapped is not None,
            "first_activity": touch,
            "inferred": mapped is None and told is not None,
        }
        if mapped is not None:
            reasons = [f"source {source} is {mapped.value}"]
            confidence = _MAPPED
            if told is not None and told is not mapped:
                confidence = _CONTRADICTED
                reasons.append(f"but the first telling touch, {touch}, is {told.value}")
            return self._answer(mapped, confidence, reasons, evidence)
        if told is not None:
            return self._answer(
                told,
                _INFERRED,
                [
                    f"first touch {touch} is {told.value}",
                    f"source {source} tells nothing",
                ],
                evidence,
            )
        return self._answer(
            self.fallback,
            _GUESSED,
            [f"nothing tells: {self.fallback.value} is a guess"],
            evidence,
        )

    def _first_telling(self, lead: Lead, at: dt.datetime) -> Activity | Term | None:
        """The activity of the first interaction up to *at* that tells."""
        for item in lead.interactions:  # oldest first
            if item.at > at:
                return None
            if item.activity in self.inbound_activities or (
                item.activity in self.outbound_activities
            ):
                return item.activity
        return None

    def _activity_label(self, activity: Activity | Term) -> AcquisitionLabel:
        if activity in self.inbound_activities:
            return AcquisitionLabel.INBOUND
        return AcquisitionLabel.OUTBOUND

    def _answer(
        self,
        label: AcquisitionLabel,
        confidence: float,
        reasons: list[str],
        evidence: dict[str, Scalar],
    ) -> Classification[AcquisitionLabel]:
        return Classification(
            classifier=self.name,
            label=label,
            confidence=confidence,
            reasons=reasons,
            evidence=evidence,
        )
