import datetime as dt
import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import DecisionStage
from prospectlib.classifiers import DecisionStageLabel
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import T0
from tests.helpers import act
from tests.helpers import days
from tests.helpers import lead

SECOND = dt.timedelta(seconds=1)
READY = DecisionStageLabel.READY
HESITANT = DecisionStageLabel.HESITANT
AWARE = DecisionStageLabel.AWARE
STAGE = DecisionStage()


def objection(
    kind: str, at: dt.datetime, resolved: dt.datetime | None = None
) -> pl.Objection:
    return pl.Objection(kind=kind, raised_at=at, resolved_at=resolved)


def timing(verdict: str, at: dt.datetime = T0) -> pl.Evidence:
    return pl.Evidence(criterion="timing", verdict=verdict, at=at)


def visits(n: int, start: dt.datetime = T0) -> list[pl.Interaction]:
    return [act("page_view", start + dt.timedelta(hours=i)) for i in range(n)]


def config_path(exc: pytest.ExceptionInfo[pl.InvalidConfigError]) -> str:
    (problem,) = exc.value.problems
    return problem.path


class TestArticleExample:
    """The shopper who saw a dress for a wedding three months away."""

    WEDDING = T0 + days(90)

    def shopper(self, *records: object, **fields: object) -> pl.Lead:
        return lead(
            source="website",
            person=pl.Person(interests=("fashion",)),
            interactions=[
                pl.Interaction(activity="page_view", at=T0, detail="dress"),
                act("wishlist_add", T0 + days(1)),
                *records,
            ],
            **fields,
        )

    def test_timing_unmet_makes_the_shopper_aware(self):
        """A product view and a wish-list add with timing unmet is AWARE."""
        c = STAGE.classify(
            self.shopper(evidence=[timing("unmet", T0 + days(1))]), at=T0 + days(2)
        )
        assert c.label is AWARE
        assert c.reasons == ("timing is not met: not now",)

    def test_timing_objection_makes_the_shopper_hesitant(self):
        """A timing objection ("the wedding is months away") is HESITANT."""
        c = STAGE.classify(
            self.shopper(objections=[objection("timing", T0 + days(1))]),
            at=T0 + days(2),
        )
        assert c.label is HESITANT

    @pytest.mark.parametrize(
        "extra",
        [
            {"evidence": [timing("unmet", T0 + days(1))]},
            {"objections": [objection("timing", T0 + days(1))]},
        ],
        ids=["timing-unmet", "timing-objection"],
    )
    def test_even_a_cart_add_is_not_ready_while_the_need_is_months_away(self, extra):
        """A cart add does not make the shopper READY while timing holds them back."""
        subject = self.shopper(act("cart_add", T0 + days(1)), **extra)
        c = STAGE.classify(subject, at=T0 + days(2))
        assert c.label in {AWARE, HESITANT}
        assert c.label is not READY


