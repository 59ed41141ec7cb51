"""Geography: how far a lead is from the seller's home market (`Geography`)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import ClassVar

import attrs

from prospectlib import _convert
from prospectlib import _validate as v
from prospectlib.classifiers._base import Classification
from prospectlib.errors import InvalidConfigError
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Scalar
from prospectlib.model._countries import COUNTRY_CODES
from prospectlib.model._require import require_lead_at


class GeographyLabel(enum.StrEnum):
    """Where a lead is, seen from the seller's home market (`Geography`).

    Examples:
        >>> GeographyLabel.LOCAL.value
        'local'
    """

    LOCAL = "local"
    """Same city."""
    REGIONAL = "regional"
    """Same region, another city."""
    NATIONAL = "national"
    """Same country, another region."""
    INTERNATIONAL = "international"
    """Another country."""
    UNKNOWN = "unknown"
    """No location known."""


_LEVELS = ("country", "region", "city")
_GAP_PENALTY = 0.3
"""Confidence lost per part of the home market the lead's location leaves out."""


def _country(value: str) -> str:
    return v.code(value, COUNTRY_CODES, "an ISO 3166-1 alpha-2 country code like 'VN'")


_optional_text = v.optional(v.text("a non-empty string or None"))


def _same(text: str) -> str:
    """*text* as compared: case-folded, white space trimmed and collapsed."""
    return " ".join(text.split()).casefold()


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class HomeMarket:
    """Where the seller is at home: a country, and optionally a region and a city.

    The country is required (an ISO 3166-1 alpha-2 code; lower case is accepted
    and stored upper case); region and city are compared with a lead's location
    case-insensitively, ignoring surrounding and repeated white space, but
    otherwise as written: spell them as your leads' locations do (``"TX"`` and
    ``"Texas"`` are different regions). Leave out what does not matter to
    you: a country-wide seller gives only the country, and then no lead is
    LOCAL or REGIONAL.

    Examples:
        >>> HomeMarket(country="us", region="Texas", city="Austin")
        HomeMarket(country='US', region='Texas', city='Austin')
        >>> HomeMarket(country="XX")
        Traceback (most recent call last):
        ...
        prospectlib.errors.InvalidConfigError: HomeMarket.country: expected an \
ISO 3166-1 alpha-2 country code like 'VN'
    """

    country: str = attrs.field(converter=_country)
    """ISO 3166-1 alpha-2 country code, e.g. ``"US"``; required."""
    region: str | None = attrs.field(default=None, validator=_optional_text)
    """State, province or region, as written locally; ``None`` by default."""
    city: str | None = attrs.field(default=None, validator=_optional_text)
    """City or town; ``None`` by default."""


def _compare(home: str | None, there: str | None) -> bool | None:
    """Whether two parts are the same place (``None``: one of them is unknown)."""
    if home is None or there is None:
        return None
    return _same(home) == _same(there)


