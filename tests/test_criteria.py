import datetime as dt
import operator
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import prospectlib as pl
from prospectlib import criteria as cr
from prospectlib import serialize
from prospectlib.strategies import LATEST
from prospectlib.strategies import aware_datetimes
from prospectlib.strategies import leads
from tests.helpers import IST
from tests.helpers import T0
from tests.helpers import US
from tests.helpers import act
from tests.helpers import buy
from tests.helpers import config_problem
from tests.helpers import days
from tests.helpers import lead
from tests.helpers import move

EMPTY = lead()

# A lead with every profile field Compare looks at.
RICH = lead(
    source="event",
    tags={"vip", "newsletter"},
    person=pl.Person(
        age=34,
        email="an@acme.example",
        interests=("cycling", "photography"),
        location=pl.Location(country="vn", city="Hanoi"),
    ),
    company=pl.Company(
        name="Acme",
        industry="logistics",
        employees=240,
        annual_revenue=Decimal("1500000.50"),
        location=pl.Location(country="DE"),
    ),
    attributes={
        "plan": "pro",
        "seats": 12,
        "score": 0.75,
        "opted_in": True,
        "note": None,
    },
)

# Entered 'nurture' on day 10, after research on day 5; engaged again after.
NURTURE_ENTRY = T0 + days(10)
NURTURED = lead(
    stage="nurture",
    history=[
        move("capture", "prospect", "information_qualified", T0 + days(1)),
        move(
            "qualify_marketing",
            "information_qualified",
            "marketing_qualified",
            T0 + days(2),
        ),
        move("nurture", "marketing_qualified", "nurture", NURTURE_ENTRY),
    ],
    interactions=[
        act("webinar_attendance", T0 + days(5)),
        act("email_open", NURTURE_ENTRY),
        act("case_study_download", T0 + days(12)),
    ],
)


class TestRequireAware:
    def test_returns_an_aware_datetime_unchanged(self):
        """An aware datetime, at any UTC offset, is returned as it is."""
        for at in (T0, T0.astimezone(IST)):
            assert cr.require_aware(at) is at

    def test_refuses_a_naive_datetime(self):
        """A naive datetime is a ValidationError (a ValueError) naming the argument."""
        with pytest.raises(pl.ValidationError) as exc:
            cr.require_aware(dt.datetime(2026, 3, 1))  # noqa: DTZ001  # naive on purpose
        assert isinstance(exc.value, ValueError)
        assert [str(p) for p in exc.value.problems] == [
            "at: expected a timezone-aware datetime (got a naive one)"
        ]

    @pytest.mark.parametrize(
        ("value", "type_name"),
        [("2026-03-01", "str"), (dt.date(2026, 3, 1), "date"), (None, "NoneType")],
    )
    def test_refuses_what_is_not_a_datetime(self, value, type_name):
        """A value that is not a datetime is refused, naming only its type."""
        with pytest.raises(pl.ValidationError) as exc:
            cr.require_aware(value)
        assert str(exc.value) == (
            f"at: expected a timezone-aware datetime (got {type_name})"
        )

    def test_names_the_given_argument(self):
        """The problem's path is the name the caller gives."""
        with pytest.raises(pl.ValidationError) as exc:
            cr.require_aware(dt.datetime(2026, 3, 1), "since")  # noqa: DTZ001
        assert exc.value.problems[0].path == "since"


class TestCheck:
    def test_truthy_exactly_when_passed(self):
        """bool(check) is whether it passed."""
        assert cr.Check(passed=True, reason="ok")
        assert not cr.Check(passed=False, reason="no", unmet=("no",))

    def test_unmet_defaults_to_empty(self):
        """A check built without unmet parts has none."""
        assert cr.Check(passed=True, reason="ok").unmet == ()

    def test_failed_leaf_lists_its_own_reason_as_unmet(self):
        """A failed leaf criterion's only unmet part is its reason."""
        check = cr.has_tag("vip").evaluate(EMPTY, at=T0)
        assert check.unmet == (check.reason,) == ("not tagged 'vip'",)

    def test_passed_check_has_nothing_unmet(self):
        """A passed check lists no unmet parts."""
        assert cr.has_tag("vip").evaluate(RICH, at=T0).unmet == ()


class TestHasActivity:
    def test_counts_matching_interactions(self):
        """Only interactions of the wanted activities count."""
        subject = lead(
            interactions=[
                act("webinar_attendance", T0),
                act("email_open", T0),
                act("case_study_download", T0 + days(1)),
            ]
        )
        at = T0 + days(2)
        assert cr.has_activity("webinar_attendance").test(subject, at=at)
        assert not cr.has_activity("webinar_attendance", at_least=2).test(
            subject, at=at
        )
        assert cr.has_activity(
            "webinar_attendance", "case_study_download", at_least=2
        ).test(subject, at=at)
        assert not cr.has_activity("demo_request").test(subject, at=at)

    def test_no_activities_means_any_interaction(self):
        """Without activities, every interaction counts."""
        subject = lead(interactions=[act("email_open", T0), act("call", T0)])
        assert cr.has_activity(at_least=2).test(subject, at=T0)
        assert not cr.has_activity().test(EMPTY, at=T0)

    def test_interactions_after_at_never_count(self):
        """An interaction later than at is ignored; one exactly at at counts."""
        subject = lead(interactions=[act("demo_request", T0 + days(3))])
        criterion = cr.has_activity("demo_request")
        assert not criterion.test(subject, at=T0 + days(3) - US)
        assert criterion.test(subject, at=T0 + days(3))

    def test_later_interactions_do_not_hide_earlier_ones(self):
        """Future interactions are skipped, not a reason to stop counting."""
        subject = lead(
            interactions=[
                act("webinar_attendance", T0),
                act("webinar_attendance", T0 + days(30)),
                act("webinar_attendance", T0 + days(40)),
            ]
        )
        check = cr.has_activity("webinar_attendance", at_least=2).evaluate(
            subject, at=T0 + days(1)
        )
        assert not check.passed
        assert check.reason == "only 1 webinar_attendance (needs 2)"

    def test_within_is_a_half_open_window_ending_at_at(self):
        """With within, only interactions in (at - within, at] count."""
        at = T0 + days(100)
        criterion = cr.has_activity("webinar_attendance", within=days(90))
        edge = lead(interactions=[act("webinar_attendance", at - days(90))])
        inside = lead(interactions=[act("webinar_attendance", at - days(90) + US)])
        assert not criterion.test(edge, at=at)
        assert criterion.test(inside, at=at)

    def test_within_counts_only_recent_ones(self):
        """Old interactions outside the window are not counted, recent ones are."""
        subject = lead(
            interactions=[
                act("webinar_attendance", T0),
                act("email_open", T0 + days(95)),
                act("webinar_attendance", T0 + days(99)),
            ]
        )
        check = cr.has_activity(
            "webinar_attendance", at_least=2, within=days(90)
        ).evaluate(subject, at=T0 + days(100))
        assert check.reason == "only 1 webinar_attendance in the last 90 days (needs 2)"

    def test_windows_compare_instants_across_offsets(self):
        """An interaction recorded at another UTC offset is placed by its instant."""
        subject = lead(interactions=[act("call", (T0 + days(1)).astimezone(IST))])
        at = T0 + days(1) + dt.timedelta(hours=1)
        assert cr.has_activity("call", within=dt.timedelta(hours=2)).test(
            subject, at=at
        )
        assert not cr.has_activity("call", within=dt.timedelta(minutes=30)).test(
            subject, at=at
        )

    def test_without_since_stage_entry_every_interaction_counts(self):
        """By default the stage entry changes nothing: earlier interactions count."""
        at = T0 + days(20)
        assert cr.has_activity("webinar_attendance").test(NURTURED, at=at)
        check = cr.has_activity(at_least=3).evaluate(NURTURED, at=at)
        assert (check.passed, check.reason) == (True, "3 interactions (needs 3)")
        assert not cr.has_activity(at_least=3, since_stage_entry=True).test(
            NURTURED, at=at
        )

    def test_since_stage_entry_counts_only_after_entering_the_stage(self):
        """since_stage_entry counts interactions after the lead's stage entry."""
        criterion = cr.has_activity(since_stage_entry=True)
        check = criterion.evaluate(NURTURED, at=T0 + days(20))
        assert check.passed
        assert check.reason == "1 interaction since entering 'nurture' (needs 1)"
        check = cr.has_activity(since_stage_entry=True, at_least=2).evaluate(
            NURTURED, at=T0 + days(20)
        )
        assert check.reason == "only 1 interaction since entering 'nurture' (needs 2)"
        assert not cr.has_activity("webinar_attendance", since_stage_entry=True).test(
            NURTURED, at=T0 + days(20)
        )

    def test_a_later_stage_change_does_not_change_a_past_answer(self):
        """since_stage_entry at a past moment ignores stage changes made after it."""
        criterion = cr.has_activity(since_stage_entry=True)
        at = T0 + days(15)
        assert criterion.test(NURTURED, at=at)
        moved_on = NURTURED.with_stage_change(
            move("reengage", "nurture", "marketing_qualified", T0 + days(20))
        ).with_stage_change(
            move("nurture", "marketing_qualified", "nurture", T0 + days(30))
        )
        assert criterion.test(moved_on, at=at)

    def test_since_stage_entry_excludes_the_entry_instant(self):
        """An interaction at the very moment of entering the stage is not new."""
        check = cr.has_activity(since_stage_entry=True).evaluate(
            NURTURED, at=NURTURE_ENTRY
        )
        assert not check.passed
        assert check.reason == "no interaction since entering 'nurture' (needs 1)"

    def test_since_stage_entry_without_history_counts_from_creation(self):
        """A lead without history entered its stage when it was created."""
        subject = lead(interactions=[act("call", T0)])
        assert cr.has_activity(since_stage_entry=True).test(subject, at=T0)

    def test_since_stage_entry_with_within_names_both(self):
        """Both limits apply and both appear in the reason."""
        check = cr.has_activity(
            "webinar_attendance", since_stage_entry=True, within=days(30)
        ).evaluate(NURTURED, at=T0 + days(20))
        assert not check.passed
        assert check.reason == (
            "no webinar_attendance in the last 30 days since entering 'nurture' "
            "(needs 1)"
        )

    def test_reasons_name_what_and_how_many(self):
        """Reasons name the activities, the count found and the count needed."""
        subject = lead(interactions=[act("email_open", T0)])
        criterion = cr.HasActivity(activities=("webinar_attendance",), within=days(90))
        assert criterion.evaluate(subject, at=T0).reason == (
            "no webinar_attendance in the last 90 days (needs 1)"
        )
        either = cr.has_activity("demo_request", "quote_request")
        assert either.evaluate(subject, at=T0).reason == (
            "no demo_request or quote_request (needs 1)"
        )
        assert cr.has_activity().evaluate(subject, at=T0).reason == (
            "1 interaction (needs 1)"
        )

    @pytest.mark.parametrize(
        ("within", "words"),
        [
            (days(1), "1 day"),
            (days(90), "90 days"),
            (dt.timedelta(hours=1), "1 hour"),
            (dt.timedelta(hours=12), "12 hours"),
            (dt.timedelta(hours=36), "36 hours"),
            (dt.timedelta(minutes=30), "0.5 hours"),
        ],
    )
    def test_window_is_written_in_days_or_hours(self, within, words):
        """Whole days read as days, anything else as hours."""
        check = cr.has_activity("call", within=within).evaluate(EMPTY, at=T0)
        assert check.reason == f"no call in the last {words} (needs 1)"


