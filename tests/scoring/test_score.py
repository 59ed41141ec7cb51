import datetime as dt
import inspect
import pickle

import attrs
import pytest

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.scoring import Contribution
from prospectlib.scoring import Dimension
from prospectlib.scoring import Group
from prospectlib.scoring import LabelIs
from prospectlib.scoring import Rule
from prospectlib.scoring import Score
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal
from prospectlib.scoring import default_model
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def act(activity, days_after=0.0):
    return pl.Interaction(activity=activity, at=T0 + days_after * DAY)


def lead(*interactions, **fields):
    return pl.Lead(id="L-1", created_at=T0, interactions=interactions, **fields)


def signal(id_="s", activity="webinar_attendance", points=10.0, **kw):
    return Signal(id=id_, activities=[activity], points=points, **kw)


class TestArticleLeads:
    def test_ebook_iql_scores_below_researching_mql(self):
        """An IQL who downloaded an e-book engages less than an MQL researching."""
        company = pl.Company(name="Acme", industry="logistics", employees=240)
        person = pl.Person(email="ops@acme.example", role="decision_maker")
        iql = lead(act("content_download"), company=company, person=person)
        mql = lead(
            act("solution_video_view"),
            act("webinar_attendance", 1),
            company=company,
            person=person,
        )
        at = T0 + 2 * DAY
        model = default_model()
        assert model.score(iql, at=at).engagement < model.score(mql, at=at).engagement

    def test_unresolved_price_objection_lowers_and_explains(self):
        """An open price objection takes points away and says so."""
        base = lead(act("demo_request"))
        objecting = base.with_objections(pl.Objection(kind="price", raised_at=T0))
        model = default_model()
        before = model.score(base, at=T0)
        after = model.score(objecting, at=T0)
        assert after.total == before.total - 10
        assert "open_price_objection" in after.explain()
        assert "open objection: price" in after.explain()
        assert [c.id for c in after.top().negative] == ["open_price_objection"]

    def test_resolved_objection_no_longer_counts(self):
        """Once resolved, the objection is not held against the lead."""
        resolved = lead(
            act("demo_request"),
            objections=[pl.Objection(kind="price", raised_at=T0, resolved_at=T0 + DAY)],
        )
        model = default_model()
        assert model.score(resolved, at=T0).fit == -10
        assert model.score(resolved, at=T0 + 2 * DAY).fit == 0

    def test_competitor_is_graded_d(self):
        """A competitor's employee falls to grade D, however engaged."""
        spy = lead(act("demo_request"), act("quote_request"), tags={"competitor"})
        score = default_model().score(spy, at=T0)
        assert score.grade == "D"
        assert score.fit == -30

    def test_a_fitting_decision_maker_grades_high(self):
        """A decision maker at a mid-size company with need and budget is grade A."""
        buyer = lead(
            person=pl.Person(role="decision_maker"),
            company=pl.Company(name="Acme", employees=240, annual_revenue=5_000_000),
            evidence=[
                pl.Evidence(criterion="need", verdict="met", at=T0),
                pl.Evidence(criterion="budget", verdict="met", at=T0),
            ],
        )
        score = default_model().score(buyer, at=T0)
        assert score.grade == "A"
        ids = {c.id for c in score.contributions}
        assert {"strong_profile_fit", "b2b", "decision_maker", "need_met"} <= ids


