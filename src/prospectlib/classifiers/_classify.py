"""Every label of a lead at once: `classify` and `classify_many`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import Classifier
from prospectlib.classifiers._defaults import default_registry
from prospectlib.classifiers._registry import ClassifierRegistry
from prospectlib.errors import ClassifierError
from prospectlib.errors import ConfigTypeError
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.model._require import require_lead
from prospectlib.model._require import require_lead_at


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
        LeadTypeError: *lead* is not a `Lead`.
        ArgumentTypeError: *only* is not an iterable of names (a `TypeError`
            too; so is `ConfigTypeError`, for a *registry* that is not one).
        UnknownClassifierError: *only* names a classifier that is not registered.
        ClassifierError: a classifier raised, or answered with something other
            than a `Classification` labelled with one of its ``labels``.

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> lead = pl.Lead(id="L-1", created_at=t, company=pl.Company(name="Acme"))
        >>> labels = pl.classify(lead, at=t, only=["market"])
        >>> labels["market"].label.value
        'b2b'
    """
    require_lead_at(lead, at)
    chosen = _chosen(registry, only)
    return FrozenMap((name, _answer(name, c, lead, at)) for name, c in chosen)


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
    v.require_aware(at)
    chosen = _chosen(registry, only)
    out = []
    for lead in v.iterate(leads, "leads", "an iterable of Lead"):
        if type(lead) is not Lead:
            require_lead(lead, "leads[]")
        out.append(FrozenMap((name, _answer(name, c, lead, at)) for name, c in chosen))
    return out


def _answer(
    name: str, classifier: Classifier[Any], lead: Lead, at: dt.datetime
) -> Classification[Any]:
    """*classifier*'s answer for *lead*, checked: a `ClassifierError` if none."""
    try:
        answer = classifier.classify(lead, at=at)
    except Exception as exc:
        # Its text is not repeated: it may hold the lead's data (chained instead).
        problem = f"it raised {type(exc).__name__}"
        raise ClassifierError(
            classifier=name, lead_id=lead.id, problem=problem
        ) from exc
    if type(answer) is not Classification:
        problem = (
            f"it answered {v.got(answer).removeprefix('got ')}, not a Classification"
        )
        raise ClassifierError(classifier=name, lead_id=lead.id, problem=problem)
    labels = classifier.labels
    if not isinstance(answer.label, labels):
        problem = (
            f"its label is not one of its labels ({labels.__name__}: "
            f"{', '.join(repr(label.value) for label in labels)})"
        )
        raise ClassifierError(classifier=name, lead_id=lead.id, problem=problem)
    return answer


_DEFAULT: list[ClassifierRegistry] = []


def _chosen(
    registry: ClassifierRegistry | None, only: Iterable[str] | None
) -> list[tuple[str, Classifier[Any]]]:
    if registry is None:
        if not _DEFAULT:  # built on first use, then shared: classifiers are values
            _DEFAULT.append(default_registry())
        registry = _DEFAULT[0]
    v.require(
        registry,
        ClassifierRegistry,
        "registry",
        "a ClassifierRegistry",
        ConfigTypeError,
    )
    if only is None:
        names = registry.names()
    else:
        names = tuple(v.iterate(only, "only", "an iterable of classifier names"))
        for index, name in enumerate(names):
            v.require(name, str, f"only[{index}]", "a classifier name")
    return [(name, registry.get(name)) for name in names]