class TestHasPurchase:
    def test_purchases_after_at_never_count(self):
        """A purchase later than at is ignored; one exactly at at counts."""
        subject = lead(purchases=[buy(T0 + days(2))])
        assert not cr.has_purchase().test(subject, at=T0 + days(2) - US)
        assert cr.has_purchase().test(subject, at=T0 + days(2))

    def test_within_is_a_half_open_window(self):
        """With within, only purchases in (at - within, at] count."""
        at = T0 + days(40)
        subject = lead(purchases=[buy(at - days(30)), buy(at - days(30) + US)])
        check = cr.has_purchase(2, within=days(30)).evaluate(subject, at=at)
        assert check.reason == "only 1 purchase in the last 30 days (needs 2)"

    @pytest.mark.parametrize(
        ("bought", "needed", "passed", "reason"),
        [
            (0, 1, False, "no purchase (needs 1)"),
            (1, 2, False, "only 1 purchase (needs 2)"),
            (1, 1, True, "1 purchase (needs 1)"),
            (2, 2, True, "2 purchases (needs 2)"),
            (3, 4, False, "only 3 purchases (needs 4)"),
        ],
    )
    def test_reasons_count_purchases(self, bought, needed, passed, reason):
        """Reasons say how many purchases were made and how many are needed."""
        subject = lead(purchases=[buy(T0)] * bought)
        check = cr.has_purchase(needed).evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (passed, reason)


class TestHasEvidence:
    def test_met_evidence_passes(self):
        """Evidence with the needed verdict, recorded by at, passes."""
        subject = lead(evidence=[pl.Evidence(criterion="budget", verdict="met", at=T0)])
        check = cr.has_evidence("budget").evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (True, "budget is met")

    def test_evidence_recorded_later_does_not_count(self):
        """Evidence recorded after at is as if there were none."""
        subject = lead(
            evidence=[pl.Evidence(criterion="budget", verdict="met", at=T0 + days(1))]
        )
        check = cr.has_evidence("budget").evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (
            False,
            "budget is not met (no evidence)",
        )
        assert cr.has_evidence("budget").test(subject, at=T0 + days(1))

    def test_other_verdict_fails_and_is_named(self):
        """A different verdict fails, and the reason says which one was found."""
        subject = lead(
            evidence=[pl.Evidence(criterion="budget", verdict="unmet", at=T0)]
        )
        check = cr.has_evidence("budget").evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (False, "budget is not met (unmet)")

    def test_can_require_any_verdict(self):
        """A criterion can ask for 'unmet' (e.g. to block a move)."""
        subject = lead(
            evidence=[pl.Evidence(criterion="budget", verdict="unmet", at=T0)]
        )
        criterion = cr.has_evidence("budget", "unmet")
        assert criterion.verdict is pl.Verdict.UNMET
        assert criterion.evaluate(subject, at=T0).reason == "budget is unmet"
        assert not criterion.test(EMPTY, at=T0)

    @pytest.mark.parametrize(
        ("evidence", "passed", "reason"),
        [
            ([], True, "budget is unknown (no evidence)"),
            (["unknown"], True, "budget is unknown"),
            (["met"], False, "budget is not unknown (met)"),
            (["unmet"], False, "budget is not unknown (unmet)"),
        ],
    )
    def test_no_evidence_counts_as_unknown(self, evidence, passed, reason):
        """Nothing recorded is the same state of knowledge as an 'unknown' verdict."""
        subject = lead(
            evidence=[
                pl.Evidence(criterion="budget", verdict=x, at=T0) for x in evidence
            ]
        )
        check = cr.has_evidence("budget", "unknown").evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (passed, reason)
        assert cr.has_evidence("budget", "unknown").test(subject, at=T0) is passed

    def test_evidence_recorded_later_is_still_unknown(self):
        """A verdict dated after at leaves the criterion unknown at at."""
        subject = lead(
            evidence=[pl.Evidence(criterion="budget", verdict="met", at=T0 + days(1))]
        )
        assert cr.has_evidence("budget", "unknown").test(subject, at=T0)
        assert not cr.has_evidence("budget", "unknown").test(subject, at=T0 + days(1))

    def test_a_negation_does_not_pass_on_missing_evidence(self):
        """not_(unknown) holds only once something is known, never on no evidence."""
        negated = cr.not_(cr.has_evidence("budget", "unknown"))
        check = negated.evaluate(EMPTY, at=T0)
        assert (check.passed, check.reason) == (
            False,
            "not: budget is unknown (no evidence)",
        )
        asked = lead(evidence=[pl.Evidence(criterion="budget", verdict="met", at=T0)])
        assert negated.test(asked, at=T0)


