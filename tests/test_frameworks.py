import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import qualification as ql
from prospectlib import serialize
from prospectlib.lifecycle import Pipeline
from prospectlib.lifecycle import b2b_pipeline
from prospectlib.qualification import BANT
from prospectlib.qualification import FRAMEWORKS
from prospectlib.qualification import MEDDIC
from prospectlib.qualification import MEDDPICC
from prospectlib.qualification import Framework
from prospectlib.qualification import FrameworkCriterion
from prospectlib.strategies import leads
from tests.helpers import DAY
from tests.helpers import T0
from tests.helpers import config_problem

BUILT_INS = tuple(FRAMEWORKS.values())


def ev(key: str, verdict: str = "met", at: dt.datetime = T0, **kw) -> pl.Evidence:
    return pl.Evidence(criterion=key, verdict=verdict, at=at, **kw)


def lead(*evidence: pl.Evidence, role: str | None = None, **fields) -> pl.Lead:
    person = None if role is None else pl.Person(role=role)
    return pl.Lead(id="L-1", created_at=T0, person=person, evidence=evidence, **fields)


def met(*keys: str, at: dt.datetime = T0) -> list[pl.Evidence]:
    return [ev(k, "met", at) for k in keys]


def small(*keys: str, **rule) -> Framework:
    """A framework over *keys* with no derivations."""
    return Framework(
        name="T", criteria=[FrameworkCriterion(key=k) for k in keys], **rule
    )


