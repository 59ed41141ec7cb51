"""Unmet conditions as data: each refusal's lines, structured for a client."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import _convert
from prospectlib import criteria as cr
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.qualification import BANT
from prospectlib.serialize import from_dict
from prospectlib.serialize import to_dict
from prospectlib.strategies import leads
from tests.helpers import DAY
from tests.helpers import T0
from tests.helpers import lead

EMPTY = lead()

# One failing instance of every leaf kind, with what its condition should say.
LEAVES = [
    (cr.has_activity("webinar_attendance"), "webinar_attendance", "unmet"),
    (cr.has_activity(), None, "unmet"),
    (cr.has_evidence("budget"), "budget", "unknown"),
    (cr.has_evidence("budget", known=True), "budget", "unknown"),
    (cr.has_purchase(), None, "unmet"),
    (cr.has_consent("email"), "email", "unknown"),
    (cr.has_tag("vip"), "vip", "unmet"),
    (cr.has_open_objection("price"), "price", "unmet"),
    (cr.has_open_objection(), None, "unmet"),
    (cr.compare("company.employees", "ge", 50), "company.employees", "unknown"),
    (cr.compare("source", "eq", "referral"), "source", "unmet"),
    (cr.custom("never", lambda _lead, _at: False), "never", "custom"),
]


def kind_of(criterion: object) -> str:
    """The kind a criterion is written under (the serializer's own table)."""
    return _convert._KIND_OF[cr.Criterion][type(criterion)]


class TestLeaves:
    @pytest.mark.parametrize(
        ("criterion", "key", "verdict"), LEAVES, ids=lambda x: repr(x)[:40]
    )
    def test_a_refusal_names_its_kind_key_and_verdict(self, criterion, key, verdict):
        """The condition's kind is the criterion's kind; its message is the line."""
        check = criterion.evaluate(EMPTY, at=T0)
        (condition,) = check.conditions
        assert condition.kind == kind_of(criterion)
        assert condition.key == key
        assert condition.verdict == ("unmet" if verdict == "custom" else verdict)
        assert check.unmet == (condition.message,) == (check.reason,)

    def test_known_facts_fail_as_unmet_missing_ones_as_unknown(self):
        """Evidence recorded as unmet is 'unmet'; no evidence is 'unknown'."""
        told = lead(evidence=[pl.Evidence(criterion="budget", verdict="unmet", at=T0)])
        (known,) = cr.has_evidence("budget").evaluate(told, at=T0).conditions
        (missing,) = cr.has_evidence("budget").evaluate(EMPTY, at=T0).conditions
        assert (known.verdict, missing.verdict) == ("unmet", "unknown")
        refused = lead(consent=[pl.Consent(channel="email", status="denied", at=T0)])
        (denied,) = cr.has_consent("email").evaluate(refused, at=T0).conditions
        assert denied.verdict == "unmet"
        (asked,) = (
            cr.has_evidence("budget", known=False).evaluate(told, at=T0).conditions
        )
        assert (asked.kind, asked.verdict) == ("evidence_known", "unmet")

    def test_a_passing_check_has_no_conditions(self):
        """Nothing unmet, nothing to map."""
        check = cr.has_tag("vip").evaluate(lead(tags=["vip"]), at=T0)
        assert (check.unmet, check.conditions) == ((), ())


class TestComposites:
    def test_all_of_lists_each_failed_part(self):
        """all_of and at_least carry their failed parts' conditions, in order."""
        both = cr.all_of(cr.has_tag("vip"), cr.has_evidence("need"))
        check = both.evaluate(EMPTY, at=T0)
        assert [(c.kind, c.key) for c in check.conditions] == [
            ("has_tag", "vip"),
            ("has_evidence", "need"),
        ]
        two = cr.at_least(2, cr.has_tag("vip"), cr.has_tag("partner"))
        assert [c.key for c in two.evaluate(EMPTY, at=T0).conditions] == [
            "vip",
            "partner",
        ]

    def test_any_of_is_one_line_unknown_only_when_every_part_is(self):
        """any_of refuses with one line; unknown if no part had what it needed."""
        guesses = cr.any_of(cr.has_evidence("budget"), cr.has_evidence("need"))
        (condition,) = guesses.evaluate(EMPTY, at=T0).conditions
        assert (condition.kind, condition.key, condition.verdict) == (
            "any_of",
            None,
            "unknown",
        )
        mixed = cr.any_of(cr.has_evidence("budget"), cr.has_tag("vip"))
        (condition,) = mixed.evaluate(EMPTY, at=T0).conditions
        assert condition.verdict == "unmet"

    def test_not_names_what_its_part_is_about(self):
        """not_ keeps the part's key; a part of yours gives none."""
        (condition,) = (
            cr.not_(cr.has_tag("lost")).evaluate(lead(tags=["lost"]), at=T0).conditions
        )
        assert (condition.kind, condition.key) == ("not", "lost")
        told = lead(evidence=[pl.Evidence(criterion="budget", verdict="met", at=T0)])
        negated = cr.not_(cr.has_evidence("budget", known=True))
        (condition,) = negated.evaluate(told, at=T0).conditions
        assert (condition.kind, condition.key) == ("not", "budget")

        @attrs.frozen
        class Always:
            def test(self, _lead, *, at):
                return True

            def evaluate(self, _lead, *, at):
                return cr.Check(passed=True, reason="always")

        (mine,) = cr.not_(Always()).evaluate(EMPTY, at=T0).conditions
        assert (mine.kind, mine.key) == ("not", None)

    def test_a_part_of_yours_failing_without_lines_still_gives_one(self):
        """A custom Check with no unmet lines: the composite's reason stands in."""
        silent = cr.custom(
            "silent", lambda _lead, _at: cr.Check(passed=False, reason="no", unmet=())
        )
        check = cr.all_of(silent).evaluate(EMPTY, at=T0)
        assert (check.passed, check.reason) == (False, "no")
        assert [(c.kind, c.message) for c in check.conditions] == [("all_of", "no")]

    def test_a_framework_lists_its_criteria_by_key(self):
        """BANT's refusal names each criterion not met, with its verdict."""
        told = lead(evidence=[pl.Evidence(criterion="budget", verdict="unmet", at=T0)])
        check = BANT.evaluate(told, at=T0)
        assert [(c.kind, c.key, c.verdict) for c in check.conditions] == [
            ("framework", "budget", "unmet"),
            ("framework", "authority", "unknown"),
            ("framework", "need", "unknown"),
            ("framework", "timing", "unknown"),
        ]


class TestCheck:
    def test_lines_alone_become_custom_conditions(self):
        """A check built with texts gets one custom condition per line."""
        check = cr.Check(passed=False, reason="r", unmet=("a", "b"))
        assert [(c.kind, c.message) for c in check.conditions] == [
            ("custom", "a"),
            ("custom", "b"),
        ]

    @pytest.mark.parametrize(
        "conditions",
        [
            (pl.Unmet(kind="x", key=None, verdict="unmet", message="other"),),
            ("a",),
            [],
        ],
    )
    def test_conditions_must_match_the_lines(self, conditions):
        """Conditions whose messages are not the lines are refused, by field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.Check(passed=False, reason="r", unmet=("a",), conditions=conditions)
        assert [p.path for p in exc.value.problems] == ["Check.conditions"]

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"kind": 5}, "Unmet.kind"),
            ({"key": 5}, "Unmet.key"),
            ({"verdict": "maybe"}, "Unmet.verdict"),
            ({"message": None}, "Unmet.message"),
        ],
    )
    def test_an_unmet_checks_its_fields(self, fields, path):
        """Each field's fault is a ValidationError at its path."""
        good = {"kind": "has_tag", "key": "vip", "verdict": "unmet", "message": "m"}
        with pytest.raises(pl.ValidationError) as exc:
            pl.Unmet(**{**good, **fields})
        assert [p.path for p in exc.value.problems] == [path]


def pipeline() -> Pipeline:
    return Pipeline(
        id="sales",
        stages=[
            Stage(id="new", initial=True),
            Stage(id="demo"),
            Stage(id="lost", terminal=True),
            Stage(id="won", terminal=True),
        ],
        transitions=[
            Transition(
                event="book_demo",
                sources="new",
                target="demo",
                guard=cr.all_of(
                    cr.has_evidence("budget", known=True), cr.has_consent("phone")
                ),
            ),
            Transition(
                event="lose",
                sources=["new", "demo"],
                target="lost",
                requires_reason=True,
                reasons=["price", "other"],
                requires_actor=True,
            ),
            Transition(event="win", sources="demo", target="won"),
        ],
    )


class TestPipelines:
    def refusal(self, subject, event, **kwargs) -> pl.TransitionNotAllowedError:
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            pipeline().send(subject, event, **kwargs)
        error = exc.value
        assert error.unmet == tuple(c.message for c in error.conditions)
        return error

    def test_a_guard_refusal_carries_each_condition(self):
        """The guard's parts, as data, in send's error, check's decision and JSON."""
        subject = pipeline().start(EMPTY)
        error = self.refusal(subject, "book_demo", at=T0)
        expected = [
            ("evidence_known", "budget", "unknown"),
            ("has_consent", "phone", "unknown"),
        ]
        assert [(c.kind, c.key, c.verdict) for c in error.conditions] == expected
        body = error.to_dict()
        assert [(c["kind"], c["key"], c["verdict"]) for c in body["conditions"]] == (
            expected
        )
        decision = pipeline().check(subject, "book_demo", at=T0)
        assert decision.conditions == error.conditions
        assert from_dict(type(decision), to_dict(decision)) == decision

    def test_the_pipelines_own_conditions(self):
        """No such move, a moment too early, a missing reason and actor."""
        subject = pipeline().start(EMPTY)
        (move,) = self.refusal(subject, "win", at=T0).conditions
        assert (move.kind, move.key) == ("transition", "win")
        moved = pipeline().send(
            subject, "lose", at=T0 + DAY, reason="price", actor="rep"
        )
        (early,) = pipeline().check(moved, "win", at=T0).conditions
        assert early.kind == "transition"  # lost is terminal: no move at all
        demo = attrs.evolve(subject, stage="demo")
        reopened = pipeline().send(
            demo.with_consent(pl.Consent(channel="phone", status="granted", at=T0)),
            "win",
            at=T0 + DAY,
        )
        assert reopened.stage == "won"
        (time,) = self.refusal(
            pipeline().send(
                subject.with_evidence(
                    pl.Evidence(criterion="budget", verdict="met", at=T0)
                ).with_consent(pl.Consent(channel="phone", status="granted", at=T0)),
                "book_demo",
                at=T0 + DAY,
            ),
            "win",
            at=T0,
        ).conditions
        assert (time.kind, time.key) == ("time", "at")
        reasons = self.refusal(subject, "lose", at=T0).conditions
        assert [(c.kind, c.key) for c in reasons] == [
            ("reason", "reason"),
            ("actor", "actor"),
        ]
        (wrong,) = self.refusal(
            subject, "lose", at=T0, reason="weather", actor="rep"
        ).conditions
        assert (wrong.kind, wrong.key) == ("reason", "reason")

    def test_a_move_that_would_break_the_history_says_where(self):
        """A refusal from the lead's own rules names the history field."""
        b2b = b2b_pipeline()
        subject = pl.Lead(id="L-1", created_at=T0, stage="marketing_qualified")
        error = self.refusal_of(b2b, subject, "accept", actor="   ")
        assert [c.kind for c in error.conditions] == ["history"]
        assert error.conditions[0].key.startswith("StageChange.")

    def refusal_of(self, b2b, subject, event, **kwargs):
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            b2b.send(subject, event, at=T0, **kwargs)
        return exc.value

    def test_a_refusal_pickles_with_its_conditions(self):
        """The conditions survive pickle and copy."""
        error = self.refusal(pipeline().start(EMPTY), "book_demo", at=T0)
        for twin in (
            pickle.loads(pickle.dumps(error)),  # noqa: S301  # our own data
            copy.deepcopy(error),
        ):
            assert twin.conditions == error.conditions
            assert twin.to_dict() == error.to_dict()


@given(subject=leads(), event=st.sampled_from(b2b_pipeline().events))
def test_every_refusal_line_has_its_condition(subject, event):
    """For any lead and event, check's conditions are its unmet lines, as data."""
    b2b = b2b_pipeline()
    try:
        subject = b2b.start(subject)
        decision = b2b.check(subject, event, at=subject.stage_entered_at)
    except pl.UnknownStageError:
        return
    assert decision.unmet == tuple(c.message for c in decision.conditions)
    assert decision.allowed is (not decision.conditions)
    assert all(c.verdict in {"unmet", "unknown"} for c in decision.conditions)
