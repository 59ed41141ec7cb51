"""Deterministic, realistic sample leads for demos, docs, notebooks and benchmarks.

`leads` makes a mixed population of business (B2B) and consumer (B2C) leads in
a small made-up world: leads from a dozen countries, brought in by every
`Source`, moving through a funnel of interactions (many visits, page views and
e-mail opens; fewer case studies and webinars; few demo or quote requests;
consumers add to carts and wish lists and walk into stores), with purchases
for a minority, objections, BANT evidence for business leads, consent and the
odd tag.

The same ``(n, seed, at)`` always gives equal leads, and a shorter run is a
prefix of a longer one: the first ``k`` leads of ``leads(n, ...)`` equal
``leads(k, ...)``. That holds for one version of prospectlib and numpy; a new
version may change the world the samples are drawn from.

What the world looks like:

- about half the leads are B2B: a `Company` (industry, log-normal headcount,
  revenue, location) and a `Person` with a job title, a `BuyingRole` and an
  e-mail address at the company's domain; the others are B2C: a `Person` with
  age, gender, income, occupation, interests, lifestyle, values, a free-mail
  address and sometimes a social reach;
- everything happens at or before ``at``: ``created_at`` is up to a year
  earlier, and each lead's first interaction, at ``created_at``, fits its
  source (an ad click for advertising, a stand visit for an event ...);
- purchase amounts are `Decimal` with two places, in the currency of the
  lead's country (amounts in JPY, VND, INR and THB are rounded to whole
  units); incomes and revenues are yearly figures in USD;
- names, companies and e-mail domains are invented (``.example`` domains,
  ``555`` phone numbers), so no sample is anyone's personal data;
- every lead is a ``"prospect"`` with no stage history: lifecycles are the
  pipelines' business.

Examples:
    >>> import datetime as dt
    >>> from prospectlib import samples
    >>> at = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
    >>> sample = list(samples.leads(200, seed=7, at=at))
    >>> sample[0].id, sample[-1].id
    ('L-0000001', 'L-0000200')
    >>> all(lead.created_at <= at for lead in sample)
    True
    >>> 50 < sum(lead.company is not None for lead in sample) < 150
    True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from prospectlib import _samples_data as w
from prospectlib.errors import InvalidLeadError
from prospectlib.errors import Problem
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
from prospectlib.model import Person
from prospectlib.model import Purchase
from prospectlib.model import Verdict

__all__ = ["leads"]

_Array = npt.NDArray[Any]

_CHUNK = 1024
"""Leads drawn per batch of numpy draws; part of what fixes the output for a seed."""
_HOUR = 3600
_DAY = 24 * _HOUR
_YEAR = 365 * _DAY
_Seconds = dt.timedelta
_FIRST_YEAR, _LAST_YEAR = dt.MINYEAR + 2, dt.MAXYEAR - 1


def leads(n: int, *, seed: int, at: dt.datetime) -> Iterator[Lead]:
    """Generate *n* realistic sample leads, lazily and deterministically.

    Leads are drawn in batches with vectorised numpy draws and built one by one
    as you iterate, so a million of them never sit in memory together.

    Args:
        n: How many leads, ``>= 0``.
        seed: Any whole number ``>= 0``; the same seed gives the same leads.
        at: The "now" of the sample (timezone-aware): nothing happens after it.
            The leads' times are in UTC.

    Returns:
        An iterator over leads with ids ``"L-0000001"``, ``"L-0000002"`` ...

    Raises:
        ValidationError: *n* or *seed* is not a whole number ``>= 0``.
        InvalidLeadError: *at* is not a timezone-aware datetime.

    Examples:
        >>> import datetime as dt
        >>> at = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
        >>> first = next(leads(1, seed=7, at=at))
        >>> first.id, first.stage, first.created_at <= at
        ('L-0000001', 'prospect', True)
        >>> list(leads(3, seed=7, at=at))[:1] == [first]
        True
    """
    _check_count("n", n)
    _check_count("seed", seed)
    return _generate(n, seed, _check_at(at).astimezone(dt.UTC))


def _got(value: object) -> str:
    # The type only: arguments are no personal data, but errors never echo values.
    return f"got a value of type {type(value).__name__}"


def _check_count(name: str, value: object) -> None:
    if type(value) is not int:
        expected = f"a whole number >= 0 ({_got(value)})"
    elif value < 0:
        expected = "a whole number >= 0 (got a negative one)"
    else:
        return
    raise ValidationError([Problem(path=name, expected=expected)])


def _check_at(at: object) -> dt.datetime:
    if not isinstance(at, dt.datetime):
        expected = f"a timezone-aware datetime ({_got(at)})"
    elif at.utcoffset() is None:
        expected = "a timezone-aware datetime (got a naive one)"
    elif not _FIRST_YEAR <= at.year <= _LAST_YEAR:
        # Leads reach a year back, and the times are in UTC: both must stay in range.
        expected = f"a datetime in the years {_FIRST_YEAR} to {_LAST_YEAR}"
    else:
        return at
    raise InvalidLeadError([Problem(path="at", expected=expected)])


def _generate(n: int, seed: int, now: dt.datetime) -> Iterator[Lead]:
    for chunk, start in enumerate(range(0, n, _CHUNK)):
        rng = np.random.default_rng(np.random.SeedSequence([seed, chunk]))
        yield from _Chunk(rng, now).leads(start, min(_CHUNK, n - start))


# --- tables derived from the word lists, once ---------------------------------------


def _cdf(weights: npt.ArrayLike) -> _Array:
    """Cumulative probabilities per row of a table of relative weights."""
    table = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    cumulative = np.cumsum(table, axis=1)
    result: _Array = cumulative / cumulative[:, -1:]
    return result


def _choose(rng: np.random.Generator, cdf: _Array, row: _Array) -> _Array:
    """Draw one column index per item, item ``k`` from the table row ``row[k]``."""
    result: _Array = (rng.random(len(row))[:, None] >= cdf[row]).sum(axis=1)
    return result


def _maybe(rng: np.random.Generator, chance: float | _Array, size: int) -> _Array:
    """Draw *size* booleans, each true with *chance* (one or one per item)."""
    result: _Array = rng.random(size) < chance
    return result


_MARKET_CDF = _cdf(w.MARKET_WEIGHTS)
_DEPTH_CDF = _cdf(w.DEPTH_WEIGHTS)
_DEPTHS = _DEPTH_CDF.shape[1]
_COUNTRY_CDF = _cdf([c.weight for c in w.COUNTRIES])
_CITY_COUNT = np.array([len(c.cities) for c in w.COUNTRIES])
_INCOME = np.array([c.income for c in w.COUNTRIES], dtype=np.float64)
_PER_USD = np.array([c.per_usd for c in w.COUNTRIES])
_CURRENCIES = tuple(c.currency for c in w.COUNTRIES)
_CALLING = tuple(w.CALLING_CODES[c.code] for c in w.COUNTRIES)
_STEP = np.array([c.step for c in w.COUNTRIES], dtype=np.int64)
_LOCATIONS = tuple(
    tuple(Location(country=c.code, city=city) for city in c.cities) for c in w.COUNTRIES
)
_SOURCES = tuple(s for s, _, _ in w.SOURCES)
_SOURCE_CDF = _cdf([[b2b for _, b2b, _ in w.SOURCES], [b2c for *_, b2c in w.SOURCES]])
_ORIGINS = tuple(w.ORIGINS[s] for s in _SOURCES)
_ORIGIN_CHANNEL = tuple(
    next(ch for a, _, ch, _ in w.ACTIVITIES if a is act) for act, _ in _ORIGINS
)

_ACTIVITIES = tuple(a for a, _, _, _ in w.ACTIVITIES)
_ACTIVITY_CDF = _cdf(np.array([weights for *_, weights in w.ACTIVITIES]).T)
_TIER = np.array([tier for _, tier, _, _ in w.ACTIVITIES])
_CHANNELS = tuple(ch for _, _, ch, _ in w.ACTIVITIES)
_TIERS = int(_TIER.max() + w.TIER_NOISE) + 1  # a lead's items never mix with the next's
_DETAIL_COUNT = np.array([len(w.DETAILS.get(a, ())) for a in _ACTIVITIES])
_DETAIL_START = np.cumsum(_DETAIL_COUNT) - _DETAIL_COUNT
_DETAIL_TEXTS = tuple(text for a in _ACTIVITIES for text in w.DETAILS.get(a, ()))
_VALUE_LOW = np.array([w.INTERACTION_VALUES.get(a, (0, 0))[0] for a in _ACTIVITIES])
_VALUE_SPAN = np.array([w.INTERACTION_VALUES.get(a, (0, 0))[1] for a in _ACTIVITIES])
_MAILINGS = frozenset(
    _ACTIVITIES.index(a) for a in (Activity.EMAIL_OPEN, Activity.EMAIL_CLICK)
)
_UNSUBSCRIBE = _ACTIVITIES.index(Activity.UNSUBSCRIBE)
_REACH_CHANCE = np.array(w.REACH_CHANCE)
_REACH_MEDIAN = np.array(w.REACH_LOG_MEDIAN)
_REACH_SPREAD = np.array(w.REACH_LOG_SPREAD)
_EXTRA_MEAN = np.array(w.INTERACTIONS_PER_LEAD).ravel()

_JOB_TITLE_CDF = _cdf([weight for *_, weight in w.JOB_TITLES])
_STRONG_ROLE = np.array(
    [
        role in {BuyingRole.DECISION_MAKER, BuyingRole.ECONOMIC_BUYER}
        for _, role, _ in w.JOB_TITLES
    ]
)
_INDUSTRY_CDF = _cdf([weight for _, weight, _, _ in w.INDUSTRIES])
_REVENUE_PER_EMPLOYEE = np.array([r for _, _, r, _ in w.INDUSTRIES], dtype=np.float64)
_NONPROFIT_INDUSTRY = np.array([i in w.NONPROFIT_INDUSTRIES for i, *_ in w.INDUSTRIES])
_SOFTWARE = [i for i, *_ in w.INDUSTRIES].index("software")
_SIZE_BOUNDS = np.array([bound for bound, _ in w.COMPANY_SIZES[:-1]])
_COMPANY_TYPES = (*(kind for _, kind in w.COMPANY_SIZES), "nonprofit", "startup")
_NONPROFIT = len(w.COMPANY_SIZES)
_STARTUP = _NONPROFIT + 1
_STUDENT = len(w.OCCUPATIONS)
_RETIRED = _STUDENT + 1
_GENDER_CDF = _cdf([weight for _, weight in w.GENDERS])
_OCCUPATIONS = (*w.OCCUPATIONS, "student", "retired")

_CUSTOMER_CHANCE = np.array(w.CUSTOMER_CHANCE).ravel()
_REPEAT_CHANCE = np.array(w.REPEAT_CHANCE)
_UNIT_MEDIAN = np.log([median for median, _ in w.UNIT_PRICE_USD])
_UNIT_SPREAD = np.array([spread for _, spread in w.UNIT_PRICE_USD])
_QUANTITY_CHANCE = np.array([chance for chance, _ in w.QUANTITIES])
_QUANTITY_MOST = np.array([most for _, most in w.QUANTITIES])

_OBJECTION_CHANCE = np.array(w.OBJECTION_CHANCE).ravel()
_RESOLVED_CHANCE = np.array(w.RESOLVED_CHANCE)
_OBJECTION_KINDS = tuple(kind for kind, _, _ in w.OBJECTIONS)
_OBJECTION_CDF = _cdf(
    [[b2b for _, b2b, _ in w.OBJECTIONS], [b2c for *_, b2c in w.OBJECTIONS]]
)

_EVIDENCE_CHANCE = np.array(w.EVIDENCE_CHANCE)
_VERDICTS = (Verdict.MET, Verdict.UNMET, Verdict.UNKNOWN)
_VERDICT_CDF = _cdf(w.VERDICT_WEIGHTS)

_STATUSES = (ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentStatus.UNKNOWN)
_EMAIL_STATUS_CDF = _cdf(w.EMAIL_STATUS)
_PHONE_STATUS_CDF = _cdf(w.PHONE_STATUS)
_BASES = (LawfulBasis.CONSENT, LawfulBasis.CONTRACT, LawfulBasis.LEGITIMATE_INTERESTS)
_BASIS_CDF = _cdf(w.LAWFUL_BASES)
_TAG_SLOTS = 2


def _spread(counts: _Array) -> tuple[_Array, list[int]]:
    """Owner (lead index) of each of ``sum(counts)`` items, and each lead's offset."""
    owner = np.repeat(np.arange(len(counts)), counts)
    return owner, np.concatenate(([0], np.cumsum(counts))).tolist()


