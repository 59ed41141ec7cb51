"""Open vocabularies: built-in members, or terms of your own written namespace:name."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import strategies as ps
from prospectlib.scoring import ScoreModel
from prospectlib.scoring import Signal
from prospectlib.serialize import from_dict
from prospectlib.serialize import to_dict
from prospectlib.serialize import to_json
from tests.helpers import T0
from tests.helpers import lead

terms = ps.terms()


class TestTerm:
    def test_a_term_is_its_text(self):
        """A Term is a str: equal to its text, hashed as it, with a value."""
        term = pl.Term("sms:sent")
        assert term == "sms:sent"
        assert hash(term) == hash("sms:sent")
        assert (term.value, term.namespace) == ("sms:sent", "sms")
        assert type(term.value) is str
        assert repr(term) == "Term('sms:sent')"

    @pytest.mark.parametrize(
        "text",
        ["sms_sent", "SMS:sent", "sms:", ":sent", "a:b:c", "sms :sent", "", 5, None],
    )
    def test_only_namespace_colon_name_is_a_term(self, text):
        """Anything else is refused with the form to use, never the bad value."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Term(text)
        assert "namespace:name" in str(exc.value)

    def test_a_term_has_a_length_limit(self):
        """At most MAX_TERM characters, namespace and colon included."""
        longest = "a:" + "b" * (pl.model.MAX_TERM - 2)
        assert pl.Term(longest) == longest
        with pytest.raises(pl.InvalidLeadError):
            pl.Term(longest + "b")

    def test_a_term_pickles_and_copies(self):
        term = pl.Term("social:zalo")
        for twin in (pickle.loads(pickle.dumps(term)), copy.deepcopy(term)):  # noqa: S301  # our own data
            assert (type(twin), twin) == (pl.Term, term)


