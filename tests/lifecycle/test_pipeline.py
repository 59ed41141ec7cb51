"""Pipeline definition, validation and the calls on a small custom pipeline."""

import concurrent.futures
import datetime as dt
import multiprocessing

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statemachine import StateChart

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def trial_pipeline(**overrides) -> Pipeline:
    spec = {
        "id": "trial",
        "label": "Trial",
        "stages": [
            Stage(id="signed_up", initial=True, order=0),
            Stage(id="active", order=1, sla=7 * DAY),
            Stage(id="paying", kind="won", terminal=True, order=2),
            Stage(id="churned", kind="lost", terminal=True),
        ],
        "transitions": [
            Transition(
                event="activate",
                sources="signed_up",
                target="active",
                guard=cr.has_activity("trial_start"),
            ),
            Transition(
                event="convert",
                sources=("signed_up", "active"),
                target="paying",
                guard=cr.has_purchase(),
            ),
            Transition(
                event="churn", sources="active", target="churned", requires_reason=True
            ),
        ],
    }
    spec.update(overrides)
    return Pipeline(**spec)


TRIAL = trial_pipeline()


def lead_at(stage: str = "signed_up", **kwargs) -> pl.Lead:
    return pl.Lead(id="L-1", created_at=T0, stage=stage, **kwargs)


def config_problem(exc: pytest.ExceptionInfo[pl.InvalidConfigError]) -> tuple[str, str]:
    (problem,) = exc.value.problems
    return problem.path, problem.expected


