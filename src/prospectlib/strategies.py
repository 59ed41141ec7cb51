"""Hypothesis strategies for every prospectlib value, for your own property tests.

Each function returns a `SearchStrategy` whose values pass the model's
validators and respect every invariant a `Lead` keeps: times are
timezone-aware (with UTC offsets other than zero, too) and never before the
lead's ``created_at``; the stage history is chained, in time order and ends at
the lead's ``stage``; evidence is keyed by criterion and consent by channel.
Strings include non-ASCII text, amounts are finite non-negative `Decimal` values
with varied exponents.

This module needs the ``hypothesis`` extra (``pip install
'prospectlib[hypothesis]'``); importing it without raises
`prospectlib.MissingDependencyError`.

Examples:
    Use the strategies with `hypothesis.given` in your tests:

    >>> from hypothesis import given, settings
    >>> from prospectlib.strategies import leads
    >>> @settings(max_examples=20)
    ... @given(leads())
    ... def test_spending_is_never_negative(lead):
    ...     assert lead.amount_spent("EUR") >= 0
    >>> test_spending_is_never_negative()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

import attrs

from prospectlib.errors import MissingDependencyError
from prospectlib.errors import Problem
from prospectlib.errors import ValidationError
from prospectlib.model import Activity
from prospectlib.model import BuyingRole
from prospectlib.model import Channel
from prospectlib.model import Company
from prospectlib.model import Consent
from prospectlib.model import ConsentStatus
from prospectlib.model import Evidence
from prospectlib.model import Interaction
from prospectlib.model import LawfulBasis
from prospectlib.model import Lead
from prospectlib.model import Location
from prospectlib.model import Objection
from prospectlib.model import ObjectionKind
from prospectlib.model import Person
from prospectlib.model import Purchase
from prospectlib.model import Source
from prospectlib.model import StageChange
from prospectlib.model import Term
from prospectlib.model import Verdict
from prospectlib.model._countries import COUNTRY_CODES

try:
    from hypothesis import strategies as st
except ImportError as exc:
    raise MissingDependencyError(feature="strategies", extra="hypothesis") from exc


T = TypeVar("T")

__all__ = [
    "EARLIEST",
    "LATEST",
    "aware_datetimes",
    "companies",
    "consents",
    "evidence",
    "interactions",
    "leads",
    "locations",
    "objections",
    "persons",
    "purchases",
    "stage_changes",
    "stage_ids",
    "terms",
]

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The default lower bound of generated times: 2000-01-01 00:00 UTC."""
LATEST = dt.datetime(2035, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)
"""The default upper bound of generated times: the last instant of 2035, UTC."""

# Fixed offsets, UTC first so that shrinking ends there; the others are the
# kinds that break code which assumes whole hours or the local zone.
_OFFSETS = (
    dt.UTC,
    *(
        dt.timezone(dt.timedelta(minutes=minutes))
        for minutes in (330, -480, 60, 540, 345, -210, 840, -600)
    ),
)

# Realistic values first (Hypothesis shrinks towards the first branch of a
# `one_of`), then arbitrary Unicode so that code which assumes ASCII is caught.
_NAMES = ("An Nguyen", "Nguyễn Thị Mai", "Zoë Müller", "Łukasz Wójcik", "田中 花子")
_JOB_TITLES = ("Head of Operations", "CTO", "Procurement Manager", "Giám đốc", "Nurse")
_OCCUPATIONS = ("engineer", "student", "nurse", "teacher", "retired")
_GENDERS = ("female", "male", "non-binary")
_DESCRIPTORS = ("outdoors", "family", "cycling", "photography", "sustainability")
_CITIES = ("Hanoi", "São Paulo", "Zürich", "東京", "Łódź")
_REGIONS = ("Île-de-France", "Bavaria", "California", "Hà Nội")
_COMPANY_NAMES = ("Acme", "Müller & Söhne", "株式会社テスト", "Ωmega Logistics")
_INDUSTRIES = ("logistics", "retail", "healthcare", "software", "manufacturing")
_COMPANY_TYPES = ("smb", "enterprise", "startup", "nonprofit", "public_sector")
_DOMAINS = ("acme.example", "bücher.example", "example.com")
_DETAILS = ("Routing 101", "Pricing page", "Spring webinar", "Catálogo 2026")
_PRODUCTS = ("Starter plan", "Pro plan", "Widget", "Phở kit")
_CURRENCIES = ("EUR", "USD", "VND", "JPY", "GBP")
_CRITERIA = ("budget", "authority", "need", "timing", "champion", "metrics")
_STAGES = (
    "prospect",
    "information_qualified",
    "marketing_qualified",
    "sales_accepted",
    "sales_qualified",
    "opportunity",
    "customer",
    "lost",
    "dead",
)
_EVENTS = ("capture", "qualify_marketing", "accept", "qualify_sales", "win", "lose")
_NOTES = ("confirmed on the discovery call", "20k approved", "asked again in May")
_ACTORS = ("sales-team", "auto-qualifier", "user-17")
_TAGS = ("vip", "trade-fair-2026", "newsletter", "größe-xl")
_ATTRIBUTE_NAMES = ("plan", "seats", "score", "crm_id", "opted_in")
_EMAILS = ("an@acme.example", "zoë@bücher.example")
_COUNTRIES = tuple(sorted(COUNTRY_CODES))
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"