def _ago(age: _Array, owner: _Array, fraction: _Array) -> _Array:
    """Seconds before now of items at *fraction* of their lead's life, in order.

    The fractions are sorted within each lead, so items come out oldest first.
    """
    fraction = np.clip(fraction, 0.0, 1.0 - 1e-9)
    ordered = np.clip(np.sort(owner + fraction) - owner, 0.0, 1.0)
    result: _Array = (age[owner] * (1.0 - ordered)).astype(np.int64)
    return result


# --- one batch of draws, and the leads built from it ---------------------------------


class _Chunk:
    """Every random draw for `_CHUNK` leads, then the leads built from them."""

    def __init__(self, rng: np.random.Generator, now: dt.datetime) -> None:
        size = _CHUNK
        zeros = np.zeros(size, dtype=np.intp)
        self.now = now
        self.b2c = _choose(rng, _MARKET_CDF, zeros)
        self.depth = _choose(rng, _DEPTH_CDF, self.b2c)
        self.group = self.b2c * _DEPTHS + self.depth
        self.country = _choose(rng, _COUNTRY_CDF, zeros)
        # Leads are at least an hour old, and a year at most.
        age = _HOUR + rng.random(size) ** w.AGE_SKEW * (_YEAR - _HOUR)
        self.age = age.astype(np.int64)
        self.source = _choose(rng, _SOURCE_CDF, self.b2c)
        self.people = _People(rng, self)
        self.interactions = _Interactions(rng, self)
        self.purchases = _Purchases(rng, self)
        self.objections = _Objections(rng, self, self.purchases.customer)
        self.evidence = _Evidence(rng, self, self.people.strong_role)
        self.consent = _Consents(rng, self, self.purchases.customer)
        tags = _maybe(rng, w.TAG_CHANCE, size).astype(np.int64)
        tags += tags & _maybe(rng, w.SECOND_TAG_CHANCE, size)
        self.tags = _Picks(rng, w.TAGS, _TAG_SLOTS, tags)

    def leads(self, start: int, count: int) -> Iterator[Lead]:
        now = self.now
        b2c = self.b2c.tolist()
        age = self.age.tolist()
        source = self.source.tolist()
        for i in range(count):
            created = now - dt.timedelta(0, age[i])
            person, company = self.people.build(i, b2c=bool(b2c[i]))
            interactions, unsubscribed = self.interactions.build(
                i, source[i], created, now
            )
            consent = self.consent.build(
                i, unsubscribed, phone=person.phone is not None
            )
            yield Lead(
                id=f"L-{start + i + 1:07d}",
                created_at=created,
                source=_SOURCES[source[i]],
                person=person,
                company=company,
                interactions=interactions,
                purchases=self.purchases.build(i, now),
                objections=self.objections.build(i, now),
                evidence=self.evidence.build(i, now),
                consent=consent,
                tags=frozenset(self.tags.names(i)),
            )


