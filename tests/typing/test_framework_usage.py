"""Uses the qualification frameworks as a user would; checked by mypy --strict in CI."""

import datetime as dt

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import qualification as ql
from prospectlib import serialize

t0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
lead = pl.Lead(
    id="L-1",
    created_at=t0,
    person=pl.Person(role=pl.BuyingRole.DECISION_MAKER),
    evidence=[pl.Evidence(criterion="budget", verdict=pl.Verdict.MET, at=t0)],
)

assessment: ql.Assessment = ql.BANT.assess(lead, at=t0)
passed: bool = assessment.passed
missing: tuple[str, ...] = assessment.missing
share: float = assessment.completeness
part: ql.CriterionAssessment = assessment.criteria[0]
verdict: pl.Verdict = part.verdict
source: ql.VerdictSource = part.source
record: pl.Evidence | None = part.evidence

check: cr.Check = ql.MEDDIC.evaluate(lead, at=t0)
fast: bool = ql.FRAMEWORKS["CHAMP"].test(lead, at=t0)
as_guard: cr.Criterion = ql.BANT
strict: ql.Framework = ql.BANT.with_rule(min_met=4, required=["budget"])
keys: tuple[str, ...] = strict.keys
custom: ql.Framework = serialize.from_dict(
    ql.Framework, {"name": "PAIN", "criteria": [{"key": "pain"}]}
)
pipeline: pl.lifecycle.Pipeline = pl.lifecycle.b2b_pipeline(framework=ql.MEDDIC)
guard: ql.Framework = pl.qualification.bant_guard(4)