class TestDefinition:
    def test_pipeline_is_a_value(self):
        """Two pipelines from the same definition are equal and hash alike."""
        assert trial_pipeline() == TRIAL
        assert hash(trial_pipeline()) == hash(TRIAL)

    def test_introspection(self):
        """A pipeline tells its stages, events and the chart it was built as."""
        assert TRIAL.initial_stage.id == "signed_up"
        assert TRIAL.events == ("activate", "convert", "churn")
        assert TRIAL.stage("active").sla == 7 * DAY
        assert TRIAL.stage("active").label == "Active"
        assert TRIAL.events_from("active") == ("churn", "convert")
        assert [t.target for t in TRIAL.transitions_for("convert")] == ["paying"]
        assert issubclass(TRIAL.statechart, StateChart)
        assert [s.value for s in TRIAL.statechart.states] == [
            "signed_up",
            "active",
            "paying",
            "churned",
        ]

    def test_unknown_stage_and_event_lookups(self):
        """Looking up a missing name raises a LookupError naming what exists."""
        with pytest.raises(pl.UnknownStageError, match="stages: signed_up, active"):
            TRIAL.stage("nope")
        with pytest.raises(LookupError):
            TRIAL.events_from("nope")
        with pytest.raises(pl.UnknownEventError, match="events: activate, convert"):
            TRIAL.transitions_for("nope")

    @pytest.mark.parametrize(
        ("overrides", "path", "expected"),
        [
            ({"id": "Trial"}, "Pipeline.id", "an id of lower-case letters"),
            ({"stages": []}, "Pipeline.stages", "a non-empty list of Stage"),
            ({"stages": ["a"]}, "Pipeline.stages", "a non-empty list of Stage"),
            ({"transitions": []}, "Pipeline.transitions", "a non-empty list of"),
            ({"label": ""}, "Pipeline.label", "a non-empty string or None"),
            (
                {
                    "stages": [
                        Stage(id="a", initial=True),
                        Stage(id="a", terminal=True),
                    ]
                },
                "Pipeline.stages[1].id",
                "a unique stage id",
            ),
            (
                {"stages": [Stage(id="a"), Stage(id="b", terminal=True)]},
                "Pipeline.stages",
                "exactly one initial stage (found 0: )",
            ),
            (
                {
                    "stages": [
                        Stage(id="a", initial=True, order=1),
                        Stage(id="b", terminal=True, order=1),
                    ]
                },
                "Pipeline.stages",
                "each success-path order used once",
            ),
        ],
    )
    def test_invalid_definitions(self, overrides, path, expected):
        """A broken definition raises InvalidConfigError naming the part."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            trial_pipeline(**overrides)
        got_path, got_expected = config_problem(exc)
        assert got_path == path
        assert got_expected.startswith(expected)

    def test_transition_to_an_unknown_stage(self):
        """A transition must name stages of the pipeline."""
        stages = [Stage(id="a", initial=True), Stage(id="b", terminal=True)]
        with pytest.raises(pl.InvalidConfigError) as exc:
            Pipeline(
                id="p",
                stages=stages,
                transitions=[Transition(event="go", sources="a", target="c")],
            )
        assert config_problem(exc) == (
            "Pipeline.transitions[0].target",
            "a stage of this pipeline ('c' is not)",
        )
        with pytest.raises(pl.InvalidConfigError) as exc:
            Pipeline(
                id="p",
                stages=stages,
                transitions=[Transition(event="go", sources="x", target="b")],
            )
        assert config_problem(exc)[0] == "Pipeline.transitions[0].sources[0]"

    def test_repeated_unguarded_transition(self):
        """The same unguarded move declared twice is a mistake."""
        stages = [Stage(id="a", initial=True), Stage(id="b", terminal=True)]
        go = Transition(event="go", sources="a", target="b")
        with pytest.raises(pl.InvalidConfigError, match="repeats"):
            Pipeline(id="p", stages=stages, transitions=[go, go])

    @pytest.mark.parametrize(
        ("stages", "transitions", "fragment"),
        [
            (
                [
                    Stage(id="a", initial=True),
                    Stage(id="b", terminal=True),
                    Stage(id="c"),
                ],
                [Transition(event="go", sources="a", target="b")],
                "unreachable states",
            ),
            (
                [
                    Stage(id="a", initial=True),
                    Stage(id="b"),
                    Stage(id="c", terminal=True),
                ],
                [
                    Transition(event="go", sources="a", target="b"),
                    Transition(event="end", sources="a", target="c"),
                ],
                "no outgoing transition",
            ),
            (
                [Stage(id="a", initial=True), Stage(id="b", terminal=True)],
                [
                    Transition(event="go", sources="a", target="b"),
                    Transition(event="back", sources="b", target="a"),
                ],
                "Cannot declare transitions from final state",
            ),
            (
                [
                    Stage(id="a", initial=True),
                    Stage(id="b"),
                    Stage(id="c"),
                    Stage(id="d", terminal=True),
                ],
                [
                    Transition(event="go", sources="a", target="b"),
                    Transition(event="end", sources="a", target="d"),
                    Transition(event="loop", sources="b", target="c"),
                    Transition(event="pool", sources="c", target="b"),
                ],
                "no path to a final state",
            ),
        ],
    )
    def test_python_statemachine_checks_the_graph(self, stages, transitions, fragment):
        """Unreachable stages, traps, moves out of final stages and dead ends fail."""
        with pytest.raises(pl.InvalidConfigError, match=fragment) as exc:
            Pipeline(id="p", stages=stages, transitions=transitions)
        assert exc.value.problems[0].path == "Pipeline"

    @pytest.mark.parametrize(
        "name", ["send", "model", "states", "events", "class", "1a", "a__b"]
    )
    def test_reserved_or_malformed_ids(self, name):
        """Ids python-statemachine reserves, keywords and malformed ids are refused."""
        with pytest.raises(pl.InvalidConfigError):
            Transition(event=name, sources="a", target="b")
        with pytest.raises(pl.InvalidConfigError):
            Stage(id=name)

    def test_a_stage_and_an_event_may_share_an_id(self):
        """B2B has both a stage and an event called 'advocate'."""
        p = Pipeline(
            id="p",
            stages=[
                Stage(id="customer", initial=True),
                Stage(id="advocate", terminal=True),
            ],
            transitions=[
                Transition(event="advocate", sources="customer", target="advocate")
            ],
        )
        assert p.send(lead_at("customer"), "advocate", at=T0).stage == "advocate"


class TestStageAndTransition:
    def test_due_soon_defaults_to_a_quarter_of_the_sla(self):
        """Without due_soon, the last quarter of the SLA is 'due soon'."""
        assert Stage(id="a", sla=4 * DAY).due_soon == DAY
        assert Stage(id="a").due_soon is None

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"label": " "}, "Stage.label"),
            ({"kind": "paused"}, "Stage.kind"),
            ({"order": -1}, "Stage.order"),
            ({"sla": dt.timedelta(0)}, "Stage.sla"),
            ({"sla": 3}, "Stage.sla"),
            ({"initial": "yes"}, "Stage.initial"),
            ({"sla": DAY, "due_soon": 2 * DAY}, "Stage.due_soon"),
            ({"due_soon": DAY}, "Stage.due_soon"),
        ],
    )
    def test_bad_stage_fields(self, kwargs, path):
        """Each bad stage field is named."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Stage(id="a", **kwargs)
        assert config_problem(exc)[0] == path

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"sources": ()}, "Transition.sources"),
            ({"sources": ("a", "a")}, "Transition.sources"),
            ({"sources": ("a", "B")}, "Transition.sources[1]"),
            ({"sources": 5}, "Transition.sources"),
            ({"guard": "has_purchase"}, "Transition.guard"),
            ({"reasons": ["ok", ""]}, "Transition.reasons"),
            ({"reasons": "price"}, "Transition.reasons"),
            ({"requires_actor": 1}, "Transition.requires_actor"),
        ],
    )
    def test_bad_transition_fields(self, kwargs, path):
        """Each bad transition field is named."""
        fields = {"event": "go", "sources": "a", "target": "b", **kwargs}
        with pytest.raises(pl.InvalidConfigError) as exc:
            Transition(**fields)
        assert config_problem(exc)[0] == path

    def test_an_sla_may_be_written_as_from_dict_reads_it(self):
        """ISO 8601 durations work in the constructor as in the data."""
        stage = Stage(id="contacted", sla="P2D", due_soon="PT12H")
        assert (stage.sla, stage.due_soon) == (2 * DAY, DAY / 2)
        assert Stage(id="contacted", sla="P2D") == Stage(id="contacted", sla=2 * DAY)
        with pytest.raises(pl.InvalidConfigError) as exc:
            Stage(id="contacted", sla="2 days")
        assert config_problem(exc) == (
            "Stage.sla",
            (
                "an ISO 8601 duration like 'P90D', 'PT6H' or 'P1DT12H' "
                "(got a string that is not one)"
            ),
        )

    def test_a_function_as_guard_is_told_about_custom(self):
        """A bare function is not a criterion; the error says how to make one."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Transition(event="go", sources="a", target="b", guard=lambda lead, at: True)
        assert "criteria.custom(name, function)" in config_problem(exc)[1]

    def test_a_stage_with_no_way_out_is_told_about_terminal(self):
        """A dead end that is not marked terminal: the error names terminal=True."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Pipeline(
                id="p",
                stages=[Stage(id="a", initial=True), Stage(id="b")],
                transitions=[Transition(event="go", sources="a", target="b")],
            )
        assert config_problem(exc)[1].endswith(
            "(a stage that ends the lifecycle needs terminal=True)"
        )

    def test_a_reason_list_implies_a_reason_is_required(self):
        """Listing the allowed reasons makes a reason required."""
        t = Transition(event="lose", sources="a", target="b", reasons=["price"])
        assert t.requires_reason


