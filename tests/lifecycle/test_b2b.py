"""The B2B pipeline, through examples from the practitioner articles."""

import datetime as dt

import attrs
import pytest

import prospectlib as pl
from prospectlib import qualification as ql
from prospectlib.lifecycle import LostReason
from prospectlib.lifecycle import b2b_pipeline
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
B2B = b2b_pipeline()


def acme_lead(**kwargs) -> pl.Lead:
    fields = {
        "id": "L-1",
        "created_at": T0,
        "source": "event",
        "person": pl.Person(
            email="ops@acme.example",
            job_title="Head of Operations",
            role="decision_maker",
        ),
        "company": pl.Company(name="Acme", industry="logistics", employees=240),
    }
    fields.update(kwargs)
    return pl.Lead(**fields)


def did(lead: pl.Lead, activity: str, at: dt.datetime) -> pl.Lead:
    return lead.with_interactions(pl.Interaction(activity=activity, at=at))


def evidence(lead: pl.Lead, at: dt.datetime, **verdicts: str) -> pl.Lead:
    return lead.with_evidence(
        *(pl.Evidence(criterion=c, verdict=v, at=at) for c, v in verdicts.items())
    )


def walk(lead: pl.Lead, *steps: tuple[str, dict]) -> pl.Lead:
    at = lead.stage_entered_at
    for event, kwargs in steps:
        at += DAY
        lead = B2B.send(lead, event, at=kwargs.pop("at", at), **kwargs)
    return lead


class TestMarketingQualification:
    def test_webinar_attendee_with_company_becomes_mql(self):
        """A webinar attendee with company details moves to MQL."""
        lead = did(acme_lead(), "webinar_attendance", T0 + DAY)
        moved = B2B.send(
            lead, "qualify_marketing", at=T0 + DAY, reason="attended webinar"
        )
        assert moved.stage == "marketing_qualified"
        change = moved.history[-1]
        assert (change.event, change.source, change.target) == (
            "qualify_marketing",
            "prospect",
            "marketing_qualified",
        )
        assert change.reason == "attended webinar"
        assert lead.stage == "prospect"

    def test_webinar_attendee_without_company_stays(self):
        """Without company details a B2B lead is not marketing qualified."""
        lead = did(acme_lead(company=None), "webinar_attendance", T0)
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "qualify_marketing", at=T0)
        assert exc.value.unmet == ("company is unknown",)

    def test_old_research_does_not_count(self):
        """A case study read more than 90 days ago no longer makes an MQL."""
        lead = did(acme_lead(), "case_study_download", T0)
        assert "qualify_marketing" in B2B.allowed_events(lead, at=T0 + 30 * DAY)
        assert "qualify_marketing" not in B2B.allowed_events(lead, at=T0 + 91 * DAY)

    def test_ebook_for_contact_details_makes_an_iql(self):
        """Downloading content with contact and company details makes an IQL."""
        lead = did(acme_lead(), "content_download", T0)
        assert B2B.send(lead, "capture", at=T0).stage == "information_qualified"

    def test_iql_needs_contact_details(self):
        """Without an e-mail or phone a lead is not information qualified."""
        lead = did(acme_lead(person=None), "content_download", T0)
        decision = B2B.check(lead, "capture", at=T0)
        assert not decision.allowed
        assert "none of: person.email is unknown; person.phone is unknown" in (
            decision.unmet
        )


