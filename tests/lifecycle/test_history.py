"""Questions about a lead's stage history."""

import datetime as dt

import pytest

import prospectlib as pl
from prospectlib import lifecycle as lc
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def nurtured_twice() -> pl.Lead:
    def change(event, source, target, days):
        return pl.StageChange(
            event=event, source=source, target=target, at=T0 + days * DAY
        )

    return pl.Lead(
        id="L-1",
        created_at=T0,
        stage="marketing_qualified",
        history=[
            change("qualify_marketing", "prospect", "marketing_qualified", 2),
            change("nurture", "marketing_qualified", "nurture", 3),
            change("reengage", "nurture", "marketing_qualified", 10),
            change("nurture", "marketing_qualified", "nurture", 12),
            change("reengage", "nurture", "marketing_qualified", 20),
        ],
    )


class TestVisits:
    def test_lead_without_history_has_one_open_visit(self):
        """A new lead has been in its stage since it was created."""
        (visit,) = lc.stage_visits(pl.Lead(id="L", created_at=T0))
        assert visit == lc.StageVisit(stage="prospect", entered_at=T0, exited_at=None)

    def test_visits_follow_the_history(self):
        """Each change closes one visit and opens the next."""
        visits = lc.stage_visits(nurtured_twice())
        assert [v.stage for v in visits] == [
            "prospect",
            "marketing_qualified",
            "nurture",
            "marketing_qualified",
            "nurture",
            "marketing_qualified",
        ]
        assert visits[0].exited_at == T0 + 2 * DAY
        assert visits[-1].exited_at is None

    def test_entered_and_exited(self):
        """The last (or first) entry and the last exit of a stage."""
        lead = nurtured_twice()
        assert lc.entered_at(lead, "nurture") == T0 + 12 * DAY
        assert lc.entered_at(lead, "nurture", first=True) == T0 + 3 * DAY
        assert lc.exited_at(lead, "nurture") == T0 + 20 * DAY
        assert lc.exited_at(lead, "marketing_qualified") == T0 + 12 * DAY
        assert lc.entered_at(lead, "customer") is None
        assert lc.exited_at(lead, "customer") is None


class TestTime:
    def test_time_in_current_stage(self):
        """Time in stage counts from the last entry."""
        assert lc.time_in_stage(nurtured_twice(), at=T0 + 25 * DAY) == 5 * DAY

    def test_time_in_stage_before_entry_is_refused(self):
        """Asking about a moment before the lead entered its stage is an error."""
        with pytest.raises(pl.ValidationError, match=r"^at: "):
            lc.time_in_stage(nurtured_twice(), at=T0)

    def test_re_entries_add_up(self):
        """Cumulative time per stage sums every visit, the open one up to at."""
        totals = lc.time_per_stage(nurtured_twice(), at=T0 + 25 * DAY)
        assert totals == {
            "prospect": 2 * DAY,
            "marketing_qualified": DAY + 2 * DAY + 5 * DAY,
            "nurture": 7 * DAY + 8 * DAY,
        }
        assert sum(totals.values(), dt.timedelta(0)) == 25 * DAY

    def test_time_per_stage_at_a_past_moment(self):
        """Visits after at are left out and the visit at falls in is cut there."""
        totals = lc.time_per_stage(nurtured_twice(), at=T0 + 5 * DAY)
        assert totals == {
            "prospect": 2 * DAY,
            "marketing_qualified": DAY,
            "nurture": 2 * DAY,
        }

    def test_naive_time_is_refused(self):
        """Time questions refuse naive datetimes."""
        with pytest.raises(pl.ValidationError):
            lc.time_per_stage(nurtured_twice(), at=dt.datetime(2026, 5, 1))  # noqa: DTZ001


class TestSla:
    def test_sla_status_before_entry_is_refused(self):
        """An SLA question about a moment before the stage began is an error."""
        b2b = lc.b2b_pipeline()
        with pytest.raises(pl.ValidationError):
            b2b.sla_status(nurtured_twice(), at=T0)

    def test_due_soon_boundary(self):
        """due_soon before the end, and the end itself, count as due soon."""
        b2b = lc.b2b_pipeline()
        lead = pl.Lead(id="L", created_at=T0, stage="marketing_qualified")
        at_boundary = b2b.sla_status(lead, at=T0 + DAY - dt.timedelta(hours=6))
        at_end = b2b.sla_status(lead, at=T0 + DAY)
        assert at_boundary.state is lc.SlaState.DUE_SOON
        assert at_end.state is lc.SlaState.DUE_SOON
        assert at_end.remaining == dt.timedelta(0)
        assert b2b.sla_status(lead, at=T0).state is lc.SlaState.WITHIN