class TestSend:
    def test_send_returns_a_new_lead_and_leaves_the_old_one(self):
        """Send never changes its input."""
        lead = lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)])
        moved = TRIAL.send(lead, "activate", at=T0 + DAY, actor="onboarding-bot")
        assert lead.stage == "signed_up"
        assert lead.history == ()
        assert moved.stage == "active"
        assert moved.history[-1].actor == "onboarding-bot"
        assert moved.stage_entered_at == T0 + DAY

    @pytest.mark.parametrize(
        ("lead", "event", "unmet"),
        [
            (
                lead_at(),
                "churn",
                (
                    "no transition 'churn' from 'signed_up' (events from "
                    "'signed_up': activate, convert)"
                ),
            ),
            (lead_at(), "activate", "no trial_start (needs 1)"),
            (lead_at("active"), "churn", "a reason is required"),
        ],
    )
    def test_refusals_say_why(self, lead, event, unmet):
        """Each kind of refusal raises TransitionNotAllowedError with the reason."""
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            TRIAL.send(lead, event, at=T0)
        assert exc.value.unmet == (unmet,)
        assert exc.value.stage == lead.stage
        assert exc.value.event == event
        assert not TRIAL.check(lead, event, at=T0).allowed or event == "churn"

    @pytest.mark.parametrize("call", ["send", "check"])
    def test_an_unknown_event_is_a_lookup_error_not_a_refusal(self, call):
        """A typo'd event is an input error: UnknownEventError, with the events."""
        with pytest.raises(pl.UnknownEventError) as exc:
            getattr(TRIAL, call)(lead_at(), "activat", at=T0)
        assert not isinstance(exc.value, pl.TransitionNotAllowedError)
        assert str(exc.value) == (
            "pipeline 'trial' has no event 'activat' (events: activate, convert, churn)"
        )

    @pytest.mark.parametrize("call", ["send", "check"])
    def test_a_stage_the_pipeline_lacks_names_both(self, call):
        """A lead in another pipeline's stage: UnknownStageError names both."""
        with pytest.raises(pl.UnknownStageError) as exc:
            getattr(TRIAL, call)(lead_at("limbo"), "activate", at=T0)
        text = str(exc.value)
        assert text.startswith("lead 'L-1' is in stage 'limbo', which pipeline 'trial'")
        assert "pipeline.start(lead)" in text

    def test_start_puts_a_fresh_lead_in_the_initial_stage(self):
        """A fresh lead takes the initial stage; one in a stage of ours stays."""
        fresh = pl.Lead(id="L-1", created_at=T0)
        started = TRIAL.start(fresh)
        assert (fresh.stage, started.stage) == ("prospect", "signed_up")
        assert TRIAL.start(started) is started
        imported = lead_at("paying")  # a stage from a CRM export, no history
        assert TRIAL.start(imported) is imported
        moved = TRIAL.send(
            lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)]),
            "activate",
            at=T0,
        )
        assert TRIAL.start(moved) is moved
        elsewhere = pl.lifecycle.b2b_pipeline().send(
            pl.Lead(id="L-2", created_at=T0), "disqualify", at=T0, reason="spam"
        )
        with pytest.raises(pl.UnknownStageError, match="is in stage 'disqualified'"):
            TRIAL.start(elsewhere)
        with pytest.raises(pl.LeadTypeError):
            TRIAL.start("L-1")  # type: ignore[arg-type]

    def test_names_from_input_are_shortened_and_escaped(self):
        """A huge or odd name is repeated in at most 64 characters, escaped."""
        with pytest.raises(pl.UnknownEventError) as exc:
            TRIAL.send(lead_at(), "x\n" + "y" * 10_000, at=T0)
        assert len(str(exc.value)) < 200
        assert "\n" not in str(exc.value)

    def test_time_cannot_go_backwards(self):
        """A move dated before the lead's last stage change is refused."""
        lead = lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)])
        moved = TRIAL.send(lead, "activate", at=T0 + 2 * DAY)
        with pytest.raises(
            pl.TransitionNotAllowedError, match="is before the lead entered"
        ):
            TRIAL.send(moved, "churn", at=T0 + DAY, reason="too expensive")
        assert TRIAL.allowed_events(moved, at=T0 + DAY) == ()

    def test_naive_time_is_refused(self):
        """A naive datetime is a ValidationError naming 'at'."""
        with pytest.raises(pl.ValidationError, match=r"^at: expected a timezone-aware"):
            TRIAL.send(lead_at(), "activate", at=dt.datetime(2026, 3, 2))  # noqa: DTZ001

    def test_non_lead_is_refused(self):
        """Something else than a Lead is a clear error, not an AttributeError."""
        for call in (TRIAL.send, TRIAL.check):
            with pytest.raises(pl.InvalidLeadError, match="expected a Lead"):
                call({"id": "L-1"}, "activate", at=T0)  # type: ignore[arg-type]
        for call in (TRIAL.allowed_events, TRIAL.decisions, TRIAL.sla_status):
            with pytest.raises(pl.InvalidLeadError):
                call("L-1", at=T0)  # type: ignore[arg-type]
        with pytest.raises(pl.InvalidLeadError):
            TRIAL.validate_history("L-1")  # type: ignore[arg-type]

    def test_blank_reason_is_refused(self):
        """An empty reason is refused as a refusal, not a model error."""
        with pytest.raises(pl.TransitionNotAllowedError, match=r"StageChange\.reason"):
            TRIAL.send(lead_at("active"), "churn", at=T0, reason=" ")

    def test_first_passing_guard_wins(self):
        """Of several transitions for one event, the first whose guard passes wins."""
        p = Pipeline(
            id="routing",
            stages=[
                Stage(id="new", initial=True),
                Stage(id="enterprise", terminal=True),
                Stage(id="smb", terminal=True),
            ],
            transitions=[
                Transition(
                    event="route",
                    sources="new",
                    target="enterprise",
                    guard=cr.compare("company.employees", "ge", 1000),
                ),
                Transition(event="route", sources="new", target="smb"),
            ],
        )
        big = lead_at("new", company=pl.Company(employees=5000))
        small = lead_at("new", company=pl.Company(employees=12))
        assert p.send(big, "route", at=T0).stage == "enterprise"
        assert p.send(small, "route", at=T0).stage == "smb"
        assert p.check(small, "route", at=T0).target == "smb"

    def test_all_guards_failing_lists_each(self):
        """When every route's guard fails, every unmet condition is listed once."""
        p = Pipeline(
            id="routing",
            stages=[Stage(id="new", initial=True), Stage(id="won", terminal=True)],
            transitions=[
                Transition(
                    event="go", sources="new", target="won", guard=cr.has_tag("a")
                ),
                Transition(
                    event="go", sources="new", target="won", guard=cr.has_tag("b")
                ),
            ],
        )
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            p.send(lead_at("new"), "go", at=T0)
        assert exc.value.unmet == ("not tagged 'a'", "not tagged 'b'")


