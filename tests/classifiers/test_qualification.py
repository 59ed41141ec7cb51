import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import serialize
from prospectlib.classifiers import Classification
from prospectlib.classifiers import Classifier
from prospectlib.classifiers import Qualification
from prospectlib.classifiers import QualificationLabel
from prospectlib.qualification import BANT
from prospectlib.qualification import CHAMP
from prospectlib.qualification import FRAMEWORKS
from prospectlib.qualification import Framework
from prospectlib.qualification import FrameworkCriterion
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import companies
from prospectlib.strategies import evidence
from prospectlib.strategies import interactions
from prospectlib.strategies import leads
from prospectlib.strategies import persons
from tests.helpers import T0
from tests.helpers import US
from tests.helpers import act
from tests.helpers import config_problem
from tests.helpers import days
from tests.helpers import lead
from tests.helpers import move

Q = Qualification()
IQL = QualificationLabel.IQL
MQL = QualificationLabel.MQL
SRL = QualificationLabel.SRL
SQL = QualificationLabel.SQL
UNQUALIFIED = QualificationLabel.UNQUALIFIED


def ev(criterion: str, verdict: str = "met", at: dt.datetime = T0) -> pl.Evidence:
    return pl.Evidence(criterion=criterion, verdict=verdict, at=at)


CONTACT = pl.Person(email="an@acme.example")
ACME = pl.Company(name="Acme")
ACCEPTED = [
    move("capture", "prospect", "information_qualified", T0 + days(1)),
    move(
        "qualify_marketing",
        "information_qualified",
        "marketing_qualified",
        T0 + days(2),
    ),
    move("accept", "marketing_qualified", "sales_accepted", T0 + days(3)),
]


def bant(*met: str, unmet: tuple[str, ...] = ()) -> list[pl.Evidence]:
    return [ev(c) for c in met] + [ev(c, "unmet") for c in unmet]


AT = T0 + dt.timedelta(days=5)


def classify(the_lead: pl.Lead, at: dt.datetime = AT, **params: object):
    return Qualification(**params).classify(the_lead, at=at)  # type: ignore[arg-type]


def as_of(the_lead: pl.Lead, at: dt.datetime) -> pl.Lead:
    """The lead as it was known at *at*: every record dated later removed."""
    history = tuple(c for c in the_lead.history if c.at <= at)
    if history:
        stage = history[-1].target
    elif the_lead.history:
        stage = the_lead.history[0].source
    else:
        stage = the_lead.stage
    return attrs.evolve(
        the_lead,
        interactions=[i for i in the_lead.interactions if i.at <= at],
        purchases=[p for p in the_lead.purchases if p.at <= at],
        evidence=[e for e in the_lead.evidence.values() if e.at <= at],
        consent=[c for c in the_lead.consent.values() if c.at is None or c.at <= at],
        history=history,
        stage=stage,
    )


class TestArticleExamples:
    def test_ebook_downloader_with_contact_and_company_details_is_iql(self):
        """An e-book downloaded with e-mail and company details makes an IQL."""
        ebook = lead(
            person=CONTACT,
            company=ACME,
            interactions=[
                pl.Interaction(activity="content_download", at=T0, detail="E-book")
            ],
        )
        c = classify(ebook)
        assert c.label is IQL
        assert c.confidence == 1.0
        assert c.reasons == (
            "gave contact and company details to get content (1 time)",
            "no research in the last 90 days",
        )

    def test_solution_video_and_webinar_make_an_mql(self):
        """A solution video watched and a webinar attended make an MQL."""
        researcher = lead(
            interactions=[
                act("solution_video_view", T0 + days(1)),
                act("webinar_attendance", T0 + days(2)),
            ]
        )
        c = classify(researcher)
        assert c.label is MQL
        assert c.evidence["research_in_window"] == 2
        assert c.reasons[0] == (
            "researching solutions: 2 research interactions in the last 90 days "
            "(solution_video_view, webinar_attendance)"
        )

    def test_accepted_decision_maker_with_budget_authority_need_is_sql(self):
        """Budget, authority and need met on an accepted decision maker make an SQL."""
        buyer = lead(
            person=pl.Person(role="decision_maker"),
            company=ACME,
            stage="sales_accepted",
            history=ACCEPTED,
            evidence=bant("budget", "authority", "need"),
        )
        c = classify(buyer)
        assert c.label is SQL
        assert c.reasons[:2] == (
            "BANT passed: 3 of 4 met (budget, authority, need)",
            "accepted by sales ('accept' event)",
        )
        assert c.evidence["srl"] is True
        assert c.evidence["framework_unknown"] == 1


