import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import serialize
from prospectlib.classifiers import DEFAULT_PROFILE
from prospectlib.classifiers import FitLabel
from prospectlib.classifiers import ProfileCriterion
from prospectlib.classifiers import ProfileFit
from prospectlib.classifiers import TargetProfile
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import T0
from tests.helpers import config_problem
from tests.helpers import lead

AT = T0 + dt.timedelta(days=10)


def flag(key: str) -> cr.Compare:
    """attributes.<key> is true: unknown when the attribute is absent."""
    return cr.compare(f"attributes.{key}", "eq", True)


def judge(criterion: cr.Criterion, lead_: pl.Lead) -> bool | None:
    return ProfileCriterion(name="c", criterion=criterion).judge(lead_, at=AT)


# The practitioner articles' target customer: conditions on who a person is, where
# they live, and for companies the industry and size.
RUNNERS = TargetProfile.of(
    age=cr.all_of(
        cr.compare("person.age", "ge", 25), cr.compare("person.age", "le", 40)
    ),
    gender=cr.compare("person.gender", "eq", "female"),
    income=(cr.compare("person.income", "ge", 30_000), 2),
    occupation=cr.compare("person.occupation", "in", ["nurse", "teacher", "doctor"]),
    interests=(
        cr.any_of(
            cr.compare("person.interests", "contains", "running"),
            cr.compare("person.interests", "contains", "fitness"),
        ),
        3,
    ),
    lifestyle=cr.compare("person.lifestyle", "contains", "health-conscious"),
    location=cr.compare("person.location.country", "in", ["VN", "TH"]),
)
RUNNER_FIT = ProfileFit(profile=RUNNERS)
IDEAL_RUNNER = pl.Person(
    age=31,
    gender="female",
    income=42_000,
    occupation="nurse",
    interests=("running", "cooking"),
    lifestyle=("health-conscious",),
    location=pl.Location(country="VN", city="Da Nang"),
)


class TestArticleExamples:
    def test_a_lead_inside_the_target_is_strong(self):
        """A person meeting every condition fits STRONG with full confidence."""
        c = RUNNER_FIT.classify(lead(person=IDEAL_RUNNER), at=AT)
        assert c.label is FitLabel.STRONG
        assert c.confidence == 1.0
        assert c.evidence["score"] == 1.0
        assert c.evidence["failed"] == ""

    def test_a_lead_near_the_target_is_partial(self):
        """Failing the heavy interests and the income is PARTIAL (5 of 10 weight)."""
        near = attrs.evolve(IDEAL_RUNNER, interests=("gaming",), income=20_000)
        c = RUNNER_FIT.classify(lead(person=near), at=AT)
        assert c.label is FitLabel.PARTIAL
        assert c.evidence["score"] == 0.5
        assert c.evidence["failed"] == "income,interests"

    def test_a_lead_far_from_the_target_is_weak(self):
        """One light condition met out of all is WEAK."""
        far = pl.Person(
            age=67,
            gender="male",
            income=10_000,
            occupation="retired",
            interests=("gardening",),
            lifestyle=("homebody",),
            location=pl.Location(country="VN"),
        )
        c = RUNNER_FIT.classify(lead(person=far), at=AT)
        assert c.label is FitLabel.WEAK
        assert c.evidence["matched"] == "location"

    def test_a_lead_outside_the_target_is_none(self):
        """Nothing met is NONE, even with everything known."""
        outside = pl.Person(
            age=67,
            gender="male",
            income=10_000,
            occupation="retired",
            interests=("gardening",),
            lifestyle=("homebody",),
            location=pl.Location(country="DE"),
        )
        c = RUNNER_FIT.classify(lead(person=outside), at=AT)
        assert c.label is FitLabel.NONE
        assert c.confidence == 1.0
        assert c.evidence["score"] == 0.0

    def test_a_company_profile_by_industry_and_size(self):
        """A logistics company of 240 people fits a logistics mid-size profile."""
        fit = ProfileFit(
            profile=TargetProfile.of(
                industry=(cr.compare("company.industry", "in", ["logistics"]), 2),
                size=cr.compare("company.employees", "ge", 50),
            )
        )
        acme = lead(company=pl.Company(industry="logistics", employees=240))
        assert fit.classify(acme, at=AT).label is FitLabel.STRONG