class TestReady:
    @pytest.mark.parametrize(
        ("activity", "reason"),
        [
            ("demo_request", "asked for a demo today"),
            ("quote_request", "asked for a quote today"),
            ("cart_add", "put something in the cart today"),
            ("contact_request", "asked to be contacted today"),
            ("trial_start", "started a trial today"),
        ],
    )
    def test_each_default_buying_signal_makes_a_lead_ready(self, activity, reason):
        """A demo, quote or contact request, a cart add or a trial start is READY."""
        c = STAGE.classify(lead(interactions=[act(activity, T0)]), at=T0)
        assert c.label is READY
        assert c.confidence == 0.9
        assert c.reasons == (reason,)

    def test_a_recent_purchase_is_a_buying_signal(self):
        """A purchase within the window makes a lead READY."""
        subject = lead(purchases=[pl.Purchase(at=T0, amount=5, currency="EUR")])
        c = STAGE.classify(subject, at=T0 + days(1))
        assert c.label is READY
        assert c.reasons == ("bought 1 day ago",)
        assert c.evidence["purchases"] == 1

    def test_timing_met_alone_is_ready_with_middling_confidence(self):
        """Timing evidence that is met is READY at 0.75 (no age to fade)."""
        c = STAGE.classify(lead(evidence=[timing("met")]), at=T0 + days(100))
        assert c.label is READY
        assert c.confidence == 0.75
        assert c.reasons == ("timing is met",)

    def test_a_signal_on_the_window_edge_no_longer_counts(self):
        """A signal exactly ready_window old is outside; a second younger is in."""
        subject = lead(interactions=[act("demo_request", T0)])
        assert STAGE.classify(subject, at=T0 + days(30)).label is AWARE
        inside = STAGE.classify(subject, at=T0 + days(30) - SECOND)
        assert inside.label is READY
        assert inside.confidence == pytest.approx(0.6, abs=1e-4)

    def test_fresher_signals_are_more_certain(self):
        """Confidence falls as the newest signal ages."""
        subject = lead(interactions=[act("demo_request", T0)])
        ages = [0, 5, 15, 29]
        confidences = [
            STAGE.classify(subject, at=T0 + days(a)).confidence for a in ages
        ]
        assert confidences == sorted(confidences, reverse=True)
        assert confidences[0] > confidences[-1]

    def test_agreeing_kinds_of_signal_add_confidence(self):
        """Two kinds of buying signal add 0.1 over one kind."""
        one = lead(interactions=[act("cart_add", T0), act("cart_add", T0)])
        two = lead(interactions=[act("cart_add", T0), act("demo_request", T0)])
        assert STAGE.classify(one, at=T0).confidence == 0.9
        assert STAGE.classify(two, at=T0).confidence == 1.0

    def test_more_than_one_signal_is_counted_in_the_reasons(self):
        """The reasons name the newest signal first, then how many there were."""
        subject = lead(
            interactions=[act("quote_request", T0), act("cart_add", T0 + days(2))],
            evidence=[timing("met")],
        )
        c = STAGE.classify(subject, at=T0 + days(2))
        assert c.reasons == (
            "put something in the cart today",
            "2 buying signals in the last 30 days",
            "timing is met",
        )

    def test_a_newer_purchase_is_named_before_older_interactions(self):
        """The newest signal, here a purchase, comes first in the reasons."""
        subject = lead(
            interactions=[act("quote_request", T0)],
            purchases=[pl.Purchase(at=T0 + days(3), amount=5, currency="EUR")],
        )
        c = STAGE.classify(subject, at=T0 + days(3))
        assert c.reasons[0] == "bought today"
        assert c.evidence["days_since_signal"] == 0.0

    def test_an_older_purchase_does_not_hide_a_newer_interaction(self):
        """A purchase older than the newest interaction signal is not named first."""
        subject = lead(
            interactions=[act("quote_request", T0 + days(3))],
            purchases=[pl.Purchase(at=T0, amount=5, currency="EUR")],
        )
        c = STAGE.classify(subject, at=T0 + days(3))
        assert c.reasons[0] == "asked for a quote today"
        assert c.evidence["purchases"] == 1

    def test_a_non_blocking_objection_lowers_confidence_but_keeps_ready(self):
        """An open shipping-cost objection keeps READY, 0.1 less sure."""
        subject = lead(
            interactions=[act("cart_add", T0)],
            objections=[objection("shipping_cost", T0)],
        )
        c = STAGE.classify(subject, at=T0)
        assert c.label is READY
        assert c.confidence == pytest.approx(0.8)
        assert c.reasons[-1] == "shipping cost objection is open (not blocking)"

    def test_a_custom_activity_is_worded_from_its_value(self):
        """A buying signal outside the defaults is described by its name."""
        stage = DecisionStage(ready_activities=("meeting",))
        c = stage.classify(lead(interactions=[act("meeting", T0)]), at=T0)
        assert c.label is READY
        assert c.reasons[0] == "did meeting today"


