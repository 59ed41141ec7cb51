"""The compiled scoring function against the criteria's own tests and a reference."""

import datetime as dt
import gc
import linecache
import math
import traceback

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import samples
from prospectlib import strategies as ps
from prospectlib.criteria import CriterionRegistry
from prospectlib.criteria import _compile
from prospectlib.criteria import _records
from prospectlib.model import FrozenMap
from prospectlib.scoring import Dimension
from prospectlib.scoring import Grades
from prospectlib.scoring import Group
from prospectlib.scoring import Levels
from prospectlib.scoring import Rule
from prospectlib.scoring import Score
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal
from prospectlib.scoring import _codegen
from prospectlib.scoring._engine import compile_model
from prospectlib.scoring._engine import scale
from tests.helpers import DAY

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 12, 31, tzinfo=dt.UTC)
SAMPLES = tuple(samples.leads(300, seed=11, at=T1))

# --- the reference: the engine as it was before it was compiled ----------------------


def weight(signal, lead, at):
    """The reference signal: its count and decayed weight, newest first."""
    count, total = 0, 0.0
    for item in reversed(lead.interactions):
        if item.activity not in signal.activities or item.at > at:
            continue
        age = (at - item.at).total_seconds()
        if signal.within is not None and age >= signal.within.total_seconds():
            continue
        if signal.max_count is not None and count >= signal.max_count:
            continue
        count += 1
        half_life = signal.half_life
        total += 1.0 if half_life is None else 0.5 ** (age / half_life.total_seconds())
    return count, total


def units_of(model):
    """What the caps scale as one: each capped group's members, per dimension."""
    items = (*model.rules, *model.signals)
    capped = [g for g in model.groups if g.min is not None or g.max is not None]
    members = {
        g.id: [i for i, x in enumerate(items) if x.group == g.id] for g in capped
    }
    units = {d.id: [] for d in model.dimensions}
    for i, item in enumerate(items):
        if item.group not in members:
            units[item.dimension].append([i])
        elif members[item.group][0] == i:
            units[item.dimension].append(members[item.group])
    return capped, members, units


def reference(model, lead, at, labels=None):
    """Each rule's own test, a loop per signal, then the caps with `scale`."""
    held = [
        r.when.test(lead, at=at) if r.when is not None else r.label.holds(labels)
        for r in model.rules
    ]
    values = [r.points if h else 0.0 for r, h in zip(model.rules, held, strict=True)]
    counts = []
    for s in model.signals:
        count, total = weight(s, lead, at)
        counts.append(count)
        values.append(s.points * total)
    decayed = list(values)
    capped, members, units = units_of(model)
    for g in capped:
        scale(values, [[i] for i in members[g.id]], g.min, g.max)
    for d in model.dimensions:
        scale(values, units[d.id], d.min, d.max)
    every = [[i for unit in units[d.id] for i in unit] for d in model.dimensions]
    scale(values, every, model.min_total, model.max_total)
    sums = {
        d.id: math.fsum(values[i] for unit in units[d.id] for i in unit) + 0.0
        for d in model.dimensions
    }
    listed = [
        (r.id, 1, r.points, values[k]) for k, r in enumerate(model.rules) if held[k]
    ]
    first = len(model.rules)
    listed += [
        (s.id, counts[k], decayed[first + k], values[first + k])
        for k, s in enumerate(model.signals)
        if counts[k]
    ]
    return math.fsum(sums.values()) + 0.0, sums, listed


def assert_like_reference(model, lead, at):
    score = model.score(lead, at=at)
    total, sums, listed = reference(model, lead, at)
    assert score.total == total
    assert dict(score.dimensions) == sums
    assert score.grade == model.grades.grade(sums[model.grades.dimension])
    assert score.level == model.levels.level(sums[model.levels.dimension])
    got = [(c.id, c.count, c.decayed, c.points) for c in score.contributions]
    assert got == listed
    generic = compile_model(model, specialise=False).score(lead, at, None, None)
    assert generic == score
    assert generic.contributions == score.contributions


