"""The two ready pipelines: B2B qualification and B2C customer journey, as data.

Each is written in the format users load their own pipelines from
(`Pipeline.from_dict`), so ``to_dict`` of either is a template for a variant.
They are literal dicts, not packaged JSON files: the library does no file I/O,
not even of its own package data, and here the data keeps its comments and is
checked by the linters. Keys that equal their defaults are left out (a stage is
``open``, without an order or SLA; a transition has no guard and needs no reason
or actor). The keyword arguments of `b2b_pipeline` and `b2c_pipeline` are
written into the data as ISO 8601 durations before it is loaded; each function
is cached, so the data is read once per set of arguments.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs

from prospectlib._convert import format_duration
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.lifecycle._pipeline import Pipeline
from prospectlib.lifecycle._spec import LostReason
from prospectlib.model import Activity
from prospectlib.qualification import BANT
from prospectlib.qualification import Framework
from prospectlib.qualification import bant_guard

_DAY = dt.timedelta(days=1)


def _b2b(*, research_window: str, mql_sla: str, sql_sla: str) -> dict[str, Any]:
    """The B2B pipeline's data, with its durations filled in (SQL guard aside)."""
    return {
        "id": "b2b",
        "label": "B2B qualification",
        "stages": [
            {"id": "prospect", "label": "Prospect", "order": 0, "initial": True},
            {
                "id": "information_qualified",
                "label": "Information qualified (IQL)",
                "order": 1,
            },
            {
                "id": "marketing_qualified",
                "label": "Marketing qualified (MQL)",
                "order": 2,
                "sla": mql_sla,
            },
            {"id": "sales_accepted", "label": "Sales accepted (SAL)", "order": 3},
            {
                "id": "sales_qualified",
                "label": "Sales qualified (SQL)",
                "order": 4,
                "sla": sql_sla,
            },
            {"id": "opportunity", "label": "Opportunity", "order": 5},
            {"id": "customer", "label": "Customer", "kind": "won", "order": 6},
            {
                "id": "advocate",
                "label": "Advocate",
                "kind": "won",
                "order": 7,
                "terminal": True,
            },
            # Detours, off the success path: no order.
            {"id": "nurture", "label": "Nurture"},
            {"id": "lost", "label": "Lost", "kind": "lost"},
            {
                "id": "disqualified",
                "label": "Disqualified",
                "kind": "closed",
                "terminal": True,
            },
        ],
        "transitions": [
            {
                "event": "capture",
                "sources": ["prospect"],
                "target": "information_qualified",
                # Contact and company details given in exchange for content.
                "guard": {
                    "kind": "all_of",
                    "criteria": [
                        {
                            "kind": "any_of",
                            "criteria": [
                                {
                                    "kind": "compare",
                                    "field": "person.email",
                                    "op": "exists",
                                },
                                {
                                    "kind": "compare",
                                    "field": "person.phone",
                                    "op": "exists",
                                },
                            ],
                        },
                        {"kind": "compare", "field": "company", "op": "exists"},
                        {
                            "kind": "has_activity",
                            "activities": [
                                "content_download",
                                "form_submission",
                                "newsletter_signup",
                                "webinar_registration",
                            ],
                        },
                    ],
                },
            },
            {
                "event": "qualify_marketing",
                "sources": ["prospect", "information_qualified"],
                "target": "marketing_qualified",
                # Researching solutions, recently: the practitioner articles' examples.
                "guard": {
                    "kind": "all_of",
                    "criteria": [
                        {"kind": "compare", "field": "company", "op": "exists"},
                        {
                            "kind": "has_activity",
                            "activities": [
                                "case_study_download",
                                "solution_video_view",
                                "webinar_attendance",
                            ],
                            "within": research_window,
                        },
                    ],
                },
            },
            # A sales rep accepts the lead: the actor is who answers for it.
            {
                "event": "accept",
                "sources": ["marketing_qualified"],
                "target": "sales_accepted",
                "requires_actor": True,
            },
            # The guard is the qualification framework, set once the data is loaded.
            {
                "event": "qualify_sales",
                "sources": ["sales_accepted"],
                "target": "sales_qualified",
            },
            {
                "event": "open_opportunity",
                "sources": ["sales_qualified"],
                "target": "opportunity",
            },
            {"event": "win", "sources": ["opportunity"], "target": "customer"},
            {
                "event": "purchase",
                # A walk-in buyer skips the funnel: any open stage may buy.
                "sources": [
                    "prospect",
                    "information_qualified",
                    "marketing_qualified",
                    "sales_accepted",
                    "sales_qualified",
                    "opportunity",
                    "nurture",
                ],
                "target": "customer",
                "guard": {"kind": "has_purchase"},
            },
            {
                "event": "advocate",
                "sources": ["customer"],
                "target": "advocate",
                "guard": {
                    "kind": "has_activity",
                    "activities": ["referral_made", "review_written"],
                },
            },
            {
                "event": "nurture",
                "sources": [
                    "information_qualified",
                    "marketing_qualified",
                    "sales_accepted",
                    "sales_qualified",
                    "opportunity",
                ],
                "target": "nurture",
                "requires_reason": True,
            },
            {
                "event": "reengage",
                "sources": ["nurture"],
                "target": "marketing_qualified",
                "guard": {"kind": "has_activity", "since_stage_entry": True},
            },
            {
                "event": "disqualify",
                "sources": [
                    "prospect",
                    "information_qualified",
                    "marketing_qualified",
                    "sales_accepted",
                    "sales_qualified",
                    "opportunity",
                    "nurture",
                ],
                "target": "disqualified",
                "requires_reason": True,
            },
            {
                "event": "lose",
                "sources": ["sales_accepted", "sales_qualified", "opportunity"],
                "target": "lost",
                # One of the `LostReason` vocabulary, whichever it holds.
                "reasons": [reason.value for reason in LostReason],
            },
            {"event": "reopen", "sources": ["lost"], "target": "prospect"},
        ],
    }


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
    loaded = Pipeline.from_dict(
        _b2b(
            research_window=format_duration(research_window),
            mql_sla=format_duration(mql_sla),
            sql_sla=format_duration(sql_sla),
        )
    )
    # The framework object itself guards SQL, not a copy read back from its data:
    # the guard, `Framework.assess` and a policy naming the framework are one value.
    transitions = tuple(
        attrs.evolve(t, guard=framework) if t.event == "qualify_sales" else t
        for t in loaded.transitions
    )
    return attrs.evolve(loaded, transitions=transitions)