class TestHesitant:
    @pytest.mark.parametrize("kind", ["price", "timing", "need", "authority"])
    def test_a_blocking_objection_outweighs_a_buying_signal(self, kind):
        """A cart add with an open price/timing/need/authority objection: HESITANT."""
        subject = lead(
            interactions=[act("cart_add", T0)], objections=[objection(kind, T0)]
        )
        c = STAGE.classify(subject, at=T0)
        assert c.label is HESITANT
        assert c.confidence == 0.7
        assert c.reasons == (
            f"{kind} objection is open",
            "put something in the cart today",
        )

    def test_unmet_timing_outweighs_a_buying_signal(self):
        """A demo request while timing is unmet is HESITANT."""
        subject = lead(
            interactions=[act("demo_request", T0)], evidence=[timing("unmet")]
        )
        c = STAGE.classify(subject, at=T0)
        assert c.label is HESITANT
        assert c.reasons[0] == "timing is not met"

    def test_a_resolved_objection_no_longer_blocks(self):
        """An objection resolved before ``at`` does not hold the lead back."""
        subject = lead(
            interactions=[act("cart_add", T0 + days(2))],
            objections=[objection("price", T0, resolved=T0 + days(1))],
        )
        assert STAGE.classify(subject, at=T0 + days(2)).label is READY
        before = STAGE.classify(subject, at=T0 + days(1) - SECOND)
        assert before.evidence["open_objections"] == 1

    def test_an_open_objection_without_a_signal_is_hesitant(self):
        """Any open objection, even a non-blocking one, is a doubt."""
        c = STAGE.classify(lead(objections=[objection("reviews", T0)]), at=T0)
        assert c.label is HESITANT
        assert c.confidence == 0.7
        assert c.reasons == ("reviews objection is open", "no buying signal yet")

    def test_more_open_objections_are_more_certain_up_to_a_cap(self):
        """Each further open objection adds 0.1, up to 0.9."""
        kinds = ["price", "quality", "reviews", "competitor"]
        confidences = [
            STAGE.classify(
                lead(objections=[objection(k, T0) for k in kinds[:n]]), at=T0
            ).confidence
            for n in range(1, 5)
        ]
        assert confidences == pytest.approx([0.7, 0.8, 0.9, 0.9])

    def test_objections_of_one_kind_are_named_once(self):
        """Two open price objections read as one kind, in the plural."""
        subject = lead(objections=[objection("price", T0), objection("price", T0)])
        assert STAGE.classify(subject, at=T0).reasons[0] == "price objections are open"

    def test_visits_below_the_threshold_are_only_aware(self):
        """Two visits without action stay AWARE (threshold 3)."""
        assert STAGE.classify(lead(interactions=visits(2)), at=T0 + days(1)).label is (
            AWARE
        )

    def test_visits_at_the_threshold_are_hesitant(self):
        """Three visits without action within 30 days are HESITANT."""
        c = STAGE.classify(lead(interactions=visits(3)), at=T0 + days(1))
        assert c.label is HESITANT
        assert c.confidence == 0.5
        assert c.reasons == (
            "3 visits in the last 30 days without a buying step (hesitant from 3)",
        )

    def test_more_visits_raise_confidence_up_to_a_cap(self):
        """Each visit past the threshold adds 0.1, up to 0.8."""
        confidences = [
            STAGE.classify(lead(interactions=visits(n)), at=T0 + days(1)).confidence
            for n in (3, 4, 5, 6, 9)
        ]
        assert confidences == pytest.approx([0.5, 0.6, 0.7, 0.8, 0.8])

    def test_visits_outside_the_window_are_not_counted(self):
        """A visit exactly visit_window old falls out of the count."""
        subject = lead(interactions=visits(3))
        edge = T0 + days(30)
        assert STAGE.classify(subject, at=edge - SECOND).label is HESITANT
        assert STAGE.classify(subject, at=edge).label is AWARE

    def test_other_activities_are_not_visits(self):
        """E-mail opens do not count as visits."""
        subject = lead(interactions=[act("email_open", T0) for _ in range(5)])
        c = STAGE.classify(subject, at=T0)
        assert c.label is AWARE
        assert c.evidence["visits"] == 0

    def test_visits_with_a_buying_signal_are_ready(self):
        """Visits followed by a quote request are READY, not HESITANT."""
        subject = lead(interactions=[*visits(5), act("quote_request", T0 + days(1))])
        assert STAGE.classify(subject, at=T0 + days(1)).label is READY


class TestAware:
    def test_a_lead_that_did_nothing_is_aware_with_little_confidence(self):
        """No interaction at all: AWARE at 0.3."""
        c = STAGE.classify(lead(), at=T0)
        assert (c.label, c.confidence, c.reasons) == (
            AWARE,
            0.3,
            ("no interaction yet",),
        )

    def test_some_activity_without_signals_is_aware(self):
        """A newsletter sign-up is AWARE at 0.6."""
        c = STAGE.classify(lead(interactions=[act("newsletter_signup", T0)]), at=T0)
        assert (c.label, c.confidence) == (AWARE, 0.6)
        assert c.reasons == ("no buying signal in the last 30 days",)

    def test_an_old_signal_leaves_the_lead_aware(self):
        """A demo request 90 days ago no longer makes the lead READY."""
        subject = lead(interactions=[act("demo_request", T0)])
        c = STAGE.classify(subject, at=T0 + days(90))
        assert (c.label, c.confidence) == (AWARE, 0.6)
        assert c.evidence["buying_signals"] == 0

    def test_an_old_purchase_leaves_the_lead_aware(self):
        """A purchase older than the window is not a signal."""
        subject = lead(purchases=[pl.Purchase(at=T0, amount=5, currency="EUR")])
        c = STAGE.classify(subject, at=T0 + days(31))
        assert c.label is AWARE
        assert c.evidence["purchases"] == 0

    def test_unknown_timing_is_no_signal(self):
        """Timing evidence that is unknown neither helps nor holds back."""
        c = STAGE.classify(lead(evidence=[timing("unknown")]), at=T0)
        assert (c.label, c.confidence) == (AWARE, 0.3)
        assert c.evidence["timing"] == "unknown"


