import datetime as dt

import attrs
import pytest

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline
from prospectlib.scoring import LabelIs
from prospectlib.scoring import default_model
from prospectlib.serialize import from_dict
from prospectlib.serialize import to_dict
from prospectlib.workflow import PolicyRule
from prospectlib.workflow import QualificationPolicy
from prospectlib.workflow import advance
from prospectlib.workflow import advance_many
from prospectlib.workflow import default_b2c_policy
from prospectlib.workflow import default_policy
from prospectlib.workflow import prioritize
from prospectlib.workflow import settle
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ACME = pl.Company(
    name="Acme", industry="logistics", employees=240, annual_revenue=5_000_000
)
BUYER = pl.Person(email="ops@acme.example", role="decision_maker")


def act(activity, days_after=0.0):
    return pl.Interaction(activity=activity, at=T0 + days_after * DAY)


def lead(*interactions, **fields):
    fields.setdefault("id", "L-1")
    return pl.Lead(created_at=T0, interactions=interactions, **fields)


def met(*criteria):
    return [pl.Evidence(criterion=c, verdict="met", at=T0) for c in criteria]


def at_stage(value, stage, when=T0):
    """*value* moved to *stage* at *when* (a history of one change)."""
    change = pl.StageChange(event="import", source=value.stage, target=stage, at=when)
    return value.with_stage_change(change)


