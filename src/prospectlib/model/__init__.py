"""The lead domain model: frozen, validated values with no behaviour hidden in them.

Everything here is re-exported from `prospectlib` itself.
"""

from prospectlib import _public
from prospectlib.model._enums import Activity
from prospectlib.model._enums import BuyingRole
from prospectlib.model._enums import Channel
from prospectlib.model._enums import ConsentStatus
from prospectlib.model._enums import LawfulBasis
from prospectlib.model._enums import ObjectionKind
from prospectlib.model._enums import Source
from prospectlib.model._enums import Verdict
from prospectlib.model._frozenmap import FrozenMap
from prospectlib.model._lead import PERSONAL_FIELDS
from prospectlib.model._lead import Lead
from prospectlib.model._lead import Scalar
from prospectlib.model._parties import Company
from prospectlib.model._parties import Location
from prospectlib.model._parties import Person
from prospectlib.model._records import Consent
from prospectlib.model._records import Evidence
from prospectlib.model._records import Interaction
from prospectlib.model._records import Objection
from prospectlib.model._records import Purchase
from prospectlib.model._records import StageChange
from prospectlib.model._terms import MAX_TERM
from prospectlib.model._terms import Term

__all__ = [
    "MAX_TERM",
    "PERSONAL_FIELDS",
    "Activity",
    "BuyingRole",
    "Channel",
    "Company",
    "Consent",
    "ConsentStatus",
    "Evidence",
    "FrozenMap",
    "Interaction",
    "LawfulBasis",
    "Lead",
    "Location",
    "Objection",
    "ObjectionKind",
    "Person",
    "Purchase",
    "Scalar",
    "Source",
    "StageChange",
    "Term",
    "Verdict",
]

_public.publish(globals())