class TestCheckAndAllowed:
    def test_check_explains_an_allowed_move(self):
        """check() gives the target and the guard's reason without moving the lead."""
        lead = lead_at(purchases=[pl.Purchase(at=T0, amount=10, currency="EUR")])
        decision = TRIAL.check(lead, "convert", at=T0)
        assert decision.allowed
        assert decision.target == "paying"
        assert decision.reasons == ("1 purchase (needs 1)",)

    def test_check_ignores_reason_and_actor(self):
        """check() answers for the guards; the caller supplies reason and actor."""
        assert TRIAL.check(lead_at("active"), "churn", at=T0).allowed

    def test_decisions_and_blocked_events(self):
        """decisions() covers each event out of the stage; blocked ones say why."""
        lead = lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)])
        assert [d.event for d in TRIAL.decisions(lead, at=T0)] == [
            "activate",
            "convert",
        ]
        (blocked,) = TRIAL.blocked_events(lead, at=T0)
        assert blocked.event == "convert"
        assert blocked.unmet == ("no purchase (needs 1)",)
        assert TRIAL.allowed_events(lead, at=T0) == ("activate",)

    def test_unknown_stage_has_no_events(self):
        """A lead in a stage the pipeline lacks has no decisions and no events."""
        assert TRIAL.decisions(lead_at("limbo"), at=T0) == ()
        assert TRIAL.allowed_events(lead_at("limbo"), at=T0) == ()


