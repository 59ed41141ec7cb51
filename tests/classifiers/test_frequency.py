import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import FrequencyLabel
from prospectlib.classifiers import PurchaseFrequency
from prospectlib.classifiers._frequency import VISIT_ACTIVITIES
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from prospectlib.strategies import purchases
from tests.helpers import IST
from tests.helpers import US
from tests.helpers import config_problem
from tests.helpers import days

T0 = dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC)
AT = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC)  # 365 days after T0
DEFAULT = PurchaseFrequency()
RANK = {
    FrequencyLabel.NONE: 0,
    FrequencyLabel.SPORADIC: 1,
    FrequencyLabel.OCCASIONAL: 2,
    FrequencyLabel.FREQUENT: 3,
}


def buy(at: dt.datetime, amount: str = "20.00") -> pl.Purchase:
    return pl.Purchase(at=at, amount=amount, currency="EUR")


def lead(*bought: dt.datetime, created_at: dt.datetime = T0, **fields) -> pl.Lead:
    return pl.Lead(
        id="L-1",
        created_at=created_at,
        purchases=[buy(t) for t in bought],
        **fields,
    )


def before_at(*ages: float) -> list[dt.datetime]:
    """Purchase times this many days before AT."""
    return [AT - days(age) for age in ages]


def classify(
    subject: pl.Lead,
    at: dt.datetime = AT,
    classifier: PurchaseFrequency = DEFAULT,
):
    return classifier.classify(subject, at=at)


class TestArticleExamples:
    """The kinds of customer the practitioner articles describe."""

    def test_regular_buyer_who_comes_back_constantly_is_frequent(self):
        """A customer who buys every month is FREQUENT, and sure of it."""
        c = classify(lead(*before_at(*range(5, 365, 30))))
        assert c.label is FrequencyLabel.FREQUENT
        assert c.confidence == 1.0
        assert (
            c.reasons[0] == "bought on 12 days in the last 365 days (frequent from 4)"
        )

    def test_buyer_who_comes_back_with_long_gaps_is_occasional(self):
        """Two or three purchases a year, months apart, are OCCASIONAL."""
        c = classify(lead(*before_at(20, 200, 340)))
        assert c.label is FrequencyLabel.OCCASIONAL
        assert c.evidence["median_gap_days"] == 160.0
        assert "typically 160 days between them" in c.reasons

    def test_one_off_buyer_is_sporadic(self):
        """A single purchase (bought when the need arose) is SPORADIC."""
        c = classify(lead(*before_at(100)))
        assert c.label is FrequencyLabel.SPORADIC
        assert (
            c.reasons[0] == "bought on 1 day in the last 365 days (occasional from 2)"
        )

    def test_lead_that_never_bought_is_none(self):
        """A lead without purchases is NONE, with certainty."""
        c = classify(lead())
        assert c.label is FrequencyLabel.NONE
        assert c.confidence == 1.0
        assert c.reasons == ("has never bought",)

    def test_visits_without_purchase_show_in_reasons_but_stay_none(self):
        """Visits of a lead that never bought are counted, the label stays NONE."""
        visits = [
            pl.Interaction(activity="website_visit", at=AT - days(3)),
            pl.Interaction(activity="page_view", at=AT - days(3)),  # same day
            pl.Interaction(activity="store_visit", at=AT - days(40)),
            pl.Interaction(activity="email_open", at=AT - days(5)),  # not a visit
            pl.Interaction(activity="website_visit", at=AT - days(400)),  # too old
            pl.Interaction(activity="website_visit", at=AT + days(1)),  # future
        ]
        c = classify(lead(created_at=AT - days(500), interactions=visits))
        assert c.label is FrequencyLabel.NONE
        assert c.evidence["visit_days_in_window"] == 2
        assert c.reasons == (
            "has never bought",
            "came back on 2 days in the last 365 days without buying",
        )

    def test_lapsed_regular_buyer_is_occasional(self):
        """Many purchases but none in the last 90 days: no longer FREQUENT."""
        c = classify(lead(*before_at(100, 130, 160, 190, 220)))
        assert c.label is FrequencyLabel.OCCASIONAL
        assert c.reasons[0] == (
            "bought on 5 days in the last 365 days, but none in the last 90 days"
        )

    def test_buyer_whose_purchases_are_all_older_than_the_window_is_sporadic(self):
        """Bought long ago, not in the last year: SPORADIC, and sure of it."""
        c = classify(lead(*before_at(400, 420, 450, 480), created_at=AT - days(500)))
        assert c.label is FrequencyLabel.SPORADIC
        assert c.confidence == 1.0
        assert c.reasons[0] == "no purchase in the last 365 days"
        assert c.evidence["purchases_in_window"] == 0