def one_rule(criterion, points=1.0):
    return ScoreModel(
        rules=[Rule(id="r", points=points, when=criterion)], max_total=None
    )


def assert_agrees(criterion, leads=SAMPLES, at=T1):
    """The compiled rule holds exactly when the criterion's own test does."""
    model = one_rule(criterion)
    for lead in leads:
        held = bool(model.score(lead, at=at).contributions)
        assert held == bool(criterion.test(lead, at=at)), lead.id


def count_calls(monkeypatch, owner, name="test"):
    """Record each call of *owner*'s *name* (a criterion class's test) from now on.

    Patch before the model is made: the compiled code binds what it calls.
    """
    calls = []
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def score_samples(model, leads=SAMPLES, at=T1):
    """Score every lead (contributions left unbuilt)."""
    for lead in leads:
        model.score(lead, at=at)


# --- strategies -----------------------------------------------------------------------

TEXT_FIELDS = (
    "company.industry",
    "person.role",
    "person.occupation",
    "person.gender",
    "person.location.country",
    "company.location.city",
    "source",
    "stage",
)
NUMBER_FIELDS = ("company.employees", "person.age", "person.social_reach")
OTHER_FIELDS = (
    "tags",
    "person.interests",
    "company",
    "person.location",
    "person.income",
    "company.annual_revenue",
    "created_at",
    "attributes.plan",
    "attributes.seats",
)
texts = st.sampled_from(
    (
        *ps._INDUSTRIES,
        *ps._OCCUPATIONS,
        *ps._GENDERS,
        *ps._TAGS,
        *ps._DESCRIPTORS,
        *ps._STAGES,
        *[r.value for r in pl.BuyingRole],
        *[s.value for s in pl.Source],
        "US",
        "VN",
        "Hanoi",
    )
) | st.text(max_size=3)
numbers = st.integers(-5, 200) | st.floats(-5, 200, allow_nan=False)
scalars = texts | numbers | st.booleans()
ORDERING = (cr.Op.LT, cr.Op.LE, cr.Op.GT, cr.Op.GE)


@st.composite
def compares(draw):
    field = draw(st.sampled_from((*TEXT_FIELDS, *NUMBER_FIELDS, *OTHER_FIELDS)))
    op = draw(st.sampled_from(list(cr.Op)))
    if op in (cr.Op.EXISTS, cr.Op.MISSING):
        value = None
    elif op in (cr.Op.IN, cr.Op.NOT_IN):
        value = draw(st.lists(scalars, max_size=3))
    elif op in ORDERING:
        value = draw(numbers | texts)
    else:
        value = draw(scalars)
    return cr.Compare(field=field, op=op, value=value)


class Recent:
    """A criterion of the user's own: an interaction in the last 30 days."""

    def test(self, lead, *, at):
        return any(at - DAY * 30 < i.at <= at for i in lead.interactions)

    def evaluate(self, lead, *, at):
        passed = self.test(lead, at=at)
        return cr.Check(passed=passed, reason="recent" if passed else "not recent")


windows = st.none() | st.integers(1, 200).map(lambda d: d * DAY)
leaves = st.one_of(
    compares(),
    st.builds(
        cr.HasEvidence,
        criterion=st.sampled_from(ps._CRITERIA),
        verdict=st.sampled_from(pl.Verdict),
    ),
    st.builds(
        cr.EvidenceKnown,
        criterion=st.sampled_from(ps._CRITERIA),
        known=st.booleans(),
    ),
    st.builds(cr.HasTag, tag=st.sampled_from(ps._TAGS)),
    st.builds(
        cr.HasOpenObjection,
        kinds=st.lists(st.sampled_from(pl.ObjectionKind), max_size=2, unique=True),
    ),
    st.builds(cr.HasPurchase, at_least=st.integers(1, 2), within=windows),
    st.builds(
        cr.HasActivity,
        activities=st.lists(st.sampled_from(pl.Activity), max_size=2, unique=True),
        within=windows,
    ),
    st.builds(cr.HasConsent, channel=st.sampled_from(pl.Channel)),
    st.just(cr.Custom(name="tagged", function=lambda lead, at: bool(lead.tags))),
    st.just(Recent()),
)


