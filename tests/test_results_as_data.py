"""Results are data: what the library answers writes to JSON and reads back."""

from __future__ import annotations

import datetime as dt
import enum
import json

import attrs
import pytest

import prospectlib as pl
from prospectlib.classifiers import Classification
from prospectlib.lifecycle import Decision
from prospectlib.lifecycle import SendFailure
from prospectlib.lifecycle import SendManyResult
from prospectlib.lifecycle import SlaStatus
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.scoring import Contribution
from prospectlib.scoring import Score
from prospectlib.scoring import TopFactors
from prospectlib.scoring import default_model
from prospectlib.serialize import from_dict
from prospectlib.serialize import from_json
from prospectlib.serialize import to_dict
from prospectlib.serialize import to_json
from prospectlib.workflow import Advance
from prospectlib.workflow import Priority
from prospectlib.workflow import Settled
from prospectlib.workflow import Suggestion
from prospectlib.workflow import advance
from prospectlib.workflow import default_policy
from prospectlib.workflow import prioritize
from prospectlib.workflow import settle

T = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
LEAD = pl.Lead(
    id="L-1",
    created_at=T,
    company=pl.Company(name="Acme", industry="software", employees=200),
    person=pl.Person(job_title="CEO", role="decision_maker"),
    interactions=[
        pl.Interaction(activity=activity, at=T)
        for activity in ("webinar_attendance", "demo_request")
    ],
)
B2B = b2b_pipeline()
SCORE = default_model().score(LEAD, at=T)


def results() -> list[object]:
    mql = advance(LEAD, B2B, default_policy(), at=T).lead
    return [
        SCORE,
        *SCORE.contributions,
        SCORE.top(2),
        B2B.check(mql, "accept", at=T),
        B2B.check(LEAD, "accept", at=T),
        B2B.sla_status(mql, at=T + dt.timedelta(days=3)),
        default_policy().suggest(LEAD, at=T),
        advance(LEAD, B2B, default_policy(), at=T),
        settle(LEAD, B2B, default_policy(), at=T),
        *prioritize([LEAD, mql], at=T, pipeline=B2B),
        *pl.classify(LEAD, at=T).values(),
        SENT,
        *SENT.failures,
        *B2B.send_many(["not a lead"], "capture", at=T).failures,
    ]


# One failure of each kind send_many records, beside a lead that moved.
SENT = B2B.send_many(
    [
        LEAD,
        attrs.evolve(LEAD, id="L-2", stage="sales_accepted"),
        attrs.evolve(LEAD, id="L-3", stage="vistor"),
    ],
    "qualify_marketing",
    at=T,
)


@pytest.mark.parametrize("result", results(), ids=lambda r: type(r).__name__)
def test_each_result_round_trips_through_json(result):
    """to_json, then from_json: an equal value, of the same type."""
    text = to_json(result)
    assert json.loads(text) == to_dict(result)
    assert from_json(type(result), text) == result


def test_every_kind_of_result_is_covered():
    kinds = {type(r) for r in results()}
    assert kinds == {
        Score,
        Contribution,
        TopFactors,
        Decision,
        SlaStatus,
        Suggestion,
        Advance,
        Settled,
        Priority,
        Classification,
        SendManyResult,
        SendFailure,
    }


def test_a_score_is_written_without_its_contributions():
    """The contributions are written one by one: a score read back has none."""
    data = to_dict(SCORE)
    assert "contributions" not in data
    assert from_dict(Score, data).contributions == ()
    assert [to_dict(c)["id"] for c in SCORE.contributions]


def test_a_broken_result_is_named_by_path():
    data = to_dict(B2B.check(LEAD, "accept", at=T))
    data["allowed"] = "yes"
    with pytest.raises(pl.ValidationError) as exc:
        from_dict(Decision, data)
    assert [p.path for p in exc.value.problems] == ["Decision.allowed"]


def test_send_many_records_every_kind_of_failure_as_data():
    """A refusal, an unknown stage and a non-lead come back as equal errors."""
    failures = [
        *SENT.failures,
        *B2B.send_many(["not a lead"], "capture", at=T).failures,
    ]
    assert [type(f.error).__name__ for f in failures] == [
        "TransitionNotAllowedError",
        "UnknownStageError",
        "LeadTypeError",
    ]
    back = from_json(SendFailure, to_json(SENT.failures[0]))
    assert back.error.conditions == SENT.failures[0].error.conditions
    for failure in failures:
        read = from_dict(SendFailure, to_dict(failure)).error
        assert (type(read), str(read)) == (type(failure.error), str(failure.error))
        assert read.to_dict() == failure.error.to_dict()


def test_a_result_holding_something_other_than_a_lead_is_not_data():
    """send_many keeps a non-lead input as it was: such a result cannot be written."""
    with pytest.raises(pl.UnsupportedTypeError):
        to_dict(SendManyResult(leads=("x",), failures=()))  # type: ignore[arg-type]


def _failure_with(error: object) -> dict[str, object]:
    return {"index": 0, "lead_id": "L-1", "error": error}