class TestThresholds:
    def test_exactly_four_purchase_days_within_90_days_is_frequent(self):
        """Four purchase days, the last exactly 90 days ago, is FREQUENT."""
        assert classify(lead(*before_at(90, 150, 200, 250))).label is (
            FrequencyLabel.FREQUENT
        )

    def test_three_purchase_days_are_not_frequent(self):
        """Three purchase days, however recent, are OCCASIONAL."""
        assert classify(lead(*before_at(1, 2, 3))).label is FrequencyLabel.OCCASIONAL

    def test_last_purchase_just_over_90_days_ago_is_not_frequent(self):
        """A microsecond past ``frequent_within`` the lead is no longer FREQUENT."""
        bought = [AT - days(90) - US, *before_at(150, 200, 250)]
        assert classify(lead(*bought)).label is FrequencyLabel.OCCASIONAL

    def test_two_purchase_days_are_occasional_one_is_sporadic(self):
        """``occasional_at_least`` (2) is the line between SPORADIC and OCCASIONAL."""
        assert classify(lead(*before_at(10, 20))).label is FrequencyLabel.OCCASIONAL
        assert classify(lead(*before_at(10))).label is FrequencyLabel.SPORADIC

    def test_purchases_on_one_day_count_once(self):
        """Several purchases on one calendar day are one buying occasion."""
        day = AT - days(10)
        c = classify(
            lead(day, day + dt.timedelta(hours=1), day + dt.timedelta(hours=2))
        )
        assert c.label is FrequencyLabel.SPORADIC
        assert c.evidence["purchases_in_window"] == 3
        assert c.evidence["purchase_days_in_window"] == 1

    def test_calendar_days_are_those_of_the_time_zone_of_at(self):
        """Two purchases an hour apart across midnight in at's zone are two days."""
        at = dt.datetime(2026, 1, 10, 12, 0, tzinfo=IST)
        midnight = dt.datetime(2026, 1, 5, tzinfo=IST)
        bought = lead(
            midnight - dt.timedelta(minutes=30), midnight + dt.timedelta(minutes=30)
        )
        assert classify(bought, at=at).evidence["purchase_days_in_window"] == 2
        in_utc = at.astimezone(dt.UTC)  # both fall on 4 January in UTC
        assert classify(bought, at=in_utc).evidence["purchase_days_in_window"] == 1

    def test_window_excludes_its_start_and_includes_at(self):
        """The window is ``(at - window, at]``: its start is out, ``at`` is in."""
        c = classify(lead(AT - days(365), AT, created_at=AT - days(400)))
        assert c.evidence["purchases_in_window"] == 1
        c = classify(lead(AT - days(365) + US, AT, created_at=AT - days(400)))
        assert c.evidence["purchases_in_window"] == 2

    def test_tuned_thresholds_change_the_label(self):
        """A shop whose customers buy weekly can ask for more to be FREQUENT."""
        weekly = PurchaseFrequency(
            window=days(28), frequent_at_least=3, frequent_within=days(7)
        )
        assert classify(lead(*before_at(1, 8, 15)), classifier=weekly).label is (
            FrequencyLabel.FREQUENT
        )
        assert classify(lead(*before_at(8, 15, 22)), classifier=weekly).label is (
            FrequencyLabel.OCCASIONAL
        )

    def test_occasional_from_one_leaves_sporadic_for_old_buyers(self):
        """With ``occasional_at_least=1`` one purchase in the window is OCCASIONAL."""
        loose = PurchaseFrequency(occasional_at_least=1)
        c = classify(lead(*before_at(10)), classifier=loose)
        assert c.label is FrequencyLabel.OCCASIONAL
        assert c.evidence["median_gap_days"] is None
        assert c.reasons == (
            "bought on 1 day in the last 365 days (occasional from 1, frequent from 4)",
            "last purchase 10 days ago",
        )


