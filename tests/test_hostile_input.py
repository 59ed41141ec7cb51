"""Hostile input: damaged data of every type, and the bounds it runs into."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import _convert
from prospectlib import classifiers as cl
from prospectlib import criteria as cr
from prospectlib import qualification as q
from prospectlib import scoring as sc
from prospectlib import strategies as ps
from prospectlib import workflow as wf
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline
from prospectlib.serialize import from_dict
from prospectlib.serialize import from_json
from prospectlib.serialize import to_dict


def _config_seeds() -> list[object]:
    """A value of every configuration type, from the defaults and built-ins."""
    model = sc.default_model()
    policies = [wf.default_policy(), wf.default_b2c_policy()]
    pipelines = [b2b_pipeline(), b2c_pipeline()]
    guards = [t.guard for p in pipelines for t in p.transitions if t.guard]
    criteria = [
        *guards,
        *(r.when for r in model.rules if r.when is not None),
        cr.at_least(1, cr.has_tag("vip"), cr.not_(cr.has_purchase(within=None))),
        cr.has_open_objection("price"),
        cr.not_(cr.has_tag("lost")),
        cr.has_consent("email"),
        cr.has_evidence("budget", known=True),
        cr.compare("company.employees", "in", [10, 20]),
    ]
    return [
        *pipelines,
        *(stage for p in pipelines for stage in p.stages),
        *(transition for p in pipelines for transition in p.transitions),
        *criteria,
        *q.FRAMEWORKS.values(),
        *(c for f in q.FRAMEWORKS.values() for c in f.criteria),
        model,
        *model.rules,
        *model.signals,
        *model.groups,
        *model.dimensions,
        model.grades,
        model.levels,
        *(r.label for r in model.rules if r.label is not None),
        *policies,
        *(rule for p in policies for rule in p.rules),
        cl.DEFAULT_PROFILE,
        *cl.DEFAULT_PROFILE.criteria,
        *(cl.default_registry().get(name) for name in cl.BUILT_IN_NAMES),
        cl.HomeMarket(country="VN", region="Hanoi", city="Hanoi"),
        cl.Geography(home=cl.HomeMarket(country="VN")),
    ]


CONFIG_SEEDS = [(type(value), to_dict(value)) for value in _config_seeds()]
MODEL_STRATEGIES = [
    ps.leads(),
    ps.persons(),
    ps.companies(),
    ps.locations(),
    ps.interactions(),
    ps.purchases(),
    ps.objections(),
    ps.evidence(),
    ps.consents(),
    ps.stage_changes(),
]

# Values of other JSON types, and the shapes hostile input takes (nesting kept
# shallow enough for Hypothesis to print; deeper nesting is tested by example).
DEEP: object = []
for _ in range(150):
    DEEP = [DEEP]
DEEP_CRITERION: dict[str, object] = {"kind": "has_tag", "tag": "x"}
for _ in range(60):
    DEEP_CRITERION = {"kind": "not", "criterion": DEEP_CRITERION}
REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**60), 2**60),
    st.sampled_from([2**53 + 1, -(2**53) - 1, 10**400]),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["", " ", "1e1000000", "NaN", "P99999999999D"]),
    st.just([[["x"]]]),
    st.just({"kind": "not", "criterion": {"kind": "not"}}),
    st.just(DEEP),
    st.just(DEEP_CRITERION),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
)


def places(data: object) -> list[tuple[Any, Any]]:
    """Every (container, key) pair inside nested dicts and lists."""
    found: list[tuple[Any, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((data, key))
            found.extend(places(value))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((data, index))
            found.extend(places(value))
    return found


@st.composite
def damaged(draw: st.DrawFn, data: object) -> object:
    """*data* with one key dropped, one unknown key added or one value replaced."""
    data = copy.deepcopy(data)
    spots = places(data)
    if not spots:
        return data
    container, key = draw(st.sampled_from(spots))
    mutation = draw(st.sampled_from(["drop", "add", "replace"]))
    if mutation == "drop":
        del container[key]
    elif mutation == "add" and isinstance(container, dict):
        container[draw(st.sampled_from(["extra", "Kind", "", "id "]))] = 1
    else:
        old = container[key]
        container[key] = draw(
            REPLACEMENTS.filter(lambda new: type(new) is not type(old))
        )
    return data


# Faults that belong to no field: the value as a whole is wrong.
CLASS_LEVEL = ("a valid state graph",)


def load(cls: type[Any], data: object) -> object:
    """The value *data* describes, or the library error refusing it."""
    try:
        return from_dict(cls, data)
    except pl.ProspectlibError as exc:
        return exc


def assert_loads_or_names_each_fault(cls: type[Any], data: object) -> None:
    outcome = load(cls, data)
    if not isinstance(outcome, pl.ProspectlibError):
        assert type(outcome) is cls
        assert from_dict(cls, to_dict(outcome)) == outcome
        return
    assert isinstance(outcome, pl.ValidationError), outcome
    assert outcome.problems
    for problem in outcome.problems:
        assert problem.path.startswith(cls.__name__), problem
        assert "reading it raised" not in problem.expected, problem
        if problem.path == cls.__name__:
            assert problem.expected.startswith(CLASS_LEVEL), problem


@pytest.mark.slow
class TestDamagedData:
    @pytest.mark.parametrize(
        ("cls", "seed"), CONFIG_SEEDS, ids=[cls.__name__ for cls, _ in CONFIG_SEEDS]
    )
    @given(data=st.data())
    def test_damaged_configuration_names_each_fault(self, cls, seed, data):
        """Damaged configuration loads, or every fault is named by a field path."""
        assert_loads_or_names_each_fault(cls, data.draw(damaged(seed)))

    @pytest.mark.parametrize(
        "strategy", MODEL_STRATEGIES, ids=[repr(s)[:24] for s in MODEL_STRATEGIES]
    )
    @given(data=st.data())
    def test_damaged_model_values_name_each_fault(self, strategy, data):
        """A damaged lead (or part of one) loads, or each fault has a field path."""
        value = data.draw(strategy)
        assert_loads_or_names_each_fault(
            type(value), data.draw(damaged(to_dict(value)))
        )


class TestSeeds:
    def test_every_configuration_type_is_seeded(self):
        """The damaged-data test starts from every registered configuration class.

        Read from the serializer's own table, so a configuration class added
        later with ``@serializable`` (or `serialize.register`) must be seeded too.
        """
        seeded = {cls for cls, _ in CONFIG_SEEDS}
        configuration = {
            cls
            for cls, how in _convert._MODELS.items()
            if issubclass(how.error, pl.InvalidConfigError)
            and cls.__module__.startswith("prospectlib.")
        }
        assert {Pipeline, cr.Not, sc.ScoreModel, cl.TargetProfile} <= configuration
        assert configuration <= seeded, configuration - seeded

    def test_seeds_are_json(self):
        """The seeds are what to_dict writes: plain JSON."""
        for _, data in CONFIG_SEEDS:
            assert json.loads(json.dumps(data)) == data


T0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
LAST_DAY = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)
FIRST_DAY = dt.datetime(1, 1, 1, tzinfo=dt.UTC)


def problems(error: pytest.ExceptionInfo[pl.ValidationError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


class TestFieldPaths:
    def test_a_bad_consent_and_a_nested_attribute_are_each_named(self):
        """Faults in keyed records and attributes are named at their own paths."""
        data = {
            "id": "L-1",
            "created_at": "2026-03-01T00:00:00Z",
            "consent": ["email"],
            "attributes": {"plan": []},
        }
        with pytest.raises(pl.InvalidLeadError) as error:
            from_dict(pl.Lead, data)
        assert [p.path for p in error.value.problems] == [
            "Lead.consent[0]",
            "Lead.attributes['plan']",
        ]

    @pytest.mark.parametrize("stage", ["prospect", " "])
    def test_missing_keys_of_a_keyed_record_are_named_by_index(self, stage):
        """An evidence record without its keys is named at its index, not at Lead."""
        data = {
            "id": "L-1",
            "created_at": "2026-03-01T00:00:00Z",
            "evidence": [{"verdict": "met"}],
            "stage": stage,
        }
        with pytest.raises(pl.InvalidLeadError) as error:
            from_dict(pl.Lead, data)
        paths = [p.path for p in error.value.problems]
        assert paths[:2] == ["Lead.evidence[0].criterion", "Lead.evidence[0].at"]
        assert all(path != "Lead" for path in paths)

    def test_a_converter_names_the_field_it_cannot_convert(self):
        """A value no converter can convert is refused at its field, in code too."""
        with pytest.raises(pl.InvalidLeadError) as error:
            pl.Lead(id="L-1", created_at=T0, tags=[["x"]])
        assert problems(error) == ["Lead.tags: expected a set of non-empty strings"]
        with pytest.raises(pl.InvalidConfigError) as error:
            Pipeline(id="p", stages=5, transitions=[])
        assert [p.path for p in error.value.problems] == ["Pipeline.stages"]


class TestNumbers:
    def test_whole_numbers_round_trip_up_to_two_to_the_53(self):
        """2**53 is written and read back exactly; one more is refused."""
        edge = pl.Interaction(activity="email_open", at=T0, value=2**53)
        assert from_dict(pl.Interaction, to_dict(edge)) == edge
        with pytest.raises(pl.InvalidLeadError) as error:
            pl.Interaction(activity="email_open", at=T0, value=2**53 + 1)
        assert [p.path for p in error.value.problems] == ["Interaction.value"]

    @pytest.mark.parametrize(
        "build",
        [
            lambda n: pl.Lead(id="L", created_at=T0, attributes={"seats": n}),
            lambda n: pl.Company(employees=n),
            lambda n: pl.Purchase(at=T0, amount=n, currency="EUR"),
            lambda n: cr.compare("company.employees", "ge", n),
            cr.has_purchase,
        ],
        ids=["attribute", "employees", "amount", "compare", "count"],
    )
    def test_huge_whole_numbers_are_refused_where_they_enter(self, build):
        """An int of 5,000 digits never gets in, so nothing fails to print it later."""
        with pytest.raises(pl.ValidationError):
            build(10**5000)

    def test_huge_whole_numbers_are_refused_by_the_loader(self):
        """from_dict refuses a whole number beyond ±2**53, naming the field."""
        data = {"id": "L-1", "created_at": "2026-03-01T00:00:00Z"}
        with pytest.raises(pl.InvalidLeadError) as error:
            from_dict(pl.Lead, {**data, "attributes": {"seats": 10**5000}})
        assert [p.path for p in error.value.problems] == ["Lead.attributes['seats']"]
        with pytest.raises(pl.InvalidLeadError) as error:
            from_dict(pl.Company, {"employees": 2**53 + 1})
        assert problems(error) == [
            "Company.employees: expected a whole number (got one beyond ±2**53)"
        ]

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda n: sc.Grades(a=n), "Grades.a"),
            (lambda n: sc.Rule(id="r", points=n, when=cr.has_tag("x")), "Rule.points"),
            (lambda n: sc.Group(id="g", max=n), "Group.max"),
            (lambda n: cl.Influence(referral_points=n), "Influence.referral_points"),
            (lambda n: cl.Market(prior=n), "Market.prior"),
            (lambda n: cl.Temperature(hot=n), "Temperature.hot"),
            (lambda n: cl.ProfileFit(strong=n), "ProfileFit.strong"),
            (lambda n: wf.PolicyRule(id="r", event="e", reason="r", min_fit=n), None),
            (
                lambda n: cl.Classification(
                    classifier="c", label=cl.MarketLabel.B2B, confidence=n
                ),
                "Classification.confidence",
            ),
        ],
    )
    def test_floats_are_finite_and_never_overflow(self, build, path):
        """A number field refuses what no float holds, at its path: no OverflowError."""
        with pytest.raises(pl.InvalidConfigError) as error:
            build(10**400)
        assert error.value.problems[0].path == (path or "PolicyRule.min_fit")

    def test_absurd_amounts_add_up_without_raising(self):
        """amount_spent takes any finite amount, whatever the decimal context."""
        lead = pl.Lead(
            id="L-1",
            created_at=T0,
            purchases=[
                pl.Purchase(at=T0, amount="1e1000000", currency="EUR"),
                pl.Purchase(at=T0, amount="0.50", currency="EUR"),
            ],
        )
        total = lead.amount_spent("EUR")
        assert total == Decimal("1e1000000")
        with decimal.localcontext(prec=2, traps=[decimal.Inexact]):
            assert lead.amount_spent("EUR") == total


class TestCalendarEnds:
    def test_an_sla_past_year_9999_is_never_due(self):
        """A stage entered on 9999-12-31 has no due date, and is within its SLA."""
        lead = pl.Lead(id="L-1", created_at=LAST_DAY, stage="marketing_qualified")
        status = b2b_pipeline().sla_status(lead, at=LAST_DAY)
        assert (status.state, status.due_at) == (pl.lifecycle.SlaState.WITHIN, None)
        assert status.remaining == b2b_pipeline().stage("marketing_qualified").sla
        assert b2b_pipeline().overdue([lead], at=LAST_DAY) == ()

    def test_windows_reaching_before_year_1_are_clamped(self):
        """Every classifier answers at 0001-01-01 UTC: its window starts there."""
        visit = pl.Interaction(activity="website_visit", at=FIRST_DAY)
        buy = pl.Purchase(at=FIRST_DAY, amount="5", currency="EUR")
        lead = pl.Lead(
            id="L-1", created_at=FIRST_DAY, interactions=[visit], purchases=[buy]
        )
        labels = pl.classify(lead, at=FIRST_DAY)
        assert set(labels) == set(cl.BUILT_IN_NAMES)
        assert labels["decision_stage"].label is cl.DecisionStageLabel.READY
        assert sc.default_model().score(lead, at=FIRST_DAY).total >= 0


class TestDepth:
    def not_chain(self, depth: int) -> cr.Criterion:
        criterion: cr.Criterion = cr.has_tag("x")
        for _ in range(depth):
            criterion = cr.not_(criterion)
        return criterion

    def test_the_deepest_criterion_that_can_be_built_round_trips(self):
        """A Not chain MAX_DEPTH deep is written and read back exactly."""
        deepest = self.not_chain(cr.MAX_DEPTH)
        assert from_dict(cr.Not, to_dict(deepest)) == deepest
        guarded = sc.Rule(id="r", points=1, when=deepest)
        assert from_dict(sc.Rule, to_dict(guarded)) == guarded

    def test_one_level_more_is_refused_in_code_and_data(self):
        """Neither a constructor nor the loader takes a criterion nested deeper."""
        with pytest.raises(pl.InvalidConfigError) as error:
            cr.not_(self.not_chain(cr.MAX_DEPTH))
        assert problems(error) == [
            f"Not.criterion: expected criteria nested at most {cr.MAX_DEPTH} deep"
        ]
        data = {"kind": "not", **to_dict(self.not_chain(cr.MAX_DEPTH))}
        with pytest.raises(pl.InvalidConfigError, match="nested at most 32 deep"):
            from_dict(cr.Not, {"criterion": data})
        with pytest.raises(pl.InvalidConfigError):
            cr.AllOf(criteria=[self.not_chain(cr.MAX_DEPTH)])

    def test_absurd_nesting_is_refused_without_recursion_error(self):
        """Data nested thousands deep is refused at the limit, not by Python's stack."""
        data: dict[str, object] = {"kind": "has_tag", "tag": "x"}
        for _ in range(5000):
            data = {"kind": "not", "criterion": data}
        with pytest.raises(pl.InvalidConfigError, match="nested at most 32 deep"):
            from_dict(sc.Rule, {"id": "r", "points": 1, "when": data})

    def test_frameworks_count_their_derived_criteria(self):
        """A framework's derived criteria nest inside it like a composite's parts."""
        deep = q.FrameworkCriterion(key="a", derived=self.not_chain(cr.MAX_DEPTH))
        with pytest.raises(pl.InvalidConfigError) as error:
            q.Framework(name="F", criteria=[deep])
        assert error.value.problems[0].path == "Framework.criteria"
        fine = q.Framework(
            name="F",
            criteria=[q.FrameworkCriterion(key="a", derived=self.not_chain(3))],
        )
        assert from_dict(q.Framework, to_dict(fine)) == fine


