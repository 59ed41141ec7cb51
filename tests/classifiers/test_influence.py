import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Influence
from prospectlib.classifiers import InfluenceLabel
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import T0
from tests.helpers import act
from tests.helpers import config_problem
from tests.helpers import days
from tests.helpers import lead

AT = T0 + dt.timedelta(days=30)
ORDER = list(reversed(InfluenceLabel))  # NONE, LOW, MEDIUM, HIGH
DEFAULT = Influence()


def reviews(n: int, at: dt.datetime = T0) -> list[pl.Interaction]:
    return [act("review_written", at) for _ in range(n)]


def referrals(n: int, at: dt.datetime = T0) -> list[pl.Interaction]:
    return [act("referral_made", at) for _ in range(n)]


def label(lead_: pl.Lead, classifier: Influence = DEFAULT) -> InfluenceLabel:
    return classifier.classify(lead_, at=AT).label


def label_at(lead_: pl.Lead, at: dt.datetime) -> InfluenceLabel:
    return DEFAULT.classify(lead_, at=at).label


class TestArticleExamples:
    def test_a_reviewer_who_never_bought_has_influence(self):
        """Someone who never bought but wrote reviews sways others: not NONE."""
        reviewer = lead(interactions=reviews(3))
        assert not reviewer.is_customer
        assert label(reviewer) is InfluenceLabel.MEDIUM

    def test_a_champion_sways_the_buying_group(self):
        """A champion in a buying group is MEDIUM on the role alone."""
        assert label(lead(person=pl.Person(role="champion"))) is InfluenceLabel.MEDIUM

    def test_an_influencer_role_counts_like_a_champion(self):
        """The influencer role scores the same points as the champion role."""
        assert label(lead(person=pl.Person(role="influencer"))) is InfluenceLabel.MEDIUM

    def test_a_macro_influencer_is_high(self):
        """100,000 followers alone make influence HIGH."""
        assert (
            label(lead(person=pl.Person(social_reach=100_000))) is InfluenceLabel.HIGH
        )

    def test_a_lead_with_no_signal_is_none(self):
        """No referrals, reviews, reach or role: NONE."""
        assert label(lead()) is InfluenceLabel.NONE

    def test_a_decision_maker_decides_rather_than_sways(self):
        """By default a decision maker's role scores no influence points."""
        assert (
            label(lead(person=pl.Person(role="decision_maker"))) is InfluenceLabel.NONE
        )

    def test_signals_add_up(self):
        """Referral, review, reach and role points are added together."""
        c = DEFAULT.classify(
            lead(
                person=pl.Person(social_reach=1_000, role="champion"),
                interactions=[*referrals(1), *reviews(1)],
            ),
            at=AT,
        )
        assert c.evidence["points"] == 2 + 1 + 2 + 3
        assert c.label is InfluenceLabel.HIGH


class TestThresholds:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (0, InfluenceLabel.NONE),
            (1, InfluenceLabel.LOW),
            (2, InfluenceLabel.LOW),
            (3, InfluenceLabel.MEDIUM),
            (5, InfluenceLabel.MEDIUM),
            (6, InfluenceLabel.HIGH),
        ],
    )
    def test_review_counts_at_each_boundary(self, n, expected):
        """1 point is LOW, 3 MEDIUM, 6 HIGH (one point per review)."""
        assert label(lead(interactions=reviews(n))) is expected

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (1, InfluenceLabel.LOW),
            (2, InfluenceLabel.MEDIUM),
            (3, InfluenceLabel.HIGH),
        ],
    )
    def test_referral_counts(self, n, expected):
        """Two points per referral: 1 is LOW, 2 MEDIUM, 3 HIGH."""
        assert label(lead(interactions=referrals(n))) is expected

    @pytest.mark.parametrize(
        ("reach", "expected"),
        [
            (0, InfluenceLabel.NONE),
            (999, InfluenceLabel.NONE),
            (1_000, InfluenceLabel.LOW),
            (9_999, InfluenceLabel.LOW),
            (10_000, InfluenceLabel.MEDIUM),
            (99_999, InfluenceLabel.MEDIUM),
            (100_000, InfluenceLabel.HIGH),
        ],
    )
    def test_reach_tiers_at_each_boundary(self, reach, expected):
        """Each reach tier reached adds 2 points, from the tier's value on."""
        assert label(lead(person=pl.Person(social_reach=reach))) is expected

    def test_tuned_thresholds_apply(self):
        """Raised thresholds move the same lead to a lower label."""
        strict = Influence(low=2, medium=4, high=10)
        assert label(lead(interactions=reviews(3)), strict) is InfluenceLabel.LOW

    def test_equal_thresholds_are_allowed(self):
        """LOW, MEDIUM and HIGH may share a threshold: the highest label wins."""
        flat = Influence(low=2, medium=2, high=2)
        assert label(lead(interactions=referrals(1)), flat) is InfluenceLabel.HIGH