class TestFrameworkCriterion:
    def test_label_defaults_from_the_key(self):
        """Without a label, the key with spaces and a capital is the label."""
        assert FrameworkCriterion(key="economic_buyer").label == "Economic buyer"
        assert FrameworkCriterion(key="budget", label="Money").label == "Money"

    def test_description_and_derivation_are_optional(self):
        """Only the key is required."""
        part = FrameworkCriterion(key="need")
        assert (part.description, part.derived) == ("", None)

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"key": "Budget"}, "FrameworkCriterion.key"),
            ({"key": "economic buyer"}, "FrameworkCriterion.key"),
            ({"key": ""}, "FrameworkCriterion.key"),
            ({"key": 7}, "FrameworkCriterion.key"),
            ({"key": "need", "label": " "}, "FrameworkCriterion.label"),
            ({"key": "need", "description": None}, "FrameworkCriterion.description"),
            ({"key": "need", "derived": "role"}, "FrameworkCriterion.derived"),
        ],
    )
    def test_bad_fields_are_config_errors_naming_the_field(self, fields, path):
        """Keys are snake_case ids, labels non-empty, derivations criteria."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            FrameworkCriterion(**fields)
        assert config_problem(exc).path == path


class TestFrameworkConstruction:
    def test_min_met_defaults_to_all(self):
        """Without min_met, every criterion must be met."""
        assert small("a", "b", "c").min_met == 3

    def test_lists_become_tuples(self):
        """Criteria and required keys given as lists are kept as tuples."""
        f = small("a", "b", required=["a"])
        assert isinstance(f.criteria, tuple)
        assert f.required == ("a",)
        assert small("a", required="a").required == ("a",)

    def test_keys_in_order(self):
        """The keys are the criteria's, in the framework's order."""
        assert MEDDIC.keys == (
            "metrics",
            "economic_buyer",
            "decision_criteria",
            "decision_process",
            "identify_pain",
            "champion",
        )

    @pytest.mark.parametrize(
        ("build", "path", "expected"),
        [
            (
                lambda: small("a", "b", min_met=3),
                "Framework.min_met",
                "at most the number of criteria (2)",
            ),
            (lambda: small("a", min_met=0), "Framework.min_met", "a whole number >= 1"),
            (
                lambda: small("a", min_met=True),
                "Framework.min_met",
                "a whole number >= 1",
            ),
            (
                lambda: small("a", max_unmet=-1),
                "Framework.max_unmet",
                "a whole number >= 0",
            ),
            (
                lambda: small("a", "b", required=("c",)),
                "Framework.required",
                "keys of the framework's criteria ('c' is not one of a, b)",
            ),
            (
                lambda: small("a", required=("a", "a")),
                "Framework.required",
                "a list of distinct criterion keys",
            ),
            (
                lambda: small("a", required=5),
                "Framework.required",
                "a list of distinct criterion keys",
            ),
            (
                lambda: small("a", "a"),
                "Framework.criteria",
                "criteria with distinct keys ('a' appears twice)",
            ),
            (small, "Framework.criteria", "a non-empty list of criteria"),
            (
                lambda: Framework(name="T", criteria=[cr.has_tag("a")]),
                "Framework.criteria",
                "a non-empty list of criteria",
            ),
            (
                lambda: Framework(name="T", criteria=5),
                "Framework.criteria",
                "a non-empty list of criteria",
            ),
            (
                lambda: small(*(f"k{i}" for i in range(65))),
                "Framework.criteria",
                "at most 64 criteria (got 65)",
            ),
            (
                lambda: Framework(name=" ", criteria=[FrameworkCriterion(key="a")]),
                "Framework.name",
                "a non-empty string",
            ),
        ],
    )
    def test_bad_rules_are_config_errors_naming_the_field(self, build, path, expected):
        """Every field is checked, and rules across fields name the field at fault."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            build()
        problem = config_problem(exc)
        assert (problem.path, problem.expected) == (path, expected)

    def test_with_rule_changes_only_what_is_given(self):
        """with_rule returns a variant; the original and the other fields stay."""
        strict = BANT.with_rule(min_met=4)
        assert (strict.min_met, strict.required, strict.max_unmet) == (4, (), 0)
        assert strict.criteria == BANT.criteria
        assert BANT.min_met == 3
        loose = BANT.with_rule(required=["need"], max_unmet=1)
        assert (loose.min_met, loose.required, loose.max_unmet) == (3, ("need",), 1)
        assert BANT.with_rule() == BANT

    def test_with_rule_validates(self):
        """A variant that could never pass is refused like a new framework."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            BANT.with_rule(min_met=5)
        assert config_problem(exc).path == "Framework.min_met"

    def test_frameworks_are_values(self):
        """Frameworks compare and hash by their fields and are frozen."""
        again = small("a", "b", min_met=1)
        assert again == small("a", "b", min_met=1)
        assert hash(again) == hash(small("a", "b", min_met=1))
        assert again != small("a", "b")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            again.min_met = 2  # type: ignore[misc]

    def test_frameworks_pickle(self):
        """A framework crosses process boundaries and still answers (Dask, Spark)."""
        import pickle

        loaded = pickle.loads(pickle.dumps(MEDDIC))  # noqa: S301  # our own data
        assert loaded == MEDDIC
        subject = lead(*met(*MEDDIC.keys))
        assert loaded.test(subject, at=T0)

    def test_a_framework_is_a_criterion(self):
        """A framework fits the Criterion protocol and composes with criteria."""
        assert cr.is_criterion(BANT)
        assert isinstance(BANT, cr.Criterion)
        vip_sql = cr.all_of(BANT, cr.has_tag("vip"))
        subject = lead(*met("budget", "need", "timing"), tags=["vip"])
        assert vip_sql.test(subject, at=T0)


class TestBant:
    def test_a_decision_maker_with_budget_and_need_passes(self):
        """Budget and need evidence plus a decision maker's role pass BANT 3 of 4."""
        subject = lead(*met("budget", "need"), role="decision_maker")
        assessment = BANT.assess(subject, at=T0)
        assert assessment.passed
        assert BANT.test(subject, at=T0)
        assert assessment.met == ("budget", "authority", "need")
        authority = assessment.criteria[1]
        assert (authority.verdict, authority.source, authority.evidence) == (
            pl.Verdict.MET,
            "derived",
            None,
        )
        assert authority.reason == (
            "authority is met, derived: person.role in "
            "[decision_maker, economic_buyer] (is decision_maker)"
        )
        assert assessment.summary == "BANT passed: 3 of 4 met (budget, authority, need)"

    def test_an_economic_buyer_has_authority_and_an_influencer_not(self):
        """Only the deciding roles stand for authority."""
        buyer = lead(*met("budget", "need"), role="economic_buyer")
        influencer = lead(*met("budget", "need"), role="influencer")
        assert BANT.test(buyer, at=T0)
        assert not BANT.test(influencer, at=T0)
        assert BANT.assess(influencer, at=T0).criteria[1].reason == (
            "authority is unknown (no evidence)"
        )

    def test_no_budget_fails_even_with_the_other_three_met(self):
        """Evidence of no budget blocks BANT; the assessment says budget is unmet."""
        subject = lead(ev("budget", "unmet"), *met("authority", "need", "timing"))
        assessment = BANT.assess(subject, at=T0)
        assert not assessment.passed
        assert not BANT.test(subject, at=T0)
        assert assessment.unmet == ("budget",)
        assert assessment.criteria[0].reason == "budget is unmet (evidence 2026-03-01)"
        assert assessment.missing == ("budget is unmet (none may be)",)
        check = BANT.evaluate(subject, at=T0)
        assert check.unmet == ("budget is unmet (evidence 2026-03-01)",)
        assert check.reason == (
            "BANT not passed: 3 of 4 met (authority, need, timing); "
            "missing: budget is unmet (none may be)"
        )

    def test_evidence_recorded_after_at_is_ignored(self):
        """What was learnt later does not count for an earlier moment."""
        later = T0 + 5 * DAY
        subject = lead(*met("budget", "need"), ev("timing", at=later), ev("authority"))
        before = BANT.assess(subject, at=later - DAY)
        assert before.met == ("budget", "authority", "need")
        timing = before.criteria[3]
        assert (timing.verdict, timing.source, timing.evidence) == (
            pl.Verdict.UNKNOWN,
            "none",
            None,
        )
        assert BANT.assess(subject, at=later).met == BANT.keys
        no_budget_later = lead(
            ev("budget", "unmet", later), *met("authority", "need", "timing")
        )
        assert BANT.test(no_budget_later, at=later - DAY)
        assert not BANT.test(no_budget_later, at=later)

    def test_explicit_unmet_authority_beats_a_decision_makers_role(self):
        """Evidence wins over derivation: unmet authority stays unmet."""
        subject = lead(
            ev("authority", "unmet"), *met("budget", "need"), role="decision_maker"
        )
        assessment = BANT.assess(subject, at=T0)
        assert not assessment.passed
        assert not BANT.test(subject, at=T0)
        authority = assessment.criteria[1]
        assert (authority.verdict, authority.source) == (pl.Verdict.UNMET, "evidence")

    def test_unknown_evidence_leaves_room_for_derivation(self):
        """An unknown record does not hide the role; without a role it stays unknown."""
        unknown = ev("authority", "unknown")
        derived = BANT.assess(lead(unknown, role="decision_maker"), at=T0).criteria[1]
        assert (derived.verdict, derived.source) == (pl.Verdict.MET, "derived")
        assert derived.evidence == unknown
        plain = BANT.assess(lead(unknown), at=T0).criteria[1]
        assert (plain.verdict, plain.source, plain.evidence) == (
            pl.Verdict.UNKNOWN,
            "evidence",
            unknown,
        )
        assert plain.reason == "authority is unknown (evidence 2026-03-01)"

    def test_completeness_counts_known_verdicts(self):
        """Met and unmet are known, unknown and missing are not."""
        assert BANT.assess(lead(), at=T0).completeness == 0
        subject = lead(ev("budget"), ev("need", "unmet"), ev("timing", "unknown"))
        assessment = BANT.assess(subject, at=T0)
        assert assessment.completeness == 0.5
        assert (assessment.met, assessment.unmet, assessment.unknown) == (
            ("budget",),
            ("need",),
            ("authority", "timing"),
        )
        everything = lead(*met("budget", "authority", "need"), ev("timing", "unmet"))
        assert BANT.assess(everything, at=T0).completeness == 1

    def test_reasons_never_echo_personal_data(self):
        """Names, e-mails and evidence notes stay out of every reason and summary."""
        subject = attrs.evolve(
            lead(
                ev("budget", note="An Nguyen said 40k"),
                ev("need", "unmet", note="an@acme.example"),
            ),
            person=pl.Person(
                name="An Nguyen", email="an@acme.example", role="decision_maker"
            ),
        )
        for framework in BUILT_INS:
            assessment = framework.assess(subject, at=T0)
            texts = [
                assessment.summary,
                *assessment.missing,
                *(p.reason for p in assessment.criteria),
                *framework.evaluate(subject, at=T0).unmet,
            ]
            assert not any("An" in t or "acme" in t or "40k" in t for t in texts)