class TestUnknown:
    def test_unknown_criteria_do_not_count_for_or_against(self):
        """The score uses known criteria only; the confidence is the known share."""
        partly = pl.Person(age=30, interests=("running",))  # 1 + 3 known of 10
        c = RUNNER_FIT.classify(lead(person=partly), at=AT)
        assert c.label is FitLabel.STRONG
        assert c.confidence == pytest.approx(0.4)
        assert c.evidence["unknown"] == "gender,income,occupation,lifestyle,location"

    def test_nothing_known_is_none_with_no_confidence(self):
        """A lead about whom the profile knows nothing is NONE with confidence 0."""
        c = RUNNER_FIT.classify(lead(), at=AT)
        assert c.label is FitLabel.NONE
        assert c.confidence == 0.0
        assert c.evidence["score"] is None
        assert c.evidence["known_share"] == 0.0
        assert c.reasons == (
            (
                "nothing the profile asks about is known (age, gender, income, "
                "occupation, interests and 2 more)"
            ),
        )

    def test_the_default_profile_knows_nothing_of_a_consumer(self):
        """The default B2B profile gives a consumer NONE with confidence 0."""
        c = ProfileFit().classify(lead(person=IDEAL_RUNNER), at=AT)
        assert c.label is FitLabel.NONE
        assert c.confidence == 0.0

    def test_the_default_profile_fits_a_mid_size_buyer(self):
        """A mid-size company's decision maker with revenue fits STRONG."""
        buyer = lead(
            company=pl.Company(employees=240, annual_revenue="25000000"),
            person=pl.Person(role="decision_maker"),
        )
        c = ProfileFit().classify(buyer, at=AT)
        assert c.label is FitLabel.STRONG
        assert c.confidence == 1.0
        assert c.evidence["matched"] == "company_size,buying_role,revenue"


