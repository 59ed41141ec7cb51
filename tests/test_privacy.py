"""Personal data never shows: not in a repr, an explanation, a score or an error."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import strategies as ps
from prospectlib.criteria._base import BUILT_IN
from prospectlib.criteria._compile import InlineWriter
from prospectlib.lifecycle import Pipeline
from prospectlib.model import PERSONAL_FIELDS
from prospectlib.scoring import Rule
from prospectlib.scoring import ScoreModel
from prospectlib.serialize import to_dict

T = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)

# A secret no message could contain by chance: letters in an unusual mix.
secrets = st.text("QZXJKqzxjk", min_size=10, max_size=16).map(lambda s: f"Qz{s}")


@st.composite
def secret_leads(draw: st.DrawFn) -> tuple[pl.Lead, list[str]]:
    """A random lead whose personal fields hold secrets; the secrets as text."""
    name, phone, gender, local = (draw(secrets) for _ in range(4))
    income = Decimal(f"9{draw(st.integers(10**6, 10**9))}.25")
    lead = draw(ps.leads(since=T - dt.timedelta(days=400), until=T))
    person = attrs.evolve(
        lead.person or pl.Person(),
        name=name,
        phone=phone,
        gender=gender,
        email=f"{local}@example.com",
        income=income,
    )
    return attrs.evolve(lead, person=person), [name, phone, gender, local, str(income)]


def comparisons(lead: pl.Lead) -> list[cr.Compare]:
    """Every operator on every personal field, against the lead's own values."""
    made = []
    for field in sorted(PERSONAL_FIELDS):
        actual = getattr(lead.person, field.split(".")[1])
        value = float(actual) if isinstance(actual, Decimal) else actual
        if value is None:
            value = 1  # an unknown age: compared with something all the same
        for op in cr.Op:
            if op in (cr.Op.EXISTS, cr.Op.MISSING):
                made.append(cr.compare(field, op))
            elif op in (cr.Op.IN, cr.Op.NOT_IN):
                made.append(cr.compare(field, op, [value]))
            elif op is not cr.Op.CONTAINS:
                made.append(cr.compare(field, op, value))
    return made


def shown(*things: object) -> str:
    """Everything a caller could print or send of *things*."""
    parts = []
    for thing in things:
        parts += [str(thing), repr(thing)]
        if isinstance(thing, BaseException):
            parts += [repr(a) for a in thing.args]
    return "\n".join(parts)