class TestEvidenceKnown:
    @pytest.mark.parametrize(
        ("evidence", "known", "reason"),
        [
            ([], False, "budget is not known (no evidence)"),
            (["unknown"], False, "budget is not known (unknown)"),
            (["met"], True, "budget is known (met)"),
            (["unmet"], True, "budget is known (unmet)"),
        ],
    )
    def test_known_means_met_or_unmet(self, evidence, known, reason):
        """known=True passes on met or unmet; known=False on unknown or nothing."""
        subject = lead(
            evidence=[
                pl.Evidence(criterion="budget", verdict=x, at=T0) for x in evidence
            ]
        )
        for wanted in (True, False):
            criterion = cr.has_evidence("budget", known=wanted)
            check = criterion.evaluate(subject, at=T0)
            assert (check.passed, check.reason) == (known is wanted, reason)
            assert criterion.test(subject, at=T0) is (known is wanted)

    def test_a_verdict_recorded_later_is_not_known_yet(self):
        """Evidence dated after at does not make the verdict known at at."""
        subject = lead(
            evidence=[pl.Evidence(criterion="budget", verdict="unmet", at=T0 + days(1))]
        )
        assert not cr.has_evidence("budget", known=True).test(subject, at=T0)
        assert cr.has_evidence("budget", known=True).test(subject, at=T0 + days(1))

    def test_budget_is_known_as_a_guard_reads_plainly(self):
        """A pipeline guard 'budget known' refuses with one plain reason."""
        pipeline = pl.lifecycle.Pipeline(
            id="sales",
            stages=[
                pl.lifecycle.Stage(id="new", initial=True),
                pl.lifecycle.Stage(id="demo", terminal=True),
            ],
            transitions=[
                pl.lifecycle.Transition(
                    event="book_demo",
                    sources="new",
                    target="demo",
                    guard=cr.has_evidence("budget", known=True),
                )
            ],
        )
        subject = attrs.evolve(EMPTY, stage="new")
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            pipeline.send(subject, "book_demo", at=T0)
        assert "budget is not known (no evidence)" in str(exc.value)
        told = subject.with_evidence(
            pl.Evidence(criterion="budget", verdict="unmet", at=T0)
        )
        assert pipeline.send(told, "book_demo", at=T0).stage == "demo"

    def test_verdict_and_known_together_are_refused(self):
        """has_evidence takes one of the two, and says which argument is wrong."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.has_evidence("budget", "met", known=True)  # type: ignore[call-overload]
        assert config_problem(exc).path == "has_evidence.known"

    def test_round_trips(self):
        """The criterion is data: to_dict names its kind and reads back equal."""
        criterion = cr.has_evidence("budget", known=False)
        data = serialize.to_dict(criterion)
        assert data == {"criterion": "budget", "known": False}
        assert serialize.from_dict(cr.EvidenceKnown, data) == criterion
        nested = serialize.to_dict(cr.not_(criterion))
        assert nested == {"criterion": {"kind": "evidence_known", **data}}
        assert serialize.from_dict(cr.Not, nested) == cr.not_(criterion)


class TestHasConsent:
    def test_granted_before_at_passes(self):
        """A grant recorded at or before at permits contact."""
        subject = lead(
            consent=[pl.Consent(channel="email", status="granted", at=T0 + days(1))]
        )
        check = cr.has_consent("email").evaluate(subject, at=T0 + days(1))
        assert (check.passed, check.reason) == (True, "consent to contact by email")

    def test_grant_without_time_counts(self):
        """A grant with no recorded time counts at any at."""
        subject = lead(consent=[pl.Consent(channel="phone", status="granted")])
        assert cr.has_consent(pl.Channel.PHONE).test(subject, at=T0)

    def test_granted_later_does_not_count(self):
        """A grant recorded after at does not permit contact at at."""
        subject = lead(
            consent=[pl.Consent(channel="email", status="granted", at=T0 + days(1))]
        )
        assert not cr.has_consent("email").test(subject, at=T0)
        assert not cr.has_consent("email").evaluate(subject, at=T0).passed

    @pytest.mark.parametrize(
        ("records", "reason"),
        [
            ([], "no consent to contact by email (unknown)"),
            (
                [pl.Consent(channel="email", status="denied", at=T0)],
                "no consent to contact by email (denied)",
            ),
            (
                [pl.Consent(channel="email", status="unknown", at=T0)],
                "no consent to contact by email (unknown)",
            ),
            (
                [pl.Consent(channel="sms", status="granted", at=T0)],
                "no consent to contact by email (unknown)",
            ),
        ],
    )
    def test_anything_but_a_grant_fails_with_the_status(self, records, reason):
        """Only an explicit grant on the same channel permits contact."""
        check = cr.has_consent("email").evaluate(lead(consent=records), at=T0)
        assert (check.passed, check.reason) == (False, reason)

    def test_grant_recorded_later_is_not_reported_as_granted(self):
        """A failed check for a grant recorded after at does not say 'granted'."""
        subject = lead(
            consent=[pl.Consent(channel="email", status="granted", at=T0 + days(1))]
        )
        reason = cr.has_consent("email").evaluate(subject, at=T0).reason
        assert "granted" not in reason


class TestHasTag:
    def test_tag_present_or_not(self):
        """A tag on the lead passes, a missing one fails; reasons quote it."""
        assert cr.has_tag("vip").evaluate(RICH, at=T0).reason == "tagged 'vip'"
        check = cr.has_tag("gold").evaluate(RICH, at=T0)
        assert (check.passed, check.reason) == (False, "not tagged 'gold'")


class TestHasOpenObjection:
    def test_open_objection_is_named(self):
        """An objection standing at at passes, and its kind is named."""
        subject = lead(objections=[pl.Objection(kind="price", raised_at=T0)])
        check = cr.has_open_objection().evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (True, "open objection: price")

    def test_raised_later_does_not_count(self):
        """An objection raised after at is not open at at."""
        subject = lead(objections=[pl.Objection(kind="price", raised_at=T0 + days(1))])
        assert not cr.has_open_objection("price").test(subject, at=T0)

    def test_resolved_objection_does_not_count(self):
        """An objection resolved at or before at is not open; before then it is."""
        subject = lead(
            objections=[
                pl.Objection(kind="price", raised_at=T0, resolved_at=T0 + days(2))
            ]
        )
        criterion = cr.has_open_objection("price")
        assert criterion.test(subject, at=T0 + days(2) - US)
        assert not criterion.test(subject, at=T0 + days(2))

    def test_kinds_filter_and_reasons(self):
        """Only the wanted kinds count; the reason names them or 'any kind'."""
        subject = lead(
            objections=[
                pl.Objection(kind="price", raised_at=T0),
                pl.Objection(kind="timing", raised_at=T0),
            ]
        )
        check = cr.has_open_objection("quality", "reviews").evaluate(subject, at=T0)
        assert (check.passed, check.reason) == (
            False,
            "no open objection of quality or reviews",
        )
        assert cr.has_open_objection().evaluate(EMPTY, at=T0).reason == (
            "no open objection of any kind"
        )
        assert cr.has_open_objection("timing", "need").evaluate(
            subject, at=T0
        ).reason == ("open objection: timing")


class TestCompare:
    @pytest.mark.parametrize(
        ("field", "op", "value", "expected"),
        [
            # Lead fields: source (an enum), stage, tags (a set).
            ("source", "eq", "event", True),
            ("source", "eq", "website", False),
            ("source", "ne", "website", True),
            ("source", "ne", "event", False),
            ("source", "in", ["event", "referral"], True),
            ("source", "not_in", ["event"], False),
            ("source", "not_in", ["website"], True),
            ("source", "exists", None, True),
            ("source", "missing", None, False),
            ("stage", "eq", "prospect", True),
            ("stage", "lt", "q", True),
            ("stage", "ge", "z", False),
            ("tags", "contains", "vip", True),
            ("tags", "contains", "gold", False),
            ("tags", "eq", "vip", False),
            ("tags", "exists", None, True),
            ("tags", "missing", None, False),
            # Person: age, interests (a tuple), location.country.
            ("person.age", "eq", 34, True),
            ("person.age", "ne", 34, False),
            ("person.age", "lt", 35, True),
            ("person.age", "lt", 34, False),
            ("person.age", "le", 34, True),
            ("person.age", "gt", 33, True),
            ("person.age", "gt", 34, False),
            ("person.age", "ge", 34, True),
            ("person.age", "ge", 35, False),
            ("person.age", "lt", 34.5, True),
            ("person.age", "in", [30, 34], True),
            ("person.age", "not_in", [30, 34], False),
            ("person.interests", "contains", "cycling", True),
            ("person.interests", "contains", "golf", False),
            ("person.interests", "exists", None, True),
            ("person.location.country", "eq", "VN", True),
            ("person.location.country", "eq", "vn", False),
            ("person.location.country", "in", ["TH", "VN"], True),
            ("person.location.city", "eq", "Hanoi", True),
            ("person.email", "exists", None, True),
            ("person", "exists", None, True),
            # Company: employees, annual_revenue (a Decimal), industry.
            ("company.employees", "ge", 50, True),
            ("company.employees", "lt", 50, False),
            ("company.annual_revenue", "ge", 1500000, True),
            ("company.annual_revenue", "gt", 1500000, True),
            ("company.annual_revenue", "eq", 1500000.5, True),
            ("company.annual_revenue", "eq", 1500000, False),
            ("company.annual_revenue", "ne", 1500000, True),
            ("company.annual_revenue", "lt", 2e6, True),
            ("company.annual_revenue", "le", 1500000.25, False),
            ("company.annual_revenue", "in", [1500000.5], True),
            ("company.industry", "eq", "logistics", True),
            ("company.industry", "in", ["logistics", "retail"], True),
            ("company.industry", "not_in", ["retail"], True),
            ("company.industry", "contains", "log", False),
            ("company.location.country", "eq", "DE", True),
            ("company", "missing", None, False),
            # Application attributes.
            ("attributes.plan", "eq", "pro", True),
            ("attributes.seats", "ge", 10, True),
            ("attributes.score", "lt", 1, True),
            ("attributes.opted_in", "eq", True, True),
            ("attributes.note", "missing", None, True),
            ("attributes.absent", "missing", None, True),
            ("attributes.absent", "ne", "x", True),
            ("attributes.absent", "eq", "x", False),
        ],
    )
    def test_compares_lead_fields(self, field, op, value, expected):
        """Each operator compares the field's value with the given one."""
        criterion = cr.compare(field, op, value)
        assert criterion.test(RICH, at=T0) is expected
        assert criterion.evaluate(RICH, at=T0).passed is expected

    @pytest.mark.parametrize(
        "field",
        [
            "person.age",
            "company.employees",
            "company.location.country",
            "attributes.plan",
            "tags",
        ],
    )
    @pytest.mark.parametrize(
        ("op", "value", "expected"),
        [
            ("eq", "x", False),
            ("ne", "x", True),
            ("lt", 1, False),
            ("le", 1, False),
            ("gt", 1, False),
            ("ge", 1, False),
            ("in", ["x", 1], False),
            ("not_in", ["x", 1], True),
            ("contains", "x", False),
            ("exists", None, False),
            ("missing", None, True),
        ],
    )
    def test_unknown_field_fails_all_but_ne_not_in_missing(
        self, field, op, value, expected
    ):
        """An unknown (None or empty) field only satisfies ne, not_in and missing."""
        criterion = cr.compare(field, op, value)
        assert criterion.test(EMPTY, at=T0) is expected
        assert criterion.evaluate(EMPTY, at=T0).passed is expected

    def test_every_op_is_covered_by_the_unknown_field_table(self):
        """Op has exactly these operators; a new one needs rows in the tables above."""
        assert {op.value for op in cr.Op} == {
            "eq",
            "ne",
            "lt",
            "le",
            "gt",
            "ge",
            "in",
            "not_in",
            "contains",
            "exists",
            "missing",
        }

    @pytest.mark.parametrize(
        ("field", "op", "value"),
        [
            ("company.industry", "lt", 5),
            ("person.age", "gt", "thirty"),
            ("tags", "ge", "a"),
            ("person.interests", "lt", 3),
            ("company.annual_revenue", "le", "lots"),
            ("created_at", "gt", 0),
        ],
    )
    def test_ordering_across_types_is_false_not_an_error(self, field, op, value):
        """Ordering values of different types is simply not satisfied."""
        criterion = cr.compare(field, op, value)
        assert criterion.test(RICH, at=T0) is False
        assert criterion.evaluate(RICH, at=T0).passed is False

    @pytest.mark.parametrize(
        ("subject", "field", "op", "value", "reason"),
        [
            (RICH, "company.employees", "ge", 50, "company.employees ≥ 50 (is 240)"),
            (RICH, "company.employees", "le", 240, "company.employees ≤ 240 (is 240)"),
            (RICH, "company.employees", "lt", 30, "company.employees < 30 (is 240)"),
            (
                EMPTY,
                "company.employees",
                "gt",
                30,
                "company.employees > 30 (is unknown)",
            ),
            (
                RICH,
                "person.age",
                "lt",
                30,
                (
                    "person.age < the rule's value: does not hold"
                    " (personal data, not shown)"
                ),
            ),
            (RICH, "source", "eq", "event", "source = event (is event)"),
            (RICH, "source", "ne", "event", "source ≠ event (is event)"),
            (
                RICH,
                "company.industry",
                "in",
                ["logistics", "retail"],
                "company.industry in [logistics, retail] (is logistics)",
            ),
            (
                RICH,
                "company.industry",
                "not_in",
                ["retail"],
                "company.industry not in [retail] (is logistics)",
            ),
            (
                RICH,
                "tags",
                "contains",
                "vip",
                "tags contains vip (is [newsletter, vip])",
            ),
            (
                RICH,
                "person.interests",
                "contains",
                "golf",
                "person.interests contains golf (is [cycling, photography])",
            ),
            (
                RICH,
                "company.annual_revenue",
                "ge",
                1000000,
                "company.annual_revenue ≥ 1000000 (is 1500000.50)",
            ),
            (RICH, "company", "exists", None, "company is known"),
            (EMPTY, "person.email", "missing", None, "person.email is unknown"),
            (EMPTY, "tags", "exists", None, "tags is unknown"),
        ],
    )
    def test_reasons_show_field_operator_value_and_actual(
        self, subject, field, op, value, reason
    ):
        """The reason names the field, the comparison and what the field holds."""
        check = cr.compare(field, op, value).evaluate(subject, at=T0)
        assert check.reason == reason
        assert check.unmet == (() if check.passed else (reason,))

    def test_sets_are_shown_sorted(self):
        """A set field is shown in sorted order, whatever its iteration order."""
        subject = lead(tags={"delta", "bravo", "echo", "alpha", "charlie"})
        check = cr.compare("tags", "contains", "golf").evaluate(subject, at=T0)
        assert check.reason == (
            "tags contains golf (is [alpha, bravo, charlie, delta, echo])"
        )

    def test_lists_become_tuples(self):
        """A list, set or generator value is stored as a tuple, so it hashes."""
        assert cr.Compare(field="stage", op="in", value=["a", "b"]).value == ("a", "b")
        assert cr.compare("stage", "in", (s for s in ("a", "b"))).value == ("a", "b")
        assert cr.compare("stage", "in", {"a"}).value == ("a",)
        assert cr.compare("stage", "eq", "ab").value == "ab"

    def test_op_accepts_its_string_value(self):
        """The operator may be given as its string value."""
        assert cr.compare("stage", "ge", "a").op is cr.Op.GE

    @pytest.mark.parametrize(
        "field",
        [
            "",
            "interactions",
            "purchases",
            "objections",
            "evidence",
            "consent",
            "history",
            "person.nope",
            "person.attributes",
            "attributes",
            "attributes.",
            "attributes.a.b",
            "company.location.country.x",
            "nope",
            5,
            None,
        ],
    )
    def test_refuses_field_paths_it_cannot_compare(self, field):
        """A field that is not a comparable lead field is a config error."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.Compare(field=field, op="exists")
        problem = config_problem(exc)
        assert problem.path == "Compare.field"
        assert "'company.employees'" in problem.expected

    @pytest.mark.parametrize(
        "field",
        [
            "created_at",
            "id",
            "person",
            "person.location.city",
            "company.location.country",
            "attributes.plan",
        ],
    )
    def test_accepts_nested_and_attribute_paths(self, field):
        """Profile fields at any depth and one attribute key are valid paths."""
        assert cr.Compare(field=field, op="exists").field == field

    @pytest.mark.parametrize(
        ("op", "value", "expected"),
        [
            ("eq", ["a"], "a string, finite number or boolean with op 'eq'"),
            ("eq", None, "a string, finite number or boolean with op 'eq'"),
            ("ne", {"a": 1}, "a string, finite number or boolean with op 'ne'"),
            ("ne", float("nan"), "a string, finite number or boolean with op 'ne'"),
            ("contains", Decimal(1), "a string, finite number or boolean with op"),
            ("exists", "a", "no value with op 'exists'"),
            ("missing", 0, "no value with op 'missing'"),
            ("lt", True, "a finite number or a string with op 'lt'"),
            ("ge", None, "a finite number or a string with op 'ge'"),
            ("ge", float("inf"), "a finite number or a string with op 'ge'"),
            ("gt", ["a"], "a finite number or a string with op 'gt'"),
            ("in", "a", "a list of strings, numbers or booleans with op 'in'"),
            ("in", [None], "a list of strings, numbers or booleans with op 'in'"),
            ("not_in", [["a"]], "a list of strings, numbers or booleans with op"),
        ],
    )
    def test_refuses_values_that_do_not_fit_the_operator(self, op, value, expected):
        """Each operator takes a fitting value; others are a config error."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.Compare(field="company.industry", op=op, value=value)
        problem = config_problem(exc)
        assert problem.path == "Compare.value"
        assert problem.expected.startswith(expected)

    def test_decimal_field_equals_the_float_it_was_built_from(self):
        """A Decimal field built from 0.1 compares equal to the value 0.1."""
        subject = lead(company=pl.Company(annual_revenue=0.1))
        assert cr.compare("company.annual_revenue", "ge", 0.1).test(subject, at=T0)

    @pytest.mark.parametrize(
        ("op", "value", "expected"),
        [
            ("eq", 19.99, True),
            ("ne", 19.99, False),
            ("in", [5.5, 19.99], True),
            ("not_in", [19.99], False),
            ("le", 19.99, True),
            ("gt", 19.98, True),
            ("eq", 19.990000000000002, False),
        ],
    )
    def test_decimal_fields_compare_with_floats_by_their_shortest_repr(
        self, op, value, expected
    ):
        """A float is the decimal it reads as (19.99), not its binary expansion."""
        subject = lead(person=pl.Person(income=Decimal("19.99")))
        criterion = cr.compare("person.income", op, value)
        assert criterion.test(subject, at=T0) is expected
        assert criterion.evaluate(subject, at=T0).passed is expected


