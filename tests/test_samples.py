from __future__ import annotations

import collections
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

import prospectlib as pl
from prospectlib import _samples_data
from prospectlib import samples

AT = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC)
YEAR = dt.timedelta(days=365)


@pytest.fixture(scope="module")
def sample() -> list[pl.Lead]:
    """500 sample leads: enough for every vocabulary to show up."""
    return list(samples.leads(500, seed=7, at=AT))


def count(leads: list[pl.Lead], *activities: pl.Activity) -> int:
    return sum(len(lead.interactions_of(*activities)) for lead in leads)


class TestArguments:
    @pytest.mark.parametrize("n", [-1, 1.0, "3", True, None])
    def test_bad_n(self, n):
        """A count that is not a whole number >= 0 is refused, naming n."""
        with pytest.raises(pl.ValidationError) as info:
            samples.leads(n, seed=1, at=AT)
        assert [p.path for p in info.value.problems] == ["n"]
        assert "a whole number >= 0" in str(info.value)

    @pytest.mark.parametrize("seed", [-5, 2.5, "7", False])
    def test_bad_seed(self, seed):
        """A seed that is not a whole number >= 0 is refused, naming seed."""
        with pytest.raises(pl.ValidationError) as info:
            samples.leads(3, seed=seed, at=AT)
        assert [p.path for p in info.value.problems] == ["seed"]

    def test_naive_at(self):
        """A naive `at` is refused with an InvalidLeadError naming at."""
        with pytest.raises(pl.InvalidLeadError) as info:
            samples.leads(3, seed=1, at=dt.datetime(2026, 6, 30))  # noqa: DTZ001
        assert (
            str(info.value)
            == "at: expected a timezone-aware datetime (got a naive one)"
        )

    @pytest.mark.parametrize("at", ["2026-06-30T12:00:00+00:00", dt.date(2026, 6, 30)])
    def test_at_of_another_type(self, at):
        """An `at` that is not a datetime is refused by type, not by value."""
        with pytest.raises(
            pl.InvalidLeadError, match=r"^at: expected a timezone-aware"
        ):
            samples.leads(3, seed=1, at=at)

    @pytest.mark.parametrize("year", [1, 2, 9999])
    def test_at_out_of_range(self, year):
        """An `at` too close to the ends of the calendar is refused up front."""
        with pytest.raises(pl.InvalidLeadError, match="years 3 to 9998"):
            samples.leads(3, seed=1, at=dt.datetime(year, 6, 1, tzinfo=dt.UTC))

    def test_extreme_years_that_are_allowed_work(self):
        """The first and last allowed years generate leads without overflowing."""
        east = dt.timezone(dt.timedelta(hours=14))
        west = dt.timezone(dt.timedelta(hours=-14))
        for at in (
            dt.datetime(3, 1, 1, tzinfo=east),
            dt.datetime(9998, 12, 31, tzinfo=west),
        ):
            assert len(list(samples.leads(1100, seed=2, at=at))) == 1100

    def test_errors_are_raised_before_iterating(self):
        """Arguments are checked when leads() is called, not on the first next()."""
        with pytest.raises(ValueError, match=r"^n:"):
            samples.leads(-1, seed=0, at=AT)


