"""Open vocabularies: the built-in members, and terms of your own.

A lead's activities, its source and its objections' kinds are built-in `StrEnum`
members, or a `Term` of your own written ``namespace:name`` (``sms:sent``,
``social:zalo``, ``acme:demo_given``). The namespace keeps a term apart from
every built-in value, and a typo of a built-in (``webinar_attendence``, no
namespace) is still refused instead of becoming a new word by accident.
"""

from __future__ import annotations

import enum
import re
from typing import Self
from typing import TypeVar

from prospectlib import _validate as v
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem

E = TypeVar("E", bound=enum.StrEnum)

MAX_TERM = 64
"""The longest a term may be, namespace and colon included."""

_TERM = re.compile(r"[a-z][a-z0-9_]*:[a-z][a-z0-9_]*\Z")

TERM_EXPECTED = "a term of your own written namespace:name, e.g. 'acme:demo_given'"
TERMS_EXPECTED = "terms of your own written namespace:name, e.g. 'acme:demo_given'"


def is_term(text: object) -> bool:
    """Whether *text* is written as a term: ``namespace:name``, lower case.

    Examples:
        >>> is_term("sms:sent"), is_term("sms_sent"), is_term("SMS:sent")
        (True, False, False)
    """
    return type(text) is str and len(text) <= MAX_TERM and bool(_TERM.match(text))


class Term(str):
    """A word of your own in an open vocabulary, written ``namespace:name``.

    Use one where the built-in members do not say it: an activity your process
    records (``sms:sent``, ``sales:demo_given``), a source (``social:zalo``), an
    objection kind (``acme:contract_length``). Lower-case letters, digits and
    underscores on each side of one colon, at most `MAX_TERM` characters. A
    term is a `str`, so it compares, hashes and writes to JSON as its text; like
    the built-in members it has a ``value`` (the same text).

    Examples:
        >>> Term("sms:sent") == "sms:sent", Term("sms:sent").namespace
        (True, 'sms')
        >>> Term("sms:sent")
        Term('sms:sent')
        >>> import prospectlib as pl
        >>> import datetime as dt
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> pl.Interaction(activity="sms:sent", at=t).activity
        Term('sms:sent')
    """

    __slots__ = ()

    def __new__(cls, text: str) -> Self:
        """Check *text* is written ``namespace:name``; else `InvalidLeadError`."""
        if not is_term(text):
            detail = f"{TERM_EXPECTED} ({v.got(text)})"
            raise InvalidLeadError([Problem(path="Term", expected=detail)])
        return super().__new__(cls, text)

    @property
    def value(self) -> str:
        """The term's text, as a built-in member's ``value`` is."""
        return str(self)

    @property
    def namespace(self) -> str:
        """The part before the colon."""
        return self.partition(":")[0]

    def __repr__(self) -> str:
        """``Term('namespace:name')``."""
        return f"Term({str(self)!r})"


def open_expected(enum_type: type[enum.StrEnum]) -> str:
    """What a field of an open vocabulary takes, in words."""
    return f"one of {v.choices(enum_type)}, or {TERM_EXPECTED}"


def open_member(enum_type: type[E], value: object) -> E | Term:
    """The member of *enum_type* for *value*, or *value* as a `Term`; else refuse.

    Examples:
        >>> from prospectlib.model import Source
        >>> open_member(Source, "referral"), open_member(Source, "social:zalo")
        (<Source.REFERRAL: 'referral'>, Term('social:zalo'))
    """
    if isinstance(value, (enum_type, Term)):
        return value
    if type(value) is str and is_term(value):
        return Term(value)
    try:
        return v.member(enum_type, value)
    except v.RefusalError:
        expected = open_expected(enum_type)
        raise v.RefusalError([Problem(path="", expected=expected)]) from None


def open_members(  # noqa: PLR0913  # the shapes a list of members may be asked to have
    enum_type: type[E],
    value: object,
    *,
    expected: str | None = None,
    single: bool = True,
    non_empty: bool = False,
    distinct: bool = False,
) -> tuple[E | Term, ...]:
    """A tuple of `open_member` answers.

    With *single* (the default), one member or value alone is a list of one.

    Examples:
        >>> from prospectlib.model import Activity
        >>> open_members(Activity, ["demo_request", "sms:sent"])
        (<Activity.DEMO_REQUEST: 'demo_request'>, Term('sms:sent'))
    """
    text = expected or f"a list of {v.choices(enum_type)}, or {TERMS_EXPECTED}"
    if single and isinstance(value, str):
        value = (value,)
    out = []
    for item in v.items(value, text):
        try:
            out.append(open_member(enum_type, item))
        except v.RefusalError:
            v.refuse(text)
    if (non_empty and not out) or (distinct and len(set(out)) != len(out)):
        v.refuse(text)
    return tuple(out)
