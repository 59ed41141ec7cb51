"""Qualification: is this lead ready for sales? BANT, CHAMP, ANUM, MEDDIC and more.

A `Framework` is a list of named criteria read from the lead's `Evidence` (and,
where a fact about the lead says the same, derived from it, as authority from a
decision maker's role), plus a pass rule: how many must be met, which are
required, how many may be unmet. `Framework.assess` gives an `Assessment`, one
`CriterionAssessment` per criterion with its verdict and reason. A framework is
a criterion too, so the B2B pipeline's SQL guard (`bant_guard`), a scoring
rule and the ``qualification_level`` classifier ask the very same question.

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> from prospectlib.qualification import BANT
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(
    ...     id="L-1",
    ...     created_at=t,
    ...     evidence=[
    ...         pl.Evidence(criterion=c, verdict="met", at=t)
    ...         for c in ("budget", "need", "timing")
    ...     ],
    ... )
    >>> assessment = BANT.assess(lead, at=t)
    >>> assessment.summary
    'BANT passed: 3 of 4 met (budget, need, timing)'
"""

from prospectlib import _public
from prospectlib.qualification._framework import ANUM
from prospectlib.qualification._framework import BANT
from prospectlib.qualification._framework import CHAMP
from prospectlib.qualification._framework import FRAMEWORKS
from prospectlib.qualification._framework import GPCTBA_CI
from prospectlib.qualification._framework import MEDDIC
from prospectlib.qualification._framework import MEDDPICC
from prospectlib.qualification._framework import Assessment
from prospectlib.qualification._framework import CriterionAssessment
from prospectlib.qualification._framework import Framework
from prospectlib.qualification._framework import FrameworkCriterion
from prospectlib.qualification._framework import VerdictSource
from prospectlib.qualification._guard import bant_guard

__all__ = [
    "ANUM",
    "BANT",
    "CHAMP",
    "FRAMEWORKS",
    "GPCTBA_CI",
    "MEDDIC",
    "MEDDPICC",
    "Assessment",
    "CriterionAssessment",
    "Framework",
    "FrameworkCriterion",
    "VerdictSource",
    "bant_guard",
]

_public.publish(globals())