@st.composite
def at_least(draw, parts):
    criteria = draw(st.lists(parts, min_size=1, max_size=3))
    return cr.AtLeast(count=draw(st.integers(1, len(criteria))), criteria=criteria)


criteria = st.recursive(
    leaves,
    lambda parts: st.one_of(
        st.builds(cr.AllOf, criteria=st.lists(parts, min_size=1, max_size=3)),
        st.builds(cr.AnyOf, criteria=st.lists(parts, min_size=1, max_size=3)),
        st.builds(cr.Not, criterion=parts),
        at_least(parts),
    ),
    max_leaves=6,
)
points = st.sampled_from((0.0, 5.0, -10.0, 0.5, 0.1, -2.25)) | st.floats(
    -60, 60, allow_nan=False
)
caps = st.none() | st.floats(0, 60, allow_nan=False)
floors = st.none() | st.floats(-60, 0, allow_nan=False)
DIMENSIONS = ("fit", "engagement", "intent")
GROUPS = ("g1", "g2")


@st.composite
def score_models(draw):
    """Random models: criteria of every kind, signals, groups, every cap."""
    dimensions = draw(st.lists(st.sampled_from(DIMENSIONS), min_size=1, unique=True))
    group_dimension = {g: draw(st.sampled_from(dimensions)) for g in GROUPS}
    groups = st.none() | st.sampled_from(GROUPS)

    def placed():
        group = draw(groups)
        dimension = (
            group_dimension[group] if group else draw(st.sampled_from(dimensions))
        )
        return {"group": group, "dimension": dimension}

    rules = [
        Rule(id=f"r{k}", points=draw(points), when=draw(criteria), **placed())
        for k in range(draw(st.integers(0, 5)))
    ]
    signals = [
        Signal(
            id=f"s{k}",
            activities=draw(
                st.lists(
                    st.sampled_from(pl.Activity), min_size=1, max_size=3, unique=True
                )
            ),
            points=draw(points),
            half_life=draw(windows),
            within=draw(windows),
            max_count=draw(st.none() | st.integers(1, 3)),
            **placed(),
        )
        for k in range(draw(st.integers(0, 5)))
    ]
    return ScoreModel(
        name="random",
        rules=rules,
        signals=signals,
        groups=[Group(id=g, max=draw(caps), min=draw(floors)) for g in GROUPS],
        dimensions=[
            Dimension(id=d, max=draw(caps), min=draw(floors)) for d in dimensions
        ],
        max_total=draw(caps),
        min_total=draw(floors),
        grades=Grades(dimension=draw(st.sampled_from(dimensions))),
        levels=Levels(dimension=draw(st.sampled_from(dimensions))),
    )


leads = ps.leads(since=T0, until=T1, max_interactions=8, max_history=2)
times = ps.aware_datetimes(min_value=T0, max_value=T1 + 100 * DAY)


# --- tests ----------------------------------------------------------------------------


