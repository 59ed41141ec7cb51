"""Uses prospectlib.scoring as a user would; checked by mypy --strict in CI."""

import datetime as dt

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import scoring as sc
from prospectlib import serialize
from prospectlib import workflow as wf

t0 = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
lead = pl.Lead(
    id="L-1",
    created_at=t0,
    company=pl.Company(name="Acme", employees=120),
    interactions=[pl.Interaction(activity=pl.Activity.DEMO_REQUEST, at=t0)],
)

model = sc.ScoreModel(
    name="mine",
    rules=[
        sc.Rule(id="big", points=10, when=cr.compare("company.employees", "ge", 50)),
        sc.Rule(
            id="b2b", points=5, label=sc.LabelIs(classifier="market", labels=["b2b"])
        ),
    ],
    signals=[
        sc.Signal(
            id="demo",
            activities=[pl.Activity.DEMO_REQUEST],
            points=20,
            half_life=dt.timedelta(days=30),
        )
    ],
    groups=[sc.Group(id="web", max=10)],
    dimensions=[sc.Dimension(id=sc.FIT), sc.Dimension(id=sc.ENGAGEMENT, max=50)],
)
score: sc.Score = model.score(lead, at=t0)
total: float = score.total
tier: str = score.tier
level: int = score.level
dims: pl.FrozenMap[str, float] = score.dimensions
first: sc.Contribution = score.contributions[0]
kind: sc.ContributionKind = first.kind
top: sc.TopFactors = score.top(2)
text: str = score.explain()
many: list[sc.Score] = model.score_many([lead], at=t0)

loaded: sc.ScoreModel = serialize.from_dict(sc.ScoreModel, serialize.to_dict(model))

policy: wf.QualificationPolicy = wf.default_policy()
suggestion: wf.Suggestion = policy.suggest(lead, at=t0, score=score)
event: str | None = suggestion.event
step: wf.Advance = wf.advance(lead, pl.lifecycle.b2b_pipeline(), policy, at=t0)
moved: pl.Lead = step.lead
shopper = pl.Lead(id="C-1", created_at=t0, stage="visitor")
steps: list[wf.Advance] = wf.advance_many(
    [shopper], pl.lifecycle.b2c_pipeline(), wf.default_b2c_policy(), at=t0
)
ranking: tuple[wf.Priority, ...] = wf.prioritize([lead], at=t0)
rank: int = ranking[0].rank
rule: wf.PolicyRule = wf.PolicyRule(
    id="hot", event="qualify_marketing", reason="hot", tiers=["A1"], levels=[1]
)