class TestMonotonic:
    def test_a_purchase_that_lengthens_the_typical_gap_does_not_lower_the_label(self):
        """The median gap can grow with a purchase; it never decides the label."""
        regular = lead(*before_at(1, 101, 191, 192))  # gaps 1, 90, 100: median 90
        more = regular.with_purchases(buy(AT - days(285)))  # adds a gap of 93
        before, after = classify(regular), classify(more)
        assert before.evidence["median_gap_days"] == 90.0
        assert after.evidence["median_gap_days"] == 91.5  # above the 91.25 rhythm
        assert before.label is after.label is FrequencyLabel.FREQUENT

    def test_a_recent_purchase_brings_a_lapsed_buyer_back_to_frequent(self):
        """A new purchase makes the last one recent again: OCCASIONAL to FREQUENT."""
        lapsed = lead(*before_at(100, 130, 160, 190))
        assert classify(lapsed).label is FrequencyLabel.OCCASIONAL
        back = lapsed.with_purchases(buy(AT - days(2)))
        assert classify(back).label is FrequencyLabel.FREQUENT


class TestAsOf:
    def test_purchases_after_at_are_ignored(self):
        """Purchases dated after ``at`` change nothing."""
        past = lead(*before_at(10, 20))
        future = past.with_purchases(*(buy(AT + days(k)) for k in (1, 2, 3, 4)))
        assert classify(future) == classify(past)

    def test_lead_that_buys_only_after_at_has_not_bought_yet(self):
        """As of a time before its first purchase, a lead is NONE."""
        assert classify(lead(AT + days(1))).label is FrequencyLabel.NONE

    def test_at_before_the_lead_was_created_is_none(self):
        """Classifying before ``created_at`` is allowed: nothing happened yet."""
        c = classify(lead(T0), at=T0 - days(30))
        assert c.label is FrequencyLabel.NONE
        assert c.evidence["known_for_days"] == 0.0

    def test_window_reaching_before_year_one_counts_everything(self):
        """An ``at`` near the earliest datetime does not overflow the window."""
        start = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
        c = classify(lead(start, start + days(1), created_at=start), at=start + days(2))
        assert c.label is FrequencyLabel.OCCASIONAL
        assert c.evidence["purchases_in_window"] == 2

    def test_naive_at_is_refused(self):
        """A naive ``at`` raises `ValidationError` naming ``at``."""
        with pytest.raises(pl.ValidationError, match=r"^at: expected a timezone-aware"):
            DEFAULT.classify(lead(), at=dt.datetime(2026, 1, 1))  # noqa: DTZ001


