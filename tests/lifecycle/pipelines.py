"""Hypothesis strategies for random pipelines and the leads and times to test them at.

The lifecycle property tests import it as
``from tests.lifecycle import pipelines as P``.

A *definition* is a ``(stages, transitions)`` pair of tuples that `Pipeline`
accepts; the ``with_*`` helpers break a valid definition in one named way.
`expected_route` is the reference semantics both engines are compared with: the
first declared transition of the event out of the lead's stage whose guard
passes (and, for `send`, whose reason and actor requirements are met).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.lifecycle import b2c_pipeline

Definition = tuple[tuple[Stage, ...], tuple[Transition, ...]]

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)

# Small alphabets of valid ids. "won" is both a stage and an event id: stages and
# events live in separate namespaces of the chart, as in B2B's ``advocate``.
STAGE_IDS = ("new", "warm", "hot", "won", "lost", "parked", "gone")
EVENT_IDS = ("go", "push", "drop", "won", "lose", "back", "retry", "park")
# Ids that no generated pipeline uses, for the broken definitions.
SPARE_STAGE = "orphan"
UNKNOWN_STAGE = "nowhere"
UNKNOWN_EVENT = "teleport"
PIPELINE_IDS = ("flow", "trial", "deal_flow")
TAGS = ("a", "b", "c")
REASONS = ("price", "timing", "other")
FREE_REASON = "because"
ACTOR = "rep-7"
KINDS = ("open", "won", "lost", "closed")
# Activities the guards below and the ready pipelines look at, and some noise
# (leads also get activities drawn from all of `Activity`).
ACTIVITIES = (
    pl.Activity.CALL,
    pl.Activity.MEETING,
    pl.Activity.EMAIL_OPEN,
    pl.Activity.WEBSITE_VISIT,
    pl.Activity.CONTENT_DOWNLOAD,
    pl.Activity.WEBINAR_ATTENDANCE,
    pl.Activity.NEWSLETTER_SIGNUP,
    pl.Activity.CART_ADD,
    pl.Activity.REFERRAL_MADE,
)
EVIDENCE_KEYS = ("budget", "authority", "need", "timing")
ACME = pl.Company(name="Acme")
PERSONS = (None, pl.Person(email="lead@example.com"), pl.Person(phone="+1 555 0100"))

# Guards: simple criteria over tags, interactions, purchases, evidence and consent,
# including ones that read the time (``within``) and the stage entry.
GUARDS: tuple[cr.Criterion | None, ...] = (
    None,
    cr.has_tag("a"),
    cr.has_tag("b"),
    cr.not_(cr.has_tag("b")),
    cr.has_activity("call"),
    cr.has_activity("call", within=dt.timedelta(days=3)),
    cr.has_activity(since_stage_entry=True),
    cr.has_activity("meeting", at_least=2),
    cr.has_purchase(),
    cr.has_purchase(2),
    cr.has_evidence("budget"),
    cr.not_(cr.has_evidence("budget", "unmet")),
    cr.has_consent("email"),
    cr.any_of(cr.has_tag("a"), cr.has_purchase()),
    cr.all_of(cr.has_activity("meeting"), cr.not_(cr.has_tag("b"))),
)
REAL_GUARDS = tuple(g for g in GUARDS if g is not None)


def default_pipelines() -> tuple[Pipeline, ...]:
    """The two ready pipelines."""
    return (b2b_pipeline(), b2c_pipeline())


# --- valid definitions ----------------------------------------------------------------


def reach(start: Iterable[str], edges: Iterable[tuple[str, str]]) -> set[str]:
    """The stages reachable from *start* along *edges* (``(source, target)``)."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    seen = set(start)
    todo = list(seen)
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _draw_edges(
    draw: st.DrawFn, ids: Sequence[str], terminals: frozenset[str]
) -> list[tuple[str, str]]:
    """A spanning tree from ``ids[0]``, extra edges, then edges out of dead ends."""
    open_ids = [s for s in ids if s not in terminals]
    edges = []
    for index in range(1, len(ids)):
        parents = [s for s in ids[:index] if s not in terminals]
        edges.append((draw(st.sampled_from(parents)), ids[index]))
    edges += draw(
        st.lists(st.tuples(st.sampled_from(open_ids), st.sampled_from(ids)), max_size=6)
    )
    if terminals:
        # Every open stage must be able to reach a terminal one.
        reversed_edges = [(t, s) for s, t in edges]
        can_finish = reach(terminals, reversed_edges)
        for stage in open_ids:
            if stage not in can_finish:
                edges.append((stage, draw(st.sampled_from(sorted(terminals)))))
    else:
        # Without terminal stages, every stage needs a way out (no trap stage).
        for stage in open_ids:
            if not any(source == stage for source, _ in edges):
                edges.append((stage, draw(st.sampled_from(ids))))
    return edges