class TestWindow:
    def test_a_referral_just_inside_the_window_counts(self):
        """A referral a moment after at - window counts."""
        inside = AT - days(730) + dt.timedelta(microseconds=1)
        old = pl.Lead(id="L", created_at=inside, interactions=referrals(1, inside))
        assert DEFAULT.classify(old, at=AT).evidence["referrals"] == 1

    def test_a_referral_exactly_window_old_does_not_count(self):
        """The window is (at - window, at]: its start is excluded."""
        edge = AT - days(730)
        old = pl.Lead(id="L", created_at=edge, interactions=referrals(1, edge))
        c = DEFAULT.classify(old, at=AT)
        assert c.evidence["referrals"] == 0
        assert c.label is InfluenceLabel.NONE

    def test_no_window_counts_every_record(self):
        """With window=None a ten-year-old review still counts."""
        start = AT - days(3650)
        old = pl.Lead(id="L", created_at=start, interactions=reviews(1, start))
        assert label(old, Influence(window=None)) is InfluenceLabel.LOW
        assert label(old) is InfluenceLabel.NONE

    def test_records_after_at_are_ignored(self):
        """Referrals dated after at do not count; one exactly at at does."""
        later = lead(
            interactions=[*referrals(1, AT), *referrals(3, AT + dt.timedelta(1))]
        )
        c = DEFAULT.classify(later, at=AT)
        assert c.evidence["referrals"] == 1

    def test_the_answer_as_of_a_time_never_changes(self):
        """Adding records after at leaves the classification at at unchanged."""
        before = lead(person=pl.Person(role="user"), interactions=reviews(2))
        after = before.with_interactions(*referrals(5, AT + days(1)))
        assert DEFAULT.classify(after, at=AT) == DEFAULT.classify(before, at=AT)

    def test_other_activities_do_not_count(self):
        """Only referrals and reviews score; other interactions are ignored."""
        busy = lead(interactions=[act("webinar_attendance"), act("social_engagement")])
        assert label(busy) is InfluenceLabel.NONE

    def test_a_window_reaching_before_year_one_counts_everything(self):
        """At the earliest datetime, the window is open rather than an error."""
        earliest = dt.datetime.min.replace(tzinfo=dt.UTC)
        first = pl.Lead(id="L", created_at=earliest, interactions=reviews(1, earliest))
        assert label_at(first, earliest) is InfluenceLabel.LOW

    def test_a_naive_at_is_refused(self):
        """Classifying at a naive datetime raises ValidationError."""
        with pytest.raises(pl.ValidationError, match="timezone-aware"):
            DEFAULT.classify(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


class TestRoles:
    def test_roles_can_include_decision_makers(self):
        """A tuned classifier may count decision makers as influential."""
        tuned = Influence(roles=["decision_maker", "champion"])
        assert tuned.roles == (pl.BuyingRole.DECISION_MAKER, pl.BuyingRole.CHAMPION)
        person = pl.Person(role="decision_maker")
        assert label(lead(person=person), tuned) is InfluenceLabel.MEDIUM

    def test_a_single_role_string_is_accepted(self):
        """roles='champion' means the one role."""
        assert Influence(roles="champion").roles == (pl.BuyingRole.CHAMPION,)

    def test_no_roles_means_no_role_points(self):
        """With roles=() a champion scores nothing for the role."""
        person = pl.Person(role="champion")
        assert label(lead(person=person), Influence(roles=())) is InfluenceLabel.NONE


class TestConfidence:
    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"interactions": reviews(1)}, 0.55),
            ({"interactions": [*reviews(1), *referrals(1)]}, 0.7),
            (
                {
                    "interactions": [*reviews(1), *referrals(1)],
                    "person": pl.Person(social_reach=5_000),
                },
                0.85,
            ),
            (
                {
                    "interactions": [*reviews(1), *referrals(1)],
                    "person": pl.Person(social_reach=5_000, role="influencer"),
                },
                0.95,
            ),
        ],
    )
    def test_more_kinds_of_signal_give_more_confidence(self, fields, expected):
        """0.55 for one kind of signal, then 0.7, 0.85 and 0.95 for all four."""
        assert DEFAULT.classify(lead(**fields), at=AT).confidence == expected

    @pytest.mark.parametrize(
        ("person", "expected"),
        [
            (None, 0.5),
            (pl.Person(), 0.5),
            (pl.Person(social_reach=10), 0.7),
            (pl.Person(role="user"), 0.7),
            (pl.Person(social_reach=10, role="user"), 0.9),
        ],
    )
    def test_none_is_surer_the_more_is_known(self, person, expected):
        """NONE: 0.5, plus 0.2 for a known reach and 0.2 for a known role."""
        c = DEFAULT.classify(lead(person=person), at=AT)
        assert c.label is InfluenceLabel.NONE
        assert c.confidence == expected