class TestDifferential:
    @pytest.mark.slow
    @given(score_models(), leads, times)
    def test_compiled_model_scores_as_the_reference(self, model, lead, at):
        """Total, dimensions, tier and contributions equal the reference exactly."""
        assert_like_reference(model, lead, at)

    @pytest.mark.slow
    @given(criteria, leads, times)
    def test_inlined_criteria_agree_with_their_test(self, criterion, lead, at):
        """A compiled rule holds exactly when its criterion's test does."""
        assert_agrees(criterion, [lead], at)

    @pytest.mark.parametrize("field", [*TEXT_FIELDS, *NUMBER_FIELDS, *OTHER_FIELDS])
    @pytest.mark.parametrize("op", list(cr.Op))
    def test_every_field_and_operator_on_sample_leads(self, field, op):
        """Each operator on each kind of field agrees with Compare on sample leads."""
        values = {
            cr.Op.EXISTS: [None],
            cr.Op.MISSING: [None],
            cr.Op.IN: [["logistics", "decision_maker", 50, "vip"]],
            cr.Op.NOT_IN: [["software", "influencer", 12]],
            cr.Op.CONTAINS: ["vip", "outdoors"],
        }.get(op, [50, 30.5, "logistics", "de", True])
        for value in values:
            if op in ORDERING and isinstance(value, bool):
                continue
            assert_agrees(cr.Compare(field=field, op=op, value=value))


