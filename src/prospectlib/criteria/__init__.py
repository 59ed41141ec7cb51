"""Serializable predicates over a lead at a moment in time.

A criterion answers one question about a lead *as of* a time ``at``: records
dated after ``at`` are ignored, so the answer for a past moment never changes.
Each criterion gives a fast yes/no (`Criterion.test`) and an explained answer
(`Criterion.evaluate` returns a `Check` with a human reason and, for composite
criteria, the unmet parts). Criteria are frozen values that compare, hash and
round-trip through `prospectlib.serialize`; none of them runs user code except
`Custom`, whose function is looked up by name in an explicit registry.

Pipelines use criteria as guards; scoring rules and segments use them too.

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> from prospectlib import criteria as cr
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(
    ...     id="L-1",
    ...     created_at=t,
    ...     interactions=[pl.Interaction(activity="webinar_attendance", at=t)],
    ... )
    >>> researching = cr.any_of(
    ...     cr.has_activity(pl.Activity.CASE_STUDY_DOWNLOAD),
    ...     cr.has_activity(pl.Activity.WEBINAR_ATTENDANCE),
    ... )
    >>> researching.test(lead, at=t)
    True
    >>> check = cr.has_evidence("budget").evaluate(lead, at=t)
    >>> check.passed, check.reason
    (False, 'budget is not met (no evidence)')
"""

from prospectlib import _public
from prospectlib.criteria._base import MAX_DEPTH
from prospectlib.criteria._base import Check
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._base import is_criterion
from prospectlib.criteria._base import require_aware
from prospectlib.criteria._build import all_of
from prospectlib.criteria._build import any_of
from prospectlib.criteria._build import at_least
from prospectlib.criteria._build import compare
from prospectlib.criteria._build import custom
from prospectlib.criteria._build import has_activity
from prospectlib.criteria._build import has_consent
from prospectlib.criteria._build import has_evidence
from prospectlib.criteria._build import has_open_objection
from prospectlib.criteria._build import has_purchase
from prospectlib.criteria._build import has_tag
from prospectlib.criteria._build import not_
from prospectlib.criteria._compare import Compare
from prospectlib.criteria._compare import Op
from prospectlib.criteria._composite import AllOf
from prospectlib.criteria._composite import AnyOf
from prospectlib.criteria._composite import AtLeast
from prospectlib.criteria._composite import Not
from prospectlib.criteria._custom import CriterionRegistry
from prospectlib.criteria._custom import Custom
from prospectlib.criteria._records import EvidenceKnown
from prospectlib.criteria._records import HasActivity
from prospectlib.criteria._records import HasConsent
from prospectlib.criteria._records import HasEvidence
from prospectlib.criteria._records import HasOpenObjection
from prospectlib.criteria._records import HasPurchase
from prospectlib.criteria._records import HasTag

__all__ = [
    "MAX_DEPTH",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Check",
    "Compare",
    "Criterion",
    "CriterionRegistry",
    "Custom",
    "EvidenceKnown",
    "HasActivity",
    "HasConsent",
    "HasEvidence",
    "HasOpenObjection",
    "HasPurchase",
    "HasTag",
    "Not",
    "Op",
    "all_of",
    "any_of",
    "at_least",
    "compare",
    "custom",
    "has_activity",
    "has_consent",
    "has_evidence",
    "has_open_objection",
    "has_purchase",
    "has_tag",
    "is_criterion",
    "not_",
    "require_aware",
]


_public.publish(globals())