class TestCustom:
    def test_function_returning_a_bool(self):
        """A bool answer becomes 'holds' or 'does not hold'."""
        is_partner = cr.custom("is_partner", lambda lead, _at: lead.source == "partner")
        partner = lead(source="partner")
        assert is_partner.test(partner, at=T0)
        assert is_partner.evaluate(partner, at=T0).reason == "is_partner holds"
        check = is_partner.evaluate(EMPTY, at=T0)
        assert (check.passed, check.reason, check.unmet) == (
            False,
            "is_partner does not hold",
            ("is_partner does not hold",),
        )

    def test_function_returning_a_check(self):
        """A Check answer is passed through as it is, and test follows it."""
        answer = cr.Check(passed=False, reason="too small", unmet=("employees",))
        criterion = cr.custom("big", lambda _lead, _at: answer)
        assert criterion.evaluate(EMPTY, at=T0) is answer
        assert criterion.test(EMPTY, at=T0) is False

    def test_function_gets_the_lead_and_at(self):
        """The function is called with the lead and the time asked about."""
        calls = []
        criterion = cr.custom("spy", lambda lead, at: calls.append((lead, at)) or 1)
        assert criterion.test(RICH, at=T0) is True
        assert calls == [(RICH, T0)]

    def test_repr_shows_the_name_only(self):
        """The function is not part of the repr."""
        assert repr(cr.custom("x", bool)) == "Custom(name='x')"

    def test_refuses_a_function_that_is_not_callable(self):
        """A non-callable function is a config error naming Custom.function."""
        with pytest.raises(pl.InvalidConfigError):
            cr.Custom(name="x", function=5)  # type: ignore[arg-type]


