import datetime as dt
import pickle

import pytest

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import samples
from prospectlib.scoring import Dimension
from prospectlib.scoring import Grades
from prospectlib.scoring import Group
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Levels
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal
from prospectlib.scoring import default_model
from prospectlib.serialize import from_dict
from prospectlib.serialize import to_dict
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def problem(excinfo):
    return [(p.path, p.expected) for p in excinfo.value.problems]


ACTIVITIES_EXPECTED = (
    "a non-empty list of distinct activities (built-in, or namespace:name)"
)


class TestLabelIs:
    def test_one_label_becomes_a_tuple(self):
        """A single label (or a label enum member) is kept as a one-item tuple."""
        test = LabelIs(classifier="market", labels=pl.classifiers.MarketLabel.B2B)
        assert test.labels == ("b2b",)
        assert type(test.labels[0]) is str

    def test_unknown_label_of_a_built_in_is_refused(self):
        """A typo in a built-in classifier's label fails when the model is written."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            LabelIs(classifier="temperature", labels=["hot", "boiling"])
        assert problem(excinfo) == [
            (
                "LabelIs.labels",
                "labels of temperature: 'hot', 'warm', 'cold', 'dead' (got 'boiling')",
            )
        ]

    def test_third_party_labels_are_not_checked(self):
        """Labels of a classifier prospectlib does not know are taken as given."""
        assert LabelIs(classifier="churn_risk", labels="high").labels == ("high",)

    @pytest.mark.parametrize("labels", [(), [""], 7, [3]])
    def test_labels_must_be_non_empty_strings(self, labels):
        """No labels, an empty label or a non-string is refused."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            LabelIs(classifier="market", labels=labels)
        assert problem(excinfo)[0][0] == "LabelIs.labels"

    def test_holds_reads_the_classification(self):
        """The test holds when the classifier's label is one of the labels."""
        lead = pl.Lead(id="L", created_at=T0, company=pl.Company(name="Acme"))
        labels = pl.classify(lead, at=T0, only=["market"])
        assert LabelIs(classifier="market", labels="b2b").holds(labels)
        assert not LabelIs(classifier="market", labels="b2c").holds(labels)
        assert not LabelIs(classifier="influence", labels="high").holds(labels)


class TestRule:
    def test_needs_exactly_one_condition(self):
        """A rule has a criterion or a label test, not both and not neither."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Rule(id="r", points=1)
        assert problem(excinfo) == [
            ("Rule.when", "exactly one of 'when' (a criterion) and 'label'")
        ]
        with pytest.raises(pl.InvalidConfigError):
            Rule(
                id="r",
                points=1,
                when=cr.has_tag("vip"),
                label=LabelIs(classifier="market", labels="b2b"),
            )

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("id", "", "an id of letters"),
            ("id", "has space", "an id of letters"),
            ("points", float("nan"), "a finite number"),
            ("points", "10", "a finite number"),
            ("dimension", 3, "an id of letters"),
            ("group", "", "an id of letters"),
            ("when", "vip", "a criterion, or null"),
            ("description", " ", "a non-empty string or null"),
        ],
    )
    def test_bad_fields_are_named(self, field, value, expected):
        """Each bad field is refused with its name and what was expected."""
        fields = {"id": "r", "points": 1, "when": cr.has_tag("vip"), field: value}
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Rule(**fields)
        path, text = problem(excinfo)[0]
        assert path == f"Rule.{field}"
        assert text.startswith(expected)

    def test_label_must_be_a_label_test(self):
        """``label`` takes a `LabelIs`."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Rule(id="r", points=1, label="profile_fit")
        assert problem(excinfo) == [("Rule.label", "a label test, or null")]

    def test_whole_points_become_floats(self):
        """Points given as a whole number are stored as a float."""
        assert type(Rule(id="r", points=3, when=cr.has_tag("a")).points) is float


class TestSignal:
    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            (
                "activities",
                (),
                ACTIVITIES_EXPECTED,
            ),
            (
                "activities",
                ["teleport"],
                ACTIVITIES_EXPECTED,
            ),
            (
                "activities",
                ["email_open", "email_open"],
                "a non-empty list of distinct activities (built-in, or namespace:name)",
            ),
            (
                "activities",
                5,
                "a non-empty list of distinct activities (built-in, or namespace:name)",
            ),
            ("half_life", dt.timedelta(0), "a positive duration, or null"),
            ("within", -DAY, "a positive duration, or null"),
            ("max_count", 0, "a whole number >= 1, or null"),
            ("max_count", True, "a whole number >= 1, or null"),
        ],
    )
    def test_bad_fields_are_named(self, field, value, expected):
        """Each bad field is refused with its name and what was expected."""
        fields = {"id": "s", "activities": ["email_open"], "points": 1, field: value}
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Signal(**fields)
        assert problem(excinfo) == [(f"Signal.{field}", expected)]


