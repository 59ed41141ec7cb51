import datetime as dt
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import TEMPERATURE_WEIGHTS
from prospectlib.classifiers import Classification
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import Temperature
from prospectlib.classifiers import TemperatureLabel
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import interactions
from prospectlib.strategies import leads
from prospectlib.strategies import purchases
from tests.helpers import T0
from tests.helpers import US
from tests.helpers import act
from tests.helpers import buy
from tests.helpers import config_problem
from tests.helpers import days
from tests.helpers import lead

TEMP = Temperature()
HOT = TemperatureLabel.HOT
WARM = TemperatureLabel.WARM
COLD = TemperatureLabel.COLD
DEAD = TemperatureLabel.DEAD
ORDER = (DEAD, COLD, WARM, HOT)


def consent(channel: str, status: str, at: dt.datetime | None = None) -> pl.Consent:
    return pl.Consent(channel=channel, status=status, at=at)


def classify(the_lead: pl.Lead, at: dt.datetime = T0, **params: object):
    return Temperature(**params).classify(the_lead, at=at)  # type: ignore[arg-type]


def rank(label: TemperatureLabel) -> int:
    return ORDER.index(label)


class TestExamples:
    def test_a_demo_request_today_is_hot(self):
        """A demo request just made is HOT."""
        c = classify(lead(interactions=[act("demo_request")]))
        assert c.label is HOT
        assert c.reasons == (
            "engagement score 30 >= 20 (hot)",
            "last activity today (demo_request)",
        )

    def test_interest_fades_while_the_lead_waits(self):
        """The same demo request is WARM after three weeks, DEAD after 200 days."""
        demo = lead(interactions=[act("demo_request")])
        assert classify(demo, at=T0 + days(21)).label is WARM
        assert classify(demo, at=T0 + days(100)).label is COLD
        assert classify(demo, at=T0 + days(200)).label is DEAD

    def test_an_email_open_alone_is_cold(self):
        """An opened e-mail is the lowest signal: COLD."""
        c = classify(lead(interactions=[act("email_open")]))
        assert c.label is COLD
        assert c.reasons[0] == "engagement score 0.25 below 5 (warm)"

    def test_many_visits_warm_a_lead_up(self):
        """One visit is COLD; six visits in a few days are WARM."""
        one = lead(interactions=[act("website_visit")])
        six = lead(
            interactions=[act("website_visit", T0 + days(i / 2)) for i in range(6)]
        )
        assert classify(one, at=T0 + days(3)).label is COLD
        assert classify(six, at=T0 + days(3)).label is WARM

    def test_a_new_lead_without_activity_is_cold(self):
        """A lead captured today that did nothing yet is COLD, not DEAD."""
        c = classify(lead())
        assert (c.label, c.confidence) == (COLD, 1.0)
        assert c.reasons == (
            "engagement score 0 below 5 (warm)",
            "no activity since created today",
        )
        assert c.evidence["days_since_last_activity"] is None


