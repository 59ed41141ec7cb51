"""Uses the public model API as a user would; checked by mypy --strict in CI."""

import datetime as dt
from decimal import Decimal

import attrs

import prospectlib as pl

t0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)

lead = pl.Lead(
    id="L-1",
    created_at=t0,
    source=pl.Source.EVENT,
    person=pl.Person(
        job_title="Head of Operations",
        role=pl.BuyingRole.DECISION_MAKER,
        location=pl.Location(country="VN", city="Hanoi"),
    ),
    company=pl.Company(name="Acme", industry="logistics", employees=240),
    interactions=(pl.Interaction(activity=pl.Activity.CASE_STUDY_DOWNLOAD, at=t0),),
    objections=(pl.Objection(kind=pl.ObjectionKind.PRICE, raised_at=t0),),
    purchases=[pl.Purchase(at=t0, amount="10", currency="EUR")],
    tags={"vip"},
    attributes={"plan": "pro", "seats": 3},
)
when: dt.datetime | None = lead.last_activity_at
spent: Decimal = lead.amount_spent("EUR", since=t0)
webinars: tuple[pl.Interaction, ...] = lead.interactions_of(
    pl.Activity.WEBINAR_ATTENDANCE
)
moved: pl.Lead = attrs.evolve(lead, stage="marketing_qualified")
evidence: pl.Evidence | None = lead.evidence.get("budget")
status: pl.ConsentStatus = lead.consent_status(pl.Channel.EMAIL)
value: pl.Scalar = lead.attributes["plan"]

try:
    pl.Lead(id="", created_at=t0)
except pl.InvalidLeadError as exc:
    paths: list[str] = [p.path for p in exc.problems]
