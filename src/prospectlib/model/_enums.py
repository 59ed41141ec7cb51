"""Closed vocabularies of the lead model, as `StrEnum` so values read well in JSON."""

from __future__ import annotations

import enum


class Source(enum.StrEnum):
    """Where a lead came from: the lead origins of the practitioner articles.

    Examples:
        >>> Source("walk_in") is Source.WALK_IN
        True
    """

    WEBSITE = "website"
    """Visited the website or a landing page."""
    SEARCH = "search"
    """Found the offer through a search engine."""
    SOCIAL = "social"
    """Came through a social network."""
    ADVERTISING = "advertising"
    """Answered an advertisement: TV, radio, online or social ads."""
    EVENT = "event"
    """Met at an event, fair or seminar."""
    WALK_IN = "walk_in"
    """Walked into a shop or office."""
    REFERRAL = "referral"
    """Recommended by someone else."""
    EMAIL = "email"
    """Answered an e-mail campaign."""
    PARTNER = "partner"
    """Passed on by a partner or reseller."""
    OTHER = "other"
    """Known, but none of the above."""
    UNKNOWN = "unknown"
    """Not recorded."""


class Activity(enum.StrEnum):
    """Kinds of interaction a lead can have with the seller.

    Examples:
        >>> Activity.WEBINAR_ATTENDANCE.value
        'webinar_attendance'
    """

    WEBSITE_VISIT = "website_visit"
    """A visit (session) on the website."""
    PAGE_VIEW = "page_view"
    """One page viewed."""
    PRICING_PAGE_VIEW = "pricing_page_view"
    """The pricing page viewed: a buying signal."""
    CONTENT_DOWNLOAD = "content_download"
    """An e-book, white paper or guide downloaded, often for contact details."""
    CASE_STUDY_DOWNLOAD = "case_study_download"
    """A case study downloaded: researching solutions."""
    SOLUTION_VIDEO_VIEW = "solution_video_view"
    """A product or solution video watched."""
    WEBINAR_REGISTRATION = "webinar_registration"
    """Registered for a webinar."""
    WEBINAR_ATTENDANCE = "webinar_attendance"
    """Attended a webinar."""
    EVENT_VISIT = "event_visit"
    """Visited a stand at an event, fair or seminar."""
    AD_CLICK = "ad_click"
    """Clicked an advertisement."""
    STORE_VISIT = "store_visit"
    """Came into a shop or office."""
    SOCIAL_ENGAGEMENT = "social_engagement"
    """Liked, shared, commented or followed on a social network."""
    EMAIL_OPEN = "email_open"
    """Opened an e-mail."""
    EMAIL_CLICK = "email_click"
    """Clicked a link in an e-mail."""
    FORM_SUBMISSION = "form_submission"
    """Submitted a form."""
    NEWSLETTER_SIGNUP = "newsletter_signup"
    """Signed up for the newsletter."""
    DEMO_REQUEST = "demo_request"
    """Asked for a demo: ready to talk to sales."""
    CONTACT_REQUEST = "contact_request"
    """Asked to be contacted."""
    CALL = "call"
    """A phone call took place."""
    MEETING = "meeting"
    """A meeting took place."""
    QUOTE_REQUEST = "quote_request"
    """Asked for a quote."""
    CART_ADD = "cart_add"
    """Put something in the shopping cart."""
    WISHLIST_ADD = "wishlist_add"
    """Put something on a wish list."""
    TRIAL_START = "trial_start"
    """Started a free trial."""
    REVIEW_WRITTEN = "review_written"
    """Wrote a review: sways other buyers."""
    REFERRAL_MADE = "referral_made"
    """Referred someone else."""
    UNSUBSCRIBE = "unsubscribe"
    """Unsubscribed from communication."""


class Channel(enum.StrEnum):
    """A way of reaching a lead, for interactions and consent.

    Examples:
        >>> Channel.EMAIL == "email"
        True
    """

    EMAIL = "email"
    """E-mail."""
    PHONE = "phone"
    """Phone calls."""
    SMS = "sms"
    """Text messages."""
    POST = "post"
    """Letters and printed mail."""
    SOCIAL = "social"
    """Social networks and their messaging."""
    WEB = "web"
    """The website, web chat and web forms."""
    IN_PERSON = "in_person"
    """Face to face: a shop, an office, an event."""
    OTHER = "other"
    """Anything else."""


class BuyingRole(enum.StrEnum):
    """The part a person plays in a buying decision.

    Examples:
        >>> BuyingRole("champion").value
        'champion'
    """

    DECISION_MAKER = "decision_maker"
    """Makes the final decision."""
    ECONOMIC_BUYER = "economic_buyer"
    """Controls the budget."""
    INFLUENCER = "influencer"
    """Sways the decision without making it."""
    CHAMPION = "champion"
    """Sells the offer inside their own organisation."""
    USER = "user"
    """Will use the product."""
    GATEKEEPER = "gatekeeper"
    """Controls access to the decision makers."""


class ObjectionKind(enum.StrEnum):
    """What holds a lead back from buying.

    Examples:
        >>> ObjectionKind.SHIPPING_COST.value
        'shipping_cost'
    """

    PRICE = "price"
    """Too expensive."""
    REVIEWS = "reviews"
    """Other customers' opinions."""
    QUALITY = "quality"
    """Doubts about quality."""
    SHIPPING_COST = "shipping_cost"
    """Delivery costs too much."""
    TIMING = "timing"
    """Not now."""
    COMPETITOR = "competitor"
    """Prefers, or is comparing, a competitor."""
    NEED = "need"
    """Not sure they need it."""
    AUTHORITY = "authority"
    """Cannot decide alone."""
    OTHER = "other"
    """Anything else."""


class Verdict(enum.StrEnum):
    """Whether a qualification criterion is met.

    Examples:
        >>> Verdict.MET != Verdict.UNKNOWN
        True
    """

    MET = "met"
    """The criterion is satisfied."""
    UNMET = "unmet"
    """The criterion is known not to be satisfied."""
    UNKNOWN = "unknown"
    """Nobody knows yet."""


class ConsentStatus(enum.StrEnum):
    """A lead's answer to being contacted on a channel.

    Examples:
        >>> ConsentStatus.GRANTED.value
        'granted'
    """

    GRANTED = "granted"
    """Contact is allowed."""
    DENIED = "denied"
    """Contact is refused or was withdrawn."""
    UNKNOWN = "unknown"
    """Not asked, or not recorded."""


class LawfulBasis(enum.StrEnum):
    """The legal ground for processing a lead's data (the GDPR's Article 6).

    Examples:
        >>> LawfulBasis.LEGITIMATE_INTERESTS.value
        'legitimate_interests'
    """

    CONSENT = "consent"
    """The person agreed."""
    CONTRACT = "contract"
    """Needed for a contract with the person, or to prepare one."""
    LEGAL_OBLIGATION = "legal_obligation"
    """Required by law."""
    VITAL_INTERESTS = "vital_interests"
    """To protect someone's life."""
    PUBLIC_TASK = "public_task"
    """A task in the public interest."""
    LEGITIMATE_INTERESTS = "legitimate_interests"
    """The seller's legitimate interests, balanced against the person's."""
