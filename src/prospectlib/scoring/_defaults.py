"""The default score model: the practitioner articles' fit and engagement, as data."""

from __future__ import annotations

import functools
from typing import Any

from prospectlib import _convert
from prospectlib.scoring._model import ScoreModel

# The model in the very format users load theirs from (`prospectlib.serialize`), so
# `to_dict(default_model())` is a template for a variant. A literal dict, not a
# packaged JSON file: the library does no file I/O, not even of its own package
# data, and here the data keeps comments and is checked by the linters. Keys that
# equal their defaults are left out: a rule counts in ``fit``, a signal in
# ``engagement``, the total is capped at 100.
_DEFAULT_MODEL: dict[str, Any] = {
    "name": "default",
    "rules": [
        # Fit: who the lead is.
        {
            "id": "strong_profile_fit",
            "points": 20,
            "label": {"classifier": "profile_fit", "labels": ["strong"]},
        },
        {
            "id": "partial_profile_fit",
            "points": 10,
            "label": {"classifier": "profile_fit", "labels": ["partial"]},
        },
        {
            "id": "b2b",
            "points": 5,
            "label": {"classifier": "market", "labels": ["b2b"]},
        },
        {
            "id": "company_50_plus",
            "points": 10,
            "when": {
                "kind": "compare",
                "field": "company.employees",
                "op": "ge",
                "value": 50,
            },
        },
        {
            "id": "company_10_to_49",
            "points": 5,
            "when": {
                "kind": "all_of",
                "criteria": [
                    {
                        "kind": "compare",
                        "field": "company.employees",
                        "op": "ge",
                        "value": 10,
                    },
                    {
                        "kind": "compare",
                        "field": "company.employees",
                        "op": "lt",
                        "value": 50,
                    },
                ],
            },
        },
        {
            "id": "decision_maker",
            "points": 10,
            "when": {
                "kind": "compare",
                "field": "person.role",
                "op": "in",
                "value": ["decision_maker", "economic_buyer"],
            },
        },
        {
            "id": "champion_or_influencer",
            "points": 5,
            "when": {
                "kind": "compare",
                "field": "person.role",
                "op": "in",
                "value": ["champion", "influencer"],
            },
        },
        {
            "id": "need_met",
            "points": 10,
            "when": {"kind": "has_evidence", "criterion": "need"},
        },
        {
            "id": "budget_met",
            "points": 5,
            "when": {"kind": "has_evidence", "criterion": "budget"},
        },
        # Signs against: not a buyer, or not yet.
        {
            "id": "competitor",
            "points": -30,
            "when": {"kind": "has_tag", "tag": "competitor"},
        },
        {
            "id": "student",
            "points": -15,
            "when": {
                "kind": "compare",
                "field": "person.occupation",
                "op": "eq",
                "value": "student",
            },
        },
        {
            "id": "open_price_objection",
            "points": -10,
            "when": {"kind": "has_open_objection", "kinds": ["price"]},
        },
    ],
    "signals": [
        # Engagement: what the lead did. Asking to buy or talk counts most and
        # fades within a month; research fades more slowly.
        {
            "id": "demo_request",
            "activities": ["demo_request"],
            "points": 20,
            "half_life": "P30D",
        },
        {
            "id": "quote_request",
            "activities": ["quote_request"],
            "points": 20,
            "half_life": "P30D",
        },
        {
            "id": "contact_request",
            "activities": ["contact_request"],
            "points": 15,
            "half_life": "P30D",
        },
        {
            "id": "trial_start",
            "activities": ["trial_start"],
            "points": 15,
            "half_life": "P30D",
        },
        {
            "id": "webinar_attendance",
            "activities": ["webinar_attendance"],
            "points": 10,
            "half_life": "P45D",
            "max_count": 3,
        },
        {
            "id": "case_study_download",
            "activities": ["case_study_download"],
            "points": 8,
            "half_life": "P45D",
            "max_count": 3,
        },
        {
            "id": "solution_video_view",
            "activities": ["solution_video_view"],
            "points": 8,
            "half_life": "P45D",
            "max_count": 3,
        },
        {
            "id": "meeting",
            "activities": ["meeting"],
            "points": 10,
            "half_life": "P30D",
            "max_count": 3,
        },
        {
            "id": "call",
            "activities": ["call"],
            "points": 5,
            "half_life": "P30D",
            "max_count": 3,
        },
        {
            "id": "pricing_page_view",
            "activities": ["pricing_page_view"],
            "points": 5,
            "half_life": "P14D",
            "max_count": 3,
        },
        {
            "id": "content_download",
            "activities": ["content_download"],
            "points": 4,
            "half_life": "P60D",
            "max_count": 3,
        },
        {
            "id": "event_visit",
            "activities": ["event_visit"],
            "points": 5,
            "half_life": "P60D",
            "max_count": 2,
        },
        {
            "id": "webinar_registration",
            "activities": ["webinar_registration"],
            "points": 3,
            "half_life": "P30D",
            "max_count": 3,
        },
        {
            "id": "email_click",
            "activities": ["email_click"],
            "points": 2,
            "half_life": "P14D",
            "max_count": 5,
        },
        # Browsing and opening e-mails count little, and only up to their group's cap.
        {
            "id": "website_visit",
            "activities": ["website_visit"],
            "points": 1,
            "half_life": "P14D",
            "group": "web",
        },
        {
            "id": "page_view",
            "activities": ["page_view"],
            "points": 0.5,
            "half_life": "P14D",
            "group": "web",
        },
        {
            "id": "email_open",
            "activities": ["email_open"],
            "points": 0.5,
            "half_life": "P14D",
            "group": "email",
        },
        # An opt-out says more than any click: it takes points away, for good.
        {
            "id": "unsubscribe",
            "activities": ["unsubscribe"],
            "points": -20,
            "max_count": 1,
        },
    ],
    "groups": [{"id": "web", "max": 10}, {"id": "email", "max": 5}],
    "dimensions": [
        {"id": "fit", "max": 50, "min": -50},
        {"id": "engagement", "max": 50, "min": -50},
    ],
    "grades": {"a": 35, "b": 20, "c": 10},
    # Level 1 from 20 engagement points: a fresh demo request alone.
    "levels": {"high": 20, "medium": 6},
}


