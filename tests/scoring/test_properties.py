"""Properties of score models over random models, leads and times."""

import contextlib
import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import strategies as ps
from prospectlib.scoring import Dimension
from prospectlib.scoring import Grades
from prospectlib.scoring import Group
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Levels
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal
from prospectlib.serialize import from_dict
from prospectlib.serialize import from_json
from prospectlib.serialize import to_dict
from prospectlib.serialize import to_json

pytestmark = pytest.mark.slow

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
T1 = dt.datetime(2026, 12, 31, tzinfo=dt.UTC)
EPS = 1e-6

ACTIVITIES = (
    pl.Activity.WEBSITE_VISIT,
    pl.Activity.EMAIL_OPEN,
    pl.Activity.WEBINAR_ATTENDANCE,
    pl.Activity.DEMO_REQUEST,
    pl.Activity.UNSUBSCRIBE,
)
DIMENSIONS = ("fit", "engagement")
GROUPS = ("g1", "g2", "g3")

points = st.floats(-50, 50, allow_nan=False).map(lambda p: round(p, 3))
durations = st.integers(1, 400).map(lambda d: dt.timedelta(days=d))
criteria = st.sampled_from(
    [
        cr.has_tag("vip"),
        cr.has_activity(pl.Activity.DEMO_REQUEST),
        cr.has_evidence("budget"),
        cr.compare("company", "exists"),
        cr.has_open_objection("price"),
        cr.not_(cr.has_purchase()),
    ]
)
label_tests = st.sampled_from(
    [
        LabelIs(classifier="market", labels=("b2b",)),
        LabelIs(classifier="temperature", labels=("hot", "warm")),
    ]
)
caps = st.one_of(st.none(), st.floats(0, 80).map(lambda v: round(v, 2)))
floors = st.one_of(st.none(), st.floats(-80, 0).map(lambda v: round(v, 2)))


@st.composite
def score_models(draw, *, labels=True):
    """Random valid models: rules, signals, capped groups, limits, grades."""
    dimension_of = {g: draw(st.sampled_from(DIMENSIONS)) for g in GROUPS}
    groups = st.one_of(st.none(), st.sampled_from(GROUPS))
    rules = []
    for index in range(draw(st.integers(0, 5))):
        group = draw(groups)
        dimension = dimension_of[group] if group else draw(st.sampled_from(DIMENSIONS))
        use_label = labels and draw(st.booleans())
        rules.append(
            Rule(
                id=f"r{index}",
                points=draw(points),
                dimension=dimension,
                group=group,
                when=None if use_label else draw(criteria),
                label=draw(label_tests) if use_label else None,
            )
        )
    signals = []
    for index in range(draw(st.integers(0, 5))):
        group = draw(groups)
        dimension = dimension_of[group] if group else draw(st.sampled_from(DIMENSIONS))
        signals.append(
            Signal(
                id=f"s{index}",
                activities=draw(
                    st.lists(
                        st.sampled_from(ACTIVITIES), min_size=1, max_size=2, unique=True
                    )
                ),
                points=draw(points),
                dimension=dimension,
                group=group,
                half_life=draw(st.one_of(st.none(), durations)),
                within=draw(st.one_of(st.none(), durations)),
                max_count=draw(st.one_of(st.none(), st.integers(1, 3))),
            )
        )
    high = draw(st.floats(1, 60).map(lambda v: round(v, 1)))
    return ScoreModel(
        name="random",
        rules=rules,
        signals=signals,
        groups=[Group(id=g, max=draw(caps), min=draw(floors)) for g in GROUPS],
        dimensions=[
            Dimension(id=d, max=draw(caps), min=draw(floors)) for d in DIMENSIONS
        ],
        max_total=draw(caps),
        min_total=draw(floors),
        grades=Grades(a=high * 3, b=high * 2, c=high),
        levels=Levels(high=high * 2, medium=high),
    )


leads = ps.leads(since=T0, until=T1, max_interactions=8, max_history=0)
LAST_SCORED = T1 + dt.timedelta(days=400)


@st.composite
def leads_and_times(draw):
    """A lead and a time to score it at, not before its creation.

    Drawn in that order, so no example is spent on a time before the lead's
    creation (as ``assume`` after independent draws did, for a third of them).
    """
    lead = draw(leads)
    return lead, draw(
        ps.aware_datetimes(min_value=lead.created_at, max_value=LAST_SCORED)
    )


def interaction_at(activity, at):
    return pl.Interaction(activity=activity, at=at)


def within(value, low, high):
    return (low is None or value >= low - EPS) and (high is None or value <= high + EPS)


