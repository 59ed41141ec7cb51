"""The two ready pipelines: B2B qualification and B2C customer journey."""

from __future__ import annotations

import datetime as dt
import functools

from prospectlib import criteria as cr
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.lifecycle._pipeline import Pipeline
from prospectlib.lifecycle._spec import LostReason
from prospectlib.lifecycle._spec import Stage
from prospectlib.lifecycle._spec import Transition
from prospectlib.model import Activity
from prospectlib.qualification import BANT
from prospectlib.qualification import Framework
from prospectlib.qualification import bant_guard

_DAY = dt.timedelta(days=1)

# Researching solutions: what moves a lead to MQL (the practitioner articles' examples).
_RESEARCH = (
    Activity.CASE_STUDY_DOWNLOAD,
    Activity.SOLUTION_VIDEO_VIEW,
    Activity.WEBINAR_ATTENDANCE,
)
# Giving contact details in exchange for content: what makes an IQL.
_CONTENT_FOR_DETAILS = (
    Activity.CONTENT_DOWNLOAD,
    Activity.FORM_SUBMISSION,
    Activity.NEWSLETTER_SIGNUP,
    Activity.WEBINAR_REGISTRATION,
)


@functools.cache
def b2b_pipeline(
    *,
    bant_min_met: int = 3,
    framework: Framework | None = None,
    research_window: dt.timedelta = 90 * _DAY,
    mql_sla: dt.timedelta = _DAY,
    sql_sla: dt.timedelta = 3 * _DAY,
) -> Pipeline:
    """The B2B qualification pipeline: prospect → IQL → MQL → SAL → SQL → won.

    Stages (success path): ``prospect`` → ``information_qualified`` (IQL: gave
    contact and company details to get content) → ``marketing_qualified`` (MQL:
    researching solutions: case studies, solution videos, webinars) →
    ``sales_accepted`` (SAL/SRL: accepted by a sales rep, who is the actor) →
    ``sales_qualified`` (SQL: the qualification framework passed, `BANT` by
    default) → ``opportunity`` → ``customer`` → ``advocate``. Detours:
    ``nurture`` (with a reason; ``reengage`` back to MQL on new engagement),
    ``disqualified`` (with a reason; final), ``lost`` (with a `LostReason`;
    ``reopen`` back to prospect). ``purchase`` makes any open lead a customer: a
    walk-in buyer skips the funnel.

    Args:
        bant_min_met: How many BANT criteria must be met for SQL.
        framework: The qualification framework that guards SQL
            (``qualify_sales``), e.g. `prospectlib.qualification.MEDDIC`; by default
            `BANT` with *bant_min_met*. Give one or the other.
        research_window: How recent the research must be for MQL.
        mql_sla: How long an MQL may wait for sales to accept it.
        sql_sla: How long an SQL may wait for an opportunity.

    Raises:
        InvalidConfigError: Both *framework* and a *bant_min_met* other than 3
            were given.

    Examples:
        >>> b2b = b2b_pipeline()
        >>> b2b.initial_stage.id, b2b.stage("sales_qualified").sla.days
        ('prospect', 3)
        >>> from prospectlib.qualification import MEDDIC
        >>> meddic = b2b_pipeline(framework=MEDDIC)
        >>> meddic.transitions_for("qualify_sales")[0].guard is MEDDIC
        True
    """
    if framework is None:
        framework = bant_guard(bant_min_met)
    elif bant_min_met != BANT.min_met:
        raise InvalidConfigError(
            [
                Problem(
                    path="b2b_pipeline.bant_min_met",
                    expected="the default (3) when a framework is given "
                    "(set the framework's min_met instead)",
                )
            ]
        )
    open_funnel = (
        "prospect",
        "information_qualified",
        "marketing_qualified",
        "sales_accepted",
        "sales_qualified",
        "opportunity",
    )
    stages = (
        Stage(id="prospect", label="Prospect", order=0, initial=True),
        Stage(id="information_qualified", label="Information qualified (IQL)", order=1),
        Stage(
            id="marketing_qualified",
            label="Marketing qualified (MQL)",
            order=2,
            sla=mql_sla,
        ),
        Stage(id="sales_accepted", label="Sales accepted (SAL)", order=3),
        Stage(
            id="sales_qualified",
            label="Sales qualified (SQL)",
            order=4,
            sla=sql_sla,
        ),
        Stage(id="opportunity", label="Opportunity", order=5),
        Stage(id="customer", label="Customer", kind="won", order=6),
        Stage(id="advocate", label="Advocate", kind="won", order=7, terminal=True),
        Stage(id="nurture", label="Nurture"),
        Stage(id="lost", label="Lost", kind="lost"),
        Stage(id="disqualified", label="Disqualified", kind="closed", terminal=True),
    )
    transitions = (
        Transition(
            event="capture",
            sources="prospect",
            target="information_qualified",
            guard=cr.all_of(
                cr.any_of(
                    cr.compare("person.email", "exists"),
                    cr.compare("person.phone", "exists"),
                ),
                cr.compare("company", "exists"),
                cr.has_activity(*_CONTENT_FOR_DETAILS),
            ),
        ),
        Transition(
            event="qualify_marketing",
            sources=("prospect", "information_qualified"),
            target="marketing_qualified",
            guard=cr.all_of(
                cr.compare("company", "exists"),
                cr.has_activity(*_RESEARCH, within=research_window),
            ),
        ),
        Transition(
            event="accept",
            sources="marketing_qualified",
            target="sales_accepted",
            requires_actor=True,
        ),
        Transition(
            event="qualify_sales",
            sources="sales_accepted",
            target="sales_qualified",
            guard=framework,
        ),
        Transition(
            event="open_opportunity", sources="sales_qualified", target="opportunity"
        ),
        Transition(event="win", sources="opportunity", target="customer"),
        Transition(
            event="purchase",
            sources=(*open_funnel, "nurture"),
            target="customer",
            guard=cr.has_purchase(),
        ),
        Transition(
            event="advocate",
            sources="customer",
            target="advocate",
            guard=cr.has_activity(Activity.REFERRAL_MADE, Activity.REVIEW_WRITTEN),
        ),
        Transition(
            event="nurture",
            sources=open_funnel[1:],
            target="nurture",
            requires_reason=True,
        ),
        Transition(
            event="reengage",
            sources="nurture",
            target="marketing_qualified",
            guard=cr.has_activity(since_stage_entry=True),
        ),
        Transition(
            event="disqualify",
            sources=(*open_funnel, "nurture"),
            target="disqualified",
            requires_reason=True,
        ),
        Transition(
            event="lose",
            sources=("sales_accepted", "sales_qualified", "opportunity"),
            target="lost",
            reasons=tuple(r.value for r in LostReason),
        ),
        Transition(event="reopen", sources="lost", target="prospect"),
    )
    return Pipeline(
        id="b2b", label="B2B qualification", stages=stages, transitions=transitions
    )