class TestJudge:
    def test_a_comparison_of_an_unknown_field_is_unknown(self):
        """compare() on a None field is unknown, known otherwise."""
        older = cr.compare("person.age", "ge", 25)
        assert judge(older, lead()) is None
        assert judge(older, lead(person=pl.Person())) is None
        assert judge(older, lead(person=pl.Person(age=30))) is True
        assert judge(older, lead(person=pl.Person(age=20))) is False

    def test_an_empty_collection_is_unknown(self):
        """No interests recorded is unknown, not a failed 'contains'."""
        runner = cr.compare("person.interests", "contains", "running")
        assert judge(runner, lead(person=pl.Person())) is None
        assert judge(runner, lead(person=pl.Person(interests=["chess"]))) is False

    @pytest.mark.parametrize("op", ["ne", "not_in"])
    def test_negative_comparisons_of_unknown_fields_are_unknown(self, op):
        """'ne' and 'not_in' do not match an unknown field in a profile."""
        value = ["male"] if op == "not_in" else "male"
        assert judge(cr.compare("person.gender", op, value), lead()) is None

    @pytest.mark.parametrize(("op", "expected"), [("exists", False), ("missing", True)])
    def test_exists_and_missing_are_always_known(self, op, expected):
        """'exists' and 'missing' answer about knowledge itself."""
        assert judge(cr.compare("person.age", op), lead()) is expected

    def test_all_of_fails_on_a_failed_part_despite_unknowns(self):
        """all_of: a failed part fails it; else an unknown part leaves it unknown."""
        both = cr.all_of(flag("a"), flag("b"))
        assert judge(both, lead(attributes={"a": False})) is False
        assert judge(both, lead(attributes={"a": True})) is None
        assert judge(both, lead(attributes={"a": True, "b": True})) is True

    def test_any_of_matches_on_a_matched_part_despite_unknowns(self):
        """any_of: a matched part matches it; else an unknown leaves it unknown."""
        either = cr.any_of(flag("a"), flag("b"))
        assert judge(either, lead(attributes={"b": True})) is True
        assert judge(either, lead(attributes={"a": False})) is None
        assert judge(either, lead(attributes={"a": False, "b": False})) is False

    def test_at_least_is_unknown_while_unknowns_could_tip_it(self):
        """at_least(2 of 3): decided once the unknowns cannot change the answer."""
        two = cr.at_least(2, flag("a"), flag("b"), flag("c"))
        assert judge(two, lead(attributes={"a": True, "b": True})) is True
        assert judge(two, lead(attributes={"a": True})) is None
        assert judge(two, lead(attributes={"a": True, "b": False})) is None
        assert judge(two, lead(attributes={"a": True, "b": False, "c": False})) is False
        assert judge(two, lead(attributes={"a": False, "b": False})) is False

    def test_not_keeps_unknown_unknown(self):
        """not_: inverts a known answer and leaves unknown unknown."""
        opposite = cr.not_(flag("a"))
        assert judge(opposite, lead()) is None
        assert judge(opposite, lead(attributes={"a": True})) is False
        assert judge(opposite, lead(attributes={"a": False})) is True

    def test_criteria_over_records_are_always_known(self):
        """No webinar attended is an answer: False, not unknown."""
        webinar = cr.has_activity("webinar_attendance")
        assert judge(webinar, lead()) is False
        attended = lead(
            interactions=[pl.Interaction(activity="webinar_attendance", at=T0)]
        )
        assert judge(webinar, attended) is True

    def test_any_object_following_the_protocol_is_always_known(self):
        """A user's own criterion answers True or False."""

        class Always:
            def test(self, lead, *, at):
                return 1

            def evaluate(self, lead, *, at):
                return cr.Check(passed=True, reason="always")

        assert judge(Always(), lead()) is True

    def test_records_after_at_are_ignored(self):
        """A record-based criterion answers as of at."""
        fit = ProfileFit(
            profile=TargetProfile.of(
                researched=cr.has_activity("case_study_download"),
            )
        )
        later = lead(
            interactions=[pl.Interaction(activity="case_study_download", at=AT)]
        )
        assert fit.classify(later, at=AT).label is FitLabel.STRONG
        assert fit.classify(later, at=AT - dt.timedelta(1)).label is FitLabel.NONE


def two_criteria(first: float, second: float) -> TargetProfile:
    return TargetProfile(
        criteria=[
            ProfileCriterion(name="a", criterion=flag("a"), weight=first),
            ProfileCriterion(name="b", criterion=flag("b"), weight=second),
        ]
    )


QUARTERS = TargetProfile.of(a=flag("a"), b=flag("b"), c=flag("c"), d=flag("d"))


def matching(n: int) -> pl.Lead:
    """A lead meeting the first n of the quarters profile's four flags."""
    return lead(attributes={k: i < n for i, k in enumerate("abcd")})


