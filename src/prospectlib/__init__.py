"""prospectlib: lead lifecycle modelling as a pure-domain Python library.

The names most users need are importable from here; subpackages hold the rest:
`prospectlib.lifecycle` (pipelines), `prospectlib.classifiers` (what kind of
lead it is), `prospectlib.qualification` (BANT, MEDDIC and other frameworks),
`prospectlib.scoring` (how good it is), `prospectlib.workflow` (what to do
next, and which lead first), `prospectlib.criteria` (predicates over a lead),
`prospectlib.serialize` (dicts and JSON), `prospectlib.samples` (sample leads)
and `prospectlib.strategies` (Hypothesis strategies).

Examples:
    >>> import datetime as dt
    >>> import prospectlib as pl
    >>> lead = pl.Lead(id="L-1", created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    >>> lead.stage
    'prospect'
"""

from prospectlib import _public
from prospectlib import classifiers as classifiers
from prospectlib import criteria as criteria
from prospectlib import lifecycle as lifecycle
from prospectlib import qualification as qualification
from prospectlib import scoring as scoring
from prospectlib import serialize as serialize
from prospectlib import workflow as workflow
from prospectlib._version import __version__
from prospectlib.classifiers import Classification
from prospectlib.classifiers import classify
from prospectlib.classifiers import classify_many
from prospectlib.errors import ArgumentTypeError
from prospectlib.errors import ClassifierError
from prospectlib.errors import ConfigTypeError
from prospectlib.errors import InvalidConfigError
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import LeadTypeError
from prospectlib.errors import MissingDependencyError
from prospectlib.errors import Problem
from prospectlib.errors import ProspectlibError
from prospectlib.errors import TransitionNotAllowedError
from prospectlib.errors import UnknownClassifierError
from prospectlib.errors import UnknownEventError
from prospectlib.errors import UnknownNameError
from prospectlib.errors import UnknownStageError
from prospectlib.errors import Unmet
from prospectlib.errors import UnsupportedTypeError
from prospectlib.errors import ValidationError
from prospectlib.model import Activity
from prospectlib.model import BuyingRole
from prospectlib.model import Channel
from prospectlib.model import Company
from prospectlib.model import Consent
from prospectlib.model import ConsentStatus
from prospectlib.model import Evidence
from prospectlib.model import FrozenMap
from prospectlib.model import Interaction
from prospectlib.model import LawfulBasis
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Objection
from prospectlib.model import ObjectionKind
from prospectlib.model import Person
from prospectlib.model import Purchase
from prospectlib.model import Scalar
from prospectlib.model import Source
from prospectlib.model import StageChange
from prospectlib.model import Term
from prospectlib.model import Verdict

__all__ = [
    "Activity",
    "ArgumentTypeError",
    "BuyingRole",
    "Channel",
    "Classification",
    "ClassifierError",
    "Company",
    "ConfigTypeError",
    "Consent",
    "ConsentStatus",
    "Evidence",
    "FrozenMap",
    "Interaction",
    "InvalidConfigError",
    "InvalidLeadError",
    "LawfulBasis",
    "Lead",
    "LeadTypeError",
    "Location",
    "MissingDependencyError",
    "Objection",
    "ObjectionKind",
    "Person",
    "Problem",
    "ProspectlibError",
    "Purchase",
    "Scalar",
    "Source",
    "StageChange",
    "Term",
    "TransitionNotAllowedError",
    "UnknownClassifierError",
    "UnknownEventError",
    "UnknownNameError",
    "UnknownStageError",
    "Unmet",
    "UnsupportedTypeError",
    "ValidationError",
    "Verdict",
    "__version__",
    "classify",
    "classify_many",
]

_public.publish(globals())