class TestFields:
    def test_activity_source_and_objection_kind_take_terms(self):
        """Built-in values become members; terms of your own become Terms."""
        subject = lead(
            source="social:zalo",
            interactions=[
                pl.Interaction(activity="sms:sent", at=T0),
                pl.Interaction(activity="demo_request", at=T0),
            ],
            objections=[pl.Objection(kind="acme:contract_length", raised_at=T0)],
        )
        assert type(subject.source) is pl.Term
        assert [type(i.activity) for i in subject.interactions] == [
            pl.Term,
            pl.Activity,
        ]
        assert type(subject.objections[0].kind) is pl.Term
        assert subject.interactions_of("sms:sent") == subject.interactions[:1]

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: pl.Interaction(activity="webinar_attendence", at=T0), "activity"),
            (lambda: pl.Interaction(activity=7, at=T0), "activity"),
            (lambda: pl.Objection(kind="Acme:Price", raised_at=T0), "kind"),
            (lambda: pl.Lead(id="L", created_at=T0, source="zalo"), "source"),
        ],
    )
    def test_a_typo_of_a_built_in_is_refused(self, build, path):
        """Without a namespace a value must be built-in: a typo is no new word."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            build()
        (problem,) = exc.value.problems
        assert problem.path.endswith(f".{path}")
        assert "or a term of your own written namespace:name" in problem.expected

    def test_terms_round_trip_as_their_text(self):
        """A lead with terms writes them as text and reads back equal."""
        subject = lead(
            source="social:zalo",
            interactions=[pl.Interaction(activity="sms:sent", at=T0)],
            objections=[pl.Objection(kind="acme:contract_length", raised_at=T0)],
        )
        data = to_dict(subject)
        assert data["source"] == "social:zalo"
        assert data["interactions"][0]["activity"] == "sms:sent"
        assert from_dict(pl.Lead, data) == subject

    @pytest.mark.parametrize(
        ("value", "path"),
        [(5, "Lead.source"), ("zalo", "Lead.source"), (["x:y"], "Lead.source")],
    )
    def test_the_loader_names_a_bad_term(self, value, path):
        data = {"id": "L", "created_at": "2026-03-01T00:00:00Z", "source": value}
        with pytest.raises(pl.InvalidLeadError) as exc:
            from_dict(pl.Lead, data)
        assert [p.path for p in exc.value.problems] == [path]


class TestUsed:
    def test_criteria_test_terms(self):
        """has_activity, has_open_objection and compare take terms and explain them."""
        subject = lead(
            source="social:zalo",
            interactions=[pl.Interaction(activity="sms:sent", at=T0)],
            objections=[pl.Objection(kind="acme:contract_length", raised_at=T0)],
        )
        texting = cr.has_activity("sms:sent", "call")
        assert texting.activities == ("sms:sent", pl.Activity.CALL)
        assert texting.evaluate(subject, at=T0).reason == "1 sms:sent or call (needs 1)"
        objection = cr.has_open_objection("acme:contract_length")
        assert objection.test(subject, at=T0)
        assert cr.compare("source", "eq", "social:zalo").test(subject, at=T0)
        assert from_dict(cr.HasActivity, to_dict(texting)) == texting
        with pytest.raises(pl.InvalidConfigError):
            cr.has_activity("sms_sent")

    def test_a_signal_counts_a_term_and_ignores_others(self):
        """A score signal on a term counts it; terms no signal names count nowhere."""
        model = ScoreModel(
            name="texting",
            signals=[Signal(id="sms", activities=["sms:sent", "call"], points=3)],
        )
        subject = lead(
            interactions=[
                pl.Interaction(activity="sms:sent", at=T0),
                pl.Interaction(activity="other:thing", at=T0),
                pl.Interaction(activity="call", at=T0),
                pl.Interaction(activity="email_open", at=T0),
            ]
        )
        assert model.score(subject, at=T0).total == 6.0
        assert from_dict(ScoreModel, to_dict(model)) == model

    def test_a_built_in_classifier_takes_your_terms_as_parameters(self):
        """Tell acquisition that your own source and activity are inbound."""
        acquisition = pl.classifiers.Acquisition(
            inbound_sources=("website", "social:zalo"),
            inbound_activities=("demo_request", "sms:reply"),
        )
        by_source = lead(source="social:zalo")
        assert acquisition.classify(by_source, at=T0).label.value == "inbound"
        by_touch = lead(interactions=[pl.Interaction(activity="sms:reply", at=T0)])
        answer = acquisition.classify(by_touch, at=T0)
        assert answer.reasons[0] == "first touch sms:reply is inbound"
        assert from_dict(type(acquisition), to_dict(acquisition)) == acquisition

    @pytest.mark.slow
    @given(
        subject=ps.leads(until=T0),
        activities=st.lists(terms, max_size=4),
        source=terms,
        kind=terms,
    )
    def test_every_operation_takes_a_lead_with_terms(
        self, subject, activities, source, kind
    ):
        """Classify, score, suggest, decide and serialize: terms break nothing."""
        at = subject.created_at + dt.timedelta(days=1)
        subject = attrs.evolve(
            subject,
            source=source,
            interactions=[
                *subject.interactions,
                *(pl.Interaction(activity=a, at=at) for a in activities),
            ],
            objections=[*subject.objections, pl.Objection(kind=kind, raised_at=at)],
            stage="prospect",  # the default policy's pipeline, B2B, knows it
            history=(),
        )
        pl.classify(subject, at=at)
        score = pl.scoring.default_model().score(subject, at=at)
        assert score.explain()
        pl.workflow.default_policy().suggest(subject, at=at)
        assert pl.lifecycle.b2b_pipeline().decisions(subject, at=at)
        assert from_dict(pl.Lead, to_dict(subject)) == subject
        assert source in to_json(subject)


@given(term=ps.terms())
def test_the_public_strategy_draws_valid_terms(term):
    """prospectlib.strategies.terms() draws terms that a lead takes and writes back."""
    assert type(term) is pl.Term
    assert pl.Term(str(term)) == term
    subject = lead(source=term)
    assert from_dict(pl.Lead, to_dict(subject)).source == term
