"""Lead stages as a state machine: pipelines, events, guards, history and SLAs.

A `Pipeline` is built once (in Python or from a dict) as a python-statemachine
chart, compiled to a table, and applied to any number of frozen leads: `send`
returns a new lead with one `StageChange` appended, or raises
`TransitionNotAllowedError` naming what was unmet.

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(
    ...     id="L-1",
    ...     created_at=t,
    ...     company=pl.Company(name="Acme"),
    ...     interactions=[pl.Interaction(activity="webinar_attendance", at=t)],
    ... )
    >>> b2b = pl.lifecycle.b2b_pipeline()
    >>> b2b.send(lead, "qualify_marketing", at=t, reason="attended webinar").stage
    'marketing_qualified'
"""

from prospectlib import _public
from prospectlib.lifecycle._defaults import b2b_pipeline
from prospectlib.lifecycle._defaults import b2c_pipeline
from prospectlib.lifecycle._history import SlaState
from prospectlib.lifecycle._history import SlaStatus
from prospectlib.lifecycle._history import StageVisit
from prospectlib.lifecycle._history import entered_at
from prospectlib.lifecycle._history import exited_at
from prospectlib.lifecycle._history import stage_visits
from prospectlib.lifecycle._history import time_in_stage
from prospectlib.lifecycle._history import time_per_stage
from prospectlib.lifecycle._pipeline import MAX_STAGES
from prospectlib.lifecycle._pipeline import MAX_TRANSITIONS
from prospectlib.lifecycle._pipeline import Decision
from prospectlib.lifecycle._pipeline import Pipeline
from prospectlib.lifecycle._pipeline import SendError
from prospectlib.lifecycle._pipeline import SendFailure
from prospectlib.lifecycle._pipeline import SendManyResult
from prospectlib.lifecycle._spec import RESERVED_IDS
from prospectlib.lifecycle._spec import LostReason
from prospectlib.lifecycle._spec import Stage
from prospectlib.lifecycle._spec import StageKind
from prospectlib.lifecycle._spec import Transition

__all__ = [
    "MAX_STAGES",
    "MAX_TRANSITIONS",
    "RESERVED_IDS",
    "Decision",
    "LostReason",
    "Pipeline",
    "SendError",
    "SendFailure",
    "SendManyResult",
    "SlaState",
    "SlaStatus",
    "Stage",
    "StageKind",
    "StageVisit",
    "Transition",
    "b2b_pipeline",
    "b2c_pipeline",
    "entered_at",
    "exited_at",
    "stage_visits",
    "time_in_stage",
    "time_per_stage",
]

_public.publish(globals())