class TestSalesQualification:
    def accepted(self) -> pl.Lead:
        lead = did(acme_lead(), "solution_video_view", T0)
        return walk(
            lead,
            ("qualify_marketing", {}),
            ("accept", {"actor": "rep-7"}),
        )

    def test_accept_needs_an_actor(self):
        """Sales acceptance names who accepted."""
        lead = walk(
            did(acme_lead(), "webinar_attendance", T0), ("qualify_marketing", {})
        )
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "accept", at=T0 + 2 * DAY)
        assert exc.value.unmet == ("an actor is required (who makes the move)",)

    def test_sal_without_budget_evidence_cannot_become_sql(self):
        """An SAL without budget evidence can't be SQL; the error names the unmet."""
        lead = evidence(self.accepted(), T0 + 3 * DAY, authority="met", need="met")
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "qualify_sales", at=T0 + 3 * DAY)
        err = exc.value
        assert (err.lead_id, err.stage, err.event) == (
            "L-1",
            "sales_accepted",
            "qualify_sales",
        )
        assert err.unmet == (
            "budget is unknown (no evidence)",
            "timing is unknown (no evidence)",
        )
        assert "budget is unknown" in str(err)

    def test_decision_maker_with_budget_and_need_passes_bant(self):
        """Budget, authority and need met: BANT 3 of 4 passes."""
        lead = evidence(
            self.accepted(), T0 + 3 * DAY, budget="met", authority="met", need="met"
        )
        assert (
            B2B.send(lead, "qualify_sales", at=T0 + 3 * DAY).stage == "sales_qualified"
        )

    def test_decision_makers_role_stands_for_authority(self):
        """A decision maker with budget and need evidence passes: authority derived."""
        lead = evidence(self.accepted(), T0 + 3 * DAY, budget="met", need="met")
        decision = B2B.check(lead, "qualify_sales", at=T0 + 3 * DAY)
        assert decision.allowed
        assert decision.reasons == (
            "BANT passed: 3 of 4 met (budget, authority, need)",
        )

    def test_an_influencer_needs_authority_evidence(self):
        """Without a deciding role, authority stays unknown and SQL is refused."""
        lead = evidence(self.accepted(), T0 + 3 * DAY, budget="met", need="met")
        lead = attrs.evolve(lead, person=pl.Person(role="influencer"))
        decision = B2B.check(lead, "qualify_sales", at=T0 + 3 * DAY)
        assert decision.unmet == (
            "authority is unknown (no evidence)",
            "timing is unknown (no evidence)",
        )

    def test_meddic_can_guard_sql(self):
        """With framework=MEDDIC, qualify_sales asks for MEDDIC and names the gaps."""
        meddic = b2b_pipeline(framework=ql.MEDDIC)
        lead = evidence(
            self.accepted(),
            T0 + 3 * DAY,
            metrics="met",
            decision_criteria="met",
            decision_process="met",
            identify_pain="met",
        )
        at = T0 + 3 * DAY
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            meddic.send(lead, "qualify_sales", at=at)
        assert exc.value.unmet == ("champion is unknown (no evidence)",)
        champion = evidence(lead, at, champion="met")
        assert meddic.send(champion, "qualify_sales", at=at).stage == "sales_qualified"
        assert B2B.check(lead, "qualify_sales", at=at).unmet == (
            "budget is unknown (no evidence)",
            "need is unknown (no evidence)",
            "timing is unknown (no evidence)",
        )

    def test_framework_and_bant_min_met_exclude_each_other(self):
        """Giving a framework and a BANT count is refused: which one would apply?"""
        with pytest.raises(pl.InvalidConfigError) as exc:
            b2b_pipeline(framework=ql.MEDDIC, bant_min_met=2)
        assert exc.value.problems[0].path == "b2b_pipeline.bant_min_met"
        assert b2b_pipeline(framework=ql.BANT) == B2B

    def test_a_lead_with_no_budget_cannot_become_sql(self):
        """Known lack of budget blocks SQL even when the other three are met."""
        lead = evidence(
            self.accepted(),
            T0 + 3 * DAY,
            budget="unmet",
            authority="met",
            need="met",
            timing="met",
        )
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "qualify_sales", at=T0 + 3 * DAY)
        assert exc.value.unmet == ("budget is unmet (evidence 2026-03-05)",)

    def test_stricter_bant(self):
        """A pipeline that wants all four BANT criteria refuses three."""
        strict = b2b_pipeline(bant_min_met=4)
        lead = evidence(
            self.accepted(), T0 + 3 * DAY, budget="met", authority="met", need="met"
        )
        assert not strict.check(lead, "qualify_sales", at=T0 + 3 * DAY).allowed