class TestInformationQualified:
    @pytest.mark.parametrize(
        "activity",
        [
            "content_download",
            "form_submission",
            "newsletter_signup",
            "webinar_registration",
        ],
    )
    def test_each_default_content_activity_counts(self, activity):
        """Each default content-for-details activity, with details, makes an IQL."""
        c = classify(lead(person=CONTACT, company=ACME, interactions=[act(activity)]))
        assert c.label is IQL
        assert c.evidence["content_for_details"] == 1

    def test_a_phone_number_is_contact_enough(self):
        """A phone number counts as contact details."""
        c = classify(
            lead(
                person=pl.Person(phone="+84 24 1234 5678"),
                company=ACME,
                interactions=[act("content_download")],
            )
        )
        assert c.label is IQL
        assert c.evidence["contact_known"] is True

    def test_without_company_details_the_lead_is_unqualified(self):
        """Contact details and content without a company do not make an IQL."""
        c = classify(lead(person=CONTACT, interactions=[act("content_download")]))
        assert c.label is UNQUALIFIED
        assert c.reasons[0] == "not information qualified (missing: company details)"

    def test_company_details_can_be_optional(self):
        """With require_company off, contact details and content make an IQL."""
        c = classify(
            lead(person=CONTACT, interactions=[act("content_download")]),
            require_company=False,
        )
        assert c.label is IQL
        assert c.reasons[0] == "gave contact details to get content (1 time)"

    def test_without_contact_details_the_lead_is_unqualified(self):
        """Company details and content without an e-mail or phone are not enough."""
        c = classify(
            lead(
                person=pl.Person(name="An"),
                company=ACME,
                interactions=[act("form_submission")],
            )
        )
        assert c.label is UNQUALIFIED
        assert c.reasons[0] == "not information qualified (missing: e-mail or phone)"

    def test_other_activities_are_not_content_for_details(self):
        """A page view is not content given for details."""
        c = classify(
            lead(person=CONTACT, company=ACME, interactions=[act("page_view")])
        )
        assert c.label is UNQUALIFIED
        assert c.reasons[0] == (
            "not information qualified (missing: content for details)"
        )

    def test_content_activities_are_tunable(self):
        """A configured content activity counts; the defaults then do not."""
        q = {"content_activities": ("event_visit",)}
        details = {"person": CONTACT, "company": ACME}
        assert (
            classify(lead(**details, interactions=[act("event_visit")]), **q).label
            is IQL
        )
        c = classify(lead(**details, interactions=[act("content_download")]), **q)
        assert c.label is UNQUALIFIED

    def test_counts_every_content_interaction(self):
        """The reason and evidence count every content interaction."""
        c = classify(
            lead(
                person=CONTACT,
                company=ACME,
                interactions=[act("content_download"), act("newsletter_signup")],
            )
        )
        assert (
            c.reasons[0] == "gave contact and company details to get content (2 times)"
        )
        assert c.evidence["content_for_details"] == 2