class TestDeterminism:
    def test_same_arguments_same_leads(self):
        """The same (n, seed, at) always gives equal leads."""
        assert list(samples.leads(50, seed=3, at=AT)) == list(
            samples.leads(50, seed=3, at=AT)
        )

    def test_other_seed_other_leads(self):
        """Another seed gives other leads."""
        assert list(samples.leads(20, seed=3, at=AT)) != list(
            samples.leads(20, seed=4, at=AT)
        )

    @pytest.mark.slow
    def test_prefix_stable_across_batches(self):
        """The first k leads of leads(n) equal leads(k), also past a batch boundary."""
        longer = list(samples.leads(2500, seed=5, at=AT))
        for k in (0, 1, 17, 1024, 1025, 2100):
            assert list(samples.leads(k, seed=5, at=AT)) == longer[:k]

    def test_zero(self):
        """n=0 gives no leads."""
        assert list(samples.leads(0, seed=1, at=AT)) == []

    def test_count_and_ids(self):
        """Exactly n leads come out, with unique ids L-0000001, L-0000002, ..."""
        leads = list(samples.leads(1500, seed=1, at=AT))
        assert len(leads) == 1500
        assert [lead.id for lead in leads[:2]] == ["L-0000001", "L-0000002"]
        assert leads[-1].id == "L-0001500"
        assert len({lead.id for lead in leads}) == 1500

    def test_lazy(self):
        """Leads are made as they are asked for: a billion cost nothing up front."""
        leads = samples.leads(10**9, seed=1, at=AT)
        assert isinstance(leads, Iterator)
        assert [lead.id for lead in itertools.islice(leads, 3)] == [
            "L-0000001",
            "L-0000002",
            "L-0000003",
        ]

    def test_zone_of_at_does_not_matter(self):
        """The same instant in another time zone gives equal leads, in UTC."""
        hanoi = AT.astimezone(dt.timezone(dt.timedelta(hours=7)))
        leads = list(samples.leads(30, seed=9, at=hanoi))
        assert leads == list(samples.leads(30, seed=9, at=AT))
        assert {lead.created_at.tzinfo for lead in leads} == {dt.UTC}


class TestTime:
    def test_everything_between_created_at_and_at(self, sample):
        """Every record of a lead happens within [created_at, at]."""
        for lead in sample:
            start = lead.created_at
            assert AT - YEAR <= start <= AT
            times = [i.at for i in lead.interactions]
            times += [p.at for p in lead.purchases]
            times += [o.raised_at for o in lead.objections]
            times += [o.resolved_at for o in lead.objections if o.resolved_at]
            times += [e.at for e in lead.evidence.values()]
            times += [c.at for c in lead.consent.values() if c.at]
            assert all(start <= t <= AT for t in times), lead.id

    def test_first_interaction_at_creation_fits_the_source(self, sample):
        """Each lead starts with an interaction at created_at that fits its source."""
        for lead in sample:
            first = lead.interactions[0]
            assert first.at == lead.created_at
            assert first.activity is _samples_data.ORIGINS[lead.source][0]

    def test_times_spread_over_the_year(self, sample):
        """Leads were created across the whole year and were last active at all ages."""
        ages = [(AT - lead.created_at).days for lead in sample]
        assert min(ages) < 30
        assert max(ages) > 330
        recent = [(AT - lead.last_activity_at).days for lead in sample]
        assert min(recent) == 0
        assert max(recent) > 100