class _People:
    """The person behind each lead, and the company of B2B leads."""

    def __init__(self, rng: np.random.Generator, chunk: _Chunk) -> None:
        size = _CHUNK
        zeros = np.zeros(size, dtype=np.intp)
        self.country = chunk.country.tolist()
        self.city = (rng.random(size) * _CITY_COUNT[chunk.country]).astype(int).tolist()
        self.first = rng.integers(0, len(w.FIRST_NAMES), size).tolist()
        self.last = rng.integers(0, len(w.LAST_NAMES), size).tolist()
        self.mail = rng.integers(0, len(w.FREE_MAIL_DOMAINS), size).tolist()
        with_number = _maybe(rng, w.MAIL_NUMBER_CHANCE, size)
        number = rng.integers(1, 100, size)
        self.mail_number = np.where(with_number, number, -1).tolist()
        with_phone = _maybe(rng, w.PHONE_CHANCE, size)
        self.phone = np.where(with_phone, rng.integers(0, 10_000, size), -1).tolist()
        reach = rng.lognormal(_REACH_MEDIAN[chunk.b2c], _REACH_SPREAD[chunk.b2c])
        with_reach = _maybe(rng, _REACH_CHANCE[chunk.b2c], size)
        self.reach = np.where(with_reach, reach.astype(np.int64), -1).tolist()
        self._draw_business(rng, zeros)
        self._draw_consumer(rng, zeros, chunk.country)

    def _draw_business(self, rng: np.random.Generator, zeros: _Array) -> None:
        size = len(zeros)
        title = _choose(rng, _JOB_TITLE_CDF, zeros)
        self.title = title.tolist()
        self.strong_role = _STRONG_ROLE[title]
        industry = _choose(rng, _INDUSTRY_CDF, zeros)
        self.industry = industry.tolist()
        self.stem = rng.integers(0, len(w.COMPANY_STEMS), size).tolist()
        self.suffix = rng.integers(0, 1 << 30, size).tolist()
        employees = rng.lognormal(w.EMPLOYEES_LOG_MEDIAN, w.EMPLOYEES_LOG_SPREAD, size)
        employees = np.clip(np.rint(employees), 1, w.COMPANY_SIZES[-1][0])
        revenue = (
            employees
            * _REVENUE_PER_EMPLOYEE[industry]
            * rng.lognormal(0, w.REVENUE_LOG_SPREAD, size)
        )
        self.employees = employees.astype(np.int64).tolist()
        self.revenue = (np.rint(revenue / 1000) * 1000).astype(np.int64).tolist()
        kind = np.searchsorted(_SIZE_BOUNDS, employees, side="right")
        nonprofit = _NONPROFIT_INDUSTRY[industry] & _maybe(
            rng, w.NONPROFIT_CHANCE, size
        )
        startup = (industry == _SOFTWARE) & (kind == 0)
        startup &= _maybe(rng, w.STARTUP_CHANCE, size)
        kind = np.where(nonprofit, _NONPROFIT, np.where(startup, _STARTUP, kind))
        self.company_type = kind.tolist()

    def _draw_consumer(
        self, rng: np.random.Generator, zeros: _Array, country: _Array
    ) -> None:
        size = len(zeros)
        age = rng.normal(w.AGE_MEAN, w.AGE_SPREAD, size)
        age = np.clip(np.rint(age), w.AGE_MIN, w.AGE_MAX).astype(np.int64)
        self.age = age.tolist()
        self.gender = _choose(rng, _GENDER_CDF, zeros).tolist()
        student = (age < w.STUDENT_AGE) & _maybe(rng, w.STUDENT_CHANCE, size)
        retired = (age >= w.RETIREMENT_AGE) & _maybe(rng, w.RETIRED_CHANCE, size)
        occupation = rng.integers(0, len(w.OCCUPATIONS), size)
        occupation = np.where(
            student, _STUDENT, np.where(retired, _RETIRED, occupation)
        )
        self.occupation = occupation.tolist()
        factor = np.where(
            student, w.STUDENT_INCOME, np.where(retired, w.RETIRED_INCOME, 1.0)
        )
        income = _INCOME[country] * factor * rng.lognormal(0, w.INCOME_LOG_SPREAD, size)
        self.income = (np.rint(income / 100) * 100).astype(np.int64).tolist()
        self.interests = _Picks.between(rng, w.INTERESTS, w.INTERESTS_PER_PERSON, size)
        self.lifestyle = _Picks.between(
            rng, w.LIFESTYLES, w.LIFESTYLES_PER_PERSON, size
        )
        self.values = _Picks.between(rng, w.VALUES, w.VALUES_PER_PERSON, size)

    def build(self, i: int, *, b2c: bool) -> tuple[Person, Company | None]:
        first = w.FIRST_NAMES[self.first[i]]
        last = w.LAST_NAMES[self.last[i]]
        country = self.country[i]
        number = self.phone[i]
        phone = None if number < 0 else f"+{_CALLING[country]} 555 {number:04d}"
        reach = self.reach[i]
        location = _LOCATIONS[country][self.city[i]]
        if b2c:
            number = self.mail_number[i]
            local = f"{first}.{last}" if number < 0 else f"{first}.{last}{number}"
            person = Person(
                name=f"{first} {last}",
                email=f"{local.lower()}@{w.FREE_MAIL_DOMAINS[self.mail[i]]}",
                phone=phone,
                age=self.age[i],
                gender=w.GENDERS[self.gender[i]][0],
                income=Decimal(self.income[i]),
                occupation=_OCCUPATIONS[self.occupation[i]],
                lifestyle=self.lifestyle.names(i),
                interests=self.interests.names(i),
                values=self.values.names(i),
                location=location,
                social_reach=None if reach < 0 else reach,
            )
            return person, None
        industry, _, _, suffixes = w.INDUSTRIES[self.industry[i]]
        stem = w.COMPANY_STEMS[self.stem[i]]
        suffix = suffixes[self.suffix[i] % len(suffixes)]
        domain = f"{stem}{suffix}.example".lower()
        title, role, _ = w.JOB_TITLES[self.title[i]]
        company = Company(
            name=f"{stem} {suffix}",
            industry=industry,
            employees=self.employees[i],
            annual_revenue=Decimal(self.revenue[i]),
            location=location,
            company_type=_COMPANY_TYPES[self.company_type[i]],
            domain=domain,
        )
        person = Person(
            name=f"{first} {last}",
            email=f"{first}.{last}@{domain}".lower(),
            phone=phone,
            job_title=title,
            role=role,
            location=location,
            social_reach=None if reach < 0 else reach,
        )
        return person, company