class TestScore:
    @pytest.mark.parametrize(
        "activity",
        ["demo_request", "webinar_attendance", "website_visit", "email_open"],
    )
    def test_a_contribution_halves_at_the_half_life(self, activity):
        """At the half-life a single interaction counts half its weight."""
        c = classify(lead(interactions=[act(activity)]), at=T0 + days(14))
        assert c.evidence["score"] == TEMPERATURE_WEIGHTS[activity] / 2

    def test_a_purchase_halves_at_the_half_life(self):
        """A purchase counts purchase_weight, half of it after a half-life."""
        assert classify(lead(purchases=[buy()])).evidence["score"] == 15.0
        assert (
            classify(lead(purchases=[buy()]), at=T0 + days(14)).evidence["score"] == 7.5
        )

    def test_two_half_lives_leave_a_quarter(self):
        """After two half-lives an interaction counts a quarter."""
        c = classify(lead(interactions=[act("demo_request")]), at=T0 + days(28))
        assert c.evidence["score"] == 7.5

    def test_the_half_life_is_tunable(self):
        """With a 7-day half-life, a week halves a contribution."""
        c = classify(
            lead(interactions=[act("demo_request")]), at=T0 + days(7), half_life=days(7)
        )
        assert c.evidence["score"] == 15.0

    def test_interactions_and_purchases_add_up(self):
        """The score sums every interaction and purchase."""
        the_lead = lead(
            interactions=[act("webinar_attendance"), act("email_open")],
            purchases=[buy(), buy()],
        )
        c = classify(the_lead)
        assert c.evidence["score"] == 10 + 0.25 + 15 + 15
        assert (c.evidence["interactions"], c.evidence["purchases"]) == (2, 2)

    def test_weights_are_tunable(self):
        """Configured weights replace the defaults; left-out activities score 0."""
        c = classify(
            lead(interactions=[act("call"), act("demo_request")]),
            weights={pl.Activity.CALL: 3},
        )
        assert c.evidence["score"] == 3.0

    def test_an_unscored_activity_still_shows_the_lead_is_alive(self):
        """An activity without points keeps a lead from being DEAD."""
        the_lead = lead(interactions=[act("website_visit", T0 + days(250))])
        c = classify(the_lead, at=T0 + days(260), weights={"call": 10})
        assert c.label is COLD
        assert c.evidence["score"] == 0.0
        assert c.evidence["days_since_last_activity"] == 10.0


class TestThresholds:
    def test_exactly_hot_is_hot(self):
        """A score of exactly ``hot`` is HOT; a hair below is WARM."""
        the_lead = lead(interactions=[act("call")])
        assert classify(the_lead, weights={"call": 20}).label is HOT
        assert classify(the_lead, at=T0 + US, weights={"call": 20}).label is WARM

    def test_exactly_warm_is_warm(self):
        """A score of exactly ``warm`` is WARM; a hair below is COLD."""
        the_lead = lead(interactions=[act("call")])
        assert classify(the_lead, weights={"call": 5}).label is WARM
        assert classify(the_lead, at=T0 + US, weights={"call": 5}).label is COLD

    def test_thresholds_are_tunable(self):
        """A webinar (10 points) is HOT when hot is 10."""
        c = classify(lead(interactions=[act("webinar_attendance")]), hot=10, warm=2)
        assert c.label is HOT
        assert c.reasons[0] == "engagement score 10 >= 10 (hot)"

    def test_dead_exactly_after_dead_after(self):
        """Nothing for exactly 180 days is DEAD; a microsecond less is COLD."""
        the_lead = lead(interactions=[act("demo_request")])
        assert classify(the_lead, at=T0 + days(180) - US).label is COLD
        c = classify(the_lead, at=T0 + days(180))
        assert c.label is DEAD
        assert c.reasons == (
            "nothing for 180 days or more",
            "last activity 180 days ago (demo_request)",
        )

    def test_a_lead_that_never_engaged_dies_from_its_creation(self):
        """With no activity at all, the idle time counts from created_at."""
        assert classify(lead(), at=T0 + days(179)).label is COLD
        c = classify(lead(), at=T0 + days(180))
        assert c.label is DEAD
        assert c.reasons[1] == "no activity since created 180 days ago"

    def test_dead_after_is_tunable(self):
        """With dead_after 30 days, a month of silence is DEAD."""
        the_lead = lead(interactions=[act("demo_request")])
        assert classify(the_lead, at=T0 + days(30), dead_after=days(30)).label is DEAD