class TestInlining:
    def test_text_orderings_are_answered_from_a_memo(self, monkeypatch):
        """Orderings of a text field are tested once per distinct value."""
        calls = []
        test = cr.Compare.test

        def counting(self, lead, *, at):
            calls.append(lead.id)
            return test(self, lead, at=at)

        monkeypatch.setattr(cr.Compare, "test", counting)
        field = "company.industry"
        model = ScoreModel(
            rules=[
                Rule(id="a", points=1, when=cr.compare(field, "ge", "c")),
                Rule(id="b", points=2, when=cr.compare(field, "lt", "m")),
            ]
        )
        for lead in SAMPLES:
            model.score(lead, at=T1)
        distinct = {x.company.industry if x.company else None for x in SAMPLES}
        assert len(calls) == 2 * len(distinct) < len(SAMPLES)
        monkeypatch.undo()
        for lead in SAMPLES:
            assert_like_reference(model, lead, T1)

    @pytest.mark.parametrize("op", ["eq", "ne", "in", "not_in"])
    def test_text_equality_and_membership_are_compared_in_place(self, op):
        """Equality and membership on text call nothing, and agree with Compare."""
        value = ["retail", "logistics", 7] if op in ("in", "not_in") else "retail"
        criterion = cr.compare("company.industry", op, value)
        source = one_rule(criterion)._plan.source
        assert "at=at" not in source
        assert "answers" not in source
        assert_agrees(criterion)

    def test_a_full_memo_still_answers(self, monkeypatch):
        """Past its size the memo stops growing; answers stay right."""
        monkeypatch.setattr(_compile, "MEMO_SIZE", 1)
        assert_agrees(cr.compare("company.industry", "ge", "logistics"))

    def test_model_text_never_becomes_code(self):
        """Ids, values, tags and names reach the code only as bound names."""
        evil = "'); import os; __import__('os'); ('"
        model = ScoreModel(
            name="import.os:1",
            rules=[
                Rule(
                    id="r1", points=5, when=cr.compare("company.industry", "eq", evil)
                ),
                Rule(id="r2", points=5, when=cr.has_tag(evil)),
                Rule(id="r3", points=5, when=cr.has_evidence(evil)),
                Rule(id="r4", points=5, when=cr.compare(f"attributes.{evil}", "eq", 1)),
            ],
            dimensions=[
                Dimension(id="fit"),
                Dimension(id="engagement"),
                Dimension(id="x_dim"),
            ],
            grades=Grades(dimension="x_dim"),
        )
        source = model._plan.source
        assert evil not in source
        assert "import" not in source
        assert "x_dim" not in source
        lead = pl.Lead(id="L", created_at=T0, tags=[evil], attributes={evil: 1})
        assert [c.id for c in model.score(lead, at=T1).contributions] == ["r2", "r4"]

    @pytest.mark.parametrize(
        "criterion",
        [
            cr.compare("attributes.plan", "eq", "pro"),
            cr.compare("company.employees", "lt", "abc"),
            cr.compare("company.annual_revenue", "ge", 1_000_000),
            cr.compare("person.income", "ne", 0.5),
            cr.compare("tags", "eq", "vip"),
            cr.compare("company.employees", "contains", 1),
        ],
    )
    def test_other_comparisons_call_the_criterion(self, criterion, monkeypatch):
        """Comparisons without an inline form call Compare.test, and agree."""
        calls = count_calls(monkeypatch, cr.Compare)
        score_samples(one_rule(criterion))
        assert len(calls) == len(SAMPLES)
        monkeypatch.undo()
        assert_agrees(criterion)

    @pytest.mark.parametrize(
        "criterion",
        [
            cr.compare("company.employees", "ge", 50),
            cr.compare("person.age", "lt", 30.5),
            cr.compare("company.employees", "eq", 12),
            cr.compare("company.employees", "in", [1, 2, 3]),
            cr.compare("company.employees", "not_in", [1, 2, 3]),
            cr.compare("company.employees", "ne", 7),
            cr.compare("company.employees", "exists"),
            cr.compare("person.age", "missing"),
            cr.compare("tags", "contains", "vip"),
            cr.compare("person.interests", "contains", "outdoors"),
            cr.compare("tags", "exists"),
            cr.compare("person.lifestyle", "missing"),
            cr.compare("company", "exists"),
            cr.compare("person.income", "missing"),
            cr.has_tag("vip"),
            cr.has_evidence("budget", "unmet"),
        ],
    )
    def test_inlined_criteria_call_nothing(self, criterion, monkeypatch):
        """Built-in criteria with an inline form make no call, and agree."""
        calls = count_calls(monkeypatch, type(criterion))
        score_samples(one_rule(criterion))
        assert calls == []
        monkeypatch.undo()
        assert_agrees(criterion)

    def test_records_are_only_tested_when_there_are_some(self, monkeypatch):
        """Objection and purchase criteria are called only for leads with records."""
        objections = count_calls(monkeypatch, _records, "_any_open")
        purchases = count_calls(monkeypatch, cr.HasPurchase)
        score_samples(one_rule(cr.has_open_objection("price")))
        score_samples(one_rule(cr.has_purchase(2)))
        assert 0 < len(objections) == sum(1 for x in SAMPLES if x.objections)
        assert 0 < len(purchases) == sum(1 for x in SAMPLES if x.purchases)
        assert len(objections) < len(SAMPLES)
        assert len(purchases) < len(SAMPLES)
        monkeypatch.undo()
        for criterion in (cr.has_open_objection("price"), cr.has_purchase(2)):
            assert_agrees(criterion)

    def test_open_objections_are_tested_inline(self, monkeypatch):
        """HasOpenObjection, of any or given kinds, agrees at every moment."""
        objections = [
            pl.Objection(kind="price", raised_at=T0, resolved_at=T0 + 10 * DAY),
            pl.Objection(kind="timing", raised_at=T0 + 5 * DAY),
        ]
        leads = [
            pl.Lead(id="L", created_at=T0, objections=objections[:n]) for n in (0, 1, 2)
        ]
        criteria = (
            cr.has_open_objection(),
            cr.has_open_objection("price"),
            cr.has_open_objection("timing", "price"),
        )
        calls = count_calls(monkeypatch, cr.HasOpenObjection)
        for criterion in criteria:
            score_samples(one_rule(criterion), leads)
        assert calls == []
        monkeypatch.undo()
        for criterion in criteria:
            for days in (-1, 0, 4, 5, 9, 10, 30):
                assert_agrees(criterion, leads, T0 + days * DAY)

    def test_at_least_of_built_in_parts_is_counted_inline(self, monkeypatch):
        """AtLeast of built-in parts adds them up inline: no test is called."""
        bant = cr.at_least(
            3,
            cr.has_evidence("budget"),
            cr.has_evidence("authority"),
            cr.not_(cr.has_tag("vip")),
            cr.all_of(cr.compare("company", "exists"), cr.has_activity("call")),
        )
        calls = [
            count_calls(monkeypatch, kind)
            for kind in (cr.AtLeast, cr.HasEvidence, cr.Not, cr.HasTag, cr.AllOf)
        ]
        score_samples(one_rule(bant))
        assert calls == [[]] * 5
        monkeypatch.undo()
        assert_agrees(bant)

    def test_at_least_with_user_code_calls_it(self, monkeypatch):
        """AtLeast with a custom part keeps its own short-circuit: it is called."""
        custom = cr.Custom(name="tagged", function=lambda lead, at: bool(lead.tags))
        mixed = cr.at_least(1, cr.has_tag("vip"), custom)
        calls = count_calls(monkeypatch, cr.AtLeast)
        score_samples(one_rule(mixed))
        assert len(calls) == len(SAMPLES)
        monkeypatch.undo()
        assert_agrees(mixed)

    def test_deep_criteria_are_called_below_a_depth(self):
        """Criteria nested past the inlining depth are called, and agree."""
        deep = cr.has_tag("vip")
        for _ in range(cr.MAX_DEPTH - 2):  # past the inlining depth, within the limit
            deep = cr.not_(deep)
        assert_agrees(deep)
        assert_agrees(cr.at_least(1, deep, cr.has_tag("newsletter")))

    def test_criteria_of_the_users_own_are_called(self):
        """A criterion class the writer does not know is called through test."""
        assert_agrees(Recent())
        assert_agrees(cr.any_of(Recent(), cr.has_tag("vip")))


