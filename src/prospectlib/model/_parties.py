"""Who a lead is: the person, their company and where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from prospectlib import _validate as v
from prospectlib.model._countries import COUNTRY_CODES
from prospectlib.model._enums import BuyingRole

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_optional_text = v.optional(v.text(detail=True))


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    return v.code(value, COUNTRY_CODES, "an ISO 3166-1 alpha-2 country code like 'VN'")


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Location:
    """Where a person or company is; at least one part must be known.

    The country is an ISO 3166-1 alpha-2 code; lower case is accepted and stored
    upper case.

    Examples:
        >>> Location(country="vn", city="Hanoi")
        Location(country='VN', region=None, city='Hanoi', postal_code=None)
    """

    country: str | None = attrs.field(default=None, converter=_country)
    """ISO 3166-1 alpha-2 country code, e.g. ``"VN"``."""
    region: str | None = attrs.field(default=None, validator=_optional_text)
    """State, province or region, as written locally."""
    city: str | None = attrs.field(default=None, validator=_optional_text)
    """City or town."""
    postal_code: str | None = attrs.field(default=None, validator=_optional_text)
    """Postal code."""

    def __attrs_post_init__(self) -> None:
        """Refuse a location that says nothing."""
        if self.country is None and self.region is None and self.city is None:
            raise v.lead_error(
                self, "country", "at least one of country, region or city"
            )


_email = v.optional(v.matches(_EMAIL, "an e-mail address like 'name@example.com'"))


def _role(value: BuyingRole | str | None) -> BuyingRole | None:
    return v.optional_member(BuyingRole, value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return v.texts(value, "a tuple of non-empty strings", item="a non-empty string")


def _amount(value: Decimal | float | str | None) -> Decimal | None:
    return None if value is None else v.amount(value)


_optional_location = v.optional(v.instance(Location, "a Location", detail=True))
_optional_count = v.optional(v.whole(0, detail=True))

PERSONAL = "personal"
"""The attrs metadata key marking a field that holds personal data."""
_PERSONAL = {PERSONAL: True}


def _hidden(value: object) -> str:
    """A personal field in a repr: whether it is set, never its value."""
    return "None" if value is None else "<personal>"


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Person:
    """The person behind a lead: contact details and what a target profile uses.

    Every field is optional; record what is known. The fields marked personal
    data (``name``, ``email``, ``phone``, ``age``, ``gender``, ``income``; see
    `PERSONAL_FIELDS`) never show their values: a repr says only whether they
    are set, and explanations name the field and the test, not the value.

    Examples:
        >>> p = Person(
        ...     job_title="Head of Operations",
        ...     role=BuyingRole.DECISION_MAKER,
        ...     email="an@acme.example",
        ... )
        >>> p.email_domain, p.role.value
        ('acme.example', 'decision_maker')
        >>> p
        Person(name=None, email=<personal>, phone=None, job_title='Head of ...)
    """

    name: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=_PERSONAL, repr=_hidden
    )
    """Full name (personal data)."""
    email: str | None = attrs.field(
        default=None, validator=_email, metadata=_PERSONAL, repr=_hidden
    )
    """E-mail address (personal data)."""
    phone: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=_PERSONAL, repr=_hidden
    )
    """Phone number, as written (personal data)."""
    job_title: str | None = attrs.field(default=None, validator=_optional_text)
    """Job title, e.g. ``"Head of Operations"``."""
    role: BuyingRole | None = attrs.field(default=None, converter=_role)
    """The part this person plays in a buying decision."""
    age: int | None = attrs.field(
        default=None,
        validator=v.optional(v.whole(0, 130, detail=True)),
        metadata=_PERSONAL,
        repr=_hidden,
    )
    """Age in years (personal data)."""
    gender: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=_PERSONAL, repr=_hidden
    )
    """Gender, as the person gave it (personal data)."""
    income: Decimal | None = attrs.field(
        default=None, converter=_amount, metadata=_PERSONAL, repr=_hidden
    )
    """Yearly income, in the currency the application uses (personal data)."""
    occupation: str | None = attrs.field(default=None, validator=_optional_text)
    """Occupation, e.g. ``"student"`` or ``"nurse"``."""
    lifestyle: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    """Lifestyle descriptors, e.g. ``("outdoors", "family")``."""
    interests: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    """Interests, e.g. ``("cycling", "photography")``."""
    values: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    """Values the person holds, e.g. ``("sustainability",)``."""
    location: Location | None = attrs.field(default=None, validator=_optional_location)
    """Where the person lives or works."""
    social_reach: int | None = attrs.field(default=None, validator=_optional_count)
    """Followers or contacts on social networks, summed."""

    @property
    def email_domain(self) -> str | None:
        """The lower-case domain of the e-mail address, or ``None``."""
        if self.email is None:
            return None
        return self.email.rpartition("@")[2].lower()


@attrs.frozen(kw_only=True, field_transformer=v.lead_fields)
class Company:
    """The organisation a business lead works for.

    Examples:
        >>> Company(name="Acme", industry="logistics", employees=240).employees
        240
    """

    name: str | None = attrs.field(default=None, validator=_optional_text)
    """Company name."""
    industry: str | None = attrs.field(default=None, validator=_optional_text)
    """Industry, an open vocabulary such as ``"logistics"``."""
    employees: int | None = attrs.field(default=None, validator=_optional_count)
    """Number of employees."""
    annual_revenue: Decimal | None = attrs.field(default=None, converter=_amount)
    """Yearly revenue, in the currency the application uses."""
    location: Location | None = attrs.field(default=None, validator=_optional_location)
    """Where the company is based."""
    company_type: str | None = attrs.field(default=None, validator=_optional_text)
    """Kind of company, an open vocabulary such as ``"smb"`` or ``"nonprofit"``."""
    domain: str | None = attrs.field(default=None, validator=_optional_text)
    """Web domain, e.g. ``"acme.example"``."""