class TestOptOut:
    def test_an_unsubscribe_makes_a_lead_dead(self):
        """Unsubscribing after engaging makes the lead DEAD, surely."""
        the_lead = lead(
            interactions=[act("demo_request"), act("unsubscribe", T0 + days(1))]
        )
        c = classify(the_lead, at=T0 + days(1))
        assert (c.label, c.confidence) == (DEAD, 1.0)
        assert c.reasons == (
            "unsubscribed and not engaged since",
            "last activity 1 day ago (demo_request)",
        )
        assert c.evidence["opted_out"] is True

    def test_an_unsubscribe_scores_nothing(self):
        """An unsubscribe is not counted as an interaction."""
        c = classify(lead(interactions=[act("unsubscribe")]))
        assert c.evidence["interactions"] == 0
        assert c.evidence["score"] == 0.0

    def test_engaging_after_unsubscribing_revives_the_lead(self):
        """A demo request after the unsubscribe brings the lead back."""
        the_lead = lead(
            interactions=[act("unsubscribe"), act("demo_request", T0 + days(1))]
        )
        c = classify(the_lead, at=T0 + days(1))
        assert c.label is HOT
        assert c.evidence["opted_out"] is False

    def test_a_purchase_after_unsubscribing_revives_the_lead(self):
        """A purchase after the unsubscribe brings the lead back."""
        the_lead = lead(
            interactions=[act("unsubscribe")], purchases=[buy(T0 + days(1))]
        )
        assert classify(the_lead, at=T0 + days(1)).label is WARM

    def test_engaging_at_the_same_moment_does_not_revive(self):
        """An interaction at the moment of the unsubscribe does not revive."""
        the_lead = lead(interactions=[act("email_click"), act("unsubscribe")])
        assert classify(the_lead).label is DEAD

    def test_an_unsubscribe_after_at_is_ignored(self):
        """An unsubscribe after *at* does not count yet."""
        the_lead = lead(
            interactions=[act("demo_request"), act("unsubscribe", T0 + days(1))]
        )
        assert classify(the_lead, at=T0 + days(1) - US).label is HOT

    def test_consent_denied_everywhere_asked_makes_a_lead_dead(self):
        """Contact refused on every channel asked, none granted, is DEAD."""
        the_lead = lead(
            interactions=[act("webinar_attendance")],
            consent=[
                consent("email", "denied", T0 + days(1)),
                consent("phone", "denied", T0 + days(2)),
                consent("sms", "unknown"),
            ],
        )
        c = classify(the_lead, at=T0 + days(2))
        assert (c.label, c.confidence) == (DEAD, 1.0)
        assert (
            c.reasons[0]
            == "refused contact on every channel asked and not engaged since"
        )

    def test_a_granted_channel_keeps_the_lead_alive(self):
        """One granted channel: the denials alone do not kill the lead."""
        the_lead = lead(
            interactions=[act("webinar_attendance")],
            consent=[consent("email", "denied", T0), consent("phone", "granted", T0)],
        )
        assert classify(the_lead).label is WARM

    def test_an_undated_denial_counts_from_creation(self):
        """An undated denial stands from created_at; later engagement revives."""
        at_creation = lead(
            interactions=[act("webinar_attendance")],
            consent=[consent("email", "denied")],
        )
        assert classify(at_creation).label is DEAD
        later = lead(
            interactions=[act("webinar_attendance", T0 + days(1))],
            consent=[consent("email", "denied")],
        )
        assert classify(later, at=T0 + days(1)).label is WARM

    def test_consent_after_at_is_ignored(self):
        """A denial dated after *at* does not count yet (nor a grant)."""
        the_lead = lead(
            interactions=[act("webinar_attendance")],
            consent=[consent("email", "denied", T0 + days(1))],
        )
        assert classify(the_lead, at=T0 + days(1) - US).label is WARM
        assert classify(the_lead, at=T0 + days(1)).label is DEAD
        granted_later = the_lead.with_consent(consent("phone", "granted", T0 + days(2)))
        assert classify(granted_later, at=T0 + days(1)).label is DEAD
        assert classify(granted_later, at=T0 + days(2)).label is WARM

    def test_the_latest_opt_out_is_named(self):
        """With an unsubscribe and a later denial, the denial is named."""
        the_lead = lead(
            interactions=[act("unsubscribe")],
            consent=[consent("email", "denied", T0 + days(1))],
        )
        c = classify(the_lead, at=T0 + days(1))
        assert (
            c.reasons[0]
            == "refused contact on every channel asked and not engaged since"
        )
        earlier = lead(
            interactions=[act("unsubscribe", T0 + days(2))],
            consent=[consent("email", "denied", T0 + days(1))],
        )
        c = classify(earlier, at=T0 + days(2))
        assert c.reasons[0] == "unsubscribed and not engaged since"