class TestSums:
    def sample_check(self, model):
        for lead in SAMPLES[:120]:
            assert_like_reference(model, lead, T1)

    def test_three_dimensions(self):
        """With three dimensions the total is their exact sum."""
        self.sample_check(
            ScoreModel(
                rules=[Rule(id="r", points=0.1, when=cr.compare("company", "exists"))],
                signals=[
                    Signal(id="a", activities=["website_visit"], points=0.3),
                    Signal(
                        id="b", activities=["page_view"], points=2, dimension="intent"
                    ),
                ],
                dimensions=[
                    Dimension(id="fit"),
                    Dimension(id="engagement"),
                    Dimension(id="intent", max=None),
                ],
            )
        )

    def test_one_dimension(self):
        """With one dimension the total is that dimension."""
        self.sample_check(
            ScoreModel(
                signals=[
                    Signal(
                        id="a", activities=["website_visit"], points=3, dimension="fit"
                    )
                ],
                dimensions=[Dimension(id="fit", max=20)],
                levels=Levels(dimension="fit"),
            )
        )

    def test_a_dimension_with_nothing_in_it(self):
        """A dimension no rule or signal counts in scores 0."""
        model = ScoreModel(
            rules=[Rule(id="r", points=5, when=cr.compare("company", "exists"))]
        )
        self.sample_check(model)
        assert model.score(SAMPLES[0], at=T1).engagement == 0.0

    def test_an_overflowing_total_raises_as_before(self):
        """Sums past the largest float raise OverflowError, as fsum always did."""
        model = ScoreModel(
            rules=[
                Rule(id="a", points=1.5e308, when=cr.compare("company", "missing")),
                Rule(
                    id="b",
                    points=1.5e308,
                    when=cr.compare("company", "missing"),
                    dimension="engagement",
                ),
            ],
            dimensions=[
                Dimension(id="fit", max=None),
                Dimension(id="engagement", max=None),
            ],
            max_total=None,
        )
        lead = pl.Lead(id="L", created_at=T0)
        with pytest.raises(OverflowError):
            model.score(lead, at=T1)
        with pytest.raises(OverflowError):
            reference(model, lead, T1)

    @pytest.mark.parametrize("mostly", [1, -1])
    def test_caps_on_either_side(self, mostly):
        """Dimensions heavy on either side are capped exactly as the reference."""
        rules = [
            Rule(id=f"r{k}", points=mostly * 15, when=c)
            for k, c in enumerate(
                [
                    cr.compare("company", "exists"),
                    cr.compare("person", "exists"),
                    cr.has_activity("website_visit"),
                ]
            )
        ]
        rules.append(Rule(id="odd", points=-mostly * 7.5, when=cr.has_tag("vip")))
        signals = [
            Signal(id="v", activities=["website_visit"], points=mostly * 4, group="g"),
            Signal(id="p", activities=["page_view"], points=mostly * 3, group="g"),
            Signal(id="o", activities=["email_open"], points=-mostly * 1),
        ]
        for limits in ({"max": 20, "min": -20}, {"max": 20}, {"min": -20}, {}):
            model = ScoreModel(
                rules=rules,
                signals=signals,
                groups=[Group(id="g", max=6, min=-6)],
                dimensions=[
                    Dimension(id="fit", **limits),
                    Dimension(id="engagement", **limits),
                ],
                max_total=25,
                min_total=-25,
            )
            self.sample_check(model)

    def test_the_total_is_checked_when_dimensions_do_not_bound_it(self):
        """Uncapped dimensions under a capped total are capped by the total."""
        model = ScoreModel(
            signals=[
                Signal(id="v", activities=["website_visit"], points=9),
                Signal(id="u", activities=["unsubscribe"], points=-30, dimension="fit"),
            ],
            dimensions=[
                Dimension(id="fit", max=None, min=None),
                Dimension(id="engagement", max=None),
            ],
            max_total=10,
            min_total=-10,
        )
        self.sample_check(model)
        assert any(model.score(x, at=T1).total == 10 for x in SAMPLES)

    @pytest.mark.slow
    def test_long_sums_and_counts_compile(self):
        """Hundreds of rules and signals in a dimension compile and score exactly."""
        rules = [
            Rule(id=f"r{k}", points=(k % 5) - 1.5, when=cr.has_tag(t))
            for k, t in enumerate(ps._TAGS * 30)
        ]
        signals = [
            Signal(id=f"s{k}", activities=[a], points=0.3, max_count=2)
            for k, a in enumerate(list(pl.Activity) * 3)
        ]
        many = cr.at_least(2, *[cr.has_tag(t) for t in ps._TAGS * 10])
        model = ScoreModel(
            rules=[*rules, Rule(id="many", points=1, when=many)],
            signals=signals,
            dimensions=[Dimension(id="fit", max=5), Dimension(id="engagement", max=3)],
        )
        self.sample_check(model)
        assert_agrees(many)

    def test_scoring_as_of_an_earlier_time(self):
        """Interactions after the time of scoring are left out, as the reference."""
        model = ScoreModel(
            signals=[
                Signal(id="v", activities=["website_visit"], points=2, max_count=4)
            ]
        )
        for lead in SAMPLES[:80]:
            for at in (lead.created_at, lead.created_at + 10 * DAY, T1 - 90 * DAY):
                assert_like_reference(model, lead, at)