class TestDefaultB2bPolicy:
    def test_webinar_attendee_with_fitting_company_becomes_mql(self):
        """A fitting company's decision maker who researches is suggested for MQL."""
        researcher = lead(
            act("webinar_attendance"),
            act("case_study_download"),
            act("demo_request"),
            company=ACME,
            person=BUYER,
        )
        step = advance(researcher, b2b_pipeline(), default_policy(), at=T0)
        assert step.moved
        assert step.event == "qualify_marketing"
        assert step.lead.stage == "marketing_qualified"
        assert step.lead.history[-1].reason == step.suggestion.reason
        assert step.suggestion.rule == "fit_and_engaged"
        assert step.suggestion.score.tier in {"A1", "A2", "B1", "B2"}

    def test_walk_in_purchase_makes_a_customer(self):
        """A purchase is suggested first: any open lead becomes a customer."""
        buyer = lead(purchases=[pl.Purchase(at=T0, amount="20", currency="EUR")])
        step = advance(buyer, b2b_pipeline(), default_policy(), at=T0)
        assert (step.event, step.lead.stage) == ("purchase", "customer")

    def test_bant_passed_suggests_sql(self):
        """A sales-accepted lead whose BANT passed is suggested for SQL."""
        accepted = at_stage(
            lead(
                company=ACME,
                person=BUYER,
                evidence=met("budget", "need", "timing", "authority"),
            ),
            "sales_accepted",
        )
        suggestion = default_policy().suggest(accepted, at=T0)
        assert (suggestion.event, suggestion.target) == (
            "qualify_sales",
            "sales_qualified",
        )

    def test_no_budget_cannot_become_sql(self):
        """A lead known to have no budget is never suggested for SQL."""
        evidence = [
            *met("authority", "need", "timing"),
            pl.Evidence(criterion="budget", verdict="unmet", at=T0),
        ]
        accepted = at_stage(lead(company=ACME, evidence=evidence), "sales_accepted")
        suggestion = default_policy().suggest(accepted, at=T0)
        assert suggestion.event != "qualify_sales"

    def test_poor_fit_is_disqualified(self):
        """A competitor with negative fit is suggested for disqualification."""
        spy = lead(tags={"competitor"}, company=pl.Company(name="Rival"))
        step = advance(spy, b2b_pipeline(), default_policy(), at=T0)
        assert step.lead.stage == "disqualified"
        assert "fit grade D" in step.lead.history[-1].reason

    def test_quiet_mql_is_nurtured_only_with_email_consent(self):
        """Nurturing e-mails need consent: without it, nothing is suggested."""
        quiet = at_stage(
            lead(act("webinar_attendance"), company=ACME), "marketing_qualified"
        )
        later = T0 + 120 * DAY
        suggestion = default_policy().suggest(quiet, at=later)
        assert suggestion.event is None
        consenting = quiet.with_consent(pl.Consent(channel="email", status="granted"))
        suggestion = default_policy().suggest(consenting, at=later)
        assert suggestion.event == "nurture"
        step = advance(consenting, b2b_pipeline(), default_policy(), at=later)
        assert (
            step.lead.history[-1].reason == "no activity for 90 days: nurture by e-mail"
        )

    def test_acceptance_needs_a_person(self):
        """Accepting an MQL needs a sales rep: a policy rule for it is passed over."""
        policy = QualificationPolicy(
            name="eager",
            pipeline="b2b",
            rules=[PolicyRule(id="accept_all", event="accept", reason="always")],
        )
        mql = at_stage(lead(), "marketing_qualified")
        suggestion = policy.suggest(mql, at=T0)
        assert suggestion.event is None
        assert suggestion.passed_over == (
            "accept_all: 'accept' needs a person (an actor)",
        )

    def test_never_moves_backwards(self):
        """A rule whose event goes back on the success path is passed over."""
        stages = (
            pl.lifecycle.Stage(id="new", order=0, initial=True),
            pl.lifecycle.Stage(id="hot", order=1),
            pl.lifecycle.Stage(id="won", order=2, kind="won", terminal=True),
        )
        transitions = (
            pl.lifecycle.Transition(event="heat", sources="new", target="hot"),
            pl.lifecycle.Transition(event="cool", sources="hot", target="new"),
            pl.lifecycle.Transition(event="win", sources="hot", target="won"),
        )
        pipeline = pl.lifecycle.Pipeline(
            id="tiny", stages=stages, transitions=transitions
        )
        policy = QualificationPolicy(
            name="p",
            pipeline="tiny",
            rules=[PolicyRule(id="back", event="cool", reason="cool off")],
        )
        hot = at_stage(pl.Lead(id="L", created_at=T0, stage="new"), "hot")
        suggestion = policy.suggest(hot, at=T0, pipeline=pipeline)
        assert suggestion.passed_over == ("back: 'cool' would move the lead backwards",)

    def test_restricted_reasons_are_respected(self):
        """An event that takes only listed reasons is suggested only with one."""
        lose = [PolicyRule(id="lose", event="lose", reason="silent for long")]
        sal = at_stage(lead(), "sales_accepted")
        policy = QualificationPolicy(name="p", pipeline="b2b", rules=lose)
        assert (
            policy.suggest(sal, at=T0)
            .passed_over[0]
            .startswith("lose: 'lose' needs a reason among ")
        )
        fixed = QualificationPolicy(
            name="p",
            pipeline="b2b",
            rules=[
                PolicyRule(
                    id="lose",
                    event="lose",
                    reason="silent for long",
                    event_reason="no_response",
                )
            ],
        )
        step = advance(sal, b2b_pipeline(), fixed, at=T0)
        assert (step.lead.stage, step.lead.history[-1].reason) == (
            "lost",
            "no_response",
        )

    def test_guards_are_the_pipelines(self):
        """A rule whose event the pipeline's guard refuses is passed over, with why."""
        policy = QualificationPolicy(
            name="p",
            pipeline="b2b",
            rules=[PolicyRule(id="mql", event="qualify_marketing", reason="go")],
        )
        suggestion = policy.suggest(lead(), at=T0)
        assert suggestion.event is None
        assert suggestion.passed_over[0].startswith("mql: company is unknown; ")