class _Picks:
    """For each lead, a few distinct names from a list."""

    def __init__(
        self,
        rng: np.random.Generator,
        names: tuple[str, ...],
        most: int,
        counts: _Array,
    ) -> None:
        self.choices = names
        shuffled = rng.random((len(counts), len(names))).argsort(axis=1)
        self.picks = shuffled[:, :most].tolist()
        self.counts = counts.tolist()

    @classmethod
    def between(
        cls,
        rng: np.random.Generator,
        names: tuple[str, ...],
        bounds: tuple[int, int],
        size: int,
    ) -> _Picks:
        """From ``bounds[0]`` to ``bounds[1]`` names for each of *size* leads."""
        fewest, most = bounds
        return cls(rng, names, most, rng.integers(fewest, most + 1, size))

    def names(self, i: int) -> tuple[str, ...]:
        choices = self.choices
        return tuple([choices[k] for k in self.picks[i][: self.counts[i]]])


class _Interactions:
    """A funnel of interactions per lead, after the one that brought it in."""

    def __init__(self, rng: np.random.Generator, chunk: _Chunk) -> None:
        size = _CHUNK
        # Some leads are far keener than others of the same funnel depth.
        keenness = rng.gamma(w.KEENNESS_SHAPE, 1.0 / w.KEENNESS_SHAPE, size)
        count = rng.poisson(_EXTRA_MEAN[chunk.group] * keenness)
        owner, self.offset = _spread(np.minimum(count, w.MOST_INTERACTIONS))
        items = len(owner)
        activity = _choose(rng, _ACTIVITY_CDF, chunk.group[owner])
        # Deeper steps of the funnel tend to come later, though not always.
        funnel = owner * _TIERS + _TIER[activity] + w.TIER_NOISE * rng.random(items)
        activity = activity[np.argsort(funnel, kind="stable")]
        self.activity = activity.tolist()
        recency = np.exp(rng.normal(0.0, w.RECENCY_LOG_SPREAD, size))
        fraction = rng.random(items) ** (1.0 / recency[owner])
        self.ago = _ago(chunk.age, owner, fraction).tolist()
        number = rng.integers(0, 1 << 30, items)
        count = _DETAIL_COUNT[activity]
        detail = _DETAIL_START[activity] + number % np.maximum(count, 1)
        self.detail = np.where(count > 0, detail, -1).tolist()
        span = _VALUE_SPAN[activity]
        value = _VALUE_LOW[activity] + (number >> 10) % np.maximum(span, 1)
        self.value = np.where(span > 0, value, -1).astype(np.float64).tolist()
        self.origin = rng.integers(0, 1 << 30, size).tolist()

    def build(
        self, i: int, source: int, created: dt.datetime, now: dt.datetime
    ) -> tuple[tuple[Interaction, ...], dt.datetime | None]:
        """The lead's interactions, and when it unsubscribed (if it did)."""
        activity, texts = _ORIGINS[source]
        items = [
            Interaction(
                activity=activity,
                at=created,
                channel=_ORIGIN_CHANNEL[source],
                detail=texts[self.origin[i] % len(texts)] if texts else None,
            )
        ]
        unsubscribed: dt.datetime | None = None
        ago, values, details = self.ago, self.value, self.detail  # the hot loop
        for k in range(self.offset[i], self.offset[i + 1]):
            index = self.activity[k]
            if unsubscribed is not None and index in _MAILINGS:
                continue  # mailings no longer reach a lead that unsubscribed
            at = now - _Seconds(0, ago[k])
            if index == _UNSUBSCRIBE and unsubscribed is None:
                unsubscribed = at
            value = values[k]
            detail = details[k]
            items.append(
                Interaction(
                    activity=_ACTIVITIES[index],
                    at=at,
                    channel=_CHANNELS[index],
                    value=None if value < 0 else value,
                    detail=None if detail < 0 else _DETAIL_TEXTS[detail],
                )
            )
        return tuple(items), unsubscribed


