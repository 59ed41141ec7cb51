"""The default policies: the practitioner articles' flow, for B2B and for B2C.

Both are written in the format users load their own policies from
(``from_dict(QualificationPolicy, ...)``), so ``to_dict`` of either is a template
for a variant. They are literal dicts, not packaged JSON files: the library does
no file I/O, not even of its own package data, and here the data keeps its
comments and is checked by the linters. Keys that equal their defaults are left
out, the score model among them: a policy scores with `default_model()` unless
it names another.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from prospectlib import _convert
from prospectlib.qualification import bant_guard
from prospectlib.workflow._policy import QualificationPolicy

_DAY = dt.timedelta(days=1)


def _b2b(*, quiet_for: str, days: str) -> dict[str, Any]:
    """The B2B policy's data, with its quiet spell filled in."""
    return {
        "name": "default_b2b",
        "pipeline": "b2b",
        "rules": [
            {
                "id": "bought",
                "event": "purchase",
                "reason": "bought: a purchase makes a customer",
                "when": {"kind": "has_purchase"},
            },
            {
                "id": "spoke_for_us",
                "event": "advocate",
                "reason": "a customer who referred someone or wrote a review",
            },
            {
                "id": "poor_fit",
                "event": "disqualify",
                "reason": "fit grade D with negative signs (fit -20 or lower)",
                "grades": ["D"],
                "max_fit": -20,
            },
            {
                "id": "bant_passed",
                "event": "qualify_sales",
                "reason": "BANT passed",
                "stages": ["sales_accepted"],
                # The pipeline's own SQL guard, written as data by the one
                # definition of BANT rather than copied here.
                "when": {"kind": "framework", **_convert.to_dict(bant_guard())},
            },
            {
                "id": "fit_and_engaged",
                "event": "qualify_marketing",
                "reason": "tier B2 or better: a fitting company researching solutions",
                "stages": ["prospect", "information_qualified"],
                "tiers": ["A1", "A2", "B1", "B2"],
            },
            {
                "id": "engaged_again",
                "event": "reengage",
                "reason": "engaged again while nurtured (engagement level 1 or 2)",
                "stages": ["nurture"],
                "levels": [1, 2],
            },
            {
                "id": "details_for_content",
                "event": "capture",
                "reason": "gave contact and company details for content",
                "stages": ["prospect"],
            },
            {
                "id": "gone_quiet",
                "event": "nurture",
                "reason": f"no activity for {days}: nurture by e-mail",
                "stages": [
                    "information_qualified",
                    "marketing_qualified",
                    "sales_accepted",
                ],
                "when": {
                    "kind": "not",
                    "criterion": {"kind": "has_activity", "within": quiet_for},
                },
                # Nurturing is by e-mail, so it needs consent to e-mail.
                "contact": ["email"],
            },
        ],
    }


@functools.cache
def default_policy(*, cold_after: dt.timedelta = 90 * _DAY) -> QualificationPolicy:
    """The practitioner articles' flow for `b2b_pipeline()`, with `default_model()`.

    Tried in this order, the first that applies wins:

    1. ``purchase``: a purchase makes any open lead a customer (a walk-in
       buyer skips the funnel).
    2. ``advocate``: a customer who referred someone or wrote a review.
    3. ``disqualify``: fit grade D and fit points at or below -20 (a
       competitor, a student with an unresolved price objection, ...).
    4. ``qualify_sales``: BANT passed (the pipeline's own SQL guard).
    5. ``qualify_marketing``: tier A1, A2, B1 or B2: a fitting company that
       researches solutions (the pipeline's guard also wants a case study,
       solution video or webinar within 90 days).
    6. ``reengage``: a nurtured lead engaged again (engagement level 1 or 2).
    7. ``capture``: contact and company details given for content (IQL).
    8. ``nurture``: nothing for *cold_after* (default 90 days) while in IQL,
       MQL or SAL; nurturing is by e-mail, so it needs e-mail consent.

    Accepting a lead (SAL), opening an opportunity, winning and losing need a
    person and are never suggested.

    Examples:
        >>> [r.event for r in default_policy().rules]
        ['purchase', 'advocate', 'disqualify', 'qualify_sales', \
'qualify_marketing', 'reengage', 'capture', 'nurture']
    """
    days = f"{cold_after / _DAY:g} days"
    return _convert.from_dict(
        QualificationPolicy,
        _b2b(quiet_for=_convert.format_duration(cold_after), days=days),
    )


_B2C: dict[str, Any] = {
    "name": "default_b2c",
    "pipeline": "b2c",
    # The pipeline's guards say whether each event may happen; these rules only
    # put the events in order, an opt-out first.
    "rules": [
        {"id": "opted_out", "event": "unsubscribe", "reason": "unsubscribed"},
        {
            "id": "bought",
            "event": "purchase",
            "reason": "bought: a purchase makes a customer",
        },
        {
            "id": "bought_again",
            "event": "repurchase",
            "reason": "bought again: a repeat customer",
        },
        {
            "id": "spoke_for_us",
            "event": "advocate",
            "reason": "referred someone or wrote a review",
        },
        {
            "id": "came_back",
            "event": "reactivate",
            "reason": "active again after lapsing or unsubscribing",
        },
        {
            "id": "considering",
            "event": "consider",
            "reason": "cart, wish list, quote, pricing page or trial",
        },
        {
            "id": "engaged",
            "event": "engage",
            "reason": "engaged: signed up, clicked, followed or came back",
        },
        {
            "id": "gone_cold",
            "event": "lapse",
            "reason": "interest faded: temperature dead",
            "labels": [{"classifier": "temperature", "labels": ["dead"]}],
        },
    ],
}


@functools.cache
def default_b2c_policy() -> QualificationPolicy:
    """The B2C counterpart of `default_policy`, for `b2c_pipeline()`.

    In order: ``unsubscribe`` (the lead opted out), ``purchase``,
    ``repurchase``, ``advocate`` (a referral or a review), ``reactivate`` (new
    activity after lapsing or unsubscribing), ``consider`` (a cart, wish list,
    quote, pricing page or trial), ``engage`` (engagement level 1 or 2, or a
    sign-up the pipeline counts), and ``lapse`` (temperature dead).

    Examples:
        >>> default_b2c_policy().rules[0].event
        'unsubscribe'
    """
    return _convert.from_dict(QualificationPolicy, _B2C)