class TestConditions:
    def rule(self, **conditions):
        return PolicyRule(id="r", event="disqualify", reason="test", **conditions)

    def unmet(self, value, **conditions):
        labels = pl.classify(value, at=T0)
        score = default_model().score(value, at=T0, labels=labels)
        return self.rule(**conditions).unmet(value, score, labels, T0)

    def test_each_condition_says_what_failed(self):
        """The first failing condition is named, in words."""
        plain = lead()
        assert self.unmet(plain, stages=["sales_accepted"]) == (
            "stage 'prospect' is not one of sales_accepted"
        )
        assert self.unmet(plain, min_total=10) == "total 0.0 < 10"
        assert self.unmet(plain, max_fit=-5) == "fit 0.0 > -5"
        assert self.unmet(plain, min_engagement=1) == "engagement 0.0 < 1"
        assert self.unmet(plain, tiers=["A1"]) == "tier D3 is not one of A1"
        assert self.unmet(plain, grades=["A", "B"]) == "grade D is not one of A, B"
        assert self.unmet(plain, levels=[1]) == "level 3 is not one of 1"
        assert (
            self.unmet(plain, labels=[LabelIs(classifier="market", labels="b2b")])
            == "not market is b2b"
        )
        assert self.unmet(plain, when=cr.has_tag("vip")) == "not tagged 'vip'"
        assert self.unmet(plain, contact=["email", "phone"]) == (
            "no consent to contact by email or phone"
        )
        assert self.unmet(plain, max_total=10, grades=["D"]) is None

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("tiers", ["E1"]),
            ("grades", ["E"]),
            ("levels", [4]),
            ("levels", ["1"]),
            ("contact", ["pigeon"]),
            ("stages", [""]),
            ("stages", 3),
            ("min_total", "x"),
            ("reason", ""),
            ("when", "vip"),
        ],
    )
    def test_bad_rules_are_refused(self, field, value):
        """Each bad field of a policy rule is named."""
        fields = {"id": "r", "event": "go", "reason": "why", field: value}
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            PolicyRule(**fields)
        assert excinfo.value.problems[0].path == f"PolicyRule.{field}"

    def test_duplicate_rule_ids(self):
        """Rule ids are unique in a policy."""
        rule = PolicyRule(id="r", event="go", reason="why")
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            QualificationPolicy(name="p", pipeline="b2b", rules=[rule, rule])
        assert excinfo.value.problems[0].path == "QualificationPolicy.rules[1]"

    def test_model_must_be_a_score_model(self):
        """A policy's model is a ScoreModel."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            QualificationPolicy(name="p", pipeline="b2b", rules=[], model="default")
        assert excinfo.value.problems[0].path == "QualificationPolicy.model"


class TestPipelines:
    def test_pipeline_must_match_the_policy(self):
        """A policy written for B2B refuses a B2C pipeline."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            default_policy().suggest(lead(), at=T0, pipeline=b2c_pipeline())
        assert str(excinfo.value) == "pipeline: expected the pipeline 'b2b' (got 'b2c')"
        with pytest.raises(pl.InvalidConfigError):
            default_policy().suggest(lead(), at=T0, pipeline="b2b")

    def test_custom_pipeline_must_be_passed(self):
        """Only the built-in pipelines are found by id."""
        policy = QualificationPolicy(name="p", pipeline="deals", rules=[])
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            policy.suggest(lead(), at=T0)
        assert "pass pipeline=" in str(excinfo.value)

    def test_not_a_lead(self):
        """Suggesting for something that is not a lead names the argument."""
        with pytest.raises(pl.InvalidLeadError):
            default_policy().suggest("L-1", at=T0)  # type: ignore[arg-type]

    def test_default_policies_round_trip(self):
        """Both default policies survive to_dict / from_dict exactly."""
        for policy in (default_policy(), default_b2c_policy()):
            data = to_dict(policy)
            assert from_dict(QualificationPolicy, data) == policy


class TestDefaultB2cPolicy:
    def visitor(self, *interactions, **fields):
        return lead(*interactions, stage="visitor", **fields)

    def test_cart_makes_considering(self):
        """A shopper with a cart is suggested to the considering stage."""
        shopper = self.visitor(act("cart_add"))
        step = advance(shopper, b2c_pipeline(), default_b2c_policy(), at=T0)
        assert step.lead.stage == "considering"

    def test_unsubscribe_first(self):
        """An unsubscribe is acted on before anything else."""
        gone = self.visitor(act("cart_add"), act("unsubscribe", 1))
        at = T0 + DAY
        step = advance(gone, b2c_pipeline(), default_b2c_policy(), at=at)
        assert step.lead.stage == "unsubscribed"
        again = advance(step.lead, b2c_pipeline(), default_b2c_policy(), at=at)
        assert not again.moved  # the unsubscribe itself does not reactivate
        back = step.lead.with_interactions(act("cart_add", 2))
        step = advance(back, b2c_pipeline(), default_b2c_policy(), at=at + DAY)
        assert (step.event, step.lead.stage) == ("reactivate", "engaged")

    def test_dead_customer_lapses(self):
        """A customer silent for long enough lapses (temperature dead)."""
        customer = at_stage(
            self.visitor(purchases=[pl.Purchase(at=T0, amount="5", currency="EUR")]),
            "customer",
        )
        step = advance(
            customer, b2c_pipeline(), default_b2c_policy(), at=T0 + 400 * DAY
        )
        assert step.lead.stage == "lapsed"