LEAD = pl.Lead(id="L-1", created_at=T0, stage="marketing_qualified")
B2B = b2b_pipeline()
LABELLED = sc.ScoreModel(
    rules=[
        sc.Rule(id="b2b", points=5, label=sc.LabelIs(classifier="market", labels="b2b"))
    ]
)
BANT_POLICY = wf.default_policy()
LABEL_POLICY = wf.QualificationPolicy(
    name="p",
    pipeline="b2b",
    rules=[
        wf.PolicyRule(
            id="r",
            event="accept",
            reason="b2b",
            labels=[sc.LabelIs(classifier="market", labels="b2b")],
        )
    ],
)


class TestArgumentTypes:
    @pytest.mark.parametrize(
        ("call", "argument"),
        [
            (lambda: B2B.send(LEAD, ["accept"], at=T0), "event"),
            (lambda: B2B.send(LEAD, "accept", at=T0, reason=5), "reason"),
            (lambda: B2B.send(LEAD, "accept", at=T0, actor=["rep"]), "actor"),
            (lambda: B2B.send(LEAD, "accept", at="2026-03-01"), "at"),
            (lambda: B2B.send_many(5, "accept", at=T0), "leads"),
            (lambda: B2B.send_many([LEAD], {"accept"}, at=T0), "event"),
            (lambda: B2B.check(LEAD, 5, at=T0), "event"),
            (lambda: B2B.allowed_events(LEAD, at=5), "at"),
            (lambda: B2B.overdue(LEAD, at=T0), "leads"),
            (lambda: pl.classify(LEAD, at=T0, only=5), "only"),
            (lambda: pl.classify(LEAD, at=T0, only="market"), "only"),
            (lambda: pl.classify(LEAD, at=T0, only=[5]), "only[0]"),
            (lambda: pl.classify(LEAD, at=T0, registry=5), "registry"),
            (lambda: pl.classify_many(5, at=T0), "leads"),
            (lambda: sc.default_model().score(LEAD, at=T0, labels=5), "labels"),
            (
                lambda: LABELLED.score(LEAD, at=T0, labels={"market": 5}),
                "labels['market']",
            ),
            (lambda: sc.default_model().score(LEAD, at=T0, registry=5), "registry"),
            (lambda: sc.default_model().score_many(5, at=T0), "leads"),
            (lambda: sc.default_model().score_many([], at=T0, registry=5), "registry"),
            (lambda: BANT_POLICY.suggest(LEAD, at=T0, score=5), "score"),
            (lambda: BANT_POLICY.suggest(LEAD, at=T0, labels=[1]), "labels"),
            (lambda: BANT_POLICY.suggest(LEAD, at=T0, pipeline="b2b"), "pipeline"),
            (lambda: wf.advance(LEAD, "b2b", BANT_POLICY, at=T0), "pipeline"),
            (lambda: wf.advance(LEAD, B2B, "policy", at=T0), "policy"),
            (lambda: wf.advance_many(5, B2B, BANT_POLICY, at=T0), "leads"),
            (lambda: wf.prioritize([LEAD], at=T0, pipeline=5), "pipeline"),
            (
                lambda: wf.prioritize([LEAD], at=T0, pipeline=lambda _: 5),
                "pipeline(lead)",
            ),
            (lambda: wf.prioritize([LEAD], at=T0, model="default"), "model"),
            (lambda: wf.prioritize(5, at=T0), "leads"),
            (lambda: from_dict(pl.Lead, {}, criteria=5), "criteria"),
            (lambda: cl.ClassifierRegistry().register(5), "classifier"),
            (lambda: cl.ClassifierRegistry().register(cl.Market(), name=5), "name"),
            (lambda: cr.CriterionRegistry().register("x", 5), "function"),
            (lambda: LEAD.amount_spent("EUR", since="2026-03-01"), "since"),
            (lambda: LEAD.can_contact(["email"]), "channel"),
            (lambda: LEAD.interactions_of(["email_open"]), "activities[0]"),
            (lambda: cl.PurchaseVolume().fit(5, at=T0), "leads"),
            (lambda: pl.Objection(kind="price", raised_at=T0).is_open("now"), "at"),
            (
                lambda: LABEL_POLICY.suggest(LEAD, at=T0, labels={"market": 5}),
                "labels['market']",
            ),
        ],
    )
    def test_a_wrong_type_is_a_type_error_naming_the_argument(self, call, argument):
        """A wrong argument type raises a ProspectlibError that is a TypeError too."""
        with pytest.raises(TypeError) as error:
            call()
        assert isinstance(error.value, pl.ProspectlibError)
        assert isinstance(error.value, pl.ArgumentTypeError)
        assert error.value.problems[0].path == argument

    @pytest.mark.parametrize(
        "call",
        [
            lambda lead: B2B.send(lead, "accept", at=T0),
            lambda lead: B2B.check(lead, "accept", at=T0),
            lambda lead: B2B.allowed_events(lead, at=T0),
            lambda lead: B2B.sla_status(lead, at=T0),
            lambda lead: B2B.machine(lead, at=T0),
            lambda lead: pl.lifecycle.time_in_stage(lead, at=T0),
            pl.lifecycle.stage_visits,
            lambda lead: pl.classify(lead, at=T0),
            lambda lead: cl.Temperature().classify(lead, at=T0),
            lambda lead: cl.DEFAULT_PROFILE.criteria[0].judge(lead, at=T0),
            lambda lead: sc.default_model().score(lead, at=T0),
            lambda lead: BANT_POLICY.suggest(lead, at=T0),
            lambda lead: wf.advance(lead, B2B, BANT_POLICY, at=T0),
            lambda lead: q.BANT.assess(lead, at=T0),
            lambda lead: q.BANT.test(lead, at=T0),
            lambda lead: cr.has_tag("vip").test(lead, at=T0),
            lambda lead: cr.has_tag("vip").evaluate(lead, at=T0),
            lambda lead: cr.not_(cr.has_purchase()).evaluate(lead, at=T0),
            lambda lead: cr.compare("stage", "eq", "x").test(lead, at=T0),
            lambda lead: cr.custom("x", lambda _lead, _at: True).test(lead, at=T0),
        ],
    )
    @pytest.mark.parametrize("not_a_lead", [{"id": "L-1"}, "L-1", None])
    def test_what_is_not_a_lead_is_refused_everywhere(self, call, not_a_lead):
        """Every public function taking a lead refuses a non-Lead the same way."""
        with pytest.raises(pl.LeadTypeError) as error:
            call(not_a_lead)
        assert isinstance(error.value, pl.InvalidLeadError)
        assert isinstance(error.value, TypeError)
        assert error.value.problems[0].path == "lead"

    def test_json_text_of_the_wrong_type_is_a_type_error(self):
        """from_json given neither str nor bytes raises a TypeError of its family."""
        with pytest.raises(pl.LeadTypeError):
            from_json(pl.Lead, 42)  # type: ignore[arg-type]
        with pytest.raises(pl.ConfigTypeError):
            from_json(sc.ScoreModel, None)  # type: ignore[arg-type]
        with pytest.raises(pl.ArgumentTypeError) as error:
            from_json(q.Assessment, ["{}"])  # type: ignore[arg-type]
        assert error.value.problems[0].path == "Assessment"

    def test_json_with_a_whole_number_of_thousands_of_digits_is_refused(self):
        """JSON text with an absurdly long number is refused as such."""
        with pytest.raises(pl.InvalidLeadError) as error:
            from_json(pl.Lead, '{"id": "L", "seats": ' + "9" * 5000 + "}")
        expected = "JSON text whose whole numbers lie within ±9,007,199,254,740,992"
        assert problems(error) == [f"Lead: expected {expected}"]

    def test_a_class_that_is_not_a_model_is_refused(self):
        """from_dict with something that is not a model class is a TypeError."""
        with pytest.raises(pl.UnsupportedTypeError) as error:
            from_dict(5, {})  # type: ignore[call-overload]
        assert isinstance(error.value, TypeError)
        assert str(error.value).startswith("cls: ")