class TestMarketingQualified:
    def test_research_just_inside_the_window_counts(self):
        """Research a microsecond less than 90 days old makes an MQL."""
        at = T0 + days(90) - US
        assert (
            classify(lead(interactions=[act("case_study_download")]), at=at).label
            is MQL
        )

    def test_research_exactly_a_window_old_does_not_count(self):
        """Research exactly 90 days old has left the window."""
        c = classify(lead(interactions=[act("case_study_download")]), at=T0 + days(90))
        assert c.label is UNQUALIFIED
        assert c.evidence["research_in_window"] == 0
        assert c.reasons[1] == "no research in the last 90 days"

    def test_the_window_is_tunable(self):
        """A 30-day window drops research 40 days old."""
        the_lead = lead(interactions=[act("webinar_attendance")])
        assert classify(the_lead, at=T0 + days(40)).label is MQL
        c = classify(the_lead, at=T0 + days(40), research_window=days(30))
        assert c.label is UNQUALIFIED
        assert c.reasons[1] == "no research in the last 30 days"

    def test_a_one_day_window_reads_in_the_singular(self):
        """A one-day window is named 'the last 1 day'."""
        c = classify(lead(), at=T0, research_window=days(1))
        assert c.reasons[1] == "no research in the last 1 day"

    def test_research_min_is_a_boundary(self):
        """With research_min 2, one research interaction is not enough, two are."""
        one = lead(interactions=[act("webinar_attendance")])
        c = classify(one, research_min=2)
        assert c.label is UNQUALIFIED
        assert c.reasons[1] == (
            "only 1 research interaction in the last 90 days (needs 2)"
        )
        two = one.with_interactions(act("case_study_download", T0 + days(1)))
        assert classify(two, research_min=2).label is MQL

    def test_mql_needs_no_iql(self):
        """Research alone makes an MQL; the missing IQL only lowers the confidence."""
        alone = classify(lead(interactions=[act("webinar_attendance")]))
        with_iql = classify(
            lead(
                person=CONTACT,
                company=ACME,
                interactions=[act("content_download"), act("webinar_attendance")],
            )
        )
        assert alone.label is with_iql.label is MQL
        assert alone.confidence == 0.625
        assert with_iql.confidence == 0.875


class TestSalesAccepted:
    def test_an_accept_event_in_the_history_makes_an_srl(self):
        """An 'accept' stage change makes the lead SRL."""
        c = classify(lead(stage="sales_accepted", history=ACCEPTED))
        assert c.label is SRL
        assert c.reasons[0] == "accepted by sales ('accept' event)"
        assert c.evidence["accepted"] is True

    def test_accepted_evidence_makes_an_srl(self):
        """Evidence 'accepted' met makes the lead SRL."""
        c = classify(lead(evidence=[ev("accepted")]))
        assert c.label is SRL
        assert c.reasons[0] == "accepted by sales ('accepted' evidence met)"

    def test_accept_events_are_tunable(self):
        """A configured acceptance event counts; 'accept' then does not."""
        history = [move("hand_over", "prospect", "sales", T0 + days(1))]
        c = classify(lead(stage="sales", history=history), accept_events="hand_over")
        assert c.label is SRL
        assert (
            classify(
                lead(stage="sales_accepted", history=ACCEPTED),
                accept_events=("hand_over",),
            ).label
            is UNQUALIFIED
        )

    def test_the_accepted_criterion_is_tunable(self):
        """A configured acceptance criterion is read instead of 'accepted'."""
        c = classify(lead(evidence=[ev("sal")]), accepted_criterion="sal")
        assert c.label is SRL
        assert (
            classify(lead(evidence=[ev("accepted")]), accepted_criterion="sal").label
            is UNQUALIFIED
        )

    def test_a_rejection_after_the_acceptance_wins(self):
        """'accepted' recorded unmet after the accept event means sales rejected it."""
        c = classify(
            lead(
                stage="sales_accepted",
                history=ACCEPTED,
                evidence=[ev("accepted", "unmet", T0 + days(4))],
            )
        )
        assert c.label is UNQUALIFIED
        assert c.reasons[2] == "rejected by sales ('accepted' evidence unmet)"
        assert c.evidence["accepted"] is False

    def test_an_acceptance_after_a_rejection_wins(self):
        """An accept event after 'accepted' was recorded unmet accepts the lead."""
        c = classify(
            lead(
                stage="sales_accepted",
                history=ACCEPTED,
                evidence=[ev("accepted", "unmet", T0 + days(2))],
            )
        )
        assert c.label is SRL

    def test_an_unknown_acceptance_accepts_nothing(self):
        """'accepted' with an unknown verdict neither accepts nor rejects."""
        c = classify(lead(evidence=[ev("accepted", "unknown")]))
        assert c.label is UNQUALIFIED
        assert c.reasons[2] == "not accepted by sales"

    def test_an_acceptance_after_at_is_ignored(self):
        """An accept event after *at* does not count yet."""
        the_lead = lead(stage="sales_accepted", history=ACCEPTED)
        assert classify(the_lead, at=T0 + days(3) - US).label is UNQUALIFIED
        assert classify(the_lead, at=T0 + days(3)).label is SRL

    def test_accepted_evidence_after_at_is_ignored(self):
        """'accepted' evidence established after *at* does not count yet."""
        the_lead = lead(evidence=[ev("accepted", at=T0 + days(9))])
        assert classify(the_lead, at=T0 + days(9) - US).label is UNQUALIFIED
        assert classify(the_lead, at=T0 + days(9)).label is SRL

    def test_srl_names_what_is_missing_for_sql(self):
        """An SRL's last reason is the framework that has not passed."""
        c = classify(lead(evidence=[ev("accepted"), ev("budget")]))
        assert c.label is SRL
        assert c.reasons == (
            "accepted by sales ('accepted' evidence met)",
            (
                "BANT not passed: 1 of 4 met (budget); "
                "missing: 2 more met of: authority, need, timing"
            ),
        )