def _draw_requirements(draw: st.DrawFn) -> dict[str, object]:
    reasons = draw(
        st.one_of(
            st.just(()),
            st.lists(st.sampled_from(REASONS), min_size=1, unique=True).map(tuple),
        )
    )
    return {
        "requires_reason": draw(st.booleans()),
        "reasons": reasons,
        "requires_actor": draw(st.booleans()),
    }


def _draw_transitions(
    draw: st.DrawFn, edges: Sequence[tuple[str, str]]
) -> tuple[Transition, ...]:
    """Give every edge an event, guard and requirements; merge some edges."""
    transitions: list[Transition] = []
    seen: set[tuple[str, str, str]] = set()
    for source, target in edges:
        event = draw(st.sampled_from(EVENT_IDS))
        key = (source, event, target)
        mergeable = [
            i
            for i, t in enumerate(transitions)
            if t.event == event and t.target == target and source not in t.sources
        ]
        if key not in seen and mergeable and draw(st.booleans()):
            # Same event and target from one more source: share the transition.
            index = draw(st.sampled_from(mergeable))
            merged = transitions[index]
            transitions[index] = attrs.evolve(merged, sources=(*merged.sources, source))
        else:
            # A repeated (source, event, target) needs a guard to be told apart.
            guard = draw(st.sampled_from(REAL_GUARDS if key in seen else GUARDS))
            transitions.append(
                Transition(
                    event=event,
                    sources=source,
                    target=target,
                    guard=guard,
                    **_draw_requirements(draw),  # type: ignore[arg-type]
                )
            )
        seen.add(key)
    # Shuffle the declaration order, then guard any unguarded repeat it created.
    shuffled = [transitions[i] for i in draw(st.permutations(range(len(transitions))))]
    seen.clear()
    for index, transition in enumerate(shuffled):
        keys = {(s, transition.event, transition.target) for s in transition.sources}
        if keys & seen and transition.guard is None:
            guard = draw(st.sampled_from(REAL_GUARDS))
            shuffled[index] = attrs.evolve(transition, guard=guard)
        seen |= keys
    return tuple(shuffled)


@st.composite
def definitions(draw: st.DrawFn, *, min_terminals: int = 0) -> Definition:
    """Valid ``(stages, transitions)``: one initial stage, all reachable, no trap.

    Terminal stages have no outgoing transition and every open stage can reach
    one; events may be shared by several transitions and sources, with guards
    drawn from `GUARDS` and random reason and actor requirements.
    """
    ids = draw(st.permutations(STAGE_IDS))[: draw(st.integers(2, len(STAGE_IDS)))]
    terminal_flags = draw(
        st.lists(st.booleans(), min_size=len(ids) - 1, max_size=len(ids) - 1)
    )
    terminals = frozenset(
        s for s, flag in zip(ids[1:], terminal_flags, strict=True) if flag
    )
    if len(terminals) < min_terminals:
        terminals |= {ids[-1]}
    edges = _draw_edges(draw, ids, terminals)
    transitions = _draw_transitions(draw, edges)
    stages = tuple(
        Stage(
            id=s,
            kind=draw(st.sampled_from(KINDS)),
            initial=s == ids[0],
            terminal=s in terminals,
            sla=draw(st.sampled_from((None, dt.timedelta(days=2)))),
        )
        for s in ids
    )
    order = draw(st.permutations(range(len(stages))))
    return tuple(stages[i] for i in order), transitions


