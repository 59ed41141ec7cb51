"""Workflow: what to do with a lead next, and which lead to work first.

A `QualificationPolicy` of `PolicyRule`s turns a lead's score, labels and
qualification into the next lifecycle event it suggests (`Suggestion`, with its
reason), only events its pipeline accepts now. `advance` and `advance_many`
apply the suggestion; `prioritize` puts leads in the order to work them, each
`Priority` with its reason. `default_policy` goes with
`prospectlib.lifecycle.b2b_pipeline`, `default_b2c_policy` with
`prospectlib.lifecycle.b2c_pipeline`.

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> from prospectlib.workflow import default_policy
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(
    ...     id="L-1",
    ...     created_at=t,
    ...     person=pl.Person(job_title="CEO", role="decision_maker"),
    ...     company=pl.Company(name="Acme", industry="software", employees=200),
    ...     interactions=[
    ...         pl.Interaction(activity=activity, at=t)
    ...         for activity in ("webinar_attendance", "demo_request")
    ...     ],
    ... )
    >>> suggestion = default_policy().suggest(lead, at=t)
    >>> suggestion.event, suggestion.score.tier
    ('qualify_marketing', 'A1')
    >>> suggestion.reason
    'tier B2 or better: a fitting company researching solutions'
"""

from prospectlib import _public
from prospectlib.workflow._advance import Advance
from prospectlib.workflow._advance import Priority
from prospectlib.workflow._advance import Settled
from prospectlib.workflow._advance import advance
from prospectlib.workflow._advance import advance_many
from prospectlib.workflow._advance import prioritize
from prospectlib.workflow._advance import settle
from prospectlib.workflow._defaults import default_b2c_policy
from prospectlib.workflow._defaults import default_policy
from prospectlib.workflow._policy import PolicyRule
from prospectlib.workflow._policy import QualificationPolicy
from prospectlib.workflow._policy import Suggestion

__all__ = [
    "Advance",
    "PolicyRule",
    "Priority",
    "QualificationPolicy",
    "Settled",
    "Suggestion",
    "advance",
    "advance_many",
    "default_b2c_policy",
    "default_policy",
    "prioritize",
    "settle",
]

_public.publish(globals())
