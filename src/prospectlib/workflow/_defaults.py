"""The default policies: the practitioner articles' flow for B2B and B2C pipelines."""

from __future__ import annotations

import datetime as dt
import functools

from prospectlib import criteria as cr
from prospectlib.qualification import bant_guard
from prospectlib.scoring import LabelIs
from prospectlib.workflow._policy import PolicyRule
from prospectlib.workflow._policy import QualificationPolicy

_DAY = dt.timedelta(days=1)


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
    quiet = cr.not_(cr.has_activity(within=cold_after))
    days = f"{cold_after / _DAY:g} days"
    rules = (
        PolicyRule(
            id="bought",
            event="purchase",
            reason="bought: a purchase makes a customer",
            when=cr.has_purchase(),
        ),
        PolicyRule(
            id="spoke_for_us",
            event="advocate",
            reason="a customer who referred someone or wrote a review",
        ),
        PolicyRule(
            id="poor_fit",
            event="disqualify",
            reason="fit grade D with negative signs (fit -20 or lower)",
            grades=("D",),
            max_fit=-20,
        ),
        PolicyRule(
            id="bant_passed",
            event="qualify_sales",
            reason="BANT passed",
            stages=("sales_accepted",),
            when=bant_guard(),
        ),
        PolicyRule(
            id="fit_and_engaged",
            event="qualify_marketing",
            reason="tier B2 or better: a fitting company researching solutions",
            stages=("prospect", "information_qualified"),
            tiers=("A1", "A2", "B1", "B2"),
        ),
        PolicyRule(
            id="engaged_again",
            event="reengage",
            reason="engaged again while nurtured (engagement level 1 or 2)",
            stages=("nurture",),
            levels=(1, 2),
        ),
        PolicyRule(
            id="details_for_content",
            event="capture",
            reason="gave contact and company details for content",
            stages=("prospect",),
        ),
        PolicyRule(
            id="gone_quiet",
            event="nurture",
            reason=f"no activity for {days}: nurture by e-mail",
            stages=("information_qualified", "marketing_qualified", "sales_accepted"),
            when=quiet,
            contact=("email",),
        ),
    )
    return QualificationPolicy(name="default_b2b", pipeline="b2b", rules=rules)


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
    rules = (
        PolicyRule(
            id="opted_out",
            event="unsubscribe",
            reason="unsubscribed",
        ),
        PolicyRule(
            id="bought",
            event="purchase",
            reason="bought: a purchase makes a customer",
        ),
        PolicyRule(
            id="bought_again",
            event="repurchase",
            reason="bought again: a repeat customer",
        ),
        PolicyRule(
            id="spoke_for_us",
            event="advocate",
            reason="referred someone or wrote a review",
        ),
        PolicyRule(
            id="came_back",
            event="reactivate",
            reason="active again after lapsing or unsubscribing",
        ),
        PolicyRule(
            id="considering",
            event="consider",
            reason="cart, wish list, quote, pricing page or trial",
        ),
        PolicyRule(
            id="engaged",
            event="engage",
            reason="engaged: signed up, clicked, followed or came back",
        ),
        PolicyRule(
            id="gone_cold",
            event="lapse",
            reason="interest faded: temperature dead",
            labels=(LabelIs(classifier="temperature", labels=("dead",)),),
        ),
    )
    return QualificationPolicy(name="default_b2c", pipeline="b2c", rules=rules)