class TestMeddic:
    def test_without_a_champion_fails_and_missing_names_it(self):
        """Five of six met is enough only with the champion among them."""
        subject = lead(
            *met("metrics", "economic_buyer", "decision_criteria", "decision_process"),
            ev("identify_pain"),
        )
        assessment = MEDDIC.assess(subject, at=T0)
        assert not assessment.passed
        assert not MEDDIC.test(subject, at=T0)
        assert assessment.missing == ("champion is required (unknown)",)
        assert MEDDIC.evaluate(subject, at=T0).unmet == (
            "champion is unknown (no evidence)",
        )

    def test_a_champion_role_and_economic_buyer_evidence_pass(self):
        """The champion is derived from the contact's role."""
        subject = lead(
            *met("metrics", "economic_buyer", "decision_criteria", "identify_pain"),
            role="champion",
        )
        assessment = MEDDIC.assess(subject, at=T0)
        assert assessment.passed
        assert assessment.criteria[5].source == "derived"
        assert assessment.unknown == ("decision_process",)

    def test_a_decision_maker_is_the_economic_buyer(self):
        """A decision maker's role stands for the economic buyer."""
        subject = lead(
            *met("metrics", "decision_criteria", "identify_pain", "champion"),
            role="decision_maker",
        )
        assert MEDDIC.test(subject, at=T0)

    def test_meddpicc_wants_six_of_eight(self):
        """MEDDPICC adds paper process and competition and needs six met."""
        five = met("metrics", "economic_buyer", "champion", "identify_pain")
        subject = lead(*five, ev("paper_process"))
        assert MEDDPICC.assess(subject, at=T0).missing == (
            "1 more met of: decision_criteria, decision_process, competition",
        )
        assert MEDDPICC.test(lead(*five, *met("paper_process", "competition")), at=T0)


