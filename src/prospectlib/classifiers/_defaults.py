"""The built-in classifiers, registered under their names."""

from __future__ import annotations

import enum
from typing import Any

from prospectlib.classifiers._acquisition import Acquisition
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
