"""Score the X Education leads: one CSV row to a `Lead`, a short model, ROC AUC.

The code of ``docs/how-to/score-xeducation-leads.md``. It reads no file and has
no state: `lead_from_row` maps one row as `csv.DictReader` gives it, `MODEL`
scores the lead, `roc_auc` says how well the scores rank converted leads above
the others. The rows carry no timestamps, so every interaction of a lead
happens at the moment it is scored, and no signal decays. The data is not part
of prospectlib; with this module on the import path and the file at ``path``::

    import csv
    import datetime as dt

    from xeducation_model import MODEL, lead_from_row, roc_auc

    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)  # any moment will do
    leads = [lead_from_row(row, at=at) for row in rows]
    scores = MODEL.score_many(leads, at=at)
    print(roc_auc([s.total for s in scores], [int(r["Converted"]) for r in rows]))
    print(scores[0].explain())
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from collections.abc import Sequence

import numpy as np

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.scoring import ENGAGEMENT
from prospectlib.scoring import Grades
from prospectlib.scoring import Group
from prospectlib.scoring import Levels
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal

MAX_VISITS = 30
"""Visits counted per lead: a few rows claim hundreds."""
MAX_PAGE_VIEWS = 60
"""Page views counted per lead."""

MISSING = frozenset({"", "Select"})
"""Cell values that mean "not known": empty, or a dropdown never chosen."""

SOURCES: Mapping[str, pl.Source] = {  # keys lower case: "Google" and "google" occur
    "google": pl.Source.SEARCH,
    "bing": pl.Source.SEARCH,
    "organic search": pl.Source.SEARCH,
    "direct traffic": pl.Source.WEBSITE,
    "olark chat": pl.Source.WEBSITE,  # the chat window on the website
    "live chat": pl.Source.WEBSITE,
    "referral sites": pl.Source.WEBSITE,  # a link on another site, not a person
    "blog": pl.Source.WEBSITE,
    "reference": pl.Source.REFERRAL,
    "welingak website": pl.Source.PARTNER,  # an education portal that passes leads on
    "facebook": pl.Source.SOCIAL,
    "social media": pl.Source.SOCIAL,
    "youtubechannel": pl.Source.SOCIAL,
    "pay per click ads": pl.Source.ADVERTISING,
    "nc_edm": pl.Source.EMAIL,  # an e-mail campaign ("electronic direct mail")
}
"""``Lead Source`` (lower case) → `Source`; any other known value is ``OTHER``."""

A = pl.Activity
LAST_ACTIVITIES: Mapping[str, pl.Activity] = {
    "Email Opened": A.EMAIL_OPEN,
    "Email Link Clicked": A.EMAIL_CLICK,
    "View in browser link Clicked": A.EMAIL_CLICK,
    "Form Submitted on Website": A.FORM_SUBMISSION,
    "Converted to Lead": A.FORM_SUBMISSION,
    "Page Visited on Website": A.PAGE_VIEW,
    "Olark Chat Conversation": A.CONTACT_REQUEST,
    "Approached upfront": A.CONTACT_REQUEST,
    "Had a Phone Conversation": A.CALL,
    "Visited Booth in Tradeshow": A.EVENT_VISIT,
    "Resubscribed to emails": A.NEWSLETTER_SIGNUP,
    "Unsubscribed": A.UNSUBSCRIBE,
    "Email Marked Spam": A.UNSUBSCRIBE,
}
"""``Last Activity`` → `Activity`. Left out: what the seller did or saw, not the
lead (SMS Sent, Email Bounced, Email Received, Unreachable)."""

COUNTRIES: Mapping[str, str] = {
    "India": "IN",
    "United States": "US",
    "United Arab Emirates": "AE",
    "Singapore": "SG",
    "Saudi Arabia": "SA",
    "United Kingdom": "GB",
    "Australia": "AU",
    "Qatar": "QA",
    "Bahrain": "BH",
    "Hong Kong": "HK",
    "Oman": "OM",
    "France": "FR",
    "Kuwait": "KW",
    "Canada": "CA",
    "Nigeria": "NG",
    "Germany": "DE",
    "South Africa": "ZA",
    "Sweden": "SE",
    "Ghana": "GH",
    "Belgium": "BE",
    "China": "CN",
    "Netherlands": "NL",
    "Uganda": "UG",
    "Italy": "IT",
    "Philippines": "PH",
    "Bangladesh": "BD",
    "Russia": "RU",
    "Sri Lanka": "LK",
    "Kenya": "KE",
    "Tanzania": "TZ",
    "Malaysia": "MY",
    "Liberia": "LR",
    "Switzerland": "CH",
    "Denmark": "DK",
    "Vietnam": "VN",
    "Indonesia": "ID",
}
"""``Country`` → ISO 3166-1 alpha-2; "unknown" and "Asia/Pacific Region" are not."""

CITIES: Mapping[str, tuple[str | None, str | None]] = {
    "Mumbai": ("Maharashtra", "Mumbai"),
    "Thane & Outskirts": ("Maharashtra", "Thane"),
    "Other Cities of Maharashtra": ("Maharashtra", None),
}
"""``City`` → (region, city); the other values ("Other Metro Cities", "Tier II
Cities", …) name no place."""


def _text(row: Mapping[str, str], column: str) -> str | None:
    value = row.get(column, "").strip()
    return None if value in MISSING else value


def _number(row: Mapping[str, str], column: str) -> float:
    value = float(_text(row, column) or 0)
    return value if math.isfinite(value) else 0.0


def _consent(row: Mapping[str, str]) -> list[pl.Consent]:
    # The lead ticks these boxes itself (data dictionary), so "No" is a choice too.
    columns = {"email": "Do Not Email", "phone": "Do Not Call"}
    answers = {"Yes": "denied", "No": "granted"}
    return [
        pl.Consent(channel=channel, status=answers[row[column]])
        for channel, column in columns.items()
        if row.get(column) in answers
    ]


def _location(row: Mapping[str, str]) -> pl.Location | None:
    country = COUNTRIES.get(_text(row, "Country") or "")
    region, city = CITIES.get(_text(row, "City") or "", (None, None))
    if country is None and region is None:
        return None
    return pl.Location(country=country, region=region, city=city)


def lead_from_row(row: Mapping[str, str], *, at: dt.datetime) -> pl.Lead:
    """The lead of one row of ``xeducation_leads.csv``, created at *at*.

    Not read: the outcome (``Converted``) and what the sales team wrote down
    while working the lead (``Tags``, ``Lead Quality``, ``Lead Profile``, the
    ``Asymmetrique`` indexes and scores, ``Last Notable Activity``).

    Args:
        row: One row as `csv.DictReader` gives it (column name → text).
        at: When the lead is created and every interaction happens.

    Returns:
        The lead: its visits, page views, last activity and e-book request as
        interactions; time on the website, origin and specialism as attributes.
    """
    visits = _number(row, "TotalVisits")
    page_views = round(visits * _number(row, "Page Views Per Visit"))
    activities = [A.WEBSITE_VISIT] * min(int(visits), MAX_VISITS)
    activities += [A.PAGE_VIEW] * min(page_views, MAX_PAGE_VIEWS)
    last = LAST_ACTIVITIES.get(_text(row, "Last Activity") or "")
    if last is not None:
        activities.append(last)
    if row.get("A free copy of Mastering The Interview") == "Yes":
        activities.append(A.CONTENT_DOWNLOAD)
    source = _text(row, "Lead Source")
    occupation = _text(row, "What is your current occupation")
    attributes = {
        "seconds_on_site": int(_number(row, "Total Time Spent on Website")),
        "lead_origin": _text(row, "Lead Origin"),
        "specialism": _text(row, "Specialization"),
    }
    return pl.Lead(
        id=row["Prospect ID"],
        created_at=at,
        source=SOURCES.get(source.lower(), pl.Source.OTHER) if source else "unknown",
        person=pl.Person(
            occupation=occupation.lower() if occupation else None,
            location=_location(row),
        ),
        interactions=[pl.Interaction(activity=a, at=at) for a in activities],
        consent=_consent(row),
        attributes={k: v for k, v in attributes.items() if v is not None},
    )


JOB = "person.occupation"
REFERRED = cr.compare("source", "in", ["referral", "partner"])
TEN_MINUTES_ON_SITE = cr.compare("attributes.seconds_on_site", "ge", 600)
RULES = [
    Rule(id="working", points=30, when=cr.compare(JOB, "eq", "working professional")),
    Rule(id="job_seeker", points=10, when=cr.compare(JOB, "eq", "unemployed")),
    Rule(id="no_occupation", points=-10, when=cr.compare(JOB, "missing")),
    Rule(id="specialism", points=5, when=cr.compare("attributes.specialism", "exists")),
    Rule(id="referred", points=25, when=REFERRED),
    Rule(id="no_email", points=-15, when=cr.not_(cr.has_consent("email"))),
    Rule(id="ten_minutes", points=20, dimension=ENGAGEMENT, when=TEN_MINUTES_ON_SITE),
]
SIGNALS = [  # no half-lives: the rows have no timestamps
    Signal(id="web", activities=["website_visit", "page_view"], points=1, group="web"),
    Signal(id="form", activities=["form_submission", "content_download"], points=3),
    Signal(id="call", activities=["call"], points=10),
    Signal(id="chat", activities=["contact_request"], points=5),
    Signal(id="email", activities=["email_open", "email_click"], points=3),
    Signal(id="unsubscribed", activities=["unsubscribe"], points=-15),
]
MODEL = ScoreModel(
    name="xeducation",
    rules=RULES,
    signals=SIGNALS,
    groups=[Group(id="web", max=10)],
    grades=Grades(a=40, b=20, c=5),
    levels=Levels(high=25, medium=10),
)
"""The score model: who the lead is (fit) and what it did (engagement)."""


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The ROC AUC of *scores* against *labels* (1: converted, 0: not).

    The chance that a random converted lead scores above a random other one,
    ties counting half: the Mann-Whitney U statistic over the product of the
    class sizes, from ranks (tied scores share their average rank).

    Args:
        scores: One score per lead; higher means likelier to convert.
        labels: One 0 or 1 per lead, in the same order.

    Returns:
        A number from 0 (every converted lead below every other) to 1 (above);
        0.5 is chance.

    Raises:
        ValueError: The sequences differ in length, a score is not finite, a
            label is not 0 or 1, or one class is empty.

    Examples:
        >>> roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
        0.75
        >>> roc_auc([3, 3, 3], [0, 1, 1])
        0.5
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels)
    if s.ndim != 1 or s.shape != y.shape or not np.isfinite(s).all():
        raise ValueError("expected as many finite scores as labels")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("expected labels that are 0 or 1")
    positive = y == 1
    n_pos = int(positive.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("expected at least one label of each class")
    order = np.argsort(s, kind="stable")
    _, first, counts = np.unique(s[order], return_index=True, return_counts=True)
    ranks = np.empty(len(s))
    ranks[order] = np.repeat(first + (counts + 1) / 2, counts)  # 1-based, averaged
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