def _always(lead: pl.Lead, at: dt.datetime) -> bool:
    del lead, at
    return True


def _never(lead: pl.Lead, at: dt.datetime) -> bool:
    del lead, at
    return False


class TestCriterionRegistry:
    def test_register_and_get(self):
        """A registered function comes back as a Custom criterion of that name."""
        registry = cr.CriterionRegistry()
        assert registry.register("always", _always) == "always"
        criterion = registry.get("always")
        assert criterion == cr.Custom(name="always", function=_always)
        assert criterion.function is _always
        assert criterion.test(EMPTY, at=T0)

    def test_names_are_sorted(self):
        """names() lists every registered name, sorted."""
        registry = cr.CriterionRegistry()
        registry.register("never", _never)
        registry.register("always", _always)
        assert registry.names() == ("always", "never")
        assert cr.CriterionRegistry().names() == ()

    def test_refuses_a_duplicate_name_and_keeps_the_first(self):
        """A name registered twice is a config error; the first function stays."""
        registry = cr.CriterionRegistry()
        registry.register("x", _always)
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.register("x", _never)
        problem = config_problem(exc)
        assert problem.path == "name"
        assert "'x'" in problem.expected
        assert registry.get("x").function is _always

    def test_refuses_a_non_callable(self):
        """Only callables can be registered."""
        registry = cr.CriterionRegistry()
        with pytest.raises(pl.InvalidConfigError) as exc:
            registry.register("x", "not a function")  # type: ignore[arg-type]
        assert config_problem(exc).path == "function"
        assert registry.names() == ()

    def test_get_unknown_name(self):
        """An unknown name is an UnknownNameError (a LookupError) listing the known."""
        registry = cr.CriterionRegistry()
        with pytest.raises(pl.UnknownNameError) as exc:
            registry.get("nope")
        assert isinstance(exc.value, LookupError)
        assert str(exc.value) == (
            "a registered criterion name ('nope' is not; registered: none)"
        )
        registry.register("b", _always)
        registry.register("a", _never)
        with pytest.raises(LookupError, match=r"registered: a, b\)$"):
            registry.get("nope")

    def test_refuses_an_empty_name(self):
        """An empty name is refused at registration, not later at get()."""
        with pytest.raises(pl.InvalidConfigError):
            cr.CriterionRegistry().register("", _always)


class _Boom:
    """A criterion that fails the test if it is ever asked."""

    def test(self, lead: pl.Lead, *, at: dt.datetime) -> bool:
        del lead, at
        pytest.fail("a short-circuiting composite asked a later part")

    def evaluate(self, lead: pl.Lead, *, at: dt.datetime) -> cr.Check:
        del lead, at
        pytest.fail("a short-circuiting composite asked a later part")


VIP = cr.has_tag("vip")  # holds for RICH
GOLD = cr.has_tag("gold")  # never holds
NEWS = cr.has_tag("newsletter")  # holds for RICH
BUDGET = cr.has_evidence("budget")  # never holds


class TestAllOf:
    def test_passes_when_every_part_holds(self):
        """All parts holding passes, with every part's reason."""
        check = cr.all_of(VIP, NEWS).evaluate(RICH, at=T0)
        assert (check.passed, check.reason) == (
            True,
            "tagged 'vip'; tagged 'newsletter'",
        )

    def test_unmet_lists_failed_leaves_even_when_nested(self):
        """Unmet parts are the failed leaves, flattened through nested AllOf."""
        criterion = cr.all_of(cr.all_of(GOLD, VIP), BUDGET)
        check = criterion.evaluate(RICH, at=T0)
        assert not check.passed
        assert check.unmet == ("not tagged 'gold'", "budget is not met (no evidence)")
        assert check.reason == "not tagged 'gold'; budget is not met (no evidence)"

    def test_test_stops_at_the_first_failure(self):
        """test() does not ask the parts after one that fails."""
        assert not cr.all_of(GOLD, _Boom()).test(RICH, at=T0)


class TestAnyOf:
    def test_names_the_first_passing_part(self):
        """The check of the first part that holds is the answer."""
        check = cr.any_of(GOLD, NEWS, VIP).evaluate(RICH, at=T0)
        assert check == NEWS.evaluate(RICH, at=T0)

    def test_names_all_failing_parts(self):
        """When none holds, the reason names every part."""
        check = cr.any_of(GOLD, BUDGET).evaluate(RICH, at=T0)
        assert not check.passed
        assert check.reason == (
            "none of: not tagged 'gold'; budget is not met (no evidence)"
        )
        assert check.unmet == (check.reason,)

    def test_stops_at_the_first_success(self):
        """test() and evaluate() do not ask the parts after one that holds."""
        assert cr.any_of(VIP, _Boom()).test(RICH, at=T0)
        assert cr.any_of(VIP, _Boom()).evaluate(RICH, at=T0).passed