class TestRealism:
    def test_every_source_appears(self, sample):
        """Every Source but the rare UNKNOWN appears in 500 leads."""
        sources = {lead.source for lead in sample}
        assert sources >= set(pl.Source) - {pl.Source.UNKNOWN}

    def test_every_activity_appears(self, sample):
        """Every Activity appears in 500 leads."""
        assert {i.activity for lead in sample for i in lead.interactions} == set(
            pl.Activity
        )

    def test_funnel(self, sample):
        """Many visits and opens, fewer case studies and webinars, few demo requests."""
        top = count(
            sample,
            pl.Activity.WEBSITE_VISIT,
            pl.Activity.PAGE_VIEW,
            pl.Activity.EMAIL_OPEN,
        )
        middle = count(
            sample, pl.Activity.CASE_STUDY_DOWNLOAD, pl.Activity.WEBINAR_ATTENDANCE
        )
        bottom = count(sample, pl.Activity.DEMO_REQUEST, pl.Activity.QUOTE_REQUEST)
        assert top > 5 * middle
        assert middle > bottom > 0

    def test_b2b_and_b2c_mix(self, sample):
        """About half the leads are B2B (with a company), the rest B2C."""
        b2b = [lead for lead in sample if lead.company is not None]
        assert 175 < len(b2b) < 325

    def test_b2b_leads(self, sample):
        """A B2B lead has a company and a contact with a title, role and work e-mail."""
        for lead in (lead for lead in sample if lead.company is not None):
            company, person = lead.company, lead.person
            assert company.industry in {i for i, *_ in _samples_data.INDUSTRIES}
            assert company.employees >= 1
            assert company.annual_revenue > 0
            assert company.location is not None
            assert person.job_title
            assert person.role is not None
            assert person.email_domain == company.domain
            assert person.age is None
            assert person.income is None

    def test_b2c_leads(self, sample):
        """A B2C lead is a person with a profile and a free-mail address, no company."""
        consumers = [lead for lead in sample if lead.company is None]
        for lead in consumers:
            person = lead.person
            assert 16 <= person.age <= 85
            assert person.income >= 0
            assert person.occupation
            assert person.interests
            assert person.location.country
            assert person.email_domain in _samples_data.FREE_MAIL_DOMAINS
            assert person.job_title is None
        assert any(lead.person.social_reach for lead in consumers)
        assert any(lead.person.social_reach is None for lead in consumers)
        assert {lead.person.gender for lead in consumers} >= {"female", "male"}

    def test_b2c_leads_shop(self, sample):
        """Consumers put things in carts and wish lists and visit stores more."""
        b2b = [lead for lead in sample if lead.company is not None]
        b2c = [lead for lead in sample if lead.company is None]
        for activity in (
            pl.Activity.CART_ADD,
            pl.Activity.WISHLIST_ADD,
            pl.Activity.STORE_VISIT,
        ):
            assert count(b2c, activity) / len(b2c) > 3 * count(b2b, activity) / len(b2b)

    def test_countries(self, sample):
        """Leads come from a realistic mix of countries, with cities."""
        countries = collections.Counter(lead.person.location.country for lead in sample)
        assert set(countries) >= {
            "VN",
            "US",
            "GB",
            "DE",
            "FR",
            "ES",
            "IN",
            "JP",
            "AU",
            "BR",
        }
        assert countries.most_common(1)[0][0] == "US"
        assert all(lead.person.location.city for lead in sample)

    def test_customers(self, sample):
        """A minority bought something, some of them more than once."""
        customers = [lead for lead in sample if lead.is_customer]
        assert 25 < len(customers) < 150
        assert any(len(lead.purchases) > 1 for lead in customers)

    def test_purchases_in_local_currency(self, sample):
        """Amounts are Decimals with 2 places in the currency of the lead's country."""
        currency = {c.code: c.currency for c in _samples_data.COUNTRIES}
        for lead in sample:
            for purchase in lead.purchases:
                assert purchase.amount > 0
                assert purchase.amount.as_tuple().exponent == -2
                assert purchase.currency == currency[lead.person.location.country]
                assert purchase.quantity >= 1
                assert purchase.product

    def test_whole_units_where_cents_are_not_used(self, sample):
        """Amounts in JPY and VND are whole units."""
        amounts = [
            p.amount
            for lead in sample
            for p in lead.purchases
            if p.currency in {"JPY", "VND"}
        ]
        assert amounts
        assert all(amount == amount.to_integral_value() for amount in amounts)

    def test_objections(self, sample):
        """Some leads raised objections of many kinds; some are resolved, some open."""
        objections = [o for lead in sample for o in lead.objections]
        assert 50 < len(objections) < 300
        kinds = {o.kind for o in objections}
        assert kinds >= {
            pl.ObjectionKind.PRICE,
            pl.ObjectionKind.REVIEWS,
            pl.ObjectionKind.QUALITY,
            pl.ObjectionKind.SHIPPING_COST,
            pl.ObjectionKind.TIMING,
            pl.ObjectionKind.COMPETITOR,
        }
        assert any(o.is_open(AT) for o in objections)
        assert any(not o.is_open(AT) for o in objections)

    def test_bant_evidence_for_some_b2b_leads(self, sample):
        """Some B2B leads, and no B2C lead, carry BANT evidence of every verdict."""
        with_evidence = [lead for lead in sample if lead.evidence]
        assert 20 < len(with_evidence) < 200
        assert all(lead.company is not None for lead in with_evidence)
        records = [e for lead in with_evidence for e in lead.evidence.values()]
        assert {e.criterion for e in records} == {
            "budget",
            "authority",
            "need",
            "timing",
        }
        assert {e.verdict for e in records} == set(pl.Verdict)

    def test_consent(self, sample):
        """Every lead has e-mail consent; granted consent names its lawful basis."""
        for lead in sample:
            assert pl.Channel.EMAIL in lead.consent
            assert (pl.Channel.PHONE in lead.consent) == (lead.person.phone is not None)
            for record in lead.consent.values():
                assert (record.basis is not None) == record.permits
        statuses = {c.status for lead in sample for c in lead.consent.values()}
        assert statuses == set(pl.ConsentStatus)

    def test_unsubscribing_withdraws_email_consent(self, sample):
        """A lead that unsubscribed denies e-mail from then on and gets no mailings."""
        unsubscribed = [
            lead for lead in sample if lead.interactions_of(pl.Activity.UNSUBSCRIBE)
        ]
        assert unsubscribed
        for lead in unsubscribed:
            when = lead.interactions_of(pl.Activity.UNSUBSCRIBE)[0].at
            assert lead.consent[pl.Channel.EMAIL].status is pl.ConsentStatus.DENIED
            assert lead.consent[pl.Channel.EMAIL].at == when
            later = lead.interactions_of(
                pl.Activity.EMAIL_OPEN, pl.Activity.EMAIL_CLICK, since=when
            )
            assert later == ()

    def test_tags_occasionally(self, sample):
        """A few leads carry one or two tags."""
        tagged = [lead for lead in sample if lead.tags]
        assert 10 < len(tagged) < 100
        assert {len(lead.tags) for lead in tagged} == {1, 2}

    def test_prospects_without_history(self, sample):
        """Every lead is a prospect with an empty stage history."""
        assert {lead.stage for lead in sample} == {"prospect"}
        assert all(lead.history == () for lead in sample)

    def test_no_reachable_contact_data(self, sample):
        """E-mail domains are .example ones and phone numbers use the 555 block."""
        for lead in sample:
            assert lead.person.email_domain.endswith(".example")
            if lead.person.phone is not None:
                assert re.fullmatch(r"\+\d{1,3} 555 \d{4}", lead.person.phone)

    def test_leads_pass_validation_again(self, sample):
        """Rebuilding each lead through the validating constructor changes nothing."""
        for lead in sample[:100]:
            assert attrs.evolve(lead) == lead

    def test_incomes_and_revenues_are_whole(self, sample):
        """Incomes are whole hundreds and revenues whole thousands (USD)."""
        for lead in sample:
            if lead.company is not None:
                assert lead.company.annual_revenue % 1000 == 0
            else:
                assert lead.person.income % 100 == 0
                assert isinstance(lead.person.income, Decimal)


class TestWorldTables:
    def test_every_source_has_an_origin(self):
        """Every Source has an origin interaction and a weight."""
        assert set(_samples_data.ORIGINS) == set(pl.Source)
        assert {s for s, *_ in _samples_data.SOURCES} == set(pl.Source)

    def test_every_activity_has_weights(self):
        """Every Activity has a tier, a channel and six weights."""
        assert [a for a, *_ in _samples_data.ACTIVITIES] == list(pl.Activity)
        assert all(len(weights) == 6 for *_, weights in _samples_data.ACTIVITIES)

    def test_countries_are_valid(self):
        """Every country builds a valid Location and has a calling code."""
        for country in _samples_data.COUNTRIES:
            assert pl.Location(country=country.code).country == country.code
            assert country.code in _samples_data.CALLING_CODES
