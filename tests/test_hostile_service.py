"""Hostile input at a service's edges: events, stages, extension points, labels."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib.classifiers import Classification
from prospectlib.classifiers import ClassifierRegistry
from prospectlib.classifiers import MarketLabel
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import Stage
from prospectlib.lifecycle import Transition
from prospectlib.lifecycle import b2b_pipeline
from tests.classifiers.test_classify import Misbehaving as Answers

T = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def outcome(call: Callable[[], object]) -> object:
    """What *call* returned, or the prospectlib error it raised."""
    try:
        return call()
    except pl.ProspectlibError as exc:
        return exc


B2B = b2b_pipeline()
LEAD = pl.Lead(id="L-1", created_at=T)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=300),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@pytest.mark.slow
class TestEventsAndStages:
    @given(event=anything)
    def test_any_event_is_answered_or_named(self, event):
        """An event is sent, refused, unknown or the wrong type: never a bare error."""
        for call in (B2B.send, B2B.check):
            got = outcome(lambda call=call: call(LEAD, event, at=T))
            if isinstance(got, pl.UnknownEventError):
                assert isinstance(event, str)
                assert event not in B2B.events
                assert len(str(got)) < 1200  # the name is cut to 64 characters
            elif isinstance(got, pl.ArgumentTypeError):
                assert not isinstance(event, str)
                assert [p.path for p in got.problems] == ["event"]
            elif isinstance(got, pl.TransitionNotAllowedError):
                assert event in B2B.events
                assert got.unmet == tuple(c.message for c in got.conditions)
            else:
                assert event in B2B.events

    @given(stage=st.text(min_size=1, max_size=300).filter(str.strip))
    def test_a_stage_the_pipeline_lacks_is_unknown_stage(self, stage):
        """Both send and check on a lead in a foreign stage say so, naming both."""
        lead = attrs.evolve(LEAD, stage=stage)
        if stage in {s.id for s in B2B.stages}:
            return
        for call in (B2B.send, B2B.check):
            with pytest.raises(pl.UnknownStageError) as exc:
                call(lead, "capture", at=T)
            assert "'b2b'" in str(exc.value)
            assert len(str(exc.value)) < 1200
        result = B2B.send_many([lead], "capture", at=T)
        assert type(result.failures[0].error) is pl.UnknownStageError


answers = st.one_of(
    anything,
    st.sampled_from([ValueError("x"), KeyError("k"), ZeroDivisionError()]),
    st.builds(
        Classification,
        classifier=st.just("odd"),
        label=st.sampled_from([*MarketLabel, *pl.classifiers.TemperatureLabel]),
        confidence=st.floats(0, 1),
    ),
)


@pytest.mark.slow
class TestExtensionPoints:
    @given(answer=answers)
    def test_a_classifier_of_yours_is_checked(self, answer):
        """Only a Classification of its own labels passes; anything else is named."""
        registry = ClassifierRegistry([Answers(answer)])
        got = outcome(lambda: pl.classify(LEAD, at=T, registry=registry)["odd"])
        own = isinstance(answer, Classification) and answer.label in MarketLabel
        if own:
            assert got is answer
        else:
            assert isinstance(got, pl.ClassifierError)
            assert (got.classifier, got.lead_id) == ("odd", "L-1")

    @given(
        confidence=st.one_of(st.floats(), st.integers(), st.text(max_size=3), st.none())
    )
    def test_a_confidence_outside_zero_to_one_is_refused(self, confidence):
        """Classification checks its confidence: a number from 0 to 1."""
        made = outcome(
            lambda: Classification(
                classifier="odd", label=MarketLabel.B2B, confidence=confidence
            )
        )
        if isinstance(made, Classification):
            assert 0 <= made.confidence <= 1
            assert not math.isnan(made.confidence)
        else:
            assert isinstance(made, pl.ValidationError)
            assert [p.path for p in made.problems] == ["Classification.confidence"]

    @given(key=st.text(min_size=1, max_size=20).filter(str.strip))
    def test_no_evidence_never_passes_a_negation(self, key):
        """not_ of any evidence test fails or passes on what is known, by design."""
        for verdict in pl.Verdict:
            negated = cr.not_(cr.has_evidence(key, verdict))
            expected = verdict is not pl.Verdict.UNKNOWN
            assert negated.test(LEAD, at=T) is expected
        assert not cr.has_evidence(key, known=True).test(LEAD, at=T)


@pytest.mark.slow
class TestPipelineLabels:
    @given(
        labels=st.lists(st.text(max_size=40).filter(str.strip), min_size=2, max_size=2)
    )
    def test_any_label_stays_on_its_line(self, labels):
        """Mermaid and DOT: one line per stage, whatever its label holds."""
        pipeline = Pipeline(
            id="p",
            stages=[
                Stage(id="a", label=labels[0], initial=True),
                Stage(id="b", label=labels[1], terminal=True),
            ],
            transitions=[Transition(event="go", sources="a", target="b")],
        )
        mermaid = pipeline.to_mermaid().splitlines()
        assert len(mermaid) == 7
        assert all(line.startswith(("stateDiagram", "    ")) for line in mermaid)
        dot = pipeline.to_dot().splitlines()
        assert len(dot) == 10
        assert dot[-1] == "}"


@pytest.mark.slow
class TestOpenVocabularies:
    @given(
        text=st.one_of(st.text(max_size=80), st.from_regex(r"[a-z]{1,8}:[a-z_]{1,8}"))
    )
    def test_any_text_is_a_member_a_term_or_refused_by_field(self, text):
        """Activity, source and kind: built-in, namespace:name, or a named fault."""
        builds = {
            "Interaction.activity": lambda: (
                pl.Interaction(activity=text, at=T).activity
            ),
            "Lead.source": lambda: pl.Lead(id="L", created_at=T, source=text).source,
            "Objection.kind": lambda: pl.Objection(kind=text, raised_at=T).kind,
        }
        for path, build in builds.items():
            got = outcome(build)
            if isinstance(got, pl.ProspectlibError):
                assert isinstance(got, pl.InvalidLeadError)
                assert [p.path for p in got.problems] == [path]
                assert text not in str(got) or len(text) < 3  # the value is not echoed
            else:
                assert got == text
                assert isinstance(got, pl.Term) is (":" in text)
        data = {"id": "L", "created_at": "2026-03-01T00:00:00Z", "source": text}
        read = outcome(lambda: pl.serialize.from_dict(pl.Lead, data))
        assert isinstance(read, (pl.Lead, pl.InvalidLeadError))