@_convert.serializable(error=InvalidConfigError)
@attrs.frozen(kw_only=True, field_transformer=v.config_fields)
class Geography:
    """Where a lead is, seen from a `HomeMarket`: LOCAL to INTERNATIONAL.

    The labels: **LOCAL** (the home market's city), **REGIONAL** (its region,
    another city), **NATIONAL** (its country, another region),
    **INTERNATIONAL** (another country) and **UNKNOWN** (no location, or none
    that can be compared).

    Without a `home` (the default) every lead is UNKNOWN: prospectlib cannot
    guess where you sell from, so the built-in ``geography`` classifier says so
    until you register one with your home market (``Geography(home=...)``).

    The location is the person's, or the company's when the person has none.
    Country, region and city are compared in that order, each where both sides
    know it. The first that differs decides (country → INTERNATIONAL, region
    → NATIONAL, city → REGIONAL); when none differs, the finest that matched
    decides (city → LOCAL, region → REGIONAL, country → NATIONAL).

    The confidence is 1 when everything the home market names is known; it
    loses 0.3 for each part the home market names that the location leaves
    out (above the deciding difference: a different region settles the matter
    whatever the city). So a lead in the home country with no region or city
    is NATIONAL with confidence 0.4 (it might be closer). Another city whose
    region is not compared could be REGIONAL or NATIONAL: it is NATIONAL with
    half the confidence. Another country is always certain.

    Evidence keys: ``home_configured``, ``location_from`` (``"person"``,
    ``"company"`` or ``None``), ``same_country``, ``same_region``,
    ``same_city`` (true, false, or ``None`` when not comparable) and
    ``missing_parts`` (the home market's parts the location leaves out).

    Examples:
        >>> import datetime as dt
        >>> import prospectlib as pl
        >>> t = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        >>> roofer = Geography(
        ...     home=HomeMarket(country="US", region="TX", city="Austin")
        ... )
        >>> homeowner = pl.Lead(
        ...     id="L-1",
        ...     created_at=t,
        ...     person=pl.Person(
        ...         location=pl.Location(country="US", region="tx", city=" austin")
        ...     ),
        ... )
        >>> c = roofer.classify(homeowner, at=t)
        >>> c.label.value, c.confidence, c.reasons[0]
        ('local', 1.0, "in the home market's city")
        >>> Geography().classify(homeowner, at=t).label.value
        'unknown'
    """

    labels: ClassVar[type[GeographyLabel]] = GeographyLabel
    """The labels it answers with."""

    name: str = attrs.field(default="geography", validator=v.text())
    """The registry name; ``"geography"`` by default."""
    home: HomeMarket | None = attrs.field(
        default=None,
        validator=v.optional(v.instance(HomeMarket, "a HomeMarket or None")),
    )
    """The seller's home market; ``None`` by default, which makes every lead
    UNKNOWN (there is no sensible default country)."""

    def classify(
        self, lead: Lead, *, at: dt.datetime
    ) -> Classification[GeographyLabel]:
        """Where *lead* is, relative to `home`.

        A location has no date, so *at* is only checked.

        Raises:
            ValidationError: *at* is not a timezone-aware datetime.
        """
        require_lead_at(lead, at)
        location, where = _location(lead)
        evidence: dict[str, Scalar] = {
            "home_configured": self.home is not None,
            "location_from": where,
            "same_country": None,
            "same_region": None,
            "same_city": None,
            "missing_parts": 0,
        }
        if self.home is None:
            return self._answer(
                GeographyLabel.UNKNOWN,
                1.0,
                ["no home market is configured"],
                evidence,
            )
        if location is None:
            return self._answer(
                GeographyLabel.UNKNOWN,
                1.0,
                ["no location is known for the person or the company"],
                evidence,
            )
        return self._place(self.home, location, where, evidence)

    def _place(
        self,
        home: HomeMarket,
        location: Location,
        where: str | None,
        evidence: dict[str, Scalar],
    ) -> Classification[GeographyLabel]:
        same = {
            level: _compare(getattr(home, level), getattr(location, level))
            for level in _LEVELS
        }
        for level in _LEVELS:
            evidence[f"same_{level}"] = same[level]
        missing: list[str] = []
        differs: str | None = None
        finest: str | None = None
        for level in _LEVELS:
            if same[level] is False:
                differs = level
                break
            if same[level]:
                finest = level
            elif getattr(home, level) is not None:
                missing.append(level)
        evidence["missing_parts"] = len(missing)
        confidence = 1.0 - _GAP_PENALTY * len(missing)
        label, reason = _label(differs, finest)
        if label is GeographyLabel.UNKNOWN:
            return self._answer(label, 1.0, [reason], evidence)
        if differs == "city" and finest != "region":
            confidence /= 2  # another city, region unknown: regional or national
        reasons = [reason]
        if missing:
            reasons.append(f"the location does not give the {' or '.join(missing)}")
        if where == "company":
            reasons.append("uses the company's location (the person has none)")
        return self._answer(label, confidence, reasons, evidence)

    def _answer(
        self,
        label: GeographyLabel,
        confidence: float,
        reasons: list[str],
        evidence: dict[str, Scalar],
    ) -> Classification[GeographyLabel]:
        return Classification(
            classifier=self.name,
            label=label,
            confidence=round(confidence, 4),
            reasons=reasons,
            evidence=evidence,
        )


def _location(lead: Lead) -> tuple[Location | None, str | None]:
    """The person's location, else the company's, and whose it is."""
    if lead.person is not None and lead.person.location is not None:
        return lead.person.location, "person"
    if lead.company is not None and lead.company.location is not None:
        return lead.company.location, "company"
    return None, None


_BY_DIFFERENCE: dict[str, tuple[GeographyLabel, str]] = {
    "country": (
        GeographyLabel.INTERNATIONAL,
        "in another country than the home market",
    ),
    "region": (GeographyLabel.NATIONAL, "in another region than the home market"),
    "city": (GeographyLabel.REGIONAL, "in the home market's region, another city"),
}
_BY_MATCH: dict[str | None, tuple[GeographyLabel, str]] = {
    "city": (GeographyLabel.LOCAL, "in the home market's city"),
    "region": (GeographyLabel.REGIONAL, "in the home market's region"),
    "country": (GeographyLabel.NATIONAL, "in the home market's country"),
    None: (
        GeographyLabel.UNKNOWN,
        "the location cannot be compared with the home market",
    ),
}


def _label(differs: str | None, finest: str | None) -> tuple[GeographyLabel, str]:
    """The label for the first part that differs, else the finest that matched."""
    if differs is None:
        return _BY_MATCH[finest]
    if differs == "city" and finest != "region":
        return GeographyLabel.NATIONAL, (
            "in another city than the home market; the region is not compared"
        )
    return _BY_DIFFERENCE[differs]
