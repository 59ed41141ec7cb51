"""The labels each built-in classifier answers with."""

from __future__ import annotations

import enum


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


class FitLabel(enum.StrEnum):
    """How close a lead is to the target customer (`ProfileFit`).

    Examples:
        >>> FitLabel.STRONG.value
        'strong'
    """

    STRONG = "strong"
    """Inside the target."""
    PARTIAL = "partial"
    """Near the target."""
    WEAK = "weak"
    """Far from the target."""
    NONE = "none"
    """Outside the target, or nothing known."""


class MarketLabel(enum.StrEnum):
    """Who buys: an organisation or an individual (`Market`).

    Examples:
        >>> MarketLabel.B2B.value
        'b2b'
    """

    B2B = "b2b"
    """An organisation buys."""
    B2C = "b2c"
    """An individual buys."""


class DecisionStageLabel(enum.StrEnum):
    """Where a lead is in deciding to buy (`DecisionStage`).

    Examples:
        >>> DecisionStageLabel.READY.value
        'ready'
    """

    AWARE = "aware"
    """Knows the offer, undecided."""
    HESITANT = "hesitant"
    """Has doubts."""
    READY = "ready"
    """Ready to decide."""


class GeographyLabel(enum.StrEnum):
    """Where a lead is, seen from the seller's home market (`Geography`).

    Examples:
        >>> GeographyLabel.LOCAL.value
        'local'
    """

    LOCAL = "local"
    """Same city."""
    REGIONAL = "regional"
    """Same region, another city."""
    NATIONAL = "national"
    """Same country, another region."""
    INTERNATIONAL = "international"
    """Another country."""
    UNKNOWN = "unknown"
    """No location known."""


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


class QualificationLabel(enum.StrEnum):
    """How far a lead is qualified, from its evidence (`Qualification`).

    Examples:
        >>> QualificationLabel.MQL.value
        'mql'
    """

    UNQUALIFIED = "unqualified"
    """Nothing qualifies it yet."""
    IQL = "iql"
    """Information qualified: gave contact and company details for content."""
    MQL = "mql"
    """Marketing qualified: researching solutions."""
    SRL = "srl"
    """Sales ready / accepted: handed to sales and accepted."""
    SQL = "sql"
    """Sales qualified: the qualification framework passed."""


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
