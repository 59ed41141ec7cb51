"""Classifiers: what kind of potential customer a lead is, with confidence and reasons.

Each classifier puts a lead into one of a few labels *as of* a time and says
how sure it is and why (`Classification`). They are pluggable: anything with a
``name`` and a ``classify(lead, *, at)`` method is a `Classifier`, kept by name
in a `ClassifierRegistry`; third-party packages publish theirs under the entry
point group ``prospectlib.classifiers`` (see `ClassifierRegistry.load_entry_points`).

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    >>> lead = pl.Lead(id="L-1", created_at=t, company=pl.Company(name="Acme"))
    >>> labels = pl.classify(lead, at=t)
    >>> labels["market"].label.value, sorted(labels)[:3]
    ('b2b', ['acquisition', 'decision_stage', 'geography'])
"""

from prospectlib import _public
from prospectlib.classifiers._acquisition import Acquisition
from prospectlib.classifiers._acquisition import AcquisitionLabel
from prospectlib.classifiers._base import Classification
from prospectlib.classifiers._base import Classifier
from prospectlib.classifiers._base import clamp
from prospectlib.classifiers._classify import classify
from prospectlib.classifiers._classify import classify_many
from prospectlib.classifiers._decision import DecisionStage
from prospectlib.classifiers._decision import DecisionStageLabel
from prospectlib.classifiers._defaults import BUILT_IN_LABELS
from prospectlib.classifiers._defaults import BUILT_IN_NAMES
from prospectlib.classifiers._defaults import default_registry
from prospectlib.classifiers._frequency import FrequencyLabel
from prospectlib.classifiers._frequency import PurchaseFrequency
from prospectlib.classifiers._geography import Geography
from prospectlib.classifiers._geography import GeographyLabel
from prospectlib.classifiers._geography import HomeMarket
from prospectlib.classifiers._influence import Influence
from prospectlib.classifiers._influence import InfluenceLabel
from prospectlib.classifiers._market import FREE_MAIL_DOMAINS
from prospectlib.classifiers._market import Market
from prospectlib.classifiers._market import MarketLabel
from prospectlib.classifiers._profile import DEFAULT_PROFILE
from prospectlib.classifiers._profile import FitLabel
from prospectlib.classifiers._profile import ProfileCriterion
from prospectlib.classifiers._profile import ProfileFit
from prospectlib.classifiers._profile import TargetProfile
from prospectlib.classifiers._qualification import Qualification
from prospectlib.classifiers._qualification import QualificationLabel
from prospectlib.classifiers._registry import ENTRY_POINT_GROUP
from prospectlib.classifiers._registry import ClassifierRegistry
from prospectlib.classifiers._temperature import TEMPERATURE_WEIGHTS
from prospectlib.classifiers._temperature import Temperature
from prospectlib.classifiers._temperature import TemperatureLabel
from prospectlib.classifiers._volume import PurchaseVolume
from prospectlib.classifiers._volume import VolumeLabel
from prospectlib.classifiers._volume import VolumeMeasure

__all__ = [
    "BUILT_IN_LABELS",
    "BUILT_IN_NAMES",
    "DEFAULT_PROFILE",
    "ENTRY_POINT_GROUP",
    "FREE_MAIL_DOMAINS",
    "TEMPERATURE_WEIGHTS",
    "Acquisition",
    "AcquisitionLabel",
    "Classification",
    "Classifier",
    "ClassifierRegistry",
    "DecisionStage",
    "DecisionStageLabel",
    "FitLabel",
    "FrequencyLabel",
    "Geography",
    "GeographyLabel",
    "HomeMarket",
    "Influence",
    "InfluenceLabel",
    "Market",
    "MarketLabel",
    "ProfileCriterion",
    "ProfileFit",
    "PurchaseFrequency",
    "PurchaseVolume",
    "Qualification",
    "QualificationLabel",
    "TargetProfile",
    "Temperature",
    "TemperatureLabel",
    "VolumeLabel",
    "VolumeMeasure",
    "clamp",
    "classify",
    "classify_many",
    "default_registry",
]

_public.publish(globals())
