"""The built-in classifiers, registered under their names."""

from __future__ import annotations

import enum
import weakref
from collections.abc import Callable
from typing import Any
from typing import cast

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._acquisition import Acquisition
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import Classifier
from prospectlib.classifiers._decision import DecisionStage
from prospectlib.classifiers._frequency import PurchaseFrequency
from prospectlib.classifiers._geography import Geography
from prospectlib.classifiers._influence import Influence
from prospectlib.classifiers._market import Market
from prospectlib.classifiers._profile import ProfileFit
from prospectlib.classifiers._qualification import Qualification
from prospectlib.classifiers._registry import ClassifierRegistry
from prospectlib.classifiers._temperature import Temperature
from prospectlib.classifiers._volume import PurchaseVolume
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.model import FrozenMap

# The built-in classifiers, in the order `classify` answers: a new built-in is
# one module and one line here.
_BUILT_INS: tuple[type[Classifier[Any]], ...] = (
    PurchaseFrequency,
    PurchaseVolume,
    Influence,
    ProfileFit,
    Market,
    DecisionStage,
    Geography,
    Acquisition,
    Qualification,
    Temperature,
)

_DEFAULTS = tuple(cls() for cls in _BUILT_INS)

BUILT_IN_NAMES: tuple[str, ...] = tuple(c.name for c in _DEFAULTS)
"""The names the built-in classifiers are registered under, in order."""

BUILT_IN_LABELS: FrozenMap[str, type[enum.StrEnum]] = FrozenMap(
    (c.name, c.labels) for c in _DEFAULTS
)
"""The labels of each built-in classifier, by its name.

Examples:
    >>> [label.value for label in BUILT_IN_LABELS["temperature"]]
    ['hot', 'warm', 'cold', 'dead']
"""


def default_registry() -> ClassifierRegistry:
    """A new registry holding the built-in classifiers with their default parameters.

    Each call returns a new registry, so adding to or removing from it changes
    nothing elsewhere. `Geography` has no home market by default (it answers
    ``unknown``): register ``Geography(home=HomeMarket(...))`` instead for yours.

    Examples:
        >>> registry = default_registry()
        >>> registry.names()[:3]
        ('purchase_frequency', 'purchase_volume', 'influence')
        >>> len(registry)
        10
    """
    return ClassifierRegistry(cls() for cls in _BUILT_INS)


# --- classifications as data ----------------------------------------------------------

_WRITTEN = ("classifier", "label", "confidence", "reasons", "evidence")


def _write(answer: Classification[Any]) -> dict[str, Any]:
    """A classification as data: its label as text."""
    return {
        "classifier": answer.classifier,
        "label": answer.label.value,
        "confidence": answer.confidence,
        "reasons": list(answer.reasons),
        "evidence": dict(answer.evidence),
    }


def _shape(obj: dict[Any, Any]) -> list[Problem]:
    """What is wrong with a classification's data besides its classifier and label."""
    keys = ", ".join(_WRITTEN)
    problems = [
        Problem(
            path=v.key_path(k) if isinstance(k, str) else "",
            expected=f"no key of this name (Classification has {keys})",
        )
        for k in obj
        if k not in _WRITTEN
    ]
    reasons = obj.get("reasons", [])
    if type(reasons) is not list or not all(type(r) is str for r in reasons):
        problems.append(Problem(path="reasons", expected="a list of strings"))
    evidence = obj.get("evidence", {})
    if not (
        type(evidence) is dict
        and all(type(k) is str and v.is_scalar(x) for k, x in evidence.items())
    ):
        expected = "an object of names to scalar values"
        problems.append(Problem(path="evidence", expected=expected))
    confidence = obj.get("confidence")
    # JSON numbers only (not a bool); NaN fails the comparison too.
    if type(confidence) not in (int, float) or not 0 <= cast("float", confidence) <= 1:
        problems.append(Problem(path="confidence", expected="a number from 0 to 1"))
    return problems


def _reader(registry: object) -> Callable[[object, object], Classification[Any]]:
    """The structure hook of `Classification` for ``from_dict(..., registry=)``.

    The label is read as a member of its classifier's labels, found in the
    registry passed (held weakly, as `prospectlib._convert` keeps converters),
    or among the built-in classifiers' when none is.
    """
    held = None if registry is None else weakref.ref(registry)

    def labels_of(name: object) -> type[enum.StrEnum] | None:
        if type(name) is not str:
            return None
        if held is None:
            return BUILT_IN_LABELS.get(name)
        # Alive: `from_dict` holds it while this hook runs.
        found = cast("ClassifierRegistry", held())
        return found.get(name).labels if name in found else None

    def structure(obj: object, _: object) -> Classification[Any]:
        if not isinstance(obj, dict):
            expected = f"an object ({v.got(obj)})"
            raise ValidationError([Problem(path="", expected=expected)])
        problems = _shape(obj)
        labels = labels_of(obj.get("classifier"))
        if labels is None:
            where = (
                "the registry passed"
                if held is not None
                else "the built-in classifiers"
            )
            expected = f"the name of one of {where} (pass registry= for yours)"
            problems.append(Problem(path="classifier", expected=expected))
        elif obj.get("label") not in {m.value for m in labels}:
            expected = f"one of {v.choices(labels)}"
            problems.append(Problem(path="label", expected=expected))
        if problems or labels is None:
            raise ValidationError(problems)
        return Classification(
            classifier=obj["classifier"],
            label=labels(obj["label"]),
            confidence=obj["confidence"],
            reasons=obj.get("reasons", ()),
            evidence=obj.get("evidence", {}),
        )

    return structure


_convert.register_hooks(
    Classification,
    structure=_reader,
    unstructure=_write,
    error=ValidationError,
    context=ClassifierRegistry,
    argument="registry",
)