@pytest.mark.parametrize(
    ("error", "paths"),
    [
        (5, ["SendFailure.error.error"]),
        ({"error": "KeyError"}, ["SendFailure.error.error"]),
        ({"error": "UnknownStageError"}, ["SendFailure.error.message"]),
        (
            {"error": "InvalidLeadError", "problems": [{"path": 1}]},
            ["SendFailure.error.problems[0].path"],
        ),
        ({"error": "InvalidLeadError", "problems": {}}, ["SendFailure.error.problems"]),
        (
            {
                "error": "TransitionNotAllowedError",
                "lead_id": "L-1",
                "stage": "s",
                "event": "e",
                "conditions": [{"kind": "x", "verdict": "no", "message": "m"}],
            },
            ["SendFailure.error.conditions[0].verdict"],
        ),
        (
            {
                "error": "TransitionNotAllowedError",
                "lead_id": "L-1",
                "stage": "s",
                "event": "e",
                "conditions": [
                    {"kind": "x", "key": 5, "verdict": "unmet", "message": "m"}
                ],
            },
            ["SendFailure.error.conditions[0].key"],
        ),
    ],
)
def test_a_broken_error_body_is_named_by_path(error, paths):
    """Reading a failure back checks the error's body, field by field."""
    with pytest.raises(pl.ValidationError) as exc:
        from_dict(SendFailure, _failure_with(error))
    assert [p.path for p in exc.value.problems] == paths


class TestClassifications:
    def test_a_label_is_written_as_text(self):
        """The label is its value; reading it back gives the classifier's member."""
        answer = pl.classify(LEAD, at=T)["market"]
        data = to_dict(answer)
        assert data["label"] == answer.label.value
        assert from_dict(Classification, data).label is answer.label

    def test_your_classifier_reads_back_through_its_registry(self):
        """registry= holds the labels of a classifier of yours."""
        registry = pl.classifiers.ClassifierRegistry([_Loud()])
        answer = pl.classify(LEAD, at=T, registry=registry)["loud"]
        data = to_dict(answer)
        assert from_dict(Classification, data, registry=registry) == answer
        assert from_json(Classification, to_json(answer), registry=registry) == answer
        with pytest.raises(pl.ValidationError) as exc:
            from_dict(Classification, data)
        assert [p.path for p in exc.value.problems] == ["Classification.classifier"]
        assert "built-in" in str(exc.value)
        with pytest.raises(pl.ValidationError, match="registry passed"):
            from_dict(
                Classification,
                {**data, "classifier": "market"},
                registry=registry,
            )

    @pytest.mark.parametrize(
        ("change", "paths"),
        [
            ({"label": "b2x"}, ["Classification.label"]),
            ({"confidence": 1.5}, ["Classification.confidence"]),
            ({"confidence": True}, ["Classification.confidence"]),
            ({"confidence": None}, ["Classification.confidence"]),
            ({"reasons": "why"}, ["Classification.reasons"]),
            ({"evidence": {"n": [1]}}, ["Classification.evidence"]),
            ({"classifier": 5}, ["Classification.classifier"]),
            ({"extra": 1}, ["Classification.extra"]),
            ({"a b": 1, "label": 5}, ["Classification['a b']", "Classification.label"]),
        ],
    )
    def test_every_fault_is_named(self, change, paths):
        """Each bad key is reported at its path, all at once."""
        data = {**to_dict(pl.classify(LEAD, at=T)["market"]), **change}
        with pytest.raises(pl.ValidationError) as exc:
            from_dict(Classification, data)
        assert [p.path for p in exc.value.problems] == paths

    def test_not_an_object(self):
        with pytest.raises(pl.ValidationError) as exc:
            from_dict(Classification, [1])
        assert [p.path for p in exc.value.problems] == ["Classification"]

    def test_a_registry_goes_only_to_what_reads_it(self):
        """criteria= and registry= are separate: neither reaches the other's hooks."""
        criteria = pl.criteria.CriterionRegistry()
        answer = pl.classify(LEAD, at=T)["market"]
        assert from_dict(Classification, to_dict(answer), criteria=criteria) == answer
        registry = pl.classifiers.ClassifierRegistry()
        custom = {"criterion": {"kind": "custom", "name": "x"}}
        with pytest.raises(pl.InvalidConfigError, match="criteria=registry"):
            from_dict(pl.criteria.Not, custom, registry=registry)
        with pytest.raises(pl.InvalidConfigError) as both:
            from_dict(Classification, {}, criteria=criteria, registry=registry)
        assert [p.path for p in both.value.problems] == ["from_dict.registry"]
        with pytest.raises(pl.ConfigTypeError, match="registry: expected a Classif"):
            from_dict(Classification, {}, registry=criteria)


class _Loud:
    """A classifier of the test's own: every lead is loud."""

    name = "loud"
    labels = enum.StrEnum("Volume", ["LOUD", "QUIET"])

    def classify(self, lead: pl.Lead, *, at: dt.datetime) -> Classification:
        return Classification(
            classifier=self.name, label=self.labels.LOUD, confidence=0.5
        )