class TestThresholds:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (4, FitLabel.STRONG),
            (3, FitLabel.STRONG),
            (2, FitLabel.PARTIAL),
            (1, FitLabel.WEAK),
            (0, FitLabel.NONE),
        ],
    )
    def test_each_threshold_is_inclusive(self, n, expected):
        """0.75 is STRONG, 0.5 PARTIAL, 0.25 WEAK, 0 NONE."""
        c = ProfileFit(profile=QUARTERS).classify(matching(n), at=AT)
        assert c.label is expected
        assert c.evidence["score"] == n / 4

    def test_just_below_strong_is_partial(self):
        """A score just under 0.75 is PARTIAL."""
        fit = ProfileFit(profile=two_criteria(2.99, 1))
        c = fit.classify(lead(attributes={"a": True, "b": False}), at=AT)
        assert c.label is FitLabel.PARTIAL
        assert c.evidence["score"] == pytest.approx(0.7494, abs=1e-4)

    def test_just_below_partial_is_weak(self):
        """A score just under 0.5 is WEAK."""
        fit = ProfileFit(profile=two_criteria(0.99, 1))
        c = fit.classify(lead(attributes={"a": True, "b": False}), at=AT)
        assert c.label is FitLabel.WEAK

    def test_weak_needs_its_threshold(self):
        """With weak=0.3, a quarter match is NONE and a 0.3 match WEAK."""
        fit = ProfileFit(profile=QUARTERS, weak=0.3)
        assert fit.classify(matching(1), at=AT).label is FitLabel.NONE
        exact = ProfileFit(profile=two_criteria(0.3, 0.7), weak=0.3)
        c = exact.classify(lead(attributes={"a": True, "b": False}), at=AT)
        assert c.label is FitLabel.WEAK

    def test_weak_zero_still_needs_a_match(self):
        """With weak=0, a score of 0 is NONE: WEAK needs something matched."""
        assert ProfileFit(profile=QUARTERS).classify(matching(0), at=AT).label is (
            FitLabel.NONE
        )

    def test_tuned_thresholds_apply(self):
        """Stricter thresholds lower the label of the same lead."""
        strict = ProfileFit(profile=QUARTERS, strong=1, partial=0.75)
        assert strict.classify(matching(3), at=AT).label is FitLabel.PARTIAL


class TestEvidence:
    def test_evidence_lists_the_criteria_and_the_weights(self):
        """Evidence: score, known share, names matched/failed/unknown, weights."""
        c = RUNNER_FIT.classify(
            lead(person=pl.Person(age=30, gender="male", income=50_000)), at=AT
        )
        assert dict(c.evidence) == {
            "score": 0.75,
            "known_share": 0.4,
            "matched": "age,income",
            "failed": "gender",
            "unknown": "occupation,interests,lifestyle,location",
            "matched_weight": 3.0,
            "known_weight": 4.0,
            "total_weight": 10.0,
        }

    def test_scores_are_rounded_to_four_places(self):
        """Shares like 2/3 are rounded in the evidence, not in the confidence."""
        fit = ProfileFit(
            profile=TargetProfile.of(a=flag("a"), b=flag("b"), c=flag("c"))
        )
        c = fit.classify(lead(attributes={"a": True, "b": True}), at=AT)
        assert c.evidence["score"] == 1.0
        assert c.evidence["known_share"] == 0.6667
        assert c.confidence == 2 / 3

    def test_reasons_give_the_share_then_the_names(self):
        """Reasons: the share matched, then matched, failed and unknown names."""
        c = RUNNER_FIT.classify(
            lead(person=pl.Person(age=30, gender="male", income=50_000)), at=AT
        )
        assert c.reasons == (
            "matches 75% of the known profile (2 of 3)",
            "matched: age, income",
            "failed: gender",
            "unknown: occupation, interests, lifestyle, location",
        )

    def test_reasons_leave_out_empty_groups(self):
        """A full match has no 'failed' or 'unknown' reason."""
        c = RUNNER_FIT.classify(lead(person=IDEAL_RUNNER), at=AT)
        assert c.reasons == (
            "matches 100% of the known profile (7 of 7)",
            "matched: age, gender, income, occupation, interests and 2 more",
        )

    def test_a_full_miss_lists_only_failed(self):
        """Nothing matched and nothing unknown: the share and the failed names."""
        c = ProfileFit(profile=QUARTERS).classify(matching(0), at=AT)
        assert c.reasons == (
            "matches 0% of the known profile (0 of 4)",
            "failed: a, b, c, d",
        )