class TestConfidenceAndEvidence:
    def test_frequent_with_bunched_purchases_is_less_sure(self):
        """FREQUENT whose typical gap exceeds the quarterly rhythm loses confidence."""
        # gaps 170, 1, 1: median 1 day, sure; gaps 120, 120, 1: median 120 days
        regular = classify(lead(*before_at(5, 6, 7, 177)))
        bunched = classify(lead(*before_at(5, 125, 245, 246)))
        assert regular.label is bunched.label is FrequencyLabel.FREQUENT
        assert regular.confidence == 1.0
        assert bunched.confidence == pytest.approx(0.7 + 0.3 * 91.25 / 120)

    def test_occasional_confidence_grows_with_gap_and_time_known(self):
        """OCCASIONAL: 0.5 + 0.25 x gap fit + 0.25 x share of the window known."""
        c = classify(lead(*before_at(10, 200)))  # gap 190 >= 91.25, known 365 days
        assert c.confidence == 1.0
        young = classify(lead(*before_at(10, 40), created_at=AT - days(73)))
        assert young.confidence == pytest.approx(0.5 + 0.25 * 30 / 91.25 + 0.25 * 0.2)

    def test_sporadic_new_lead_is_less_sure_and_says_why(self):
        """A lead known for a short time with one purchase may still come back."""
        c = classify(lead(AT - days(10), created_at=AT - days(36.5)))
        assert c.label is FrequencyLabel.SPORADIC
        assert c.confidence == pytest.approx(0.55)
        assert c.reasons[-1] == "a new customer: known for 36.5 days"

    def test_evidence_has_the_numbers_behind_the_label(self):
        """Evidence holds the window, counts, gap, recency and time known."""
        c = classify(lead(*before_at(10, 40, 41, 100)))
        assert dict(c.evidence) == {
            "window_days": 365.0,
            "purchases_in_window": 4,
            "purchase_days_in_window": 4,
            "median_gap_days": 30.0,
            "days_since_last_purchase": 10.0,
            "known_for_days": 365.0,
            "visit_days_in_window": None,
        }
        assert c.classifier == "purchase_frequency"

    def test_reasons_name_the_last_purchase_in_days(self):
        """The reasons say how long ago the last purchase was, in days."""
        c = classify(lead(AT - days(1)))
        assert "last purchase 1 day ago" in c.reasons
        c = classify(lead(AT - dt.timedelta(hours=60)))
        assert "last purchase 2.5 days ago" in c.reasons

    def test_reasons_say_less_than_a_day_for_today(self):
        """A purchase and a lead of the last hours are "less than a day" old."""
        c = classify(
            lead(AT - dt.timedelta(hours=2), created_at=AT - dt.timedelta(hours=3))
        )
        assert c.reasons[1:] == (
            "last purchase less than a day ago",
            "a new customer: known for less than a day",
        )