def assert_hidden(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text


class TestPersonalFields:
    def test_the_personal_fields_are_marked_on_the_model(self):
        """Identifiers and sensitive traits are personal; job title is not."""
        assert {"person.name", "person.email", "person.phone"} <= PERSONAL_FIELDS
        assert {"person.age", "person.gender", "person.income"} <= PERSONAL_FIELDS
        assert "person.job_title" not in PERSONAL_FIELDS
        assert "company.name" not in PERSONAL_FIELDS

    def test_a_person_repr_says_only_what_is_set(self):
        person = pl.Person(name="Jane Roe", email="jane@roe.example", age=41)
        text = repr(person)
        for value in ("Jane", "roe.example", "41"):
            assert value not in text
        assert "name=<personal>" in text
        assert "phone=None" in text

    def test_a_personal_comparison_says_whether_it_holds(self):
        lead = pl.Lead(id="L", created_at=T, person=pl.Person(email="jane@roe.example"))
        check = cr.compare("person.email", "eq", "jane@roe.example").evaluate(
            lead, at=T
        )
        assert check.passed
        assert check.reason == (
            "person.email = the rule's value: holds (personal data, not shown)"
        )

    def test_the_scorer_keeps_no_memo_of_personal_text(self):
        """Orderings of a personal text field are tested, not remembered by value."""
        writer = InlineWriter(specialise=True)
        written = writer.criterion(cr.compare("person.name", "lt", "M"))
        assert written.endswith("(lead, at=at)")
        assert writer.memo_lines() == []
        assert cr.Compare in BUILT_IN


@pytest.mark.slow
class TestNothingShowsASecret:
    @given(secret_leads())
    def test_explanations_and_reprs(self, case):
        """Every comparison on a personal field explains itself without values."""
        lead, hidden = case
        assert_hidden(shown(lead, lead.person), hidden)
        for criterion in comparisons(lead):
            check = criterion.evaluate(lead, at=T)
            assert_hidden(shown(check, *check.unmet), hidden)

    @given(secret_leads())
    def test_scores_and_their_explanations(self, case):
        """A model with rules on personal fields scores and explains without them."""
        lead, hidden = case
        rules = [
            Rule(id=f"r{k}", points=1, when=criterion)
            for k, criterion in enumerate(comparisons(lead))
        ]
        model = ScoreModel(rules=rules[:40])
        score = model.score(lead, at=T)
        assert_hidden(shown(score, score.explain(), *score.contributions), hidden)

    @given(secret_leads(), st.integers(0, 200))
    def test_refusals_of_a_guard_on_personal_data(self, case, pick):
        """A guard on a personal field refuses without saying the value."""
        lead, hidden = case
        criteria = comparisons(lead)
        guard = cr.not_(criteria[pick % len(criteria)])
        pipeline = Pipeline.from_dict(
            {
                "id": "p",
                "label": "P",
                "stages": [
                    {"id": "new", "label": "New", "initial": True},
                    {"id": "won", "label": "Won", "kind": "won", "terminal": True},
                ],
                "transitions": [
                    {
                        "event": "win",
                        "sources": ["new"],
                        "target": "won",
                        # Written inside a union, a criterion carries its kind.
                        "guard": to_dict(cr.all_of(guard))["criteria"][0],
                    },
                ],
            }
        )
        lead = attrs.evolve(lead, stage="new", history=())
        decision = pipeline.check(lead, "win", at=T)
        assert_hidden(shown(decision, *decision.unmet), hidden)
        if not decision.allowed:
            with pytest.raises(pl.TransitionNotAllowedError) as exc:
                pipeline.send(lead, "win", at=T)
            assert_hidden(shown(exc.value), hidden)
            copy = pickle.loads(pickle.dumps(exc.value))  # noqa: S301  # our own error
            assert_hidden(shown(copy), hidden)


def data_of(*things: object) -> str:
    """*things* as a service would send them: `to_dict` of results and errors.

    A result that carries the lead itself (`Advance`, `Settled`, a `send_many`
    result) carries its data by design, as the service's answer: those leads
    are left out, everything else the result says is kept.
    """
    parts = []
    for thing in things:
        if isinstance(thing, pl.ProspectlibError):
            parts.append(repr(thing.to_dict()))
        else:
            parts.append(repr(_without_leads(to_dict(thing))))
    return "\n".join(parts)


def _without_leads(data: object) -> object:
    if isinstance(data, dict):
        return {
            k: _without_leads(x) for k, x in data.items() if k not in {"lead", "leads"}
        }
    if isinstance(data, list):
        return [_without_leads(x) for x in data]
    return data


B2B = pl.lifecycle.b2b_pipeline()
B2C = pl.lifecycle.b2c_pipeline()


@pytest.mark.slow
class TestEveryOperation:
    @given(secret_leads())
    def test_classify_score_and_workflow(self, case):
        """Every answer about a lead with secrets, and its data, holds none of them."""
        lead, hidden = case
        lead = B2B.start(attrs.evolve(lead, stage="prospect", history=()))
        policy = pl.workflow.default_policy()
        answers: list[object] = [
            *pl.classify(lead, at=T).values(),
            pl.scoring.default_model().score(lead, at=T),
            policy.suggest(lead, at=T),
            pl.workflow.advance(lead, B2B, policy, at=T),
            pl.workflow.settle(lead, B2B, policy, at=T),
            *pl.workflow.prioritize([lead], at=T, pipeline=B2B),
            B2B.sla_status(lead, at=T),
            *B2B.decisions(lead, at=T),
            *B2C.decisions(B2C.start(attrs.evolve(lead, stage="visitor")), at=T),
            B2B.send_many([lead], "accept", at=T),
            pl.qualification.BANT.assess(lead, at=T),
        ]
        score = answers[len(pl.classify(lead, at=T))]
        assert isinstance(score, pl.scoring.Score)
        answers += [*score.contributions]
        assert_hidden(shown(*answers, score.explain()), hidden)
        assert_hidden(data_of(*answers), hidden)

    @given(secret_leads(), st.sampled_from(B2B.events))
    def test_every_refusal_and_its_body(self, case, event):
        """Any event refused for such a lead: message, args, data and pickle."""
        lead, hidden = case
        lead = attrs.evolve(lead, stage="marketing_qualified", history=())
        try:
            B2B.send(lead, event, at=T)
        except pl.ProspectlibError as exc:
            twin = pickle.loads(pickle.dumps(exc))  # noqa: S301  # our own error
            assert_hidden(shown(exc, twin) + data_of(exc, twin), hidden)

    @given(secret_leads())
    def test_invalid_personal_data_is_refused_without_it(self, case):
        """Bad values in personal fields: the error names the field, not the value."""
        lead, hidden = case
        data = to_dict(lead)
        secret = hidden[0]
        data["person"] = {
            **data["person"],
            "email": f"{secret} at example",
            "phone": f"{secret}!",
            "age": f"{secret}",
        }
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.serialize.from_dict(pl.Lead, data)
        pointers = {p.pointer for p in exc.value.problems}
        assert {"/person/email", "/person/age"} <= pointers
        assert_hidden(shown(exc.value) + data_of(exc.value), hidden)