# Any Unicode character UTF-8 can encode (no lone surrogates), controls included.
_ANY_CHAR = st.characters(codec="utf-8")
# `[^@\s]`: every character that Python's `\s` matches is a control (Cc) or a
# separator (Z*), so excluding those categories and "@" leaves only legal ones.
_ADDRESS_CHAR = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Zs", "Zl", "Zp"), exclude_characters="@"
)
_LABEL_CHAR = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Zs", "Zl", "Zp"), exclude_characters="@."
)


def _texts(samples: Sequence[str] = (), max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-empty strings that are not only white space, *samples* first."""
    arbitrary = st.text(_ANY_CHAR, min_size=1, max_size=max_size).filter(str.strip)
    return st.sampled_from(samples) | arbitrary if samples else arbitrary


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _decimal(coefficient: int, exponent: int) -> Decimal:
    return Decimal(f"{coefficient}E{exponent}")


def _localize(instant: dt.datetime, offset: dt.timezone) -> dt.datetime:
    try:
        return instant.astimezone(offset)
    except OverflowError:  # within hours of datetime.min or .max: stay in UTC
        return instant


# Everything that does not depend on a time window is built once, here: building
# and validating a strategy tree for every drawn lead costs more than drawing it.
_OFFSET = st.sampled_from(_OFFSETS)
# Finite Decimals >= 0 with exponents from -4 to 4, e.g. 0.0050 and 1.2E+4.
_AMOUNT = st.builds(_decimal, st.integers(0, 10**9), st.integers(-4, 4))
_EMAIL = st.sampled_from(_EMAILS) | st.builds(
    "{}@{}.{}".format,
    st.text(_ADDRESS_CHAR, min_size=1, max_size=12),
    st.text(_ADDRESS_CHAR, min_size=1, max_size=12),
    st.text(_LABEL_CHAR, min_size=1, max_size=6),
)
_NOTE = _optional(_texts(_NOTES))
_EVENT = _texts(_EVENTS)
_ACTOR = _optional(_texts(_ACTORS))
_STAGE = _texts(_STAGES)
_CRITERION = _texts(_CRITERIA)
_CURRENCY = st.sampled_from(_CURRENCIES) | st.text(_UPPER, min_size=3, max_size=3)
_INTERACTION_VALUE = _optional(
    st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False)
)
_SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(_ANY_CHAR, max_size=16)
)
_ATTRIBUTES = st.dictionaries(
    st.sampled_from(_ATTRIBUTE_NAMES) | st.text(_ANY_CHAR, min_size=1, max_size=12),
    _SCALAR,
    max_size=3,
)
_LEAD_ID = st.integers(1, 999_999).map("L-{}".format) | _texts()
_TAG_SET = st.frozensets(_texts(_TAGS, max_size=12), max_size=3)


def _check_window(
    owner: str, names: tuple[str, str], low: object, high: object
) -> None:
    problems = [
        Problem(path=f"{owner}.{name}", expected="a timezone-aware datetime")
        for name, value in zip(names, (low, high), strict=True)
        if not isinstance(value, dt.datetime) or value.utcoffset() is None
    ]
    if not problems and low > high:  # type: ignore[operator]  # both are datetimes
        problems.append(
            Problem(
                path=f"{owner}.{names[1]}", expected=f"a time on or after {names[0]}"
            )
        )
    if problems:
        raise ValidationError(problems)


def _check_size(owner: str, name: str, value: object) -> None:
    if type(value) is not int or value < 0:
        raise ValidationError(
            [Problem(path=f"{owner}.{name}", expected="a whole number >= 0")]
        )


def _instants(low: dt.datetime, high: dt.datetime) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in ``[low, high]`` (already checked), at varied offsets."""
    naive = st.datetimes(
        min_value=low.astimezone(dt.UTC).replace(tzinfo=None),
        max_value=high.astimezone(dt.UTC).replace(tzinfo=None),
    )
    return st.builds(_localize, naive.map(lambda t: t.replace(tzinfo=dt.UTC)), _OFFSET)


# Inside a window, a time can also be drawn as one whole number, a "moment",
# that encodes a fraction of the window and an offset (0 is the window's start,
# in UTC). Strategies for records are built once with a placeholder time that
# is then replaced: a strategy built per drawn lead (or objection) would be
# validated per draw, and drawing fewer, larger numbers is faster too; leads
# are drawn thousands of times in a test suite.
_SCALE = 2**32
_MOMENT = st.integers(0, (_SCALE + 1) * len(_OFFSETS) - 1)
_PLACEHOLDER = st.just(EARLIEST)


def _at(low: dt.datetime, high: dt.datetime, moment: int) -> dt.datetime:
    """The time *moment* points at in ``[low, high]``, shown at its offset."""
    fraction, offset = divmod(moment, len(_OFFSETS))
    span = (high - low) // dt.timedelta(microseconds=1)
    instant = low + dt.timedelta(microseconds=span * fraction // _SCALE)
    return _localize(instant, _OFFSETS[offset])


def aware_datetimes(
    *, min_value: dt.datetime = EARLIEST, max_value: dt.datetime = LATEST
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes from *min_value* to *max_value*, both included.

    The bounds compare as instants; each value carries a fixed UTC offset: UTC
    itself and others such as +05:30, +05:45, -03:30 and -08:00.

    Args:
        min_value: The earliest instant (timezone-aware).
        max_value: The latest instant (timezone-aware).

    Returns:
        A strategy of aware `datetime` values.

    Raises:
        ValidationError: A bound is not a timezone-aware datetime, or
            *max_value* is before *min_value*.

    Examples:
        >>> import datetime as dt
        >>> from hypothesis import find
        >>> start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        >>> when = find(
        ...     aware_datetimes(min_value=start),
        ...     lambda t: t.utcoffset() != dt.timedelta(0),
        ... )
        >>> when >= start, when.utcoffset() != dt.timedelta(0)
        (True, True)
    """
    _check_window("aware_datetimes", ("min_value", "max_value"), min_value, max_value)
    return _instants(min_value, max_value)


_COUNTRY = st.sampled_from(_COUNTRIES)
_LOCATION_PARTS = st.tuples(
    _optional(_COUNTRY),
    _optional(_texts(_REGIONS)),
    _optional(_texts(_CITIES)),
    _optional(st.text(_DIGITS, min_size=4, max_size=6)),
)


@st.composite
def _draw_location(draw: st.DrawFn) -> Location:
    country, region, city, postal_code = draw(_LOCATION_PARTS)
    if country is None and region is None and city is None:
        country = draw(_COUNTRY)
    return Location(country=country, region=region, city=city, postal_code=postal_code)


_LOCATION = _draw_location()
_DESCRIPTORS_TUPLE = st.lists(_texts(_DESCRIPTORS), max_size=2).map(tuple)
_PERSON = st.builds(
    Person,
    name=_optional(_texts(_NAMES)),
    email=_optional(_EMAIL),
    phone=_optional(st.text(_DIGITS, min_size=6, max_size=12).map("+{}".format)),
    job_title=_optional(_texts(_JOB_TITLES)),
    role=_optional(st.sampled_from(BuyingRole)),
    age=_optional(st.integers(0, 130)),
    gender=_optional(_texts(_GENDERS)),
    income=_optional(_AMOUNT),
    occupation=_optional(_texts(_OCCUPATIONS)),
    lifestyle=_DESCRIPTORS_TUPLE,
    interests=_DESCRIPTORS_TUPLE,
    values=_DESCRIPTORS_TUPLE,
    location=_optional(_LOCATION),
    social_reach=_optional(st.integers(0, 10**7)),
)
_COMPANY = st.builds(
    Company,
    name=_optional(_texts(_COMPANY_NAMES)),
    industry=_optional(_texts(_INDUSTRIES)),
    employees=_optional(st.integers(0, 10**6)),
    annual_revenue=_optional(_AMOUNT),
    location=_optional(_LOCATION),
    company_type=_optional(_texts(_COMPANY_TYPES)),
    domain=_optional(_texts(_DOMAINS)),
)


def locations() -> st.SearchStrategy[Location]:
    """Locations with at least one of country, region or city.

    Countries are ISO 3166-1 alpha-2 codes; regions and cities are any text.

    Returns:
        A strategy of `Location` values.

    Examples:
        >>> from hypothesis import find
        >>> place = find(locations(), lambda loc: loc.city is not None)
        >>> place.city.strip() != ""
        True
    """
    return _LOCATION


def persons() -> st.SearchStrategy[Person]:
    """People with any mix of known and unknown details.

    E-mail addresses match the model's pattern (non-ASCII ones included),
    ages lie from 0 to 130, incomes are finite `Decimal` values >= 0.

    Returns:
        A strategy of `Person` values.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(persons())
        ... def test_email_domain_is_lower_case(person):
        ...     domain = person.email_domain
        ...     assert domain is None or domain == domain.lower()
        >>> test_email_domain_is_lower_case()
    """
    return _PERSON


def companies() -> st.SearchStrategy[Company]:
    """Companies with any mix of known and unknown details.

    Returns:
        A strategy of `Company` values.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(companies())
        ... def test_headcount_is_never_negative(company):
        ...     assert company.employees is None or company.employees >= 0
        >>> test_headcount_is_never_negative()
    """
    return _COMPANY


def _interactions(
    times: st.SearchStrategy[dt.datetime],
) -> st.SearchStrategy[Interaction]:
    return st.builds(
        Interaction,
        activity=st.sampled_from(Activity),
        at=times,
        channel=_optional(st.sampled_from(Channel)),
        value=_INTERACTION_VALUE,
        detail=_optional(_texts(_DETAILS)),
    )


def interactions(
    *, since: dt.datetime = EARLIEST, until: dt.datetime = LATEST
) -> st.SearchStrategy[Interaction]:
    """Interactions that happened from *since* to *until*, both included.

    ``value`` is ``None``, a whole number or a finite float.

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).

    Returns:
        A strategy of `Interaction` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> import datetime as dt
        >>> from hypothesis import given, settings
        >>> day = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
        >>> @settings(max_examples=20)
        ... @given(interactions(since=day, until=day + dt.timedelta(days=1)))
        ... def test_happens_that_day(interaction):
        ...     assert day <= interaction.at <= day + dt.timedelta(days=1)
        >>> test_happens_that_day()
    """
    _check_window("interactions", ("since", "until"), since, until)
    return _interactions(_instants(since, until))


def _purchases(
    times: st.SearchStrategy[dt.datetime],
    currencies: st.SearchStrategy[str] = _CURRENCY,
) -> st.SearchStrategy[Purchase]:
    return st.builds(
        Purchase,
        at=times,
        amount=_AMOUNT,
        currency=currencies,
        quantity=st.integers(0, 1000),
        product=_optional(_texts(_PRODUCTS)),
        reference=_optional(st.integers(1, 10**8).map("INV-{}".format) | _texts()),
    )


def purchases(
    *,
    since: dt.datetime = EARLIEST,
    until: dt.datetime = LATEST,
    currencies: Sequence[str] | None = None,
) -> st.SearchStrategy[Purchase]:
    """Purchases made from *since* to *until*, both included.

    Amounts are finite `Decimal` values >= 0 with exponents from -4 to 4
    (``Decimal("0.0050")``, ``Decimal("1.2E+4")``).

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).
        currencies: The currency codes to pick from; by default a few common
            ones and any three capital letters.

    Returns:
        A strategy of `Purchase` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(purchases(currencies=["EUR", "VND"]))
        ... def test_amount_is_finite(purchase):
        ...     assert purchase.currency in {"EUR", "VND"}
        ...     assert purchase.amount.is_finite() and purchase.amount >= 0
        >>> test_amount_is_finite()
    """
    _check_window("purchases", ("since", "until"), since, until)
    times = _instants(since, until)
    if currencies is None:
        return _purchases(times)
    return _purchases(times, st.sampled_from(tuple(currencies)))


_OBJECTION = st.builds(
    Objection, kind=st.sampled_from(ObjectionKind), raised_at=_PLACEHOLDER, note=_NOTE
)


def _objection(
    template: Objection,
    raised_at: dt.datetime,
    resolved: int | None,
    until: dt.datetime,
) -> Objection:
    """*template* raised at *raised_at* and, if *resolved*, resolved by *until*."""
    resolved_at = None if resolved is None else _at(raised_at, until, resolved)
    return attrs.evolve(template, raised_at=raised_at, resolved_at=resolved_at)


def objections(
    *, since: dt.datetime = EARLIEST, until: dt.datetime = LATEST
) -> st.SearchStrategy[Objection]:
    """Objections raised from *since* to *until*; some resolved, never before raised.

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).

    Returns:
        A strategy of `Objection` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(objections())
        ... def test_not_open_once_resolved(objection):
        ...     if objection.resolved_at is not None:
        ...         assert not objection.is_open(at=objection.resolved_at)
        >>> test_not_open_once_resolved()
    """
    _check_window("objections", ("since", "until"), since, until)
    return st.builds(
        _objection,
        _OBJECTION,
        _instants(since, until),
        _optional(_MOMENT),
        st.just(until),
    )


def _evidence(
    times: st.SearchStrategy[dt.datetime], names: st.SearchStrategy[str]
) -> st.SearchStrategy[Evidence]:
    return st.builds(
        Evidence,
        criterion=names,
        verdict=st.sampled_from(Verdict),
        at=times,
        note=_NOTE,
    )


def evidence(
    *,
    since: dt.datetime = EARLIEST,
    until: dt.datetime = LATEST,
    criteria: Sequence[str] | None = None,
) -> st.SearchStrategy[Evidence]:
    """Qualification evidence established from *since* to *until*.

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).
        criteria: The criterion names to pick from; by default BANT-like names
            and any other text.

    Returns:
        A strategy of `Evidence` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> from hypothesis import find
        >>> found = find(evidence(criteria=["budget"]), lambda e: e.verdict == "met")
        >>> found.criterion, found.verdict.value
        ('budget', 'met')
    """
    _check_window("evidence", ("since", "until"), since, until)
    names = _CRITERION if criteria is None else st.sampled_from(tuple(criteria))
    return _evidence(_instants(since, until), names)


def _consents(times: st.SearchStrategy[dt.datetime]) -> st.SearchStrategy[Consent]:
    return st.builds(
        Consent,
        channel=st.sampled_from(Channel),
        status=st.sampled_from(ConsentStatus),
        basis=_optional(st.sampled_from(LawfulBasis)),
        at=_optional(times),
    )


def consents(
    *, since: dt.datetime = EARLIEST, until: dt.datetime = LATEST
) -> st.SearchStrategy[Consent]:
    """Consent records; those that carry a time have one from *since* to *until*.

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).

    Returns:
        A strategy of `Consent` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> from hypothesis import find
        >>> granted = find(consents(), lambda c: c.permits)
        >>> granted.status.value
        'granted'
    """
    _check_window("consents", ("since", "until"), since, until)
    return _consents(_instants(since, until))


def stage_ids() -> st.SearchStrategy[str]:
    """Stage ids: the usual B2B stages, and any other non-blank text.

    Returns:
        A strategy of stage id strings.

    Examples:
        >>> from hypothesis import find
        >>> find(stage_ids(), lambda stage: stage.startswith("sales_"))
        'sales_accepted'
    """
    return _STAGE


_TERM_PART = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
_TERM = st.one_of(
    st.sampled_from([Term(t) for t in ("sms:sent", "social:zalo", "sales:demo_given")]),
    st.builds(lambda ns, name: Term(f"{ns}:{name}"), _TERM_PART, _TERM_PART),
)


def terms() -> st.SearchStrategy[Term]:
    """Terms of your own (`prospectlib.Term`): ``namespace:name`` words.

    Use them with `interactions` and `leads` through ``attrs.evolve`` to check
    that your code takes activities, sources and objection kinds it has never
    seen.

    Returns:
        A strategy of `Term` values.

    Examples:
        >>> from hypothesis import find
        >>> find(terms(), lambda term: term.namespace == "social")
        Term('social:zalo')
    """
    return _TERM


def stage_changes(
    *,
    since: dt.datetime = EARLIEST,
    until: dt.datetime = LATEST,
    stages: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[StageChange]:
    """Single stage changes made from *since* to *until*.

    A lead's history is more than a list of these (it must be chained and
    ordered); `leads` builds valid histories.

    Args:
        since: The earliest time (timezone-aware).
        until: The latest time (timezone-aware).
        stages: Where source and target stages come from; `stage_ids` by default.

    Returns:
        A strategy of `StageChange` values.

    Raises:
        ValidationError: A bound is not aware, or *until* is before *since*.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hypothesis import strategies as st
        >>> @settings(max_examples=20)
        ... @given(stage_changes(stages=st.sampled_from(["prospect", "customer"])))
        ... def test_stages_come_from_the_pipeline(change):
        ...     assert {change.source, change.target} <= {"prospect", "customer"}
        >>> test_stages_come_from_the_pipeline()
    """
    _check_window("stage_changes", ("since", "until"), since, until)
    stage = _STAGE if stages is None else stages
    return st.builds(
        StageChange,
        event=_EVENT,
        source=stage,
        target=stage,
        at=_instants(since, until),
        reason=_NOTE,
        actor=_ACTOR,
    )


# Record templates for `leads`: the placeholder time is replaced inside the lead.
_INTERACTION = _interactions(_PLACEHOLDER)
_PURCHASE = _purchases(_PLACEHOLDER)
_EVIDENCE = _evidence(_PLACEHOLDER, _CRITERION)
_CONSENT = _consents(st.nothing())


def _key_of_evidence(item: tuple[Evidence, object]) -> str:
    return item[0].criterion


def _key_of_consent(item: tuple[Consent, object]) -> Channel:
    return item[0].channel


_Moment = int
_SOURCE = st.sampled_from(Source)
_MAYBE_PERSON = _optional(_PERSON)
_MAYBE_COMPANY = _optional(_COMPANY)
_EVIDENCE_LIST = st.lists(
    st.tuples(_EVIDENCE, _MOMENT), max_size=3, unique_by=_key_of_evidence
)
_CONSENT_LIST = st.lists(
    st.tuples(_CONSENT, _optional(_MOMENT)), max_size=3, unique_by=_key_of_consent
)


@attrs.frozen
class _Plan:
    """The strategies one call of `leads` draws from, built once per call."""

    created: st.SearchStrategy[dt.datetime]
    until: dt.datetime
    interactions: st.SearchStrategy[list[tuple[Interaction, _Moment]]]
    purchases: st.SearchStrategy[list[tuple[Purchase, _Moment]]]
    objections: st.SearchStrategy[list[tuple[Objection, _Moment, _Moment | None]]]
    history: st.SearchStrategy[list[_Moment]]
    stages: st.SearchStrategy[str]
    person: st.SearchStrategy[Person | None]
    company: st.SearchStrategy[Company | None]


@st.composite
def _draw_lead(draw: st.DrawFn, plan: _Plan) -> Lead:
    created_at = draw(plan.created)

    def at(moment: _Moment) -> dt.datetime:
        return _at(created_at, plan.until, moment)

    stage = draw(plan.stages)
    history = []
    for when in sorted(at(moment) for moment in draw(plan.history)):
        target = draw(plan.stages)
        history.append(
            StageChange(
                event=draw(_EVENT),
                source=stage,
                target=target,
                at=when,
                reason=draw(_NOTE),
                actor=draw(_ACTOR),
            )
        )
        stage = target
    return Lead(
        id=draw(_LEAD_ID),
        created_at=created_at,
        source=draw(_SOURCE),
        person=draw(plan.person),
        company=draw(plan.company),
        interactions=[
            attrs.evolve(i, at=at(moment)) for i, moment in draw(plan.interactions)
        ],
        purchases=[
            attrs.evolve(p, at=at(moment)) for p, moment in draw(plan.purchases)
        ],
        objections=[
            _objection(o, at(raised), resolved, plan.until)
            for o, raised, resolved in draw(plan.objections)
        ],
        evidence=[attrs.evolve(e, at=at(moment)) for e, moment in draw(_EVIDENCE_LIST)],
        consent=[
            c if moment is None else attrs.evolve(c, at=at(moment))
            for c, moment in draw(_CONSENT_LIST)
        ],
        stage=stage,
        history=history,
        tags=draw(_TAG_SET),
        attributes=draw(_ATTRIBUTES),
    )


def leads(  # noqa: PLR0913  # each option bounds one part of a lead
    *,
    since: dt.datetime = EARLIEST,
    until: dt.datetime = LATEST,
    max_interactions: int = 5,
    max_purchases: int = 3,
    max_objections: int = 3,
    max_history: int = 3,
    with_history: bool = True,
    stages: st.SearchStrategy[str] | None = None,
    person: st.SearchStrategy[Person | None] | None = None,
    company: st.SearchStrategy[Company | None] | None = None,
) -> st.SearchStrategy[Lead]:
    """Leads whose every part is valid and consistent with the rest.

    ``created_at`` lies from *since* to *until*; every interaction, purchase,
    objection, piece of evidence and consent time lies from ``created_at`` to
    *until*. The history is chained (each change starts where the one before
    ended), in time order, and ends at ``stage``. Evidence is keyed by
    criterion, consent by channel, and attribute values are JSON scalars
    (finite floats only).

    Args:
        since: The earliest ``created_at`` (timezone-aware).
        until: The latest time of anything in the lead (timezone-aware).
        max_interactions: At most this many interactions.
        max_purchases: At most this many purchases.
        max_objections: At most this many objections.
        max_history: At most this many stage changes.
        with_history: Whether leads may carry a stage history; when false,
            ``history`` is always empty and ``stage`` any stage id.
        stages: Where stage ids come from; `stage_ids` by default. Pass
            ``st.sampled_from(...)`` with your pipeline's stages to test code
            that only knows those.
        person: Where ``person`` comes from; by default ``None`` or `persons`.
            Pass ``persons()`` for leads that always name a person, or
            ``st.none()`` for leads that never do.
        company: Where ``company`` comes from; by default ``None`` or
            `companies`. Pass ``companies()`` for business leads only.

    Returns:
        A strategy of `Lead` values.

    Raises:
        ValidationError: A bound is not aware, *until* is before *since*, or
            a maximum is not a whole number >= 0.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20)
        ... @given(leads(max_history=3))
        ... def test_stage_entered_on_or_after_creation(lead):
        ...     assert lead.stage_entered_at >= lead.created_at
        ...     assert not lead.history or lead.history[-1].target == lead.stage
        >>> test_stage_entered_on_or_after_creation()
    """
    _check_window("leads", ("since", "until"), since, until)
    for name, value in (
        ("max_interactions", max_interactions),
        ("max_purchases", max_purchases),
        ("max_objections", max_objections),
        ("max_history", max_history),
    ):
        _check_size("leads", name, value)
    return _draw_lead(
        _Plan(
            created=_instants(since, until),
            until=until,
            interactions=st.lists(
                st.tuples(_INTERACTION, _MOMENT), max_size=max_interactions
            ),
            purchases=st.lists(st.tuples(_PURCHASE, _MOMENT), max_size=max_purchases),
            objections=st.lists(
                st.tuples(_OBJECTION, _MOMENT, _optional(_MOMENT)),
                max_size=max_objections,
            ),
            history=st.lists(_MOMENT, max_size=max_history if with_history else 0),
            stages=_STAGE if stages is None else stages,
            person=_MAYBE_PERSON if person is None else person,
            company=_MAYBE_COMPANY if company is None else company,
        )
    )