class TestAssessment:
    def test_missing_says_what_stands_between_the_lead_and_passing(self):
        """Unmet required keys, too many unmet, and how many more must be met."""
        f = small("a", "b", "c", "d", min_met=3, required=("a",), max_unmet=1)
        subject = lead(ev("a", "unmet"), ev("b", "unmet"))
        assessment = f.assess(subject, at=T0)
        assert assessment.missing == (
            "a is required (unmet)",
            "a, b are unmet (at most 1 may be)",
            "2 more met of: b, c, d",
        )
        assert assessment.summary == (
            "T not passed: 0 of 4 met; missing: a is required (unmet); "
            "a, b are unmet (at most 1 may be); 2 more met of: b, c, d"
        )
        assert not assessment
        assert not f.test(subject, at=T0)

    def test_a_pass_may_carry_allowed_unmet_criteria(self):
        """Within max_unmet, unmet criteria are named in the summary of a pass."""
        f = small("a", "b", "c", min_met=2, max_unmet=1)
        assessment = f.assess(lead(*met("a", "b"), ev("c", "unmet")), at=T0)
        assert assessment
        assert assessment.missing == ()
        assert assessment.summary == "T passed: 2 of 3 met (a, b); c unmet"
        check = f.evaluate(lead(*met("a", "b"), ev("c", "unmet")), at=T0)
        assert (check.passed, check.unmet) == (True, ())

    def test_required_keys_do_not_double_count(self):
        """A required key that is missing is not also counted among 'more met of'."""
        f = small("a", "b", "c", min_met=2, required=("c",))
        assert f.assess(lead(ev("a")), at=T0).missing == ("c is required (unknown)",)
        assert f.assess(lead(), at=T0).missing == (
            "c is required (unknown)",
            "1 more met of: a, b",
        )

    def test_assess_refuses_a_naive_time(self):
        """The time given to assess is checked like every time-dependent call's."""
        with pytest.raises(pl.ValidationError):
            BANT.assess(lead(), at=dt.datetime(2026, 3, 1))  # noqa: DTZ001  # naive on purpose

    def test_assessments_round_trip_through_dicts(self):
        """An assessment can be returned as JSON data and read back equal."""
        assessment = BANT.assess(lead(ev("budget"), role="decision_maker"), at=T0)
        data = serialize.to_dict(assessment)
        assert data["criteria"][1]["source"] == "derived"
        assert serialize.from_dict(ql.Assessment, data) == assessment


