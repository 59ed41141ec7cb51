"""The SQL guard: a qualification framework as a lifecycle guard."""

from __future__ import annotations

from prospectlib.qualification._framework import BANT
from prospectlib.qualification._framework import Framework


def bant_guard(min_met: int = 3) -> Framework:
    """The `BANT` framework as a guard: *min_met* of the four met, none unmet.

    A lead whose evidence says it has *no* budget cannot pass, however many of the
    others are met; an unknown criterion only counts as not met. Authority is also
    met when the contact's buying role is ``decision_maker`` or ``economic_buyer``
    (explicit evidence wins). The guard and ``BANT.assess`` are the same
    framework, so they never disagree.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(
        ...     id="L",
        ...     created_at=t,
        ...     evidence=[
        ...         pl.Evidence(criterion=c, verdict="met", at=t)
        ...         for c in ("authority", "need", "timing")
        ...     ],
        ... )
        >>> bant_guard().test(lead, at=t)
        True
        >>> no_budget = lead.with_evidence(
        ...     pl.Evidence(criterion="budget", verdict="unmet", at=t)
        ... )
        >>> bant_guard().evaluate(no_budget, at=t).unmet
        ('budget is unmet (evidence 2026-03-01)',)
        >>> bant_guard(4) == BANT.with_rule(min_met=4)
        True
    """
    return BANT if min_met == BANT.min_met else BANT.with_rule(min_met=min_met)
