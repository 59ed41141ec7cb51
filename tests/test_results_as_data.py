"""Results are data: what the library answers writes to JSON and reads back."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import prospectlib as pl
from prospectlib.lifecycle import Decision
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
    ]


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