class _Purchases:
    """Purchases of the leads that became customers, some of them repeat buyers."""

    def __init__(self, rng: np.random.Generator, chunk: _Chunk) -> None:
        size = _CHUNK
        self.customer = rng.random(size) < _CUSTOMER_CHANCE[chunk.group]
        purchases = rng.geometric(1.0 - _REPEAT_CHANCE[chunk.b2c])
        purchases = np.minimum(purchases, w.MOST_PURCHASES)
        owner, self.offset = _spread(np.where(self.customer, purchases, 0))
        items = len(owner)
        # Nobody buys in the first fifth of their life as a lead.
        self.ago = _ago(chunk.age, owner, 0.2 + 0.8 * rng.random(items)).tolist()
        b2c = chunk.b2c[owner]
        unit = np.exp(
            _UNIT_MEDIAN[b2c] + _UNIT_SPREAD[b2c] * rng.standard_normal(items)
        )
        quantity = np.minimum(rng.geometric(_QUANTITY_CHANCE[b2c]), _QUANTITY_MOST[b2c])
        country = chunk.country[owner]
        step = _STEP[country]
        cents = unit * quantity * _PER_USD[country] * 100 / step
        self.cents = (np.maximum(np.rint(cents), 1).astype(np.int64) * step).tolist()
        self.quantity = quantity.tolist()
        self.currency = [_CURRENCIES[c] for c in country.tolist()]
        picks = rng.integers(0, 1 << 30, items)
        self.product = [
            w.PRODUCTS[market][pick % len(w.PRODUCTS[market])]
            for market, pick in zip(b2c.tolist(), picks.tolist(), strict=True)
        ]

    def build(self, i: int, now: dt.datetime) -> tuple[Purchase, ...]:
        return tuple(
            Purchase(
                at=now - dt.timedelta(0, self.ago[k]),
                amount=Decimal(self.cents[k]).scaleb(-2),
                currency=self.currency[k],
                quantity=self.quantity[k],
                product=self.product[k],
            )
            for k in range(self.offset[i], self.offset[i + 1])
        )