class TestDetours:
    def test_walk_in_purchase_makes_a_prospect_a_customer(self):
        """A walk-in buyer skips the funnel: a purchase makes a prospect a customer."""
        lead = acme_lead(
            source="walk_in",
            purchases=[pl.Purchase(at=T0, amount="120.00", currency="EUR")],
        )
        assert B2B.send(lead, "purchase", at=T0).stage == "customer"

    def test_purchase_event_needs_a_purchase(self):
        """No purchase recorded, no customer."""
        with pytest.raises(pl.TransitionNotAllowedError, match="no purchase"):
            B2B.send(acme_lead(), "purchase", at=T0)

    def test_lost_lead_keeps_its_history_when_reopened(self):
        """Reopening a lost lead appends to its history; nothing is forgotten."""
        lead = did(acme_lead(), "webinar_attendance", T0)
        lead = walk(
            lead,
            ("qualify_marketing", {}),
            ("accept", {"actor": "rep-7"}),
            ("lose", {"reason": LostReason.COMPETITOR}),
        )
        assert lead.stage == "lost"
        reopened = B2B.send(lead, "reopen", at=T0 + 30 * DAY)
        assert reopened.stage == "prospect"
        assert reopened.history[:3] == lead.history
        assert [c.event for c in reopened.history] == [
            "qualify_marketing",
            "accept",
            "lose",
            "reopen",
        ]
        assert reopened.history[2].reason == "competitor"
        B2B.validate_history(reopened)

    def test_lose_needs_a_known_reason(self):
        """Losing a lead needs one of the LostReason values."""
        lead = acme_lead(stage="opportunity")
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "lose", at=T0)
        assert exc.value.unmet[0].startswith("a reason is required, one of: competitor")
        with pytest.raises(pl.TransitionNotAllowedError) as exc:
            B2B.send(lead, "lose", at=T0, reason="the moon")
        assert exc.value.unmet[0].startswith("the reason must be one of:")
        assert (
            B2B.send(lead, "lose", at=T0, reason="price").history[-1].reason == "price"
        )

    def test_nurture_needs_a_reason_and_new_engagement_reengages(self):
        """A nurtured lead goes back to MQL only on engagement after it was parked."""
        lead = did(acme_lead(), "webinar_attendance", T0)
        lead = walk(
            lead, ("qualify_marketing", {}), ("nurture", {"reason": "no budget"})
        )
        parked_at = lead.stage_entered_at
        assert "reengage" not in B2B.allowed_events(lead, at=parked_at + DAY)
        lead = did(lead, "email_click", parked_at + 5 * DAY)
        back = B2B.send(lead, "reengage", at=parked_at + 6 * DAY)
        assert back.stage == "marketing_qualified"

    def test_disqualified_is_final(self):
        """A disqualified lead accepts no event."""
        lead = B2B.send(acme_lead(), "disqualify", at=T0, reason="student")
        assert B2B.allowed_events(lead, at=T0 + DAY) == ()
        assert B2B.events_from("disqualified") == ()
        with pytest.raises(
            pl.TransitionNotAllowedError, match="events from 'disqualified': none"
        ):
            B2B.send(lead, "reopen", at=T0 + DAY)

    def test_customer_becomes_advocate_on_referral(self):
        """A customer who refers someone becomes an advocate, the final stage."""
        lead = acme_lead(stage="opportunity")
        lead = B2B.send(lead, "win", at=T0 + DAY)
        lead = did(lead, "referral_made", T0 + 20 * DAY)
        assert B2B.send(lead, "advocate", at=T0 + 20 * DAY).stage == "advocate"


class TestSlas:
    def test_mql_is_due_within_a_day(self):
        """Speed to lead: an MQL is within, then due soon, then overdue."""
        lead = acme_lead(stage="marketing_qualified")
        within = B2B.sla_status(lead, at=T0 + dt.timedelta(hours=2))
        soon = B2B.sla_status(lead, at=T0 + dt.timedelta(hours=20))
        late = B2B.sla_status(lead, at=T0 + dt.timedelta(hours=25))
        assert [s.state.value for s in (within, soon, late)] == [
            "within",
            "due_soon",
            "overdue",
        ]
        assert late.due_at == T0 + DAY
        assert late.remaining == -dt.timedelta(hours=1)

    def test_stage_without_sla(self):
        """A prospect has no SLA."""
        status = B2B.sla_status(acme_lead(), at=T0)
        assert status.state is pl.lifecycle.SlaState.NONE
        assert status.due_at is None

    def test_overdue_lists_the_most_overdue_first(self):
        """overdue() picks leads past their SLA, most overdue first."""
        mql_old = acme_lead(id="A", stage="marketing_qualified")
        mql_new = acme_lead(id="B", stage="marketing_qualified", created_at=T0 + DAY)
        sql = acme_lead(id="C", stage="sales_qualified")
        fresh = acme_lead(id="D", stage="marketing_qualified", created_at=T0 + 3 * DAY)
        prospect = acme_lead(id="E")
        found = B2B.overdue(
            [prospect, mql_new, fresh, sql, mql_old], at=T0 + 3 * DAY + DAY / 2
        )
        assert [lead.id for lead in found] == ["A", "B", "C"]