@functools.cache
def default_model() -> ScoreModel:
    """The practitioner articles' score model: fit and engagement, 50 points each.

    **Fit** (who the lead is): the profile fit classifier's label (strong +20,
    partial +10), a B2B market (+5), company size (50+ employees +10, 10 to 49
    +5), authority (a decision maker or economic buyer +10, a champion or
    influencer +5), need met (+10) and budget met (+5); negatives for a
    competitor (tagged ``competitor``: -30), a student (-15) and an unresolved
    price objection (-10).

    **Engagement** (what the lead did), each with its own half-life: demo
    and quote requests 20 (30 days), contact requests and trials 15, webinars
    attended 10 (45 days), case studies and solution videos 8, meetings 10,
    calls 5, pricing page views 5 (14 days), content downloads 4, event visits
    5, webinar sign-ups 3, e-mail clicks 2; website visits and page views
    share a ``web`` group capped at 10, e-mail opens an ``email`` group capped
    at 5; an unsubscribe takes 20 away, for good (no decay).

    Grades: A from 35 fit points, B from 20, C from 10. Levels: 1 from 20
    engagement points (a fresh demo request), 2 from 6. The total is capped at 100.

    The model is data, loaded with `prospectlib.serialize.from_dict` as a user's
    own would be: ``to_dict(default_model())`` is a starting point for a variant.

    Examples:
        >>> model = default_model()
        >>> model.name, len(model.rules), len(model.signals)
        ('default', 12, 18)
        >>> model.classifiers
        ('profile_fit', 'market')
    """
    return _convert.from_dict(ScoreModel, _DEFAULT_MODEL)