class TestBuiltIns:
    @pytest.mark.parametrize(
        ("name", "size", "min_met", "required"),
        [
            ("BANT", 4, 3, ()),
            ("CHAMP", 4, 3, ("challenges",)),
            ("ANUM", 4, 3, ("authority",)),
            ("MEDDIC", 6, 5, ("economic_buyer", "champion")),
            ("MEDDPICC", 8, 6, ("economic_buyer", "champion")),
            ("GPCTBA/C&I", 8, 6, ("goals", "challenges")),
        ],
    )
    def test_pass_rules(self, name, size, min_met, required):
        """Each built-in's size and rule, none of them allowing an unmet criterion."""
        f = FRAMEWORKS[name]
        assert (len(f.criteria), f.min_met, f.required, f.max_unmet) == (
            size,
            min_met,
            required,
            0,
        )
        assert f.name == name
        assert all(c.description.endswith(".") for c in f.criteria)

    def test_constants_are_the_mapping_values(self):
        """The module constants and FRAMEWORKS hold the same frameworks."""
        assert tuple(FRAMEWORKS) == (
            "BANT",
            "CHAMP",
            "ANUM",
            "MEDDIC",
            "MEDDPICC",
            "GPCTBA/C&I",
        )
        assert FRAMEWORKS["GPCTBA/C&I"] is ql.GPCTBA_CI
        assert (FRAMEWORKS["CHAMP"], FRAMEWORKS["ANUM"]) == (ql.CHAMP, ql.ANUM)

    @pytest.mark.parametrize("framework", BUILT_INS, ids=lambda f: f.name)
    def test_everything_met_passes_and_nothing_known_fails(self, framework):
        """All evidence met passes every built-in; an empty lead passes none."""
        assert framework.test(lead(*met(*framework.keys)), at=T0)
        assert not framework.test(lead(), at=T0)
        assert not framework.assess(lead(), at=T0).passed


class TestSqlGuard:
    def test_bant_guard_is_the_framework(self):
        """bant_guard() is BANT itself; another threshold is a BANT variant."""
        assert pl.qualification.BANT is BANT
        assert pl.qualification.bant_guard() == BANT
        assert pl.qualification.bant_guard(4) == BANT.with_rule(min_met=4)

    def test_the_b2b_guard_is_bant(self):
        """qualify_sales is guarded by BANT itself; MEDDIC when asked for."""
        (route,) = b2b_pipeline().transitions_for("qualify_sales")
        assert route.guard is BANT
        (route,) = b2b_pipeline(framework=MEDDIC).transitions_for("qualify_sales")
        assert route.guard is MEDDIC
        (route,) = b2b_pipeline(bant_min_met=2).transitions_for("qualify_sales")
        assert route.guard == BANT.with_rule(min_met=2)

    def test_a_pipeline_with_a_framework_guard_round_trips(self):
        """A framework guard is written with kind 'framework' and read back equal."""
        custom = small("pain", "impact", min_met=1)
        pipeline = b2b_pipeline(framework=custom)
        data = pipeline.to_dict()
        (guard,) = (
            t["guard"] for t in data["transitions"] if t["event"] == "qualify_sales"
        )
        assert guard["kind"] == "framework"
        assert Pipeline.from_dict(data) == pipeline
        assert Pipeline.from_dict(json.loads(json.dumps(data))).to_dict() == data
        assert Pipeline.from_dict(b2b_pipeline().to_dict()) == b2b_pipeline()

    def test_a_bad_framework_guard_names_its_path(self):
        """A broken framework inside a pipeline is reported from the pipeline down."""
        data = b2b_pipeline().to_dict()
        index = next(
            i
            for i, t in enumerate(data["transitions"])
            if t["event"] == "qualify_sales"
        )
        data["transitions"][index]["guard"]["min_met"] = 9
        with pytest.raises(pl.InvalidConfigError) as exc:
            Pipeline.from_dict(data)
        assert config_problem(exc).path == (
            f"Pipeline.transitions[{index}].guard.min_met"
        )


# --- properties ---------------------------------------------------------------------

KEYS = sorted({k for f in BUILT_INS for k in f.keys})
_KEY = st.sampled_from(KEYS) | st.from_regex(
    r"[a-z][a-z0-9]{0,5}(_[a-z0-9]{1,4}){0,2}", fullmatch=True
)
_ROLES = st.none() | st.sampled_from(pl.BuyingRole)
_DERIVED = st.one_of(
    st.none(),
    st.builds(
        cr.compare,
        st.just("person.role"),
        st.sampled_from(["in", "not_in"]),
        st.lists(st.sampled_from([r.value for r in pl.BuyingRole]), max_size=3),
    ),
    st.builds(cr.compare, st.just("person.role"), st.just("eq"), _KEY),
    st.builds(cr.has_tag, st.sampled_from(["vip", "champion"])),
    st.builds(cr.has_evidence, st.sampled_from(KEYS), st.sampled_from(pl.Verdict)),
    st.just(BANT),
)
_TEXT = st.text(min_size=1, max_size=12).filter(str.strip)