_ENGAGEMENT = (
    Activity.NEWSLETTER_SIGNUP,
    Activity.EMAIL_CLICK,
    Activity.SOCIAL_ENGAGEMENT,
    Activity.FORM_SUBMISSION,
    Activity.STORE_VISIT,
)
_COMING_BACK = tuple(a for a in Activity if a is not Activity.UNSUBSCRIBE)
_CONSIDERATION = (
    Activity.CART_ADD,
    Activity.WISHLIST_ADD,
    Activity.QUOTE_REQUEST,
    Activity.PRICING_PAGE_VIEW,
    Activity.TRIAL_START,
)


@functools.cache
def b2c_pipeline(*, lapse_after: dt.timedelta = 180 * _DAY) -> Pipeline:
    """The B2C customer journey: visitor → engaged → considering → customer → ….

    Stages: ``visitor`` → ``engaged`` (signed up, clicked, followed, or came back
    three times) → ``considering`` (cart, wish list, quote, pricing page, trial) →
    ``customer`` → ``repeat_customer`` → ``advocate`` (referral or review; final).
    Detours: ``lapsed`` (nothing for *lapse_after*) and ``unsubscribed`` (an
    unsubscribe since the lead entered its stage), both left by ``reactivate`` on
    new activity other than an unsubscribe.

    Examples:
        >>> b2c_pipeline().events_from("visitor")
        ('consider', 'engage', 'purchase', 'unsubscribe')
    """
    active = ("engaged", "considering", "customer", "repeat_customer")
    stages = (
        Stage(id="visitor", label="Visitor", order=0, initial=True),
        Stage(id="engaged", label="Engaged", order=1),
        Stage(id="considering", label="Considering", order=2),
        Stage(id="customer", label="Customer", kind="won", order=3),
        Stage(id="repeat_customer", label="Repeat customer", kind="won", order=4),
        Stage(id="advocate", label="Advocate", kind="won", order=5, terminal=True),
        Stage(id="lapsed", label="Lapsed"),
        Stage(id="unsubscribed", label="Unsubscribed", kind="closed"),
    )
    transitions = (
        Transition(
            event="engage",
            sources="visitor",
            target="engaged",
            guard=cr.any_of(cr.has_activity(*_ENGAGEMENT), cr.has_activity(at_least=3)),
        ),
        Transition(
            event="consider",
            sources=("visitor", "engaged"),
            target="considering",
            guard=cr.has_activity(*_CONSIDERATION),
        ),
        Transition(
            event="purchase",
            sources=("visitor", "engaged", "considering", "lapsed"),
            target="customer",
            guard=cr.has_purchase(),
        ),
        Transition(
            event="repurchase",
            sources=("customer", "lapsed"),
            target="repeat_customer",
            guard=cr.has_purchase(2),
        ),
        Transition(
            event="advocate",
            sources=("customer", "repeat_customer"),
            target="advocate",
            guard=cr.has_activity(Activity.REFERRAL_MADE, Activity.REVIEW_WRITTEN),
        ),
        Transition(
            event="lapse",
            sources=active,
            target="lapsed",
            guard=cr.all_of(
                cr.not_(cr.has_activity(within=lapse_after)),
                cr.not_(cr.has_purchase(within=lapse_after)),
            ),
        ),
        Transition(
            event="unsubscribe",
            sources=("visitor", *active, "lapsed"),
            target="unsubscribed",
            # Only an opt-out the lead has not come back from since: one before
            # a reactivation is history.
            guard=cr.has_activity(Activity.UNSUBSCRIBE, since_stage_entry=True),
        ),
        Transition(
            event="reactivate",
            sources=("lapsed", "unsubscribed"),
            target="engaged",
            # Coming back is doing something other than opting out again.
            guard=cr.has_activity(*_COMING_BACK, since_stage_entry=True),
        ),
    )
    return Pipeline(
        id="b2c", label="B2C customer journey", stages=stages, transitions=transitions
    )
