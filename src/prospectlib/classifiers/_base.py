"""What every classifier shares: the answer it gives and the protocol it follows."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import Generic
from typing import Protocol
from typing import TypeVar
from typing import runtime_checkable

import attrs

from prospectlib.errors import InvalidConfigError
from prospectlib.errors import Problem
from prospectlib.model import FrozenMap
from prospectlib.model import Lead
from prospectlib.model import Scalar

L = TypeVar("L", bound=enum.StrEnum)


def _config_error(owner: str, field: str, expected: str) -> InvalidConfigError:
    return InvalidConfigError([Problem(path=f"{owner}.{field}", expected=expected)])


def _name(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise _config_error(type(inst).__name__, attribute.name, "a non-empty string")


def _confidence(inst: object, attribute: attrs.Attribute[float], value: object) -> None:
    if (
        type(value) not in (int, float)
        or not math.isfinite(value)  # type: ignore[arg-type]
        or not 0 <= value <= 1  # type: ignore[operator]
    ):
        raise _config_error(type(inst).__name__, attribute.name, "a number from 0 to 1")


def _label(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, enum.StrEnum):
        raise _config_error(type(inst).__name__, attribute.name, "a StrEnum member")


def _reasons(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _evidence(value: Mapping[str, Scalar]) -> FrozenMap[str, Scalar]:
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


@attrs.frozen(kw_only=True)
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

    classifier: str = attrs.field(validator=_name)
    """The name of the classifier that answered."""
    label: L = attrs.field(validator=_label)
    """The label, a member of the classifier's `StrEnum`."""
    confidence: float = attrs.field(converter=float, validator=_confidence)
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
