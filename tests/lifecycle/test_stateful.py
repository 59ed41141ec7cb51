"""Random event sequences keep a lead's lifecycle consistent.

Hypothesis state machines drive one lead through the two ready pipelines and
through random valid ones (``pipelines.py``): time moves on, interactions,
purchases, evidence, consent and tags arrive, and random events are sent with
or without reasons and actors, sometimes at a time before the lead's last stage
change. After every step the lead's history is a legal path of the pipeline
that ends at its stage, and `check`, `allowed_events`, `send` and the
python-statemachine engine agree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import initialize
from hypothesis.stateful import invariant
from hypothesis.stateful import precondition
from hypothesis.stateful import rule
from hypothesis.stateful import run_state_machine_as_test

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from tests.lifecycle import pipelines as P  # noqa: N812

pytestmark = pytest.mark.slow

# Explicit budgets: the state machines are the slowest tests of the suite.
# Derandomized: the runs also assert what they reached (a move, a refusal, a
# terminal stage), which a random draw of 50 runs misses now and then.
STATEFUL = settings(max_examples=50, stateful_step_count=40, derandomize=True)

MINUTE = dt.timedelta(minutes=1)
DAY_MINUTES = 24 * 60
minutes_back = st.integers(0, 30 * DAY_MINUTES)

RECORDS = ("interaction", "interaction", "purchase", "evidence", "consent", "tag")
ACTIVITIES = st.one_of(st.sampled_from(P.ACTIVITIES), st.sampled_from(pl.Activity))
VERDICTS = ("met", "met", "met", "unmet", "unknown")  # BANT needs three met

# What the runs did, so a test can show it exercised moves and refusals.
OUTCOMES: Counter[str] = Counter()


class LifecycleMachine(RuleBasedStateMachine):
    """One lead in one pipeline; subclasses choose the pipeline."""

    pipeline: Pipeline
    lead: pl.Lead
    now: dt.datetime

    def start(
        self, pipeline: Pipeline, lead: pl.Lead, tz: dt.timezone, minutes: int
    ) -> None:
        """Begin with a new *lead* of *pipeline*, *minutes* after its creation."""
        self.pipeline = pipeline
        self.lead = lead
        self.now = (lead.created_at + minutes * MINUTE).astimezone(tz)

    # --- the world moves on ---------------------------------------------------------

    @rule(
        minutes=st.one_of(
            st.integers(0, DAY_MINUTES), st.integers(0, 200 * DAY_MINUTES)
        )
    )
    def advance_time(self, minutes: int) -> None:
        """Let time pass (up to 200 days, so windows and SLAs run out)."""
        self.now += minutes * MINUTE

    def _past(self, back: int, *, since_entry: bool) -> dt.datetime:
        """A time at or before now, not before creation (or the stage entry)."""
        floor = self.lead.stage_entered_at if since_entry else self.lead.created_at
        return max(floor, self.now - back * MINUTE)

    @rule(data=st.data(), back=minutes_back, since_entry=st.booleans())
    def add_record(self, data: st.DataObject, back: int, *, since_entry: bool) -> None:
        """Record an interaction, purchase, evidence, consent or tag change."""
        at = self._past(back, since_entry=since_entry)
        lead = self.lead
        kind = data.draw(st.sampled_from(RECORDS), label="record")
        if kind == "interaction":
            activity = data.draw(ACTIVITIES, label="activity")
            self.lead = lead.with_interactions(pl.Interaction(activity=activity, at=at))
        elif kind == "purchase":
            purchase = pl.Purchase(at=at, amount="25", currency="EUR")
            self.lead = lead.with_purchases(purchase)
        elif kind == "evidence":
            criterion = data.draw(st.sampled_from(P.EVIDENCE_KEYS), label="criterion")
            verdict = data.draw(st.sampled_from(VERDICTS), label="verdict")
            evidence = pl.Evidence(criterion=criterion, verdict=verdict, at=at)
            self.lead = lead.with_evidence(evidence)
        elif kind == "consent":
            status = data.draw(st.sampled_from(pl.ConsentStatus), label="status")
            consent = pl.Consent(channel="email", status=status, at=at)
            self.lead = lead.with_consent(consent)
        else:
            tag = data.draw(st.sampled_from(P.TAGS), label="tag")
            tags = lead.tags ^ {tag}  # add it, or remove it if present
            self.lead = attrs.evolve(lead, tags=tags)

    @precondition(lambda self: self.pipeline.stage(self.lead.stage).terminal)
    @rule(data=st.data())
    def next_lead(self, data: st.DataObject) -> None:
        """Once the lead is in a terminal stage, carry on with a new one."""
        self.lead = data.draw(P.leads_in(self.pipeline, new=True), label="new lead")
        self.now = max(self.now, self.lead.created_at)

    # --- events ----------------------------------------------------------------------

    def _draw_send(self, data: st.DataObject) -> tuple[str, str | None, str | None]:
        """An event (allowed now, any of the pipeline's, or unknown), reason, actor."""
        allowed = self.pipeline.allowed_events(self.lead, at=self.now)
        onward = [
            e
            for e in allowed
            if not self.pipeline.stage(
                self.pipeline.check(self.lead, e, at=self.now).target
            ).terminal
        ]
        # Mostly events that keep the lead moving, so runs get deep into the
        # pipeline; also any allowed one, any of the pipeline's, and an unknown one.
        kind = data.draw(
            st.sampled_from(("onward", "onward", "onward", "allowed", "any", "unknown"))
        )
        if kind == "onward" and onward:
            event = data.draw(st.sampled_from(onward), label="event")
        elif kind == "allowed" and allowed:
            event = data.draw(st.sampled_from(allowed), label="event")
        elif kind == "unknown":
            event = P.UNKNOWN_EVENT
        else:
            event = data.draw(st.sampled_from(self.pipeline.events), label="event")
        accepted = sorted(
            {
                r
                for t in P.candidates(self.pipeline, self.lead.stage, event)
                for r in t.reasons
            }
        )
        # Mostly a reason the event accepts; sometimes none, another or a blank one.
        options = (*accepted, *accepted, P.FREE_REASON, P.REASONS[-1], None, " ")
        reason = data.draw(st.sampled_from(options), label="reason")
        actor = data.draw(st.sampled_from((P.ACTOR, P.ACTOR, None, "")), label="actor")
        return event, reason, actor

    @rule(data=st.data())
    def send_now(self, data: st.DataObject) -> None:
        """Send a random event now."""
        self._send(*self._draw_send(data), at=self.now)

    @rule(data=st.data(), percent=st.integers(0, 100), early=st.booleans())
    def send_back_dated(
        self, data: st.DataObject, percent: int, *, early: bool
    ) -> None:
        """Send between the stage entry and now, or before the entry (refused)."""
        entered = self.lead.stage_entered_at
        if not early:
            at = max(entered, entered + (self.now - entered) * percent / 100)
            self._send(*self._draw_send(data), at=at)
            return
        at = entered - (percent + 1) * 37 * MINUTE
        assert self.pipeline.allowed_events(self.lead, at=at) == ()
        event, reason, actor = self._draw_send(data)
        if event in self.pipeline.events:
            assert not self.pipeline.check(self.lead, event, at=at).allowed
        assert not self._send(event, reason, actor, at=at)

    def _send(
        self, event: str, reason: str | None, actor: str | None, *, at: dt.datetime
    ) -> bool:
        """Send, check the outcome against `check` and the reference; True if moved."""
        before = self.lead
        snapshot = attrs.evolve(before)
        if event not in self.pipeline.events:
            # A name the pipeline lacks is an input error, not a refusal.
            OUTCOMES["unknown event"] += 1
            with pytest.raises(pl.UnknownEventError):
                self.pipeline.check(before, event, at=at)
            with pytest.raises(pl.UnknownEventError):
                self.pipeline.send(before, event, at=at, reason=reason, actor=actor)
            assert before == snapshot
            return False
        decision = self.pipeline.check(before, event, at=at)
        guarded = P.expected_route(self.pipeline, before, event, at=at)
        route = P.expected_route(
            self.pipeline,
            before,
            event,
            at=at,
            reason=reason,
            actor=actor,
            check_inputs=True,
        )
        assert decision.allowed is (guarded is not None)
        if guarded is not None and P.inputs_ok(guarded, reason, actor):
            assert route is guarded
            assert decision.target == route.target
        refusal: pl.TransitionNotAllowedError | None = None
        try:
            after = self.pipeline.send(before, event, at=at, reason=reason, actor=actor)
        except pl.TransitionNotAllowedError as exc:
            refusal = exc
        if refusal is not None:
            OUTCOMES["refused"] += 1
            assert route is None
            assert (refusal.lead_id, refusal.stage, refusal.event) == (
                before.id,
                before.stage,
                event,
            )
            assert refusal.unmet
            assert self.lead is before
            assert before == snapshot
            return False
        OUTCOMES["moved"] += 1
        OUTCOMES[f"entered {after.stage}"] += 1
        assert route is not None
        assert decision.allowed
        assert before == snapshot  # the input lead is never changed
        assert after.history[:-1] == before.history
        change = after.history[-1]
        assert (change.event, change.source, change.target) == (
            event,
            before.stage,
            after.stage,
        )
        assert (change.at, change.reason, change.actor) == (at, reason, actor)
        assert after.stage == route.target
        assert attrs.evolve(after, stage=before.stage, history=before.history) == before
        self.lead = after
        return True

    # --- what always holds -----------------------------------------------------------

    @invariant()
    def history_is_a_legal_path(self) -> None:
        """The history validates, ends at the stage and never goes back in time."""
        lead = self.lead
        self.pipeline.validate_history(lead)
        initial = self.pipeline.initial_stage.id
        if lead.history:
            assert lead.history[0].source == initial
            assert lead.history[-1].target == lead.stage
        else:
            assert lead.stage == initial
        times = [lead.created_at, *(c.at for c in lead.history)]
        assert times == sorted(times)
        assert lead.stage_entered_at <= self.now

    @invariant()
    def check_agrees_with_allowed_events(self) -> None:
        """`check`, `allowed_events` and the engine agree on what is allowed now."""
        allowed = self.pipeline.allowed_events(self.lead, at=self.now)
        assert list(allowed) == sorted(set(allowed))
        for event in self.pipeline.events:
            decision = self.pipeline.check(self.lead, event, at=self.now)
            assert decision.allowed is (event in allowed)
        with pytest.raises(pl.UnknownEventError):
            self.pipeline.check(self.lead, P.UNKNOWN_EVENT, at=self.now)
        engine = self.pipeline.machine(self.lead, at=self.now).enabled_events()
        assert sorted(e.id for e in engine) == list(allowed)

    @invariant()
    def terminal_stages_accept_nothing(self) -> None:
        """In a terminal stage nothing is allowed and every send is refused."""
        if not self.pipeline.stage(self.lead.stage).terminal:
            return
        assert self.pipeline.allowed_events(self.lead, at=self.now) == ()
        for event in self.pipeline.events:
            with pytest.raises(pl.TransitionNotAllowedError):
                self.pipeline.send(
                    self.lead, event, at=self.now, reason="price", actor=P.ACTOR
                )
        OUTCOMES["terminal"] += 1


def machine_for(pipelines: st.SearchStrategy[Pipeline]) -> type[LifecycleMachine]:
    """A state machine whose lead starts in a pipeline drawn from *pipelines*."""

    def with_lead(pipeline: Pipeline) -> st.SearchStrategy[tuple[Pipeline, pl.Lead]]:
        return st.tuples(st.just(pipeline), P.leads_in(pipeline, new=True))

    class PipelineMachine(LifecycleMachine):
        @initialize(
            case=pipelines.flatmap(with_lead),
            tz=P.timezones(),
            minutes=st.integers(0, 60 * DAY_MINUTES),
        )
        def begin(
            self, case: tuple[Pipeline, pl.Lead], tz: dt.timezone, minutes: int
        ) -> None:
            """Start with a new lead whose records may lie before or after now."""
            self.start(*case, tz, minutes)

    return PipelineMachine


def entered_stages() -> set[str]:
    return {k.removeprefix("entered ") for k in OUTCOMES if k.startswith("entered ")}


class TestStatefulRuns:
    @pytest.mark.parametrize("pipeline", P.default_pipelines(), ids=lambda p: p.id)
    def test_default_pipelines(self, pipeline):
        """Random steps on B2B and B2C keep history, checks and sends consistent."""
        OUTCOMES.clear()
        run_state_machine_as_test(machine_for(st.just(pipeline)), settings=STATEFUL)
        assert OUTCOMES["moved"] > 0
        assert OUTCOMES["refused"] > 0
        assert len(entered_stages()) >= 3

    def test_random_pipelines(self):
        """Random steps on random pipelines keep history, checks and sends right."""
        OUTCOMES.clear()
        run_state_machine_as_test(machine_for(P.random_pipelines()), settings=STATEFUL)
        assert OUTCOMES["moved"] > 0
        assert OUTCOMES["refused"] > 0
        assert OUTCOMES["terminal"] > 0


def _raised(send, *args, **kwargs) -> type[BaseException] | None:
    try:
        send(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001  # the type is what is compared
        return type(exc)
    return None


class TestBlankInputs:
    @pytest.mark.parametrize("field", ["reason", "actor"])
    def test_blank_reason_or_actor_fails_alike_on_every_path(self, field):
        """A blank reason or actor raises the same error, whichever path send takes."""
        stages = [
            Stage(id="start", initial=True),
            Stage(id="side", terminal=True),
            Stage(id="end", terminal=True),
        ]
        # One route: the fast path. Two routes, the first refused: the checked path.
        fast = Pipeline(
            id="fast",
            stages=stages[::2],
            transitions=[Transition(event="go", sources="start", target="end")],
        )
        checked = Pipeline(
            id="checked",
            stages=stages,
            transitions=[
                Transition(
                    event="go", sources="start", target="side", guard=cr.has_tag("x")
                ),
                Transition(event="go", sources="start", target="end"),
            ],
        )
        lead = pl.Lead(id="L-1", created_at=P.T0, stage="start")
        blank = {field: " "}
        via_checked = _raised(checked.send, lead, "go", at=P.T0, **blank)
        assert via_checked is pl.TransitionNotAllowedError
        assert _raised(fast.send, lead, "go", at=P.T0, **blank) is via_checked
