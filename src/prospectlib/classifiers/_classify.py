"""Every label of a lead at once: `classify` and `classify_many`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import Classifier
from prospectlib.classifiers._defaults import default_registry
from prospectlib.classifiers._registry import ClassifierRegistry
from prospectlib.criteria import require_aware
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem
from prospectlib.model import FrozenMap
from prospectlib.model import Lead


def classify(
    lead: Lead,
    *,
    at: dt.datetime,
    registry: ClassifierRegistry | None = None,
    only: Iterable[str] | None = None,
) -> FrozenMap[str, Classification[Any]]:
    """Every registered classifier's answer for *lead* as of *at*, by name.

    Args:
        lead: The lead to classify.
        at: The moment to classify it at (timezone-aware).
        registry: Where the classifiers come from; the built-ins by default.
        only: The names to run, in that order; all by default.

    Raises:
        UnknownClassifierError: *only* names a classifier that is not registered.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t, company=pl.Company(name="Acme"))
        >>> labels = pl.classify(lead, at=t, only=["market"])
        >>> labels["market"].label.value
        'b2b'
    """
    if type(lead) is not Lead:
        raise InvalidLeadError(
            [Problem(path="lead", expected=f"a Lead (got {type(lead).__name__})")]
        )
    require_aware(at)
    chosen = _chosen(registry, only)
    return FrozenMap((name, c.classify(lead, at=at)) for name, c in chosen)


def classify_many(
    leads: Iterable[Lead],
    *,
    at: dt.datetime,
    registry: ClassifierRegistry | None = None,
    only: Iterable[str] | None = None,
) -> list[FrozenMap[str, Classification[Any]]]:
    """`classify` for each lead, in order (the classifiers are looked up once).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> leads = [pl.Lead(id="A", created_at=t), pl.Lead(id="B", created_at=t)]
        >>> [
        ...     r["market"].label.value
        ...     for r in pl.classify_many(leads, at=t, only=["market"])
        ... ]
        ['b2c', 'b2c']
    """
    require_aware(at)
    chosen = _chosen(registry, only)
    out = []
    for lead in leads:
        if type(lead) is not Lead:
            raise InvalidLeadError(
                [
                    Problem(
                        path="leads[]", expected=f"a Lead (got {type(lead).__name__})"
                    )
                ]
            )
        out.append(FrozenMap((name, c.classify(lead, at=at)) for name, c in chosen))
    return out


_DEFAULT: list[ClassifierRegistry] = []


def _chosen(
    registry: ClassifierRegistry | None, only: Iterable[str] | None
) -> list[tuple[str, Classifier[Any]]]:
    if registry is None:
        if not _DEFAULT:  # built on first use, then shared: classifiers are values
            _DEFAULT.append(default_registry())
        registry = _DEFAULT[0]
    names = registry.names() if only is None else tuple(only)
    return [(name, registry.get(name)) for name in names]