def build(definition: Definition, pipeline_id: str = "flow") -> Pipeline:
    """The pipeline of *definition*."""
    stages, transitions = definition
    return Pipeline(id=pipeline_id, stages=stages, transitions=transitions)


@st.composite
def random_pipelines(draw: st.DrawFn) -> Pipeline:
    """A pipeline built from `definitions`."""
    return build(draw(definitions()), draw(st.sampled_from(PIPELINE_IDS)))


def pipelines() -> st.SearchStrategy[Pipeline]:
    """The default pipelines and random ones."""
    return st.one_of(st.sampled_from(default_pipelines()), random_pipelines())


# --- broken definitions ---------------------------------------------------------------


def _initial(stages: Sequence[Stage]) -> Stage:
    return next(s for s in stages if s.initial)


def _any_event(transitions: Sequence[Transition]) -> str:
    return transitions[0].event


def with_unreachable_stage(definition: Definition) -> Definition:
    """Add a terminal stage that no transition leads to."""
    stages, transitions = definition
    return (*stages, Stage(id=SPARE_STAGE, terminal=True)), transitions


def with_trap_stage(definition: Definition) -> Definition:
    """Add an open stage that can be entered but never left."""
    stages, transitions = definition
    into = Transition(
        event=_any_event(transitions), sources=_initial(stages).id, target=SPARE_STAGE
    )
    return (*stages, Stage(id=SPARE_STAGE)), (*transitions, into)


def with_two_initial_stages(definition: Definition) -> Definition:
    """Make a second stage initial too."""
    stages, transitions = definition
    other = next(i for i, s in enumerate(stages) if not s.initial)
    changed = list(stages)
    changed[other] = attrs.evolve(stages[other], initial=True)
    return tuple(changed), transitions


def with_transition_from_terminal(definition: Definition) -> Definition:
    """Add a transition out of a terminal stage (the definition must have one)."""
    stages, transitions = definition
    terminal = next(s for s in stages if s.terminal)
    out = Transition(
        event=_any_event(transitions), sources=terminal.id, target=_initial(stages).id
    )
    return stages, (*transitions, out)


def with_unknown_source(definition: Definition) -> Definition:
    """Add a transition from a stage the pipeline does not have."""
    stages, transitions = definition
    stray = Transition(
        event=_any_event(transitions), sources=UNKNOWN_STAGE, target=stages[0].id
    )
    return stages, (*transitions, stray)


def with_unknown_target(definition: Definition) -> Definition:
    """Point an existing transition at a stage the pipeline does not have."""
    stages, transitions = definition
    return stages, (
        attrs.evolve(transitions[0], target=UNKNOWN_STAGE),
        *transitions[1:],
    )


# --- leads and times ------------------------------------------------------------------


def _hours(draw: st.DrawFn, high: int) -> dt.timedelta:
    return draw(st.integers(0, high * 60)) * MINUTE


