"""The B2C pipeline, through a shopper's journey."""

import datetime as dt

import pytest

import prospectlib as pl
from prospectlib.lifecycle import b2c_pipeline
from tests.helpers import DAY

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
B2C = b2c_pipeline()


def shopper(**kwargs) -> pl.Lead:
    return pl.Lead(id="C-1", created_at=T0, source="social", stage="visitor", **kwargs)


def act(lead: pl.Lead, activity: str, days: float) -> pl.Lead:
    return lead.with_interactions(pl.Interaction(activity=activity, at=T0 + days * DAY))


def buy(lead: pl.Lead, days: float) -> pl.Lead:
    return lead.with_purchases(
        pl.Purchase(at=T0 + days * DAY, amount="59.90", currency="EUR")
    )


class TestJourney:
    def test_from_visitor_to_advocate(self):
        """A shopper signs up, fills a cart, buys twice and writes a review."""
        lead = act(shopper(), "newsletter_signup", 1)
        lead = B2C.send(lead, "engage", at=T0 + DAY)
        lead = act(lead, "cart_add", 2)
        lead = B2C.send(lead, "consider", at=T0 + 2 * DAY)
        lead = buy(lead, 3)
        lead = B2C.send(lead, "purchase", at=T0 + 3 * DAY)
        assert "repurchase" not in B2C.allowed_events(lead, at=T0 + 3 * DAY)
        lead = buy(lead, 40)
        lead = B2C.send(lead, "repurchase", at=T0 + 40 * DAY)
        lead = act(lead, "review_written", 41)
        lead = B2C.send(lead, "advocate", at=T0 + 41 * DAY)
        assert [c.target for c in lead.history] == [
            "engaged",
            "considering",
            "customer",
            "repeat_customer",
            "advocate",
        ]
        B2C.validate_history(lead)
        assert B2C.allowed_events(lead, at=T0 + 50 * DAY) == ()

    def test_three_visits_engage(self):
        """Coming back three times counts as engagement."""
        lead = shopper()
        for day in (1, 2):
            lead = act(lead, "website_visit", day)
        assert "engage" not in B2C.allowed_events(lead, at=T0 + 2 * DAY)
        lead = act(lead, "website_visit", 3)
        assert "engage" in B2C.allowed_events(lead, at=T0 + 3 * DAY)

    def test_customer_lapses_after_half_a_year_of_silence(self):
        """A customer silent for 180 days lapses, and comes back on new activity."""
        lead = buy(shopper(), 1)
        lead = B2C.send(lead, "purchase", at=T0 + DAY)
        assert "lapse" not in B2C.allowed_events(lead, at=T0 + 100 * DAY)
        lead = B2C.send(lead, "lapse", at=T0 + 200 * DAY)
        assert lead.stage == "lapsed"
        assert "reactivate" not in B2C.allowed_events(lead, at=T0 + 201 * DAY)
        lead = act(lead, "email_click", 210)
        assert B2C.send(lead, "reactivate", at=T0 + 210 * DAY).stage == "engaged"

    def test_unsubscribe(self):
        """An unsubscribe moves any shopper to unsubscribed."""
        lead = act(shopper(), "unsubscribe", 1)
        moved = B2C.send(lead, "unsubscribe", at=T0 + DAY)
        assert moved.stage == "unsubscribed"
        with pytest.raises(pl.TransitionNotAllowedError):
            B2C.send(moved, "engage", at=T0 + 2 * DAY)


class TestOptingOut:
    def test_an_unsubscribe_cannot_reactivate_its_own_lead(self):
        """The unsubscribe itself is no reason to come back, even at one instant."""
        lead = act(act(shopper(), "social_engagement", 1), "unsubscribe", 1)
        at = T0 + DAY
        lead = B2C.send(lead, "unsubscribe", at=at)
        assert B2C.allowed_events(lead, at=at) == ()
        assert B2C.check(lead, "reactivate", at=at).unmet[0].startswith("no ")

    def test_coming_back_after_opting_out(self):
        """New activity after an unsubscribe reactivates; the old opt-out is history."""
        lead = B2C.send(act(shopper(), "unsubscribe", 1), "unsubscribe", at=T0 + DAY)
        lead = act(lead, "cart_add", 5)
        lead = B2C.send(lead, "reactivate", at=T0 + 5 * DAY)
        assert lead.stage == "engaged"
        assert "unsubscribe" not in B2C.allowed_events(lead, at=T0 + 5 * DAY)
        lead = act(lead, "unsubscribe", 9)
        assert "unsubscribe" in B2C.allowed_events(lead, at=T0 + 9 * DAY)