class TestDecay:
    def test_halves_at_the_half_life(self):
        """A signal one half-life old counts half, two half-lives a quarter."""
        model = ScoreModel(signals=[signal(half_life=30 * DAY)])
        old = lead(act("webinar_attendance"))
        assert model.score(old, at=T0).engagement == 10
        assert model.score(old, at=T0 + 30 * DAY).engagement == 5
        assert model.score(old, at=T0 + 60 * DAY).engagement == 2.5

    def test_each_signal_has_its_own_half_life(self):
        """Two signals fade at their own pace (not one percentage for a group)."""
        model = ScoreModel(
            signals=[
                signal("fast", "pricing_page_view", half_life=7 * DAY),
                signal("slow", "webinar_attendance", half_life=70 * DAY),
            ]
        )
        both = lead(act("pricing_page_view"), act("webinar_attendance"))
        by_id = {
            c.id: c.points for c in model.score(both, at=T0 + 7 * DAY).contributions
        }
        assert by_id["fast"] == 5
        assert by_id["slow"] == pytest.approx(10 * 0.5**0.1)

    def test_no_half_life_means_no_decay(self):
        """Without a half-life a signal keeps its points forever."""
        model = ScoreModel(signals=[signal("unsub", "unsubscribe", points=-20)])
        gone = lead(act("unsubscribe"))
        assert model.score(gone, at=T0 + 3650 * DAY).engagement == -20

    def test_window_and_count_cap(self):
        """``within`` drops old interactions; ``max_count`` keeps the newest ones."""
        model = ScoreModel(
            signals=[
                signal(within=10 * DAY),
                signal(
                    "capped",
                    "email_open",
                    points=1,
                    max_count=2,
                    half_life=DAY,
                    description="newsletter reads",
                ),
            ]
        )
        busy = lead(
            act("webinar_attendance", 0),
            act("webinar_attendance", 5),
            act("email_open", 0),
            act("email_open", 1),
            act("email_open", 2),
        )
        score = model.score(busy, at=T0 + 12 * DAY)
        by_id = {c.id: c for c in score.contributions}
        assert by_id["s"].count == 1
        assert by_id["s"].points == 10
        assert by_id["capped"].count == 2
        # the two newest opens, 10 and 11 days old
        assert by_id["capped"].decayed == pytest.approx(0.5**10 + 0.5**11)
        assert by_id["capped"].reason == (
            "newsletter reads: 2 email_open, 1 each, half-life 1 day, at most 2"
        )
        assert by_id["s"].reason == "1 webinar_attendance, 10 each, last 10 days"

    def test_later_records_are_ignored(self):
        """Interactions after ``at`` do not count: a past score never changes."""
        model = default_model()
        later = lead(act("demo_request", 5))
        assert model.score(later, at=T0).total == 0
        assert model.score(later, at=T0 + 5 * DAY).total == 20


class TestCaps:
    def test_group_cap_scales_its_members(self):
        """A capped group is scaled to its cap; its members keep their shares."""
        model = ScoreModel(
            signals=[
                signal("visit", "website_visit", points=4, group="web"),
                signal("view", "page_view", points=2, group="web"),
            ],
            groups=[Group(id="web", max=3)],
        )
        visitor = lead(act("website_visit"), act("page_view"))
        score = model.score(visitor, at=T0)
        assert score.engagement == pytest.approx(3)
        by_id = {c.id: c for c in score.contributions}
        assert by_id["visit"].points == pytest.approx(2)
        assert by_id["view"].points == pytest.approx(1)
        assert by_id["visit"].capped
        assert "capped from +4.0" in by_id["visit"].describe()

    def test_negative_floor(self):
        """A group's min scales its negative members up to the floor."""
        model = ScoreModel(
            rules=[
                Rule(id="a", points=-8, when=cr.has_tag("x"), group="bad"),
                Rule(id="b", points=-2, when=cr.has_tag("x"), group="bad"),
                Rule(id="c", points=3, when=cr.has_tag("x"), group="bad"),
            ],
            groups=[Group(id="bad", min=-5)],
        )
        score = model.score(lead(tags={"x"}), at=T0)
        assert score.fit == pytest.approx(-5)
        by_id = {c.id: c.points for c in score.contributions}
        assert by_id["c"] == 3
        assert by_id["a"] == pytest.approx(-6.4)

    def test_dimension_and_total_limits(self):
        """Dimensions stop at their limit, and the total at its own."""
        model = ScoreModel(
            rules=[Rule(id="big", points=80, when=cr.has_tag("x"))],
            signals=[signal(points=90)],
            dimensions=[Dimension(id="fit", max=60), Dimension(id="engagement")],
            max_total=100,
        )
        score = model.score(lead(act("webinar_attendance"), tags={"x"}), at=T0)
        assert score.total == pytest.approx(100)
        assert score.fit == pytest.approx(100 * 60 / 150)
        assert score.engagement == pytest.approx(100 * 90 / 150)
        assert sum(c.points for c in score.contributions) == pytest.approx(100)

    def test_min_total(self):
        """A floor on the total lifts the negative contributions to it."""
        model = ScoreModel(
            rules=[Rule(id="bad", points=-80, when=cr.has_tag("x"))],
            dimensions=[
                Dimension(id="fit", max=None, min=None),
                Dimension(id="engagement"),
            ],
            min_total=-50,
        )
        assert model.score(lead(tags={"x"}), at=T0).total == pytest.approx(-50)

    def test_no_limits_at_all(self):
        """With every limit off, points simply add up."""
        model = ScoreModel(
            rules=[Rule(id="big", points=500, when=cr.has_tag("x"))],
            dimensions=[Dimension(id="fit", max=None), Dimension(id="engagement")],
            max_total=None,
        )
        assert model.score(lead(tags={"x"}), at=T0).total == 500


