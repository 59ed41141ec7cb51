import datetime as dt
from decimal import Decimal

import pytest

import prospectlib as pl
from tests.helpers import T0
from tests.helpers import only_problem


class TestInteraction:
    def test_webinar_attendance(self):
        """An interaction records what, when, where and how much."""
        i = pl.Interaction(
            activity="webinar_attendance",
            at=T0,
            channel="web",
            value=3600,
            detail="Routing 101",
        )
        assert i.activity is pl.Activity.WEBINAR_ATTENDANCE
        assert i.channel is pl.Channel.WEB

    @pytest.mark.parametrize(
        ("kwargs", "path", "expected"),
        [
            ({"activity": "dance"}, "Interaction.activity", "one of 'website_visit'"),
            ({"activity": 3}, "Interaction.activity", "one of"),
            ({"at": None}, "Interaction.at", "a timezone-aware datetime (got None)"),
            ({"channel": "pigeon"}, "Interaction.channel", "one of 'email'"),
            ({"value": float("nan")}, "Interaction.value", "a finite number (got NaN"),
            ({"value": "3"}, "Interaction.value", "a finite number (got a value"),
            ({"value": True}, "Interaction.value", "a finite number (got a value"),
            ({"value": 10**400}, "Interaction.value", "a finite number (got NaN, inf"),
            ({"detail": ""}, "Interaction.detail", "a non-empty string"),
        ],
    )
    def test_bad_fields(self, kwargs, path, expected):
        """Each bad interaction field is named with what was expected."""
        fields = {"activity": "call", "at": T0, **kwargs}
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Interaction(**fields)
        got_path, got_expected = only_problem(exc)
        assert got_path == path
        assert got_expected.startswith(expected)


class TestPurchase:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            ("19.99", Decimal("19.99")),
            (19.99, Decimal("19.99")),
            (20, Decimal(20)),
            (Decimal(0), Decimal(0)),
        ],
    )
    def test_amount_becomes_exact_decimal(self, amount, expected):
        """Amounts are stored as exact Decimals whatever numeric form they came in."""
        assert pl.Purchase(at=T0, amount=amount, currency="EUR").amount == expected

    def test_defaults(self):
        """A purchase is one unit unless said otherwise."""
        p = pl.Purchase(
            at=T0, amount="5", currency="GBP", product="Mug", reference="INV-1"
        )
        assert p.quantity == 1

    @pytest.mark.parametrize(
        ("kwargs", "path"),
        [
            ({"amount": "-1"}, "Purchase.amount"),
            ({"amount": True}, "Purchase.amount"),
            ({"amount": None}, "Purchase.amount"),
            ({"currency": "eur"}, "Purchase.currency"),
            ({"currency": "EURO"}, "Purchase.currency"),
            ({"currency": 978}, "Purchase.currency"),
            ({"quantity": -2}, "Purchase.quantity"),
            ({"at": dt.datetime(2026, 1, 1)}, "Purchase.at"),  # noqa: DTZ001
        ],
    )
    def test_bad_fields(self, kwargs, path):
        """Negative amounts or quantities and malformed currencies are refused."""
        fields = {"at": T0, "amount": "1", "currency": "EUR", **kwargs}
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Purchase(**fields)
        assert only_problem(exc)[0] == path

    def test_zero_amount_is_allowed(self):
        """A free sample is still a purchase (CDNOW has zero-dollar rows)."""
        assert pl.Purchase(at=T0, amount=0, currency="USD", quantity=0).amount == 0


class TestObjection:
    def test_resolution_before_raising_is_refused(self):
        """An objection cannot be resolved before it was raised."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Objection(
                kind="price", raised_at=T0, resolved_at=T0 - dt.timedelta(seconds=1)
            )
        assert only_problem(exc) == (
            "Objection.resolved_at",
            "a time on or after raised_at",
        )

    def test_is_open(self):
        """An objection is open from raised_at until resolved_at."""
        o = pl.Objection(
            kind="shipping_cost", raised_at=T0, resolved_at=T0 + dt.timedelta(1)
        )
        assert not o.is_open()
        assert not o.is_open(T0 - dt.timedelta(1))
        assert o.is_open(T0)
        assert not o.is_open(T0 + dt.timedelta(1))


class TestEvidence:
    def test_bant_evidence(self):
        """Evidence names a criterion and a verdict."""
        ev = pl.Evidence(criterion="budget", verdict="met", at=T0, note="20k approved")
        assert ev.verdict is pl.Verdict.MET

    def test_bad_verdict(self):
        """A verdict outside met/unmet/unknown is refused."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Evidence(criterion="budget", verdict="maybe", at=T0)
        assert only_problem(exc) == (
            "Evidence.verdict",
            "one of 'met', 'unmet', 'unknown'",
        )


class TestConsent:
    def test_default_is_unknown_and_does_not_permit(self):
        """Without an answer, contact is not permitted."""
        consent = pl.Consent(channel="sms")
        assert consent.status is pl.ConsentStatus.UNKNOWN
        assert not consent.permits

    def test_legitimate_interest_without_grant_does_not_permit(self):
        """A lawful basis alone is not a grant."""
        consent = pl.Consent(channel="email", basis="legitimate_interests")
        assert consent.basis is pl.LawfulBasis.LEGITIMATE_INTERESTS
        assert not consent.permits

    def test_bad_basis(self):
        """An unknown lawful basis is refused."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.Consent(channel="email", basis="because")
        assert only_problem(exc)[0] == "Consent.basis"


class TestStageChange:
    def test_needs_event_source_target_and_time(self):
        """A stage change names its event and both stages."""
        with pytest.raises(pl.InvalidLeadError) as exc:
            pl.StageChange(event="", source="a", target="b", at=T0)
        assert only_problem(exc)[0] == "StageChange.event"