class TestAtLeast:
    def test_counts_parts_that_hold(self):
        """Passes when enough parts hold; the reason gives the tally."""
        check = cr.at_least(2, VIP, GOLD, NEWS).evaluate(RICH, at=T0)
        assert (check.passed, check.reason, check.unmet) == (
            True,
            "2 of 3 hold (needs 2)",
            (),
        )

    def test_unmet_lists_the_failed_parts(self):
        """Too few holding fails and lists the failed leaves."""
        check = cr.at_least(2, VIP, GOLD, BUDGET).evaluate(RICH, at=T0)
        assert (check.passed, check.reason) == (False, "1 of 3 hold (needs 2)")
        assert check.unmet == ("not tagged 'gold'", "budget is not met (no evidence)")

    def test_test_agrees_and_stops_once_enough_hold(self):
        """test() answers like evaluate() and stops once the count is reached."""
        assert cr.at_least(2, VIP, GOLD, NEWS, _Boom()).test(RICH, at=T0)
        assert not cr.at_least(2, VIP, GOLD, BUDGET).test(RICH, at=T0)


class TestNot:
    def test_inverts_a_failing_part(self):
        """Not passes when its part fails, quoting the part's reason."""
        check = cr.not_(GOLD).evaluate(RICH, at=T0)
        assert (check.passed, check.reason) == (True, "not: not tagged 'gold'")
        assert cr.not_(GOLD).test(RICH, at=T0)

    def test_inverts_a_passing_part(self):
        """Not fails when its part holds, and that is its unmet reason."""
        check = cr.not_(VIP).evaluate(RICH, at=T0)
        assert (check.passed, check.unmet) == (False, ("not: tagged 'vip'",))
        assert not cr.not_(VIP).test(RICH, at=T0)


class TestValidation:
    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: cr.HasActivity(at_least=0), "HasActivity.at_least"),
            (lambda: cr.HasActivity(at_least=-1), "HasActivity.at_least"),
            (lambda: cr.HasActivity(at_least=True), "HasActivity.at_least"),
            (lambda: cr.HasActivity(at_least=1.0), "HasActivity.at_least"),
            (lambda: cr.HasActivity(within=dt.timedelta(0)), "HasActivity.within"),
            (lambda: cr.HasActivity(within=-days(1)), "HasActivity.within"),
            (lambda: cr.HasActivity(within=90), "HasActivity.within"),
            (lambda: cr.HasActivity(activities=("webinar",)), "HasActivity.activities"),
            (lambda: cr.has_activity("call", "nope"), "HasActivity.activities"),
            (lambda: cr.HasActivity(activities=5), "HasActivity.activities"),
            (lambda: cr.HasActivity(activities=None), "HasActivity.activities"),
            (lambda: cr.HasActivity(activities=[["call"]]), "HasActivity.activities"),
            (lambda: cr.HasPurchase(at_least=0), "HasPurchase.at_least"),
            (lambda: cr.has_purchase(within=-US), "HasPurchase.within"),
            (lambda: cr.HasEvidence(criterion=""), "HasEvidence.criterion"),
            (lambda: cr.HasEvidence(criterion="   "), "HasEvidence.criterion"),
            (lambda: cr.HasEvidence(criterion=5), "HasEvidence.criterion"),
            (lambda: cr.HasTag(tag=""), "HasTag.tag"),
            (lambda: cr.has_open_objection("cost"), "HasOpenObjection.kinds"),
            (lambda: cr.Custom(name="", function=_always), "Custom.name"),
            (lambda: cr.custom(" ", _always), "Custom.name"),
            (lambda: cr.AllOf(criteria=[]), "AllOf.criteria"),
            (cr.any_of, "AnyOf.criteria"),
            (lambda: cr.all_of(VIP, "vip"), "AllOf.criteria"),
            (lambda: cr.AllOf(criteria=VIP), "AllOf.criteria"),
            (lambda: cr.AnyOf(criteria="vip"), "AnyOf.criteria"),
            (lambda: cr.AnyOf(criteria={"a": VIP}), "AnyOf.criteria"),
            (lambda: cr.at_least(0, VIP), "AtLeast.count"),
            (lambda: cr.at_least(3, VIP, GOLD), "AtLeast.count"),
            (lambda: cr.at_least(1), "AtLeast.criteria"),
            (lambda: cr.not_("vip"), "Not.criterion"),
        ],
    )
    def test_bad_fields_are_config_errors_naming_the_field(self, build, path):
        """An invalid field is an InvalidConfigError (a ValueError) naming it."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            build()
        assert isinstance(exc.value, ValueError)
        assert config_problem(exc).path == path

    def test_count_above_parts_says_how_many_there_are(self):
        """AtLeast's count error names the number of parts."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.at_least(3, VIP, GOLD)
        assert config_problem(exc).expected == "at most the number of criteria (2)"

    def test_unknown_activity_error_lists_the_choices(self):
        """An unknown activity's error lists the known activities."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            cr.has_activity("webinar")
        assert "'webinar_attendance'" in config_problem(exc).expected

    def test_enum_fields_accept_their_string_values(self):
        """Activities, kinds, verdicts, channels and ops convert from strings."""
        assert cr.has_activity("call").activities == (pl.Activity.CALL,)
        assert cr.has_activity().activities == ()
        assert cr.has_open_objection("price").kinds == (pl.ObjectionKind.PRICE,)
        assert cr.HasActivity(activities="call").activities == (pl.Activity.CALL,)
        assert cr.has_evidence("budget", "unknown").verdict is pl.Verdict.UNKNOWN
        assert cr.has_consent("sms").channel is pl.Channel.SMS

    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: cr.has_evidence("budget", "maybe"), "HasEvidence.verdict"),
            (lambda: cr.has_consent("pigeon"), "HasConsent.channel"),
            (lambda: cr.compare("stage", "like", "a"), "Compare.op"),
            (lambda: cr.HasActivity(since_stage_entry="yes"), "HasActivity"),
        ],
    )
    def test_unknown_enum_values_are_config_errors(self, build, path):
        """An unknown verdict, channel, op or a non-bool flag names its field."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            build()
        assert config_problem(exc).path.startswith(path)


class TestShortConstructors:
    def test_build_the_same_values_as_the_classes(self):
        """Each short constructor equals the class built with keywords."""
        week = days(7)
        pairs = [
            (
                cr.has_activity(
                    "call", at_least=2, within=week, since_stage_entry=True
                ),
                cr.HasActivity(
                    activities=(pl.Activity.CALL,),
                    at_least=2,
                    within=week,
                    since_stage_entry=True,
                ),
            ),
            (cr.has_evidence("need"), cr.HasEvidence(criterion="need")),
            (cr.has_purchase(2, within=week), cr.HasPurchase(at_least=2, within=week)),
            (cr.has_consent("email"), cr.HasConsent(channel=pl.Channel.EMAIL)),
            (cr.has_tag("vip"), cr.HasTag(tag="vip")),
            (cr.has_open_objection(), cr.HasOpenObjection()),
            (
                cr.compare("stage", "in", ["a"]),
                cr.Compare(field="stage", op=cr.Op.IN, value=("a",)),
            ),
            (cr.custom("x", _always), cr.Custom(name="x", function=_always)),
            (cr.all_of(VIP, GOLD), cr.AllOf(criteria=(VIP, GOLD))),
            (cr.any_of(VIP), cr.AnyOf(criteria=[VIP])),
            (cr.at_least(1, VIP), cr.AtLeast(count=1, criteria=(VIP,))),
            (cr.not_(VIP), cr.Not(criterion=VIP)),
        ]
        for short, long in pairs:
            assert short == long
            assert type(short) is type(long)


BUILT_INS = [
    cr.has_activity("call"),
    cr.has_evidence("budget"),
    cr.has_evidence("budget", known=True),
    cr.has_purchase(),
    cr.has_consent("email"),
    cr.has_tag("vip"),
    cr.has_open_objection("price"),
    cr.compare("company.employees", "ge", 50),
    cr.custom("always", _always),
    cr.all_of(VIP),
    cr.any_of(VIP),
    cr.at_least(1, VIP),
    cr.not_(VIP),
]