class TestSalesQualified:
    def test_three_of_four_met_and_none_unmet_passes(self):
        """Three BANT criteria met, the fourth unknown, make an SQL."""
        c = classify(lead(evidence=bant("budget", "need", "timing")))
        assert c.label is SQL
        assert c.evidence["framework_met"] == 3

    def test_two_of_four_met_does_not_pass(self):
        """Two BANT criteria met are one short."""
        c = classify(lead(evidence=bant("budget", "need")))
        assert c.label is UNQUALIFIED
        assert c.reasons[3] == (
            "BANT not passed: 2 of 4 met (budget, need); "
            "missing: 1 more met of: authority, timing"
        )

    def test_one_unmet_criterion_blocks(self):
        """A criterion known unmet blocks SQL however many others are met."""
        c = classify(
            lead(evidence=bant("budget", "authority", "need", unmet=("timing",)))
        )
        assert c.label is UNQUALIFIED
        assert c.reasons[3] == (
            "BANT not passed: 3 of 4 met (budget, authority, need); "
            "missing: timing is unmet (none may be)"
        )
        assert c.evidence["framework_unmet"] == 1

    def test_unmet_criteria_can_be_allowed(self):
        """With BANT's max_unmet 1, one unmet criterion no longer blocks."""
        c = classify(
            lead(evidence=bant("budget", "authority", "need", unmet=("timing",))),
            framework=BANT.with_rule(max_unmet=1),
        )
        assert c.label is SQL
        assert c.reasons[0] == (
            "BANT passed: 3 of 4 met (budget, authority, need); timing unmet"
        )

    def test_unknown_verdicts_count_as_unknown(self):
        """An 'unknown' verdict is neither met nor unmet."""
        c = classify(
            lead(
                evidence=[*bant("budget", "need", "timing"), ev("authority", "unknown")]
            )
        )
        assert c.label is SQL
        assert (c.evidence["framework_unmet"], c.evidence["framework_unknown"]) == (
            0,
            1,
        )

    def test_sales_can_qualify_directly(self):
        """Framework evidence alone makes an SQL, less surely than the full path."""
        direct = classify(lead(evidence=bant("budget", "authority", "need", "timing")))
        full = classify(
            lead(
                person=CONTACT,
                company=ACME,
                stage="sales_accepted",
                history=ACCEPTED,
                interactions=[act("content_download"), act("webinar_attendance")],
                evidence=bant("budget", "authority", "need", "timing"),
            )
        )
        assert direct.label is full.label is SQL
        assert direct.confidence == 0.75
        assert full.confidence == 1.0
        assert full.reasons == (
            "BANT passed: 4 of 4 met (budget, authority, need, timing)",
            "accepted by sales ('accept' event)",
            (
                "researching solutions: 1 research interaction in the last 90 days "
                "(webinar_attendance)"
            ),
            "gave contact and company details to get content (1 time)",
        )

    def test_champ_reads_its_own_evidence(self):
        """With CHAMP, its criteria decide SQL and the reasons say CHAMP."""
        c = classify(
            lead(evidence=bant("challenges", "money", "prioritization")),
            framework=CHAMP,
        )
        assert c.label is SQL
        assert c.reasons[0] == (
            "CHAMP passed: 3 of 4 met (challenges, money, prioritization)"
        )
        c = classify(
            lead(evidence=bant("budget", "authority", "need")), framework=CHAMP
        )
        assert c.label is UNQUALIFIED
        assert c.evidence["framework_met"] == 1

    def test_the_framework_rule_is_its_own(self):
        """CHAMP's required challenges block SQL however many others are met."""
        c = classify(
            lead(evidence=bant("authority", "money", "prioritization")),
            framework=CHAMP,
        )
        assert c.label is UNQUALIFIED
        assert c.reasons[3] == (
            "CHAMP not passed: 3 of 4 met (authority, money, prioritization); "
            "missing: challenges is required (unknown)"
        )

    def test_a_custom_framework_decides(self):
        """A custom two-of-three framework passes on two, and counts its own three."""
        spin = Framework(
            name="SPIN",
            criteria=[FrameworkCriterion(key=k) for k in ("situation", "pain", "gain")],
            min_met=2,
        )
        c = classify(lead(evidence=bant("situation", "pain")), framework=spin)
        assert c.label is SQL
        assert c.confidence == pytest.approx(0.5 + 0.25 * 2 / 3)
        assert c.reasons[0] == "SPIN passed: 2 of 3 met (situation, pain)"
        assert (c.evidence["framework_met"], c.evidence["framework_unknown"]) == (2, 1)
        progress = classify(lead(evidence=bant("pain")), framework=spin).confidence
        assert progress == 0.75

    def test_evidence_after_at_is_ignored(self):
        """Evidence established after *at* does not count yet."""
        the_lead = lead(
            evidence=[ev("budget"), ev("need"), ev("timing", at=T0 + days(9))]
        )
        assert classify(the_lead, at=T0 + days(9) - US).label is UNQUALIFIED
        assert classify(the_lead, at=T0 + days(9)).label is SQL