class TestSendMany:
    def test_moves_what_it_can_and_collects_refusals(self):
        """send_many moves eligible leads and reports the others by index and id."""
        ok = lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)])
        refused = pl.Lead(id="L-2", created_at=T0, stage="signed_up")
        result = TRIAL.send_many([ok, refused, "junk"], "activate", at=T0)  # type: ignore[list-item]
        assert [getattr(x, "stage", None) for x in result.leads] == [
            "active",
            "signed_up",
            None,
        ]
        assert result.moved == 1
        assert [(f.index, f.lead_id) for f in result.failures] == [
            (1, "L-2"),
            (2, None),
        ]
        assert isinstance(result.failures[0].error, pl.TransitionNotAllowedError)
        assert isinstance(result.failures[1].error, pl.InvalidLeadError)

    def test_leads_in_other_pipelines_are_failures_too(self):
        """An unknown stage is recorded per lead, not raised for the batch."""
        result = TRIAL.send_many([lead_at("limbo")], "activate", at=T0)
        assert isinstance(result.failures[0].error, pl.UnknownStageError)
        with pytest.raises(pl.UnknownEventError):
            TRIAL.send(lead_at(), "nope", at=T0)
        result = TRIAL.send_many([lead_at()], "nope", at=T0)
        assert isinstance(result.failures[0].error, pl.UnknownEventError)

    def test_naive_time_fails_the_whole_call(self):
        """A naive time is the caller's mistake, not a per-lead refusal."""
        with pytest.raises(pl.ValidationError):
            TRIAL.send_many([lead_at()], "activate", at=dt.datetime(2026, 1, 1))  # noqa: DTZ001