# Coming back is doing anything but opting out again.
_COMING_BACK = [a.value for a in Activity if a is not Activity.UNSUBSCRIBE]


def _b2c(*, lapse_after: str) -> dict[str, Any]:
    """The B2C journey's data, with its lapse period filled in."""
    active = ["engaged", "considering", "customer", "repeat_customer"]
    return {
        "id": "b2c",
        "label": "B2C customer journey",
        "stages": [
            {"id": "visitor", "label": "Visitor", "order": 0, "initial": True},
            {"id": "engaged", "label": "Engaged", "order": 1},
            {"id": "considering", "label": "Considering", "order": 2},
            {"id": "customer", "label": "Customer", "kind": "won", "order": 3},
            {
                "id": "repeat_customer",
                "label": "Repeat customer",
                "kind": "won",
                "order": 4,
            },
            {
                "id": "advocate",
                "label": "Advocate",
                "kind": "won",
                "order": 5,
                "terminal": True,
            },
            {"id": "lapsed", "label": "Lapsed"},
            {"id": "unsubscribed", "label": "Unsubscribed", "kind": "closed"},
        ],
        "transitions": [
            {
                "event": "engage",
                "sources": ["visitor"],
                "target": "engaged",
                # Signed up, clicked, followed, or came back three times.
                "guard": {
                    "kind": "any_of",
                    "criteria": [
                        {
                            "kind": "has_activity",
                            "activities": [
                                "newsletter_signup",
                                "email_click",
                                "social_engagement",
                                "form_submission",
                                "store_visit",
                            ],
                        },
                        {"kind": "has_activity", "at_least": 3},
                    ],
                },
            },
            {
                "event": "consider",
                "sources": ["visitor", "engaged"],
                "target": "considering",
                "guard": {
                    "kind": "has_activity",
                    "activities": [
                        "cart_add",
                        "wishlist_add",
                        "quote_request",
                        "pricing_page_view",
                        "trial_start",
                    ],
                },
            },
            {
                "event": "purchase",
                "sources": ["visitor", "engaged", "considering", "lapsed"],
                "target": "customer",
                "guard": {"kind": "has_purchase"},
            },
            {
                "event": "repurchase",
                "sources": ["customer", "lapsed"],
                "target": "repeat_customer",
                "guard": {"kind": "has_purchase", "at_least": 2},
            },
            {
                "event": "advocate",
                "sources": ["customer", "repeat_customer"],
                "target": "advocate",
                "guard": {
                    "kind": "has_activity",
                    "activities": ["referral_made", "review_written"],
                },
            },
            {
                "event": "lapse",
                "sources": active,
                "target": "lapsed",
                # Neither activity nor a purchase for a while.
                "guard": {
                    "kind": "all_of",
                    "criteria": [
                        {
                            "kind": "not",
                            "criterion": {
                                "kind": "has_activity",
                                "within": lapse_after,
                            },
                        },
                        {
                            "kind": "not",
                            "criterion": {
                                "kind": "has_purchase",
                                "within": lapse_after,
                            },
                        },
                    ],
                },
            },
            {
                "event": "unsubscribe",
                "sources": ["visitor", *active, "lapsed"],
                "target": "unsubscribed",
                # Only an opt-out the lead has not come back from since: one before
                # a reactivation is history.
                "guard": {
                    "kind": "has_activity",
                    "activities": ["unsubscribe"],
                    "since_stage_entry": True,
                },
            },
            {
                "event": "reactivate",
                "sources": ["lapsed", "unsubscribed"],
                "target": "engaged",
                "guard": {
                    "kind": "has_activity",
                    "activities": _COMING_BACK,
                    "since_stage_entry": True,
                },
            },
        ],
    }


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
    return Pipeline.from_dict(_b2c(lapse_after=format_duration(lapse_after)))