class TestScore:
    def test_scores_equal_those_built_by_init(self):
        """A compiled score equals, hashes and prints as one made by Score()."""
        model = ScoreModel(
            rules=[Rule(id="r", points=5, when=cr.compare("company", "exists"))]
        )
        score = model.score(SAMPLES[0], at=T1)
        fields = {
            f.alias: getattr(score, f.name) for f in attrs.fields(Score) if f.init
        }
        again = Score(**fields)
        assert again == score
        assert hash(again) == hash(score)
        assert repr(again) == repr(score)
        assert [c.id for c in score.contributions] == ["r"]
        assert again.contributions == ()

    def test_the_fast_path_makes_what_init_makes(self):
        """Score._made sets every field, as Score() does, plus what explains it."""

        class Explainer:
            def contributions(self, raw):
                return raw

        dimensions = FrozenMap({"fit": 5.0, "engagement": 0.0})
        made = Score._made(
            "L", "m", T1, 5.0, dimensions, "D", 3, "fit", "engagement", Explainer(), ()
        )
        built = Score(
            lead_id="L",
            model="m",
            at=T1,
            total=5.0,
            dimensions=dimensions,
            grade="D",
            level=3,
            grade_dimension="fit",
            level_dimension="engagement",
        )
        assert made == built
        assert (hash(made), repr(made)) == (hash(built), repr(built))
        assert vars(made).keys() == vars(built).keys()
        assert {f.name for f in attrs.fields(Score)} == vars(made).keys()
        assert made.contributions == built.contributions == ()

    def test_score_can_be_built_without_init(self):
        """Only the dimensions convert, and no hook runs: _made skips neither."""
        assert not hasattr(Score, "__attrs_post_init__")
        for field in attrs.fields(Score):
            assert field.validator is None
            assert (field.converter is None) == (field.name != "dimensions")
            assert field.on_setattr is None

    def test_contributions_are_built_when_asked_for(self):
        """Scoring calls a criterion once; explaining, a second time."""
        calls = []

        def tagged(lead, at):
            calls.append(lead.id)
            return True

        model = one_rule(cr.Custom(name="tagged", function=tagged))
        score = model.score(pl.Lead(id="L", created_at=T0), at=T1)
        assert calls == ["L"]
        assert [c.reason for c in score.contributions] == ["tagged holds"]
        assert calls == ["L", "L"]

    @given(st.floats(-100, 100, allow_nan=False))
    def test_grade_and_level_are_those_of_the_model(self, value):
        """The inline grade and level equal Grades.grade and Levels.level."""
        model = ScoreModel(
            rules=[Rule(id="r", points=value, when=cr.compare("company", "missing"))],
            signals=[
                Signal(id="s", activities=["call"], points=value, dimension="fit")
            ],
            dimensions=[Dimension(id="fit", max=None, min=None)],
            max_total=None,
            levels=Levels(dimension="fit"),
        )
        lead = pl.Lead(
            id="L", created_at=T0, interactions=[pl.Interaction(activity="call", at=T0)]
        )
        score = model.score(lead, at=T0)
        assert score.grade == model.grades.grade(score.fit)
        assert score.level == model.levels.level(score.fit)

    def test_exact_rule_points(self):
        """Plain sums are used only where they are exact."""
        assert _codegen._is_exact([10.0, -2.5, 0.125])
        assert not _codegen._is_exact([0.1])
        assert not _codegen._is_exact([2.0**60])