class TestTargetProfile:
    def test_of_keeps_order_and_weights(self):
        """TargetProfile.of: names in order, weight 1 unless given."""
        assert RUNNERS.names == (
            "age",
            "gender",
            "income",
            "occupation",
            "interests",
            "lifestyle",
            "location",
        )
        assert RUNNERS.total_weight == 10.0
        assert [c.weight for c in RUNNERS.criteria][:3] == [1.0, 1.0, 2.0]

    def test_the_default_profile(self):
        """The default profile is a generic B2B one of weight 5."""
        assert DEFAULT_PROFILE.names == ("company_size", "buying_role", "revenue")
        assert DEFAULT_PROFILE.total_weight == 5.0
        assert ProfileFit().profile is DEFAULT_PROFILE

    def test_profiles_compare_by_value(self):
        """Two profiles with equal criteria are equal and hash alike."""
        again = TargetProfile(criteria=list(RUNNERS.criteria))
        assert again == RUNNERS
        assert hash(again) == hash(RUNNERS)

    @pytest.mark.parametrize(
        ("criteria", "expected"),
        [
            ([], "a non-empty list of ProfileCriterion"),
            ("age", "a non-empty list of ProfileCriterion"),
            ({"age": 1}, "a non-empty list of ProfileCriterion"),
            (
                [cr.compare("person.age", "ge", 1)],
                "a non-empty list of ProfileCriterion",
            ),
            (
                [
                    ProfileCriterion(name="a", criterion=flag("a")),
                    ProfileCriterion(name="a", criterion=flag("b")),
                ],
                "criteria with different names",
            ),
        ],
    )
    def test_bad_profiles_are_refused(self, criteria, expected):
        """An empty profile, a non-criterion or a repeated name is refused."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            TargetProfile(criteria=criteria)
        problem = config_problem(exc)
        assert problem.path == "TargetProfile.criteria"
        assert problem.expected == expected

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", "", "a non-empty name without commas"),
            ("name", "age,income", "a non-empty name without commas"),
            ("name", None, "a non-empty name without commas"),
            ("criterion", "person.age >= 25", "a criterion"),
            ("criterion", cr.Compare, "a criterion"),
            ("weight", 0, "a number > 0"),
            ("weight", -1.5, "a number > 0"),
            ("weight", float("inf"), "a number > 0"),
            ("weight", "2", "a number > 0"),
        ],
    )
    def test_bad_criteria_are_refused(self, field, value, expected):
        """A bad name, criterion or weight raises naming ProfileCriterion.<field>."""
        fields = {"name": "age", "criterion": flag("a"), field: value}
        with pytest.raises(pl.InvalidConfigError) as exc:
            ProfileCriterion(**fields)
        problem = config_problem(exc)
        assert problem.path == f"ProfileCriterion.{field}"
        assert problem.expected.startswith(expected)

    def test_round_trips_through_serialize(self):
        """A profile survives to_dict and from_dict, and still judges."""
        loaded = serialize.from_dict(TargetProfile, serialize.to_dict(RUNNERS))
        assert loaded == RUNNERS
        assert ProfileFit(profile=loaded).classify(
            lead(person=IDEAL_RUNNER), at=AT
        ) == RUNNER_FIT.classify(lead(person=IDEAL_RUNNER), at=AT)

    def test_loads_from_plain_data(self):
        """A profile can be written as JSON-compatible data."""
        data = {
            "criteria": [
                {
                    "name": "industry",
                    "criterion": {
                        "kind": "compare",
                        "field": "company.industry",
                        "op": "in",
                        "value": ["logistics", "retail"],
                    },
                    "weight": 2,
                },
                {
                    "name": "size",
                    "criterion": {
                        "kind": "compare",
                        "field": "company.employees",
                        "op": "ge",
                        "value": 50,
                    },
                },
            ]
        }
        profile = serialize.from_dict(TargetProfile, data)
        assert profile.names == ("industry", "size")
        assert profile.total_weight == 3.0

    def test_custom_criteria_load_through_a_registry(self):
        """A custom criterion is named in the data and found in the registry."""
        registry = cr.CriterionRegistry()
        registry.register("is_vip", lambda lead, at: "vip" in lead.tags)
        profile = TargetProfile.of(vip=registry.get("is_vip"))
        data = serialize.to_dict(profile)
        assert serialize.from_dict(TargetProfile, data, criteria=registry) == profile

    def test_bad_data_is_refused_on_load(self):
        """from_dict reports the path of a bad weight."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(
                TargetProfile,
                {
                    "criteria": [
                        {
                            "name": "x",
                            "criterion": {"kind": "has_tag", "tag": "vip"},
                            "weight": -1,
                        }
                    ]
                },
            )
        assert exc.value.problems[0].path == "TargetProfile.criteria[0].weight"