class TestLabels:
    def test_labels_are_computed_when_missing(self):
        """The classifiers a model needs run when no labels are given."""
        model = ScoreModel(
            rules=[
                Rule(
                    id="b2b", points=5, label=LabelIs(classifier="market", labels="b2b")
                )
            ]
        )
        business = lead(company=pl.Company(name="Acme"))
        score = model.score(business, at=T0)
        assert score.fit == 5
        assert score.contributions[0].reason.startswith("market is b2b (")

    def test_given_labels_are_used(self):
        """Labels passed in are used as they are, not computed again."""
        model = ScoreModel(
            rules=[
                Rule(
                    id="b2b", points=5, label=LabelIs(classifier="market", labels="b2b")
                )
            ]
        )
        consumer = lead()
        fake = Classification(
            classifier="market",
            label=pl.classifiers.MarketLabel.B2B,
            confidence=0.5,
        )
        assert model.score(consumer, at=T0).fit == 0
        assert model.score(consumer, at=T0, labels={"market": fake}).fit == 5

    def test_a_missing_classifier_is_an_error(self):
        """A label test naming a classifier the registry lacks says so."""
        model = ScoreModel(
            rules=[
                Rule(id="r", points=5, label=LabelIs(classifier="churn", labels="high"))
            ]
        )
        with pytest.raises(pl.UnknownClassifierError):
            model.score(lead(), at=T0, registry=ClassifierRegistry())

    def test_rule_description_is_its_reason(self):
        """A rule's description, when given, is the reason it shows."""
        model = ScoreModel(
            rules=[
                Rule(
                    id="vip",
                    points=5,
                    when=cr.has_tag("vip"),
                    description="a VIP account",
                )
            ]
        )
        assert model.score(lead(tags={"vip"}), at=T0).contributions[0].reason == (
            "a VIP account"
        )


