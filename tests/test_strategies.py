import datetime as dt
import importlib
import itertools
import sys
from decimal import Decimal

import pytest
from hypothesis import Phase
from hypothesis import find
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import strategies as ps
from prospectlib.model._countries import COUNTRY_CODES
from prospectlib.model._parties import _EMAIL
from tests.helpers import IST
from tests.helpers import T0

UTC = dt.UTC
PST = dt.timezone(dt.timedelta(hours=-8))
T1 = dt.datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
LAST_INSTANT = dt.datetime.max.replace(tzinfo=UTC)

# Every strategy that takes a time window, by name.
WINDOWED = {
    "interactions": ps.interactions,
    "purchases": ps.purchases,
    "objections": ps.objections,
    "evidence": ps.evidence,
    "consents": ps.consents,
    "stage_changes": ps.stage_changes,
    "leads": ps.leads,
}


def example_where(strategy, condition):
    """The first generated value satisfying *condition* (no shrinking: fast)."""
    quick = settings(max_examples=5000, phases=[Phase.generate], database=None)
    return find(strategy, condition, settings=quick)


@st.composite
def windows(draw):
    """Two aware datetimes, the first not after the second."""
    low, high = sorted(draw(st.lists(ps.aware_datetimes(), min_size=2, max_size=2)))
    return low, high


def is_blank_or_text(value):
    return value is None or (isinstance(value, str) and value.strip() != "")


def record_times(lead):
    """Every time stamp inside a lead except created_at."""
    yield from (i.at for i in lead.interactions)
    yield from (p.at for p in lead.purchases)
    for o in lead.objections:
        yield o.raised_at
        if o.resolved_at is not None:
            yield o.resolved_at
    yield from (e.at for e in lead.evidence.values())
    yield from (c.at for c in lead.consent.values() if c.at is not None)
    yield from (h.at for h in lead.history)


class TestAwareDatetimes:
    @given(ps.aware_datetimes())
    def test_default_range(self, when):
        """Values are aware and lie between EARLIEST and LATEST."""
        assert when.utcoffset() is not None
        assert ps.EARLIEST <= when <= ps.LATEST

    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_bounds_respected(self, window, data):
        """Values lie between the given bounds, compared as instants."""
        low, high = window
        when = data.draw(ps.aware_datetimes(min_value=low, max_value=high))
        assert low <= when <= high

    def test_equal_bounds_give_that_instant(self):
        """With min_value == max_value the only value is that instant."""
        when = example_where(
            ps.aware_datetimes(min_value=T0.astimezone(IST), max_value=T0),
            lambda t: t.utcoffset() != dt.timedelta(0),
        )
        assert when == T0

    @pytest.mark.parametrize("offset", [IST, PST])
    def test_non_zero_offsets_appear(self, offset):
        """Offsets other than UTC are generated, half-hour ones included."""
        when = example_where(
            ps.aware_datetimes(), lambda t: t.utcoffset() == offset.utcoffset(None)
        )
        assert when.utcoffset() == offset.utcoffset(None)

    @given(ps.aware_datetimes(min_value=LAST_INSTANT, max_value=LAST_INSTANT))
    def test_extreme_bound_stays_representable(self, when):
        """At datetime.max, offsets that would overflow fall back to UTC."""
        assert when == LAST_INSTANT

    def test_overflowing_offset_falls_back_to_utc(self):
        """An instant that cannot be shown at an offset keeps UTC."""
        assert ps._localize(LAST_INSTANT, IST).tzinfo is UTC

    @pytest.mark.parametrize("bound", ["min_value", "max_value"])
    def test_naive_bound_refused(self, bound):
        """A naive bound raises ValidationError naming the argument."""
        with pytest.raises(pl.ValidationError) as info:
            ps.aware_datetimes(**{bound: dt.datetime(2026, 1, 1)})  # noqa: DTZ001
        assert [p.path for p in info.value.problems] == [f"aware_datetimes.{bound}"]

    def test_reversed_bounds_refused(self):
        """max_value before min_value raises ValidationError."""
        with pytest.raises(pl.ValidationError, match=r"aware_datetimes\.max_value"):
            ps.aware_datetimes(min_value=T1, max_value=T0)

    @pytest.mark.parametrize("name", sorted(WINDOWED))
    def test_windowed_strategies_check_their_bounds(self, name):
        """Every windowed strategy refuses a window that ends before it starts."""
        with pytest.raises(pl.ValidationError, match=rf"{name}\.until"):
            WINDOWED[name](since=T1, until=T0)

    @pytest.mark.parametrize("name", sorted(WINDOWED))
    def test_windowed_strategies_refuse_non_datetimes(self, name):
        """A bound that is not a datetime raises ValidationError, not TypeError."""
        with pytest.raises(pl.ValidationError, match=rf"{name}\.since"):
            WINDOWED[name](since="2026-01-01", until=T0)


