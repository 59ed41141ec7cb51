"""Short constructors: ``has_activity(...)`` for ``HasActivity(activities=...)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import overload

from prospectlib import _validate as v
from prospectlib.criteria._base import Criterion
from prospectlib.criteria._compare import Compare
from prospectlib.criteria._compare import Op
from prospectlib.criteria._composite import AllOf
from prospectlib.criteria._composite import AnyOf
from prospectlib.criteria._composite import AtLeast
from prospectlib.criteria._composite import Not
from prospectlib.criteria._custom import Custom
from prospectlib.criteria._custom import CustomFunction
from prospectlib.criteria._records import EvidenceKnown
from prospectlib.criteria._records import HasActivity
from prospectlib.criteria._records import HasConsent
from prospectlib.criteria._records import HasEvidence
from prospectlib.criteria._records import HasOpenObjection
from prospectlib.criteria._records import HasPurchase
from prospectlib.criteria._records import HasTag
from prospectlib.model import Activity
from prospectlib.model import Channel
from prospectlib.model import ObjectionKind
from prospectlib.model import Scalar
from prospectlib.model import Verdict

# --- short constructors ---------------------------------------------------------------


def has_activity(
    *activities: Activity | str,
    at_least: int = 1,
    within: dt.timedelta | None = None,
    since_stage_entry: bool = False,
) -> HasActivity:
    """`HasActivity` for any of *activities* (any interaction when none given).

    Examples:
        >>> has_activity("demo_request", "quote_request").at_least
        1
    """
    return HasActivity(
        activities=activities,
        at_least=at_least,
        within=within,
        since_stage_entry=since_stage_entry,
    )


@overload
def has_evidence(
    criterion: str, verdict: Verdict | str = Verdict.MET
) -> HasEvidence: ...


@overload
def has_evidence(criterion: str, *, known: bool) -> EvidenceKnown: ...


def has_evidence(
    criterion: str,
    verdict: Verdict | str | None = None,
    *,
    known: bool | None = None,
) -> HasEvidence | EvidenceKnown:
    """`HasEvidence` for *criterion* (met by default), or `EvidenceKnown`.

    ``has_evidence("budget", known=True)`` holds once the budget is known to be
    met or unmet; ``known=False`` while it is unknown or nothing was recorded. No
    evidence counts as ``unknown`` in both.

    Examples:
        >>> has_evidence("budget").verdict.value
        'met'
        >>> has_evidence("budget", known=True)
        EvidenceKnown(criterion='budget', known=True)

    Raises:
        InvalidConfigError: both a verdict and ``known`` are given.
    """
    if known is None:
        return HasEvidence(
            criterion=criterion, verdict=Verdict.MET if verdict is None else verdict
        )
    if verdict is not None:
        raise v.config_error(
            "has_evidence", "known", "None when a verdict is given (one or the other)"
        )
    return EvidenceKnown(criterion=criterion, known=known)


def has_purchase(
    at_least: int = 1, *, within: dt.timedelta | None = None
) -> HasPurchase:
    """`HasPurchase`: at least *at_least* purchases.

    Examples:
        >>> has_purchase(2).at_least
        2
    """
    return HasPurchase(at_least=at_least, within=within)


def has_consent(channel: Channel | str) -> HasConsent:
    """`HasConsent` for *channel*.

    Examples:
        >>> has_consent("email").channel.value
        'email'
    """
    return HasConsent(channel=channel)


def has_tag(tag: str) -> HasTag:
    """`HasTag` for *tag*.

    Examples:
        >>> has_tag("vip").tag
        'vip'
    """
    return HasTag(tag=tag)


def has_open_objection(*kinds: ObjectionKind | str) -> HasOpenObjection:
    """`HasOpenObjection` of *kinds* (any kind when none given).

    Examples:
        >>> has_open_objection("price").kinds
        (<ObjectionKind.PRICE: 'price'>,)
    """
    return HasOpenObjection(kinds=kinds)


def compare(
    field: str, op: Op | str, value: Scalar | Iterable[Scalar] = None
) -> Compare:
    """`Compare` *field* with *value* using *op*.

    Examples:
        >>> compare("company.industry", "in", ["logistics", "retail"]).value
        ('logistics', 'retail')
    """
    if isinstance(value, Iterable) and not isinstance(value, str):
        value = tuple(value)
    return Compare(field=field, op=op, value=value)


def custom(name: str, function: CustomFunction) -> Custom:
    """`Custom` criterion named *name* running *function*.

    Examples:
        >>> custom("always", lambda lead, at: True).name
        'always'
    """
    return Custom(name=name, function=function)


def all_of(*criteria: Criterion) -> AllOf:
    """`AllOf` the given criteria.

    Examples:
        >>> len(all_of(has_tag("a"), has_tag("b")).criteria)
        2
    """
    return AllOf(criteria=criteria)


def any_of(*criteria: Criterion) -> AnyOf:
    """`AnyOf` the given criteria.

    Examples:
        >>> len(any_of(has_tag("a"), has_tag("b")).criteria)
        2
    """
    return AnyOf(criteria=criteria)


def at_least(count: int, *criteria: Criterion) -> AtLeast:
    """`AtLeast` *count* of the given criteria.

    Examples:
        >>> at_least(1, has_tag("a"), has_tag("b")).count
        1
    """
    return AtLeast(count=count, criteria=criteria)


def not_(criterion: Criterion) -> Not:
    """`Not` the given criterion.

    Examples:
        >>> not_(has_tag("a")).criterion.tag
        'a'
    """
    return Not(criterion=criterion)