class TestAsOf:
    def test_records_after_at_are_ignored(self):
        """Later interactions, purchases, evidence and objections change nothing."""
        base = lead(interactions=[act("page_view", T0)])
        later = T0 + days(2)
        busy = base.with_interactions(act("demo_request", later)).with_purchases(
            pl.Purchase(at=later, amount=1, currency="EUR")
        )
        busy = busy.with_objections(objection("price", later)).with_evidence(
            timing("met", later)
        )
        at = T0 + days(1)
        assert STAGE.classify(busy, at=at) == STAGE.classify(base, at=at)

    def test_the_same_inputs_give_the_same_answer(self):
        """Classifying twice gives equal classifications."""
        subject = lead(interactions=[act("cart_add", T0)])
        assert STAGE.classify(subject, at=T0) == STAGE.classify(subject, at=T0)

    def test_a_naive_at_is_refused(self):
        """A naive ``at`` raises a ValidationError naming ``at``."""
        with pytest.raises(pl.ValidationError, match="at: expected a timezone-aware"):
            STAGE.classify(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001


class TestEvidence:
    def test_evidence_holds_the_numbers_behind_the_decision(self):
        """Evidence counts signals, purchases, visits and objections."""
        subject = lead(
            interactions=[*visits(2), act("cart_add", T0 + days(1))],
            purchases=[pl.Purchase(at=T0, amount=5, currency="EUR")],
            objections=[objection("price", T0), objection("reviews", T0)],
            evidence=[timing("met")],
        )
        c = STAGE.classify(subject, at=T0 + days(1.5))
        assert dict(c.evidence) == {
            "buying_signals": 1,
            "purchases": 1,
            "days_since_signal": 0.5,
            "timing": "met",
            "open_objections": 2,
            "blocking_objections": 1,
            "visits": 2,
        }
        assert c.classifier == "decision_stage"

    def test_without_a_signal_there_is_no_signal_age(self):
        """days_since_signal is None when nothing signalled."""
        assert STAGE.classify(lead(), at=T0).evidence["days_since_signal"] is None


class TestParameters:
    def test_defaults(self):
        """The documented defaults."""
        assert STAGE.name == "decision_stage"
        assert STAGE.ready_window == days(30)
        assert STAGE.visit_window == days(30)
        assert STAGE.hesitant_visits == 3
        assert STAGE.timing_criterion == "timing"
        assert set(STAGE.blocking_objections) == {
            pl.ObjectionKind.PRICE,
            pl.ObjectionKind.TIMING,
            pl.ObjectionKind.NEED,
            pl.ObjectionKind.AUTHORITY,
        }

    def test_is_a_classifier(self):
        """A DecisionStage satisfies the Classifier protocol."""
        assert isinstance(STAGE, Classifier)

    def test_strings_are_converted_to_members(self):
        """Activities and objection kinds may be given as their values."""
        stage = DecisionStage(
            ready_activities=["meeting"], blocking_objections=["quality"]
        )
        assert stage.ready_activities == (pl.Activity.MEETING,)
        assert stage.blocking_objections == (pl.ObjectionKind.QUALITY,)

    def test_a_custom_name_is_reported(self):
        """The classification names the classifier by its own name."""
        c = DecisionStage(name="stage_b2c").classify(lead(), at=T0)
        assert c.classifier == "stage_b2c"

    def test_a_custom_timing_criterion_is_read(self):
        """timing_criterion picks which evidence counts as timing."""
        subject = lead(evidence=[pl.Evidence(criterion="when", verdict="met", at=T0)])
        assert STAGE.classify(subject, at=T0).label is AWARE
        stage = DecisionStage(timing_criterion="when")
        assert stage.classify(subject, at=T0).reasons == ("when is met",)

    def test_blocking_kinds_are_tunable(self):
        """With no blocking kinds, a price objection only lowers READY."""
        subject = lead(
            interactions=[act("cart_add", T0)], objections=[objection("price", T0)]
        )
        assert (
            DecisionStage(blocking_objections=()).classify(subject, at=T0).label
            is READY
        )

    def test_thresholds_are_tunable(self):
        """hesitant_visits and the windows change the boundaries."""
        subject = lead(interactions=visits(2))
        at = T0 + days(1)
        assert STAGE.classify(subject, at=at).label is AWARE
        assert DecisionStage(hesitant_visits=2).classify(subject, at=at).label is (
            HESITANT
        )
        short = DecisionStage(ready_window=days(1))
        demo = lead(interactions=[act("demo_request", T0)])
        assert short.classify(demo, at=T0 + days(2)).label is AWARE

    @pytest.mark.parametrize(
        ("field", "value", "expected"),
        [
            ("name", "", "a non-empty string"),
            ("ready_activities", ["nope"], "a list of"),
            ("ready_activities", "cart_add", "a list of"),
            ("ready_activities", 3, "a list of"),
            ("visit_activities", [None], "a list of"),
            ("blocking_objections", ["price", "nope"], "a list of"),
            ("ready_window", dt.timedelta(0), "a positive timedelta"),
            ("ready_window", 30, "a positive timedelta"),
            ("visit_window", days(-1), "a positive timedelta"),
            ("hesitant_visits", 0, "a whole number >= 1"),
            ("hesitant_visits", True, "a whole number >= 1"),
            ("hesitant_visits", 2.0, "a whole number >= 1"),
            ("timing_criterion", " ", "a non-empty string"),
            ("timing_criterion", None, "a non-empty string"),
        ],
    )
    def test_bad_parameters_name_their_field(self, field, value, expected):
        """A bad parameter raises InvalidConfigError naming DecisionStage.field."""
        with pytest.raises(pl.InvalidConfigError, match=expected) as exc:
            DecisionStage(**{field: value})
        assert config_path(exc) == f"DecisionStage.{field}"

    def test_round_trips_through_serialize(self):
        """to_dict then from_dict gives an equal classifier, defaults or tuned."""
        for stage in (
            STAGE,
            DecisionStage(
                name="x",
                ready_activities=("meeting",),
                ready_window=dt.timedelta(hours=36),
                blocking_objections=(),
                hesitant_visits=5,
            ),
        ):
            data = serialize.to_dict(stage)
            assert serialize.from_dict(DecisionStage, data) == stage
        assert data["ready_window"] == "P1DT12H"

    def test_bad_dicts_are_refused_with_invalid_config_error(self):
        """from_dict reports every bad parameter as InvalidConfigError."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(
                DecisionStage, {"hesitant_visits": 0, "ready_activities": ["x"]}
            )
        assert {p.path for p in exc.value.problems} == {
            "DecisionStage.hesitant_visits",
            "DecisionStage.ready_activities[0]",
        }


def _as_of(subject: pl.Lead, at: dt.datetime) -> pl.Lead:
    """The lead without any record dated after *at*."""
    return attrs.evolve(
        subject,
        interactions=[i for i in subject.interactions if i.at <= at],
        purchases=[p for p in subject.purchases if p.at <= at],
        objections=[o for o in subject.objections if o.raised_at <= at],
        evidence=[e for e in subject.evidence.values() if e.at <= at],
    )


LEADS_AT = st.tuples(leads(), aware_datetimes())


@pytest.mark.slow
class TestProperties:
    @given(LEADS_AT)
    def test_total_and_well_formed(self, case):
        """Any valid lead gets a label, a confidence in [0, 1] and 1-4 reasons."""
        subject, at = case
        c = STAGE.classify(subject, at=at)
        assert isinstance(c.label, DecisionStageLabel)
        assert 0 <= c.confidence <= 1
        assert math.isfinite(c.confidence)
        assert 1 <= len(c.reasons) <= 4
        assert all(c.reasons)
        assert all(
            v is None or type(v) in {str, int, float, bool} for v in c.evidence.values()
        )

    @given(LEADS_AT)
    def test_later_records_never_matter(self, case):
        """Dropping every record dated after ``at`` changes nothing."""
        subject, at = case
        assert STAGE.classify(subject, at=at) == STAGE.classify(
            _as_of(subject, at), at=at
        )

    @given(LEADS_AT)
    def test_a_fresh_buying_signal_without_doubts_is_ready(self, case):
        """Adding a demo request at ``at`` makes a lead without doubts READY."""
        subject, at = case
        at = max(at, subject.created_at)
        added = subject.with_interactions(act("demo_request", at))
        c = STAGE.classify(added, at=at)
        facts = STAGE._facts(added, at)
        if not facts.blocking and facts.timing is not pl.Verdict.UNMET:
            assert c.label is READY
        else:
            assert c.label is HESITANT