class TestParties:
    @given(ps.locations())
    def test_locations_say_something(self, location):
        """A location has a country, region or city; countries are ISO codes."""
        assert (location.country, location.region, location.city) != (None, None, None)
        assert location.country is None or location.country in COUNTRY_CODES
        for text in (location.region, location.city, location.postal_code):
            assert is_blank_or_text(text)

    def test_locations_vary(self):
        """Locations without a country, and with only a country, are generated."""
        assert (
            example_where(ps.locations(), lambda loc: loc.country is None).country
            is None
        )
        only = example_where(
            ps.locations(), lambda loc: loc.region is None and loc.city is None
        )
        assert only.country in COUNTRY_CODES

    @pytest.mark.slow
    @given(ps.persons())
    def test_persons_are_valid(self, person):
        """Person fields respect the model's rules, e-mails its pattern."""
        assert person.email is None or _EMAIL.fullmatch(person.email)
        assert person.age is None or 0 <= person.age <= 130
        assert person.income is None or (
            person.income.is_finite() and person.income >= 0
        )
        for text in (person.name, person.phone, person.job_title, person.occupation):
            assert is_blank_or_text(text)
        assert all(s.strip() for s in (*person.lifestyle, *person.interests))

    def test_unicode_names_and_emails(self):
        """Names and e-mail addresses include non-ASCII text."""
        name = example_where(
            ps.persons(), lambda p: p.name is not None and not p.name.isascii()
        )
        assert not name.name.isascii()
        mail = example_where(
            ps.persons(), lambda p: p.email is not None and not p.email.isascii()
        )
        assert _EMAIL.fullmatch(mail.email)

    @given(ps.companies())
    def test_companies_are_valid(self, company):
        """Company counts and amounts are non-negative, texts non-blank."""
        assert company.employees is None or company.employees >= 0
        assert company.annual_revenue is None or company.annual_revenue >= 0
        for text in (
            company.name,
            company.industry,
            company.company_type,
            company.domain,
        ):
            assert is_blank_or_text(text)


class TestRecords:
    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_interactions_in_window(self, window, data):
        """Interactions happen inside the window; values are finite numbers."""
        since, until = window
        interaction = data.draw(ps.interactions(since=since, until=until))
        assert since <= interaction.at <= until
        assert interaction.value is None or abs(interaction.value) < float("inf")

    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_purchases_in_window(self, window, data):
        """Purchases happen inside the window with finite amounts >= 0."""
        since, until = window
        purchase = data.draw(ps.purchases(since=since, until=until))
        assert since <= purchase.at <= until
        assert purchase.amount.is_finite()
        assert purchase.amount >= 0
        assert len(purchase.currency) == 3
        assert purchase.currency.isascii()
        assert purchase.currency.isupper()

    @given(ps.purchases(currencies=["VND", "JPY"]))
    def test_purchases_use_given_currencies(self, purchase):
        """With currencies=..., only those codes appear."""
        assert purchase.currency in {"VND", "JPY"}

    @pytest.mark.parametrize(
        "wanted",
        [lambda e: e > 0, lambda e: e < 0, lambda e: e == 0],
        ids=["positive", "negative", "zero"],
    )
    def test_amount_exponents_vary(self, wanted):
        """Amounts come with positive, negative and zero exponents."""
        purchase = example_where(
            ps.purchases(), lambda p: wanted(p.amount.as_tuple().exponent)
        )
        assert isinstance(purchase.amount, Decimal)

    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_objections_in_window(self, window, data):
        """Objections are raised in the window and never resolved before raised."""
        since, until = window
        objection = data.draw(ps.objections(since=since, until=until))
        assert since <= objection.raised_at <= until
        if objection.resolved_at is not None:
            assert objection.raised_at <= objection.resolved_at <= until

    def test_open_and_resolved_objections(self):
        """Both open and resolved objections are generated."""
        assert example_where(ps.objections(), lambda o: o.resolved_at is None).is_open()
        assert not example_where(
            ps.objections(), lambda o: o.resolved_at is not None
        ).is_open()

    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_evidence_in_window(self, window, data):
        """Evidence is established inside the window."""
        since, until = window
        record = data.draw(ps.evidence(since=since, until=until))
        assert since <= record.at <= until
        assert record.criterion.strip()

    @given(ps.evidence(criteria=["budget", "need"]))
    def test_evidence_uses_given_criteria(self, record):
        """With criteria=..., only those names appear."""
        assert record.criterion in {"budget", "need"}

    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_consents_in_window(self, window, data):
        """Consent times, when present, lie inside the window."""
        since, until = window
        consent = data.draw(ps.consents(since=since, until=until))
        assert consent.at is None or since <= consent.at <= until

    @given(ps.stage_changes(stages=st.sampled_from(["a", "b"])))
    def test_stage_changes_use_given_stages(self, change):
        """With stages=..., source and target come from that strategy."""
        assert {change.source, change.target} <= {"a", "b"}

    @given(ps.stage_ids())
    def test_stage_ids_are_text(self, stage):
        """Stage ids are non-blank strings."""
        assert stage.strip()

    def test_stage_ids_include_unicode(self):
        """Stage ids are not only the usual ASCII names."""
        assert not example_where(ps.stage_ids(), lambda s: not s.isascii()).isascii()