class _Objections:
    """What held leads back; customers mostly got theirs resolved."""

    def __init__(
        self, rng: np.random.Generator, chunk: _Chunk, customer: _Array
    ) -> None:
        size = _CHUNK
        first = rng.random(size) < _OBJECTION_CHANCE[chunk.group]
        second = first & _maybe(rng, w.SECOND_OBJECTION_CHANCE, size)
        owner, self.offset = _spread(first.astype(np.int64) + second)
        items = len(owner)
        self.kind = _choose(rng, _OBJECTION_CDF, chunk.b2c[owner]).tolist()
        raised = _ago(chunk.age, owner, rng.random(items))
        delay = rng.exponential(w.RESOLUTION_DAYS * _DAY, items).astype(np.int64)
        resolves = _maybe(rng, _RESOLVED_CHANCE[customer[owner].astype(np.intp)], items)
        resolved = raised - delay
        self.raised = raised.tolist()
        # A resolution that would lie after now has not happened yet.
        self.resolved = np.where(resolves & (resolved >= 0), resolved, -1).tolist()

    def build(self, i: int, now: dt.datetime) -> tuple[Objection, ...]:
        return tuple(
            Objection(
                kind=_OBJECTION_KINDS[self.kind[k]],
                raised_at=now - dt.timedelta(0, self.raised[k]),
                resolved_at=None
                if self.resolved[k] < 0
                else now - dt.timedelta(0, self.resolved[k]),
            )
            for k in range(self.offset[i], self.offset[i + 1])
        )