@st.composite
def framework_criteria(draw: st.DrawFn, key: str) -> FrameworkCriterion:
    fields = {"key": key, "derived": draw(_DERIVED)}
    if draw(st.booleans()):
        fields["label"] = draw(_TEXT)
    if draw(st.booleans()):
        fields["description"] = draw(st.text(max_size=30))
    return FrameworkCriterion(**fields)


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    """Any valid framework: keys, labels, derivations and rules drawn at random."""
    keys = draw(st.lists(_KEY, min_size=1, max_size=8, unique=True))
    n = len(keys)
    return Framework(
        name=draw(st.sampled_from(["BANT", "SPICED", "GPCTBA/C&I"]) | _TEXT),
        criteria=[draw(framework_criteria(k)) for k in keys],
        min_met=draw(st.integers(1, n)),
        required=draw(st.lists(st.sampled_from(keys), unique=True, max_size=n)),
        max_unmet=draw(st.integers(0, n)),
    )


FRAMEWORK_CASES = st.sampled_from(BUILT_INS) | frameworks()


@st.composite
def evidenced_leads(draw: st.DrawFn) -> tuple[pl.Lead, dt.datetime]:
    """A random lead with random evidence on the frameworks' keys, and a time."""
    subject = draw(
        leads(max_interactions=1, max_purchases=0, max_objections=0, max_history=0)
    )
    created = subject.created_at
    # Each key absent or with a verdict, mostly met: so that leads often pass.
    verdicts = st.sampled_from(("met", "met", "met", None, "unmet", "unknown"))
    records = {key: (draw(verdicts), draw(st.integers(0, 30))) for key in KEYS}
    evidence = [
        pl.Evidence(criterion=k, verdict=v, at=created + days * DAY)
        for k, (v, days) in records.items()
        if v is not None
    ]
    person = subject.person or pl.Person()
    subject = attrs.evolve(
        subject,
        person=attrs.evolve(person, role=draw(_ROLES)),
        evidence=[*subject.evidence.values(), *evidence],
        tags=draw(st.frozensets(st.sampled_from(["vip", "champion"]))),
    )
    at = (
        created
        + draw(st.integers(0, 40)) * DAY
        + draw(st.sampled_from([dt.timedelta(0), -dt.timedelta(microseconds=1)]))
    )
    return subject, max(at, created)


@pytest.mark.slow
class TestProperties:
    @given(FRAMEWORK_CASES, evidenced_leads())
    def test_test_evaluate_and_assess_agree(self, framework, case):
        """test() is evaluate().passed is assess().passed, for any framework."""
        subject, at = case
        assessment = framework.assess(subject, at=at)
        check = framework.evaluate(subject, at=at)
        assert framework.test(subject, at=at) is check.passed is assessment.passed
        assert check.reason == assessment.summary
        if check.passed:
            assert check.unmet == ()
        else:
            assert check.unmet
            assert len(check.unmet) == len(assessment.criteria) - len(assessment.met)

    @given(FRAMEWORK_CASES, evidenced_leads())
    def test_assessments_are_consistent(self, framework, case):
        """Verdicts partition the keys; completeness and missing follow from them."""
        subject, at = case
        a = framework.assess(subject, at=at)
        assert tuple(p.key for p in a.criteria) == framework.keys
        assert sorted(a.met + a.unmet + a.unknown) == sorted(framework.keys)
        assert a.completeness == (len(a.met) + len(a.unmet)) / len(framework.keys)
        assert 0 <= a.completeness <= 1
        assert a.passed is (not a.missing)
        assert a.passed is (
            len(a.met) >= framework.min_met
            and len(a.unmet) <= framework.max_unmet
            and set(framework.required) <= set(a.met)
        )
        assert a.summary.startswith(f"{framework.name} ")
        for part in a.criteria:
            assert part.reason.startswith(f"{part.key} is {part.verdict.value}")
            assert (part.source == "none") is (part.evidence is None) or (
                part.source == "derived"
            )

    @given(FRAMEWORK_CASES, evidenced_leads())
    def test_evidence_after_at_never_counts(self, framework, case):
        """Dropping every record dated after at changes no verdict at at."""
        subject, at = case
        past = attrs.evolve(
            subject, evidence=[e for e in subject.evidence.values() if e.at <= at]
        )
        assert framework.assess(past, at=at) == framework.assess(subject, at=at)

    @given(evidenced_leads())
    def test_the_sql_guard_and_bant_assess_agree(self, case):
        """The B2B pipeline allows qualify_sales exactly when BANT.assess passes."""
        subject, at = case
        accepted = attrs.evolve(subject, stage="sales_accepted", history=())
        decision = b2b_pipeline().check(accepted, "qualify_sales", at=at)
        assessment = BANT.assess(accepted, at=at)
        assert decision.allowed is assessment.passed
        if decision.allowed:
            assert decision.reasons == (assessment.summary,)
        else:
            assert decision.unmet == BANT.evaluate(accepted, at=at).unmet

    @given(FRAMEWORK_CASES)
    def test_dict_round_trip_is_exact(self, framework):
        """to_dict then from_dict gives an equal framework and the same data."""
        data = serialize.to_dict(framework)
        loaded = serialize.from_dict(Framework, data)
        assert loaded == framework
        assert serialize.to_dict(loaded) == data
        text = serialize.to_json(framework)
        assert serialize.from_json(Framework, text) == framework
        nested = serialize.to_dict(cr.not_(framework))
        assert nested["criterion"]["kind"] == "framework"
        assert serialize.from_dict(cr.Not, nested) == cr.not_(framework)