class TestConfidence:
    def test_a_lead_with_nothing_is_surely_unqualified(self):
        """With no evidence at all, UNQUALIFIED is certain."""
        assert classify(lead()).confidence == 1.0

    def test_partial_progress_lowers_an_unqualified_confidence(self):
        """Being part of the way to a level makes UNQUALIFIED less sure."""
        contact_only = classify(lead(person=CONTACT))
        two_of_three = classify(lead(evidence=bant("budget", "need")))
        blocked = classify(
            lead(evidence=bant("budget", "authority", "need", unmet=("timing",)))
        )
        assert contact_only.confidence == pytest.approx(1 - 0.5 / 3)
        assert two_of_three.confidence == pytest.approx(1 - 0.5 * 2 / 3)
        assert blocked.confidence == 0.5

    def test_without_required_company_progress_counts_two_parts(self):
        """With require_company off, contact alone is half the way to IQL."""
        c = classify(lead(person=CONTACT), require_company=False)
        assert c.label is UNQUALIFIED
        assert c.confidence == 0.75
        assert (
            c.reasons[0] == "not information qualified (missing: content for details)"
        )

    def test_sql_confidence_follows_the_formula(self):
        """SQL: 0.5 + 0.25 x share met + 0.25 x share of lower levels reached."""
        c = classify(
            lead(
                stage="sales_accepted",
                history=ACCEPTED,
                evidence=bant("budget", "authority", "need"),
            )
        )
        assert c.confidence == pytest.approx(0.5 + 0.25 * 3 / 4 + 0.25 * 1 / 3)