class TestParameters:
    def test_defaults_are_documented_values(self):
        """Defaults: 365 days; FREQUENT from 4 within 90 days; OCCASIONAL from 2."""
        assert DEFAULT.window == days(365)
        assert DEFAULT.frequent_at_least == 4
        assert DEFAULT.frequent_within == days(90)
        assert DEFAULT.occasional_at_least == 2
        assert DEFAULT.visit_activities == VISIT_ACTIVITIES
        assert DEFAULT.name == "purchase_frequency"

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("window", days(0), "a positive duration (timedelta)"),
            ("window", 365, "a positive duration (timedelta)"),
            ("frequent_within", -days(1), "a positive duration (timedelta)"),
            ("frequent_at_least", 0, "a whole number >= 1"),
            ("occasional_at_least", True, "a whole number >= 1"),
            ("frequent_at_least", 2, "a whole number greater than occasional_at_least"),
            ("visit_activities", ("teleport",), "a list of Activity values or terms"),
            ("visit_activities", 3, "a list of Activity values or terms"),
            ("name", " ", "a non-empty string"),
        ],
    )
    def test_bad_parameter_names_its_field(self, field, value, expected):
        """A bad parameter raises `InvalidConfigError` naming the field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            PurchaseFrequency(**{field: value})
        problem = config_problem(exc)
        assert problem.path == f"PurchaseFrequency.{field}"
        assert problem.expected == expected

    def test_visit_activities_accept_strings_and_one_value(self):
        """Visit activities may be given as strings, or as a single one."""
        assert PurchaseFrequency(visit_activities=["store_visit"]).visit_activities == (
            pl.Activity.STORE_VISIT,
        )
        assert PurchaseFrequency(visit_activities="store_visit").visit_activities == (
            pl.Activity.STORE_VISIT,
        )

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives ``to_dict`` → JSON → ``from_dict``."""
        tuned = PurchaseFrequency(
            window=days(180),
            frequent_at_least=6,
            frequent_within=dt.timedelta(days=30, hours=12),
            occasional_at_least=3,
            visit_activities=("store_visit",),
            name="frequency_half_year",
        )
        data = json.loads(json.dumps(serialize.to_dict(tuned)))
        assert data["window"] == "P180D"
        assert serialize.from_dict(PurchaseFrequency, data) == tuned
        assert serialize.from_dict(PurchaseFrequency, serialize.to_dict(DEFAULT)) == (
            DEFAULT
        )

    def test_bad_dict_raises_invalid_config(self):
        """Loading a bad parameter raises `InvalidConfigError` with its path."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(PurchaseFrequency, {"frequent_at_least": 0})
        assert config_problem(exc).path.endswith("frequent_at_least")

    def test_is_a_classifier(self):
        """It satisfies the `Classifier` protocol and can be renamed."""
        assert isinstance(DEFAULT, Classifier)
        renamed = attrs.evolve(DEFAULT, name="freq2")
        assert classify(lead(), classifier=renamed).classifier == "freq2"


WINDOW = {
    "since": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    "until": dt.datetime(2025, 12, 1, tzinfo=dt.UTC),
}
LEADS = leads(max_purchases=10, **WINDOW)
AROUND = aware_datetimes(
    min_value=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
    max_value=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
)
# Customers who bought up to 12 times in the year before AT: every label occurs.
BUYERS = st.lists(purchases(since=T0, until=AT), max_size=12).map(
    lambda bought: pl.Lead(id="B-1", created_at=T0, purchases=bought)
)
CLASSIFIERS = st.sampled_from(
    [
        DEFAULT,
        PurchaseFrequency(
            window=days(60), frequent_at_least=3, frequent_within=days(7)
        ),
        PurchaseFrequency(occasional_at_least=1, frequent_at_least=2),
    ]
)


@pytest.mark.slow
class TestProperties:
    @given(LEADS, AROUND, CLASSIFIERS)
    def test_total_with_valid_answer(self, subject, at, classifier):
        """Any valid lead gets a label, confidence in [0, 1], reasons, JSON evidence."""
        c = classifier.classify(subject, at=at)
        assert c.label in FrequencyLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(isinstance(r, str) and r for r in c.reasons)
        assert json.loads(json.dumps(dict(c.evidence))) == dict(c.evidence)
        assert (c.label is FrequencyLabel.NONE) == (
            not subject.purchases or subject.purchases[0].at > at
        )

    @given(LEADS, AROUND, CLASSIFIERS, st.data())
    def test_adding_a_purchase_never_lowers_the_label(
        self, subject, at, classifier, data
    ):
        """More purchases (at or before ``at``) never lower frequency."""
        at = max(at, subject.created_at)
        extra = data.draw(purchases(since=subject.created_at, until=at))
        before = classifier.classify(subject, at=at).label
        after = classifier.classify(subject.with_purchases(extra), at=at).label
        assert RANK[after] >= RANK[before]

    @given(BUYERS, CLASSIFIERS, purchases(since=T0, until=AT))
    def test_adding_a_purchase_to_a_buyer_never_lowers_the_label(
        self, subject, classifier, extra
    ):
        """Adding a purchase to a customer's year never lowers its frequency."""
        before = classifier.classify(subject, at=AT).label
        after = classifier.classify(subject.with_purchases(extra), at=AT).label
        assert RANK[after] >= RANK[before]

    @given(LEADS, AROUND, st.data())
    def test_purchases_after_at_change_nothing(self, subject, at, data):
        """A purchase dated after ``at`` leaves the classification unchanged."""
        later = data.draw(
            purchases(
                since=max(at, subject.created_at) + US,
                until=WINDOW["until"] + days(400),
            )
        )
        assert DEFAULT.classify(
            subject.with_purchases(later), at=at
        ) == DEFAULT.classify(subject, at=at)