class TestConfidence:
    def test_hot_is_certain_at_twice_the_threshold(self):
        """HOT at exactly the threshold is 0.5, at twice it 1.0."""
        the_lead = lead(interactions=[act("call")])
        assert classify(the_lead, weights={"call": 20}).confidence == 0.5
        assert classify(the_lead, weights={"call": 40}).confidence == 1.0

    def test_warm_is_surest_between_the_thresholds(self):
        """WARM is 1.0 a doubling from both thresholds, 0.5 on one."""
        the_lead = lead(interactions=[act("call")])
        assert classify(the_lead, weights={"call": 10}).confidence == 1.0
        assert classify(the_lead, weights={"call": 5}).confidence == 0.5
        c = classify(the_lead, weights={"call": 15})
        assert c.confidence == pytest.approx(0.5 + 0.5 * math.log2(20 / 15))

    def test_cold_near_death_is_unsure(self):
        """A COLD lead close to dead_after is less sure it is COLD."""
        the_lead = lead(interactions=[act("email_open")])
        c = classify(the_lead, at=T0 + days(135))
        assert c.label is COLD
        assert c.confidence == pytest.approx(0.5 + 0.5 * 45 / 180)

    def test_cold_near_warm_is_unsure(self):
        """A COLD score just under ``warm`` is barely COLD."""
        c = classify(lead(interactions=[act("call")]), weights={"call": 4})
        assert c.confidence == pytest.approx(0.5 + 0.5 * math.log2(5 / 4))

    def test_dead_grows_surer_with_time(self):
        """DEAD at dead_after is 0.5, at twice dead_after 1.0."""
        assert classify(lead(), at=T0 + days(180)).confidence == 0.5
        assert classify(lead(), at=T0 + days(270)).confidence == 0.75
        assert classify(lead(), at=T0 + days(400)).confidence == 1.0


class TestReasons:
    def test_names_the_strongest_signal_when_not_the_last(self):
        """The strongest contribution is named when the last activity was weaker."""
        the_lead = lead(
            interactions=[act("demo_request"), act("email_open", T0 + days(1))]
        )
        c = classify(the_lead, at=T0 + days(2))
        assert c.reasons == (
            "engagement score 27.4 >= 20 (hot)",
            "last activity 1 day ago (email_open)",
            "strongest: demo_request 2 days ago",
        )

    def test_a_warm_headline(self):
        """A WARM answer says the score reached ``warm``."""
        c = classify(lead(interactions=[act("webinar_attendance")]))
        assert c.reasons[0] == "engagement score 10 >= 5 (warm)"

    def test_large_scores_are_shown_whole(self):
        """Scores of 100 or more are shown without decimals."""
        c = classify(lead(purchases=[buy()] * 8))
        assert c.reasons[0] == "engagement score 120 >= 20 (hot)"

    def test_at_before_creation_counts_no_idle_time(self):
        """Classifying before the lead was created finds nothing, idle zero."""
        c = classify(lead(), at=T0 - days(3))
        assert (c.label, c.reasons[1]) == (COLD, "no activity since created today")


class TestAsOf:
    def test_records_after_at_change_nothing(self):
        """Records dated after *at* leave the answer unchanged."""
        base = lead(interactions=[act("webinar_attendance")])
        later = base.with_interactions(
            act("demo_request", T0 + days(1))
        ).with_purchases(buy(T0 + days(1)))
        assert classify(later, at=T0 + days(1) - US) == classify(
            base, at=T0 + days(1) - US
        )