class TestLimits:
    def test_group_cap_signs(self):
        """A group's max is >= 0 and its min <= 0."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Group(id="g", max=-1)
        assert problem(excinfo) == [("Group.max", "a finite number >= 0, or null")]
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Group(id="g", min=1)
        assert problem(excinfo) == [("Group.min", "a finite number <= 0, or null")]

    def test_dimension_defaults_to_hubspots_limit(self):
        """A dimension is capped at 100 points unless told otherwise."""
        assert Dimension(id="fit").max == 100.0
        assert Dimension(id="fit", max=None).max is None

    def test_grades_must_descend(self):
        """Grade thresholds must go down from A to C."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Grades(a=10, b=20, c=5)
        assert problem(excinfo) == [("Grades.a", "a number above the next one (20)")]
        with pytest.raises(pl.InvalidConfigError):
            Grades(a=30, b=20, c=20)

    def test_levels_must_descend(self):
        """Level 1 starts above level 2."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            Levels(high=5, medium=5)
        assert problem(excinfo) == [("Levels.high", "a number above the next one (5)")]

    def test_grades_and_levels_at_their_thresholds(self):
        """A threshold itself belongs to the better grade or level."""
        grades = Grades(a=30, b=20, c=10)
        assert [grades.grade(p) for p in (30, 29.9, 20, 10, 9.9, -5)] == [
            "A",
            "B",
            "B",
            "C",
            "D",
            "D",
        ]
        levels = Levels(high=30, medium=12)
        assert [levels.level(p) for p in (30, 12, 11.9)] == [1, 2, 3]


def rule(id_="r", **kw):
    return Rule(id=id_, points=kw.pop("points", 1), when=cr.has_tag("vip"), **kw)


class TestScoreModelDefinition:
    def test_ids_are_unique_across_rules_and_signals(self):
        """Two rules, two signals, or a rule and a signal cannot share an id."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(rules=[rule("a"), rule("a")])
        assert problem(excinfo) == [
            ("ScoreModel.rules[1]", "an id used only once (got 'a' again)")
        ]
        signal = Signal(id="a", activities=["call"], points=1)
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(signals=[signal, signal])
        assert problem(excinfo)[0][0] == "ScoreModel.signals[1]"
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(rules=[rule("a")], signals=[signal])
        assert problem(excinfo) == [
            ("ScoreModel.signals[0].id", "an id no rule has (got 'a')")
        ]

    def test_groups_and_dimensions_must_be_declared(self):
        """A rule naming an unknown group or dimension is refused (typo protection)."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(rules=[rule(group="web")])
        assert problem(excinfo) == [
            ("ScoreModel.rules[0].group", "one of the model's groups (none defined)")
        ]
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(
                signals=[Signal(id="s", activities=["call"], points=1, dimension="fti")]
            )
        assert problem(excinfo) == [
            (
                "ScoreModel.signals[0].dimension",
                "one of the model's dimensions: 'engagement', 'fit'",
            )
        ]

    def test_graded_dimensions_must_exist(self):
        """Grades and levels read dimensions of the model."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(dimensions=[Dimension(id="fit")])
        assert problem(excinfo) == [
            ("ScoreModel.levels.dimension", "one of the model's dimensions: 'fit'")
        ]
        model = ScoreModel(
            dimensions=[Dimension(id="fit")], levels=Levels(dimension="fit")
        )
        assert model.levels.dimension == "fit"

    def test_duplicate_groups_and_dimensions(self):
        """Group and dimension ids are unique."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(groups=[Group(id="g"), Group(id="g")])
        assert problem(excinfo)[0][0] == "ScoreModel.groups[1]"
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(dimensions=[Dimension(id="fit")] * 2)
        assert problem(excinfo)[0][0] == "ScoreModel.dimensions[1]"

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("rules", [3], "a list of Rule (at most 10,000)"),
            ("signals", "s", "a list of Signal (at most 10,000)"),
            ("dimensions", [], "a non-empty list of Dimension (at most 10,000)"),
            ("max_total", -1, "a finite number >= 0, or null"),
            ("min_total", 5, "a finite number <= 0, or null"),
            ("name", "", "an id of letters"),
        ],
    )
    def test_bad_fields_are_named(self, field, value, expected):
        """Each bad field is refused with its name and what was expected."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(**{field: value})
        path, text = problem(excinfo)[0]
        assert path == f"ScoreModel.{field}"
        assert text.startswith(expected)

    def test_too_many_rules_are_refused(self):
        """A configuration holds at most 10,000 rules (a size limit for loaded data)."""
        with pytest.raises(pl.InvalidConfigError):
            ScoreModel(rules=[rule(f"r{i}") for i in range(10_001)])

    def test_classifiers_lists_what_label_tests_need(self):
        """The model says which classifiers it runs, once each, in order."""
        model = ScoreModel(
            rules=[
                Rule(
                    id="a", points=1, label=LabelIs(classifier="market", labels="b2b")
                ),
                Rule(
                    id="b",
                    points=1,
                    label=LabelIs(classifier="influence", labels="high"),
                ),
                Rule(
                    id="c", points=1, label=LabelIs(classifier="market", labels="b2c")
                ),
            ]
        )
        assert model.classifiers == ("market", "influence")