class TestReasons:
    def test_reasons_are_strongest_first(self):
        """Signals are listed by the points they scored, highest first."""
        c = DEFAULT.classify(
            lead(
                person=pl.Person(social_reach=25_000, role="champion"),
                interactions=[*reviews(2), *referrals(3)],
            ),
            at=AT,
        )
        assert c.reasons == (
            "made 3 referrals in the last 730 days",
            "social reach 25,000 (≥ 10,000)",
            "champion in the buying group",
            "wrote 2 reviews in the last 730 days",
        )

    def test_without_a_window_no_period_is_named(self):
        """window=None: the reason names no period."""
        c = Influence(window=None).classify(lead(interactions=reviews(1)), at=AT)
        assert c.reasons == ("wrote 1 review",)

    def test_none_says_what_is_missing(self):
        """NONE without signals says what was looked for and what is unknown."""
        assert DEFAULT.classify(lead(), at=AT).reasons == (
            "no referrals or reviews in the last 730 days",
            "social reach unknown",
            "buying role unknown",
        )

    def test_none_with_a_known_small_reach_and_role(self):
        """NONE names the reach below the first tier and the role that scores none."""
        person = pl.Person(social_reach=250, role="economic_buyer")
        assert DEFAULT.classify(lead(person=person), at=AT).reasons[1:] == (
            "social reach 250 (below 1,000)",
            "buying role economic buyer does not sway others",
        )

    def test_none_when_reach_is_not_scored(self):
        """With no reach tiers, a known reach is said not to be scored."""
        c = Influence(reach_levels=()).classify(
            lead(person=pl.Person(social_reach=5_000_000)), at=AT
        )
        assert c.label is InfluenceLabel.NONE
        assert c.reasons[1] == "social reach 5,000,000 (reach is not scored)"

    def test_signals_below_low_are_still_listed(self):
        """Points that do not reach LOW are shown with the threshold they missed."""
        c = Influence(low=2).classify(lead(interactions=reviews(1)), at=AT)
        assert c.label is InfluenceLabel.NONE
        assert c.reasons == (
            "only 1 of the 2 points LOW needs",
            "wrote 1 review in the last 730 days",
        )
        assert c.confidence == 0.5


class TestEvidence:
    def test_evidence_holds_the_numbers(self):
        """Evidence names the points, counts, reach, tier, role and window."""
        c = DEFAULT.classify(
            lead(
                person=pl.Person(social_reach=12_000, role="influencer"),
                interactions=[*reviews(1), *referrals(2)],
            ),
            at=AT,
        )
        assert dict(c.evidence) == {
            "points": 1 + 4 + 4 + 3,
            "referrals": 2,
            "reviews": 1,
            "social_reach": 12_000,
            "reach_level": 2,
            "role": "influencer",
            "window_days": 730.0,
        }

    def test_unknowns_are_null(self):
        """Unknown reach, role and an open window are None in the evidence."""
        c = Influence(window=None).classify(lead(), at=AT)
        assert c.evidence["social_reach"] is None
        assert c.evidence["role"] is None
        assert c.evidence["window_days"] is None