@st.composite
def leads_in(draw: st.DrawFn, pipeline: Pipeline, *, new: bool = False) -> pl.Lead:
    """A lead in some stage of *pipeline*, with records that make guards vary.

    Records may lie after the time the lead is tested at (guards must ignore
    them); the lead may have entered its stage after its creation. A *new* lead
    is in the initial stage, without history.
    """
    created = T0 + _hours(draw, 48)

    def when() -> dt.datetime:
        return created + _hours(draw, 24 * 60)

    stage = pipeline.initial_stage.id
    if not new:
        stage = draw(st.sampled_from([s.id for s in pipeline.stages]))
    history = []
    if not new and draw(st.booleans()):
        history.append(
            pl.StageChange(
                event="imported",
                source=pipeline.initial_stage.id,
                target=stage,
                at=when(),
            )
        )
    activities = st.one_of(st.sampled_from(ACTIVITIES), st.sampled_from(pl.Activity))
    interactions = [
        pl.Interaction(activity=draw(activities), at=when())
        for _ in range(draw(st.integers(0, 6)))
    ]
    purchases = [  # a new lead rarely has bought already
        pl.Purchase(at=when(), amount="10", currency="EUR")
        for _ in range(
            draw(st.sampled_from((0, 0, 0, 1)) if new else st.integers(0, 3))
        )
    ]
    evidence = [
        pl.Evidence(criterion=key, verdict=draw(st.sampled_from(pl.Verdict)), at=when())
        for key in EVIDENCE_KEYS
        if draw(st.booleans())
    ]
    consent = []
    if draw(st.booleans()):
        consent.append(
            pl.Consent(
                channel="email",
                status=draw(st.sampled_from(pl.ConsentStatus)),
                at=when() if draw(st.booleans()) else None,
            )
        )
    return pl.Lead(
        id="L-1",
        created_at=created,
        company=draw(st.sampled_from((None, ACME, ACME))),
        person=draw(st.sampled_from(PERSONS)),
        stage=stage,
        history=history,
        interactions=interactions,
        purchases=purchases,
        evidence=evidence,
        consent=consent,
        tags=draw(st.frozensets(st.sampled_from(TAGS))),
    )


def timezones() -> st.SearchStrategy[dt.timezone]:
    """UTC and a few fixed offsets (times compare by instant)."""
    return st.sampled_from(
        (
            dt.UTC,
            dt.timezone(dt.timedelta(hours=5, minutes=30)),
            dt.timezone(dt.timedelta(hours=-8)),
        )
    )


@st.composite
def times_after_entry(draw: st.DrawFn, lead: pl.Lead) -> dt.datetime:
    """A time at or after the lead entered its stage, in some time zone."""
    minutes = draw(st.one_of(st.just(0), st.integers(0, 90 * 24 * 60)))
    offset = minutes * MINUTE
    return (lead.stage_entered_at + offset).astimezone(draw(timezones()))


# --- the reference semantics ----------------------------------------------------------


def inputs_ok(transition: Transition, reason: str | None, actor: str | None) -> bool:
    """Whether *reason* and *actor* satisfy the transition's requirements.

    A blank reason or actor never does: a `StageChange` cannot hold one.
    """
    if any(text is not None and not text.strip() for text in (reason, actor)):
        return False
    return (
        (not transition.requires_reason or reason is not None)
        and (not transition.reasons or reason in transition.reasons)
        and (not transition.requires_actor or actor is not None)
    )


def candidates(pipeline: Pipeline, stage: str, event: str) -> tuple[Transition, ...]:
    """The transitions of *event* out of *stage*, in declaration order."""
    return tuple(
        t for t in pipeline.transitions if t.event == event and stage in t.sources
    )


def expected_route(  # noqa: PLR0913  # the arguments of `Pipeline.send`
    pipeline: Pipeline,
    lead: pl.Lead,
    event: str,
    *,
    at: dt.datetime,
    reason: str | None = None,
    actor: str | None = None,
    check_inputs: bool = False,
) -> Transition | None:
    """The transition *event* should take for *lead* at *at*, or ``None``.

    The first declared transition out of the lead's stage whose guard passes
    (and, with *check_inputs*, whose reason and actor requirements are met);
    nothing is allowed before the lead entered its stage.
    """
    if at < lead.stage_entered_at:
        return None
    for transition in candidates(pipeline, lead.stage, event):
        if transition.guard is not None and not transition.guard.test(lead, at=at):
            continue
        if check_inputs and not inputs_ok(transition, reason, actor):
            continue
        return transition
    return None


def valid_reason(transition: Transition) -> str:
    """A reason *transition* accepts."""
    return transition.reasons[0] if transition.reasons else FREE_REASON
