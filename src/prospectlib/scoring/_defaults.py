"""The default score model: the practitioner articles' fit and engagement, as data."""

from __future__ import annotations

import datetime as dt
import functools

from prospectlib import criteria as cr
from prospectlib.model import Activity
from prospectlib.scoring._model import ENGAGEMENT
from prospectlib.scoring._model import FIT
from prospectlib.scoring._model import Dimension
from prospectlib.scoring._model import Grades
from prospectlib.scoring._model import Group
from prospectlib.scoring._model import LabelIs
from prospectlib.scoring._model import Levels
from prospectlib.scoring._model import Rule
from prospectlib.scoring._model import ScoreModel
from prospectlib.scoring._model import Signal

_DAY = dt.timedelta(days=1)


def _signal(  # noqa: PLR0913, PLR0917  # the columns of the table below
    id_: str,
    activity: Activity,
    points: float,
    half_life_days: int | None,
    max_count: int | None = None,
    group: str | None = None,
) -> Signal:
    return Signal(
        id=id_,
        activities=(activity,),
        points=points,
        half_life=None if half_life_days is None else half_life_days * _DAY,
        max_count=max_count,
        group=group,
    )


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

    Examples:
        >>> model = default_model()
        >>> model.name, len(model.rules), len(model.signals)
        ('default', 12, 18)
        >>> model.classifiers
        ('profile_fit', 'market')
    """
    role = "person.role"
    rules = (
        Rule(
            id="strong_profile_fit",
            points=20,
            label=LabelIs(classifier="profile_fit", labels=("strong",)),
        ),
        Rule(
            id="partial_profile_fit",
            points=10,
            label=LabelIs(classifier="profile_fit", labels=("partial",)),
        ),
        Rule(id="b2b", points=5, label=LabelIs(classifier="market", labels=("b2b",))),
        Rule(
            id="company_50_plus",
            points=10,
            when=cr.compare("company.employees", "ge", 50),
        ),
        Rule(
            id="company_10_to_49",
            points=5,
            when=cr.all_of(
                cr.compare("company.employees", "ge", 10),
                cr.compare("company.employees", "lt", 50),
            ),
        ),
        Rule(
            id="decision_maker",
            points=10,
            when=cr.compare(role, "in", ["decision_maker", "economic_buyer"]),
        ),
        Rule(
            id="champion_or_influencer",
            points=5,
            when=cr.compare(role, "in", ["champion", "influencer"]),
        ),
        Rule(id="need_met", points=10, when=cr.has_evidence("need")),
        Rule(id="budget_met", points=5, when=cr.has_evidence("budget")),
        Rule(id="competitor", points=-30, when=cr.has_tag("competitor")),
        Rule(
            id="student",
            points=-15,
            when=cr.compare("person.occupation", "eq", "student"),
        ),
        Rule(
            id="open_price_objection",
            points=-10,
            when=cr.has_open_objection("price"),
        ),
    )
    a = Activity
    signals = (
        _signal("demo_request", a.DEMO_REQUEST, 20, 30),
        _signal("quote_request", a.QUOTE_REQUEST, 20, 30),
        _signal("contact_request", a.CONTACT_REQUEST, 15, 30),
        _signal("trial_start", a.TRIAL_START, 15, 30),
        _signal("webinar_attendance", a.WEBINAR_ATTENDANCE, 10, 45, 3),
        _signal("case_study_download", a.CASE_STUDY_DOWNLOAD, 8, 45, 3),
        _signal("solution_video_view", a.SOLUTION_VIDEO_VIEW, 8, 45, 3),
        _signal("meeting", a.MEETING, 10, 30, 3),
        _signal("call", a.CALL, 5, 30, 3),
        _signal("pricing_page_view", a.PRICING_PAGE_VIEW, 5, 14, 3),
        _signal("content_download", a.CONTENT_DOWNLOAD, 4, 60, 3),
        _signal("event_visit", a.EVENT_VISIT, 5, 60, 2),
        _signal("webinar_registration", a.WEBINAR_REGISTRATION, 3, 30, 3),
        _signal("email_click", a.EMAIL_CLICK, 2, 14, 5),
        _signal("website_visit", a.WEBSITE_VISIT, 1, 14, group="web"),
        _signal("page_view", a.PAGE_VIEW, 0.5, 14, group="web"),
        _signal("email_open", a.EMAIL_OPEN, 0.5, 14, group="email"),
        _signal("unsubscribe", a.UNSUBSCRIBE, -20, None, 1),
    )
    return ScoreModel(
        name="default",
        rules=rules,
        signals=signals,
        groups=(Group(id="web", max=10), Group(id="email", max=5)),
        dimensions=(
            Dimension(id=FIT, max=50, min=-50),
            Dimension(id=ENGAGEMENT, max=50, min=-50),
        ),
        max_total=100,
        grades=Grades(a=35, b=20, c=10),
        levels=Levels(high=20, medium=6),
    )