class TestBulkAndPriority:
    def test_advance_many(self):
        """advance_many advances each lead in order."""
        buyer = lead(purchases=[pl.Purchase(at=T0, amount="20", currency="EUR")])
        steps = advance_many(
            [buyer, lead(id="L-2")], b2b_pipeline(), default_policy(), at=T0
        )
        assert [s.lead.stage for s in steps] == ["customer", "prospect"]
        with pytest.raises(pl.InvalidLeadError):
            advance_many([buyer, None], b2b_pipeline(), default_policy(), at=T0)

    def test_hot_and_overdue_first_sql_before_mql_dead_last(self):
        """The sales order: overdue, hot by stage, warm, cold, dead, closed."""
        demo = act("demo_request")
        overdue = at_stage(lead(id="OVERDUE", company=ACME), "marketing_qualified")
        sql = at_stage(
            lead(demo, id="SQL", company=ACME), "sales_qualified", T0 + 5 * DAY
        )
        mql = at_stage(
            lead(demo, id="MQL", company=ACME), "marketing_qualified", T0 + 5 * DAY
        )
        dead = pl.Lead(id="DEAD", created_at=T0 - 400 * DAY)
        won = at_stage(lead(id="WON"), "customer")
        lost = at_stage(at_stage(lead(id="LOST"), "sales_accepted"), "lost")
        at = T0 + 5 * DAY
        ranking = prioritize(
            [won, dead, mql, lost, sql, overdue], at=at, pipeline=b2b_pipeline()
        )
        assert [p.lead.id for p in ranking] == [
            "OVERDUE",
            "SQL",
            "MQL",
            "DEAD",
            "WON",
            "LOST",
        ]
        assert [p.rank for p in ranking] == [1, 2, 3, 4, 5, 6]
        assert ranking[0].reason.startswith("SLA overdue, ")
        assert ranking[0].sla is pl.lifecycle.SlaState.OVERDUE
        assert ranking[3].reason.startswith("dead: no time on it")
        assert ranking[4].reason.startswith("already won")
        assert ranking[5].reason.startswith("closed (lost)")

    def test_warm_before_cold_and_due_soon_with_hot(self):
        """Within the funnel, warm leads come before cold ones."""
        at = T0 + 20 * DAY
        warm = lead(act("webinar_attendance", 18), id="WARM")
        cold = lead(act("website_visit", 1), id="COLD")
        due = at_stage(
            lead(id="DUE", company=ACME),
            "marketing_qualified",
            at - dt.timedelta(hours=20),
        )
        ranking = prioritize([cold, warm, due], at=at)
        assert [p.lead.id for p in ranking] == ["DUE", "WARM", "COLD"]
        assert ranking[0].reason.startswith("SLA due soon")
        assert [p.temperature for p in ranking][1:] == ["warm", "cold"]

    def test_a_pipeline_per_lead(self):
        """A function can choose each lead's pipeline (B2B and B2C together)."""
        shopper = lead(act("cart_add"), id="C", stage="considering")
        business = lead(act("demo_request"), id="B", company=ACME)

        def choose(value):
            return b2b_pipeline() if value.company else b2c_pipeline()

        ranking = prioritize([shopper, business], at=T0, pipeline=choose)
        assert [p.lead.id for p in ranking] == ["B", "C"]  # hot before warm
        assert [p.reason for p in ranking] == [
            "hot; Prospect; score 55 (A1)",
            "warm; Considering; score 0 (D3)",
        ]
        with pytest.raises(pl.InvalidLeadError):
            prioritize([shopper, 3], at=T0, pipeline=choose)