class TestParameters:
    def test_defaults(self):
        """The documented defaults."""
        assert attrs.asdict(DEFAULT, recurse=False) == {
            "name": "influence",
            "window": days(730),
            "referral_points": 2.0,
            "review_points": 1.0,
            "reach_levels": (1_000, 10_000, 100_000),
            "reach_points": 2.0,
            "roles": (pl.BuyingRole.INFLUENCER, pl.BuyingRole.CHAMPION),
            "role_points": 3.0,
            "low": 1.0,
            "medium": 3.0,
            "high": 6.0,
        }

    def test_whole_numbers_become_floats(self):
        """Points and thresholds given as ints are stored as floats."""
        tuned = Influence(referral_points=5, high=10)
        assert type(tuned.referral_points) is float
        assert tuned.high == 10.0

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", "", "a non-empty string"),
            ("name", 3, "a non-empty string"),
            ("window", dt.timedelta(0), "a positive timedelta or None"),
            ("window", 30, "a positive timedelta or None"),
            ("referral_points", -1, "a number >= 0"),
            ("review_points", float("nan"), "a number >= 0"),
            ("reach_points", "2", "a number >= 0"),
            ("role_points", True, "a number >= 0"),
            ("low", 0, "a number > 0"),
            ("medium", float("inf"), "a number > 0"),
            ("high", None, "a number > 0"),
            ("reach_levels", (10, 10), "in increasing order"),
            ("reach_levels", (0, 10), "whole numbers >= 1"),
            ("reach_levels", (1.5,), "whole numbers >= 1"),
            ("reach_levels", "1000", "whole numbers >= 1"),
            ("roles", ["champion", "boss"], "a list of 'decision_maker'"),
            ("roles", 3, "a list of 'decision_maker'"),
        ],
    )
    def test_bad_parameters_are_refused(self, field, value, expected):
        """A bad parameter raises InvalidConfigError naming Influence.<field>."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Influence(**{field: value})
        problem = config_problem(exc)
        assert problem.path == f"Influence.{field}"
        assert expected in problem.expected

    def test_medium_below_low_is_refused(self):
        """MEDIUM's threshold may not be below LOW's."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Influence(low=4)
        assert config_problem(exc).path == "Influence.medium"

    def test_high_below_medium_is_refused(self):
        """HIGH's threshold may not be below MEDIUM's."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Influence(high=2)
        assert config_problem(exc).path == "Influence.high"

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives to_dict and from_dict unchanged."""
        for c in (
            DEFAULT,
            Influence(name="reach_only", window=None, roles=(), reach_levels=[500]),
        ):
            assert serialize.from_dict(Influence, serialize.to_dict(c)) == c

    def test_bad_data_is_refused_on_load(self):
        """from_dict reports a bad field as InvalidConfigError with its path."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(Influence, {"roles": ["boss"]})
        assert exc.value.problems[0].path.startswith("Influence.roles")

    def test_pickles(self):
        """A classifier pickles, for workers in Dask or Spark, and answers alike."""
        copy = pickle.loads(pickle.dumps(DEFAULT))  # noqa: S301  # our own data
        assert copy == DEFAULT
        sample = pl.Lead(id="P", created_at=T0, company=pl.Company(employees=80))
        assert copy.classify(sample, at=T0) == DEFAULT.classify(sample, at=T0)

    def test_is_a_classifier(self):
        """Influence satisfies the Classifier protocol."""
        assert isinstance(DEFAULT, pl.classifiers.Classifier)


def rank(value: InfluenceLabel) -> int:
    return ORDER.index(value)


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_on_any_valid_lead(self, any_lead, at):
        """Any valid lead gets a label, a confidence in [0, 1] and 1-4 reasons."""
        c = DEFAULT.classify(any_lead, at=at)
        assert c.label in InfluenceLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(isinstance(r, str) and r for r in c.reasons)
        assert all(
            v is None or type(v) in (str, int, float, bool) for v in c.evidence.values()
        )

    @given(
        leads(), aware_datetimes(), st.sampled_from(["referral_made", "review_written"])
    )
    def test_another_referral_or_review_never_lowers_the_label(
        self, any_lead, at, activity
    ):
        """Adding a referral or a review never lowers the label."""
        when = max(at, any_lead.created_at)
        more = any_lead.with_interactions(act(activity, when))
        assert rank(DEFAULT.classify(more, at=at).label) >= rank(
            DEFAULT.classify(any_lead, at=at).label
        )

    @given(leads(), aware_datetimes(), st.integers(0, 10**7))
    def test_more_reach_never_lowers_the_label(self, any_lead, at, extra):
        """A larger social reach never lowers the label."""
        person = any_lead.person or pl.Person()
        reach = person.social_reach
        bigger = attrs.evolve(
            any_lead,
            person=attrs.evolve(person, social_reach=(reach or 0) + extra),
        )
        assert rank(DEFAULT.classify(bigger, at=at).label) >= rank(
            DEFAULT.classify(any_lead, at=at).label
        )

    @given(leads(), aware_datetimes())
    def test_records_after_at_do_not_matter(self, any_lead, at):
        """Dropping every interaction after at leaves the answer unchanged."""
        trimmed = attrs.evolve(
            any_lead, interactions=[i for i in any_lead.interactions if i.at <= at]
        )
        assert DEFAULT.classify(trimmed, at=at) == DEFAULT.classify(any_lead, at=at)