_NO_EVIDENCE: FrozenMap[str, Evidence] = FrozenMap()


class _Evidence:
    """BANT evidence for some B2B leads, better for leads deeper in the funnel."""

    def __init__(
        self, rng: np.random.Generator, chunk: _Chunk, strong_role: _Array
    ) -> None:
        size = _CHUNK
        criteria = len(w.BANT)
        chance = _EVIDENCE_CHANCE[chunk.depth]
        self.has = ((chunk.b2c == 0) & _maybe(rng, chance, size)).tolist()
        present = _maybe(rng, w.CRITERION_CHANCE, size * criteria)
        self.present = present.reshape(size, criteria).tolist()
        verdict = _choose(rng, _VERDICT_CDF, np.repeat(chunk.depth, criteria))
        verdict = verdict.reshape(size, criteria)
        # Decision makers and economic buyers mostly carry the authority themselves.
        authority = w.BANT.index("authority")
        carries = strong_role & _maybe(rng, w.AUTHORITY_CHANCE, size)
        verdict[:, authority] = np.where(carries, 0, verdict[:, authority])
        self.verdict = verdict.tolist()
        ago = chunk.age[:, None] * 0.9 * rng.random((size, criteria))
        self.ago = ago.astype(np.int64).tolist()

    def build(
        self, i: int, now: dt.datetime
    ) -> FrozenMap[str, Evidence] | tuple[Evidence, ...]:
        if not self.has[i]:
            return _NO_EVIDENCE
        return tuple(
            Evidence(
                criterion=criterion,
                verdict=_VERDICTS[verdict],
                at=now - dt.timedelta(0, ago),
            )
            for criterion, present, verdict, ago in zip(
                w.BANT, self.present[i], self.verdict[i], self.ago[i], strict=True
            )
            if present
        )


