"""The built-in classifiers, registered under their names."""

from __future__ import annotations

from prospectlib.classifiers._acquisition import Acquisition
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

BUILT_IN_NAMES = (
    "purchase_frequency",
    "purchase_volume",
    "influence",
    "profile_fit",
    "market",
    "decision_stage",
    "geography",
    "acquisition",
    "qualification_level",
    "temperature",
)
"""The names the built-in classifiers are registered under, in order."""


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
    return ClassifierRegistry(
        (
            PurchaseFrequency(),
            PurchaseVolume(),
            Influence(),
            ProfileFit(),
            Market(),
            DecisionStage(),
            Geography(),
            Acquisition(),
            Qualification(),
            Temperature(),
        )
    )