class TestValues:
    @pytest.mark.parametrize("criterion", BUILT_INS, ids=lambda c: type(c).__name__)
    def test_every_built_in_is_a_criterion(self, criterion):
        """isinstance(x, Criterion) holds for every built-in criterion."""
        assert isinstance(criterion, cr.Criterion)

    @pytest.mark.parametrize("criterion", BUILT_INS, ids=lambda c: type(c).__name__)
    def test_is_criterion_accepts_every_built_in(self, criterion):
        """is_criterion holds for every built-in criterion."""
        assert cr.is_criterion(criterion)

    def test_plain_values_are_not_criteria(self):
        """Objects without test and evaluate are not criteria."""
        for value in ("vip", None, cr.Check(passed=True, reason="ok")):
            assert not isinstance(value, cr.Criterion)
            assert not cr.is_criterion(value)

    def test_user_classes_with_both_methods_are_criteria(self):
        """A user class with test and evaluate is a criterion and can be composed."""
        mine = _Boom()
        assert isinstance(mine, cr.Criterion)
        assert cr.is_criterion(mine)
        assert cr.all_of(mine).criteria == (mine,)

    @pytest.mark.parametrize("criterion", BUILT_INS, ids=lambda c: type(c).__name__)
    def test_equal_criteria_compare_and_hash_alike(self, criterion):
        """A criterion rebuilt from its fields is equal and hashes the same."""
        copy = attrs.evolve(criterion)
        assert copy == criterion
        assert hash(copy) == hash(criterion)
        assert len({criterion, copy}) == 1

    @pytest.mark.parametrize("criterion", BUILT_INS, ids=lambda c: type(c).__name__)
    def test_criteria_are_frozen(self, criterion):
        """A criterion cannot be changed in place."""
        name = attrs.fields(type(criterion))[0].name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(criterion, name, None)

    def test_strings_and_enums_build_equal_criteria(self):
        """Spelling enum fields as strings or as members gives equal values."""
        assert cr.has_activity("call") == cr.has_activity(pl.Activity.CALL)
        assert hash(cr.has_consent("sms")) == hash(cr.has_consent(pl.Channel.SMS))
        assert cr.compare("stage", "ge", "a") == cr.compare("stage", cr.Op.GE, "a")

    def test_different_fields_make_different_criteria(self):
        """Criteria that ask different things are not equal."""
        assert cr.has_tag("vip") != cr.has_tag("gold")
        assert cr.has_purchase(1) != cr.has_purchase(2)
        assert cr.all_of(VIP, GOLD) != cr.all_of(GOLD, VIP)
        assert cr.not_(VIP) != VIP

    def test_custom_equality_ignores_the_function(self):
        """Custom criteria are equal by name; the function is not compared."""
        assert cr.custom("x", _always) == cr.custom("x", _never)
        assert hash(cr.custom("x", _always)) == hash(cr.custom("x", _never))
        assert cr.custom("x", _always) != cr.custom("y", _always)


# --- properties -----------------------------------------------------------------------

_CRITERIA_NAMES = ("budget", "authority", "need", "timing")
_TAGS = ("vip", "newsletter", "trade-fair-2026")
_WORDS = ("vip", "logistics", "retail", "VN", "event", "prospect", "pro", "cycling")
_FIELDS = (
    "id",
    "created_at",
    "source",
    "stage",
    "tags",
    "person",
    "person.age",
    "person.email",
    "person.interests",
    "person.location.country",
    "company",
    "company.employees",
    "company.annual_revenue",
    "company.industry",
    "company.location.country",
    "attributes.plan",
    "attributes.seats",
    "attributes.score",
    "attributes.opted_in",
)
_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_ORDERABLE = st.one_of(st.integers(-10, 10**7), _FINITE, st.sampled_from(_WORDS))
_SCALARS = st.one_of(st.booleans(), _ORDERABLE, st.text(max_size=4))
_WINDOWS = st.none() | st.timedeltas(
    min_value=dt.timedelta(hours=1), max_value=days(3650)
)
_ACTIVITY_SETS = st.lists(st.sampled_from(pl.Activity), max_size=3, unique=True)


def _has_company(lead: pl.Lead, at: dt.datetime) -> bool:
    del at
    return lead.company is not None


def _big_company(lead: pl.Lead, at: dt.datetime) -> cr.Check:
    del at
    employees = None if lead.company is None else lead.company.employees
    if employees is not None and employees >= 100:
        return cr.Check(passed=True, reason=f"{employees} employees")
    return cr.Check(passed=False, reason="small", unmet=("small",))


@st.composite
def compares(draw: st.DrawFn) -> cr.Compare:
    op = draw(st.sampled_from(cr.Op))
    if op in {cr.Op.EXISTS, cr.Op.MISSING}:
        value = None
    elif op in {cr.Op.IN, cr.Op.NOT_IN}:
        value = draw(st.lists(_SCALARS, max_size=3))
    elif op in {cr.Op.LT, cr.Op.LE, cr.Op.GT, cr.Op.GE}:
        value = draw(_ORDERABLE)
    else:
        value = draw(_SCALARS)
    return cr.compare(draw(st.sampled_from(_FIELDS)), op, value)


HAS_ACTIVITY = st.builds(
    cr.HasActivity,
    activities=_ACTIVITY_SETS,
    at_least=st.integers(1, 3),
    within=_WINDOWS,
    since_stage_entry=st.booleans(),
)
HAS_PURCHASE = st.builds(cr.HasPurchase, at_least=st.integers(1, 3), within=_WINDOWS)
LEAVES = st.one_of(
    HAS_ACTIVITY,
    st.builds(
        cr.HasEvidence,
        criterion=st.sampled_from(_CRITERIA_NAMES),
        verdict=st.sampled_from(pl.Verdict),
    ),
    st.builds(
        cr.EvidenceKnown,
        criterion=st.sampled_from(_CRITERIA_NAMES),
        known=st.booleans(),
    ),
    HAS_PURCHASE,
    st.builds(cr.HasConsent, channel=st.sampled_from(pl.Channel)),
    st.builds(cr.HasTag, tag=st.sampled_from(_TAGS)),
    st.builds(
        cr.HasOpenObjection,
        kinds=st.lists(st.sampled_from(pl.ObjectionKind), max_size=2, unique=True),
    ),
    compares(),
    st.sampled_from(
        [cr.custom("has_company", _has_company), cr.custom("big", _big_company)]
    ),
)


_KINDS = ("leaf", "all_of", "any_of", "at_least", "not")


@st.composite
def trees(draw: st.DrawFn, depth: int = 3) -> cr.Criterion:
    """Criteria nested up to *depth* composites deep.

    The kind is drawn explicitly: with ``one_of`` over nested strategies,
    Hypothesis mostly generated ``Not`` (the narrowest branch).
    """
    kind = draw(st.sampled_from(_KINDS)) if depth else "leaf"
    if kind == "leaf":
        return draw(LEAVES)
    if kind == "not":
        return cr.Not(criterion=draw(trees(depth - 1)))
    parts = draw(st.lists(trees(depth - 1), min_size=1, max_size=3))
    if kind == "all_of":
        return cr.AllOf(criteria=parts)
    if kind == "any_of":
        return cr.AnyOf(criteria=parts)
    return cr.AtLeast(count=draw(st.integers(1, len(parts))), criteria=parts)


TREES = trees(3)
_NUDGES = st.sampled_from(
    [dt.timedelta(0), -US, US, -days(1), days(1), days(30), days(400)]
)


def _times(lead: pl.Lead) -> list[dt.datetime]:
    return [
        lead.created_at,
        *(i.at for i in lead.interactions),
        *(p.at for p in lead.purchases),
        *(o.raised_at for o in lead.objections),
        *(e.at for e in lead.evidence.values()),
        *(h.at for h in lead.history),
    ]


def moments_between(
    low: dt.datetime, high: dt.datetime
) -> st.SearchStrategy[dt.datetime]:
    """Times in [low, high], often at or just before *high*."""
    recent = _NUDGES.map(lambda nudge: max(low, high - abs(nudge)))
    return st.one_of(
        st.just(high), recent, aware_datetimes(min_value=low, max_value=high)
    )


