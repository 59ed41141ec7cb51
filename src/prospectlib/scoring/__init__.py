"""Scoring: how good a lead is, and why — fit and engagement, decay, caps, tiers.

A `ScoreModel` is data: `Rule`s (a criterion or a classifier's label → points)
and `Signal`s (an activity → points per interaction, each with its own
half-life, window and count cap), in dimensions such as ``fit`` and
``engagement``, with caps per `Group`, per `Dimension` and on the total.
`ScoreModel.score` gives a `Score`: the total, each dimension, a fit grade
(A to D), an engagement level (1 to 3), the tier (``"A1"`` … ``"D3"``) and every
`Contribution` with its points before and after decay and caps.

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> from prospectlib.scoring import default_model
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(
    ...     id="L-1",
    ...     created_at=t,
    ...     interactions=[pl.Interaction(activity="webinar_attendance", at=t)],
    ... )
    >>> score = default_model().score(lead, at=t + dt.timedelta(days=45))
    >>> score.engagement, score.tier
    (5.0, 'D3')
"""

from prospectlib import _public
from prospectlib.scoring._defaults import default_model
from prospectlib.scoring._model import ScoreModel
from prospectlib.scoring._parts import ENGAGEMENT
from prospectlib.scoring._parts import FIT
from prospectlib.scoring._parts import Dimension
from prospectlib.scoring._parts import Grades
from prospectlib.scoring._parts import Group
from prospectlib.scoring._parts import LabelIs
from prospectlib.scoring._parts import Levels
from prospectlib.scoring._parts import Rule
from prospectlib.scoring._parts import Signal
from prospectlib.scoring._score import Contribution
from prospectlib.scoring._score import ContributionKind
from prospectlib.scoring._score import Score
from prospectlib.scoring._score import TopFactors

__all__ = [
    "ENGAGEMENT",
    "FIT",
    "Contribution",
    "ContributionKind",
    "Dimension",
    "Grades",
    "Group",
    "LabelIs",
    "Levels",
    "Rule",
    "Score",
    "ScoreModel",
    "Signal",
    "TopFactors",
    "default_model",
]

_public.publish(globals())