class TestParameters:
    def test_defaults(self):
        """The documented defaults."""
        assert attrs.asdict(ProfileFit(), recurse=False) == {
            "name": "profile_fit",
            "profile": DEFAULT_PROFILE,
            "strong": 0.75,
            "partial": 0.5,
            "weak": 0.0,
        }

    @pytest.mark.parametrize(
        ("fields", "path", "expected"),
        [
            ({"name": ""}, "name", "a non-empty string"),
            ({"profile": None}, "profile", "a TargetProfile"),
            ({"profile": RUNNERS.criteria}, "profile", "a TargetProfile"),
            ({"strong": 1.5}, "strong", "a number from 0 to 1"),
            ({"strong": float("nan")}, "strong", "a number from 0 to 1"),
            ({"partial": -0.1}, "partial", "a number from 0 to 1"),
            ({"weak": "0"}, "weak", "a number from 0 to 1"),
            ({"partial": 0}, "partial", "a number > 0"),
            ({"strong": 0.4}, "strong", "a number >= partial (0.5)"),
            ({"weak": 0.6}, "weak", "a number <= partial (0.5)"),
        ],
    )
    def test_bad_parameters_are_refused(self, fields, path, expected):
        """A bad parameter raises InvalidConfigError naming ProfileFit.<field>."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            ProfileFit(**fields)
        problem = config_problem(exc)
        assert problem.path == f"ProfileFit.{path}"
        assert problem.expected == expected

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives to_dict and from_dict unchanged."""
        for c in (ProfileFit(), ProfileFit(name="runners", profile=RUNNERS, strong=1)):
            assert serialize.from_dict(ProfileFit, serialize.to_dict(c)) == c

    def test_pickles(self):
        """A classifier pickles, for workers in Dask or Spark, and answers alike."""
        copy = pickle.loads(pickle.dumps(RUNNER_FIT))  # noqa: S301  # our own data
        assert copy == RUNNER_FIT
        sample = pl.Lead(id="P", created_at=T0, company=pl.Company(employees=80))
        assert copy.classify(sample, at=T0) == RUNNER_FIT.classify(sample, at=T0)

    def test_is_a_classifier(self):
        """ProfileFit satisfies the Classifier protocol."""
        assert isinstance(ProfileFit(), pl.classifiers.Classifier)

    def test_a_naive_at_is_refused(self):
        """Classifying at a naive datetime raises ValidationError."""
        with pytest.raises(pl.ValidationError, match="timezone-aware"):
            ProfileFit().classify(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_on_any_valid_lead(self, any_lead, at):
        """Any valid lead gets a label, a confidence in [0, 1] and 1-4 reasons."""
        for fit in (ProfileFit(), RUNNER_FIT):
            c = fit.classify(any_lead, at=at)
            assert c.label in FitLabel
            assert 0 <= c.confidence <= 1
            assert 1 <= len(c.reasons) <= 4
            assert all(
                v is None or type(v) in (str, int, float, bool)
                for v in c.evidence.values()
            )

    @given(leads(), aware_datetimes())
    def test_confidence_is_the_known_share(self, any_lead, at):
        """The confidence is the known weight over the total weight."""
        c = RUNNER_FIT.classify(any_lead, at=at)
        assert c.confidence == pytest.approx(
            c.evidence["known_weight"] / c.evidence["total_weight"]
        )
        assert (c.evidence["score"] is None) == (c.confidence == 0)

    @given(leads(), aware_datetimes())
    def test_every_criterion_is_matched_failed_or_unknown(self, any_lead, at):
        """Each criterion's name appears in exactly one of the three lists."""
        c = RUNNER_FIT.classify(any_lead, at=at)
        listed = [
            name
            for key in ("matched", "failed", "unknown")
            for name in str(c.evidence[key]).split(",")
            if name
        ]
        assert sorted(listed) == sorted(RUNNERS.names)