@st.composite
def leads_and_moments(draw: st.DrawFn) -> tuple[pl.Lead, dt.datetime]:
    """A lead and a time: anywhere, or on or near one of the lead's own records."""
    subject = draw(leads())
    near = st.builds(operator.add, st.sampled_from(_times(subject)), _NUDGES)
    return subject, draw(aware_datetimes() | near)


def _as_of(subject: pl.Lead, at: dt.datetime) -> pl.Lead:
    """The lead without any record dated after *at*."""
    return attrs.evolve(
        subject,
        interactions=[i for i in subject.interactions if i.at <= at],
        purchases=[p for p in subject.purchases if p.at <= at],
        objections=[o for o in subject.objections if o.raised_at <= at],
        evidence=[e for e in subject.evidence.values() if e.at <= at],
        consent=[c for c in subject.consent.values() if c.at is None or c.at <= at],
    )


@pytest.mark.slow
class TestProperties:
    @given(TREES, leads_and_moments())
    def test_test_and_evaluate_always_agree(self, criterion, case):
        """test() is evaluate().passed, and a check's unmet matches its outcome."""
        subject, at = case
        check = criterion.evaluate(subject, at=at)
        assert criterion.test(subject, at=at) is check.passed
        assert bool(check) is check.passed
        assert check.reason
        if check.passed:
            assert check.unmet == ()
        else:
            assert check.unmet
            assert all(check.unmet)

    @given(TREES, leads_and_moments())
    def test_records_after_at_never_count(self, criterion, case):
        """Removing every record dated after at changes no answer at at."""
        subject, at = case
        past = _as_of(subject, at)
        assert criterion.test(past, at=at) is criterion.test(subject, at=at)
        assert criterion.evaluate(past, at=at).passed is criterion.test(subject, at=at)

    @given(HAS_ACTIVITY, leads_and_moments(), st.data())
    def test_more_wanted_activity_never_hurts(self, criterion, case, data):
        """Adding a wanted interaction at or before at never turns pass into fail."""
        subject, at = case
        at = max(at, subject.created_at)
        wanted = st.builds(
            pl.Interaction,
            activity=st.sampled_from(criterion.activities or list(pl.Activity)),
            at=moments_between(subject.created_at, at),
        )
        # Some wanted interactions first, so that the criterion often passes.
        before = subject.with_interactions(*data.draw(st.lists(wanted, max_size=3)))
        after = before.with_interactions(data.draw(wanted))
        if criterion.test(before, at=at):
            assert criterion.test(after, at=at)

    @given(leads_and_moments(), st.integers(1, 3), st.data())
    def test_later_at_never_lowers_the_purchase_count(self, case, needed, data):
        """Without within, a purchase count reached by one time holds later on."""
        subject, early = case
        late = data.draw(
            st.one_of(
                _NUDGES.map(lambda nudge: early + abs(nudge)),
                aware_datetimes(min_value=early, max_value=max(early, LATEST)),
            )
        )
        criterion = cr.has_purchase(needed)
        if criterion.test(subject, at=early):
            assert criterion.test(subject, at=late)

    @given(TREES, leads_and_moments())
    def test_double_negation_agrees(self, criterion, case):
        """Not(Not(c)) answers like c."""
        subject, at = case
        twice = cr.not_(cr.not_(criterion))
        assert twice.test(subject, at=at) is criterion.test(subject, at=at)
        assert twice.evaluate(subject, at=at).passed is criterion.test(subject, at=at)

    @given(st.lists(trees(2), min_size=1, max_size=4), leads_and_moments())
    def test_at_least_one_is_any_and_at_least_all_is_all(self, parts, case):
        """AtLeast(1, cs) agrees with AnyOf(cs), AtLeast(len(cs), cs) with AllOf(cs)."""
        subject, at = case
        some, every = cr.AnyOf(criteria=parts), cr.AllOf(criteria=parts)
        one = cr.AtLeast(count=1, criteria=parts)
        each = cr.AtLeast(count=len(parts), criteria=parts)
        assert one.test(subject, at=at) is some.test(subject, at=at)
        assert each.test(subject, at=at) is every.test(subject, at=at)
        assert one.evaluate(subject, at=at).passed is some.test(subject, at=at)
        assert each.evaluate(subject, at=at).passed is every.test(subject, at=at)


REGISTRY = cr.CriterionRegistry()
REGISTRY.register("has_company", _has_company)
REGISTRY.register("big", _big_company)


class TestSerialization:
    @pytest.mark.slow
    @given(TREES)
    def test_round_trips_through_dicts_and_json(self, criterion):
        """Loading what to_dict/to_json wrote gives an equal criterion and data."""
        data = serialize.to_dict(criterion)
        loaded = serialize.from_dict(type(criterion), data, criteria=REGISTRY)
        assert loaded == criterion
        assert serialize.to_dict(loaded) == data
        text = serialize.to_json(criterion)
        assert serialize.from_json(type(criterion), text, criteria=REGISTRY) == (
            criterion
        )

    def test_nested_criteria_are_tagged_by_kind(self):
        """Each part of a composite is written with its kind."""
        data = serialize.to_dict(cr.not_(cr.compare("stage", "in", ["a", 1])))
        assert data == {
            "criterion": {
                "kind": "compare",
                "field": "stage",
                "op": "in",
                "value": ["a", 1],
            }
        }

    def test_compare_values_load_as_scalars_or_tuples(self):
        """A list value is read back as a tuple, a scalar as itself."""
        for value, loaded in (
            (["a", 1, 1.5, True], ("a", 1, 1.5, True)),
            ("a", "a"),
        ):
            data = {"field": "stage", "op": "in", "value": value}
            if not isinstance(value, list):
                data["op"] = "eq"
            assert serialize.from_dict(cr.Compare, data).value == loaded

    def test_custom_loads_its_function_from_the_registry(self):
        """A custom criterion is written by name and gets its function back."""
        data = serialize.to_dict(cr.not_(cr.custom("big", _big_company)))
        assert data == {"criterion": {"kind": "custom", "name": "big"}}
        loaded = serialize.from_dict(cr.Not, data, criteria=REGISTRY)
        assert loaded.criterion.function is _big_company

    @pytest.mark.parametrize(
        ("data", "registry", "path"),
        [
            ({"kind": "custom", "name": "big"}, None, "Not.criterion.name"),
            ({"kind": "custom", "name": "nope"}, REGISTRY, "Not.criterion.name"),
            ({"kind": "custom", "name": 5}, REGISTRY, "Not.criterion"),
            ({"kind": "custom", "name": "big", "x": 1}, REGISTRY, "Not.criterion"),
            ({"kind": "nope"}, REGISTRY, "Not.criterion.kind"),
        ],
    )
    def test_refuses_custom_criteria_it_cannot_resolve(self, data, registry, path):
        """A custom name needs a registry that holds it; bad shapes are refused."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(cr.Not, {"criterion": data}, criteria=registry)
        assert config_problem(exc).path == path

    def test_refuses_a_custom_that_is_not_an_object(self):
        """A custom criterion must be an object with a name."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(cr.Custom, ["big"], criteria=REGISTRY)
        assert config_problem(exc).path == "Custom"

    @pytest.mark.parametrize("value", [{"a": 1}, [[1]], [{"a": 1}]])
    def test_refuses_compare_values_that_are_not_scalars(self, value):
        """A Compare value must be a scalar or a list of scalars."""
        with pytest.raises(pl.InvalidConfigError) as exc:
            serialize.from_dict(
                cr.Compare, {"field": "stage", "op": "in", "value": value}
            )
        assert config_problem(exc).path == "Compare.value"


class TestWindowsAtTheEdgeOfTime:
    def test_window_reaching_before_year_one_counts_everything(self):
        """A window longer than the calendar allows is no limit, not an error."""
        at = dt.datetime.min.replace(tzinfo=dt.UTC) + dt.timedelta(days=1)
        subject = pl.Lead(
            id="L",
            created_at=at - dt.timedelta(hours=1),
            interactions=[pl.Interaction(activity="email_open", at=at)],
        )
        assert cr.has_activity("email_open", within=dt.timedelta(days=30)).test(
            subject, at=at
        )
        assert not cr.has_purchase(within=dt.timedelta(days=30)).test(subject, at=at)