class TestFromData:
    def test_a_custom_framework_from_a_dict(self):
        """Left-out fields take their defaults: labels from keys, all to be met."""
        f = serialize.from_dict(
            Framework, {"name": "PAIN", "criteria": [{"key": "pain"}, {"key": "fit"}]}
        )
        assert f == attrs.evolve(small("pain", "fit"), name="PAIN")
        assert f != attrs.evolve(small("pain", "fit", min_met=1), name="PAIN")
        assert [c.label for c in f.criteria] == ["Pain", "Fit"]
        assert f.min_met == 2

    @pytest.mark.parametrize(
        ("data", "paths"),
        [
            ({"criteria": [{"key": "a"}]}, ["Framework.name"]),
            ({"name": "X", "criteria": []}, ["Framework.criteria"]),
            ({"name": "X", "criteria": "a"}, ["Framework.criteria"]),
            (
                {"name": "X", "criteria": [{"key": "A b"}]},
                ["Framework.criteria[0].key"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}, {"label": "B"}]},
                ["Framework.criteria[1].key"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a", "weight": 2}]},
                ["Framework.criteria[0].weight"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a", "derived": {"kind": "role"}}]},
                ["Framework.criteria[0].derived.kind"],
            ),
            (
                {
                    "name": "X",
                    "criteria": [
                        {
                            "key": "a",
                            "derived": {
                                "kind": "compare",
                                "field": "person.role",
                                "op": "in",
                                "value": "champion",
                            },
                        }
                    ],
                },
                ["Framework.criteria[0].derived.value"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}, {"key": "a"}]},
                ["Framework.criteria"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}], "min_met": 2},
                ["Framework.min_met"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}], "required": ["b"]},
                ["Framework.required"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}], "min_met": "1"},
                ["Framework.min_met"],
            ),
            (
                {"name": "", "criteria": [{"key": "a"}], "max_unmet": -1},
                ["Framework.name", "Framework.max_unmet"],
            ),
            (
                {"name": "X", "criteria": [{"key": "a"}], "rule": "3 of 4"},
                ["Framework.rule"],
            ),
            (["BANT"], ["Framework"]),
        ],
    )
    def test_bad_dicts_name_every_field_at_fault(self, data, paths):
        """Bad framework data raises InvalidConfigError with each field's path."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(Framework, data)
        assert [p.path for p in exc.value.problems] == paths


class TestTolerance:
    def test_an_allowed_unmet_criterion_does_not_fail_the_fast_path(self):
        """With max_unmet 1, three met and one unmet pass, fast path or explained."""
        lenient = BANT.with_rule(max_unmet=1)
        subject = lead(*met("budget", "authority", "need"), ev("timing", "unmet"))
        assert lenient.test(subject, at=T0)
        assert lenient.assess(subject, at=T0).passed
        assert not BANT.test(subject, at=T0)
        two_unmet = lead(
            *met("budget", "authority"), ev("need", "unmet"), ev("timing", "unmet")
        )
        assert not lenient.test(two_unmet, at=T0)