class TestInvariants:
    @given(score_models(), leads_and_times())
    def test_contributions_sum_to_the_total(self, model, case):
        """The points of the contributions add up to the total and dimensions."""
        lead, at = case
        score = model.score(lead, at=at)
        assert sum(c.points for c in score.contributions) == pytest.approx(
            score.total, abs=EPS
        )
        for name, value in score.dimensions.items():
            assert sum(
                c.points for c in score.contributions if c.dimension == name
            ) == pytest.approx(value, abs=EPS)

    @given(score_models(), leads_and_times())
    def test_caps_and_limits_are_never_exceeded(self, model, case):
        """Every group, dimension and the total stay within their limits."""
        lead, at = case
        score = model.score(lead, at=at)
        for group in model.groups:
            net = sum(c.points for c in score.contributions if c.group == group.id)
            assert within(net, group.min, group.max)
        for dimension in model.dimensions:
            assert within(score.dimensions[dimension.id], dimension.min, dimension.max)
        assert within(score.total, model.min_total, model.max_total)

    @given(score_models(), leads_and_times())
    def test_caps_never_flip_a_sign(self, model, case):
        """A cap shrinks a contribution, never turns it around or grows it."""
        lead, at = case
        for c in model.score(lead, at=at).contributions:
            assert c.points * c.decayed >= 0
            assert abs(c.points) <= abs(c.decayed) + EPS
            assert abs(c.decayed) <= abs(c.raw) + EPS

    @given(score_models(), leads_and_times())
    def test_grade_level_and_tier(self, model, case):
        """Grade and level follow the thresholds; the tier is both together."""
        lead, at = case
        score = model.score(lead, at=at)
        assert score.grade == model.grades.grade(score.fit)
        assert score.level == model.levels.level(score.engagement)
        assert score.tier == f"{score.grade}{score.level}"


def positive_signal(activity):
    return Signal(id="extra", activities=[activity], points=7.5)


class TestMonotonicity:
    @given(
        score_models(),
        leads_and_times(),
        st.sampled_from(ACTIVITIES),
        st.floats(0.5, 40),
    )
    def test_a_positive_signal_never_lowers_the_score(
        self, model, case, activity, extra
    ):
        """Adding a positive signal to a model never lowers a lead's total."""
        lead, at = case
        signal = Signal(id="extra", activities=[activity], points=extra)
        richer = attrs.evolve(model, signals=(*model.signals, signal))
        assert richer.score(lead, at=at).total >= model.score(lead, at=at).total - EPS

    @given(
        score_models(),
        leads_and_times(),
        st.sampled_from(ACTIVITIES),
        st.floats(-40, -0.5),
    )
    def test_a_negative_signal_never_raises_the_score(
        self, model, case, activity, extra
    ):
        """Adding a negative signal to a model never raises a lead's total."""
        lead, at = case
        signal = Signal(id="extra", activities=[activity], points=extra)
        poorer = attrs.evolve(model, signals=(*model.signals, signal))
        assert poorer.score(lead, at=at).total <= model.score(lead, at=at).total + EPS

    @given(score_models(), leads_and_times(), st.sampled_from(ACTIVITIES))
    def test_a_positive_interaction_never_lowers_the_score(self, model, case, activity):
        """One more interaction scored only by positive signals never lowers a score."""
        lead, at = case
        positive = attrs.evolve(
            model,
            rules=(),
            signals=tuple(attrs.evolve(s, points=abs(s.points)) for s in model.signals),
        )
        busier = lead.with_interactions(interaction_at(activity, at))
        assert positive.score(busier, at=at).total >= (
            positive.score(lead, at=at).total - EPS
        )

    @given(score_models(labels=False), leads, st.integers(0, 400))
    def test_decay_is_monotonic_in_time(self, model, lead, days):
        """With no new records, a signal-only positive score only fades with time."""
        positive = attrs.evolve(
            model,
            rules=(),
            signals=tuple(attrs.evolve(s, points=abs(s.points)) for s in model.signals),
        )
        start = max([lead.created_at, *(i.at for i in lead.interactions)])
        later = start + dt.timedelta(days=days)
        assert positive.score(lead, at=later).total <= (
            positive.score(lead, at=start).total + EPS
        )

    @given(durations, points.filter(lambda p: p != 0))
    def test_decay_halves_at_the_half_life(self, half_life, value):
        """One half-life after an interaction its signal counts half."""
        model = ScoreModel(
            signals=[
                Signal(id="s", activities=["call"], points=value, half_life=half_life)
            ],
            dimensions=[Dimension(id="fit"), Dimension(id="engagement", max=None)],
            max_total=None,
        )
        lead = pl.Lead(id="L", created_at=T0, interactions=[interaction_at("call", T0)])
        assert model.score(lead, at=T0 + half_life).engagement == pytest.approx(
            value / 2
        )


class TestRoundTrip:
    @given(score_models())
    def test_any_model_round_trips_exactly(self, model):
        """to_dict / from_dict (and JSON) give back an equal model, dump identical."""
        data = to_dict(model)
        again = from_dict(ScoreModel, data)
        assert again == model
        assert to_dict(again) == data
        assert from_json(ScoreModel, to_json(model)) == model

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=12,
        )
    )
    def test_arbitrary_data_raises_only_prospectlib_errors(self, data):
        """Loading arbitrary JSON-like data as a model fails only with our errors."""
        with contextlib.suppress(pl.ProspectlibError):
            from_dict(ScoreModel, data)