class TestParameters:
    @pytest.mark.parametrize(
        ("params", "path", "expected"),
        [
            ({"name": " "}, "Temperature.name", "a non-empty string"),
            ({"half_life": days(0)}, "Temperature.half_life", "a positive timedelta"),
            ({"half_life": 14}, "Temperature.half_life", "a positive timedelta"),
            (
                {"dead_after": -days(1)},
                "Temperature.dead_after",
                "a positive timedelta",
            ),
            (
                {"weights": [("call", 1)]},
                "Temperature.weights",
                "a mapping of activities to points",
            ),
            (
                {"weights": {"unsubscribe": 1}},
                "Temperature.weights",
                "activities other than 'unsubscribe' as keys (got 'unsubscribe')",
            ),
            (
                {"weights": {"telepathy": 1}},
                "Temperature.weights",
                "activities other than 'unsubscribe' as keys (got 'telepathy')",
            ),
            (
                {"weights": {3: 1}},
                "Temperature.weights",
                "activities as keys (got a key of type int)",
            ),
            (
                {"weights": {"call": -1}},
                "Temperature.weights['call']",
                "a finite number >= 0",
            ),
            (
                {"weights": {"call": True}},
                "Temperature.weights['call']",
                "a finite number >= 0",
            ),
            (
                {"weights": {"call": math.inf}},
                "Temperature.weights['call']",
                "a finite number >= 0",
            ),
            (
                {"purchase_weight": -1},
                "Temperature.purchase_weight",
                "a finite number >= 0",
            ),
            (
                {"purchase_weight": "15"},
                "Temperature.purchase_weight",
                "a finite number >= 0",
            ),
            ({"hot": 0}, "Temperature.hot", "a finite number > 0"),
            ({"warm": math.nan}, "Temperature.warm", "a finite number > 0"),
            ({"warm": 20}, "Temperature.warm", "a number below hot (20)"),
        ],
    )
    def test_bad_parameters_are_refused_by_name(self, params, path, expected):
        """A bad parameter raises InvalidConfigError naming the field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Temperature(**params)
        problem = config_problem(exc)
        assert (problem.path, problem.expected) == (path, expected)

    def test_weights_are_keyed_by_activity_value(self):
        """Activity members or names become plain keys; whole numbers floats."""
        t = Temperature(weights={pl.Activity.CALL: 3, "meeting": 2.5})
        assert t.weights == {"call": 3.0, "meeting": 2.5}
        assert all(type(k) is str for k in t.weights)
        assert type(t.weights["call"]) is float

    def test_the_default_weights_rank_the_signals(self):
        """Demo and quote requests weigh most, visits little, e-mail opens least."""
        w = TEMPERATURE_WEIGHTS
        assert w["demo_request"] == w["quote_request"] == max(w.values())
        assert w["website_visit"] < w["webinar_attendance"] < w["demo_request"]
        assert w["email_open"] == min(w.values())
        assert "unsubscribe" not in w

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives to_dict and from_dict unchanged."""
        t = Temperature(
            name="temperature_fast",
            half_life=days(3),
            weights={"call": 4},
            hot=8,
            warm=2,
        )
        data = serialize.to_dict(t)
        assert data["weights"] == {"call": 4.0}
        assert data["half_life"] == "P3D"
        assert serialize.from_dict(Temperature, data) == t
        assert serialize.from_dict(Temperature, serialize.to_dict(TEMP)) == TEMP

    def test_bad_data_is_refused_by_name(self):
        """from_dict reports a bad weight by its key."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(Temperature, {"weights": {"call": -2}})
        assert config_problem(exc).path == "Temperature.weights['call']"

    def test_equal_parameters_make_equal_hashable_classifiers(self):
        """Two classifiers with the same parameters are equal and hash alike."""
        assert Temperature(weights={"call": 1}) == Temperature(weights={"call": 1.0})
        assert hash(Temperature()) == hash(TEMP)
        assert attrs.evolve(TEMP, hot=30.0) != TEMP

    def test_is_a_classifier_with_its_registry_name(self):
        """The default name is 'temperature' and it fits the protocol."""
        assert TEMP.name == "temperature"
        assert isinstance(TEMP, Classifier)


UNTIL = T0 + days(60)
WINDOW_LEADS = leads(since=T0, until=UNTIL, max_interactions=8)


def positive_interactions(since: dt.datetime) -> st.SearchStrategy[pl.Interaction]:
    """Interactions from *since* to UNTIL that are not unsubscribes."""
    return interactions(since=since, until=UNTIL).filter(
        lambda i: i.activity is not pl.Activity.UNSUBSCRIBE
    )


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_on_any_lead(self, the_lead, at):
        """Any valid lead gets a label, a confidence in [0, 1], 1-4 reasons, scalars."""
        c = TEMP.classify(the_lead, at=at)
        assert isinstance(c, Classification)
        assert c.label in TemperatureLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(
            isinstance(v, (str, int, float, bool)) or v is None
            for v in c.evidence.values()
        )

    @given(WINDOW_LEADS, st.floats(0, 400), st.floats(0, 400))
    def test_waiting_never_warms_a_lead(self, the_lead, first, wait):
        """With no new records, a later *at* never raises the temperature."""
        at = UNTIL + days(first)
        before = TEMP.classify(the_lead, at=at)
        after = TEMP.classify(the_lead, at=at + days(wait))
        assert rank(after.label) <= rank(before.label)
        assert after.evidence["score"] <= before.evidence["score"]

    @given(
        WINDOW_LEADS,
        aware_datetimes(min_value=T0, max_value=UNTIL + days(200)),
        st.data(),
    )
    def test_more_engagement_never_cools_a_lead(self, the_lead, at, data):
        """Adding interactions (not unsubscribes) or purchases never lowers it."""
        extra = data.draw(
            st.lists(positive_interactions(the_lead.created_at), max_size=3)
        )
        bought = data.draw(
            st.lists(purchases(since=the_lead.created_at, until=UNTIL), max_size=2)
        )
        before = TEMP.classify(the_lead, at=at)
        more = the_lead.with_interactions(*extra).with_purchases(*bought)
        after = TEMP.classify(more, at=at)
        assert rank(after.label) >= rank(before.label)
        assert after.evidence["score"] >= before.evidence["score"]

    @given(
        st.sampled_from(sorted(TEMPERATURE_WEIGHTS)),
        st.integers(1, 10_000_000),
        aware_datetimes(min_value=T0, max_value=UNTIL),
    )
    def test_a_contribution_halves_at_any_half_life(self, activity, seconds, when):
        """At the half-life, one interaction's contribution is half its weight."""
        half_life = dt.timedelta(seconds=seconds)
        t = Temperature(half_life=half_life, dead_after=days(10_000))
        the_lead = pl.Lead(id="L", created_at=when, interactions=[act(activity, when)])
        c = t.classify(the_lead, at=when + half_life)
        assert c.evidence["score"] == pytest.approx(
            TEMPERATURE_WEIGHTS[activity] / 2, abs=1e-3
        )

    @given(WINDOW_LEADS, aware_datetimes(min_value=T0, max_value=UNTIL))
    def test_as_of_at(self, the_lead, at):
        """Records dated after *at* do not change the answer."""
        known = attrs.evolve(
            the_lead,
            interactions=[i for i in the_lead.interactions if i.at <= at],
            purchases=[p for p in the_lead.purchases if p.at <= at],
            consent=[
                c for c in the_lead.consent.values() if c.at is None or c.at <= at
            ],
        )
        assert TEMP.classify(the_lead, at=at) == TEMP.classify(known, at=at)