class _Consents:
    """E-mail consent for every lead, phone consent where there is a phone."""

    def __init__(
        self, rng: np.random.Generator, chunk: _Chunk, customer: _Array
    ) -> None:
        zeros = np.zeros(_CHUNK, dtype=np.intp)
        self.email = _choose(rng, _EMAIL_STATUS_CDF, zeros).tolist()
        self.phone = _choose(rng, _PHONE_STATUS_CDF, zeros).tolist()
        self.basis = _choose(rng, _BASIS_CDF, chunk.b2c * 2 + customer).tolist()

    def build(
        self, i: int, unsubscribed: dt.datetime | None, *, phone: bool
    ) -> FrozenMap[Channel, Consent]:
        phone_status = self.phone[i] if phone else _NO_PHONE
        if unsubscribed is None:
            return _CONSENTS[self.email[i], phone_status, self.basis[i]]
        # Unsubscribing withdrew e-mail consent, at that moment.
        withdrawn = Consent(
            channel=Channel.EMAIL, status=ConsentStatus.DENIED, at=unsubscribed
        )
        other = _CONSENTS[_DENIED, phone_status, self.basis[i]]
        return FrozenMap({**other, Channel.EMAIL: withdrawn})


def _consent(channel: Channel, status: int, basis: int) -> Consent:
    granted = _STATUSES[status] is ConsentStatus.GRANTED
    return Consent(
        channel=channel,
        status=_STATUSES[status],
        basis=_BASES[basis] if granted else None,
    )


# Consent records carry no time (but a withdrawal does), so there are few distinct
# ones: leads share them, which is safe because they are immutable.
_NO_PHONE = -1
_DENIED = _STATUSES.index(ConsentStatus.DENIED)
_CONSENTS = {
    (email, phone, basis): FrozenMap(
        {Channel.EMAIL: _consent(Channel.EMAIL, email, basis)}
        if phone == _NO_PHONE
        else {
            Channel.EMAIL: _consent(Channel.EMAIL, email, basis),
            Channel.PHONE: _consent(Channel.PHONE, phone, basis),
        }
    )
    for email in range(len(_STATUSES))
    for phone in (_NO_PHONE, *range(len(_STATUSES)))
    for basis in range(len(_BASES))
}