class TestGeneratedSource:
    def test_a_traceback_shows_the_generated_line(self):
        """An error raised under the generated function shows its source line."""

        def explode(lead, at):
            msg = "no scoring today"
            raise RuntimeError(msg)

        registry = CriterionRegistry()
        registry.register("explode", explode)
        model = ScoreModel(
            name="boom", rules=[Rule(id="r", points=1, when=registry.get("explode"))]
        )
        with pytest.raises(RuntimeError) as excinfo:
            model.score(SAMPLES[0], at=T1)
        frames = [
            f
            for f in traceback.extract_tb(excinfo.value.__traceback__)
            if f.filename.startswith("<prospectlib score model 'boom'")
        ]
        assert [f.name for f in frames] == ["score"]
        assert frames[0].line
        assert frames[0].line in model._plan.source.splitlines()[frames[0].lineno - 1]
        assert "(lead, at=at)" in frames[0].line

    def test_each_model_has_its_own_file_name(self):
        """Two models, even of one name, never share a linecache entry."""
        a, b = ScoreModel(), ScoreModel()
        names = {m._plan.score.__code__.co_filename for m in (a, b)}
        assert len(names) == 2
        for name in names:
            assert linecache.getlines(name)

    def test_the_entry_goes_with_the_model(self):
        """A model's linecache entry is dropped when its function is collected."""
        model = ScoreModel()
        name = model._plan.score.__code__.co_filename
        assert name in linecache.cache
        del model
        gc.collect()
        assert name not in linecache.cache