class TestValidateHistory:
    def change(self, event, source, target, days, **kwargs) -> pl.StageChange:
        return pl.StageChange(
            event=event, source=source, target=target, at=T0 + days * DAY, **kwargs
        )

    def test_a_legal_history_passes(self):
        """A CRM history that follows the pipeline validates."""
        lead = lead_at(
            "churned",
            history=[
                self.change("activate", "signed_up", "active", 1),
                self.change("churn", "active", "churned", 9, reason="price"),
            ],
        )
        TRIAL.validate_history(lead)

    @pytest.mark.parametrize(
        ("stage", "history", "path", "expected"),
        [
            ("active", [], "Lead.stage", "the initial stage 'signed_up' for a lead"),
            (
                "active",
                [("activate", "active", "active", 1, {})],
                "Lead.history[0].source",
                "the initial stage 'signed_up'",
            ),
            (
                "churned",
                [("churn", "signed_up", "churned", 1, {"reason": "x"})],
                "Lead.history[0]",
                "a transition of pipeline 'trial' (no 'churn' from 'signed_up')",
            ),
            (
                "churned",
                [("activate", "signed_up", "churned", 1, {})],
                "Lead.history[0]",
                (
                    "a transition of pipeline 'trial' (no 'activate' from "
                    "'signed_up' to 'churned')"
                ),
            ),
            (
                "churned",
                [
                    ("activate", "signed_up", "active", 1, {}),
                    ("churn", "active", "churned", 2, {}),
                ],
                "Lead.history[1]",
                "a reason is required",
            ),
        ],
    )
    def test_first_illegal_step_is_named(self, stage, history, path, expected):
        """An illegal history names its first bad step."""
        lead = lead_at(stage, history=[self.change(*h[:4], **h[4]) for h in history])
        with pytest.raises(pl.InvalidLeadError) as exc:
            TRIAL.validate_history(lead)
        (problem,) = exc.value.problems
        assert problem.path == path
        assert problem.expected.startswith(expected)


class TestMachine:
    def test_machine_runs_the_same_pipeline(self):
        """The python-statemachine engine sees the same guards and moves."""
        lead = lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)])
        machine = TRIAL.machine(lead, at=T0)
        assert [e.id for e in machine.enabled_events()] == ["activate"]
        machine.send("activate")
        assert machine.model.state == "active"
        assert lead.stage == "signed_up"

    def test_machine_for_unknown_stage(self):
        """A machine cannot start at a stage the pipeline lacks."""
        with pytest.raises(pl.UnknownStageError):
            TRIAL.machine(lead_at("limbo"), at=T0)

    def test_machine_before_stage_entry(self):
        """A machine for a moment before the lead entered its stage is refused."""
        with pytest.raises(pl.ValidationError, match=r"^at: "):
            TRIAL.machine(lead_at(), at=T0 - DAY)


