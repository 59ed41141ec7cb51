"""Who a lead is: the person, their company and where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

from prospectlib.model import _check as c
from prospectlib.model._countries import COUNTRY_CODES
from prospectlib.model._enums import BuyingRole

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def _upper(value: str | None) -> str | None:
    return value.strip().upper() if isinstance(value, str) else value


def _country(
    inst: Location, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, str) or value not in COUNTRY_CODES:
        c.fail(inst, attribute.name, "an ISO 3166-1 alpha-2 country code like 'VN'")


@attrs.frozen(kw_only=True)
class Location:
    """Where a person or company is; at least one part must be known.

    The country is an ISO 3166-1 alpha-2 code; lower case is accepted and stored
    upper case.

    Examples:
        >>> Location(country="vn", city="Hanoi")
        Location(country='VN', region=None, city='Hanoi', postal_code=None)
    """

    country: str | None = attrs.field(
        default=None, converter=_upper, validator=_country
    )
    """ISO 3166-1 alpha-2 country code, e.g. ``"VN"``."""
    region: str | None = attrs.field(default=None, validator=c.optional(c.text))
    """State, province or region, as written locally."""
    city: str | None = attrs.field(default=None, validator=c.optional(c.text))
    """City or town."""
    postal_code: str | None = attrs.field(default=None, validator=c.optional(c.text))
    """Postal code."""

    def __attrs_post_init__(self) -> None:
        """Refuse a location that says nothing."""
        if self.country is None and self.region is None and self.city is None:
            c.fail(self, "country", "at least one of country, region or city")


def _email(inst: Person, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or _EMAIL.fullmatch(value) is None:
        c.fail(inst, attribute.name, "an e-mail address like 'name@example.com'")


_optional_text = c.optional(c.text)


def _role(value: BuyingRole | str | None) -> BuyingRole | None:
    return None if value is None else c.enum_value(BuyingRole, value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return c.to_tuple(value)


_optional_location = c.optional(c.instance(Location, "a Location"))


@attrs.frozen(kw_only=True)
class Person:
    """The person behind a lead: contact details and what a target profile uses.

    Every field is optional; record what is known.

    Examples:
        >>> p = Person(
        ...     job_title="Head of Operations",
        ...     role=BuyingRole.DECISION_MAKER,
        ...     email="an@acme.example",
        ... )
        >>> p.email_domain, p.role.value
        ('acme.example', 'decision_maker')
    """

    name: str | None = attrs.field(default=None, validator=_optional_text)
    """Full name."""
    email: str | None = attrs.field(default=None, validator=_email)
    """E-mail address."""
    phone: str | None = attrs.field(default=None, validator=_optional_text)
    """Phone number, as written."""
    job_title: str | None = attrs.field(default=None, validator=_optional_text)
    """Job title, e.g. ``"Head of Operations"``."""
    role: BuyingRole | None = attrs.field(
        default=None,
        converter=_role,
        validator=c.optional(c.member_of(BuyingRole)),
    )
    """The part this person plays in a buying decision."""
    age: int | None = attrs.field(
        default=None, validator=c.optional(c.int_between(0, 130))
    )
    """Age in years."""
    gender: str | None = attrs.field(default=None, validator=_optional_text)
    """Gender, as the person gave it."""
    income: Decimal | None = attrs.field(
        default=None, converter=c.to_optional_decimal, validator=c.optional(c.money)
    )
    """Yearly income, in the currency the application uses."""
    occupation: str | None = attrs.field(default=None, validator=_optional_text)
    """Occupation, e.g. ``"student"`` or ``"nurse"``."""
    lifestyle: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=c.texts
    )
    """Lifestyle descriptors, e.g. ``("outdoors", "family")``."""
    interests: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=c.texts
    )
    """Interests, e.g. ``("cycling", "photography")``."""
    values: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=c.texts
    )
    """Values the person holds, e.g. ``("sustainability",)``."""
    location: Location | None = attrs.field(default=None, validator=_optional_location)
    """Where the person lives or works."""
    social_reach: int | None = attrs.field(default=None, validator=c.optional(c.count))
    """Followers or contacts on social networks, summed."""

    @property
    def email_domain(self) -> str | None:
        """The lower-case domain of the e-mail address, or ``None``."""
        if self.email is None:
            return None
        return self.email.rpartition("@")[2].lower()


@attrs.frozen(kw_only=True)
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
    employees: int | None = attrs.field(default=None, validator=c.optional(c.count))
    """Number of employees."""
    annual_revenue: Decimal | None = attrs.field(
        default=None, converter=c.to_optional_decimal, validator=c.optional(c.money)
    )
    """Yearly revenue, in the currency the application uses."""
    location: Location | None = attrs.field(default=None, validator=_optional_location)
    """Where the company is based."""
    company_type: str | None = attrs.field(default=None, validator=_optional_text)
    """Kind of company, an open vocabulary such as ``"smb"`` or ``"nonprofit"``."""
    domain: str | None = attrs.field(default=None, validator=_optional_text)
    """Web domain, e.g. ``"acme.example"``."""