class TestAsOf:
    def test_records_after_at_change_nothing(self):
        """Adding records dated after *at* leaves the answer unchanged."""
        base = lead(
            person=CONTACT, company=ACME, interactions=[act("content_download")]
        )
        at = T0 + days(1)
        later = base.with_interactions(
            act("webinar_attendance", T0 + days(2))
        ).with_evidence(
            *(ev(c, at=T0 + days(2)) for c in ("budget", "authority", "need"))
        )
        assert classify(later, at=at) == classify(base, at=at)


class TestParameters:
    @pytest.mark.parametrize(
        ("params", "path", "expected"),
        [
            ({"name": ""}, "Qualification.name", "a non-empty string"),
            (
                {"content_activities": ()},
                "Qualification.content_activities",
                "a non-empty list of activities",
            ),
            (
                {"content_activities": ("nope",)},
                "Qualification.content_activities",
                "a non-empty list of activities",
            ),
            (
                {"research_activities": 3},
                "Qualification.research_activities",
                "a non-empty list of activities",
            ),
            (
                {"research_window": days(0)},
                "Qualification.research_window",
                "a positive timedelta",
            ),
            (
                {"research_window": 90},
                "Qualification.research_window",
                "a positive timedelta",
            ),
            ({"research_min": 0}, "Qualification.research_min", "a whole number >= 1"),
            (
                {"research_min": True},
                "Qualification.research_min",
                "a whole number >= 1",
            ),
            ({"require_company": 1}, "Qualification.require_company", "true or false"),
            (
                {"accept_events": ()},
                "Qualification.accept_events",
                "a non-empty list of distinct non-empty strings",
            ),
            (
                {"accept_events": ("accept", "accept")},
                "Qualification.accept_events",
                "a non-empty list of distinct non-empty strings",
            ),
            (
                {"accept_events": (" ",)},
                "Qualification.accept_events",
                "a non-empty list of distinct non-empty strings",
            ),
            (
                {"accept_events": None},
                "Qualification.accept_events",
                "a non-empty list of distinct non-empty strings",
            ),
            (
                {"accepted_criterion": ""},
                "Qualification.accepted_criterion",
                "a non-empty string",
            ),
            (
                {"framework": "BANT"},
                "Qualification.framework",
                "a Framework, e.g. prospectlib.qualification.BANT",
            ),
            (
                {"framework": BANT.criteria},
                "Qualification.framework",
                "a Framework, e.g. prospectlib.qualification.BANT",
            ),
        ],
    )
    def test_bad_parameters_are_refused_by_name(self, params, path, expected):
        """A bad parameter raises InvalidConfigError naming the field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            Qualification(**params)
        problem = config_problem(exc)
        assert (problem.path, problem.expected) == (path, expected)

    def test_activities_and_names_are_converted(self):
        """Activity names become Activity members; one string becomes a tuple."""
        q = Qualification(
            research_activities="webinar_attendance", accept_events="hand_over"
        )
        assert q.research_activities == (pl.Activity.WEBINAR_ATTENDANCE,)
        assert q.accept_events == ("hand_over",)

    def test_the_default_framework_is_bant(self):
        """By default the framework is BANT itself, the B2B pipeline's SQL guard."""
        assert Q.framework is BANT
        guard = pl.lifecycle.b2b_pipeline().transitions_for("qualify_sales")[0].guard
        assert guard == Q.framework

    def test_a_naive_at_is_refused(self):
        """A naive ``at`` raises a ValidationError."""
        with pytest.raises(pl.ValidationError):
            Q.classify(lead(), at=AT.replace(tzinfo=None))

    def test_round_trips_through_serialize(self):
        """A tuned classifier survives to_dict and from_dict unchanged."""
        q = Qualification(
            name="qualification_strict",
            research_window=days(30),
            research_min=2,
            framework=BANT.with_rule(max_unmet=1),
        )
        data = serialize.to_dict(q)
        assert data["research_window"] == "P30D"
        assert data["framework"]["max_unmet"] == 1
        assert serialize.from_dict(Qualification, data) == q
        assert serialize.from_dict(Qualification, serialize.to_dict(Q)) == Q

    @pytest.mark.parametrize("framework", list(FRAMEWORKS.values()), ids=str)
    def test_every_built_in_framework_round_trips_through_json(self, framework):
        """The framework is written in full and read back equal, through JSON."""
        q = Qualification(framework=framework)
        data = json.loads(json.dumps(serialize.to_dict(q)))
        assert data["framework"]["name"] == framework.name
        assert serialize.from_dict(Qualification, data) == q

    def test_missing_framework_data_means_bant(self):
        """from_dict without a framework gives the default, BANT."""
        assert serialize.from_dict(Qualification, {}).framework == BANT

    @pytest.mark.parametrize(
        ("data", "path"),
        [
            ({"research_min": 0}, "Qualification.research_min"),
            ({"framework": "BANT"}, "Qualification.framework"),
            (
                {"framework": {"name": "X", "criteria": [{"key": "a"}], "min_met": 2}},
                "Qualification.framework.min_met",
            ),
        ],
    )
    def test_bad_data_is_refused_by_name(self, data, path):
        """from_dict reports a bad parameter by its field, inside the framework too."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(Qualification, data)
        assert config_problem(exc).path == path

    def test_is_a_classifier_with_its_registry_name(self):
        """The default name is 'qualification_level' and it fits the protocol."""
        assert Q.name == "qualification_level"
        assert isinstance(Q, Classifier)


def _rank(label: QualificationLabel) -> int:
    return list(QualificationLabel).index(label)


WINDOW_LEADS = leads(since=T0, until=T0 + days(60))


@st.composite
def rich_leads(draw: st.DrawFn) -> pl.Lead:
    """Business leads in a 60-day window with BANT and acceptance evidence."""
    the_lead = draw(
        leads(
            since=T0,
            until=T0 + days(60),
            max_interactions=8,
            person=persons(),
            company=st.none() | companies(),
        )
    )
    extra = draw(
        st.lists(
            evidence(
                since=the_lead.created_at,
                until=T0 + days(60),
                criteria=("budget", "authority", "need", "timing", "accepted"),
            ),
            max_size=5,
        )
    )
    return the_lead.with_evidence(*extra)


WINDOW_AT = aware_datetimes(min_value=T0, max_value=T0 + days(120))


@pytest.mark.slow
class TestProperties:
    @given(leads(), aware_datetimes())
    def test_total_on_any_lead(self, the_lead, at):
        """Any valid lead gets a label, a confidence in [0, 1], 1-4 reasons, scalars."""
        c = Q.classify(the_lead, at=at)
        assert isinstance(c, Classification)
        assert c.classifier == "qualification_level"
        assert c.label in QualificationLabel
        assert 0 <= c.confidence <= 1
        assert 1 <= len(c.reasons) <= 4
        assert all(
            isinstance(v, (str, int, float, bool)) or v is None
            for v in c.evidence.values()
        )

    @given(WINDOW_LEADS, WINDOW_AT)
    def test_as_of_at(self, the_lead, at):
        """Records dated after *at* do not change the answer."""
        assert Q.classify(the_lead, at=at) == Q.classify(as_of(the_lead, at), at=at)

    @given(rich_leads(), WINDOW_AT, st.data())
    def test_more_interactions_never_lower_the_level(self, the_lead, at, data):
        """Adding interactions never lowers the qualification level."""
        extra = data.draw(
            st.lists(
                interactions(since=the_lead.created_at, until=T0 + days(60)),
                max_size=3,
            )
        )
        before = Q.classify(the_lead, at=at).label
        after = Q.classify(the_lead.with_interactions(*extra), at=at).label
        assert _rank(after) >= _rank(before)

    @given(rich_leads(), WINDOW_AT)
    def test_label_agrees_with_the_levels_seen(self, the_lead, at):
        """The label is the highest level the evidence says was reached."""
        c = Q.classify(the_lead, at=at)
        seen = [lvl for lvl in (IQL, MQL, SRL, SQL) if c.evidence[lvl.value]]
        assert c.label is (seen[-1] if seen else UNQUALIFIED)


FRAMEWORK_KEYS = tuple(dict.fromkeys(k for f in FRAMEWORKS.values() for k in f.keys))


@st.composite
def framework_leads(draw: st.DrawFn) -> pl.Lead:
    """Leads naming a person (any buying role) with evidence on framework criteria."""
    the_lead = draw(
        leads(since=T0, until=T0 + days(60), max_interactions=2, person=persons())
    )
    extra = draw(
        st.lists(
            evidence(
                since=the_lead.created_at,
                until=T0 + days(60),
                criteria=FRAMEWORK_KEYS,
            ),
            max_size=8,
        )
    )
    return the_lead.with_evidence(*extra)


@pytest.mark.slow
class TestAgreesWithTheFramework:
    def test_a_decision_maker_with_budget_and_need_is_sql_and_accepted(self):
        """A decision maker with budget and need met is SQL, as qualify_sales says."""
        buyer = lead(
            person=pl.Person(role="decision_maker"),
            company=ACME,
            stage="sales_accepted",
            history=ACCEPTED,
            evidence=bant("budget", "need"),
        )
        c = classify(buyer)
        assert c.label is SQL
        assert c.reasons[0] == "BANT passed: 3 of 4 met (budget, authority, need)"
        assert c.evidence["framework_met"] == 3
        b2b = pl.lifecycle.b2b_pipeline()
        decision = b2b.check(buyer, "qualify_sales", at=AT)
        assert decision.allowed
        assert decision.reasons == (c.reasons[0],)
        assert b2b.send(buyer, "qualify_sales", at=AT).stage == "sales_qualified"

    def test_authority_evidence_unmet_beats_the_role(self):
        """Authority recorded unmet blocks SQL for a decision maker, as in the guard."""
        buyer = lead(
            person=pl.Person(role="economic_buyer"),
            stage="sales_accepted",
            history=ACCEPTED,
            evidence=bant("budget", "need", "timing", unmet=("authority",)),
        )
        c = classify(buyer)
        assert c.label is SRL
        assert c.evidence["sql"] is False
        assert c.evidence["framework_unmet"] == 1
        decision = pl.lifecycle.b2b_pipeline().check(buyer, "qualify_sales", at=AT)
        assert not decision.allowed

    @given(leads(), aware_datetimes())
    def test_sql_is_bant_on_any_lead(self, the_lead, at):
        """On any lead, SQL is whether BANT passes, and the counts are BANT's."""
        a = BANT.assess(the_lead, at=at)
        c = Q.classify(the_lead, at=at)
        assert c.evidence["sql"] is a.passed
        assert (
            c.evidence["framework_met"],
            c.evidence["framework_unmet"],
            c.evidence["framework_unknown"],
        ) == (len(a.met), len(a.unmet), len(a.unknown))

    @given(framework_leads(), WINDOW_AT, st.sampled_from(list(FRAMEWORKS.values())))
    def test_sql_is_the_framework_on_evidence_rich_leads(self, the_lead, at, fw):
        """With any built-in framework, SQL is its verdict, the guard's fast one too."""
        c = Qualification(framework=fw).classify(the_lead, at=at)
        assert c.evidence["sql"] is fw.assess(the_lead, at=at).passed
        assert c.evidence["sql"] is fw.test(the_lead, at=at)