class TestScoreValue:
    def test_contributions_only_for_what_counted(self):
        """Rules that failed and signals with no interaction are not listed."""
        score = default_model().score(lead(act("webinar_attendance")), at=T0)
        assert [c.id for c in score.contributions] == ["webinar_attendance"]
        contribution = score.contributions[0]
        assert contribution.kind is pl.scoring.ContributionKind.SIGNAL
        assert contribution.count == 1
        assert contribution.decay == 0

    def test_a_zero_point_rule_that_held_is_listed(self):
        """A rule that held counts even when it is worth no points."""
        model = ScoreModel(rules=[Rule(id="seen", points=0, when=cr.has_tag("x"))])
        score = model.score(lead(tags={"x"}), at=T0)
        assert [c.id for c in score.contributions] == ["seen"]

    def test_explain_lists_strongest_first(self):
        """The breakdown shows the headline, the dimensions and each factor."""
        busy = lead(act("email_open"), act("demo_request"))
        text = default_model().score(busy, at=T0).explain()
        lines = text.splitlines()
        assert lines[0].startswith("L-1: 20.5 points by model 'default'")
        assert lines[1] == "  fit 0.0 (grade D), engagement 20.5 (level 1)"
        assert lines[2].startswith("  +20.0 demo_request")
        assert lines[3].startswith("  +0.5 email_open")

    def test_explain_with_nothing(self):
        """A lead with nothing to count says so."""
        assert (
            default_model().score(lead(), at=T0).explain().endswith("nothing counted")
        )

    def test_explain_when_one_dimension_is_graded_and_levelled(self):
        """A model whose grade and level read the same dimension notes both."""
        model = ScoreModel(
            dimensions=[Dimension(id="points")],
            grades=pl.scoring.Grades(dimension="points"),
            levels=pl.scoring.Levels(dimension="points"),
        )
        text = model.score(lead(), at=T0).explain()
        assert "points 0.0 (grade D) (level 3)" in text
        assert model.score(lead(), at=T0).fit == 0

    def test_top_splits_positive_and_negative(self):
        """top(n) gives at most n of each side, strongest first."""
        busy = lead(
            act("demo_request"),
            act("webinar_attendance"),
            act("email_click"),
            tags={"competitor"},
            objections=[pl.Objection(kind="price", raised_at=T0)],
        )
        top = default_model().score(busy, at=T0).top(2)
        assert [c.id for c in top.positive] == ["demo_request", "webinar_attendance"]
        assert [c.id for c in top.negative] == ["competitor", "open_price_objection"]
        assert top.describe() == (
            "+20 demo_request, +10 webinar_attendance, -30 competitor, "
            "-10 open_price_objection"
        )

    def test_scores_compare_by_value(self):
        """Two scores of the same lead at the same time are equal."""
        model = default_model()
        one = lead(act("demo_request"))
        assert model.score(one, at=T0) == model.score(one, at=T0)

    def test_contribution_describe(self):
        """A contribution's line shows decay-free points and no cap note."""
        c = Contribution(
            kind="rule",
            id="x",
            dimension="fit",
            group=None,
            count=1,
            raw=5.0,
            decayed=5.0,
            points=5.0,
            reason="why",
        )
        assert c.describe() == "+5.0 x (fit): why"


class TestBadInput:
    def test_not_a_lead(self):
        """Scoring something that is not a Lead names the argument."""
        with pytest.raises(pl.InvalidLeadError) as excinfo:
            default_model().score({"id": "L"}, at=T0)  # type: ignore[arg-type]
        assert excinfo.value.problems[0].path == "lead"

    def test_naive_time(self):
        """A naive ``at`` is refused."""
        with pytest.raises(pl.ValidationError) as excinfo:
            default_model().score(lead(), at=dt.datetime(2026, 3, 2))  # noqa: DTZ001
        assert excinfo.value.problems[0].path == "at"

    def test_score_many_keeps_order(self):
        """score_many scores each lead in order."""
        leads = [lead(), lead(act("demo_request"))]
        assert [s.total for s in default_model().score_many(leads, at=T0)] == [0, 20]