class TestLeads:
    @pytest.mark.slow
    @given(window=windows(), data=st.data())
    def test_times_within_window(self, window, data):
        """created_at is in the window; every record time between it and until."""
        since, until = window
        lead = data.draw(ps.leads(since=since, until=until))
        assert since <= lead.created_at <= until
        assert all(lead.created_at <= t <= until for t in record_times(lead))

    @pytest.mark.slow
    @given(ps.leads())
    def test_leads_keep_their_invariants(self, lead):
        """History is chained and ordered; maps are keyed right; attributes scalar."""
        for before, after in itertools.pairwise(lead.history):
            assert before.at <= after.at
            assert before.target == after.source
        assert not lead.history or lead.history[-1].target == lead.stage
        assert all(k == e.criterion for k, e in lead.evidence.items())
        assert all(k == c.channel for k, c in lead.consent.items())
        for name, value in lead.attributes.items():
            assert isinstance(name, str)
            assert name
            assert value is None or isinstance(value, (str, int, float, bool))
            assert not isinstance(value, float) or abs(value) < float("inf")

    def test_leads_with_history(self):
        """By default some leads carry a multi-step history."""
        lead = example_where(ps.leads(), lambda lead: len(lead.history) >= 3)
        assert lead.history[-1].target == lead.stage

    @pytest.mark.slow
    @given(ps.leads(with_history=False))
    def test_without_history(self, lead):
        """with_history=False gives leads with an empty history."""
        assert lead.history == ()

    @pytest.mark.slow
    @given(
        ps.leads(
            max_interactions=1,
            max_purchases=0,
            max_objections=2,
            max_history=1,
            stages=st.sampled_from(["new", "won"]),
            person=ps.persons(),
            company=st.none(),
        )
    )
    def test_options_respected(self, lead):
        """max_*, stages=, person= and company= bound and decide those parts."""
        assert len(lead.interactions) <= 1
        assert lead.purchases == ()
        assert len(lead.objections) <= 2
        assert len(lead.history) <= 1
        assert lead.stage in {"new", "won"}
        assert all({h.source, h.target} <= {"new", "won"} for h in lead.history)
        assert isinstance(lead.person, pl.Person)
        assert lead.company is None

    def test_parties_optional_by_default(self):
        """By default, leads with and without a person and a company appear."""
        assert example_where(ps.leads(), lambda x: x.person is None).person is None
        assert example_where(ps.leads(), lambda x: x.company is None).company is None

    @pytest.mark.slow
    def test_leads_are_rich(self):
        """Leads with a person, a company, purchases and evidence are generated."""
        lead = example_where(
            ps.leads(),
            lambda lead: (
                lead.person is not None
                and lead.company is not None
                and lead.purchases
                and lead.evidence
                and lead.consent
                and lead.attributes
            ),
        )
        assert lead.is_customer

    @pytest.mark.parametrize(
        "option", ["max_interactions", "max_purchases", "max_objections", "max_history"]
    )
    @pytest.mark.parametrize("bad", [-1, 1.5, True])
    def test_bad_maximum_refused(self, option, bad):
        """A maximum that is not a whole number >= 0 raises ValidationError."""
        with pytest.raises(pl.ValidationError) as info:
            ps.leads(**{option: bad})
        assert info.value.problems[0].path == f"leads.{option}"


class TestMissingHypothesis:
    def test_import_without_hypothesis(self, monkeypatch):
        """Without hypothesis, import raises MissingDependencyError (an ImportError)."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.setitem(sys.modules, "hypothesis.strategies", None)
        monkeypatch.delitem(sys.modules, "prospectlib.strategies")
        with pytest.raises(pl.MissingDependencyError) as info:
            importlib.import_module("prospectlib.strategies")
        assert isinstance(info.value, ImportError)
        assert isinstance(info.value.__cause__, ImportError)
        assert "pip install 'prospectlib[hypothesis]'" in str(info.value)
        assert "prospectlib.strategies" in str(info.value)
