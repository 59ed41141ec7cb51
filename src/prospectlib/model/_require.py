"""Arguments that must be a `Lead`: the checks public functions start with."""

from __future__ import annotations

import datetime as dt

from prospectlib import _validate as v
from prospectlib.errors import LeadTypeError
from prospectlib.errors import Problem
from prospectlib.model._lead import Lead


def require_lead(value: object, path: str = "lead") -> Lead:
    """Return *value* if it is a `Lead`; else raise `LeadTypeError` naming *path*.

    Examples:
        >>> require_lead({"id": "L-1"})
        Traceback (most recent call last):
        ...
        prospectlib.errors.LeadTypeError: lead: expected a Lead (got dict)
    """
    if type(value) is Lead:
        return value
    raise LeadTypeError(
        [Problem(path=path, expected=f"a Lead (got {type(value).__name__})")]
    )


def require_lead_at(lead: object, at: object) -> None:
    """`require_lead` (as ``lead``) and `require_aware` (as ``at``); fast when met."""
    if lead.__class__ is not Lead:
        require_lead(lead)
    if at.__class__ is not dt.datetime or at.tzinfo is None:
        v.require_aware(at)