def chain(*extra: pl.lifecycle.Transition) -> pl.lifecycle.Pipeline:
    """New -> warm -> hot -> won, each move free; a detour 'parked' beside warm."""
    stages = (
        pl.lifecycle.Stage(id="new", order=0, initial=True),
        pl.lifecycle.Stage(id="warm", order=1),
        pl.lifecycle.Stage(id="hot", order=2),
        pl.lifecycle.Stage(id="parked"),
        pl.lifecycle.Stage(id="won", order=3, kind="won", terminal=True),
    )
    transitions = (
        pl.lifecycle.Transition(event="warm_up", sources="new", target="warm"),
        pl.lifecycle.Transition(event="heat", sources="warm", target="hot"),
        pl.lifecycle.Transition(event="win", sources="hot", target="won"),
        pl.lifecycle.Transition(event="park", sources="warm", target="parked"),
        pl.lifecycle.Transition(event="unpark", sources="parked", target="warm"),
        *extra,
    )
    return pl.lifecycle.Pipeline(id="chain", stages=stages, transitions=transitions)


def free(*events: str) -> QualificationPolicy:
    return QualificationPolicy(
        name="free",
        pipeline="chain",
        rules=[PolicyRule(id=e, event=e, reason=f"always {e}") for e in events],
    )


class TestSettle:
    def test_one_moment_can_move_a_lead_several_stages(self):
        """Settle advances until the policy suggests nothing more."""
        lead = pl.Lead(id="L", created_at=T0, stage="new")
        run = settle(lead, chain(), free("warm_up", "heat", "win"), at=T0)
        assert [step.event for step in run.steps] == ["warm_up", "heat", "win"]
        assert run.lead.stage == "won"
        assert run.stopped == "nothing more applies"
        assert [c.reason for c in run.lead.history] == [
            "always warm_up",
            "always heat",
            "always win",
        ]

    def test_the_step_bound_holds(self):
        lead = pl.Lead(id="L", created_at=T0, stage="new")
        run = settle(lead, chain(), free("warm_up", "heat", "win"), at=T0, max_steps=2)
        assert run.lead.stage == "hot"
        assert run.stopped == "max_steps (2) events applied"

    def test_events_that_undo_each_other_cannot_loop(self):
        """Into a detour and out again: it stops before returning to a stage."""
        lead = pl.Lead(id="L", created_at=T0, stage="warm")
        run = settle(lead, chain(), free("park", "unpark"), at=T0)
        assert [step.event for step in run.steps] == ["park"]
        assert run.lead.stage == "parked"
        assert run.stopped == (
            "'unpark' would bring the lead back to 'warm', where it already was at "
            "this time"
        )

    def test_nothing_to_do_returns_the_same_lead(self):
        lead = pl.Lead(id="L", created_at=T0, stage="new")
        run = settle(lead, chain(), free("win"), at=T0)
        assert run.lead is lead
        assert not run.moved

    @pytest.mark.parametrize("bound", [0, -1, 2.5, "3", True])
    def test_max_steps_is_a_whole_number_from_one(self, bound):
        lead = pl.Lead(id="L", created_at=T0, stage="new")
        with pytest.raises(pl.ArgumentTypeError, match=r"^max_steps: expected"):
            settle(lead, chain(), free("win"), at=T0, max_steps=bound)


class TestReuse:
    def test_a_given_score_is_used(self):
        """A score passed in is the one the policy reads (no second scoring)."""
        rule = PolicyRule(id="big", event="disqualify", reason="r", min_total=50)
        policy = QualificationPolicy(name="p", pipeline="b2b", rules=[rule])
        plain = lead()
        assert policy.suggest(plain, at=T0).event is None
        high = attrs.evolve(default_model().score(plain, at=T0), total=60.0)
        suggestion = policy.suggest(plain, at=T0, score=high)
        assert suggestion.event == "disqualify"
        assert suggestion.score is high

    def test_contact_must_name_channels(self):
        """``contact`` takes channel names."""
        with pytest.raises(pl.InvalidConfigError) as excinfo:
            PolicyRule(id="r", event="go", reason="why", contact=5)
        assert excinfo.value.problems[0].path == "PolicyRule.contact"