class TestDictRoundTrip:
    def test_the_default_model_round_trips(self):
        """The default model survives to_dict / from_dict exactly, dump identical."""
        model = pl.scoring.default_model()
        data = to_dict(model)
        again = from_dict(ScoreModel, data)
        assert again == model
        assert to_dict(again) == data

    def test_a_model_from_json_like_data(self):
        """A model written by hand as plain data loads, with durations as ISO text."""
        data = {
            "name": "webinars",
            "rules": [
                {
                    "id": "b2b",
                    "points": 10,
                    "label": {"classifier": "market", "labels": ["b2b"]},
                },
                {
                    "id": "big",
                    "points": 10,
                    "when": {
                        "kind": "compare",
                        "field": "company.employees",
                        "op": "ge",
                        "value": 50,
                    },
                },
            ],
            "signals": [
                {
                    "id": "webinar",
                    "activities": ["webinar_attendance"],
                    "points": 15,
                    "half_life": "P30D",
                    "max_count": 3,
                }
            ],
        }
        model = from_dict(ScoreModel, data)
        assert model.signals[0].half_life == 30 * DAY
        assert model.rules[1].when == cr.compare("company.employees", "ge", 50)

    def test_bad_data_names_every_fault(self):
        """Loading reports every bad field path at once, as InvalidConfigError."""
        data = {
            "rules": [{"id": "r", "points": "ten", "when": {"kind": "nope"}}],
            "signals": [{"id": "s", "activities": ["teleport"], "points": 1}],
            "colour": "blue",
        }
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            from_dict(ScoreModel, data)
        paths = [p.path for p in excinfo.value.problems]
        assert "ScoreModel.rules[0].points" in paths
        assert "ScoreModel.rules[0].when.kind" in paths
        assert "ScoreModel.signals[0].activities[0]" in paths
        assert "ScoreModel.colour" in paths

    def test_a_cross_field_fault_is_reported(self):
        """A rule naming an undeclared group is reported from the loaded data too."""
        data = {
            "rules": [
                {
                    "id": "r",
                    "points": 1,
                    "group": "web",
                    "when": {"kind": "has_tag", "tag": "vip"},
                }
            ]
        }
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            from_dict(ScoreModel, data)
        assert [p.path for p in excinfo.value.problems] == ["ScoreModel.rules[0].group"]


class TestMoreDefinitions:
    def test_one_activity_by_name(self):
        """A signal may name one activity as a plain string."""
        assert Signal(id="s", activities="call", points=1).activities == (
            pl.Activity.CALL,
        )

    def test_a_group_counts_in_one_dimension(self):
        """A group whose members count in two dimensions is refused."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            ScoreModel(
                rules=[rule("a", group="g")],
                signals=[Signal(id="s", activities="call", points=1, group="g")],
                groups=[Group(id="g", max=5)],
            )
        assert problem(excinfo) == [
            (
                "ScoreModel.signals[0].dimension",
                (
                    "'fit', the dimension of the rest of group 'g' "
                    "(a group counts in one dimension)"
                ),
            )
        ]


class TestPickle:
    def test_a_model_pickles_and_scores_the_same(self):
        """A model survives pickling (for Dask/Spark) and is compiled again."""
        model = default_model()
        again = pickle.loads(pickle.dumps(model))  # noqa: S301  # our own bytes
        assert again == default_model()
        assert again._plan is not model._plan
        at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
        for lead in samples.leads(40, seed=3, at=at):
            assert again.score(lead, at=at) == model.score(lead, at=at)