def _send_in_a_worker(leads: list[pl.Lead]) -> pl.lifecycle.SendManyResult:
    return TRIAL.send_many(leads, "activate", at=T0)


class TestAcrossProcesses:
    def test_a_result_with_failures_comes_back_from_a_worker(self):
        """send_many in another process: its failures pickle back intact."""
        leads = [
            lead_at(interactions=[pl.Interaction(activity="trial_start", at=T0)]),
            lead_at(),
            lead_at("limbo"),
        ]
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            result = pool.submit(_send_in_a_worker, leads).result(timeout=120)
        here = _send_in_a_worker(leads)
        assert result.leads == here.leads
        assert [
            (f.index, f.lead_id, type(f.error), str(f.error)) for f in result.failures
        ] == [(f.index, f.lead_id, type(f.error), str(f.error)) for f in here.failures]
        assert [type(f.error) for f in result.failures] == [
            pl.TransitionNotAllowedError,
            pl.UnknownStageError,
        ]
        assert result.failures[0].error.unmet == here.failures[0].error.unmet


def _stuck_by_search(stages: list[Stage], moves: list[tuple[int, int]]) -> list[str]:
    """The stages with no path to a terminal one: a search from each (the reference)."""
    ends = {s.id for s in stages if s.terminal}
    step = {
        s.id: {stages[b].id for a, b in moves if stages[a].id == s.id} for s in stages
    }
    stuck = []
    for stage in stages:
        seen, todo = {stage.id}, [stage.id]
        while todo:
            for nxt in step[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        if not seen & ends:
            stuck.append(stage.id)
    return stuck


class TestSize:
    def test_a_pipeline_has_at_most_a_thousand_stages(self):
        """The limit is named; a chain of that many loads."""
        ids = [f"s{k}" for k in range(pl.lifecycle.MAX_STAGES + 1)]

        def chain(n: int) -> Pipeline:
            stages = [
                Stage(id=sid, initial=k == 0, terminal=k == n - 1)
                for k, sid in enumerate(ids[:n])
            ]
            moves = [
                Transition(event=f"e{k}", sources=ids[k], target=ids[k + 1])
                for k in range(n - 1)
            ]
            return Pipeline(id="long", stages=stages, transitions=moves)

        assert len(chain(pl.lifecycle.MAX_STAGES).stages) == 1_000
        with pytest.raises(pl.InvalidConfigError) as exc:
            chain(pl.lifecycle.MAX_STAGES + 1)
        assert config_problem(exc) == (
            "Pipeline.stages",
            "a non-empty list of Stage (at most 1,000)",
        )

    @given(
        st.integers(2, 7).flatmap(
            lambda n: st.tuples(
                st.just(n),
                st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))),
                st.sets(st.integers(1, n - 1), min_size=1),
            )
        )
    )
    def test_every_stage_reaching_an_end_is_checked_as_python_statemachine_did(
        self, case
    ):
        """The linear check finds exactly the stages a search from each finds."""
        n, moves, ends = case
        stages = [
            Stage(id=f"s{k}", initial=k == 0, terminal=k in ends) for k in range(n)
        ]
        # Every stage reachable from the first, none a trap: only the rule on
        # reaching an end is left to decide.
        moves = [(a, b) for a, b in moves if a not in ends]
        moves += [(0, k) for k in range(1, n)]
        moves += [(k, k) for k in range(n) if k not in ends and k not in dict(moves)]
        moves = list(dict.fromkeys(moves))
        transitions = [
            Transition(event=f"e{k}", sources=f"s{a}", target=f"s{b}")
            for k, (a, b) in enumerate(moves)
        ]
        stuck = _stuck_by_search(stages, moves)
        if stuck:
            with pytest.raises(pl.InvalidConfigError) as exc:
                Pipeline(id="p", stages=stages, transitions=transitions)
            assert str(exc.value).endswith(f"no path to a final state: {stuck!r}")
        else:
            Pipeline(id="p", stages=stages, transitions=transitions)