class TestScoreObject:
    def _score(self):
        """A score of the default model, nothing read from it yet."""
        price = pl.Objection(kind="price", raised_at=T0)
        return default_model().score(
            lead(act("demo_request"), objections=[price]), at=T0
        )

    @pytest.mark.parametrize(
        "first",
        [
            lambda s: s.dimensions,
            lambda s: s.fit,
            lambda s: s.engagement,
            lambda s: s.contributions,
            repr,
            hash,
            attrs.evolve,
            lambda s: pickle.loads(pickle.dumps(s)),  # noqa: S301  # our own bytes
        ],
    )
    def test_any_first_read_leaves_it_as_made_by_score(self, first):
        """Whatever is read first, the score then reads as one built by Score()."""
        score = self._score()
        first(score)
        fields = {
            f.alias: getattr(score, f.name) for f in attrs.fields(Score) if f.init
        }
        again = Score(**fields)
        assert (score, repr(score), hash(score)) == (again, repr(again), hash(again))
        assert score.dimensions == {"fit": -10.0, "engagement": 20.0}
        assert (score.fit, score.engagement, score.tier) == (-10.0, 20.0, "D1")
        assert [c.id for c in score.contributions] == [
            "open_price_objection",
            "demo_request",
        ]

    def test_the_constructor_takes_the_public_fields_only(self):
        """Score() takes what a user reads, nothing of the engine's."""
        names = set(inspect.signature(Score).parameters)
        assert names == {
            "lead_id",
            "model",
            "at",
            "total",
            "dimensions",
            "grade",
            "level",
            "grade_dimension",
            "level_dimension",
        }
        # No descriptor stands in for a field: they are ordinary attributes.
        assert not any(
            hasattr(vars(Score).get(f.name), "__get__") for f in attrs.fields(Score)
        )

    def test_a_score_made_by_hand(self):
        """A score built from its fields has no contributions; the rest reads."""
        score = Score(
            lead_id="L-1",
            model="mine",
            at=T0,
            total=30.0,
            dimensions={"fit": 10.0, "intent": 20.0},
            grade="C",
            level=2,
            level_dimension="intent",
        )
        assert isinstance(score.dimensions, pl.FrozenMap)
        assert (score.fit, score.engagement, score.tier) == (10.0, 20.0, "C2")
        assert score.contributions == ()
        assert score.top().describe() == "no factors"
        assert score.explain().splitlines()[1:] == [
            "  fit 10.0 (grade C), intent 20.0 (level 2)",
            "  nothing counted",
        ]

    def test_a_pickled_score_still_explains(self):
        """Unpickled before its contributions were read, a score still lists them."""
        score = self._score()
        again = pickle.loads(pickle.dumps(score))  # noqa: S301  # our own bytes
        assert again == score
        assert again.contributions == score.contributions


class TestExplanationOrder:
    """Contributions are listed largest first; ties keep the model's order."""

    MODEL = ScoreModel(
        rules=[
            Rule(id="zeta", points=10, when=cr.has_tag("a")),
            Rule(id="alpha", points=10, when=cr.has_tag("a")),
            Rule(id="big", points=30, when=cr.has_tag("a")),
            Rule(id="omega_minus", points=-10, when=cr.has_tag("a")),
            Rule(id="beta_minus", points=-10, when=cr.has_tag("a")),
            Rule(id="huge_minus", points=-20, when=cr.has_tag("a")),
        ],
    )
    LEAD = pl.Lead(id="L", created_at=T0, tags=["a"])

    def test_explain_lists_by_size_then_model_order(self):
        """Equal points keep the order the model lists its rules in."""
        lines = self.MODEL.score(self.LEAD, at=T0).explain().splitlines()[2:]
        ids = [line.split()[1] for line in lines]
        assert ids == [
            "big",
            "huge_minus",
            "zeta",
            "alpha",
            "omega_minus",
            "beta_minus",
        ]

    def test_top_factors_keep_model_order_on_ties(self):
        """The top factors rank the same way, each side on its own."""
        top = self.MODEL.score(self.LEAD, at=T0).top(2)
        assert [c.id for c in top.positive] == ["big", "zeta"]
        assert [c.id for c in top.negative] == ["huge_minus", "omega_minus"]


class TestAnswersMadeByHand:
    """Scores and contributions made from fields refuse what cannot be converted."""

    def test_a_contribution_of_an_unknown_kind_is_named(self):
        with pytest.raises(pl.ValidationError) as exc:
            Contribution(
                kind="bonus",
                id="a",
                dimension="fit",
                group=None,
                count=1,
                raw=1.0,
                decayed=1.0,
                points=1.0,
                reason="r",
            )
        assert str(exc.value) == "Contribution.kind: expected one of 'rule', 'signal'"

    def test_dimensions_that_are_no_mapping_are_named(self):
        with pytest.raises(pl.ValidationError) as exc:
            Score(
                lead_id="L",
                model="m",
                at=T0,
                total=0.0,
                dimensions=[("fit", 0.0)],
                grade="D",
                level=3,
            )
        assert str(exc.value) == (
            "Score.dimensions: expected a mapping of dimensions to points "
            "(got a value of type list)"
        )
