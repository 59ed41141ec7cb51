"""What every classifier shares: the answer it gives and the protocol it follows."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Generic
from typing import Protocol
from typing import TypeVar
from typing import runtime_checkable

import attrs

from prospectlib import _validate as v
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.model import Scalar

L = TypeVar("L", bound=enum.StrEnum)


def _confidence(value: float) -> float:
    return v.real(value, 0, 1, expected="a number from 0 to 1")


def _reasons(value: Iterable[str]) -> tuple[str, ...]:
    return v.items(value, "a list of sentences")


def _evidence(value: Mapping[str, Scalar]) -> FrozenMap[str, Scalar]:
    if type(value) is FrozenMap:
        return value
    if not isinstance(value, Mapping):
        v.refuse("a mapping of names to scalars")
    return FrozenMap(value)


@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Classification(Generic[L]):
    """A classifier's answer: a label, how sure it is, and why.

    Examples:
        >>> from prospectlib.classifiers import MarketLabel
        >>> c = Classification(
        ...     classifier="market",
        ...     label=MarketLabel.B2B,
        ...     confidence=0.9,
        ...     reasons=("works for a company of 240 people",),
        ...     evidence={"employees": 240},
        ... )
        >>> c.label.value, c.confidence, c.evidence["employees"]
        ('b2b', 0.9, 240)
    """

    classifier: str = attrs.field(validator=v.text())
    """The name of the classifier that answered."""
    label: L = attrs.field(validator=v.instance(enum.StrEnum, "a StrEnum member"))
    """The label, a member of the classifier's `StrEnum`."""
    confidence: float = attrs.field(converter=_confidence)
    """How sure the classifier is, from 0 (a guess) to 1 (certain)."""
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_reasons)
    """Short sentences saying why, strongest first."""
    evidence: FrozenMap[str, Scalar] = attrs.field(
        factory=FrozenMap, converter=_evidence
    )
    """The numbers behind the decision, e.g. ``{"purchases_365d": 7}``."""


@runtime_checkable
class Classifier(Protocol[L]):
    """**Protocol:** something that puts a lead into one of a few labels.

    A classifier has a ``name`` (under which a registry keeps it), the
    `StrEnum` of its ``labels`` (a class attribute: score models and policies
    check their label tests against it) and a ``classify`` method that answers
    for a lead *as of* a time, ignoring anything recorded later. Built-in
    classifiers are frozen attrs classes whose parameters round-trip through
    `prospectlib.serialize`.
    """

    @property
    def labels(self) -> type[L]:
        """The labels it answers with (usually a class attribute)."""
        ...  # pragma: no cover  # a protocol's body never runs

    @property
    def name(self) -> str:
        """The name the classifier is registered under."""
        ...  # pragma: no cover  # a protocol's body never runs

    def classify(self, lead: Lead, *, at: dt.datetime) -> Classification[L]:
        """Classify *lead* as of *at*."""
        ...  # pragma: no cover  # a protocol's body never runs


def clamp(value: float) -> float:
    """*value* limited to ``[0, 1]`` (for confidences).

    Examples:
        >>> clamp(1.3), clamp(-0.2), clamp(0.5)
        (1.0, 0.0, 0.5)
    """
    return min(1.0, max(0.0, value))
